"""Grammar of a decider reply beyond the one person a sentence names (deciders.py): whether a sentence states a
decision at all, the speaker's claim said without a verb («Сама.», «Ну я.») or with a dative subject («мне и
решать»), a party put outside the decision by «без» («подписываю сам, без генерального»), the person a deciding
«он» stands for in its own sentence, in any case («отдал заму, Павлу Сергеевичу, он и подписывает»), and a
collective said again by its bare head («решает комитет» after «инвестиционный комитет холдинга»). Closed classes
only: pronouns, particles, prepositions."""

from __future__ import annotations

from collections.abc import Sequence

from qa_desk.analysis.antecedent import agrees, deciding_pronoun
from qa_desk.analysis.decider_rank import role_acts_apart
from qa_desk.analysis.language import THIRD_PERSON
from qa_desk.analysis.lexicon import Token, lemma_of
from qa_desk.analysis.person import ADVISORY_VERBS, COLLECTIVES, DECIDE_VERBS, people_in, role_at, role_words

_SELF_WORDS = frozenset({"я", "сам", "сама", "мы", "сами"})
_PARTICLES = frozenset({"ну", "да", "конечно", "это", "вот", "же", "ж", "и", "тут", "здесь", "а", "но", "так", "уж", "вообще",
                        "собственно", "лично", "естественно", "разумеется", "всё", "все"})
_SELF_DATIVE = frozenset({"мне", "нам", "самой", "самому", "самим"})
_NEGATION = frozenset({"не", "ни", "ничего", "никто", "никак", "нельзя", "нет"})


def elliptic_self(tokens: Sequence[Token]) -> bool:
    """A sentence that is only the speaker as the answer to «кто» («Сама.», «Ну я.», «Я сама, конечно.»)."""
    words = [t.text.lower() for t in tokens if t.is_word]
    broken = bool(tokens) and tokens[-1].text in ("…", "...") or [t.text for t in tokens[-2:]] == [".", "."]
    # "Я... Ну, жена бухгалтерию ведёт": broken off
    return bool(words) and not broken and not set(words).isdisjoint(_SELF_WORDS) and set(words) <= _SELF_WORDS | _PARTICLES


def dative_self(tokens: Sequence[Token]) -> bool:
    """The speaker as the dative subject of a deciding infinitive («мне и решать», «нам самим выбирать»; not «не мне
    решать»)."""
    words = [t for t in tokens if t.is_word]
    for i, t in enumerate(words):
        if t.text.lower() not in _SELF_DATIVE or i and words[i - 1].text.lower() in _NEGATION:
            continue
        for w in words[i + 1:i + 4]:
            if w.pos == "INFN" and not w.lemmas.isdisjoint(DECIDE_VERBS):
                return not any(x.text.lower() in _NEGATION for x in words[i + 1:words.index(w)])
    return False




def agrees_with(self_word: Token, verb: Token, between: Sequence[Token]) -> bool:
    """The speaker's «я»/«мы»/«сам» can be the subject of ``verb``: a finite verb in the first person («я решаю»,
    «решаем мы»), not the third («Он решает, я так, на подхвате»; «он каждую копейку сам визирует»); «сам» with no
    third-person pronoun before it in the span."""
    if any(w.text.lower() in ("не", "ни") for w in between):
        return False  # "без него я не подпишу": the speaker's say denied
    if verb.pos == "VERB" and "past" in verb.tags:  # "Правильно решили, я …": the number of "я" is singular
        plural = self_word.text.lower() in ("мы", "сами")
        return ("plur" in verb.tags) == plural and not any(w.text.lower() in THIRD_PERSON for w in between)
    if verb.pos != "VERB" or not {"1per", "2per", "3per"} & verb.tags:
        return not (self_word.lemma == "сам" and any(w.text.lower() in THIRD_PERSON for w in between))
    return "1per" in verb.tags


def negated_self(tokens: Sequence[Token]) -> bool:
    """The speaker denied as the doer: «не я»/«не мы» beside a finite verb («её не я назначаю», «решаю не я»)."""
    words = [t for t in tokens if t.is_word]
    for i, t in enumerate(words[:-1]):
        if t.text.lower() in ("не", "ни") and words[i + 1].text.lower() in ("я", "мы"):
            near = words[max(0, i - 2):i] + words[i + 2:i + 4]
            if any(w.pos == "VERB" and "past" not in w.tags for w in near):
                return True
    return False


def states_decision(tokens: Sequence[Token]) -> bool:
    """The sentence says who decides: a deciding or advising word in it («решает», «подпись», «последнее слово»)."""
    light = set() if any(t.lemma == "решение" for t in tokens) else {"принимать", "принять"}  # "звонки принимает"
    return any(not t.lemmas.isdisjoint(DECIDE_VERBS - light | ADVISORY_VERBS) for t in tokens if t.is_word)


def elliptic_person(tokens: Sequence[Token], text: str) -> bool:
    """A sentence that is only a person as the answer to «кто» («Да, Аркадий Львович.», «Управляющий.»)."""
    said = {w.lower() for w in text.split()}
    said |= {lemma_of(w) for w in said}
    words = [t for t in tokens if t.is_word]
    rest = [t for t in words if t.text.lower() not in said and t.lemma not in said and t.pos != "PREP"
            and t.text.lower() not in _PARTICLES and t.text.lower() not in ("наш", "наша", "нас")]
    return bool(words) and len(rest) <= 1  # "С партнёром, да, с Алексеем Игоревичем."


def own_sentence_antecedent(tokens: Sequence[Token]) -> str | None:
    """The person named earlier in the same sentence whom a deciding «он»/«она» stands for, in any case («я отдал
    заму, Павлу Сергеевичу Ильину, у него доверенность, он и подписывает» → «зам Павел Сергеевич Ильин»)."""
    pronoun = deciding_pronoun(tokens)
    if pronoun is None:
        return None
    at = next(k for k, t in enumerate(tokens) if t is pronoun)
    for person in reversed(people_in(tokens[:at])):
        if tokens[person.start].text.lower() in _SELF_WORDS:
            continue
        if agrees(pronoun, person.text) and person.named:
            return person.text
    return None


def collective_in_full(head: str, sentences: Sequence[Sequence[Token]], upto: int) -> str | None:
    """A collective said by its bare head («комитет», «комиссия по итогам») given in full earlier in the reply
    («инвестиционный комитет холдинга», «Закупочная комиссия»): the full form with its adjectives."""
    word = head.split()[0].lower()
    lemma = next((t.lemma for tokens in sentences for t in tokens if t.text.lower() == word), None)
    if lemma is None or lemma not in COLLECTIVES:
        return None
    for tokens in sentences[:upto + 1]:
        for i, t in enumerate(tokens):
            span = role_at(tokens, i) if t.pos in ("ADJF", "PRTF") else None
            if span is None or span[1] - span[0] < 2 or all(x.lemma != lemma for x in tokens[span[0]:span[1]]):
                continue
            return " ".join(role_words(tokens, *span))
    return None


def complemented(tokens: Sequence[Token], role: str) -> str:
    """A role said of the speaker with the inanimate noun it governs right after it ("начальник участка", "заведующий
    складом"), where the role found left it out."""
    last = role.split()[-1].lower()
    for k, t in enumerate(tokens[:-1]):
        nxt = tokens[k + 1]
        if t.text.lower() == last and nxt.pos == "NOUN" and not nxt.animate and not {"gent", "ablt"}.isdisjoint(nxt.tags):
            return f"{role} {nxt.text.lower()}"
    return role


def said_of_self(tokens: Sequence[Token], person: str) -> bool:
    """``person`` is said of the speaker: right after "я" ("я управляющий партнёр", "я ж директор")."""
    first = person.split()[0].lower()
    said = [t for t in tokens if t.is_word]
    words = [t.text.lower() for t in said]
    return any(w == first and k and (words[k - 1] == "я" or k > 1 and words[k - 2] == "я" and words[k - 1] in ("же", "ж"))
               and not role_acts_apart(said, k + len(person.split())) for k, w in enumerate(words))
    # not "Выбираю я, директор только подписывает": the director's own verb


_SO = frozenset({"так", "то"})  # the correlative's second half: «как …, так и будет», «как …, то и сделаем»


def final_say(tokens: Sequence[Token]) -> list[Token] | None:
    """The clause of a correlative «как X скажет, так и будет» («как решит Лев Аронович, так и сделаем»): whatever X
    says settles it, whatever the verb. The «как» clause's words without its verb (where X is sought), else None.
    Not «как вы скажете» (the listener) and not a comparison without a finite verb («как у всех, так и у нас»)."""
    words = [t for t in tokens if t.is_word]
    for i, t in enumerate(words):
        if t.text.lower() != "как":
            continue
        verb = next((k for k in range(i + 1, min(len(words), i + 7)) if words[k].pos == "VERB"), None)
        if verb is None or "2per" in words[verb].tags or "past" in words[verb].tags:
            continue
        so = next((k for k in range(verb + 1, min(len(words), verb + 5)) if words[k].text.lower() in _SO), None)
        if so is None or so + 1 < len(words) and words[so + 1].text.lower() not in ("и", "мы", "будет", "сделаем"):
            continue
        return [w for k, w in enumerate(words[i + 1:so], i + 1) if k != verb]
    return None


_PLAN_HEADS = frozenset({"что", "чтобы", "не"})


def plan_made(words: Sequence[Token], k: int) -> bool:
    """The past perfective deciding verb at words[k] tells a plan made, not who decides («в этом году я так решил:
    лучше больше вложить», «я решил взять поменьше», «мы решили, что подождём»): «так» just before it, or a
    complement after it — an infinitive or «что»/«чтобы» (the tokens keep no colon)."""
    verb = words[k]
    if "past" not in verb.tags or "perf" not in verb.tags:
        return False
    if any(w.text.lower() == "так" for w in words[max(0, k - 2):k]):
        return True
    after = words[k + 1:k + 3]
    return bool(after) and (after[0].pos == "INFN" or after[0].text.lower() in _PLAN_HEADS and len(after) > 1 and (
        after[0].text.lower() != "не" or after[1].pos == "INFN"))


def denies_self(tokens: Sequence[Token]) -> bool:
    """A sentence that only denies the speaker as the answer to «кто» («Не я, точно.», «Ну не мы, конечно.»): no claim
    of the speaker in the same reply stands («Я счета согласовываю только в рамках статьи»)."""
    words = [t.text.lower() for t in tokens if t.is_word]
    denial = any(w == "не" and k + 1 < len(words) and words[k + 1] in ("я", "мы") for k, w in enumerate(words))
    return denial and set(words) <= _SELF_WORDS | _PARTICLES | {"не", "точно", "нет"}


def collective_of(text: str, sentences: Sequence[Sequence[Token]]) -> str | None:
    """A one-word role («учредитель», from «У нас три учредителя») that the reply names as the genitive of a
    collective («идёт на совет учредителей»): the collective with it («совет учредителей»), which decides."""
    if " " in text:
        return None
    head = lemma_of(text.lower())
    for tokens in sentences:
        for i, t in enumerate(tokens[:-1]):
            nxt = tokens[i + 1]
            if t.lemma in COLLECTIVES and nxt.lemma == head and "gent" in nxt.tags and "plur" in nxt.tags:
                return f"{t.lemma} {nxt.text.lower()}"
    return None


def body_said(tokens: Sequence[Token]) -> str | None:
    """The first collective the sentence names, with its adjectives ("потом решает тендерная комиссия, там пять
    человек, председатель — …" -> "тендерная комиссия"), else None."""
    for t in tokens:
        if t.pos == "NOUN" and t.lemma in COLLECTIVES:
            return collective_in_full(t.text, [tokens], 0) or t.lemma
    return None
