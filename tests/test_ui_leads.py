"""«Лиды по договору» on the transcribed demo leads, driven offscreen with pytest-qt."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest_leads import CONTRACT_NAME, LEADS_DEMO

from qa_desk.evidence import verify_pack
from qa_desk.leads import DecisionKind, LeadStatus

pytestmark = pytest.mark.slow


@pytest.fixture
def view(qtbot, lead_services):  # noqa: ANN001, ANN201
    from qa_desk.ui.leads_view import LeadsView

    widget = LeadsView(lead_services)
    qtbot.addWidget(widget)
    widget.resize(1400, 800)
    widget.show()
    yield widget
    widget.shutdown()


def _statuses(view) -> dict[str, str]:  # noqa: ANN001
    return {view.table.item(r, 0).text(): view.table.item(r, 3).text() for r in range(view.table.rowCount())}


def test_check_decide_and_pack_from_the_view(qtbot, view, tmp_path: Path) -> None:  # noqa: ANN001
    assert view.contracts.currentText() == CONTRACT_NAME and "версия 1" in view.contract_label.text()
    assert view.table.rowCount() == 0
    view.check_button.click()
    assert view.busy  # the check runs on a worker thread; the window stays free
    qtbot.waitUntil(lambda: not view.busy, timeout=60_000)
    statuses = _statuses(view)
    assert len(statuses) == 10 and statuses["L-201"] == "засчитан" and statuses["L-209"] == "спорный"

    view.select_leads(["L-210"])
    html = view.page.toHtml()
    assert "Лид L-210" in html and "Автоматическая проверка" in html
    view.question.setCurrentIndex(view.question.findData("timing"))
    view.comment.setText("Перезвонили: закупка в мае")
    view.decide(DecisionKind.PASSED)
    assert _statuses(view)["L-210"] == LeadStatus.QUALIFIED.label
    assert "Решение проверяющего" in view.page.toHtml()

    view.select_leads(["L-204", "L-210"])
    assert view.selected_leads() == ["L-204", "L-210"]
    out = tmp_path / "pack.zip"
    view.mask.setChecked(True)
    view.start_pack(view.selected_leads(), out)
    qtbot.waitUntil(lambda: not view.busy, timeout=60_000)
    assert view.last_pack is not None and view.last_pack.path == out
    assert "SHA-256 манифеста" in view.pack_label.text()
    assert verify_pack(out, LEADS_DEMO / "calls").ok


def test_a_manager_cannot_check_decide_or_pack(qtbot, lead_services) -> None:  # noqa: ANN001
    from qa_desk.ui.leads_view import LeadsView

    manager = lead_services.as_user(lead_services.users.get("anna.lidova"))
    widget = LeadsView(manager)
    qtbot.addWidget(widget)
    assert not widget.check_button.isEnabled() and not widget.pack_button.isEnabled()
    assert not any(b.isEnabled() for b in widget.decision_buttons) and not widget.comment.isEnabled()
    widget.shutdown()


def test_the_main_window_has_the_leads_page(qtbot, lead_services) -> None:  # noqa: ANN001
    from qa_desk.ui.main_window import MainWindow

    window = MainWindow(lead_services)
    qtbot.addWidget(window)
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert "Лиды по договору" in titles and window.leads.contracts.count() == 1
    window.close()
