"""What the client's own speech shows, for the refusal-reason checks (checks.py).

- a live conversation ("не дозвонились"): the client's own turns of substance in one call, not the
  line ("Алло? Говорите!", "ничего не слышно, перезвоните") and not a recorded message
  ("абонент недоступен", a voicemail); in mono a voicemail the manager leaves reads as one long
  "client" turn, so one turn counts only as the reply to a question the engine paired;
- a described need ("нет потребности"), asked or not: a problem the client lives with ("компрессор
  встаёт, брак", "вот беда, половина по ночам спит") or what they need ("нам нужен компрессор");
- when they want to buy ("не сейчас"): urgency ("сроки горят", "срочно", "надо на этой неделе")
  against a later date ("в следующем году", "не раньше апреля"); a bare "сейчас" ("Сейчас смотрю")
  or "потом" ("потом про сроки") is no date, and a time about a callback, a delivery or the past is
  not the purchase's (timing.py).

Vocabulary: data/checks.toml.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from qa_desk.analysis import data_files, parsed_toml
from qa_desk.analysis.check_reading import term_of_state
from qa_desk.analysis.detect import Sentence
from qa_desk.analysis.language import NEGATIONS, PLANS, Language, lemma_set
from qa_desk.analysis.lexicon import Token
from qa_desk.analysis.patterns import Phrase, any_phrase
from qa_desk.analysis.timing import find_period, not_purchase_clause

LIVE_WORDS = 3  # words of substance that make a turn the client's own speech
_NEGATORS = NEGATIONS | {"без", "никакой"}
_HEADS = frozenset({"нет", "никакой"})  # "проблем нет", "никаких проблем"
_PLANS = PLANS | {"нужный", "чтоб", "чтобы", "должный", "срок", "успеть"}

Turn = Sequence[Sentence]


def _phrases(words: list[str]) -> tuple[Phrase, ...]:
    return tuple(Phrase.parse(w) for w in words)


@dataclass(frozen=True, slots=True)
class Vocabulary:
    line: frozenset[str]
    machine: tuple[Phrase, ...]
    pains: tuple[Phrase, ...]
    wants: frozenset[str]
    urgent: tuple[Phrase, ...]
    near_units: frozenset[str]
    later_units: frozenset[str]
    later_marks: tuple[Phrase, ...]


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    raw = parsed_toml.loads(data_files.read_text("data/checks.toml"))
    c, n, t = raw["contact"], raw["need"], raw["timing"]
    return Vocabulary(lemma_set(c["line"]), _phrases(c["machine"]), _phrases(n["pains"]), lemma_set(n["wants"]),
                      _phrases(t["urgent"]), lemma_set(t["near_units"]), lemma_set(t["later_units"]), _phrases(t["later_marks"]))


def _states(s: Sentence) -> bool:
    return bool(s.tokens) and s.tokens[-1].text != "?"


# --- a live conversation ---------------------------------------------------------------------

def own_speech(turn: Turn) -> bool:
    """A client turn of substance: words beyond the line's, and no recorded message."""
    v = vocabulary()
    if any(any_phrase(v.machine, s.tokens, s.lemmas) is not None for s in turn):
        return False
    words = [t for s in turn for t in s.tokens if t.is_word and t.lemma not in v.line and t.text.lower() not in v.line]
    return len(words) >= LIVE_WORDS


def live_turn(calls: Sequence[Sequence[tuple[Turn, bool]]]) -> Turn | None:
    """The first client turn of a live conversation: per call, its client turns with whether each
    replies to a question the engine paired; two turns of own speech in a call, or one that replies."""
    for turns in calls:
        own = [(turn, replied) for turn, replied in turns if own_speech(turn)]
        if len(own) >= 2 or any(replied for _t, replied in own):
            return own[0][0]
    return None


# --- a described need ------------------------------------------------------------------------

def _negated(tokens: Sequence[Token], i: int) -> bool:
    before = [t.text.lower() for t in tokens[max(0, i - 2):i]]
    after = [t.text.lower() for t in tokens[i + 1:i + 6]]
    none = any(w == "ни" and "один" in t.lemmas for w, t in zip(after, tokens[i + 2:i + 7], strict=False))
    return any(w in _NEGATORS for w in before) or any(w in _HEADS for w in after) or none  # "аварий … ни одной"


pain_negated = _negated  # check_reading: a problem denied («ничего не бесит»)


def pain_found(phrase: Phrase, s: Sentence) -> tuple[int, int] | None:
    """The span of a problem word in ``s``: a word of one lemma matches a token only by the reading the lexicon chose
    for it («просто», an adverb that may also be read as the adjective «простой», is no «простой», downtime); a
    phrase of several words by any reading."""
    if len(phrase.words) > 1:
        return phrase.find(s.tokens, s.lemmas)
    if phrase.words[0].isdisjoint(s.lemmas):
        return None
    return next(((i, i + 1) for i, t in enumerate(s.tokens) if t.is_word and t.lemma in phrase.words[0]), None)


def need_said(s: Sentence) -> bool:
    """A client statement of a problem or of what they need ("нужен компрессор"), not negated."""
    if not _states(s):
        return False
    v = vocabulary()
    for phrase in v.pains:
        span = pain_found(phrase, s)
        if span is not None and (len(phrase.words) > 1 or not _negated(s.tokens, span[0])):
            return True
    for i, t in enumerate(s.tokens):
        if t.lemma in v.wants and t.pos == "ADJS" and not _negated(s.tokens, i):
            if any(x.pos == "NOUN" and not x.animate for x in s.tokens[i + 1:i + 4]):
                return True
        if (t.lemma in v.wants and t.pos == "ADJS" or t.text.lower() in _NEUTER_WANTS) and not _negated(s.tokens, i) and (
                needed_before(s.tokens, i)):
            return True
    return False


_NEUTER_WANTS = frozenset({"нужно", "необходимо"})  # the neuter short form, read as a predicative
_AGREE = ("masc", "femn", "neut", "plur")
_BEFORE = 5  # words before the adjective its noun may stand at («Витрина новая нам, конечно, нужна»)


def needed_before(tokens: Sequence[Token], i: int) -> bool:
    """The thing needed said before the short adjective, in agreement with it («А удобрение мне, конечно, нужно»,
    «новые машины нам нужны»): an inanimate noun in the nominative within five words before, of the adjective's
    gender or number (the neuter for «нужно»), and no infinitive after it («нужно подумать» is a modal)."""
    if any(x.pos == "INFN" for x in tokens[i + 1:i + 3]):
        return False
    want = "neut" if tokens[i].pos != "ADJS" else next((g for g in _AGREE if g in tokens[i].tags), None)
    return want is not None and any(
        x.pos == "NOUN" and not x.animate and "nomn" in x.tags and (want in x.tags if want != "plur" else "plur" in x.tags) and (
            want == "plur" or "sing" in x.tags) for x in tokens[max(0, i - _BEFORE):i])


# --- when they want to buy -------------------------------------------------------------------

def _commas(s: Sentence) -> list[int]:
    """Indices of the tokens a comma (or a dash, a colon) comes before: the tokeniser drops them, the
    text keeps them ("Не раньше весны следующего года, как распутица кончится, тогда и звоните")."""
    text, cursor, out = s.text.lower(), 0, []
    for k, t in enumerate(s.tokens):
        at = text.find(t.text.lower(), cursor)
        if at < 0:
            continue
        if k and any(c in text[cursor:at] for c in ",;:—–"):
            out.append(k)
        cursor = at + len(t.text)
    return out


def _about_purchase(s: Sentence, i: int, delivery: bool = True) -> bool:
    """The clause at s.tokens[i] is not about a callback or the past (nor, with ``delivery``, a delivery:
    "надо, чтоб на этой неделе привезли" is urgency all the same). The clause ends at a comma, so a
    callback beside a date ("не раньше весны, тогда и звоните") leaves the date the purchase's."""
    start = max((k for k in _commas(s) if k <= i), default=0)
    end = min((k for k in _commas(s) if k > i), default=len(s.tokens))
    if term_of_state(s.tokens[start:end], i - start):
        return False  # "договор до следующей осени": when a state ends
    return not not_purchase_clause(s.tokens[start:end], i - start, i - start + 1, delivery)


def urgent(s: Sentence, answer: bool = False) -> bool:
    """The client wants it now: an urgency word, or a near date with a plan ("надо на этой неделе").
    In the reply to "когда?" (``answer``) a near date needs no plan ("В идеале на этой неделе"), and a
    verbless "вчера" is the hurry itself ("Да вчера!")."""
    if not _states(s):
        return False
    v = vocabulary()
    for phrase in v.urgent:
        span = phrase.find(s.tokens, s.lemmas)
        if (span is not None and not _negated(s.tokens, span[0]) and not _past_event(s, span[0])
                and _about_purchase(s, span[0], delivery=False)):
            return True
    if answer and any(t.text.lower() == "вчера" for t in s.tokens) and not any(
            t.pos in ("VERB", "INFN") for t in s.tokens):
        return True
    if s.lemmas.isdisjoint(_PLANS) and not answer:
        return False
    for i, t in enumerate(s.tokens):
        if t.lemma in v.near_units and not _negated(s.tokens, i) and _about_purchase(s, i, delivery=False) and (
                t.lemma in ("сегодня", "завтра", "послезавтра")
                or any(x.lemma in ("этот", "ближайший", "следующий", "конец") for x in s.tokens[max(0, i - 3):i])):
            return True
    return False


def _past_event(s: Sentence, i: int) -> bool:
    """"он срочно улетел": the verb next to the word is past, and nothing is planned."""
    near = [t for t in (*s.tokens[i + 1:i + 3], *reversed(s.tokens[max(0, i - 2):i])) if t.pos == "VERB"]
    return bool(near) and "past" in near[0].tags and s.lemmas.isdisjoint(_PLANS)


def later(s: Sentence) -> bool:
    """A later purchase: a later mark with a month-or-longer unit ("в следующем году", "не раньше
    апреля", "через полгода"), or "нескоро"."""
    if not _states(s):
        return False
    v = vocabulary()
    for phrase in v.later_marks:
        span = phrase.find(s.tokens, s.lemmas)
        if span is None or not _about_purchase(s, span[0]):
            continue
        if phrase.source in ("отложить", "откладывать", "перенести") and any(
                t.text.lower() in NEGATIONS | {"нельзя", "некуда"} for t in s.tokens[max(0, span[0] - 2):span[1] + 2]):
            continue  # "откладывать нельзя ни на неделю", "не переносите": the hurry, not a later date
        if phrase.source in ("нескоро", "не скоро", "отложить", "откладывать", "перенести"):
            return True
        if any(t.lemma in v.later_units or t.text.lower() in v.later_units for t in s.tokens[span[1]:span[1] + 4]):
            return True
    return any(t.text.lower() in ("раньше", "до") and _not_before(s, i) and _about_purchase(s, i) for i, t in enumerate(s.tokens))


def _not_before(s: Sentence, i: int) -> bool:
    """«Раньше сентября никто покупать не будет», «до декабря мы ничего заключать не станем»: «раньше»/«до» with a
    later unit, in a clause whose auxiliary or verb of intent is negated — nothing before that date, i.e. later."""
    v = vocabulary()
    if i and s.tokens[i - 1].text.lower() in ("не", "ни") or not any(
            t.lemma in v.later_units or t.text.lower() in v.later_units for t in s.tokens[i + 1:i + 4]):
        return False
    start = max((k for k in _commas(s) if k <= i), default=0)
    end = min((k for k in _commas(s) if k > i), default=len(s.tokens))
    clause = s.tokens[start:end]
    return any(t.text.lower() == "не" and k + 1 < len(clause) and clause[k + 1].pos == "VERB" and (
        clause[k + 1].lemma in _INTEND) for k, t in enumerate(clause))  # not "до весны не доживёт": a state


_INTEND = PLANS | {"быть", "стать"}  # "не будем", "не станем", "не планируем": no purchase intended before the date


def dated(s: Sentence, lang: Language) -> bool:
    """A date or period as such ("в марте", "к осени"), not a bare "сейчас"/"потом"."""
    found = find_period(s.tokens, lang, strict=True) if _states(s) else None
    return found is not None and _about_purchase(s, found[1])
