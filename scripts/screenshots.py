#!/usr/bin/env python
"""Render the main screens on the demo data into docs/screenshots/ (offscreen, no display).

Two sizes: a large monitor (1600×1000, ``docs/screenshots/*.png``) and a 1366×768 laptop
(``docs/screenshots/1366x768/*.png``). Each size starts from a fresh copy of the demo database and
walks a controller's day: the queue, a deal, search with its preview, the callback review with the
callback recording attached, the verdict, the history, a deal with a damaged call, the
supervisor's figures with a drill-down. The demo calls are transcribed with the real pipeline
first (cached on disk by content, so a second run takes seconds).

Usage: ``python scripts/screenshots.py [--out docs/screenshots] [--only 1366x768]``
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
MANIFEST = ROOT / "resources" / "demo" / "manifest.csv"
CALLBACK = ROOT / "tests" / "fixtures" / "audio" / "mono_short.wav"  # stands in for a recorded callback
SIZES = {"large": (1600, 1000), "1366x768": (1366, 768)}


def transcribe_demo(services) -> None:  # noqa: ANN001
    """Transcribe every readable demo call (in this process) and store it, with its deal's analysis."""
    from qa_desk.asr.pipeline import Transcriber

    transcription = services.transcription
    options = transcription.options()
    transcriber = Transcriber(options)
    for job in transcription.claim(options, retry_failed=False):
        print(f"  распознаю {Path(job.path).name}", flush=True)
        transcription.store_result(job.recording_id, transcriber.transcribe(job.path), options)


def walk_false_refusal(wizard) -> None:  # noqa: ANN001
    """D-1001 the way a controller fills it in: the client has a budget, nobody called back."""
    wizard.fields["client_answer"].setText("Нет, бюджет есть — просто менеджер так и не перезвонил")
    wizard.next_button.click()
    wizard.fields["what_would_help"].setText("Рассрочка на полгода и пусконаладка до мая")
    wizard.next_button.click()
    wizard.fields["reason_confirmed"].setCurrentIndex(wizard.fields["reason_confirmed"].findData("no"))
    wizard.fields["real_reason"].setCurrentIndex(wizard.fields["real_reason"].findData("не сейчас"))
    wizard.fields["real_budget"].setText("1 500 000")
    wizard.fields["real_timing"].setText("апрель")
    wizard.next_button.click()
    wizard.manager_box.setCurrentIndex(wizard.manager_box.findText("Мария Соколова"))
    wizard.violation_box.setCurrentIndex(wizard.violation_box.findData("client_dropped"))
    wizard.verdict_page.penalty_box.setValue(2.0)  # raised within the company's rule (≥ 1 %)


def seed_reviews(services) -> None:  # noqa: ANN001
    """More verdicts through the review service, so the supervisor's figures are not all «1»."""
    from qa_desk.domain.statuses import Status
    from qa_desk.domain.verdicts import Verdict

    users = {u.id: u for u in services.users.active()}
    olga, head = services.as_user(users["olga"]), services.as_user(users["head"])
    alexey = services.managers.find("Алексей Смирнов")

    def confirm(as_user, deal: str) -> None:  # noqa: ANN001
        as_user.review.start(deal)
        as_user.review.save_answer(deal, "reason_confirmed", "yes")
        as_user.review.apply_verdict(deal, Verdict.REFUSAL_CONFIRMED)

    confirm(head, "D-1002")  # Мария Соколова: the client did choose a competitor
    manager = next(u for u in users.values() if u.manager_id == alexey)
    services.as_user(manager).statuses.request_refusal("D-1003", "маленький бюджет")
    confirm(olga, "D-1003")
    olga.review.start("D-1004")
    olga.review.save_answer("D-1004", "reason_confirmed", "no")
    olga.review.apply_verdict(
        "D-1004", Verdict.FALSE_REFUSAL,
        new_manager_id=services.managers.find("Иван Петров"), violation="falsified_reason",
    )  # fmt: skip
    maria = next(u for u in users.values() if u.display_name == "Мария Соколова")
    services.as_user(maria).statuses.change("D-1001", Status.WON)  # the returned deal was won after all


def render(app, template: Path, profile: Path, out: Path, size: tuple[int, int]) -> None:  # noqa: ANN001
    """Walk the day on a fresh copy of the demo database and save each screen into ``out``."""
    from PySide6.QtCore import QSettings

    from qa_desk.services import Services
    from qa_desk.ui.main_window import MainWindow

    QSettings().clear()  # each size starts with the layout a first start has
    db = profile / f"demo-{size[0]}.sqlite3"
    shutil.copyfile(template, db)
    services = Services.open(f"sqlite:///{db}")
    window = MainWindow(services.as_user(services.users.get("olga")))
    window.transcriber.enqueue_deal = lambda *_a, **_kw: 0  # everything is transcribed already
    window.resize(*size)
    window.show()
    out.mkdir(parents=True, exist_ok=True)

    def settle() -> None:
        for _ in range(8):
            app.processEvents()

    def shot(widget, name: str) -> None:  # noqa: ANN001
        settle()
        assert window.size().width() == size[0], f"the window resized itself to {window.size()}"
        path = out / name
        widget.grab().save(str(path))
        print(f"  {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")

    window.queue.reload()
    window.tabs.setCurrentWidget(window.queue)
    shot(window, "queue.png")

    deal_id = services.deals.card("D-1001").deal_id
    window.open_deal(deal_id)
    view = window.deal_view
    while view.analysis is None:
        settle()
    budget_answer = next((e for e in view.evidence if e.kind == "answer"), view.evidence[0] if view.evidence else None)
    if budget_answer is not None:
        view.open_at(budget_answer.recording_id, budget_answer.start + 0.3, play=False)
    shot(window, "deal.png")

    window.tabs.setCurrentWidget(window.search.parentWidget())
    window.search.set_query("директора")
    window.search.results.setCurrentRow(0)  # a single click: the preview, nothing plays
    shot(window, "search.png")

    # The callback wizard beside the transcript, at its first step: the filled text to read aloud.
    window.start_review(deal_id)
    wizard = view.wizard
    assert wizard is not None, "the review wizard did not open"
    wizard.start_button.click()
    wizard.attach(CALLBACK, None)  # the controller's own call, shown apart as «КК»
    transcribe_demo(services)
    view.reload()
    view.transcript.scroll_to(view.timeline.entries[-1].recording_id)  # the callback, apart: «Контролёр»
    shot(window, "review.png")
    walk_false_refusal(wizard)
    shot(window, "review_verdict.png")
    wizard.submit_verdict()
    assert not wizard.error.text(), wizard.error.text()
    view.side_tabs.setCurrentWidget(view.audit_page)
    shot(window, "audit.png")

    window.open_deal(services.deals.card("D-1004").deal_id)  # its second call is a damaged file
    while view.analysis is None and view.workspace is not None and any(c.transcribed for c in view.workspace.calls):
        settle()
    view.side_tabs.setCurrentWidget(view.questions)
    shot(window, "deal_unchecked_call.png")

    seed_reviews(services)
    supervisor = window.supervisor
    assert supervisor is not None
    window.tabs.setCurrentWidget(supervisor.parentWidget())
    supervisor.refresh()
    supervisor.tabs.setCurrentIndex(0)  # reasons: confirmed vs false
    supervisor.panels[0].table.selectRow(0)  # drill-down: the deals behind the row
    shot(window, "supervisor.png")
    window.close()
    services.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--only", choices=sorted(SIZES), help="render one size only")
    args = parser.parse_args()
    profile = Path(tempfile.mkdtemp(prefix="qa-desk-shots-"))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["QA_DESK_DATA_DIR"] = str(profile / "data")
    from qa_desk.cli.app import DEMO_COMPANY

    os.environ.setdefault("QA_DESK_COMPANY", DEMO_COMPANY)  # said in the callback script, as in `qa-desk demo`

    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(profile))

    from qa_desk.services import Services
    from qa_desk.ui.app import create_application

    app = create_application()
    template = profile / "demo.sqlite3"
    services = Services.open(f"sqlite:///{template}")
    services.imports.import_manifest(MANIFEST)
    print("Распознаю демо-звонки (из кэша, если уже распознаны)…")
    transcribe_demo(services)
    services.users.sync()
    head = services.as_user(services.users.get("head"))
    head.managers.set_pay(services.managers.find("Иван Петров"), salary="85000")
    services.close()
    for name, size in SIZES.items():
        if args.only in (None, name):
            print(f"{name}: {size[0]}×{size[1]}")
            render(app, template, profile, args.out if name == "large" else args.out / name, size)
    return 0


if __name__ == "__main__":
    sys.exit(main())
