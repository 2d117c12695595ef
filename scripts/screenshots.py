#!/usr/bin/env python
"""Render the main screens on the demo data into docs/screenshots/*.png (offscreen, no display).

The demo calls are transcribed with the real pipeline first (cached on disk by content, so a
second run takes seconds). Usage: ``python scripts/screenshots.py [--out docs/screenshots]``
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
MANIFEST = ROOT / "resources" / "demo" / "manifest.csv"
SIZE = (1440, 900)


def transcribe_demo(db) -> None:  # noqa: ANN001
    """Transcribe every readable demo call (in this process) and store it."""
    from qa_desk.asr.options import TranscribeOptions
    from qa_desk.asr.pipeline import Transcriber
    from qa_desk.services.analysis import analyze
    from qa_desk.storage.models import Deal, Recording
    from qa_desk.storage.transcripts import save_transcript

    options = TranscribeOptions()
    transcriber = Transcriber(options)
    with db.session() as session:
        recordings = session.query(Recording).filter(Recording.state != "failed").all()
        for recording in recordings:
            print(f"  распознаю {Path(recording.path).name}", flush=True)
            result = transcriber.transcribe(recording.path)
            save_transcript(session, recording, result, model=options.model, options_key=options.cache_key())
        session.flush()
        for deal in session.query(Deal).all():
            analyze(session, deal.id)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    profile = Path(tempfile.mkdtemp(prefix="qa-desk-shots-"))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["QA_DESK_DATA_DIR"] = str(profile / "data")

    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(profile))

    from qa_desk.importing.service import import_manifest
    from qa_desk.storage import repositories as repo
    from qa_desk.storage.db import Database
    from qa_desk.ui.app import create_application

    app = create_application()
    db = Database(f"sqlite:///{profile / 'demo.sqlite3'}")
    import_manifest(db, MANIFEST)
    print("Распознаю демо-звонки (из кэша, если уже распознаны)…")
    transcribe_demo(db)

    from qa_desk.domain.identity import LocalIdentity
    from qa_desk.services.identity import sync_users
    from qa_desk.ui.main_window import MainWindow

    identity = LocalIdentity(sync_users(db), "olga")
    window = MainWindow(db, identity)
    window.resize(*SIZE)
    window.show()
    args.out.mkdir(parents=True, exist_ok=True)

    def settle() -> None:
        for _ in range(5):
            app.processEvents()

    def shot(widget, name: str) -> None:  # noqa: ANN001
        settle()
        path = args.out / name
        widget.grab().save(str(path))
        print(f"  {path.relative_to(ROOT)}")

    window.queue.reload()
    window.tabs.setCurrentWidget(window.queue)
    shot(window, "queue.png")

    with db.session() as session:
        deal_id = repo.get_deal(session, "D-1001").id
    window.open_deal(deal_id)
    view = window.deal_view
    while view.analysis is None:
        settle()
    budget_answer = next((e for e in view.evidence if e.kind == "answer"), view.evidence[0] if view.evidence else None)
    if budget_answer is not None:
        view.open_at(budget_answer.recording_id, budget_answer.start + 0.3, play=False)
    shot(window, "deal.png")

    if window.search is not None:
        window.tabs.setCurrentWidget(window.search.parentWidget())
        window.search.set_query("директора")
        shot(window, "search.png")
    if window.supervisor is not None:
        window.tabs.setCurrentWidget(window.supervisor.parentWidget())
        if hasattr(window.supervisor, "refresh"):
            window.supervisor.refresh()
        shot(window, "supervisor.png")
    try:
        import qa_desk.ui.review_wizard  # noqa: F401
    except ImportError:
        pass
    else:
        window.tabs.setCurrentWidget(view)
        window.start_review(deal_id)
        if window.review_dialog is not None:
            shot(window.review_dialog, "review.png")
            window.review_dialog.close()
    window.close()
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
