"""Benchmark: a sync of N deals × 3 calls against the local fake CRM (amoCRM and Bitrix24).

Each CRM runs in its own child process (so its peak memory is its own) through the real services:
``Services.crm_sync.sync`` with the real clock and rate limiters. Every call has its own
recording: three short stereo/mono fixture files (33, 27 and 161 KB) served again and again, so the
measured per-recording cost is the real one — download, hash, the imported-file check (MP3 frames,
header), the deduplication and the insert — without gigabytes of audio.

Printed per CRM: API requests and downloads, wall time, peak memory (RSS of the process) and
the most API requests that started within any one second (amoCRM's limit: 7/s; Bitrix24: a bucket of
50 drained at 2/s, whose simulated level must stay ≤ 50). Baselines measured in the same run: the
same number of bare API requests and bare downloads from the same fake server, back to back, so
the ratios show what the rate limits and the per-recording work add to the HTTP itself.

Run: flock /tmp/qa-desk-bench.lock .venv/bin/python scripts/bench_crm_sync.py --deals 1000
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
FILES = {"a.mp3": "stereo_short.mp3", "b.ogg": "stereo_short.ogg", "c.wav": "mono_short.wav"}


def _seed(fake: Any, kind: str, deals: int) -> None:
    from fakes import crm_seed
    from fakes.crm_server import b24_time, epoch

    (crm_seed.seed_amo if kind == "amocrm" else crm_seed.seed_b24)(fake)
    s = fake.state
    s.leads.clear(), s.notes.clear(), s.deals.clear(), s.activities.clear(), s.disk.clear()
    for name, source in FILES.items():
        fake.add_file(name, crm_seed.AUDIO / source)
    names = list(FILES)
    for n in range(deals):
        deal_id = 10000 + n
        changed = datetime(2026, 3, 10, 12, 0, n % 60)
        if kind == "amocrm":
            s.leads[deal_id] = {"id": deal_id, "name": f"Сделка {n}", "price": 1000, "responsible_user_id": 501,
                                "status_id": crm_seed.REFUSAL, "pipeline_id": crm_seed.PIPELINE, "loss_reason_id": 11,
                                "updated_at": epoch(changed) + n}
        else:
            s.deals[deal_id] = {"ID": str(deal_id), "TITLE": f"Сделка {n}", "STAGE_ID": "UC_REFUSAL",
                                "ASSIGNED_BY_ID": "1", "OPPORTUNITY": "1000", "CURRENCY_ID": "RUB",
                                "DATE_MODIFY": b24_time(changed), "UF_CRM_LOSS_REASON": "45"}
        for k, name in enumerate(names):
            started = datetime(2026, 3, 1 + k, 10, 0, 0)
            if kind == "amocrm":
                s.notes.append({"id": deal_id * 10 + k, "entity_id": deal_id, "note_type": "call_in",
                                "created_at": epoch(started),
                                "params": {"uniq": f"{deal_id}-{k}", "duration": 10, "link": f"{fake.url}/files/{name}"}})
            else:
                file_id = deal_id * 10 + k
                s.disk[file_id] = name
                s.activities.append({"ID": str(file_id), "OWNER_ID": str(deal_id), "TYPE_ID": "2",
                                     "START_TIME": b24_time(started), "DIRECTION": "1", "FILES": [{"id": file_id}]})


def max_per_second(times: list[float]) -> int:
    j, best = 0, 0
    for i, t in enumerate(times):
        while times[j] <= t - 1.0:
            j += 1
        best = max(best, i - j + 1)
    return best


def bucket_peak(times: list[float], leak: float = 2.0) -> float:
    level, last, peak = 0.0, times[0] if times else 0.0, 0.0
    for t in times:
        level = max(0.0, level - (t - last) * leak) + 1
        last = t
        peak = max(peak, level)
    return peak


def child(kind: str, deals: int) -> dict[str, Any]:
    """One CRM's run (in its own process)."""
    work = Path(tempfile.mkdtemp(prefix="qa-desk-bench-crm-"))
    os.environ["QA_DESK_DATA_DIR"] = str(work / "data")
    os.environ["QA_DESK_SECRETS"] = "file"
    import httpx
    from fakes.crm_server import FakeCrm

    from qa_desk.services import Services

    fake = FakeCrm().start()
    try:
        _seed(fake, kind, deals)
        services = Services.open(f"sqlite:///{work / 'bench.sqlite3'}")
        services.users.sync()
        admin = services.as_user(services.users.get("admin"))
        secret = {"token": fake.state.amo_token} if kind == "amocrm" else {"webhook": fake.webhook_url}
        admin.crm.connect(kind, fake.url, secret)
        admin.crm.load_lists()
        fake.state.requests.clear()
        before_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # imports, fake, seeded data
        started = time.perf_counter()
        report = admin.crm_sync.sync(recordings_root=work / "rec")
        elapsed = time.perf_counter() - started
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        api = sorted(r.at for r in fake.state.requests if not r.path.startswith("/files/"))
        files = [r.path for r in fake.state.requests if r.path.startswith("/files/")]
        again_started = time.perf_counter()
        again = admin.crm_sync.sync(recordings_root=work / "rec")
        again_s = time.perf_counter() - again_started
        with httpx.Client() as client:  # same-run baselines: the HTTP alone
            t0 = time.perf_counter()
            for _ in api:
                client.get(fake.url + "/nothing")
            bare_api = time.perf_counter() - t0
            t0 = time.perf_counter()
            for path in files:
                client.get(fake.url + path).read()
            bare_files = time.perf_counter() - t0
        services.close()
        return {
            "kind": kind, "deals": deals, "summary": report.summary(), "failures": report.failures,
            "requests": len(api), "downloads": len(files), "seconds": elapsed, "peak_mb": peak_mb, "before_mb": before_mb,
            "max_per_s": max_per_second(api), "bucket_peak": bucket_peak(api),
            "bare_api_s": bare_api, "bare_files_s": bare_files, "again_s": again_s,
            "again": again.summary(), "again_created": again.deals_created + again.recordings_added,
        }
    finally:
        fake.stop()
        shutil.rmtree(work, ignore_errors=True)


def show(r: dict[str, Any]) -> None:
    per = r["seconds"] / max(r["downloads"], 1) * 1000
    print(f"{r['kind']}: {r['deals']} сделок × 3 звонка — {r['summary']}")
    for failure in r["failures"]:
        print(f"  ОШИБКА: {failure}")
    print(f"  запросов к API: {r['requests']}, скачиваний: {r['downloads']}, время {r['seconds']:.1f} с "
          f"({per:.0f} мс на запись), пик памяти процесса {r['peak_mb']:.0f} МБ "
          f"(до синхронизации {r['before_mb']:.0f} МБ: рост {r['peak_mb'] - r['before_mb']:.0f} МБ)")
    print(f"  база в том же прогоне: {r['requests']} голых запросов {r['bare_api_s']:.2f} с, "
          f"{r['downloads']} голых скачиваний {r['bare_files_s']:.1f} с; "
          f"синхронизация / голые скачивания = {r['seconds'] / max(r['bare_files_s'], 1e-9):.1f}×")
    if r["kind"] == "amocrm":
        verdict = "в пределах" if r["max_per_s"] <= 7 else "ПРЕВЫШЕН"
        print(f"  больше всего запросов за любую секунду: {r['max_per_s']} (лимит 7) — {verdict}")
    else:
        verdict = "в пределах" if r["bucket_peak"] <= 50 else "ПРЕВЫШЕН"
        print(f"  больше всего запросов за любую секунду: {r['max_per_s']}; "
              f"пик «ведра» {r['bucket_peak']:.1f} (лимит 50, 2/с) — {verdict}")
    print(f"  повторная синхронизация: {r['again_s']:.1f} с, нового: {r['again_created']} ({r['again']})")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--deals", type=int, default=1000)
    parser.add_argument("--crm", choices=["amocrm", "bitrix24", "both"], default="both")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.crm, args.deals)))
        return
    for kind in ("amocrm", "bitrix24") if args.crm == "both" else (args.crm,):
        run = subprocess.run(
            [sys.executable, __file__, "--child", "--crm", kind, "--deals", str(args.deals)],
            capture_output=True, text=True, check=False,
        )
        if run.returncode != 0:
            print(run.stderr[-4000:], file=sys.stderr)
            raise SystemExit(run.returncode)
        show(json.loads(run.stdout.strip().splitlines()[-1]))


if __name__ == "__main__":
    main()
