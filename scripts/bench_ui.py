#!/usr/bin/env python
"""Workspace speed: opening a transcribed 10-call deal, and event-loop lag while transcribing.

1. Open: a deal of 10 calls (about an hour of speech: ``long_call.mp3`` transcribed once, stored
   10 times) is opened in the real main window and painted (``grab()``). Target ≤ 200 ms. Baseline in
   the same run: ``QTextEdit.setPlainText`` of the same words plus a paint, i.e. the least any view
   of this text can cost.
2. Lag: a 10 ms QTimer records how late it fires while the real ``TranscriptionController`` runs
   the worker process on a real file (no cache), stores the transcript and refreshes the analysis.
   Target: never more than 50 ms. Baseline: the same timer with nothing running.

Usage: ``python scripts/bench_ui.py [--calls 10] [--audio tests/fixtures/audio/long_call.mp3]``
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
AUDIO = ROOT / "tests" / "fixtures" / "audio" / "long_call.mp3"
OPEN_TARGET_MS = 200.0
LAG_TARGET_MS = 50.0
TICK_MS = 10


def line(name: str, value: float, target: float | None, baseline: float | None, unit: str = "ms") -> None:
    parts = [f"{name:<44} {value:8.1f} {unit}"]
    if target is not None:
        verdict = "OK" if value <= target else "SLOW"
        parts.append(f"target ≤ {target:.0f} {unit} (×{value / target:.2f}) {verdict}")
    if baseline:
        parts.append(f"baseline {baseline:.1f} {unit} (×{value / baseline:.1f})")
    print(" · ".join(parts))


def build_deal(db, audio: Path, calls: int) -> int:  # noqa: ANN001
    """A deal with ``calls`` recordings of ``audio``, all transcribed (ASR once, via its cache)."""
    from datetime import datetime, timedelta

    from qa_desk.asr.options import TranscribeOptions
    from qa_desk.asr.pipeline import Transcriber
    from qa_desk.storage import repositories as repo
    from qa_desk.storage.models import Deal, Recording
    from qa_desk.storage.transcripts import save_transcript

    options = TranscribeOptions()
    started = time.perf_counter()
    result = Transcriber(options).transcribe(audio)
    print(f"(ASR of {audio.name}: {time.perf_counter() - started:.1f} s, cached on disk for next runs)")
    with db.session() as session:
        deal = Deal(
            external_id="B-1",
            title="Десять звонков",
            client_company="ООО «Бенчмарк»",
            status="conditional_refusal",
            refusal_reason="маленький бюджет",
            amount=1_000_000,
            manager=repo.get_or_create_manager(session, "Иван Петров"),
        )
        session.add(deal)
        for i in range(calls):
            rec = Recording(
                deal=deal,
                path=str(audio),
                sha256=f"bench{i}",
                call_started_at=datetime(2026, 3, 1, 10) + timedelta(days=i),
                duration_ms=round(result.duration_s * 1000),
                channels=result.channels,
                state="pending",
            )
            session.add(rec)
            session.flush()
            save_transcript(session, rec, result, model=options.model, options_key=options.cache_key())
        session.flush()
        return deal.id


def bench_open(app, services, deal_id: int, rounds: int) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QTextEdit

    from qa_desk.ui.main_window import MainWindow

    services.analysis.analyze(deal_id)  # computed once, as the transcription controller does
    workspace = services.deals.open(deal_id)
    assert workspace is not None
    words = workspace.words
    plain = "\n".join(" ".join(w.text for w in t.words) for c in workspace.calls for t in c.turns)

    window = MainWindow(services)
    window.resize(1400, 880)
    window.show()
    app.processEvents()
    other = window.queue.model.rows[-1].deal_id

    baseline_edit = QTextEdit()
    baseline_edit.resize(900, 500)
    baseline_edit.show()
    base, ours, parts = [], [], {"load": [], "render": [], "analysis": []}
    for _ in range(rounds):
        window.deal_view.open_deal(other)  # a different deal first: no reuse
        app.processEvents()
        t0 = time.perf_counter()
        if os.environ.get("BENCH_PROFILE"):
            import cProfile
            import pstats

            prof = cProfile.Profile()
            prof.enable()
            window.open_deal(deal_id)
            window.grab()
            prof.disable()
            pstats.Stats(prof).sort_stats("tottime").print_stats(25)
        else:
            window.open_deal(deal_id)
            window.grab()
        ours.append((time.perf_counter() - t0) * 1000)
        for key, value in window.deal_view.timings.items():
            parts[key].append(value)
        baseline_edit.clear()
        app.processEvents()
        t0 = time.perf_counter()
        baseline_edit.setPlainText(plain)
        baseline_edit.grab()
        base.append((time.perf_counter() - t0) * 1000)
    b = statistics.median(base)
    print(f"\nOpen a transcribed deal: {len(workspace.calls)} calls, {words} words, median of {rounds}")
    line("open + paint (median)", statistics.median(ours), OPEN_TARGET_MS, b)
    line("open + paint (worst)", max(ours), OPEN_TARGET_MS, b)
    for key, values in parts.items():
        line(f"  of which {key}", statistics.median(values), None, None)
    window.close()


def bench_lag(app, services, audio: Path) -> None:  # noqa: ANN001
    from PySide6.QtCore import QTimer

    from qa_desk.asr.options import TranscribeOptions
    from qa_desk.ui.transcription import TranscriptionController

    manifest = Path(tempfile.mkdtemp()) / "m.csv"
    manifest.write_text(
        "deal_id,status,refusal_reason,recording,call_started_at\n"
        f"L-1,conditional_refusal,маленький бюджет,{audio},2026-03-01T10:00:00\n",
        encoding="utf-8",
    )
    services.imports.import_manifest(manifest)
    deal_id = services.deals.card("L-1").deal_id

    lags: list[float] = []
    expected = [0.0]

    spikes: list[tuple[float, float]] = []

    def tick() -> None:
        now = time.perf_counter()
        lag = max(0.0, (now - expected[0]) * 1000)
        lags.append(lag)
        if lag > LAG_TARGET_MS:
            spikes.append((now, lag))
        expected[0] = now + TICK_MS / 1000

    timer = QTimer()
    timer.setInterval(TICK_MS)
    timer.timeout.connect(tick)

    def measure(seconds: float) -> list[float]:
        lags.clear()
        expected[0] = time.perf_counter() + TICK_MS / 1000
        timer.start()
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            app.processEvents()
            time.sleep(0.001)
        timer.stop()
        return list(lags)

    idle = measure(3.0)
    controller = TranscriptionController(services, TranscribeOptions(use_cache=False))
    controller.warmed.result()  # the app does this while its window opens
    controller.warm_store().result()  # and this while the first call is decoded
    done: list[int] = []
    events: list[tuple[float, str]] = []
    controller.recording_done.connect(done.append)
    controller.recording_done.connect(lambda _rid: events.append((time.perf_counter(), "transcript stored")))
    controller.progress.connect(
        lambda _rid, f: events.append((time.perf_counter(), f"progress {f:.2f}")) if f in (0.0, 1.0) or not events else None
    )
    spikes.clear()
    lags.clear()
    expected[0] = time.perf_counter() + TICK_MS / 1000
    timer.start()
    t0 = time.perf_counter()
    queued = controller.enqueue_deal(deal_id)
    if not queued:
        print("nothing to transcribe in deal L-1?")
    events.append((time.perf_counter(), "worker started"))
    while controller.busy and time.perf_counter() - t0 < 900:
        app.processEvents()
        time.sleep(0.001)
    timer.stop()
    busy = list(lags)
    controller.shutdown()
    print(f"\nEvent loop while transcribing {audio.name} ({time.perf_counter() - t0:.1f} s, {len(busy)} ticks, "
          f"stored: {bool(done)})")
    p99 = sorted(busy)[int(len(busy) * 0.99)] if busy else 0.0
    idle_p99 = sorted(idle)[int(len(idle) * 0.99)] if idle else 0.0
    line("max timer lag", max(busy), LAG_TARGET_MS, max(max(idle), 0.1))
    for at, lag in spikes:
        near = min(events, key=lambda e: abs(e[0] - at)) if events else (at, "")
        print(f"    late by {lag:.0f} ms at +{at - t0:.2f} s (nearest event: {near[1]} at +{near[0] - t0:.2f} s)")
    line("p99 timer lag", p99, None, max(idle_p99, 0.1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--audio", type=Path, default=AUDIO)
    parser.add_argument("--calls", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--skip-lag", action="store_true")
    args = parser.parse_args()
    profile = Path(tempfile.mkdtemp(prefix="qa-desk-bench-"))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["QA_DESK_DATA_DIR"] = str(profile / "data")
    os.environ.setdefault("HOME", str(profile))

    from PySide6.QtCore import QSettings

    from qa_desk.services import Services
    from qa_desk.storage.uow import Storage
    from qa_desk.ui import style
    from qa_desk.ui.app import create_application

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(profile))
    app = create_application()
    style.apply(app)
    storage = Storage.open(f"sqlite:///{profile / 'bench.sqlite3'}")
    services = Services(storage)
    services.imports.import_manifest(ROOT / "resources" / "demo" / "manifest.csv")
    args.audio = args.audio.resolve()
    deal_id = build_deal(storage.db, args.audio, args.calls)  # synthetic data, written directly
    bench_open(app, services, deal_id, args.rounds)
    if not args.skip_lag:
        bench_lag(app, services, args.audio)
    services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
