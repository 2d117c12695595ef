#!/usr/bin/env python3
"""Round 16 (eng16g): the learned contract matcher (learned_contract.py's data and features, cached by its
``engine`` and ``features`` commands) measured on the class the H21/H22 analyses ranked second: a question
whose words share no lemma with the asked id's title and phrasings.

    TMPDIR=<dir> python scripts/learned_contract.py engine && TMPDIR=<dir> python scripts/learned_contract.py features
    TMPDIR=<dir> python scripts/learned_contract16.py table [--tag=pure|eng] [--show=heldout_h22,...]
    TMPDIR=<dir> python scripts/learned_contract16.py own [--tag=pure|eng]   # tests/test_analysis_matcher16b.py

``table``: every folder left out in turn (the model is fitted on the other folders' rows, never on the scored
one). Per folder, per labelled (turn, contract id): shared-lemma or not; found by the rules (the engine's
per-turn asked ids), by the learned matcher alone (its top id per turn at p >= 0.5), and by the conservative
union (rules, or the learned top id at p >= t when the rules did not find it and the client's next turn fits
its answer kind). Turn-level tp/fp/fn, and the union's added turns right/wrong.

Finding (docs/engine-round16.md, eng16g, not wired): on the no-shared-lemma class the rules find 342 of 409 labelled asks (H18-H22:
88 of 116), the learned scorer alone 165 (47), the union 345 (91); the specialist adds 3 right, 4 wrong.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

FRESH = ("heldout_h18", "heldout_h19", "heldout_h20", "heldout_h21", "heldout_h22")


REPLY_COLS = 2 * 11 + 5 * 4  # learned_contract.reply_block: best and margin over BASE, kind x reply shape


def cols_for(tag: str, n: int) -> list[int]:
    """learned_contract_eval.columns, and 'line': the pure columns without the client's reply block."""
    from learned_contract_eval import columns

    if tag == "line":
        return [c for c in columns("pure", n) if c < n - REPLY_COLS]
    return columns(tag, n)


def _shared(fz, data, key: tuple[str, str], qid: str) -> bool:
    """The turn shares a content lemma with ``qid``'s title or phrasings."""
    deal = data.deals[key[0]][1]
    det, qs = fz.detector(deal)
    ci, ti = map(int, key[1].split(":"))
    text = deal.calls[ci].turns[ti].text
    lemmas = {t.lemma for t in det.lexicon.tokens(text) if t.is_content}
    return bool(lemmas & qs[qid]["lemmas"])


def oof_probs(data, tag: str, l2: float = 3.0):
    import numpy as np
    from learned_contract_eval import fit

    cols = cols_for(tag, data.X.shape[1])
    p = np.zeros(len(data.y))
    for f in data.folders:
        tr = np.where(data.folder != f)[0]
        te = np.where(data.folder == f)[0]
        p[te] = fit(data.X[tr][:, cols], data.y[tr], l2)(data.X[te][:, cols])
    return p


def table(tag: str, show: set[str]) -> None:
    import numpy as np
    from learned_contract import Featurizer
    from learned_contract_eval import Data, decide, engine_turns, fits_reply, labels

    data = Data()
    fz = Featurizer()
    p = oof_probs(data, tag)
    gold_all, eng_all = labels(data, data.folders), engine_turns(data, data.folders)
    pooled: dict[str, list[int]] = {}
    print(f"{'folder':<12} {'cls':<7} {'gold':>5} {'rules':>6} {'learned':>8} {'union.7':>8} {'union.5':>8} | "
          f"turn P/R rules | learned@.5 | union@.7 fit (+right/wrong)")
    for f in [*data.folders, "FRESH"]:
        folders = set(FRESH) if f == "FRESH" else {f}
        idx = np.where(np.isin(data.folder, list(folders)))[0]
        gold = {k: v for k, v in gold_all.items() if data.deals[k[0]][0] in folders}
        eng = {k: v for k, v in eng_all.items() if data.deals[k[0]][0] in folders}
        top = decide(data, idx, p[idx], 0.0)
        learned = {k: {q} for k, (q, pr) in top.items() if pr >= 0.5}
        unions = {}
        for t in (0.7, 0.5):
            u = {k: set(v) for k, v in eng.items()}
            for k, (q, pr) in top.items():
                if pr >= t and q not in u.get(k, set()) and fits_reply(fz, data, k, q):
                    u.setdefault(k, set()).add(q)
            unions[t] = u
        pairs = [(k, q) for k, v in gold.items() for q in v]
        for cls in ("shared", "none"):
            sub = [(k, q) for k, q in pairs if _shared(fz, data, k, q) == (cls == "shared")]
            found = [sum(q in pred.get(k, set()) for k, q in sub) for pred in (eng, learned, unions[0.7], unions[0.5])]
            print(f"{f:<12} {cls:<7} {len(sub):>5} " + " ".join(f"{n:>7}" for n in found))
            acc = pooled.setdefault(cls, [0] * 5)
            if f != "FRESH":
                for j, v in enumerate((len(sub), *found)):
                    acc[j] += v

        def prf(pred, gold=gold):
            tp = sum(len(gold.get(k, set()) & v) for k, v in pred.items())
            fp = sum(len(v - gold.get(k, set())) for k, v in pred.items())
            fn = sum(len(v) for v in gold.values()) - tp
            return f"{tp}/{fp}/{fn} P {tp / max(tp + fp, 1):.2f} R {tp / max(tp + fn, 1):.2f}"

        added = [(k, q) for k, v in unions[0.7].items() for q in v - eng.get(k, set())]
        right = sum(q in gold.get(k, set()) for k, q in added)
        print(f"{'':<12} turn: rules {prf(eng)} | learned {prf(learned)} | union.7 {prf(unions[0.7])} "
              f"(+{right}/{len(added) - right}) | union.5 {prf(unions[0.5])}")
        if f in show:
            for k, q in sorted(added):
                deal = data.deals[k[0]][1]
                ci, ti = map(int, k[1].split(":"))
                turns = deal.calls[ci].turns
                reply = turns[ti + 1].text if ti + 1 < len(turns) else ""
                mark = "RIGHT" if q in gold.get(k, set()) else "WRONG"
                print(f"   {mark} {k[0].split('/')[-1][:26]} {k[1]} {q}:{top[k][1]:.2f} | {turns[ti].text[:110]} || {reply[:60]}")
            missed = [(k, q) for k, q in pairs if q not in unions[0.7].get(k, set())]
            for k, q in sorted(missed):
                deal = data.deals[k[0]][1]
                ci, ti = map(int, k[1].split(":"))
                tq, tp_ = top.get(k, ("-", 0.0))
                print(f"   MISS {k[0].split('/')[-1][:26]} {k[1]} {q} (top {tq}:{tp_:.2f}) | {deal.calls[ci].turns[ti].text[:110]}")
    for cls, acc in pooled.items():
        print(f"{'POOLED':<12} {cls:<7} {acc[0]:>5} " + " ".join(f"{n:>7}" for n in acc[1:]))


def specialist(tag: str, show: set[str]) -> None:
    """A model of the no-shared-lemma rows only (each folder left out in turn): per turn its top id among the set's
    ids that share no lemma with the turn, added where the rules found nothing in the turn and the reply fits."""
    import numpy as np
    from learned_contract import Featurizer
    from learned_contract_eval import Data, decide, engine_turns, fit, fits_reply, labels

    data = Data()
    fz = Featurizer()
    keep = np.array([not _shared(fz, data, (r["deal"], r["turn"]), r["qid"]) for r in data.rows])
    cols = cols_for(tag, data.X.shape[1])
    p = np.zeros(len(data.y))
    for f in data.folders:
        tr = np.where((data.folder != f) & keep)[0]
        te = np.where((data.folder == f) & keep)[0]
        p[te] = fit(data.X[tr][:, cols], data.y[tr], 3.0)(data.X[te][:, cols])
    gold_all, eng_all = labels(data, data.folders), engine_turns(data, data.folders)
    print(f"no-shared rows {int(keep.sum())} of {len(keep)}, positives {int(data.y[keep].sum())}")
    for t in (0.5, 0.7, 0.9):
        tot = [0, 0, 0, 0]
        fresh = [0, 0, 0, 0]
        for f in data.folders:
            idx = np.where((data.folder == f) & keep)[0]
            gold = {k: v for k, v in gold_all.items() if data.deals[k[0]][0] == f}
            eng = {k: v for k, v in eng_all.items() if data.deals[k[0]][0] == f}
            top = decide(data, idx, p[idx], t)
            none_gold = [(k, q) for k, v in gold.items() for q in v if not _shared(fz, data, k, q)]
            right = wrong = 0
            got = set()
            for k, (q, pr) in top.items():
                if eng.get(k) or not fits_reply(fz, data, k, q):
                    continue
                ok = q in gold.get(k, set())
                right, wrong = right + ok, wrong + (not ok)
                got.add((k, q))
                if f in show and t == 0.7:
                    deal = data.deals[k[0]][1]
                    ci, ti = map(int, k[1].split(":"))
                    print(f"   {'RIGHT' if ok else 'WRONG'} {f} {k[0].split('/')[-1][:24]} {k[1]} {q}:{pr:.2f} | "
                          f"{deal.calls[ci].turns[ti].text[:120]}")
            rules_none = sum(q in eng.get(k, set()) for k, q in none_gold)
            row = [len(none_gold), rules_none, right, wrong]
            tot = [a + b for a, b in zip(tot, row, strict=True)]
            if f in FRESH:
                fresh = [a + b for a, b in zip(fresh, row, strict=True)]
        print(f"t={t}: pooled none-class gold {tot[0]}, rules {tot[1]}, added right {tot[2]} wrong {tot[3]}; "
              f"fresh H18-H22 gold {fresh[0]}, rules {fresh[1]}, added right {fresh[2]} wrong {fresh[3]}")


def soft(tag: str) -> None:
    """The scorer alone against the engine's soft matcher alone on the same manager turns (leave one folder out):
    per turn the top id by contract._scores (cached as the ``eng_soft`` feature, max over the turn's sentences,
    a statement's x 0.7) at >= SOFT_ASK (0.55) and >= WEAK_ASK (0.45), and the learned top id at p >= 0.5 / 0.7;
    tp/fp/fn over the labelled (turn, id) pairs, all and on the ids sharing no lemma with the turn."""
    import numpy as np
    from learned_contract import BASE, Featurizer
    from learned_contract_eval import Data, decide, labels

    data = Data()
    fz = Featurizer()
    p = oof_probs(data, tag)
    soft_col = data.X[:, len(BASE)]
    gold_all = labels(data, data.folders)
    for group, folders in (("FRESH H18-H22", set(FRESH)), ("ALL 18", set(data.folders))):
        idx = np.where(np.isin(data.folder, list(folders)))[0]
        gold = {k: v for k, v in gold_all.items() if data.deals[k[0]][0] in folders}
        preds = {f"soft>={t}": decide(data, idx, soft_col[idx], t) for t in (0.55, 0.45)}
        preds |= {f"learned>={t}": decide(data, idx, p[idx], t) for t in (0.5, 0.7)}
        pairs = [(k, q) for k, v in gold.items() for q in v]
        nosh = {(k, q) for k, q in pairs if not _shared(fz, data, k, q)}
        for name, pred in preds.items():
            tp = sum(q in gold.get(k, set()) for k, (q, _p) in pred.items())
            fp = len(pred) - tp
            fn = len(pairs) - tp
            hit_none = sum(pred.get(k, ("", 0))[0] == q for k, q in nosh)
            print(f"{group:<14} {name:<13} {tp}/{fp}/{fn} P {tp / max(tp + fp, 1):.2f} R {tp / max(tp + fn, 1):.2f}"
                  f"; no-shared-lemma ids {hit_none}/{len(nosh)}")


def bank(tag: str, half: str) -> None:
    """The contract2 bank (author B4, never in the training rows): per case the rules' ids (the engine, as
    eval_bank_contract.py scores it) against the learned matcher alone (its top id at p >= t, trained on every v7
    contract folder), tp/fp/fn over the half's cases, all and on the ids sharing no lemma with the line. The
    bank's reply is a neutral «Угу.», so no reply gate: only the scorer alone is compared."""
    from types import SimpleNamespace

    from eval_bank_contract import asked_ids, load_cases, load_sets
    from learned_contract import fitted_featurizer, turn_rows
    from learned_contract_eval import Data, fit

    path = Path(__file__).resolve().parent.parent / "tests" / "corpus" / "banks" / "contract2.toml"
    sets = load_sets(path)
    cases = [(n, c) for n, c in load_cases(path, sets) if c.index % 2 == (half == "odd")]
    data = Data()
    cols = cols_for(tag, data.X.shape[1])
    model = fit(data.X[:, cols], data.y, 3.0)
    fz = fitted_featurizer()
    names = ["rules", "learned@.3", "learned@.5", "learned@.7", "rules|learned@.9"]
    counts = {n: [0, 0, 0] for n in names}
    none_gold = 0
    none_found = dict.fromkeys(names, 0)
    for name, case in cases:
        qset = sets[name]
        deal = SimpleNamespace(path=Path("bank") / name / "deal.toml", questions=qset)
        ids, X = turn_rows(fz, deal, case.line, True, "Угу.", False)
        pr = model(X[:, cols])
        k = int(pr.argmax())
        rules = asked_ids(case, qset)
        got = {"rules": rules, **{f"learned@{str(t)[1:]}": {ids[k]} if pr[k] >= t else set()
                                  for t in (0.3, 0.5, 0.7)},
               "rules|learned@.9": rules | ({ids[k]} if pr[k] >= 0.9 else set())}
        gold = set(case.asks)
        det, qs = fz.detector(deal)
        line_lemmas = {t.lemma for t in det.lexicon.tokens(case.line) if t.is_content}
        nosh = {q for q in gold if q in qs and not (qs[q]["lemmas"] & line_lemmas)}
        none_gold += len(nosh)
        for n in names:
            g = got[n]
            c = counts[n]
            c[0], c[1], c[2] = c[0] + len(g & gold), c[1] + len(g - gold), c[2] + len(gold - g)
            none_found[n] += len(nosh & g)
    print(f"contract2 {half} half, {len(cases)} cases [{tag}]; ids sharing no lemma with the line: {none_gold}")
    for n in names:
        tp, fp, fn = counts[n]
        print(f"  {n:<18} {tp}/{fp}/{fn}  P {tp / max(tp + fp, 1):.2f} R {tp / max(tp + fn, 1):.2f} "
              f"F1 {2 * tp / max(2 * tp + fp + fn, 1):.2f}; no-shared-lemma ids found {none_found[n]}/{none_gold}")


def own(tag: str) -> None:
    """The own check (tests/test_analysis_matcher16b.py, contract sets only: BANT is the topic classifier's): a
    model trained on every contract folder's rows scores each line; per line the rules' ids, the learned top id
    and p, whether the reply fits it, and whether the union (p >= 0.7, fit, rules found nothing) gets the case."""

    from learned_contract import BANT_IDS, fitted_featurizer, learned_top
    from learned_contract_eval import Data, fit

    from tests.test_analysis_matcher16b import CASES, asked

    data = Data()
    cols = cols_for(tag, data.X.shape[1])
    model = fit(data.X[:, cols], data.y, 3.0)
    fz = fitted_featurizer()
    right = {"rules": 0, "learned@.5": 0, "union@.7": 0, "union@.5": 0}
    n = 0
    for questions, line, reply, want in CASES:
        if set(questions.ids) <= BANT_IDS:
            continue
        n += 1
        ids, pr, k, fits = learned_top(fz, model, cols, questions, line, reply)
        rules = asked(questions, line, reply)
        exp = [want] if want else []
        got = {"rules": rules, "learned@.5": [ids[k]] if pr[k] >= 0.5 else [],
               "union@.7": rules or ([ids[k]] if pr[k] >= 0.7 and fits else []),
               "union@.5": rules or ([ids[k]] if pr[k] >= 0.5 and fits else [])}
        for name, g in got.items():
            right[name] += g == exp
        print(f"{want!s:<10} rules={rules} learned={ids[k]}:{pr[k]:.2f} fits={fits} | {line}")
    print(f"[{tag}] " + ", ".join(f"{k} {v} of {n}" for k, v in right.items()))


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else "table"
    tag = next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--tag=")), "pure")
    if cmd == "table":
        table(tag, {s for a in sys.argv if a.startswith("--show=") for s in a.split("=", 1)[1].split(",")})
    elif cmd == "specialist":
        specialist(tag, {s for a in sys.argv if a.startswith("--show=") for s in a.split("=", 1)[1].split(",")})
    elif cmd == "soft":
        soft(tag)
    elif cmd == "bank":
        bank(tag, next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--half=")), "even"))
    elif cmd == "own":
        own(tag)
