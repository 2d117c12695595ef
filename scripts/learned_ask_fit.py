#!/usr/bin/env python3
"""Fit qa_desk/analysis/data/learned_ask.json (the learned contract-id scorer, qa_desk/analysis/learned_ask.py)
from the v7 folders, and measure it leave one folder out.

    python scripts/learned_ask_fit.py rows      # features of every (manager turn, contract id) of every v7 folder
    python scripts/learned_ask_fit.py fit       # the shipped model: fitted on ALL folders' rows (H18-H25 included)
    python scripts/learned_ask_fit.py lofo [--engine=PATH] [--t=0.7] [--skip-kinds=person]
        # each folder scored by a model fitted on the others: turn level and the eval's deal-level contract asked
        # figure for rules, and rules U learned (top id at p >= t, not among the rules' ids of the turn, the reply
        # fits its kind). PATH: learned_contract.py's engine cache (the engine's per-turn asked ids), by default
        # $TMPDIR/qa-desk-learned-contract/engine.json.

Features are computed by the run-time module itself (learned_ask.features), so the fitted weights match what
the engine reads. IDF: every contract set's title/phrasing lemmas and every manager turn of the v7 folders
(label-free); lemmas seen once share the rare weight. Caches in $TMPDIR/qa-desk-learned-ask.
"""

from __future__ import annotations

import json
import math
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

V7 = ROOT / "tests" / "corpus" / "v7"
CACHE = Path(tempfile.gettempdir()) / "qa-desk-learned-ask"
OUT = ROOT / "qa_desk" / "analysis" / "data" / "learned_ask.json"
FRESH = tuple(f"heldout_h{n}" for n in range(18, 26))


def deals():
    from qa_desk.analysis.corpus_v7 import find_deals
    from qa_desk.analysis.questions import bant_ids

    for folder in sorted(p for p in V7.iterdir() if p.is_dir()):
        for deal in find_deals(folder):
            if deal.questions.name != "bant" and set(deal.questions.ids) - bant_ids():
                yield folder.name, deal


def deal_key(folder: str, deal) -> str:
    return f"{folder}/{deal.path.relative_to(V7 / folder)}"


def rows() -> None:
    import numpy as np

    from qa_desk.analysis import learned_ask
    from qa_desk.analysis.detect import Detector
    from qa_desk.analysis.questions import bant_ids

    CACHE.mkdir(parents=True, exist_ok=True)
    all_deals = list(deals())
    dets = {}
    df: Counter[str] = Counter()
    n_docs = 0
    for _f, deal in all_deals:
        key = str(deal.path.parent / deal.questions.name)
        if key not in dets:
            dets[key] = Detector(deal.questions)
        det = dets[key]
        for cq in det.questions:
            q = cq.question
            if q.id not in bant_ids():
                df.update({t.lemma for part in (q.title, *q.ask) for t in det.lexicon.tokens(part) if t.is_content})
                n_docs += 1
        for c in deal.calls:
            for t in c.turns:
                if t.speaker == "manager":
                    df.update({x.lemma for x in det.lexicon.tokens(t.text) if x.is_content})
                    n_docs += 1
    idf = {lm: round(math.log((1 + n_docs) / (1 + c)) + 1.0, 3) for lm, c in sorted(df.items()) if c >= 2}
    rare = round(math.log((1 + n_docs) / 2) + 1.0, 3)
    (CACHE / "idf.json").write_text(json.dumps({"idf": idf, "idf_rare": rare}, ensure_ascii=False))
    _write({"mu": [], "sd": [], "w": [0.0]}, idf, rare)
    learned_ask.model.cache_clear()
    out, X = [], []
    for folder, deal in all_deals:
        det = dets[str(deal.path.parent / deal.questions.name)]
        for ci, c in enumerate(deal.calls):
            for ti, t in enumerate(c.turns):
                if t.speaker != "manager":
                    continue
                nxt = c.turns[ti + 1] if ti + 1 < len(c.turns) else None
                reply = det.sentences(nxt.text) if nxt is not None and nxt.speaker != "manager" else []
                ids, fr = learned_ask.features(det, det.sentences(t.text), t.text, reply, ti == 0)
                for qid, r in zip(ids, fr, strict=True):
                    out.append({"folder": folder, "deal": deal_key(folder, deal), "turn": f"{ci}:{ti}", "qid": qid,
                                "y": int(qid in t.asks), "fits": _fits(det, qid, t.text, reply)})
                    X.append(r)
    np.save(CACHE / "X.npy", np.array(X, np.float64))
    (CACHE / "rows.json").write_text(json.dumps(out, ensure_ascii=False))
    print(f"{len(out)} rows, {sum(r['y'] for r in out)} positives, {len(idf)} idf lemmas")


def _fits(det, qid: str, text: str, reply) -> bool:
    """The client's next turn fits the id's answer kind (the engine's gate, Detector.reply_confirms)."""
    if not reply:
        return False
    cq = det.question(qid)
    return any(det.reply_confirms(cq, s, reply) for s in det.sentences(text))


def _write(fitted: dict, idf: dict, rare: float) -> None:
    OUT.write_text(json.dumps({**fitted, "idf_rare": rare, "idf": idf}, ensure_ascii=False, separators=(",", ":")) + "\n",
                   encoding="utf-8")


def _fit(X, y):
    from learned_contract_eval import fit_lr

    return fit_lr(X, y, 3.0)


def fit() -> None:
    import numpy as np

    X = np.load(CACHE / "X.npy")
    rs = json.loads((CACHE / "rows.json").read_text())
    y = np.array([r["y"] for r in rs], float)
    pred = _fit(X, y)
    mu, sd = X.mean(0), X.std(0)
    sd[sd < 1e-6] = 1.0
    idf = json.loads((CACHE / "idf.json").read_text())
    _write({"mu": [round(float(v), 6) for v in mu], "sd": [round(float(v), 6) for v in sd],
            "w": [round(float(v), 6) for v in pred.w]}, idf["idf"], idf["idf_rare"])
    print(f"fitted on {len(y)} rows of {len({r['folder'] for r in rs})} folders -> {OUT}")


QONLY = "--questions-only" in sys.argv  # the turn must have a question sentence (its qform feature)
KIND_COL = 3 * 11 + 4  # learned_ask.features: the answer kind's one-hot (KINDS order) after best/margin/rank0 and 4


def lofo(engine_path: Path, t: float, skip: frozenset[str] = frozenset()) -> None:
    import numpy as np

    from qa_desk.analysis.questions import bant_ids

    X = np.load(CACHE / "X.npy")
    rs = json.loads((CACHE / "rows.json").read_text())
    y = np.array([r["y"] for r in rs], float)
    folder = np.array([r["folder"] for r in rs])
    p = np.zeros(len(y))
    for f in sorted(set(folder)):
        tr, te = np.where(folder != f)[0], np.where(folder == f)[0]
        p[te] = _fit(X[tr], y[tr])(X[te])
    engine = json.loads(engine_path.read_text())
    top: dict[tuple[str, str], tuple[float, str, bool]] = {}
    from qa_desk.analysis.learned_ask import KINDS

    for i, r in enumerate(rs):
        k = (r["deal"], r["turn"])
        kind = KINDS[int(np.argmax(X[i, KIND_COL:KIND_COL + len(KINDS)]))]
        if k not in top or p[i] > top[k][0]:
            top[k] = (float(p[i]), r["qid"], r["fits"] and kind not in skip and (X[i, 3 * 11] > 0 or not QONLY))
    all_deals = {deal_key(f, d): (f, d) for f, d in deals()}
    print(f"{'folder':<14} {'rules':>12} {'union':>12}  added right/wrong")
    tot = {"rules": [0, 0, 0], "union": [0, 0, 0], "add": [0, 0]}
    fresh = {"rules": [0, 0, 0], "union": [0, 0, 0], "add": [0, 0]}
    for f in sorted(set(folder)):
        res = {"rules": [0, 0, 0], "union": [0, 0, 0], "add": [0, 0]}
        for key, (ff, deal) in all_deals.items():
            if ff != f or key not in engine:
                continue
            ids = set(deal.questions.ids) - bant_ids()
            turns = {tk: set(v) & ids for tk, v in engine[key]["turns"].items()}
            gold_turn = {f"{ci}:{ti}": set(tt.asks) & ids for ci, c in enumerate(deal.calls) for ti, tt in enumerate(c.turns)}
            rules = set().union(*turns.values()) if turns else set()
            union = set(rules)
            for (dk, tk), (pr, q, fits) in top.items():
                if dk == key and pr >= t and fits and q not in turns.get(tk, set()):
                    union.add(q)
                    res["add"][0 if q in gold_turn.get(tk, set()) else 1] += 1
            exp = set(deal.expected.get("asked", [])) & ids
            for name, got in (("rules", rules), ("union", union)):
                res[name][0] += len(exp & got)
                res[name][1] += len(got - exp)
                res[name][2] += len(exp - got)
        for name in res:
            for k in range(len(res[name])):
                tot[name][k] += res[name][k]
                if f in FRESH:
                    fresh[name][k] += res[name][k]
        print(f"{f:<14} {'/'.join(map(str, res['rules'])):>12} {'/'.join(map(str, res['union'])):>12}  "
              f"{res['add'][0]}/{res['add'][1]}")
    for name, res in (("H18-H25", fresh), ("all", tot)):
        print(f"{name:<14} {'/'.join(map(str, res['rules'])):>12} {'/'.join(map(str, res['union'])):>12}  "
              f"{res['add'][0]}/{res['add'][1]}")


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else "fit"
    if cmd == "rows":
        rows()
    elif cmd == "fit":
        fit()
    elif cmd == "lofo":
        path = next((Path(a.split("=", 1)[1]) for a in sys.argv if a.startswith("--engine=")),
                    Path(tempfile.gettempdir()) / "qa-desk-learned-contract" / "engine.json")
        lofo(path, next((float(a.split("=", 1)[1]) for a in sys.argv if a.startswith("--t=")), 0.7),
             frozenset(next((a.split("=", 1)[1].split(",") for a in sys.argv if a.startswith("--skip-kinds=")), [])))
