#!/usr/bin/env python3
"""Train the mono speaker-role model (qa_desk/analysis/role_model.py) on every v7 call run as mono.

Each unit the rules read (units.py with the model off) gets its features and the true speaker of its turn; a
logistic model (numpy, L2) is fitted, weighted by the unit's sentences. ``--lofo`` scores it leave-one-folder-out
(trained on the other folders) against the rules, per folder; without it the model is fitted on all folders and
written to qa_desk/analysis/data/role_model.json.

    python3 scripts/train_role_model.py [--lofo] [--vocab N] [--margin M] [--cache FILE] [--exclude FOLDER…] [--out FILE]

``--exclude`` leaves folders out of the fit and ``--out`` writes elsewhere: an engine run with QA_ROLE_MODEL=FILE then
scores a set the model never saw (leave-one-set-out, round 17).
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qa_desk.analysis import role_model  # noqa: E402
from qa_desk.analysis.corpus_v7 import call_transcript, find_deals  # noqa: E402
from qa_desk.analysis.deal import detector_for  # noqa: E402
from qa_desk.analysis.units import units  # noqa: E402
from qa_desk.domain.transcript import RecordingTranscript, Segment  # noqa: E402

V7 = ROOT / "tests/corpus/v7"
OUT = ROOT / "qa_desk/analysis/data/role_model.json"
Row = tuple[dict[str, float], int, int, int, str]  # features, true manager, rule manager, sentences, kind


def collect(folder: Path) -> list[list[Row]]:
    """Per call: each unit's (features, truth, rule, sentences, kind)."""
    calls: list[list[Row]] = []
    for deal in find_deals(folder):
        detector = detector_for(deal.questions)
        for i, call in enumerate(deal.calls):
            rec, _spans = call_transcript(deal, i)
            segments = [Segment(s.start, s.end, "unknown", s.text) for s in rec.segments]
            truth = {s.start: t.speaker for s, t in zip(segments, call.turns, strict=True)}
            out = units(detector, 0, RecordingTranscript(rec.path, rec.duration_s, 1, segments), learned=False)
            rows: list[Row] = []
            for k, u in enumerate(out):
                f = role_model.features(out, k)
                for lemma in {t.lemma for s in u.sentences for t in s.tokens if t.is_word}:
                    f["w:" + lemma] = 1.0  # every lemma: --vocab keeps the most frequent
                rows.append((f, int(truth[u.segment.start] == "manager"), int(u.role == "manager"), len(u.sentences),
                             "stereo" if call.stereo else "mono"))
            calls.append(rows)
    return calls


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, l2: float, steps: int = 60) -> np.ndarray:
    """Weighted L2 logistic regression by Newton's method."""
    beta = np.zeros(x.shape[1])
    reg = np.full(x.shape[1], l2)
    reg[0] = 0.0  # the bias
    for _ in range(steps):
        p = 1 / (1 + np.exp(-np.clip(x @ beta, -30, 30)))
        g = x.T @ (w * (p - y)) + reg * beta
        h = (x * (w * p * (1 - p))[:, None]).T @ x + np.diag(reg + 1e-6)
        step = np.linalg.solve(h, g)
        beta -= step
        if np.abs(step).max() < 1e-6:
            break
    return beta


def matrix(rows: list[Row], names: list[str]) -> np.ndarray:
    index = {n: i for i, n in enumerate(names)}
    x = np.zeros((len(rows), len(names)))
    for r, (f, *_rest) in enumerate(rows):
        for n, v in f.items():
            j = index.get(n)
            if j is not None:
                x[r, j] = v
    return x


def names_of(rows: list[Row], vocab: int) -> list[str]:
    grammar = sorted({n for f, *_r in rows for n in f if not n.startswith("w:")} - {"bias"})
    df: Counter[str] = Counter(n for f, *_r in rows for n in f if n.startswith("w:"))
    return ["bias", *grammar, *[n for n, _c in df.most_common(vocab)]]


def neighbours(calls: list[list[Row]], p: np.ndarray) -> np.ndarray:
    """Stage 2's extra columns: the stage-1 P(manager) of the unit before and after (0.5 where none), as logits."""
    extra = np.zeros((len(p), len(role_model.STAGE2)))
    i = 0
    for call in calls:
        q = p[i:i + len(call)]
        for k in range(len(call)):
            row = role_model.stage2(list(q), k)
            extra[i + k] = [row[n] for n in role_model.STAGE2]
        i += len(call)
    return extra


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-np.clip(z, -30, 30)))


def train(calls: list[list[Row]], names: list[str], l2: float, two: bool) -> tuple[np.ndarray, np.ndarray | None]:
    rows = [r for call in calls for r in call]
    x, y, w = matrix(rows, names), np.array([r[1] for r in rows], float), np.array([r[3] for r in rows], float)
    beta = fit(x, y, w, l2)
    if not two:
        return beta, None
    x2 = np.hstack([x, neighbours(calls, sigmoid(x @ beta))])
    return beta, fit(x2, y, w, l2)


def predict(calls: list[list[Row]], names: list[str], beta: np.ndarray, beta2: np.ndarray | None) -> np.ndarray:
    x = matrix([r for call in calls for r in call], names)
    p = sigmoid(x @ beta)
    if beta2 is None:
        return p
    return sigmoid(np.hstack([x, neighbours(calls, p)]) @ beta2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lofo", action="store_true")
    parser.add_argument("--vocab", type=int, default=0)
    parser.add_argument("--l2", type=float, default=3.0)
    parser.add_argument("--margin", type=float, default=0.0)
    parser.add_argument("--two", action="store_true", help="a second stage that reads the neighbours' P")
    parser.add_argument("--cache", type=Path, default=None, help="keep the collected units here (pickle)")
    parser.add_argument("--exclude", nargs="*", default=[], help="folders left out of training (a set scored after)")
    parser.add_argument("--out", type=Path, default=OUT, help="where the fitted model goes (QA_ROLE_MODEL reads it)")
    args = parser.parse_args()
    folders = sorted(p for p in V7.iterdir() if p.is_dir())
    data: dict[str, list[list[Row]]]
    if args.cache is not None and args.cache.exists():
        data = pickle.loads(args.cache.read_bytes())
    else:
        data = {p.name: collect(p) for p in folders}
        if args.cache is not None:
            args.cache.write_bytes(pickle.dumps(data))
    data = {k: v for k, v in data.items() if v}
    if args.lofo:
        total: Counter[str] = Counter()
        for held in sorted(data):
            calls = [c for name, cs in data.items() if name != held for c in cs]
            names = names_of([r for c in calls for r in c], args.vocab)
            beta, beta2 = train(calls, names, args.l2, args.two)
            test = [r for c in data[held] for r in c]
            p = predict(data[held], names, beta, beta2)
            line = []
            for kind in ("mono", "stereo"):
                idx = [i for i, r in enumerate(test) if r[4] == kind]
                if not idx:
                    continue
                n = sum(test[i][3] for i in idx)
                rule = sum(test[i][3] for i in idx if test[i][1] == test[i][2])
                pred = [1 if p[i] > 0.5 + args.margin else 0 if p[i] < 0.5 - args.margin else test[i][2] for i in idx]
                learned = sum(test[i][3] for i, g in zip(idx, pred, strict=True) if test[i][1] == g)
                total[kind + "_n"] += n
                total[kind + "_rule"] += rule
                total[kind + "_model"] += learned
                line.append(f"{kind} {rule}/{n} -> {learned}/{n} ({(learned - rule) / n:+.1%})")
            print(f"{held:20s} " + "; ".join(line), flush=True)
        for kind in ("mono", "stereo"):
            n = total[kind + "_n"]
            print(f"ALL {kind}: rules {total[kind + '_rule']}/{n} = {total[kind + '_rule'] / n:.1%}, "
                  f"model {total[kind + '_model']}/{n} = {total[kind + '_model'] / n:.1%}")
        return
    calls = [c for name, cs in data.items() if name not in args.exclude for c in cs]
    names = names_of([r for c in calls for r in c], args.vocab)
    beta, beta2 = train(calls, names, args.l2, args.two)
    weights = {n: round(float(b), 4) for n, b in zip(names, beta, strict=True) if abs(b) >= 1e-4}
    model: dict[str, object] = {"margin": args.margin, "weights": weights}
    if beta2 is not None:
        model["weights2"] = {n: round(float(b), 4) for n, b in zip([*names, *role_model.STAGE2], beta2, strict=True)
                             if abs(b) >= 1e-4}
    args.out.write_text(json.dumps(model, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(weights)} weights from {sum(len(c) for c in calls)} units")


if __name__ == "__main__":
    main()
