"""Render the «Интеграция с CRM» page offscreen into docs/screenshots/crm_settings.png (fake Bitrix24)."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["QA_DESK_DATA_DIR"] = tempfile.mkdtemp(prefix="qa-desk-shot-")
os.environ["QA_DESK_SECRETS"] = "file"


def main() -> None:
    from fakes.crm_seed import seed_b24
    from fakes.crm_server import FakeCrm
    from PySide6.QtWidgets import QApplication

    from qa_desk.services import Services
    from qa_desk.ui.crm_settings import CrmSettingsWidget
    from qa_desk.ui.style import apply as apply_style

    app = QApplication([])
    apply_style(app)
    fake = FakeCrm().start()
    seed_b24(fake)
    services = Services.open(f"sqlite:///{os.environ['QA_DESK_DATA_DIR']}/shot.sqlite3")
    services.users.sync()
    admin = services.as_user(services.users.get("admin"))
    admin.crm.connect("bitrix24", "https://technosnab.bitrix24.ru", {"webhook": fake.webhook_url})
    admin.crm.load_lists()
    admin.crm.check()
    admin.crm_sync.sync()
    page = CrmSettingsWidget(admin)
    page.resize(1100, 720)
    page.show()
    app.processEvents()
    out = ROOT / "docs" / "screenshots" / "crm_settings.png"
    page.grab().save(str(out))
    print(out)
    page.shutdown()
    services.close()
    fake.stop()


if __name__ == "__main__":
    main()
