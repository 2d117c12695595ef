#!/usr/bin/env python3
"""Audio-only misses of a v7 set, side by side: the labelled turn's exact text and the cached ASR segments
that overlap its rendered time span (what the engine read), for every question asked/answered on exact text
but missed through audio, and every decider right on exact text only. Reads cached transcripts only.

    python3 scripts/asr_misses.py --set tests/corpus/v7/heldout_h23 --audio-dir ~/.cache/qa-desk/eval-audio/h23
"""

from __future__ import annotations

import argparse
import sys
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qa_desk.analysis.corpus_v7 import V7Score, decider_matches, find_deals, score_deal  # noqa: E402


def _norm(text: str) -> str:
    return " ".join("".join(c if c.isalnum() else " " for c in text.lower().replace("ё", "е")).split())


def _overlap(rec: object, start: float, end: float) -> list[Any]:
    return [s for s in getattr(rec, "segments", []) if s.start < end and s.end > start]


def klass(turn: Any, stereo: bool, segs: list[Any], start: float, end: float) -> str:
    """A rough class of what ASR did to one labelled turn (read by hand afterwards)."""
    if not segs:
        return "missing"
    if stereo and all(s.speaker != turn.speaker for s in segs):
        return "speaker"
    exact, heard = _norm(turn.text), _norm(" ".join(s.text for s in segs))
    # the part of the heard text that lies inside the span, by words' times when there are any
    inside = " ".join(w.word for s in segs for w in s.words if start - 0.3 <= (w.start + w.end) / 2 <= end + 0.3)
    sim = SequenceMatcher(None, exact, _norm(inside) if inside else heard).ratio()
    if sim < 0.75:
        return f"garbled {sim:.2f}"
    if not stereo and (segs[0].start < start - 1.0 or segs[-1].end > end + 1.0):
        return f"merged {sim:.2f}"
    if len(segs) > 1:
        return f"split {sim:.2f}"
    return f"readable {sim:.2f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", dest="folder", type=Path, required=True)
    parser.add_argument("--audio-dir", type=Path, required=True)
    args = parser.parse_args()
    from tests.corpus import render

    audio = render.AudioTranscripts(args.folder.resolve(), "base", args.audio_dir, cached_only=True)
    for deal in find_deals(args.folder.resolve()):
        ex = score_deal(deal, V7Score())
        recs: list[tuple[object, list[tuple[float, float]]]] = []

        def keep(d: object, i: int, recs: list[Any] = recs) -> tuple[object, list[tuple[float, float]]]:
            r = audio(d, i)
            recs.append(r)
            return r

        au = score_deal(deal, V7Score(), keep)  # type: ignore[arg-type]
        for aspect in ("asked", "answered"):
            for qid in deal.expected.get(aspect, []):
                e, a = ex.question(qid), au.question(qid)
                if not (e and getattr(e, aspect)) or (a and getattr(a, aspect)):
                    continue
                print(f"## {deal.name} {aspect} {qid}")
                for ci, call in enumerate(deal.calls):
                    rec, spans = recs[ci]
                    for ti, turn in enumerate(call.turns):
                        if qid in (turn.asks if aspect == "asked" else turn.answers) and ti < len(spans):
                            mode = "st" if call.stereo else "mono"
                            segs = _overlap(rec, *spans[ti])
                            print(f"  EX c{ci + 1} t{ti} {mode} {turn.speaker[:3]}: {turn.text}")
                            print(f"  CLASS {klass(turn, call.stereo, segs, *spans[ti])}")
                            for s in segs:
                                print(f"  AU {s.start:7.1f}-{s.end:6.1f} {s.speaker[:3]}: {s.text}")
                ev = (e.asked_evidence if aspect == "asked" else e.answer_evidence)[0] if e else None
                if ev:
                    print(f"  exact evidence: c{ev.recording + 1} «{ev.quote}»")
        want = deal.expected.get("decider")
        if want:
            def txt(an: object) -> str:
                q = an.question("authority") or next((q for q in an.questions if q.kind == "person"), None)  # type: ignore[attr-defined]
                return str(((q.value if q else None) or {}).get("text", ""))
            if decider_matches(str(want), txt(ex)) and not decider_matches(str(want), txt(au)):
                print(f"## {deal.name} decider want «{want}» exact «{txt(ex)}» audio «{txt(au)}»")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
