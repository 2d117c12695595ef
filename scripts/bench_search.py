#!/usr/bin/env python
"""Full-text search latency on 10 000 transcribed calls vs a plain ``LIKE '%word%'`` scan.

Builds a temporary SQLite database with the real schema (``Database(url)``, migrations included),
bulk-inserts deals, recordings, transcripts and segments of synthetic Russian sales talk (no
per-word rows: search does not read them), fills the index with ``reindex_all`` and then times
200 searches for varied inflected words with ``qa_desk.storage.search.search``. The baseline runs
the same queries as ``LIKE '%word%'`` over segment text with the same joins, order and limit.
Usage::

    python scripts/bench_search.py [--calls 10000] [--searches 200] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert, text  # noqa: E402

from qa_desk.storage.db import Database  # noqa: E402
from qa_desk.storage.models import Deal, Recording, Segment, Transcript  # noqa: E402
from qa_desk.storage.search import reindex_all, search  # noqa: E402

P95_TARGET_MS = 50.0
CALLS_PER_DEAL = 5

NAMES = [
    "Андрей",
    "Марина",
    "Сергей",
    "Ольга",
    "Дмитрий",
    "Екатерина",
    "Игорь",
    "Наталья",
    "Павел",
    "Светлана",
]
COMPANIES = [
    "Альфа-Строй",
    "ТехноСервис",
    "Вектор",
    "СеверЛес",
    "АгроПром",
    "МедЛайн",
    "Логистик Плюс",
    "Энергия",
]
PRODUCTS = [
    ("CRM-систему", "CRM-системы"),
    ("складской учёт", "складского учёта"),
    ("облачную телефонию", "облачной телефонии"),
    ("обучение персонала", "обучения персонала"),
    ("систему видеонаблюдения", "системы видеонаблюдения"),
]
COMPETITORS = ["Битриксом", "Мегапланом", "амоCRM", "местным интегратором", "прежним подрядчиком"]
MONTHS = ["января", "февраля", "марта", "апреля", "мая", "июня", "сентября", "октября", "ноября", "декабря"]
DAYS = ["понедельник", "вторник", "среду", "четверг", "пятницу"]
OPENERS = ["", "", "", "Ну ", "Смотрите, ", "Честно говоря, ", "В общем, ", "Кстати, "]
MANAGER = [
    "Добрый день, {name}! Это {mname} из компании {company}, удобно говорить?",
    "Подскажите, какой бюджет вы закладываете на {product_acc}?",
    "В какой бюджет вы планируете уложиться в этом квартале?",
    "Кто у вас принимает решение о закупке?",
    "Нужно ли согласовывать договор с директором?",
    "Когда вы планируете запуск проекта?",
    "Могу предложить скидку {pct} процентов при оплате до конца {month}.",
    "Я отправлю коммерческое предложение на почту сегодня.",
    "Давайте назначим встречу на {day}.",
    "Сколько сотрудников будет работать с системой?",
    "Какие задачи вы хотите решить с помощью {product_gen}?",
    "Стоимость лицензии составляет {amount} рублей в год.",
    "Поставка займёт около {n} недель после подписания договора.",
    "Вы сейчас работаете с другими поставщиками?",
    "Бюджетом занимается финансовый отдел или вы сами?",
    "Понимаю, давайте я уточню условия у руководителя и перезвоню.",
    "Внедрение включает настройку, перенос данных и обучение сотрудников.",
]
CLIENT = [
    "С бюджетом пока не определились, нужно обсудить с руководством.",
    "Бюджета на это у нас в этом году нет.",
    "Решение принимает генеральный директор, я только собираю информацию.",
    "Договор будет смотреть наш юрист.",
    "Нам важны сроки поставки, не позже {month}.",
    "Дорого, у конкурентов дешевле.",
    "Пришлите предложение, мы посмотрим.",
    "Да, удобно, слушаю вас.",
    "Примерно {amount} рублей, не больше.",
    "Сейчас работаем с {competitor}, но есть вопросы по качеству.",
    "Перезвоните через неделю, директор в отпуске.",
    "Оплату можем провести в следующем квартале.",
    "Нам нужна интеграция с бухгалтерией.",
    "Скидка была бы кстати.",
    "Угу.",
    "Понятно, спасибо.",
    "В бюджете заложено около {amount} рублей.",
    "Сотрудников у нас человек {n}, может больше.",
]
QUERIES = [
    "бюджетом",
    "бюджета",
    "бюджеты",
    "директору",
    "директором",
    "договоре",
    "договоров",
    "юристом",
    "поставки",
    "поставкой",
    "скидкой",
    "скидки",
    "предложением",
    "конкурентам",
    "оплатой",
    "интеграцию",
    "бухгалтерии",
    "руководством",
    "сотрудникам",
    "лицензий",
    "встречи",
    "отпуске",
    "квартале",
    "качеством",
    "сроками",
    "коммерческое предложение",
    '"принимает решение"',
    "бюджет директор",
    "сроков поставок",
    "задачами",
    "закупкой",
    "внедрения",
    "видеонаблюдением",
    "телефонии",
    "подрядчика",
    "финансового отдела",
    "персоналу",
    "лесом",
    "интегратора",
    "почтой",
]


def _fill(template: str, rng: random.Random) -> str:
    product = rng.choice(PRODUCTS)
    return rng.choice(OPENERS) + template.format(
        name=rng.choice(NAMES),
        mname=rng.choice(NAMES),
        company=rng.choice(COMPANIES),
        product_acc=product[0],
        product_gen=product[1],
        pct=rng.choice([5, 7, 10, 15]),
        month=rng.choice(MONTHS),
        day=rng.choice(DAYS),
        amount=f"{rng.randint(1, 90) * 50_000:,}".replace(",", " "),
        n=rng.randint(2, 40),
        competitor=rng.choice(COMPETITORS),
    )


def generate(db: Database, calls: int, rng: random.Random) -> int:
    """Bulk-insert ``calls`` transcribed calls; returns the number of segments."""
    deals = max(1, calls // CALLS_PER_DEAL)
    start = datetime(2026, 1, 12, 9, 0)
    seg_id = 0
    with db.session() as s:
        conn = s.connection()
        conn.execute(
            insert(Deal.__table__),
            [
                {
                    "id": d + 1,
                    "external_id": f"D-{d + 1:05d}",
                    "title": f"{rng.choice(PRODUCTS)[0]} для {rng.choice(COMPANIES)}",
                    "status": "conditional_refusal",
                    "currency": "RUB",
                }
                for d in range(deals)
            ],
        )
        recordings, transcripts, segments = [], [], []
        for r in range(calls):
            started = start + timedelta(hours=r * 3 + rng.randint(0, 120))
            recordings.append(
                {
                    "id": r + 1,
                    "deal_id": r % deals + 1,
                    "path": f"calls/{r + 1}.mp3",
                    "call_started_at": started,
                    "state": "done",
                    "channels": 2,
                    "duration_ms": 0,
                    "started_at_source": "manifest",
                }
            )
            transcripts.append(
                {
                    "id": r + 1,
                    "recording_id": r + 1,
                    "model": "base",
                    "options_key": "bench",
                    "language": "ru",
                }
            )
            t_ms = 0
            for i in range(rng.randint(18, 42)):
                speaker = "manager" if i % 2 == 0 else "client"
                body = _fill(rng.choice(MANAGER if speaker == "manager" else CLIENT), rng)
                dur = 600 + 70 * len(body)
                seg_id += 1
                segments.append(
                    {
                        "id": seg_id,
                        "transcript_id": r + 1,
                        "speaker": speaker,
                        "start_ms": t_ms,
                        "end_ms": t_ms + dur,
                        "text": body,
                    }
                )
                t_ms += dur + rng.randint(200, 1500)
            recordings[-1]["duration_ms"] = t_ms
        conn.execute(insert(Recording.__table__), recordings)
        conn.execute(insert(Transcript.__table__), transcripts)
        for i in range(0, len(segments), 50_000):
            conn.execute(insert(Segment.__table__), segments[i : i + 50_000])
    return seg_id


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def time_queries(fn, queries: list[str]) -> tuple[list[float], int]:  # noqa: ANN001
    times, found = [], 0
    for q in queries:
        t0 = time.perf_counter()
        found += len(fn(q))
        times.append((time.perf_counter() - t0) * 1000)
    return times, found


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--calls", type=int, default=10_000)
    ap.add_argument("--searches", type=int, default=200)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="qa-desk-bench-") as tmp:
        db = Database(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")
        t0 = time.perf_counter()
        n_segments = generate(db, args.calls, rng)
        t1 = time.perf_counter()
        with db.session() as s:
            indexed = reindex_all(s)
        t2 = time.perf_counter()
        print(
            f"generated {args.calls} calls, {n_segments} segments in {t1 - t0:.1f} s; indexed {indexed} in {t2 - t1:.1f} s"
        )
        queries = [rng.choice(QUERIES) for _ in range(args.searches)]
        like_sql = text(
            "SELECT s.id FROM segment s JOIN transcript t ON t.id = s.transcript_id "
            "JOIN recording r ON r.id = t.recording_id JOIN deal d ON d.id = r.deal_id "
            "WHERE s.text LIKE :pat ORDER BY d.id, r.call_started_at, s.start_ms LIMIT 50"
        )
        with db.session() as s:
            search(s, "прогрев")  # warm the lemmatizer and the page cache
            fts_ms, fts_found = time_queries(lambda q: search(s, q), queries)
            like_ms, like_found = time_queries(
                lambda q: s.execute(like_sql, {"pat": f"%{q.strip(chr(34))}%"}).all(), queries
            )
        db.dispose()
    fts_p50, fts_p95 = _percentiles(fts_ms)
    like_p50, like_p95 = _percentiles(like_ms)
    print(f"{'':24}{'p50 ms':>10}{'p95 ms':>10}{'hits':>10}")
    print(f"{'search() lemmas/FTS5':24}{fts_p50:10.2f}{fts_p95:10.2f}{fts_found:10d}")
    print(f"{'LIKE %word% baseline':24}{like_p50:10.2f}{like_p95:10.2f}{like_found:10d}")
    print(
        f"p95 vs target {P95_TARGET_MS:.0f} ms: {fts_p95 / P95_TARGET_MS:.2f}× of the budget "
        f"({'OK' if fts_p95 <= P95_TARGET_MS else 'OVER'}); LIKE/FTS p95 ratio: {like_p95 / fts_p95:.1f}×"
    )
    return 0 if fts_p95 <= P95_TARGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
