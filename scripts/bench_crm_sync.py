"""Benchmark: a sync of N deals × 3 calls against the local fake CRM (amoCRM and Bitrix24).

Prints requests made, wall time, peak memory (tracemalloc), and checks the recorded request times
against each CRM's limit: never more than 7 requests starting within one second (amoCRM), and a
simulated Bitrix24 leaky bucket (50, drained 2/s) that never overflows. The baseline in the same
run is the bare fake-server round trip (requests the sync made, sent back to back), so the ratio
shows what the rate limits and the recordings' work cost on top of the HTTP itself.
Run: flock /tmp/qa-desk-bench.lock .venv/bin/python scripts/bench_crm_sync.py [--deals 1000]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import tracemalloc
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
os.environ["QA_DESK_DATA_DIR"] = tempfile.mkdtemp(prefix="qa-desk-bench-")
os.environ["QA_DESK_SECRETS"] = "file"


def _seed(fake, kind: str, deals: int) -> None:  # noqa: ANN001
    from fakes import crm_seed
    from fakes.crm_server import b24_time, epoch

    (crm_seed.seed_amo if kind == "amocrm" else crm_seed.seed_b24)(fake)
    s = fake.state
    names = ["call-a.mp3", "call-b.ogg"] if kind == "amocrm" else ["b24-a.mp3", "b24-b.ogg"]
    s.leads.clear(), s.notes.clear(), s.deals.clear(), s.activities.clear(), s.disk.clear()
    for n in range(deals):
        deal_id = 10000 + n
        changed = datetime(2026, 3, 10, 12, 0, n % 60)
        if kind == "amocrm":
            s.leads[deal_id] = {"id": deal_id, "name": f"Сделка {n}", "price": 1000, "responsible_user_id": 501,
                                "status_id": crm_seed.REFUSAL, "pipeline_id": crm_seed.PIPELINE, "loss_reason_id": 11,
                                "updated_at": epoch(changed) + n}
        else:
            s.deals[deal_id] = {"ID": str(deal_id), "TITLE": f"Сделка {n}", "STAGE_ID": "UC_REFUSAL", "ASSIGNED_BY_ID": "1",
                                "OPPORTUNITY": "1000", "CURRENCY_ID": "RUB", "DATE_MODIFY": b24_time(changed),
                                "UF_CRM_LOSS_REASON": "45"}
        for k in range(3):
            name = names[k % 2]
            started = datetime(2026, 3, 1 + k, 10, 0, 0)
            if kind == "amocrm":
                s.notes.append({"id": deal_id * 10 + k, "entity_id": deal_id, "note_type": "call_in", "created_at": epoch(started),
                                "params": {"uniq": f"{deal_id}-{k}", "duration": 10, "link": f"{fake.url}/files/{name}"}})
            else:
                file_id = deal_id * 10 + k
                s.disk[file_id] = name
                s.activities.append({"ID": str(file_id), "OWNER_ID": str(deal_id), "TYPE_ID": "2", "START_TIME": b24_time(started),
                                     "DIRECTION": "1", "FILES": [{"id": file_id}]})


def _max_per_second(times: list[float]) -> int:
    j, best = 0, 0
    for i, t in enumerate(times):
        while times[j] <= t - 1.0:
            j += 1
        best = max(best, i - j + 1)
    return best


def _bucket_peak(times: list[float], leak: float = 2.0) -> float:
    level, last, peak = 0.0, times[0] if times else 0.0, 0.0
    for t in times:
        level = max(0.0, level - (t - last) * leak) + 1
        last = t
        peak = max(peak, level)
    return peak


def run(kind: str, deals: int) -> None:
    import httpx
    from fakes.crm_server import FakeCrm

    from qa_desk.services import crm_connections as conns
    from qa_desk.services import crm_sync, identity
    from qa_desk.storage.db import Database

    fake = FakeCrm().start()
    _seed(fake, kind, deals)
    db = Database(f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3")
    identity.sync_users(db)
    admin = identity.get_user(db, "admin")
    secret = {"token": fake.state.amo_token} if kind == "amocrm" else {"webhook": fake.webhook_url}
    conns.connect(db, admin, kind, fake.url, secret)
    conns.load_lists(db, admin)
    fake.state.requests.clear()
    tracemalloc.start()
    started = time.perf_counter()
    report = crm_sync.sync(db, admin)
    elapsed = time.perf_counter() - started
    _cur, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    api = sorted(r.at for r in fake.state.requests if not r.path.startswith("/files/"))
    files = sum(1 for r in fake.state.requests if r.path.startswith("/files/"))
    # Baseline in the same run: the same number of bare requests to the fake, back to back.
    with httpx.Client() as client:
        t0 = time.perf_counter()
        for _ in range(len(api)):
            client.get(fake.url + "/nothing")
        bare = time.perf_counter() - t0
    print(f"{kind}: {deals} сделок × 3 звонка — {report.summary()}")
    print(f"  запросов к API: {len(api)}, скачиваний: {files}, время {elapsed:.1f} с, пик памяти (Python) {peak / 2**20:.1f} МБ")
    print(f"  те же {len(api)} запросов без лимитов и записей: {bare:.2f} с; отношение {elapsed / max(bare, 1e-9):.0f}×")
    if kind == "amocrm":
        worst = _max_per_second(api)
        print(f"  больше всего запросов за любую секунду: {worst} (лимит 7) — {'в пределах' if worst <= 7 else 'ПРЕВЫШЕН'}")
    else:
        level = _bucket_peak(api)
        print(f"  пик «ведра» Битрикс24: {level:.1f} (лимит 50) — {'в пределах' if level <= 50 else 'ПРЕВЫШЕН'}")
    fake.stop()
    db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deals", type=int, default=1000)
    parser.add_argument("--crm", choices=["amocrm", "bitrix24", "both"], default="both")
    args = parser.parse_args()
    for kind in ("amocrm", "bitrix24") if args.crm == "both" else (args.crm,):
        run(kind, args.deals)


if __name__ == "__main__":
    main()
