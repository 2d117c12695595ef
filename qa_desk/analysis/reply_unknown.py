"""Replies that do not answer though a value can be read in them, and a request that asks for somebody else; read
by grammar and closed classes only (the verbs of knowing, "кто" of a rhetorical question, the particles of a guess
and a wish, deictic adverbs of time, indefinite pronouns, imperatives of putting a call through):
- a profession of not knowing ("Не знаю, Игорь, честно.", "Да кто ж знает.", "Понятия не имею.") makes a time that
  is only guessed ("Может, через год."), wished ("Я бы хоть завтра", "Хотелось бы вчера") or a bare deictic
  adverb ("Юристы говорят «скоро»"), or asked inside the unknown ("не знаю, буду ли я в январе здесь") no date;
- "давайте не сейчас": the talk put off, no date; "сейчас найду": a hold, no date; "ни на этот год, ни вообще": a date denied;
- a date said as the earliest ("раньше января никуда не перейдём") is a date of the purchase, volunteered too;
- a switchboard request ("Мне нужен кто-нибудь по аренде", "соедините с отделом доставки"): the speaker asks for
  another person, and says nothing of the question.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from qa_desk.analysis.language import LET_US
from qa_desk.analysis.lexicon import Token, word_tokens

_KNOW = frozenset({"знать", "ведать", "представлять"})
_WHO_PARTICLES = frozenset({"ж", "же", "его", "её", "ее", "их", "тут", "там", "это"})
_NOTION = frozenset({"понятие", "представление"})
_UNKNOWN = frozenset({"неизвестно", "непонятно", "неясно"})
_GUESS = frozenset({"может", "мб", "возможно"})
_WISH = frozenset({"бы", "б"})
# deictic adverbs of time that date nothing by themselves ("скоро", "вчера" as a wish, "когда-нибудь")
_VAGUE = frozenset({"скоро", "вскоре", "вчера", "когда-нибудь", "когда-то", "рано", "поздно", "потом", "позже", "сейчас",
                    "завтра", "сегодня"})
_NOW = frozenset({"сейчас", "сегодня", "щас"})
# verbs of looking something up: "сейчас найду/посмотрю/гляну" holds the line (not "сейчас закупим")
_LOOK_UP = frozenset({"найти", "посмотреть", "глянуть", "проверить", "уточнить", "вспомнить", "открыть", "поискать",
                      "спросить", "сказать", "подсказать", "поднять", "свериться"})
_BUT = frozenset({"но", "однако", "зато"})  # "не знаю, успеем ли к маю, но постараемся": the aim is said
_SOMEONE = frozenset({"кто-нибудь", "кого-нибудь", "кто-то", "кого-то", "кто-либо", "кого-либо"})
_CONNECT = frozenset({"соединить", "переключить", "связать", "перевести"})


def professes_ignorance(tokens: Sequence[Token]) -> bool:
    """The speaker says nobody knows: a negated verb of knowing in the first person or with "никто" ("не знаю",
    "никто не знает"), a rhetorical "кто (ж/его) знает", "понятия не имею", "без понятия", "неизвестно"."""
    words = word_tokens(tokens)
    texts = [t.text.lower() for t in words]
    for k, w in enumerate(words):
        if w.lemma in _KNOW and w.pos == "VERB":
            negated = k and texts[k - 1] in ("не", "ни")
            first = "1per" in w.tags or any(x in ("никто", "я", "мы") for x in texts[max(0, k - 3):k])
            rhetoric = any(texts[j] == "кто" and all(x in _WHO_PARTICLES for x in texts[j + 1:k]) for j in range(max(0, k - 3), k))
            if negated and first or rhetoric:
                return True
        if w.lemma in _NOTION and ("не" in texts[k + 1:k + 2] or k and texts[k - 1] == "без"):
            return True  # "понятия не имею", "без понятия"
        if texts[k] in _UNKNOWN and k < 3:
            return True
    return False


def vague_time(tokens: Sequence[Token], when: str) -> bool:
    """A sentence whose time ``when`` is only guessed ("Может, через год."), wished ("Я бы хоть завтра.") or a bare
    deictic adverb ("Юристы говорят «скоро»."); read after a profession of not knowing."""
    texts = [t.text.lower() for t in word_tokens(tokens)]
    if "ли" in texts and professes_ignorance(tokens) and not _BUT.intersection(texts[texts.index("ли"):]):
        return True  # "я не знаю, буду ли я в январе директором": the date inside the question not known
    return not _GUESS.isdisjoint(texts[:3]) or not _WISH.isdisjoint(texts) or when.lower().strip() in _VAGUE


def unknown_time(sentences: Sequence[Sequence[Token]], when: Callable[[Sequence[Token]], str | None]) -> bool:
    """A reply that says nobody knows, and whose times (``when``: a sentence's date, None if none) are all vague (see
    ``vague_time``; "Не знаю, наверное, в марте." and "Не знаю точно, но в марте закупим." keep their date): no date."""
    if not any(professes_ignorance(s) for s in sentences):
        return False
    dated = [(s, said) for s in sentences if (said := when(s)) is not None]
    return all(vague_time(s, said) for s, said in dated)


def holds_on(tokens: Sequence[Token], start: int, end: int) -> bool:
    """The time at [start, end) is "сейчас" before a verb of the speaker's next moment ("сейчас найду", "сейчас
    посмотрю"): a hold, no date."""
    nxt = next((t for t in tokens[end:] if t.is_word), None)
    return [t.text.lower() for t in tokens[start:end] if t.is_word] in (["сейчас"], ["щас"]) and nxt is not None and (
        nxt.pos == "VERB" and {"1per", "futr"} <= nxt.tags and nxt.lemma in _LOOK_UP)


def negated_both(tokens: Sequence[Token], start: int) -> bool:
    """The time at ``start`` stands after "ни" of a negated coordination ("ни на этот год, ни вообще"): denied."""
    before = next((t for t in reversed(tokens[:start]) if t.is_word), None)
    return before is not None and before.text.lower() == "ни"


def lets_not_now(tokens: Sequence[Token]) -> bool:
    """"давайте не сейчас", "давай не сегодня": the talk put off, no date."""
    if "дава" not in "".join(t.text for t in tokens).lower():
        return False  # cheap first: every client sentence is read
    texts = [t.text.lower() for t in word_tokens(tokens)]
    return any(w in LET_US and texts[k + 1:k + 2] == ["не"] and texts[k + 2:k + 3] and texts[k + 2] in _NOW
               for k, w in enumerate(texts))


def asks_for_someone(tokens: Sequence[Token]) -> bool:
    """A switchboard request: "мне" with an indefinite person ("Мне нужен кто-нибудь по аренде", "мне бы кого-нибудь
    из доставки") or an imperative of putting the call through ("соедините с бухгалтерией")."""
    words = word_tokens(tokens)
    texts = [t.text.lower() for t in words]
    if "мне" in texts and not _SOMEONE.isdisjoint(texts):
        return True
    return any(t.lemma in _CONNECT and {"impr", "excl"} <= t.tags for t in words)  # not "переведём" (incl)


_EARLIER = frozenset({"раньше", "ранее", "прежде"})
_NEGATIONS = frozenset({"не", "ни", "никуда", "ничего", "никак", "нельзя"})


def not_before(tokens: Sequence[Token]) -> bool:
    """A date said as the earliest: "раньше/прежде" with a noun of time in the genitive and a negation in the
    sentence ("раньше января мы всё равно никуда не перейдём", "кровлю заказываем не раньше сентября")."""
    words = word_tokens(tokens)
    texts = [t.text.lower() for t in words]
    return any(x in _EARLIER and k + 1 < len(words) and words[k + 1].pos == "NOUN" and "gent" in words[k + 1].tags
               for k, x in enumerate(texts)) and not _NEGATIONS.isdisjoint(texts)
