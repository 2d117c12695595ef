"""Mono Whisper segments re-cut where the speakers change, by the pauses between the words (word timestamps).

Whisper base writes a mono call in segments that do not follow the turns: a manager's question and the client's
reply come out as one segment ("…а кто у вас подписывает. да я сам и подписываю."), and the engine's mono reading
(units.py, mono_roles.py) starts from a segment as one speaker's stretch of speech. On the cached audio of H20–H23
a pause of 0.6 s or more after a sentence's end inside one segment is a change of speaker 25–32 times per set
against 4–8 pauses inside one turn; Whisper's word times put the gaps after punctuation (a speaker's pauses after
commas are common), so only a cut after a sentence's end is offered, and units.py takes it only after a question.
Whisper's own segment boundaries inside one turn are under 0.4 s apart 6–17 times per set, across turns almost
never (1 of 620): those are joined. Exact transcripts carry no word times and pass unchanged.
"""

from __future__ import annotations

from collections.abc import Callable

from qa_desk.domain.transcript import Segment, Word

TURN_PAUSE_S = 0.6  # this long a silence after a sentence's end inside one segment: the other speaker talks next
GOES_ON_S = 0.4  # the next segment this soon after the last word: one stretch of speech Whisper cut in two
_ENDS = (".", "?", "!", "…")


def _text(words: list[Word]) -> str:
    return " ".join(w.word.strip() for w in words if w.word.strip())


def _same_text(seg: Segment) -> bool:
    """The segment's words spell its text (whitespace aside): a cut by the words keeps every word."""
    return bool(seg.words) and "".join(_text(seg.words).split()) == "".join(seg.text.split())


def _cut(seg: Segment, turn_change: Callable[[str, str], bool]) -> list[Segment]:
    if not _same_text(seg):
        return [seg]
    parts: list[list[Word]] = [[]]
    for k, (word, nxt) in enumerate(zip(seg.words, [*seg.words[1:], None], strict=True)):
        parts[-1].append(word)
        if nxt is not None and word.word.rstrip().endswith(_ENDS) and nxt.start - word.end >= TURN_PAUSE_S \
                and turn_change(_text(parts[-1]), _text(seg.words[k + 1:])):
            parts.append([])
    if len(parts) == 1:
        return [seg]
    return [Segment(p[0].start if i else seg.start, p[-1].end if i < len(parts) - 1 else seg.end, seg.speaker,
                    _text(p), p) for i, p in enumerate(parts)]


def _joined(segments: list[Segment]) -> list[Segment]:
    """Consecutive segments with (almost) no pause between them as one: Whisper cuts one speaker's stretch."""
    out: list[Segment] = []
    for seg in segments:
        last = out[-1] if out else None
        if last is not None and _same_text(last) and _same_text(seg) and seg.words[0].start - last.words[-1].end < GOES_ON_S:
            out[-1] = Segment(last.start, max(last.end, seg.end), last.speaker, f"{last.text.strip()} {seg.text.strip()}",
                              [*last.words, *seg.words])
        else:
            out.append(seg)
    return out


def by_pauses(segments: list[Segment], turn_change: Callable[[str, str], bool]) -> list[Segment]:
    """Mono segments joined where no pause parts them, then cut where a long pause follows a sentence's end and
    ``turn_change(before, after)`` holds (units.py: the words before it ask, the words after it do not go on as the
    asker: no offer, no "вы")."""
    return [part for seg in _joined(segments) for part in _cut(seg, turn_change)]
