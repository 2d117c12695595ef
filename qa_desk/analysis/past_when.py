"""A «когда» clause that dates a past event is a landmark, not a time asked (round 18).

"Вы, когда заполняли форму, наверняка держали в голове какую-то цифру…", "Вы ведь, когда с выставки вернулись,
наверняка уже с руководством прикидывали…": the clause opened by «когда» has a past indicative verb and nothing to
come (no infinitive, no «бы», no present or future verb, no verb of planning, thinking or deciding: "когда вы хотели
стартовать?", "когда думали открываться?" still ask the client's time). Such a clause says when something already
happened; only a clause set off as one counts: after a mark, or opening the sentence with a main clause after its mark
("А магазины вам эти семь дней когда поставили условием?" asks the time). The sentence is read without it, so its time asks no timing and the rest of the sentence (a budget asked
"with the form in mind") is read as it stands. A sentence that is only the clause ("А когда вы брали в прошлый раз?")
is left as it is. Grammar only: the tense, mood and part of speech of the clause's words, and the marks around it."""

from __future__ import annotations

from collections.abc import Sequence

from qa_desk.analysis.language import I_WE, PLANS
from qa_desk.analysis.lexicon import Token
from qa_desk.analysis.sentence import Sentence

_MARKS = (",", "—", "–", ";", ":", "(", ")")
_LEADS = frozenset({"а", "и", "но", "ну", "вот", "ведь"})  # words that may open a sentence before its «когда» clause
# verbs of planning, thinking and deciding: a past one still asks what is to come ("когда вы решили закупаться")
_INTENT = PLANS | frozenset({"думать", "подумать", "решить", "решать", "определиться", "определяться", "мочь",
                             "стать", "быть", "предполагать", "рассчитывать", "готовиться", "намереваться"})


def _spans(tokens: Sequence[Token], text: str) -> list[tuple[int, int]]:
    """Where each token lies in ``text`` (a token not found keeps the last place)."""
    out, at = [], 0
    for t in tokens:
        found = text.find(t.text, at)
        out.append((found, found + len(t.text)) if found >= 0 else (at, at))
        at = found + len(t.text) if found >= 0 else at
    return out


def past_clause(tokens: Sequence[Token], text: str) -> list[int]:
    """The indices of a «когда» clause of a past event (see the module), or []."""
    spans = _spans(tokens, text)
    gaps = [text[spans[k - 1][1] if k else 0:spans[k][0]] for k in range(len(tokens))]
    for start, t in enumerate(tokens):
        if t.text.lower() != "когда":
            continue
        end = next((k for k in range(start + 1, len(tokens)) if any(m in gaps[k] for m in _MARKS)), len(tokens))
        opens = all(x.text.lower() in _LEADS for x in tokens[:start]) and end < len(tokens)
        if not (any(m in gaps[start] for m in _MARKS) or opens):
            continue  # «когда» asked inside the main clause ("А магазины вам эти семь дней когда поставили условием?")
        verbs = [k for k in range(start + 1, end) if tokens[k].pos == "VERB"]
        if end == len(tokens) and verbs:  # no mark closes it (spoken text): up to its first verb
            end = verbs[0] + 1
        clause = tokens[start + 1:end]
        if (any(x.pos == "VERB" and "past" in x.tags and "indc" in x.tags and x.lemma not in _INTENT for x in clause)
                and not any(x.pos in ("INFN", "PRED") or x.text.lower() == "бы" or x.lemma in _INTENT
                            or x.pos == "VERB" and "past" not in x.tags for x in clause)):
            return list(range(start, end))
    return []


def without_past_when(s: Sentence) -> Sentence:
    """``s`` without its «когда» clause of a past event, when words of its own remain (its marks kept)."""
    drop = past_clause(s.tokens, s.text)
    rest = [t for i, t in enumerate(s.tokens) if i not in drop]
    if not drop or not any(t.is_content for t in rest):
        return s
    spans = _spans(s.tokens, s.text)
    cut = spans[drop[-1] + 1][0] if drop[-1] + 1 < len(s.tokens) else len(s.text)
    text = s.text[:spans[drop[0]][0]] + s.text[cut:]
    return Sentence(text, tuple(rest), frozenset().union(*(t.lemmas for t in rest)), s.is_question, s.is_evasive)


_EASE = frozenset({"удобно", "удобный", "хороший", "лучше", "комфортный", "комфортно"})
_THAT = frozenset({"чтобы", "чтоб"})
_KNOWING = frozenset({"понимать", "понять", "знать", "успеть", "видеть", "планировать", "рассчитывать"})


def ours_at_ease(tokens: Sequence[Token]) -> bool:
    """«Когда» with his ease, then «чтобы» and we doing something: the time of our act ("Когда вам будет удобнее,
    чтобы я вышел на связь в июле?", "Вам когда лучше, чтобы мы привезли образцы?"); not a purpose of ours ("когда
    у вас отбор завершается, чтобы я понимал…") nor his thing ("когда удобнее, чтобы линия уже стояла")."""
    words = [t for t in tokens if t.is_word]
    when = next((k for k, t in enumerate(words) if t.lemma == "когда"), None)
    that = next((k for k, t in enumerate(words) if t.text.lower() in _THAT), None)
    if when is None or that is None or that < when:
        return False
    ease = any(t.lemma in _EASE or t.text.lower() in _EASE for t in words[when + 1:that])
    verbs = [t for t in words[when + 1:that] if t.pos in ("VERB", "INFN") and t.lemma != "быть"]
    after = words[that + 1:that + 3]
    ours = any(t.text.lower() in I_WE for t in after) and any(
        t.pos == "VERB" and t.lemma not in _KNOWING for t in words[that + 1:that + 4])
    return ease and not verbs and ours
