"""Is a sentence a question? Its form, not only "?", which ASR adds and drops at will.

A sentence asks when it has a "?", a question word where one asks ("сколько" anywhere; "что", "как",
"когда" near the start, at the end or after a preposition; not "если что", "как раз", "показал, что"),
an alternative cut off ("вы сами решаете или") or one with the client as a side ("директор решает или вы";
not a retort "да какое там"), a second-person verb ("бюджет закладываете"), "у вас
… есть/нет" or an indefinite "есть какая-то сумма", a request ("подскажите", "хотел уточнить"), or a polite
trailer at its end ("…, если знаете", "…, если не секрет").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from qa_desk.analysis.language import I_WE, YOU, Language
from qa_desk.analysis.lexicon import Token
from qa_desk.analysis.patterns import any_phrase
from qa_desk.analysis.spoken import spoken_question, without_lead_ins
from qa_desk.analysis.unmarked import asks_unmarked

# Question words that ask wherever they stand, and pairs in which a question word does not ask.
_ANYWHERE = frozenset({"сколько", "какой", "каков", "почему", "зачем", "чей", "ли", "кто", "где"})
_SUBORDINATE = frozenset({("если", "что"), ("потому", "что"), ("так", "что"), ("так", "как"), ("то", "что"), ("тот", "кто"),
                          ("те", "кто"), ("все", "кто"), ("всё", "что"), ("там", "где"), ("как", "раз"), ("как", "будто"),
                          ("как", "только"), ("не", "то"), ("вряд", "ли"), ("едва", "ли"), ("навряд", "ли")})
_RETORTS = frozenset({"да", "ну"})  # "да какой …" without a "?" retorts
_LEADING = 4  # "что", "как", "когда" ask among a sentence's first words, or anywhere in one addressed
_ADDRESSED = frozenset({"вы", "сами", "сам", "сама"})  # the client as one side of an either-or
_DISCOURSE = frozenset({"знать", "понимать", "представлять", "видеть", "слышать"})  # "вы знаете, …" asks nothing  # to the client ("…обо строкам, когда хотите поменять")
_EXIST = frozenset({"есть", "стоять", "иметься", "быть", "появиться", "нет"})
_INDEFINITE = frozenset({"какой-то", "какой-нибудь", "что-то", "что-нибудь", "кто-то", "кто-нибудь"})
_PURPOSE = frozenset({"чтоб", "чтобы"})
_AMOUNT_COMP = frozenset({"больше", "меньше", "дороже", "дешевле", "раньше", "позже"})
_PREP_PRONOUNS = frozenset({"чем", "чём", "ком"})  # as written: what _pronoun_after_prep reads, the cheap test first
_JOINS = re.compile(r"(,\s+(?:и|или)\s+|\s+и\s+|,\s+|\s+[—–-]\s+)", re.IGNORECASE)


def _has_pair(words: Sequence[Token], first: str, second: str) -> bool:
    return any(a.text.lower() == first and second in b.lemmas for a, b in zip(words, words[1:], strict=False))


def is_question(tokens: Sequence[Token], lemmas: frozenset[str], lang: Language, text: str = "", opens: bool = False) -> bool:
    """Whether the sentence ``tokens`` (with all their ``lemmas``; ``text`` as written, for its commas; ``opens``: it
    opens its turn, unmarked.py) asks something."""
    if any(t.text == "?" for t in tokens):
        return True
    words = [t for t in tokens if t.is_word]
    retort = len(words) > 1 and (words[0].text.lower() in _RETORTS and words[1].lemma == "какой"
                                 or (words[0].text.lower(), words[1].text.lower()) in _SUBORDINATE)
    rest = without_lead_ins(words) if not retort else words  # the same words again ask nothing: not read twice
    if _question_word(words, lang) or len(rest) < len(words) and _question_word(rest, lang):
        return True  # a question word, also after lead-ins ("понял, а когда …"); not "да какое там", "так что да, …"
    if words and words[-1].text.lower() in ("или", "нет") and "или" in lemmas:
        return True  # "вы сами решаете или", "выделены или нет": an alternative question cut off
    if _preference(words, lemmas):
        return True  # "оплата сразу или с отсрочкой удобнее" (ASR dropped "?")
    if any(a.text.lower() == "или" and b.text.lower() in _ADDRESSED for a, b in zip(words, words[1:], strict=False)):
        return True  # "директор одобрять будет или вы", "собственник участвует или вы сами": an either-or
    if any(t.pos == "VERB" and "2per" in t.tags and "impr" not in t.tags and "indc" in t.tags and t.lemma not in _DISCOURSE
           and not _generic_you(words, k, lang) and not (k and words[k - 1].pos == "PREP") for k, t in enumerate(words)):
        return True  # "решаете сами?", "бюджет закладываете" without a "?" (ASR drops it); not "вы знаете, …", nor a
        # verb right after a preposition, which is a misheard noun ("Тендер в умрете" for "в марте")
    if "вы" in lemmas and any(t.pos == "VERB" and "past" in t.tags and "plur" in t.tags for t in tokens):
        return True  # "вы в планово-экономическом узнали по бюджету"
    if not lemmas.isdisjoint(_EXIST) and (_has_pair(words, "у", "вы") or not lemmas.isdisjoint(_INDEFINITE)):
        return True  # "у вас вообще такая задача стоит", "своей столовой у вас нет", "по бюджету есть какая-то сумма"
    if _has_pair(words, "у", "вы") and not lemmas.isdisjoint(_INDEFINITE):
        return True  # "а у вас на учёбу в этом году что-то заложено" (Whisper dropped the "?")
    if _left_open(tokens, words) or _trails_off(tokens, words, lemmas):
        return True  # "А решение по новому поставщику вы сами...": the client is to say the rest
    if _topic_shift(words):
        return True  # "хорошо, а по срокам, …": a new topic put to the client (ASR dropped "?")
    if not lemmas.isdisjoint(_INDEFINITE) and not lemmas.isdisjoint(YOU) and I_WE.isdisjoint(lemmas):
        return True  # "у вас какая-то сумма выделена", "вам кто-то по договору поставляет" (ASR dropped "?"); not "я вам что-то пришлю"
    if any("impr" in t.tags and not t.lemmas.isdisjoint(lang.request_verbs) for t in tokens):
        return True
    if any(tuple(w.text.lower() for w in words[-len(tr):]) == tr for tr in lang.trailers):
        return True  # "а крыша большая, в метрах квадратных, если знаете" (ASR dropped "?")
    return any_phrase(lang.request_phrases, tokens, lemmas) is not None or spoken_question(tokens) \
        or asks_unmarked(tokens, lang, text, opens)  # unmarked.py: a tag, a guess frame, "а …" about the client


def in_idiom(words: Sequence[Token], i: int) -> bool:
    """The question word ``words[i]`` is half of a pair in which it asks nothing ("как раз", "если что", "так как")."""
    low = words[i].text.lower()
    prev = words[i - 1].text.lower() if i else ""
    nxt = words[i + 1].text.lower() if i + 1 < len(words) else ""
    return (prev, low) in _SUBORDINATE or (low, nxt) in _SUBORDINATE


def _preference(words: Sequence[Token], lemmas: frozenset[str]) -> bool:
    """An either-or closed by a comparative of preference ("сразу или с отсрочкой удобнее", "утром или вечером
    лучше"): which one the client prefers; not the speaker's own ("нам утром или вечером удобнее") nor an amount
    ("сто или больше")."""
    return len(words) > 2 and "или" in lemmas and words[-1].pos == "COMP" and words[-1].text.lower() not in _AMOUNT_COMP \
        and I_WE.isdisjoint(lemmas) and "наш" not in lemmas


def _generic_you(words: Sequence[Token], k: int, lang: Language) -> bool:
    """A negated perfective "ты" of no one in particular ("его по телефону не поймаешь", "ничего не докажешь"):
    a statement of what cannot be done; not a request ("не подскажешь, кто решает?")."""
    t = words[k]
    return k > 0 and words[k - 1].text.lower() == "не" and "sing" in t.tags and "perf" in t.tags \
        and t.lemmas.isdisjoint(lang.request_verbs) and all(w.text.lower() != "ты" for w in words)


def _left_open(tokens: Sequence[Token], words: Sequence[Token]) -> bool:
    """A sentence broken off right after "вы (сами)" ("А решение вы сами…"): the predicate is left to the client."""
    trail = "".join(t.text for t in tokens[len(tokens) - 3:] if not t.is_word)
    return trail.endswith(("...", "…")) and len(words) > 2 and words[-1].text.lower() in _ADDRESSED \
        and all(w.text.lower() not in I_WE for w in words)


def _trails_off(tokens: Sequence[Token], words: Sequence[Token], lemmas: frozenset[str]) -> bool:
    """A topic opened with "а", put to the client and left to trail off ("А у вас сейчас с учётом нормально,
    нагрузка не большая…"): said without "?" by intonation; not the speaker's own ("а у нас …", "а я …")."""
    trail = "".join(t.text for t in tokens[len(tokens) - 3:] if not t.is_word)
    return trail.endswith(("...", "…")) and len(words) > 2 and words[0].text.lower() == "а" \
        and not lemmas.isdisjoint(YOU) and I_WE.isdisjoint(lemmas) and "наш" not in lemmas


def _topic_shift(words: Sequence[Token]) -> bool:
    """"а по срокам", "хорошо, а по деньгам": "а" among the lead-ins, then "по" and a noun."""
    rest = without_lead_ins(words)
    head = [w.text.lower() for w in words[:len(words) - len(rest)]]
    return "а" in head and len(rest) > 1 and rest[0].text.lower() == "по" and rest[1].pos == "NOUN"


def _question_word(words: Sequence[Token], lang: Language) -> bool:
    """A question word that asks: "сколько", "какой", "почему", "ли" anywhere; "что", "как", "когда"
    near the start, at the end ("а по деньгам как"), after a preposition ("с чем") or anywhere in a
    sentence addressed to "вы" — not "если что", "как раз", "тот, кто", "позвоните, когда будет"."""
    if len(words) > 1 and words[0].lemma in _PURPOSE and words[1].lemma in I_WE:
        return False  # "Чтоб я понимала, под что подстраиваться.": our purpose, said after the question
    addressed: bool | None = None  # worked out at the first question word (most sentences have none)
    for i, t in enumerate(words):
        if t.lemma not in lang.question_words and (t.text.lower() not in _PREP_PRONOUNS or not _pronoun_after_prep(words, i)):
            continue
        if addressed is None:
            addressed = any(not w.lemmas.isdisjoint(YOU) or "2per" in w.tags for w in words)
        low, prev = t.text.lower(), words[i - 1].text.lower() if i else ""
        if in_idiom(words, i):
            continue
        if low == "что" and prev == "так" and (i > 1 or not addressed):
            continue  # "я сам решаю, так что со мной говорите", "Так что до зимы менять не будем"; not "Так что вы решили"
        if low == "что" and i and words[i - 1].pos == "VERB" and "impr" not in words[i - 1].tags:
            continue  # "показал, что…", "говорит, что…": a conjunction
        if _correlative(words, i):
            continue  # "Кто на машине ездит, тот сам и моет": a relative clause, its main clause after it
        if i and _knows(words[i - 1]):
            continue  # "мы даже не знаем, сколько звонков теряем", "чтобы я понимал, какое …": indirect, asks nothing
        if low == "как" and prev in ("еще", "ещё") and i < _LEADING and not addressed:
            continue  # "Ещё как торопимся": emphatic, of the speaker's side; not "а ещё как вы продвигаетесь"
        if i == 1 and t.lemma == "какой" and prev in _RETORTS:
            continue  # "Да какое устраивает.", "Ну какой бюджет": a retort, not a question
        if t.lemma in _ANYWHERE or addressed or i < _LEADING or i == len(words) - 1 or words[i - 1].pos == "PREP":
            return True
    return False


# closed class: a question word's correlative demonstrative («кто …, тот …», «где …, там …», «сколько …, столько …»)
# («что … то» is left out: «то» also closes «если …, то …» and opens «а то», «то … то»)
_CORRELATIVE = {"кто": ("тот", "та", "те", "того", "тому"), "где": ("там",),
                "куда": ("туда", "там"), "когда": ("тогда",), "как": ("так",), "сколько": ("столько",),
                "какой": ("такой", "такая", "такое", "такие")}


def _correlative(words: Sequence[Token], i: int) -> bool:
    """The question word ``i`` opens a relative clause that a demonstrative takes up after its verb: «Кто на машине
    ездит, тот сам и моет», «Сколько дали, столько и потратим» (a statement, not a question)."""
    takes_up = _CORRELATIVE.get(words[i].text.lower(), ())
    verb = next((k for k in range(i + 1, len(words)) if words[k].pos in ("VERB", "INFN")), None)
    return verb is not None and any(w.text.lower() in takes_up for w in words[verb + 1:])


def _pronoun_after_prep(words: Sequence[Token], i: int) -> bool:
    """"в чём", "о чём", "с кем" opening a sentence (after lead-ins; not "это ни о чём"): "что"/"кто" after a preposition, which pymorphy3 first reads
    as the conjunction "чем" ("в чём проблема, возить устали" as Whisper writes it, without its "?")."""
    if words[i].text.lower().replace("ё", "е") not in ("чем", "ком"):
        return False  # the cheap test first: this runs for every word of every sentence
    rest = without_lead_ins(words[:i + 1])
    return len(rest) == 2 and rest[0].pos == "PREP"


def _knows(w: Token) -> bool:
    """"знаем", "понимаю", "понимал" (not "вы знаете", nor "знали", which may be "вы знали")."""
    return w.pos == "VERB" and w.lemma in _DISCOURSE and (
        "1per" in w.tags or "3per" in w.tags or "past" in w.tags and "sing" in w.tags)


def bundle_parts(text: str, opens_question: Callable[[str], bool],
                 opens_yes_no: Callable[[str], bool] = lambda _rest: False) -> list[str]:
    """A sentence cut where it bundles questions: before "и"/"или" after a comma, before a plain "и"
    when the rest ``opens_question`` ("…сколько закладываете, и кто у вас согласует", "под какие работы
    и с какого числа"), and before a comma or dash when the rest ``opens_yes_no`` ("на какой фанере
    работаете, всё ли устраивает"). One part for a sentence with no such joint."""
    pieces = _JOINS.split(text)
    parts = [pieces[0]]
    for joint, rest in zip(pieces[1::2], pieces[2::2], strict=True):
        if joint.strip() in (",", "-", "—", "–"):
            cut = opens_yes_no(rest)
        else:
            cut = joint.lstrip().startswith(",") or opens_question(rest)
        if cut:
            parts.append(rest)
        else:
            parts[-1] += joint + rest
    return [p.strip() for p in parts if p.strip()]
