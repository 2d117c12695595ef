"""Whether a reply takes up the question's topic at all, read from its act before any value is looked for.

A reply may carry words a value reader takes for an answer while its act sets the topic aside:
- ``reorders``: the client sets the order of the talk, «давайте» with «сначала/сперва» and a verb of "we" or "you"
  ("Давайте сначала цену узнаем, а со сроками потом.", "давайте вы сначала расскажете, что у вас есть");
- ``wh_unknown``: the asked question word said back and denied ("…, а зачем — не объяснили", "Когда — пока не
  знаю", "кто — не скажу"): the reply says outright that the asked thing is not known or not told;
- ``offer_condition``: a condition on the vendor's offer, "если ваш/вы …" ("Если ваша штука окупится — возьмём."):
  terms for buying, not the client's own need;
- ``fine_as_is``: "всё нормально/хорошо/в порядке" with nothing named after a «но» ("Да у нас всё нормально,
  просто смотрим", "всё хорошо, но хочется лучше"): no pain, no need;
- ``trigger``: «как только» opening a clause with a subject and a verb ("Как только деньги придут."): the time is
  tied to an event, which answers "когда?"; «Как только, так сразу.» (no verb) is a saying, no time.
Closed classes only (pronouns, particles, conjunctions, adverbs of order and of being fine).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from qa_desk.analysis.language import CONDITIONALS, DASHES, LET_US
from qa_desk.analysis.lexicon import Token, word_tokens
from qa_desk.analysis.questions import AnswerKind
from qa_desk.analysis.reply_act import dodges
from qa_desk.analysis.reply_empty import says_nothing

if TYPE_CHECKING:
    from qa_desk.analysis.detect import Sentence

_FIRST = frozenset({"сначала", "сперва", "вначале", "поначалу", "для", "начала"})
# verbs of talking and finding out: "давайте сначала цену узнаем" orders the talk
_TALK = frozenset({"узнать", "обсудить", "поговорить", "обговорить", "договориться", "посмотреть", "познакомиться",
                   "разобраться", "прояснить", "уточнить", "выяснить", "созвониться", "встретиться", "обсуждать"})
_WH = frozenset({"зачем", "почему", "когда", "кто", "сколько", "какой", "что", "где"})
_YOURS = frozenset({"ваш", "вы", "ваша", "ваше", "ваши", "вашу", "вашего", "вашей", "вашим", "ваших", "вас", "вам", "вами"})
_FINE = frozenset({"нормально", "хорошо", "отлично", "прекрасно", "устраивать", "порядок", "норм"})
_BUT = frozenset({"но", "однако", "зато", "только"})


def clauses(tokens: Sequence[Token], text: str) -> list[list[Token]]:
    """The sentence's words split at commas, semicolons, colons and dashes (the lexicon keeps no commas: they are
    found in ``text``)."""
    out: list[list[Token]] = [[]]
    at, low = 0, text.lower()
    for t in tokens:
        found = low.find(t.text.lower(), at)
        gap = low[at:found] if found >= 0 else ""
        if t.text in DASHES or any(c in gap for c in ",;:") and out[-1]:
            out.append([])
        if found >= 0:
            at = found + len(t.text)
        if t.is_word:
            out[-1].append(t)
    return [c for c in out if c]


def reorders(tokens: Sequence[Token]) -> bool:
    """«давайте» and «сначала» with a verb of "you" or one of "we" talking, and no figure: the talk put in another
    order."""
    words = word_tokens(tokens)
    texts = {t.text.lower() for t in words}
    if texts.isdisjoint(LET_US) or texts.isdisjoint(_FIRST) or any(t.is_digit or "NUMR" in t.tags for t in tokens):
        return False
    return any(t.pos == "VERB" and ("2per" in t.tags or {"1per", "plur"} <= t.tags and t.lemma in _TALK)
               for t in words)  # not "давайте сначала склад внедрим, потом кассы": a plan of the work


def wh_unknown(tokens: Sequence[Token], asked: set[str] | frozenset[str]) -> bool:
    """A question word of the question (``asked``: its words) followed within three words by «не» and a verb, with nothing after in its clause beyond it
    ("а зачем — не объяснили", "когда — не знаю"); not a question word opening a relative clause of substance
    ("когда не хватает людей, …")."""
    words = [t for t in tokens if t.is_word or t.text in DASHES]
    for k, t in enumerate(words):
        if t.text.lower() not in _WH or t.text.lower() not in asked:
            continue
        tail = words[k + 1:k + 5]
        if not tail or tail[0].text not in DASHES:
            continue  # the word said back is set off by a dash: "а зачем — не объяснили"
        if any(w.text.lower() == "не" for w in tail[:3]) and any(w.pos == "VERB" for w in tail):
            return not any(w.text.lower() in _BUT | {"а", "хотя"} for w in words[k + 1:])  # "…, но до лета точно"
    return False


def offer_condition(tokens: Sequence[Token], text: str) -> bool:
    """A condition on the vendor's side: «если» opening the sentence's first clause that has "вы/ваш" ("Если
    ваша штука окупится — возьмём."; not the lead-in "Если честно, у вас дорого")."""
    parts = clauses(tokens, text)
    first = parts[0] if parts else []
    at = next((k for k, t in enumerate(first[:3]) if t.text.lower() in CONDITIONALS), None)
    return at is not None and any(t.text.lower() in _YOURS for t in first[at + 1:]) and any(
        t.pos == "VERB" for t in first[at + 1:])  # not "Если вы про склад — там пересорт": a topic, no condition


def fine_as_is(sentences: Sequence[Sequence[Token]]) -> bool:
    """"всё" within two words of a word of being fine in the first sentence ("всё нормально", "всё у нас в порядке",
    "всё устраивает"), and no subject noun after it anywhere ("Да всё устраивает... Ну, фартуки рвутся": a pain
    after all; "просто смотрим, что есть на рынке" names none)."""
    if not sentences:
        return False
    first = word_tokens(sentences[0])
    at = next((k for k, t in enumerate(first) if t.text.lower() in ("всё", "все") and any(
        _fine(w, first[j - 1] if j else None) for j, w in enumerate(first[k + 1:k + 4], k + 1))), None)
    if at is None:
        return False
    after = [t for t in first[at + 1:]] + [t for tokens in sentences[1:] for t in word_tokens(tokens)]
    return not any(t.pos == "NOUN" and "nomn" in t.tags and t.lemma not in _FINE for t in after)


def _fine(t: Token, before: Token | None) -> bool:
    if t.lemma == "порядок":
        return before is not None and before.text.lower() == "в"  # "в порядке", not "порядка ста"
    return t.lemma in _FINE or t.text.lower() in _FINE


def trigger(tokens: Sequence[Token]) -> bool | None:
    """«как только» among the first three words: True with a verb after it (a time tied to an event), False
    without one (the saying «как только, так сразу»); None for any other sentence."""
    words = word_tokens(tokens)
    at = next((k for k in range(min(3, len(words) - 1)) if words[k].text.lower() == "как"
               and words[k + 1].text.lower() == "только"), None)
    if at is None:
        return None
    rest = words[at + 2:]
    return any(t.pos == "VERB" for t in rest) and any(t.pos == "NOUN" for t in rest)


_MUST = frozenset({"надо", "нужно", "необходимо", "успеть", "нужный", "должный"})
_OPENERS = frozenset({"ну", "да", "так", "вот", "ой", "э", "это", "нам", "мне", "нужно", "надо", "нужна", "нужен"})


def by_event(tokens: Sequence[Token], text: str) -> str | None:
    """«к» with an event in the dative opening the reply, and a must in its clause ("К посевной надо, иначе смысла
    нет.", "К открытию магазина нужно."): a deadline set by an event ("К посевной"); not "к сожалению, надо"
    (the clause ends after it), not a person ("к директору надо")."""
    parts = clauses(tokens, text)
    words = parts[0] if parts else []
    k = 0
    while k < len(words) and words[k].text.lower() in _OPENERS:
        k += 1
    if k + 1 >= len(words) or words[k].text.lower() not in ("к", "ко"):
        return None
    event = words[k + 1]
    if event.animate or "datv" not in event.tags or event.pos not in ("NOUN", "ADJF") or "Apro" in event.tags:
        return None
    if any(t.text.lower() in _MUST or t.lemma in _MUST for t in words[:k] + words[k + 2:]):
        return f"{words[k].text} {event.text}"
    return None


def off_topic(kind: AnswerKind, statements: Sequence[Sentence], question: Sequence[Token]) -> tuple[str, str] | None:
    """The reply's act settles it before any value: ("", "") for no answer, (time, quote) for a time tied to an
    event, None to read on."""
    said = [s for s in statements if s.content]
    if not said:
        return None
    asked = {t.text.lower() for t in question}
    if reorders(said[0].tokens) or wh_unknown(said[-1].tokens, asked):  # the denial closes the reply
        return "", ""
    if kind is AnswerKind.TEXT and (len(said) == 1 and offer_condition(said[0].tokens, said[0].text) or fine_as_is(
            [s.tokens for s in said])):
        return "", ""
    told = [s for s in said if not s.text.rstrip().endswith("?")]  # not "Перебои? Мне об этом …"
    if kind in (AnswerKind.TEXT, AnswerKind.TIMING) and told and all(says_nothing(question, s.tokens) or dodges(s.tokens, s.text)
                                                                     for s in told):  # not "Ой, это долгая песня. Провизор …"
        return "", ""  # reply_empty.py: "Проблемы бывают у всех", "Это хороший вопрос.", "Это зависит от урожая."
    if kind is AnswerKind.TIMING and (event := trigger(said[0].tokens)) is not None:
        return (said[0].text, said[0].text) if event else ("", "")
    if kind is AnswerKind.TIMING and (deadline := by_event(said[0].tokens, said[0].text)) is not None:
        return deadline, said[0].text
    return None
