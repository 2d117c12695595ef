"""Who decides, as the client names them: a first name with patronymic, a role, or both.

"хозяин, Пётр Ильич" → "хозяин Пётр Ильич"; "у генерального, у Романа Игоревича" → "генеральный
Роман Игоревич"; "Пётр Ильич, наш генеральный" → "Пётр Ильич"; "решает главный инженер" →
"главный инженер". Names are put in the nominative. A self-introduction ("Андрей меня зовут")
is not a decider; when a sentence names several people, the one nearest a deciding verb wins.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from qa_desk.analysis.language import LEAD_INS, LISTENER_LEAD_INS
from qa_desk.analysis.lexicon import Token, morph, stored, word_is_known
from qa_desk.analysis.names import is_name, is_patronymic, is_surname, nominative_name, surname_like
from qa_desk.analysis.replaced import former
from qa_desk.analysis.role_grammar import CASES, case_before, governs, outside

ROLE_NOUNS = frozenset({
    "директор", "гендиректор", "собственник", "учредитель", "хозяин", "хозяйка", "владелец", "руководитель",
    "начальник", "заведующий", "заведующая", "инженер", "бухгалтер", "бухгалтерия", "замдиректора", "зам",
    "заместитель", "председатель", "правление", "партнер", "акционер", "главврач", "ректор", "проректор",
    "завхоз", "механик", "технолог", "закупщик", "снабженец", "управляющий", "управляющая", "шеф", "босс",
    "глава", "президент", "совет", "комиссия", "руководство", "начальство", "собрание", "холдинг", "завуч",
    "главбух", "муж", "жена", "супруг", "супруга", "папа", "отец", "мама", "брат", "сестра", "агроном", "врач",
    "администратор", "прораб", "экономист", "юрист", "комитет", "министерство", "управление",
    "владелица", "собственница", "учредительница", "директриса", "руководительница", "начальница", "заместительница",
    "отдел", "служба", "дирекция", "департамент",
})
# Units named with what they do: "отдел закупок", "служба снабжения", "дирекция по развитию".
_UNITS = frozenset({"отдел", "служба", "дирекция", "департамент", "управление", "комитет"})
ROLE_ADJECTIVES = frozenset({"генеральный", "финансовый", "коммерческий", "технический", "исполнительный",
                             "главный", "старший", "операционный", "региональный", "закупочный"})
_ROLE_WORDS = ROLE_NOUNS | ROLE_ADJECTIVES  # a role's words (once: its people are read for every sentence)
DECIDE_VERBS = frozenset({"решать", "решить", "утверждать", "утвердить", "подписывать", "подписать",
                          "одобрять", "одобрить", "согласовывать", "согласовать", "визировать", "принимать",
                          "принять", "решение", "слово", "подпись", "выбирать", "определять", "голосовать",
                          "проголосовать"})
# Signing, the formal act: "подписывает главбух по доверенности, но выбирает он" — the chooser decides.
SIGN_VERBS = frozenset({"подписывать", "подписать", "подпись"})
_SELF = frozenset({"я", "меня", "мне", "мной"})
SOLE = frozenset({"один", "единственный"})
_NOT_ROLE = frozenset({"весь", "сам", "другой", "бывший", "новый", "старый", "каждый", "любой", "свой"}) | SOLE
# Verbs of a say short of the decision: "главный врач только согласовывает", "финансовый директор согласует"
ADVISORY_VERBS = frozenset({"согласовывать", "согласовать", "визировать", "рекомендовать", "советовать", "готовить",
                            "подготовить", "смотреть", "посмотреть", "докладывать", "доложить"})
_ONLY = frozenset({"только", "лишь"})
# Roles at the top: a speaker who names one of them as their own decides ("Сам, я директор и хозяин").
TOP_ROLES = frozenset({"директор", "гендиректор", "собственник", "собственница", "учредитель", "учредительница",
                       "хозяин", "хозяйка", "владелец", "владелица", "директриса", "управляющий", "управляющая"})


@dataclass(frozen=True, slots=True)
class Person:
    text: str
    start: int
    end: int
    named: bool


def with_name(role: str, sentences: Sequence[Sequence[Token]]) -> str:
    """A role-only decider completed with the name the deal gives it ("финансовый директор, Ирина Львовна")."""
    head = role.split()[-1] if role else ""
    if not head:
        return role
    for tokens in sentences:
        for p in _candidates(tokens):
            if head in COLLECTIVES and any(t.is_word and "nomn" not in t.tags for t in tokens[p.start:p.end]):
                continue  # a body's object, not its chair ("А собрание Надежду никому не отдаст")
            if p.named and head in p.text.lower().split() and p.text.lower() != role.lower():
                return p.text
            if p.named and p.text.lower().split()[0] not in _ROLE_WORDS and p.text.lower() not in role.lower():
                near = " ".join(t.text.lower() for t in tokens[max(0, p.start - 4):p.end + 4])
                if head and head.lower() in near:  # "Жена у меня, Марина Сергеевна"
                    return f"{role} {p.text}"
    return role


def as_said(tok: Token) -> str:
    """The word as said, or its repaired lemma when ASR misspelled it ("учлендитель" → "учредитель")."""
    word = tok.text.lower()
    return word if word_is_known(word) else tok.lemma


def _as_said_head(tok: Token, alone: bool) -> str:
    """``as_said`` of a role's head noun, a repaired plural kept plural when no adjective before it sets the
    number ("с учрентителями" → "учредители")."""
    if word_is_known(tok.text.lower()) or not alone or "plur" not in tok.tags or "sing" in tok.tags:
        return as_said(tok)
    return _plural(tok.lemma)


@stored("role-plural")
def _plural(lemma: str) -> str:
    form = morph().parse(lemma)[0].inflect({"nomn", "plur"})
    return form.word if form is not None else lemma


@stored("role-participle")
def _role_participle(word: str) -> bool:
    """A participle used as a role noun, in any case: "управляющий", "управляющей", "заведующему"."""
    for parse in morph().parse(word):
        if parse.tag.POS == "PRTF" and "Subx" in parse.tag:
            form = parse.inflect({"nomn", "sing"})
            if form is not None and form.word in ROLE_NOUNS:
                return True
    return False


def _is_role_noun(tok: Token) -> bool:
    return tok.is_word and (not tok.lemmas.isdisjoint(ROLE_NOUNS) or _role_participle(tok.text.lower()))


@stored("role-nominative")
def _nominative_word(word: str) -> str:
    """A role word in the nominative, number kept ("главным" → "главный", "руководству" → "руководство")."""
    parse = morph().parse(word)[0]
    if parse.tag.case in (None, "nomn") or parse.tag.POS not in ("NOUN", "ADJF", "PRTF"):
        return word
    grammemes = {"nomn"} | ({parse.tag.number} if parse.tag.number else set())
    form = parse.inflect(grammemes | ({"masc"} if parse.tag.gender == "neut" and parse.tag.POS != "NOUN" else set()))
    return form.word if form is not None else word


def role_words(tokens: Sequence[Token], start: int, end: int) -> list[str]:
    """The role as the card says it: the words up to its head noun in the nominative ("у главного инженера"
    → "главный инженер"), what follows the head as said ("заместитель генерального директора")."""
    head = next((k for k in range(start, end) if _is_role_noun(tokens[k])), end - 1)
    words = [_as_said_head(t, head == start) if k == head else as_said(t) for k, t in enumerate(tokens[start:end], start)]
    out = [_nominative_word(w) if k <= head - start else w for k, w in enumerate(words)]
    gender = _singular_gender(out[head - start]) if 0 < head - start < len(out) else ""
    if gender:  # "за коммерческим директором": not "коммерческие директор"
        out[:head - start] = [_singular(f"{w}|{gender}") for w in out[:head - start]]
    return out


@stored("role-singular-gender")
def _singular_gender(word: str) -> str:
    """The gender of a head noun read as singular ("masc" when it has none), else ""."""
    tag = morph().parse(word)[0].tag
    return str(tag.gender or "masc") if tag.number == "sing" else ""


@stored("role-singular")
def _singular(key: str) -> str:
    """An adjective read as plural ("word|gender") put in the nominative singular of its noun's gender."""
    word, gender = key.split("|")
    parse = morph().parse(word)[0]
    if parse.tag.POS not in ("ADJF", "PRTF") or parse.tag.number != "plur":
        return word
    form = parse.inflect({"nomn", "sing", gender})
    return form.word if form is not None else word


def role_at(tokens: Sequence[Token], i: int) -> tuple[int, int] | None:
    """Span of a role starting at ``i`` ("главный инженер", "директор по логистике", "генеральный")."""
    tok = tokens[i]
    if not tok.is_word:
        return None
    j = i
    while j < len(tokens) and tokens[j].is_word and (not tokens[j].lemmas.isdisjoint(ROLE_ADJECTIVES) or _describes(
            tokens, j)):
        j += 1  # "главный", and any adjective right before a role noun: "маркетинговый директор", "попечительский совет"
    if j < len(tokens) and _is_role_noun(tokens[j]):
        end = j + 1
        while end < len(tokens) and "gent" in tokens[end].tags and not tokens[end].lemmas.isdisjoint(
                _ROLE_WORDS):
            end += 1  # "заместитель генерального (директора)"
        if end < len(tokens) and tokens[j].pos in ("PRTF", "ADJF") and _is_role_noun(tokens[end]) and not (
                tokens[j].tags & CASES).isdisjoint(tokens[end].tags):
            j, end = end, end + 1  # "управляющий партнёр", "исполняющий обязанности" read as one role
        if end < len(tokens) and (tokens[j].lemma in _UNITS or end == j + 1 and governs(tokens, end, DECIDE_VERBS)) and tokens[
                end].pos == "NOUN" and ("gent" in tokens[end].tags or "ablt" in tokens[end].tags and tokens[j].pos in (
                    "PRTF", "ADJF")):
            end += 1  # "отдел закупок", "глава администрации", "заведующая отделением" (a participle governs ablt)
        adjectives = 0
        while end + 2 + adjectives < len(tokens) and tokens[end + 1 + adjectives].pos == "ADJF" and adjectives < 2:
            adjectives += 1
        if end + 1 + adjectives < len(tokens) and tokens[end].text.lower() == "по" and tokens[
                end + 1 + adjectives].pos == "NOUN":
            end += 2 + adjectives  # "директор по логистике", "проректор по научной работе", "… по персоналу холдинга":
            end += end < len(tokens) and tokens[end].pos == "NOUN" and "gent" in tokens[end].tags and not tokens[end].animate
        if end + 1 < len(tokens) and tokens[end].text.lower() == "и" and not tokens[end + 1].lemmas.isdisjoint(ROLE_NOUNS):
            end += 2  # "учредитель и директор": one person, two roles
        return i, end
    if j > i and tokens[i].lemma in ("генеральный", "коммерческий", "финансовый", "технический") and not (
            "neut" in tokens[i].tags or j < len(tokens) and tokens[j].pos == "NOUN" and not tokens[j].animate):
        return i, j  # "генеральный" on its own (not "техническое задание")
    return None


def _describes(tokens: Sequence[Token], j: int) -> bool:
    """A descriptive adjective right before a role noun ("маркетинговый директор"; not "наш", "этот")."""
    tok = tokens[j]
    return (tok.pos == "ADJF" and "Apro" not in tok.tags and j + 1 < len(tokens)
            and not tokens[j + 1].lemmas.isdisjoint(_ROLE_WORDS) and tok.lemma not in _NOT_ROLE)


def _candidates(tokens: Sequence[Token]) -> list[Person]:
    out: list[Person] = []
    i = 0
    while i < len(tokens):
        role = role_at(tokens, i)
        start = i
        words: list[str] = []
        if role is not None:
            words = role_words(tokens, *role)
            if all(not tokens[k].lemmas.isdisjoint(ROLE_ADJECTIVES) for k in range(role[0], role[1])):
                words.append("директор")  # "генеральный" on its own is the general director
            i = role[1]
            while i < len(tokens) and (tokens[i].text in (",", "—", "-") or tokens[i].text.lower() in ("у", "наш")):
                i += 1
        group: list[Token] = []
        g0 = i
        while i < len(tokens) and len(group) < 3 and (
                is_name(tokens[i], tokens[i + 1] if i + 1 < len(tokens) else None) or is_surname(tokens, i, _ROLE_WORDS)):
            group.append(tokens[i])
            i += 1
        head = next((tokens[k] for k in range(*role) if _is_role_noun(tokens[k])), None) if role else None
        case = "nomn" if head is not None and "nomn" in head.tags and len(group) == 1 else None
        if case is None and len(group) == 1 and g0 and not words:
            case = case_before(tokens[g0 - 1], DECIDE_VERBS)  # "через Кузнецову": a woman's surname in the accusative
        names = [nominative_name(t, group, case) for t in group]

        if words or names:
            out.append(Person(" ".join([*words, *names]), start, i, bool(names)))
            continue
        i += 1
    return out


def people_in(tokens: Sequence[Token]) -> list[Person]:
    """The people a sentence names (role and/or name, nominative), in order."""
    return _candidates(tokens)


def last_named(sentences: Sequence[Sequence[Token]]) -> str | None:
    """The person named last in ``sentences`` (role and name, nominative): the antecedent of "он"."""
    for tokens in reversed(sentences):
        named = [p for p in _candidates(tokens) if p.named and not _self_intro(tokens, p)]
        if named:
            return named[-1].text
    return None


def _self_intro(tokens: Sequence[Token], p: Person) -> bool:
    near = {t.text.lower() for t in tokens[max(0, p.start - 3):p.end + 3]}
    words = [t.text.lower() for t in tokens[max(0, p.start - 3):p.start] if t.is_word]
    if words[-2:] == ["я", "и"]:
        return False  # "я и директор, Николай Степанович": two people
    if "зовут" in near and near & {"его", "её", "ее", "их"}:
        return False  # "Алексей Викторович его зовут": someone else named
    return "зовут" in near or bool(near & {"я", "меня"}) and not any(
        not t.lemmas.isdisjoint(DECIDE_VERBS) for t in tokens[max(0, p.start - 3):p.end + 3])


_NOTHING = frozenset({"ничего", "ничё", "ничо", "никак", "ниче"})
_NEAR_VERB = 3  # words between a deciding verb and its person
_CLAUSE_SPLIT = frozenset({"а", "но", "ну", ".", "?", "!", "…", "потом", "зато"})
_TRANSPARENT = frozenset({"он", "она", "они", "у", "нас", "всё", "все", "и", "же", "ещё", "еще", "тоже", "сам", "сама",
                          "это", "вот", "меня", "окончательно", "в", "итоге"})
COLLECTIVES = frozenset({"комиссия", "комитет", "правление", "совет", "собрание", "руководство", "дирекция"})
_RELAY = frozenset({"передать", "переслать", "показать", "доложить", "отправить", "переправить", "донести", "отнести"})


def _without_members(tokens: Sequence[Token], people: list[Person]) -> list[Person]:
    """Drop the members listed after a collective ("решает комиссия: директор, финансовый директор и
    Игорь"): the collective decides, not each of them."""
    collective = next((p for p in people if not tokens[p.start].lemmas.isdisjoint(COLLECTIVES)
                       or p.text.split()[-1] in COLLECTIVES), None)
    if collective is None:
        return people
    after = [p for p in people if p.start >= collective.end]
    listed = len(after) >= 2 and any(t.text.lower() == "и" for t in tokens[after[0].end:after[-1].start])
    return [p for p in people if not (listed and p in after)]


def _counterparty(tokens: Sequence[Token], p: Person) -> bool:
    """The other side of a deal already made ("подписали договор с местными ребятами"): a person after
    "с" in a sentence whose deciding verbs are all past; not who decides ("решать будем с учредителями")."""
    before = [t for t in tokens[max(0, p.start - 3):p.start] if t.is_word]
    if not any(t.text.lower() in ("с", "со") for t in before) or "ablt" not in tokens[p.start].tags and not any(
            "ablt" in t.tags for t in tokens[p.start:p.end]):
        return False
    verbs = [t for t in tokens if t.pos in ("VERB", "INFN") and not t.lemmas.isdisjoint(DECIDE_VERBS)]
    return bool(verbs) and all("past" in t.tags for t in verbs)


def _meeting(tokens: Sequence[Token], p: Person) -> bool:
    """A collective in the prepositional after "на"/"в" ("на совете", "на правлении"): where the others
    decide, not who."""
    return (p.start > 0 and tokens[p.start - 1].text.lower() in ("на", "в") and "loct" in tokens[p.start].tags
            and not p.named and not tokens[p.start].lemmas.isdisjoint(COLLECTIVES))


_NONE = frozenset({"никакой"})  # "никаких партнёров"


def _absent(tokens: Sequence[Token], p: Person) -> bool:
    """"учредителей у меня нет", "никаких партнёров", "бывший директор": a role said not to exist (any more)."""
    if p.start and tokens[p.start - 1].lemma in _NONE or former(tokens, p.start, p.end):
        return True  # in any case: ASR writes "никаких отделы"
    return "gent" in tokens[p.start].tags and any(t.text.lower() == "нет" for t in tokens[p.end:p.end + 4])


_OPENERS = LEAD_INS | (LISTENER_LEAD_INS - {"слушай"}) | {"и", "да", "нет", "алло"}
_ADDRESSED = frozenset({"1per", "2per"})


def _vocative(tokens: Sequence[Token], p: Person) -> bool:
    return p.named and p.text[:1].isupper() and vocative(tokens, p.start, p.end)


def vocative(tokens: Sequence[Token], start: int, end: int) -> bool:
    """Words the sentence opens with to address the listener: "Ну, Юли, хотим пока сухо" (a first- or
    second-person verb after them and no deciding word), not "Виктор Палыч, он у нас всё подписывает"."""
    if any(not tokens[k].is_word or tokens[k].text.lower() not in _OPENERS for k in range(start)):
        return False
    rest = tokens[end:]
    command = bool(rest) and (rest[0].pos == "INFN" or "impr" in rest[0].tags and "indc" not in rest[0].tags) and not any(
        t.pos == "VERB" and "indc" in t.tags for t in rest)  # "Кот, лежать…", "Саша, подожди": a command to the one named
    return not any(not t.lemmas.isdisjoint(DECIDE_VERBS) for t in rest) and (command or any(
        t.pos == "VERB" and not _ADDRESSED.isdisjoint(t.tags) for t in rest))


_FULLER = 0.1  # per name word beyond the first: "Дмитрий Олегович Кравец" before "Дима" in the same sentence


def _lone_surname(tokens: Sequence[Token], p: Person) -> bool:
    """A person named by a surname alone ("Ковалёв")."""
    tok = tokens[p.start]
    return p.named and p.end - p.start == 1 and "Name" not in tok.tags and not is_patronymic(tok) and surname_like(
        tok.text.lower())


def proposes_decider(tokens: Sequence[Token]) -> bool:
    """A question that names a decider with a deciding verb ("А подрядчика выбирает управляющая?",
    "подписывает генеральный?", "заявка должна быть подписана главврачом?"); not what happened ("директор уже
    подписал?") nor "наше решение"."""
    verbs = DECIDE_VERBS - ({"принимать", "принять"} if all(t.lemma != "решение" for t in tokens) else set())
    coming = any(t.lemma == "быть" and (t.pos == "INFN" or "futr" in t.tags) for t in tokens)
    if not any((t.pos in ("VERB", "INFN") and "past" not in t.tags or t.pos == "PRTS" and coming)
               and not t.lemmas.isdisjoint(verbs) for t in tokens):  # "принять звонок от технического специалиста"
        return False  # decides nothing; a passive to come names its doer ("должна быть подписана главврачом")
    found = decider_scored(tokens)
    return found is not None and found[1] >= _PROPOSED


_PROPOSED = 3.0  # a role next to a deciding verb
PROPOSED_ASK = 0.75  # confidence that such a question asks who decides: sure enough to pin its reply


def decider(tokens: Sequence[Token]) -> str | None:
    """The decider named in ``tokens`` (role and/or name, nominative), or None."""
    found = decider_scored(tokens)
    return found[0] if found else None


def decider_scored(tokens: Sequence[Token]) -> tuple[str, float] | None:
    """(decider, score): a role 1, a name 2.5, both 3.5; a deciding verb within three words +2 (anywhere +1)."""
    relay = any(not t.lemmas.isdisjoint(_RELAY) for t in tokens)
    relays = [i for i, t in enumerate(tokens) if not t.lemmas.isdisjoint(_RELAY)] if relay and all(
        t.lemmas.isdisjoint(DECIDE_VERBS) for t in tokens) else []
    people = [p for p in _candidates(tokens) if not _self_intro(tokens, p) and not _vocative(tokens, p)
              and not (relay and "datv" in tokens[p.start].tags) and not _absent(tokens, p) and not outside(tokens, p.start)
              and not any(p.end <= v <= p.end + 1 or p.start - 2 <= v < p.start for v in relays)]
    # "Присылайте, бухгалтер передаст": who passes the papers on; "директор посмотрит, я покажу" still names one
    if not people:
        return None
    # an imperative decides nothing for the one beside it: "Собственник сказал — выбирай сам" (the listener)
    verbs = [i for i, t in enumerate(tokens) if not t.lemmas.isdisjoint(DECIDE_VERBS | ADVISORY_VERBS)
             and not ("impr" in t.tags and "indc" not in t.tags)]

    people = _without_members(tokens, people)
    people = [p for p in people if not _counterparty(tokens, p)]
    if not people:
        return None
    subjects = [p for p in people if not _meeting(tokens, p)]
    people = subjects or people  # "они на совете в декабре бюджет утверждают": the founders, at their board

    def gap(p: Person, v: int) -> int:
        """Words between ``p`` and verb ``v`` ("Виктор Палыч, он у нас всё подписывает": none that count);
        99 across "а", "но", "ну" or a full stop ("директор согласует, а утверждает правление")."""
        lo, hi = (p.end, v) if p.end <= v else (v + 1, p.start)
        if any(t.text.lower() in _CLAUSE_SPLIT for t in tokens[lo:hi]):
            return 99
        return sum(1 for t in tokens[lo:hi] if t.is_word and t.text.lower() not in _TRANSPARENT)

    def distance(p: Person) -> int:
        return min((gap(p, v) for v in verbs), default=99)

    def bonus(p: Person) -> float:
        """The person of a deciding verb: +2 (+0.3 for a say short of the decision: "только согласовывает");
        +1 for another person in a sentence with a deciding verb."""
        mine = [v for v in verbs if gap(p, v) <= _NEAR_VERB and min(gap(o, v) for o in people) >= gap(p, v)
                and not (tokens[v].pos == "VERB" and "1per" in tokens[v].tags and next(
                    (t.animate for t in tokens[p.start:p.end] if t.pos == "NOUN"), True))]
        # «я и решаю, бухгалтер …»: the speaker's verb, not the person's (a body keeps it: «мы решаем на совете»)
        if not mine:
            return 1.0 if verbs else 0.0
        v = min(mine, key=lambda v: gap(p, v))
        if any(t.text.lower() in _NOTHING for t in tokens[max(0, v - 3):v]) and tokens[v - 1].text.lower() == "не":
            return 0.0  # "Начальник смены тут ничего не решает.": the say denied
        advisory = not tokens[v].lemmas.isdisjoint(ADVISORY_VERBS) or any(
            t.text.lower() in _ONLY for t in tokens[max(0, v - 2):v])
        return 0.3 if advisory else 2.0

    scored = []
    for p in people:
        text, named, near = p.text, p.named, distance(p)
        extra = bonus(p)
        # a role right next to a name of the same person: "генеральный, Роман Игоревич", "роман игоревич директор"
        # and a surname said apart: "Ковалёв, директор по производству, Андрей Игоревич"
        for other in people:
            if other is not p and (other.named != p.named or _lone_surname(tokens, p) and other.named) and (
                    0 <= p.start - other.end <= 2 or 0 <= other.start - p.end <= 2):
                holder, name = (p, other) if other.named and not p.named else (other, p)
                text, named, near = f"{holder.text} {name.text}", True, min(near, distance(other))
                extra = max(extra, bonus(other))
        has_role = any(w.islower() for w in text.split())  # names are capitalised, role words are not
        base = 3.5 if named and has_role else 2.5 if named else 1.0
        base += _FULLER * min(2, sum(1 for w in text.split() if w[:1].isupper()) - 1) if named else 0.0
        scored.append((base + extra, -near, -p.start, text))
    best = max(scored)
    return best[3], best[0]
