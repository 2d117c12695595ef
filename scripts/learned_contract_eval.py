"""The learned contract-question matcher's models (numpy logistic regression, a small gradient boosting) and its
leave-one-folder-out evaluation against the rules; the data and the features are ``learned_contract.py``'s,
and so is the command line (``python scripts/learned_contract.py eval``)."""

from __future__ import annotations

import json
import math

from learned_contract import BANT_IDS, BASE, CACHE, ENGINE, contract_deals, deal_key


# --- model and evaluation -------------------------------------------------------------------------
def fit_lr(X, y, l2: float = 1.0, iters: int = 30):
    """L2 logistic regression by Newton's method on standardised features; returns a predict function."""
    import numpy as np

    mu, sd = X.mean(0), X.std(0)
    sd[sd < 1e-6] = 1.0
    Z = np.hstack([(X - mu) / sd, np.ones((len(X), 1))])
    w = np.zeros(Z.shape[1])
    reg = np.full(Z.shape[1], l2)
    reg[-1] = 0.0
    for _ in range(iters):
        p = 1 / (1 + np.exp(-np.clip(Z @ w, -30, 30)))
        g = Z.T @ (p - y) + reg * w
        H = (Z * (p * (1 - p))[:, None]).T @ Z + np.diag(reg + 1e-6)
        step = np.linalg.solve(H, g)
        w -= step
        if np.abs(step).max() < 1e-6:
            break

    def predict(Xn):
        Zn = np.hstack([(Xn - mu) / sd, np.ones((len(Xn), 1))])
        return 1 / (1 + np.exp(-np.clip(Zn @ w, -30, 30)))

    predict.w = w
    return predict


def fit_gbm(X, y, rounds: int = 80, depth: int = 3, rate: float = 0.2, lam: float = 1.0, bins: int = 16):
    """A small gradient-boosted tree ensemble (logistic loss, Newton leaves, histogram splits) in numpy."""
    import numpy as np

    edges = [np.unique(np.quantile(X[:, j], np.linspace(0, 1, bins + 1)[1:-1])) for j in range(X.shape[1])]

    def binned(Xn):
        return np.stack([np.searchsorted(edges[j], Xn[:, j], side="right") for j in range(Xn.shape[1])], axis=1)

    B = binned(X)
    n, f = B.shape
    flat = (B + np.arange(f)[None, :] * bins).ravel()  # row-major: row r's cells at r*f .. r*f+f-1
    base = math.log(max(y.mean(), 1e-6) / max(1 - y.mean(), 1e-6))
    F = np.full(n, base)
    trees = []
    for _ in range(rounds):
        p = 1 / (1 + np.exp(-F))
        g, h = p - y, p * (1 - p)
        tree = []  # (node id, feature, bin) splits and leaf values, breadth first
        nodes = [(0, np.arange(n))]
        leaves = {}
        for level in range(depth + 1):
            nxt = []
            for nid, rows in nodes:
                G, H = g[rows].sum(), h[rows].sum()
                if level == depth or len(rows) < 20:
                    leaves[nid] = -G / (H + lam)
                    continue
                cells = flat.reshape(n, f)[rows].ravel()
                hg = np.bincount(cells, np.repeat(g[rows], f), f * bins).reshape(f, bins).cumsum(1)
                hh = np.bincount(cells, np.repeat(h[rows], f), f * bins).reshape(f, bins).cumsum(1)
                gain = hg ** 2 / (hh + lam) + (G - hg) ** 2 / (H - hh + lam) - G ** 2 / (H + lam)
                gain[(hh < 1.0) | (H - hh < 1.0)] = -1
                j, b = np.unravel_index(np.argmax(gain), gain.shape)
                if gain[j, b] <= 1e-6:
                    leaves[nid] = -G / (H + lam)
                    continue
                tree.append((nid, int(j), int(b)))
                left = rows[B[rows, j] <= b]
                right = rows[B[rows, j] > b]
                nxt += [(2 * nid + 1, left), (2 * nid + 2, right)]
            nodes = nxt
        trees.append((dict((nid, (j, b)) for nid, j, b in tree), leaves))
        F += rate * walk(trees[-1], B)

    def predict(Xn):
        Bn = binned(Xn)
        out = np.full(len(Xn), base)
        for t in trees:
            out += rate * walk(t, Bn)
        return 1 / (1 + np.exp(-out))

    return predict


def walk(tree, B):
    import numpy as np

    splits, leaves = tree
    node = np.zeros(len(B), int)
    for nid in sorted(splits):  # breadth first: a parent before its children
        j, b = splits[nid]
        sel = node == nid
        node[sel] = np.where(B[sel, j] <= b, 2 * nid + 1, 2 * nid + 2)
    out = np.zeros(len(B))
    for nid, v in leaves.items():
        out[node == nid] = v
    return out


MODEL = {"fit": None}


def fit(X, y, l2):
    return fit_gbm(X, y) if MODEL["fit"] == "gbm" else fit_lr(X, y, l2)


def columns(tag: str, n: int):
    """Column indices: 'eng' all; 'pure' without the engine's two scores (in the best, margin and rank blocks)."""
    nb = len(BASE) + len(ENGINE)
    if tag == "eng":
        return list(range(n))
    drop = {b * nb + len(BASE) + k for b in range(3) for k in range(len(ENGINE))}
    return [i for i in range(n) if i not in drop]


class Data:
    def __init__(self) -> None:
        import numpy as np

        self.X = np.load(CACHE / "X_eng.npy")
        self.rows = json.loads((CACHE / "rows_eng.json").read_text())
        self.y = np.array([r["y"] for r in self.rows], float)
        self.folder = np.array([r["folder"] for r in self.rows])
        self.turn = [(r["deal"], r["turn"]) for r in self.rows]
        self.engine = json.loads((CACHE / "engine.json").read_text())
        self.deals = {deal_key(f, d): (f, d) for f, d in contract_deals()}
        self.folders = sorted(set(self.folder))


def labels(data: Data, folders) -> dict[tuple[str, str], set[str]]:
    """(deal, turn) -> labelled contract ids, every turn (client turns too) of the folders' deals."""
    out = {}
    for key, (f, deal) in data.deals.items():
        if f not in folders:
            continue
        ids = set(deal.questions.ids) - BANT_IDS
        for ci, c in enumerate(deal.calls):
            for ti, t in enumerate(c.turns):
                out[(key, f"{ci}:{ti}")] = set(t.asks) & ids
    return out


def engine_turns(data: Data, folders) -> dict[tuple[str, str], set[str]]:
    out = {}
    for key, (f, _deal) in data.deals.items():
        if f in folders:
            for turn, ids in data.engine[key]["turns"].items():
                out[(key, turn)] = set(ids) - BANT_IDS
    return out


def decide(data: Data, idx, p, t: float) -> dict[tuple[str, str], tuple[str, float]]:
    """Per turn: the set's question of highest probability, when at least ``t``."""
    best: dict[tuple[str, str], tuple[str, float]] = {}
    for i, pi in zip(idx, p, strict=True):
        key = data.turn[i]
        if key not in best or pi > best[key][1]:
            best[key] = (data.rows[i]["qid"], float(pi))
    return {k: v for k, v in best.items() if v[1] >= t}


def count(gold: dict, pred: dict[tuple[str, str], set[str]]) -> tuple[int, int, int]:
    tp = fp = fn = 0
    for key in set(gold) | set(pred):
        g, q = gold.get(key, set()), pred.get(key, set())
        tp += len(g & q)
        fp += len(q - g)
        fn += len(g - q)
    return tp, fp, fn


def f1(c) -> float:
    tp, fp, fn = c
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def deal_level(data: Data, folders, pred: dict[tuple[str, str], set[str]]) -> tuple[int, int, int]:
    """Deal-level contract asked (the eval's figure): the union of the turns' ids vs ``[expected] asked``."""
    tp = fp = fn = 0
    union: dict[str, set[str]] = {}
    for (key, _turn), ids in pred.items():
        union.setdefault(key, set()).update(ids)
    for key, (f, deal) in data.deals.items():
        if f not in folders:
            continue
        ids = set(deal.questions.ids) - BANT_IDS
        exp = set(deal.expected.get("asked", [])) & ids
        got = union.get(key, set()) & ids
        tp, fp, fn = tp + len(exp & got), fp + len(got - exp), fn + len(exp - got)
    return tp, fp, fn


GRID = [x / 100 for x in range(10, 100, 2)]


def oof(data: Data, cols, folders, l2: float):
    """Out-of-folder probabilities over ``folders`` (each predicted by a model trained on the others)."""
    import numpy as np

    idx = np.where(np.isin(data.folder, folders))[0]
    p = np.zeros(len(data.y))
    for f in folders:
        tr = idx[data.folder[idx] != f]
        te = idx[data.folder[idx] == f]
        model = fit(data.X[tr][:, cols], data.y[tr], l2)
        p[te] = model(data.X[te][:, cols])
    return idx, p[idx]


SHOW: set[str] = set()
ONLY: list[str] = []
TAGS = ["pure", "eng"]
SHOW_TAGS = {"eng"}


def show(data: Data, test: str, tag: str, gold, eng, learned, top) -> None:
    """The turns where the rules or the learned matcher miss or add a question."""
    print(f"--- {test} [{tag}]: turn | gold | rules | learned (top, p)")
    for key in sorted(set(gold) | set(eng) | set(learned)):
        g, r, lm = gold.get(key, set()), eng.get(key, set()), learned.get(key, set())
        if g == r == lm:
            continue
        deal = data.deals[key[0]][1]
        ci, ti = map(int, key[1].split(":"))
        q, pr = top.get(key, ("-", 0.0))
        print(f"{key[0].split('/')[-1][:28]:<28} {key[1]:>5} gold={sorted(g)} rules={sorted(r)} learned={sorted(lm)} "
              f"top={q}:{pr:.2f} | {deal.calls[ci].turns[ti].text[:150]}")


def evaluate(l2: float = 3.0) -> None:
    import numpy as np

    data = Data()
    engine_all = engine_turns(data, data.folders)
    gold_all = labels(data, data.folders)
    table = []
    totals: dict[str, list[int]] = {}
    for tag in TAGS:
        cols = columns(tag, data.X.shape[1])
        for test in ONLY or data.folders:
            train = [f for f in data.folders if f != test]
            # thresholds tuned inside the training folders only (inner leave-one-folder-out)
            iidx, ip = oof(data, cols, train, l2)
            gold_tr = {k: v for k, v in gold_all.items() if data.deals[k[0]][0] in train}
            eng_tr = {k: v for k, v in engine_all.items() if data.deals[k[0]][0] in train}
            t_best = max(GRID, key=lambda t: f1(count(gold_tr, {k: {q} for k, (q, _p) in decide(data, iidx, ip, t).items()})))

            def combo(t, dec_fn, eng):
                out = {k: set(v) for k, v in eng.items()}
                for k, (q, _p) in dec_fn(t).items():
                    out.setdefault(k, set()).add(q)
                return out
            t_combo = max(GRID, key=lambda t: f1(count(gold_tr, combo(t, lambda x, i=iidx, q=ip: decide(data, i, q, x), eng_tr))))
            tr = np.where(data.folder != test)[0]
            te = np.where(data.folder == test)[0]
            model = fit(data.X[tr][:, cols], data.y[tr], l2)
            p = model(data.X[te][:, cols])
            gold = {k: v for k, v in gold_all.items() if data.deals[k[0]][0] == test}
            eng = {k: v for k, v in engine_all.items() if data.deals[k[0]][0] == test}
            learned = {k: {q} for k, (q, _p) in decide(data, te, p, t_best).items()}
            comb = combo(t_combo, lambda x, i=te, q=p: decide(data, i, q, x), eng)
            comb90 = combo(0.9, lambda x, i=te, q=p: decide(data, i, q, x), eng)
            union = combo(t_best, lambda x, i=te, q=p: decide(data, i, q, x), eng)
            if test in SHOW and tag in SHOW_TAGS:
                show(data, test, tag, gold, eng, learned, decide(data, te, p, 0.0))
            res = {"rules": (count(gold, eng), deal_level(data, {test}, eng)),
                   "learned": (count(gold, learned), deal_level(data, {test}, learned)),
                   "rules|L>=tc": (count(gold, comb), deal_level(data, {test}, comb)),
                   "rules|L>=.9": (count(gold, comb90), deal_level(data, {test}, comb90)),
                   "rules|L>=t": (count(gold, union), deal_level(data, {test}, union))}
            for name, (turn_c, deal_c) in res.items():
                if tag == "eng" and name == "rules":
                    continue
                key = f"{name}" if name == "rules" else f"{name} [{tag}]"
                row = (test, key, turn_c, deal_c, t_best if name == "learned" else t_combo if name == "rules|L>=tc" else None)
                table.append(row)
                acc = totals.setdefault(key, [0] * 6)
                for j, v in enumerate((*turn_c, *deal_c)):
                    acc[j] += v
    print(f"{'folder':<12}{'matcher':<22}{'turn tp/fp/fn':>16}{'F1':>6}{'deal tp/fp/fn':>16}{'F1':>6}  thr")
    for test in data.folders:
        for f, name, tc, dc, thr in table:
            if f == test:
                print(f"{f:<12}{name:<22}{'/'.join(map(str, tc)):>16}{f1(tc):6.2f}{'/'.join(map(str, dc)):>16}{f1(dc):6.2f}"
                      f"  {'' if thr is None else thr}")
        print()
    for name, acc in totals.items():
        print(f"{'POOLED':<12}{name:<22}{'/'.join(map(str, acc[:3])):>16}{f1(acc[:3]):6.2f}"
              f"{'/'.join(map(str, acc[3:])):>16}{f1(acc[3:]):6.2f}")


# --- round 13 (eng13f): the conservative union, and the blind folder ---------------------------------
def fits_reply(fz, data: Data, key: tuple[str, str], qid: str) -> bool:
    """Whether the client's next turn has the shape of an answer to ``qid``'s kind (shape.reply_fits)."""
    from qa_desk.analysis.shape import reply_fits

    deal = data.deals[key[0]][1]
    det, _qs = fz.detector(deal)
    cq = next(c for c in det.questions if c.question.id == qid)
    ci, ti = map(int, key[1].split(":"))
    turns = deal.calls[ci].turns
    if ti + 1 >= len(turns) or turns[ti + 1].speaker == "manager":
        return False
    reply = [s.tokens for s in det.sentences(turns[ti + 1].text)]
    return any(reply_fits(cq.question.answer, s.tokens, reply, det.lang) for s in det.sentences(turns[ti].text))


def conservative(data: Data, fz, idx, p, eng, gold, t: float, gate: str):
    """Rules OR the learned top question at p >= t; gate 'id': only an id the rules did not find in the turn,
    'fit': and the reply fits its kind, 'turn': and the rules found nothing in the turn. Returns (pred, right, wrong)."""
    out = {k: set(v) for k, v in eng.items()}
    right = wrong = 0
    for k, (q, _p) in decide(data, idx, p, t).items():
        if q in out.get(k, set()) or (gate in ("fit", "turn") and not fits_reply(fz, data, k, q)):
            continue
        if gate == "turn" and eng.get(k):
            continue
        out.setdefault(k, set()).add(q)
        right, wrong = right + (q in gold.get(k, set())), wrong + (q not in gold.get(k, set()))
    return out, right, wrong


def union_table(tag: str = "pure", blind: Data | None = None, train: Data | None = None) -> None:
    """Outer leave-one-folder-out (or, with ``blind``, every folder trains and the blind folder is scored): per
    folder the deal figure of the rules and of the conservative unions at 0.7/0.8/0.9, and the turns each adds."""
    import numpy as np
    from learned_contract import Featurizer

    data = train or Data()
    cols = columns(tag, data.X.shape[1])
    fz = Featurizer()
    test = blind or data
    p = np.zeros(len(test.y))
    for f in test.folders:
        tr = np.where(data.folder != f)[0]
        te = np.where(test.folder == f)[0]
        p[te] = fit(data.X[tr][:, cols], data.y[tr], 3.0)(test.X[te][:, cols])
    gold_all, eng_all = labels(test, test.folders), engine_turns(test, test.folders)
    for gate in ("id", "fit", "turn"):
        tot: dict[str, list[int]] = {}
        for f in test.folders:
            idx = np.where(test.folder == f)[0]
            gold = {k: v for k, v in gold_all.items() if test.deals[k[0]][0] == f}
            eng = {k: v for k, v in eng_all.items() if test.deals[k[0]][0] == f}
            row = [f"{f:<12} rules {'/'.join(map(str, deal_level(test, {f}, eng)))}"]
            for t in (0.7, 0.8, 0.9):
                out, right, wrong = conservative(test, fz, idx, p[idx], eng, gold, t, gate)
                c = (*deal_level(test, {f}, out), right, wrong)
                tot[str(t)] = [a + b for a, b in zip(tot.get(str(t), [0] * 5), c, strict=True)]
                row.append(f"{t}: {'/'.join(map(str, c[:3]))} (+{right}/{wrong})")
            tot["rules"] = [a + b for a, b in zip(tot.get("rules", [0] * 5), (*deal_level(test, {f}, eng), 0, 0),
                                                   strict=True)]
            print(f"[{tag} gate={gate}] " + " | ".join(row))
        for name, c in tot.items():
            print(f"[{tag} gate={gate}] POOLED {name}: deal {'/'.join(map(str, c[:3]))} F1 {f1(c[:3]):.3f}, "
                  f"turns added right {c[3]} wrong {c[4]}")
