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

    from qa_desk.domain.identity import LocalIdentity
    from qa_desk.services import crm_connections as conns
    from qa_desk.services import crm_sync, identity
    from qa_desk.storage.db import Database
    from qa_desk.ui.crm_settings import CrmSettingsWidget
    from qa_desk.ui.style import apply as apply_style

    app = QApplication([])
    apply_style(app)
    fake = FakeCrm().start()
    seed_b24(fake)
    db = Database(f"sqlite:///{os.environ['QA_DESK_DATA_DIR']}/shot.sqlite3")
    identity.sync_users(db)
    admin = identity.get_user(db, "admin")
    conns.connect(db, admin, "bitrix24", "https://technosnab.bitrix24.ru", {"webhook": fake.webhook_url})
    conns.load_lists(db, admin)
    conns.check(db)
    crm_sync.sync(db, admin)
    page = CrmSettingsWidget(db, LocalIdentity(identity.list_users(db), "admin"))
    page.resize(1100, 720)
    page.show()
    app.processEvents()
    out = ROOT / "docs" / "screenshots" / "crm_settings.png"
    page.grab().save(str(out))
    print(out)
    fake.stop()


if __name__ == "__main__":
    main()
