"""Russian grammar for reviewer messages: number agreement and verb gender (pymorphy3)."""

from __future__ import annotations

from qa_desk.analysis.lexicon import morph


def agree(noun: str, number: int, case: str = "nomn") -> str:
    """``noun`` in ``case`` agreed with ``number``: agree("звонок", 3, "gent") -> "звонков"."""
    parse = morph().parse(noun)[0]
    form = parse.inflect({case}) or parse
    agreed = form.make_agree_with_number(number)
    return agreed.word if agreed is not None else noun


def past_verb(verb: str, subject: str) -> str:
    """Past-tense ``verb`` ("обсуждался") agreed with the head noun of ``subject``."""
    head = next(
        (p for w in subject.split() for p in morph().parse(w.strip("«»,.")) if p.tag.POS == "NOUN" and "nomn" in p.tag),
        None,
    )
    if head is None:
        return verb
    grammeme = "plur" if "plur" in head.tag else str(head.tag.gender or "masc")
    form = morph().parse(verb)[0].inflect({grammeme})
    return form.word if form is not None else verb


def capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def clock(seconds: float) -> str:
    """mm:ss (or h:mm:ss) for a position in a recording."""
    total = int(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"
