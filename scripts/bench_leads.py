#!/usr/bin/env python3
"""Lead verification at batch scale: checking 100 transcribed leads × 3 calls, and a pack of 30.

    flock /tmp/qa-desk-bench.lock .venv/bin/python scripts/bench_leads.py

A temporary database gets 100 leads of 3 calls each. The calls are the demo leads' recordings
(``resources/demo/leads``), already "transcribed": their transcripts are the dialogue specs' text laid
out in time, so no model runs. Each measured phase runs in its own process (time and peak RSS):

* ``check``  — ``services.leads.check`` of the 100 leads under the demo contract (a cold process);
* ``engine`` — baseline: the question engine alone (``analyze_deal``) on the same 300 transcripts;
* ``pack``   — ``services.evidence.build`` for 30 leads (clips, pages, Qt PDFs, manifest);
* ``zip``    — baseline: hashing the same 30 leads' originals and zipping them.

Targets (issue 15): check ≤ 10 s, pack ≤ 30 s on 2 cores. Ratios are against the same-run baselines.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "resources" / "demo" / "leads"
LEADS, CALLS, PACKED = 100, 3, 30
TURN_S = 4.0
TARGETS = {"check": 10.0, "pack": 30.0}


def _calls() -> list[tuple[Path, list[tuple[str, str]]]]:
    """The demo lead recordings that decode, with their dialogue turns."""
    out = []
    for spec in sorted((DEMO / "calls").rglob("*.toml")):
        data = tomllib.loads(spec.read_text(encoding="utf-8"))
        audio = spec.with_name(data["output"])
        out.append((audio, [(t["speaker"], t["text"]) for t in data["turn"]]))
    return out


def build(folder: Path) -> str:
    from qa_desk.domain.transcript import RecordingTranscript, Segment
    from qa_desk.services import Services

    calls = _calls()
    manifest = folder / "manifest.csv"
    with manifest.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["deal_id", "deal_title", "client_company", "contact_phone", "manager", "contract",
                         "recording", "call_started_at"])
        for i in range(LEADS):
            for k in range(CALLS):
                audio, _turns = calls[(i + 3 * k) % len(calls)]
                writer.writerow([f"B-{i:03d}", f"Лид {i}", f"ООО «Компания {i}»", f"+7 900 000-{i // 100:02d}-{i % 100:02d}",
                                 "Анна Лидова", "Лидогенерация: модернизация оборудования", str(audio),
                                 f"2026-03-{1 + k * 7 + i % 5:02d}T10:{i % 60:02d}:00"])
    url = f"sqlite:///{folder / 'bench.sqlite3'}"
    services = Services.open(url)
    services.users.sync()
    olga = services.as_user(services.users.get("olga"))
    olga.imports.import_manifest(manifest)
    by_path = {str(audio.resolve()): turns for audio, turns in calls}
    transcription = olga.transcription
    options = transcription.options()
    for job in transcription.claim(options, retry_failed=False):
        turns = by_path[str(Path(job.path).resolve())]
        segments = [Segment(TURN_S * n + 0.5, TURN_S * n + 3.5, s, t) for n, (s, t) in enumerate(turns)]
        transcript = RecordingTranscript(job.path, TURN_S * len(turns) + 1, 2, segments)
        transcription.store_result(job.recording_id, transcript, options, analyze=False)
    olga.leads.register_file(DEMO / "contract.toml")
    services.close()
    return url


def _olga(url: str):  # noqa: ANN202
    from qa_desk.services import Services

    services = Services.open(url)
    return services.as_user(services.users.get("olga"))


def phase(name: str, url: str, out: Path) -> dict[str, object]:
    refs = [f"B-{i:03d}" for i in range(LEADS)]
    olga = _olga(url)
    contract = olga.leads.contract("Лидогенерация: модернизация оборудования")
    start = time.perf_counter()
    extra: dict[str, object] = {}
    if name == "check":
        run = olga.leads.check(contract, refs, force=True)
        extra = {"leads": len(run.checked), "verdicts": {s.label: n for s, n in run.summary.counts.items()}}
    elif name == "engine":
        from qa_desk.analysis import analyze_deal

        with olga.storage.read() as uow:
            ids = olga.leads.deal_ids(refs)
            calls = uow.leads.calls_of(ids)
            texts = uow.leads.transcripts([c for d in ids for c in calls[d]])
        start = time.perf_counter()
        parsed = contract.parsed
        for d in ids:
            analyze_deal([texts[c.recording_id] for c in calls[d] if c.recording_id in texts], parsed.questions)
    elif name == "pack":
        from qa_desk.ui.pdf_writer import QtPdfRenderer

        olga.leads.check(contract, refs[:PACKED])
        start = time.perf_counter()
        result = olga.evidence.build(contract, refs[:PACKED], out / "pack.zip", QtPdfRenderer())
        extra = {"clips": result.clips, "size_mb": round(result.size / 2**20, 1)}
    elif name == "zip":
        from qa_desk.audio import file_sha256

        paths = [c.path for ref in refs[:PACKED] for c in olga.leads.lead(contract, ref).calls]
        start = time.perf_counter()
        with zipfile.ZipFile(out / "originals.zip", "w", zipfile.ZIP_DEFLATED) as z:
            for n, path in enumerate(paths):
                file_sha256(Path(path))
                z.write(path, f"{n}_{Path(path).name}")
    seconds = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"phase": name, "seconds": round(seconds, 2), "peak_rss_mb": round(rss), **extra}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--phase", choices=("check", "engine", "pack", "zip"))
    parser.add_argument("--db")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(phase(args.phase, args.db, args.out), ensure_ascii=False))
        return 0
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="qa-desk-bench-leads-") as tmp:
        folder = Path(tmp)
        t = time.perf_counter()
        url = build(folder)
        print(f"database: {LEADS} leads × {CALLS} calls, built in {time.perf_counter() - t:.1f} s", flush=True)
        results = {}
        for name in ("engine", "check", "zip", "pack"):
            cmd = [sys.executable, __file__, "--phase", name, "--db", url, "--out", str(folder)]
            done = subprocess.run(cmd, capture_output=True, text=True, check=True)
            results[name] = json.loads(done.stdout.strip().splitlines()[-1])
            print(json.dumps(results[name], ensure_ascii=False), flush=True)
    check, engine, pack, zipped = (results[k] for k in ("check", "engine", "pack", "zip"))
    print(f"\ncheck {LEADS} leads: {check['seconds']} s (target ≤ {TARGETS['check']} s: "
          f"{'met' if check['seconds'] <= TARGETS['check'] else 'MISSED'}), peak RSS {check['peak_rss_mb']} MB; "
          f"{check['seconds'] / max(engine['seconds'], 1e-9):.2f}× the engine alone ({engine['seconds']} s)")
    print(f"pack {PACKED} leads: {pack['seconds']} s (target ≤ {TARGETS['pack']} s: "
          f"{'met' if pack['seconds'] <= TARGETS['pack'] else 'MISSED'}), peak RSS {pack['peak_rss_mb']} MB, "
          f"{pack['clips']} clips, {pack['size_mb']} MB; "
          f"{pack['seconds'] / max(zipped['seconds'], 1e-9):.1f}× zipping the originals ({zipped['seconds']} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
