#!/usr/bin/env python3
"""Fit qa_desk/analysis/data/reply_kind.json (the learned reply-kind gate, qa_desk/analysis/reply_kind.py) from the
labelled v7 folders, and measure it leave one folder out.

    python scripts/reply_kind_fit.py rows [--jobs=2]   # every reply with a value for an open window, per v7 folder
    python scripts/reply_kind_fit.py fit                # the shipped model: fitted on ALL folders' rows
    python scripts/reply_kind_fit.py lofo [--away=0.2] [--void=0.05] [--only=heldout_h24]
        # each of H18-H25 run through the engine with a model fitted on the other folders' rows, against the gate
        # off: asked / answered / amounts / deciders / checks / pairing, and the rows' own figures

A row is one reply that carries a value for an open window, during a run of the engine with the gate off (round 19:
every such reply, whether or not pairing.substantive takes it; its verdict is a feature): its features
(reply_kind.features with the call's open windows, so the weights match what the engine reads) and y = 1 when the
reply overlaps a turn labelled ``answers`` with that question id (else a non-answer or another fact). Caches in
$TMPDIR/qa-desk-reply-kind.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from learned_ask_fit import FRESH, V7  # noqa: E402  (one list of the folders both models are measured on)

CACHE = Path(tempfile.gettempdir()) / "qa-desk-reply-kind"
OUT = ROOT / "qa_desk" / "analysis" / "data" / "reply_kind.json"
L2 = 3.0


def _arg(name: str, default: str) -> str:
    return next((a.split("=", 1)[1] for a in sys.argv if a.startswith(f"--{name}=")), default)


def folders() -> list[str]:
    return sorted(p.name for p in V7.iterdir() if p.is_dir())


def folder_rows(folder: str) -> str:
    """Run the engine (gate off) on one folder and cache its rows."""
    from qa_desk.analysis import deal as deal_mod
    from qa_desk.analysis import reply_kind
    from qa_desk.analysis.corpus_v7 import V7Score, call_transcript, find_deals, score_deal

    reply_kind.ENABLED = False
    out: list[dict] = []
    labels: dict[tuple[int, str], list[tuple[float, float]]] = {}
    name = [""]

    def hook(detector, cq, window, unit, answer, pending=None):
        qid = cq.question.id
        y = any(unit.segment.start < e and unit.segment.end > s for s, e in labels.get((unit.recording, qid), []))
        out.append({"deal": name[0], "qid": qid, "y": int(y), "quote": answer.quote[:80],
                    "x": reply_kind.features(detector, cq, window, unit, answer, pending)})
        return False

    deal_mod._void = hook  # asked of every reply with a value, before the hold / record checks
    for deal in find_deals(V7 / folder):
        labels.clear()
        for ci in range(len(deal.calls)):
            _rec, spans = call_transcript(deal, ci)
            for ti, turn in enumerate(deal.calls[ci].turns):
                for qid in turn.answers:
                    labels.setdefault((ci, qid), []).append(spans[ti])
        name[0] = str(deal.path.relative_to(V7 / folder))
        score_deal(deal, V7Score())
    CACHE.mkdir(parents=True, exist_ok=True)
    (CACHE / f"rows_{folder}.json").write_text(json.dumps(out, ensure_ascii=False))
    return f"{folder}: {len(out)} rows, {sum(r['y'] for r in out)} answers"


def rows() -> None:
    from multiprocessing import Pool

    with Pool(int(_arg("jobs", "2"))) as pool:
        for line in pool.imap_unordered(folder_rows, folders()):
            print(line, flush=True)


def load(skip: str | None = None):
    import numpy as np

    X, y, meta = [], [], []
    for f in folders():
        if f == skip:
            continue
        for r in json.loads((CACHE / f"rows_{f}.json").read_text()):
            X.append(r["x"])
            y.append(r["y"])
            meta.append((f, r))
    return np.array(X, float), np.array(y, float), meta


def _fit(X, y):
    from learned_contract_eval import fit_lr

    return fit_lr(X, y, L2)


def _weights(X, y) -> dict:
    pred = _fit(X, y)
    mu, sd = X.mean(0), X.std(0)
    sd[sd < 1e-6] = 1.0
    return {"mu": [round(float(v), 6) for v in mu], "sd": [round(float(v), 6) for v in sd],
            "w": [round(float(v), 6) for v in pred.w]}


def fit() -> None:
    X, y, _m = load()
    OUT.write_text(json.dumps(_weights(X, y), separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"fitted on {len(y)} rows ({int(y.sum())} answers) -> {OUT}")


def _figures(folder: str) -> dict[str, str]:
    from qa_desk.analysis.corpus_v7 import V7Score, find_deals, score_deal

    score = V7Score()
    for deal in find_deals(V7 / folder):
        score_deal(deal, score)
    out = {}
    for aspect in ("asked", "answered"):
        c = score.total(aspect)
        out[aspect] = f"{c.tp}/{c.fp}/{c.fn}"
    out["amounts"] = f"{score.amounts_ok}/{score.amounts_total}"
    out["deciders"] = f"{score.deciders_ok}/{score.deciders_total}"
    out["checks"] = f"{score.checks_ok}/{score.checks_total}"
    out["pairing"] = f"{score.pairs_ok}/{score.pairs_total}"
    out["errors"] = "\n".join(sorted(score.errors))
    return out


def lofo() -> None:
    from qa_desk.analysis import reply_kind

    combos = [(float(a), float(v)) for a in _arg("away", str(reply_kind.AWAY)).split(",")
              for v in _arg("void", str(reply_kind.VOID)).split(",")]
    only = _arg("only", "")
    targets = [f for f in FRESH if not only or f in only.split(",")]
    tot: dict[tuple[float, float], list[int]] = {c: [0, 0, 0, 0] for c in combos}
    for f in targets:
        X, y, _m = load(skip=f)
        reply_kind._MODEL = _weights(X, y)
        rs = json.loads((CACHE / f"rows_{f}.json").read_text())
        p = [reply_kind.probability(r["x"]) for r in rs]
        reply_kind.ENABLED = False
        base = _figures(f)
        reply_kind.ENABLED = True
        for away, void in combos:
            reply_kind.AWAY, reply_kind.VOID = away, void
            away_pos = sum(1 for r, pr in zip(rs, p, strict=True) if pr <= away and r["y"])
            away_neg = sum(1 for r, pr in zip(rs, p, strict=True) if pr <= away and not r["y"])
            void_pos = sum(1 for r, pr in zip(rs, p, strict=True) if pr <= void and r["y"])
            void_neg = sum(1 for r, pr in zip(rs, p, strict=True) if pr <= void and not r["y"])
            gated = _figures(f)
            b, g = int(base["pairing"].split("/")[0]), int(gated["pairing"].split("/")[0])
            t = tot[away, void]
            tot[away, void] = [t[0] + b, t[1] + g, t[2] + away_neg, t[3] + away_pos]
            moved = [k for k in base if k not in ("pairing", "errors") and base[k] != gated[k]]
            print(f"{f} p<={away} void<={void}: rows {len(rs)} (answers {sum(r['y'] for r in rs)}), set aside {away_neg} non-answers"
                  f" / {away_pos} answers, void {void_neg} / {void_pos}; pairing {base['pairing']} -> {gated['pairing']}; "
                  + ("; ".join(f"{k} {base[k]} -> {gated[k]}" for k in moved) or "nothing else moved"), flush=True)
            if "-v" in sys.argv:
                old, new = set(base["errors"].split("\n")), set(gated["errors"].split("\n"))
                for e in sorted(old - new):
                    print(f"   fixed: {e}")
                for e in sorted(new - old):
                    print(f"   new:   {e}")
    for (away, void), t in tot.items():
        print(f"p<={away} void<={void}: pairing {t[0]} -> {t[1]}; set aside {t[2]} non-answers / {t[3]} answers")


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else "fit"
    commands = {"rows": rows, "fit": fit, "lofo": lofo}
    if cmd not in commands:
        raise SystemExit(f"usage: reply_kind_fit.py [{'|'.join(commands)}] [-v]  (default: fit)")
    commands[cmd]()
