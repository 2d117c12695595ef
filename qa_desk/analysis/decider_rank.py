"""Whose deciding verb it is, and how much it decides (round 19).

- A verb in the first person is the speaker's, never a third person's beside it («Я владелец, я и решаю,
  бухгалтер только платёжки проводит»: «решаю» is not the accountant's).
- A role said right after the speaker's «я» is not their own when it is the subject of a verb of its own in the
  third person («…решаю я, генеральный в это не лезет»: the director stays out, the speaker is not one).
- Choosing is less than deciding: the speaker who approves («Я утверждаю. … Геворг выбирает, я плачу.») is not
  displaced by one who only chooses; one who signs the money after a contrast («Технически выбираю я. А деньги
  подписывает Ирина Валерьевна…») is not a signer «who stays out of it».
"""

from __future__ import annotations

from collections.abc import Sequence

from qa_desk.analysis.language import CONTRAST
from qa_desk.analysis.lexicon import Token
from qa_desk.analysis.person import DECIDE_VERBS, SIGN_VERBS

CHOOSE_VERBS = frozenset({"выбирать", "выбрать"})  # picks among offers: short of approving or paying
_FINAL_VERBS = frozenset({"решать", "решить", "утверждать", "утвердить", "одобрять", "одобрить"}) & DECIDE_VERBS
# (not «Техническую часть определяю я. А победителя выбирает единая комиссия»: defining a part is no approval)
_AFTER_ROLE = 3  # words between a role and a verb whose subject it is


def speakers_verb(token: Token) -> bool:
    """A finite verb in the first person: its subject is the speaker (or «мы»), not a third person."""
    return token.pos == "VERB" and "1per" in token.tags


def role_acts_apart(tokens: Sequence[Token], end: int) -> bool:
    """The role ending at ``end`` (said after «я») is the subject of its own third-person verb («генеральный в это
    не лезет»), with no other nominative person after that verb («я главный инженер, подписывает генеральный»)."""
    for k in range(end, min(len(tokens), end + _AFTER_ROLE + 1)):
        t = tokens[k]
        if t.pos == "VERB" and "3per" in t.tags:
            after = tokens[k + 1:k + 3]
            return not any("nomn" in a.tags and (a.animate or a.pos == "ADJF") for a in after)
        if t.pos == "VERB" or t.text.lower() == "я" or "nomn" in t.tags and not (
                k and tokens[k - 1].pos == "PREP"):
            return False  # "Я хозяин, по химии всё через меня решается": "всё" is that verb's subject
    return False


def _decides_finally(tokens: Sequence[Token]) -> bool:
    """A deciding verb short of choosing, advising and signing in the first person («я утверждаю», «решаю я»)."""
    return any(not t.lemmas.isdisjoint(_FINAL_VERBS) and speakers_verb(t) for t in tokens)


def _only_chooses(tokens: Sequence[Token]) -> bool:
    """The sentence's deciding words only choose («Геворг выбирает, я плачу»)."""
    verbs = [t for t in tokens if not t.lemmas.isdisjoint(DECIDE_VERBS)]
    return bool(verbs) and all(not t.lemmas.isdisjoint(CHOOSE_VERBS) for t in verbs)


def approver_over_chooser(best_sentence: Sequence[Token], found_sentence: Sequence[Token]) -> bool:
    """The speaker who approves in one sentence stays the decider over another person who only chooses in a later
    one («Я утверждаю. Я хозяин, больше никто. Геворг выбирает, я плачу.»)."""
    return _decides_finally(best_sentence) and _only_chooses(found_sentence)


def contrast_after_sign(tokens: Sequence[Token]) -> bool:
    """A contrast that follows the signing verb («Рустам Ильдарович счёт подписывает, да, но он … не лезет»), not one
    that opens the signer's clause («А деньги подписывает Ирина Валерьевна, … без её визы ни один договор не
    пройдёт»)."""
    words = [t for t in tokens if t.is_word]
    sign = next((i for i, t in enumerate(words) if not t.lemmas.isdisjoint(SIGN_VERBS)), None)
    return sign is not None and any(w.text.lower() in CONTRAST for w in words[sign + 1:])


_STAY_OUT_REACH = 4  # words from the person to their own negated verb


def stays_out(tokens: Sequence[Token], person: str) -> bool:
    """The person named is the subject of a negated verb of their own right after it («Муж в это не лезет», «финансовый
    тут ни при чём»): said to stay out, not to decide (a deciding verb denied is decider_scored's own reading)."""
    said = person.lower().split()
    words = [t for t in tokens if t.is_word]
    at = next((k for k, t in enumerate(words) if t.text.lower() == said[0] and "nomn" in t.tags), None)
    if at is None:
        return False
    end = at + 1  # the words of the person as said here ("финансовый" of "финансовый директор"; "хозяйка и
    while end < len(words) and end - at < len(said) and words[end].text.lower() == said[end - at]:
        end += 1  # бухгалтерию" of a person put together with a name said elsewhere)
    for k in range(end, min(len(words), end + _STAY_OUT_REACH)):
        w = words[k].text.lower()
        if w == "ни" and [x.text.lower() for x in words[k + 1:k + 3]] == ["при", "чём"]:
            return True
        if words[k].pos == "VERB":
            return "3per" in words[k].tags and words[k - 1].text.lower() == "не" and words[k].lemmas.isdisjoint(
                DECIDE_VERBS)
    return False
