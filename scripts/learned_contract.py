#!/usr/bin/env python3
"""Offline experiment (not wired into the engine): does a LEARNED contract-question matcher generalise
better than the hand-written rules?

Data: every v7 deal under tests/corpus/v7/<folder>/ whose ``questions`` names a contract set. One example
per (manager turn, set question): positive when the turn's ``asks`` has the question id. BANT ids in a
contract set are left out (the eval's "contract" figures).

Features (per turn x question; sentence-level ones are the max over the turn's sentences): navec lemma
vectors (mean and IDF-weighted mean of the question's title + ask phrasings vs the sentence's), the best
word-to-word cosine alignment both ways, lemma overlap (count, Jaccard, IDF-weighted share), rapidfuzz
token_set/partial ratios, the engine's own soft score (contract._scores) and rule score (Detector.asks), the
question's rank among the set's by those, question-form and wh-word x answer-kind cues. A numpy logistic
regression (L2), leave-one-folder-out; per turn the decision is argmax over the set's questions above a
threshold tuned on the training folders (inner leave-one-folder-out, F1 of turn-level tp/fp/fn).

The engine's asked ids per turn come from analyze_deal's asked evidence (segment times = the turn's span).

    python scripts/learned_contract.py engine          # cache the engine's per-turn asked ids (slow)
    python scripts/learned_contract.py features        # cache the features
    python scripts/learned_contract.py eval            # leave-one-folder-out table (LR; "pure" and "eng" features)
        [--gbm] [--l2=3] [--only=heldout_h15,heldout_h14] [--tags=pure] [--show=heldout_h15]
    python scripts/learned_contract.py union [--tag=eng]  # round 13: conservative unions per folder (outer LOFO)
    QA_LEARNED_BLIND=1 TMPDIR=<dir> ... engine / features  # the blind folder's rows, cached apart
    BLIND_CACHE=<dir>/qa-desk-learned-contract python scripts/learned_contract.py union --blind   # score it once
    python scripts/learned_contract.py own             # the own check lines (tests/test_analysis_learned13.py)

heldout_h11 (BLIND) is never in the data unless QA_LEARNED_BLIND=1, which reads it alone.

Caches in the temporary folder (qa-desk-learned-contract). The model and the evaluation are in
``learned_contract_eval.py``. Rows per folder: rules (the engine), learned, rules OR learned above the threshold
tuned in the training folders (tc), above 0.9, and above the learned matcher's own threshold (t). Findings (not
wired into the engine): docs/NOTES.md, issue 14, round 12 (eng12f); round 13: docs/engine-round13.md, eng13f (not wired either).
"""

from __future__ import annotations

import json
import math
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

V7 = ROOT / "tests" / "corpus" / "v7"
CACHE = Path(tempfile.gettempdir()) / "qa-desk-learned-contract"
BANT_IDS = frozenset({"budget", "authority", "need", "timing"})
BLIND = frozenset({"heldout_h11"})  # the blind check: never in the data (QA_LEARNED_BLIND=1 reads it alone)


def contract_deals():
    from qa_desk.analysis.corpus_v7 import find_deals

    out = []
    import os

    blind = os.environ.get("QA_LEARNED_BLIND") == "1"
    for folder in sorted(p for p in V7.iterdir() if p.is_dir()):
        if (folder.name in BLIND) != blind:
            continue
        for deal in find_deals(folder):
            ids = [q for q in deal.questions.ids if q not in BANT_IDS]
            if deal.questions.name != "bant" and ids:
                out.append((folder.name, deal))
    return out


def deal_key(folder: str, deal) -> str:
    return f"{folder}/{deal.path.relative_to(V7 / folder)}"


# --- the engine's asked ids per turn --------------------------------------------------------------
def engine(only: str | None = None) -> None:
    from qa_desk.analysis.corpus_v7 import call_transcript
    from qa_desk.analysis.deal import analyze_deal

    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / "engine.json"
    done = json.loads(path.read_text()) if path.exists() else {}
    for folder, deal in contract_deals():
        key = deal_key(folder, deal)
        if key in done or (only and folder != only):
            continue
        recs, spans = [], []
        for i in range(len(deal.calls)):
            rec, sp = call_transcript(deal, i)
            recs.append(rec)
            spans.append(sp)
        t0 = time.perf_counter()
        analysis = analyze_deal(recs, deal.questions, deal.reason, min_order=deal.min_order)
        dt = time.perf_counter() - t0
        ids = set(deal.questions.ids)
        turns: dict[str, list[str]] = {}
        for q in analysis.questions:
            if q.id not in ids:
                continue
            for e in q.asked_evidence:
                for ti, (s, t) in enumerate(spans[e.recording]):
                    if e.start < t and e.end > s:
                        turns.setdefault(f"{e.recording}:{ti}", []).append(q.id)
                        break
        done[key] = {"turns": turns, "asked": [q.id for q in analysis.questions if q.asked and q.id in ids],
                     "seconds": dt, "n_turns": sum(len(c.turns) for c in deal.calls)}
        path.write_text(json.dumps(done, ensure_ascii=False))
        print(f"{key}: {dt:.1f}s", flush=True)


# --- features ------------------------------------------------------------------------------------
KINDS = ("money", "person", "timing", "yes_no", "text")
WHS = ("who", "decides", "party", "when", "how_much", "money", "where")
BASE = ("cos_mean", "cos_idf", "align_q2s", "align_s2q", "pair_max", "ov_n", "ov_jacc", "ov_idf",
        "fz_set", "fz_part", "fz_wratio")
ENGINE = ("eng_soft", "eng_rule")


class Featurizer:
    """Per (sentence, set question) similarity features; a Detector per set gives tokens and engine scores."""

    def __init__(self, idf_texts=None) -> None:
        import numpy as np

        from qa_desk.analysis.vectors import vectors

        table = vectors()
        self.np = np
        self.words = {w: i for i, w in enumerate(table.words)}
        self.mat = np.frombuffer(table.table.tobytes(), dtype=np.int8).reshape(-1, table.dim).astype(np.float32) / 127.0
        self.dim = table.dim
        self.detectors: dict[str, object] = {}
        self.idf: dict[str, float] = {}
        self.n_docs = 1

    def detector(self, deal):
        from qa_desk.analysis.detect import Detector

        key = str(deal.path.parent / deal.questions.name)
        if key not in self.detectors:
            det = Detector(deal.questions)
            qs = {}
            for cq in det.questions:
                q = cq.question
                if q.id in BANT_IDS:
                    continue
                text = " ".join((q.title, *q.ask))
                toks = [t for part in (q.title, *q.ask) for t in det.lexicon.tokens(part)]
                qs[q.id] = {"cq": cq, "text": text.lower(), "kind": q.answer.value, **self.bag(toks)}
            self.detectors[key] = (det, qs)
        return self.detectors[key]

    def set_idf(self, docs: list[set[str]]) -> None:
        from collections import Counter

        df = Counter(lm for d in docs for lm in d)
        self.n_docs = len(docs)
        self.idf = {lm: math.log((1 + len(docs)) / (1 + c)) + 1.0 for lm, c in df.items()}

    def w(self, lemma: str) -> float:
        return self.idf.get(lemma, math.log(1 + self.n_docs) + 1.0)

    def bag(self, tokens) -> dict:
        np = self.np
        lem = [t.lemma for t in tokens if t.is_content]
        rows = [self.words.get(lm) for lm in lem]
        keep = [(lm, r) for lm, r in zip(lem, rows, strict=True) if r is not None]
        vecs = self.mat[[r for _l, r in keep]] if keep else np.zeros((0, self.dim), np.float32)
        return {"lemmas": set(lem), "vl": [lm for lm, _r in keep], "vecs": vecs}

    def sims(self, qb: dict, sb: dict, text_q: str, text_s: str, eng: tuple[float, float] | None) -> list[float]:
        np = self.np
        from rapidfuzz import fuzz

        def unit(v):
            n = float(np.linalg.norm(v))
            return v / n if n else v

        out = []
        if len(qb["vecs"]) and len(sb["vecs"]):
            wq = np.array([self.w(lm) for lm in qb["vl"]], np.float32)
            ws = np.array([self.w(lm) for lm in sb["vl"]], np.float32)
            out.append(float(unit(qb["vecs"].mean(0)) @ unit(sb["vecs"].mean(0))))
            out.append(float(unit(wq @ qb["vecs"]) @ unit(ws @ sb["vecs"])))
            m = qb["vecs"] @ sb["vecs"].T
            out.append(float((m.max(1) * wq).sum() / wq.sum()))
            out.append(float((m.max(0) * ws).sum() / ws.sum()))
            out.append(float(m.max()))
        else:
            out += [0.0] * 5
        inter = qb["lemmas"] & sb["lemmas"]
        union = qb["lemmas"] | sb["lemmas"]
        out.append(min(len(inter), 4) / 4)
        out.append(len(inter) / len(union) if union else 0.0)
        tot = sum(self.w(lm) for lm in qb["lemmas"])
        out.append(sum(self.w(lm) for lm in inter) / tot if tot else 0.0)
        out.append(fuzz.token_set_ratio(text_q, text_s) / 100)
        out.append(fuzz.partial_ratio(text_q, text_s) / 100)
        out.append(fuzz.WRatio(text_q, text_s) / 100)
        if eng is not None:
            out += list(eng)
        return out


def engine_scores(det, s) -> dict[str, tuple[float, float]]:
    """The engine's soft score (contract._scores: question_match x kind fit, before margins) and rule score."""
    from qa_desk.analysis import contract

    soft = {}
    if det._bags:
        for score, i in contract._scores(det._bags, s.tokens, s.lemmas, det.lang):
            soft[det._bags[i].qid] = score
    return {cq.question.id: (soft.get(cq.question.id, 0.0), det.asks(cq, s)) for cq in det.questions}


def reply_block(fz: Featurizer, det, qs, ids, reply: str | None):
    """The client's next turn: its similarity to each question (max over its sentences, and the margin over the
    set's best other question) and the shape of an answer (a number, a sum, a yes/no) crossed with the kind."""
    from qa_desk.analysis.money import find_amounts, number_words

    np = fz.np
    best = np.zeros((len(ids), len(BASE)), np.float32)
    num = amount = yes = 0.0
    for s in det.sentences(reply) if reply else []:
        sb = fz.bag(s.tokens)
        for k, qid in enumerate(ids):
            best[k] = np.maximum(best[k], np.array(fz.sims(qs[qid], sb, qs[qid]["text"], s.text.lower(), None), np.float32))
        words = {t.text.lower() for t in s.tokens}
        num = max(num, float(any(t.is_digit for t in s.tokens) or bool(words & number_words())))
        amount = max(amount, float(bool(find_amounts(s.tokens))))
        yes = max(yes, float(bool(words & {"да", "нет", "конечно", "есть", "нету"})))
    other = np.stack([np.delete(best, k, axis=0).max(0) if len(ids) > 1 else np.zeros(len(BASE), np.float32)
                      for k in range(len(ids))])
    cues = np.array([[a * b for a in (float(qs[q]["kind"] == k) for k in KINDS) for b in (num, amount, yes, 1.0 - (num + yes > 0))]
                     for q in ids], np.float32)
    return np.concatenate([best, best - other, cues], axis=1)


def turn_rows(fz: Featurizer, deal, text: str, with_engine: bool = True, reply: str | None = None, first: bool = False):
    """(question ids, feature matrix) for one manager turn: per question the max over its sentences of the
    similarity features, their margins over the set's best other question, form and wh x kind cues."""
    from qa_desk.analysis import contract

    np = fz.np
    det, qs = fz.detector(deal)
    ids = list(qs)
    sents = det.sentences(text) or []
    nb = len(BASE) + (len(ENGINE) if with_engine else 0)
    best = np.zeros((len(ids), nb), np.float32)
    qform = 0.0
    whs: set[str] = set()
    for s in sents:
        sb = fz.bag(s.tokens)
        eng = engine_scores(det, s) if with_engine else {}
        w = 1.0 if s.is_question else 0.7
        qform = max(qform, float(s.is_question))
        if s.is_question:
            whs |= contract.wh_classes(s.tokens, det.lang)
        for k, qid in enumerate(ids):
            v = np.array(fz.sims(qs[qid], sb, qs[qid]["text"], s.text.lower(), eng.get(qid) if with_engine else None),
                         np.float32) * w
            best[k] = np.maximum(best[k], v)
    other = np.zeros_like(best)
    for k in range(len(ids)):
        rest = np.delete(best, k, axis=0)
        other[k] = rest.max(0) if len(rest) else 0.0
    margin = best - other
    rank0 = (margin >= 0).astype(np.float32)
    extra = []
    for qid in ids:
        kind = qs[qid]["kind"]
        kv = [float(kind == k) for k in KINDS]
        wv = [float(h in whs) for h in WHS]
        cross = [a * b for a in kv for b in wv]
        extra.append([qform, min(len(sents), 5) / 5, min(len(text.split()), 40) / 40, 1 / len(ids), *kv, *wv, *cross])
    arrange = float(any(not s.lemmas.isdisjoint(det.lang.arrangements) for s in sents))
    ctx = np.array([[arrange, float(first)]] * len(ids), np.float32)
    X = np.concatenate([best, margin, rank0, np.array(extra, np.float32), ctx, reply_block(fz, det, qs, ids, reply)],
                       axis=1)
    return ids, X


def features(with_engine: bool = True) -> None:
    import numpy as np

    deals = contract_deals()
    fz = Featurizer()
    # IDF over every question text and manager turn (label-free)
    docs = []
    for _f, deal in deals:
        det, qs = fz.detector(deal)
        docs += [q["lemmas"] for q in qs.values()]
        for c in deal.calls:
            for t in c.turns:
                if t.speaker == "manager":
                    docs.append({x.lemma for x in det.lexicon.tokens(t.text) if x.is_content})
    fz.set_idf(docs)
    fz.detectors.clear()
    rows, Xs = [], []
    t0 = time.perf_counter()
    n_sent = 0
    for folder, deal in deals:
        det, qs = fz.detector(deal)
        for ci, c in enumerate(deal.calls):
            for ti, t in enumerate(c.turns):
                if t.speaker != "manager":
                    continue
                nxt = c.turns[ti + 1] if ti + 1 < len(c.turns) else None
                reply = nxt.text if nxt is not None and nxt.speaker != "manager" else None
                ids, X = turn_rows(fz, deal, t.text, with_engine, reply, ti == 0)
                n_sent += len(det.sentences(t.text))
                for qid in ids:
                    rows.append({"folder": folder, "deal": deal_key(folder, deal), "turn": f"{ci}:{ti}", "qid": qid,
                                 "y": int(qid in t.asks)})
                Xs.append(X)
    dt = time.perf_counter() - t0
    X = np.concatenate(Xs)
    tag = "eng" if with_engine else "pure"
    np.save(CACHE / f"X_{tag}.npy", X)
    (CACHE / f"rows_{tag}.json").write_text(json.dumps(rows, ensure_ascii=False))
    print(f"{tag}: {X.shape}, {sum(r['y'] for r in rows)} positives, {dt:.1f}s for {n_sent} sentences "
          f"({1000 * dt / max(n_sent, 1):.1f} ms/sentence incl. tokenising)")


def fitted_featurizer() -> Featurizer:
    """A Featurizer whose idf is fitted on every contract folder's titles and manager turns."""
    fz = Featurizer()
    docs = []
    for _f, deal in contract_deals():
        det, qs = fz.detector(deal)
        docs += [q["lemmas"] for q in qs.values()]
        docs += [{x.lemma for x in det.lexicon.tokens(t.text) if x.is_content}
                 for c in deal.calls for t in c.turns if t.speaker == "manager"]
    fz.set_idf(docs)
    return fz


def learned_top(fz: Featurizer, model, cols, questions, line: str, reply: str):
    """For an own case (a set, our line and the reply): the set's ids, the model's probabilities, the top index, and
    whether the reply fits the top question's kind."""
    from types import SimpleNamespace

    import numpy as np

    from qa_desk.analysis.shape import reply_fits

    deal = SimpleNamespace(path=Path("own") / questions.name / "deal.toml", questions=questions)
    ids, X = turn_rows(fz, deal, line, True, reply, False)
    p = model(X[:, cols])
    k = int(np.argmax(p))
    det, _qs = fz.detector(deal)
    cq = next(c for c in det.questions if c.question.id == ids[k])
    fits = any(reply_fits(cq.question.answer, s.tokens, [r.tokens for r in det.sentences(reply)], det.lang)
               for s in det.sentences(line))
    return ids, p, k, fits


def own(tag: str = "pure") -> None:
    """The own check (tests/test_analysis_learned13.py): a model trained on every contract folder's rows (the blind
    folder never among them) scores the 20 lines; per line the rules' ids, the learned top question and p, and
    whether the rules OR learned (p >= 0.9, rules found nothing, the reply fits the question's kind) gets it."""

    from learned_contract_eval import Data, columns, fit

    from tests.test_analysis_learned13 import CASES, asked

    data = Data()
    cols = columns(tag, data.X.shape[1])
    model = fit(data.X[:, cols], data.y, 3.0)
    fz = fitted_featurizer()
    right = {"rules": 0, "learned@.3": 0, "union@.9": 0, "union@.7": 0}
    for questions, line, reply, want in CASES:
        ids, p, k, fits = learned_top(fz, model, cols, questions, line, reply)
        rules = asked(questions, line, reply)
        exp = [want] if want else []
        got = {"rules": rules, "learned@.3": [ids[k]] if p[k] >= 0.3 else [],
               "union@.9": rules or ([ids[k]] if p[k] >= 0.9 and fits else []),
               "union@.7": rules or ([ids[k]] if p[k] >= 0.7 and fits else [])}
        for name, g in got.items():
            right[name] += g == exp
        print(f"{want!s:<10} rules={rules} learned={ids[k]}:{p[k]:.2f} fits={fits} | {line}")
    print(f"[{tag}] " + ", ".join(f"{n} {r} of {len(CASES)}" for n, r in right.items()))


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else "eval"
    if cmd == "engine":
        engine(sys.argv[2] if len(sys.argv) > 2 else None)
    elif cmd == "eval":
        from learned_contract_eval import MODEL, ONLY, SHOW, TAGS, evaluate

        for a in sys.argv:
            if a.startswith("--only="):
                ONLY.extend(a.split("=", 1)[1].split(","))
            if a == "--gbm":
                MODEL["fit"] = "gbm"
            if a.startswith("--tags="):
                TAGS[:] = a.split("=", 1)[1].split(",")
        SHOW.update(a.split("=", 1)[1] for a in sys.argv if a.startswith("--show="))
        evaluate(next((float(a.split("=", 1)[1]) for a in sys.argv if a.startswith("--l2=")), 3.0))
    elif cmd == "union":  # round 13: conservative unions, leave one folder out; --blind scores the blind folder
        import os

        from learned_contract_eval import Data, union_table

        tag = next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--tag=")), "pure")
        if "--blind" in sys.argv:  # its rows and engine ids cached with QA_LEARNED_BLIND=1 in BLIND_CACHE
            import learned_contract_eval as lce

            train = Data()
            lce.CACHE = Path(os.environ["BLIND_CACHE"])
            os.environ["QA_LEARNED_BLIND"] = "1"
            blind = Data()
            union_table(tag, blind, train)
        else:
            union_table(tag)
    elif cmd == "own":
        own(next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--tag=")), "pure"))
    elif cmd == "features":
        features(with_engine="--pure" not in sys.argv)
