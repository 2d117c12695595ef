"""The interrogative's head and what it governs: what a question asks, read from its grammar, not its nouns.

A question's nouns name the matter ("уборка", "подбор", "земля"); its head says what about it is asked.
"Кто" as the subject of a verb of the work ("А убирает сейчас кто?", "ищет их у вас кто?") asks who does
the work, the provider: own staff or an outside firm, the contractor question, not the decider's. "Кто этим
занимается" asks who is in charge (a person) unless its complement offers the provider's options ("свои
сотрудники или компания какая-то?"). A request frame around an embedded question ("в общих чертах, может,
подскажете, сколько у агрохолдинга земли?") is no part of what is asked: its words must not steer the id.
And a question the topic classifier alone reads as "who decides" must have a person head at all ("кто", a
deciding word, a role): "А дальше ещё набирать будете?" asks hiring. Lists: ``language.toml`` ``[heads]``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from qa_desk.analysis import data_files, parsed_toml
from qa_desk.analysis.colloquial import colloquial, standard
from qa_desk.analysis.families import expand_contract
from qa_desk.analysis.language import Language, lemma_set
from qa_desk.analysis.lexicon import Token
from qa_desk.analysis.person import DECIDE_VERBS
from qa_desk.analysis.siblings import destination_who
from qa_desk.analysis.unmarked import asks_unmarked

_VERBS = frozenset({"VERB", "INFN"})
_EITHER = frozenset({"или", "либо"})
_ADDRESSED = frozenset({"2per", "impr"})


@dataclass(frozen=True, slots=True)
class Heads:
    not_work: frozenset[str]
    light: frozenset[str]
    in_charge: frozenset[str]
    own: frozenset[str]
    outside: frozenset[str]
    person_words: frozenset[str]


@lru_cache(maxsize=1)
def heads() -> Heads:
    raw = parsed_toml.loads(data_files.read_text("data/language.toml"))["heads"]
    return Heads(lemma_set(raw["not_work"]), lemma_set(raw["light"]), lemma_set(raw["in_charge"]), lemma_set(raw["own"]),
                 lemma_set(raw["outside"]), lemma_set(raw["person_words"]))


def offers_provider(tokens: Sequence[Token]) -> bool:
    """The question offers who does the work as its options: own people or an outside firm ("свои
    сотрудники или компания какая-то?", "сами или подрядчик?")."""
    h = heads()
    lemmas = [t.lemmas for t in tokens]
    return (any(t.text.lower() in _EITHER for t in tokens) and any(not ls.isdisjoint(h.own) for ls in lemmas)
            and any(not ls.isdisjoint(h.outside) for ls in lemmas))


def _head_verb(tokens: Sequence[Token], k: int, light: frozenset[str]) -> Token | None:
    """The verb the word at ``k`` is the subject of: the first after it that is not a light verb ("кто у вас его
    будет курировать"), else the nearest before it ("А убирает сейчас кто?")."""
    verbs = [j for j, u in enumerate(tokens) if u.pos in _VERBS and u.lemmas.isdisjoint(light)]
    after = [j for j in verbs if j > k]
    before = [j for j in verbs if j < k]
    return tokens[after[0]] if after else tokens[before[-1]] if before else None


_DOER_WHO = frozenset({"кто", "кто-то", "кто-нибудь"})  # "или вам её кто-то вёл?": the doer too


def not_decider_who(tokens: Sequence[Token], lang: Language) -> bool:
    """The sentence's "кто" asks a counterparty (``oblique_who``) or, an indefinite one, the doer of the work ("или вам её
    кто-то вёл?", ``doer_who``), not the decider (a plain "кто у вас такие вещи разрешает?" may ask him in any verb)."""
    doer = doer_who(tokens, lang)
    return oblique_who(tokens, lang) or doer is not None and tokens[doer].text.lower() != "кто"


def doer_who(tokens: Sequence[Token], lang: Language) -> int | None:
    """Index of a "кто" that asks who does the work, the provider: the subject (nominative "кто") of a verb of
    the work ("А убирает сейчас кто?", "кто вам возит?"), or of a verb of being in charge whose question offers
    the provider's options ("кто этим занимается, свои сотрудники или компания какая-то?"); None when the
    sentence asks who decides, buys or weighs in, or has no such "кто"."""
    h = heads()
    deciding, not_work = lang.decide_heads - h.in_charge, lang.decide_heads | h.not_work
    not_doing = h.not_work - h.light | h.person_words - _DOER_WHO - {"сам", "лично", "слово", "лицо"}
    if any(not t.lemmas.isdisjoint(deciding) for t in tokens):
        return None
    for k, t in enumerate(tokens):
        form = t.text.lower().replace("ё", "е")
        if form not in _DOER_WHO or form != "кто" and any(not w.lemmas.isdisjoint(not_doing) for w in tokens):
            continue  # "сами заказывают, или кто-то сводит", "кто-то может пересмотреть, как утверждаются": who decides
        verb = _head_verb(tokens, k, h.light)
        if verb is None:
            continue
        if not verb.lemmas.isdisjoint(h.in_charge):
            if offers_provider(tokens):
                return k
        elif verb.lemmas.isdisjoint(not_work):
            return k
    return None


_TOPIC_PREPS = frozenset({"по", "насчет", "про", "о", "об", "относительно"})


def embedded_start(tokens: Sequence[Token], lang: Language) -> int:
    """Where the question proper begins when a request frame embeds it ("в общих чертах, может, подскажете,
    сколько у агрохолдинга земли?" → "сколько …"): the question word right after a verb of telling (nothing
    said between them); 0 when there is none, or when a topic phrase before the frame names the matter ("по
    срокам подскажете, когда …": its words stay, see ``frame_words``)."""
    for k, t in enumerate(tokens):
        if not t.is_word or t.lemmas.isdisjoint(lang.request_verbs) or not _ADDRESSED & t.tags and not (
                t.pos == "INFN" and k and tokens[k - 1].lemma == "мочь"):
            continue  # "подскажете", "скажите", "можете сказать"; not "скажем" (a parenthesis)
        if any(u.pos in _VERBS and u.lemma != "мочь" for u in tokens[:k]):
            return 0  # "Мы проводим осмотры на предприятии, скажите, сколько…": a statement of its own, kept
        nxt = next((j for j in range(k + 1, len(tokens)) if tokens[j].is_content and tokens[j].lemma not in lang.soft_generic
                    or tokens[j].lemma in lang.question_words), None)
        if nxt is not None and tokens[nxt].lemma in lang.question_words and tokens[nxt].lemma not in ("ли", "что", "как"):
            return nxt
    return 0


def frame_words(tokens: Sequence[Token], lang: Language) -> set[int]:
    """Indices of the request frame's words before the embedded question ("в общих чертах, может, подскажете"),
    less a topic phrase ("по срокам", "насчёт бюджета"), which names the matter asked."""
    start = embedded_start(tokens, lang)
    topic = {j + 1 for j in range(start) if tokens[j].text.lower().replace("ё", "е") in _TOPIC_PREPS}
    for j in sorted(topic):
        while j + 1 < start and tokens[j].pos in ("ADJF", "PRTF") and j + 1 not in topic:
            j += 1
            topic.add(j)
    # a noun in the nominative before the frame is the matter itself ("ремонт у вас, подскажете, где делается?")
    return {j for j in range(start) if j not in topic and not (tokens[j].pos == "NOUN" and "nomn" in tokens[j].tags)}


def person_head(tokens: Sequence[Token], lang: Language, roles: frozenset[str]) -> bool:
    """The sentence has a head that asks about a person: "кто/чей", a deciding word, a role ("директор"), a
    word of approval or of the addressee's own say ("сам", "лично")."""
    words = _head_words(lang.decide_heads, roles)
    return any(not t.lemmas.isdisjoint(words) for t in tokens if t.is_word)


_HEAD_WORDS_KEPT = 16
_HEAD_WORDS: dict[tuple[int, int], tuple[frozenset[str], frozenset[str], frozenset[str]]] = {}


def _head_words(decide: frozenset[str], roles: frozenset[str]) -> frozenset[str]:
    """``heads().person_words | decide | roles``, built once per pair of (frozen) sets, which the entry holds."""
    hit = _HEAD_WORDS.get((id(decide), id(roles)))
    if hit is None or hit[0] is not decide or hit[1] is not roles:
        hit = (decide, roles, heads().person_words | decide | roles)
        if type(decide) is frozenset and type(roles) is frozenset:  # a set that may change is never kept
            if len(_HEAD_WORDS) >= _HEAD_WORDS_KEPT:
                _HEAD_WORDS.clear()
            _HEAD_WORDS[(id(decide), id(roles))] = hit
    return hit[2]


_OBLIQUE_WHO = frozenset({"кому", "кем", "ком"})  # "кто" in an oblique case asks the party of its verb...
_FROM = frozenset({"у", "от", "через", "из"})  # ...as "кого" after these does ("у кого берёте?")


def oblique_who(tokens: Sequence[Token], lang: Language) -> bool:
    """An oblique "кто" asks the counterparty of its verb, not a person of the client's side: "кому платите?", "у кого
    берёте?", "с кем договор?"; so does "кто" with a counterparty noun ("поставщик у вас кто?"); not with a deciding word ("кому подписывать?") or a verb of talking ("с кем
    поговорить?"), a word of approval ("кому на согласование?")."""
    words = [t for t in tokens if t.is_word]
    lemmas = frozenset().union(*(t.lemmas for t in words)) if words else frozenset()
    say = heads().person_words - {"кто", "чей", "кто-то", "кто-нибудь", "кто-либо"}  # "кому на согласование?"
    if not lemmas.isdisjoint(lang.decide_heads | say | DECIDE_VERBS) or not lemmas.isdisjoint(colloquial().talk_verbs) or (
            destination_who(tokens)):  # siblings.py: "а дальше оно к кому уходит?" asks the decider
        return False
    if "кто" in lemmas and not expand_contract(lemmas).isdisjoint(colloquial().counterparty_means):
        return True  # "текущий поставщик у вас кто?": who the supplier is
    return any(t.lemma == "кто" and (t.text.lower() in _OBLIQUE_WHO or k and t.text.lower() == "кого" and words[k - 1].lemma in _FROM)
               for k, t in enumerate(words))


_PARTY_OBJECTS = frozenset({"вопрос", "решение"})  # "такие вопросы у вас закрывает маркетинг": what is settled
_CONTRAST = frozenset({"или", "а", "либо"})


def party_asked(tokens: Sequence[Token], lang: Language, roles: frozenset[str], decide: frozenset[str]) -> bool:
    """A yes/no question about one party's say: the addressee ("вы") or a role named as the one who decides
    ("Решаете это вы?", "апрувите это вы?" in slang, colloquial.standard), or a party set against the addressee
    as the one who settles such matters ("такие вопросы у вас закрывает маркетинг, а не вы лично?"). Not
    what happened ("вы подписали?"), not a question-word question (the rules read those)."""
    if all(t.text != "?" for t in tokens) and not asks_unmarked(tokens, lang):
        return False  # a yes/no question by its mark (or by a form that survives without it: unmarked.py) only: Whisper's "прицелаете, я руковод, по перегам." asks nothing
    words = [t for t in tokens if t.is_word]
    that = next((k for k, t in enumerate(words) if t.text.lower() == "что" and k and words[k - 1].pos == "VERB"), None)
    if that is not None:
        words = words[that + 1:]  # "И я правильно понял, что апрувите это вы?": the clause put to the client
    lemmas = frozenset().union(*(t.lemmas for t in words)) if words else frozenset()
    if not lemmas.isdisjoint(lang.question_words - {"ли"}):
        return False
    verbs = [t for t in words if t.pos in _VERBS | {"NOUN"} and "past" not in t.tags]
    deciding = [t for t in verbs if t.pos != "NOUN" and not t.lemmas.isdisjoint(decide) or t.pos == "NOUN"
                and "Name" in t.tags and not standard(t, lemmas).isdisjoint(decide)]  # "апрувите": read as a name
    you = any(t.text.lower() == "вы" for t in words)
    if deciding and all(t.text.lower() != "я" for t in words) and (you or any(not t.lemmas.isdisjoint(roles) for t in words)):
        return True
    contrast = any(a.text.lower() in _CONTRAST and b.text.lower() in ("не", "вы") and (b.text.lower() == "вы" or (
        k + 2 < len(words) and words[k + 2].text.lower() == "вы")) for k, (a, b) in enumerate(zip(words, words[1:], strict=False)))
    return contrast and not lemmas.isdisjoint(_PARTY_OBJECTS) and any(t.pos == "VERB" for t in verbs)


_DEMONSTRATIVES = frozenset({"это", "этот", "такой", "то"})
_ELLIPTIC_WH = frozenset({"чей", "какой", "каков", "сколько", "когда", "кто"})
_PRECISION = frozenset({"именно", "конкретно", "точно", "приблизительно", "ориентировочно"})  # "Чья конкретно?"


def elliptic(tokens: Sequence[Token], lang: Language) -> bool:
    """A question with no matter of its own, whose topic the sentence before it states: a bare question word
    ("нужно чьё-то согласование. Чьё именно?") or a demonstrative ("…понимать ваши возможности по деньгам.
    Есть на это что-то?"), with no content word besides the manager's wrapping words."""
    words = [t for t in tokens if t.is_word]
    if not words or not any(t.lemma in _ELLIPTIC_WH | _DEMONSTRATIVES for t in words):
        return False
    wrapping = lang.soft_generic | lang.question_words | _DEMONSTRATIVES | _PRECISION
    return all(not t.is_content or t.lemma in wrapping for t in words)


def elliptic_act(tokens: Sequence[Token], lang: Language) -> bool:
    """A short yes/no question on the addressee's act whose matter the statement before it gives: a verb of the
    second person with at most one more word, a pronoun or a figure of speech ("Инженер к вам приедет… Примете его?",
    "…Примете гостя?", "Мастер подъедет. Пустите?"); not a question-word question (it has its own matter)."""
    words = [t for t in tokens if t.is_word]
    if any(t.lemma in lang.question_words or t.text.lower() in _CONTRAST for t in words):
        return False  # "Там ОВиК уже кто-то делает, или ищете ещё?" has its own matter
    verbs = [t for t in words if t.pos in ("VERB", "INFN") or "2per" in t.tags and t.pos != "NPRO"]  # "Примете" is read as a noun
    content = [t for t in words if t.is_content and t.lemma not in lang.soft_generic]
    return len(verbs) == 1 and "2per" in verbs[0].tags and len(content) <= 2


_NOT = frozenset({"не", "ни"})
_ME = frozenset({"я", "мне", "меня"})
_DENY_REACH = 5  # words between the speaker and the negated deciding verb ("я вообще ничего не решаю")


def denies_say(tokens: Sequence[Token]) -> bool:
    """The speaker denies their own say: "я вообще ничего не решаю", "не я решаю", "это не мне решать" (a negation
    right before a deciding verb, the speaker within a few words of it)."""
    words = [t for t in tokens if t.is_word]
    for k, t in enumerate(words):
        if t.pos not in _VERBS or t.lemmas.isdisjoint(DECIDE_VERBS) or "past" in t.tags:
            continue
        near = words[max(0, k - _DENY_REACH - 1):k]
        if any(w.text.lower() in _NOT for w in near[-2:]) and any(w.text.lower() in _ME for w in near):
            return True
    return False
