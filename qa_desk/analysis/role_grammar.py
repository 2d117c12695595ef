"""Grammar around a role or a lone surname (person.py): a participle agreeing with the role noun after it
("управляющий партнёр"), the body a role heads in the genitive ("глава администрации"), and the case a lone surname
takes from the word before it ("через Кузнецову": accusative, a woman's name). Closed classes only."""

from __future__ import annotations

from collections.abc import Sequence

from qa_desk.analysis.lexicon import Token

CASES = frozenset({"nomn", "gent", "datv", "accs", "ablt", "loct"})  # a participle agreeing with its role noun
_NOT_GOVERNED = frozenset({"деньга", "деньги", "средство", "бюджет", "время", "вопрос", "сумма"})


def governs(tokens: Sequence[Token], k: int, decide: frozenset[str]) -> bool:
    """The inanimate genitive noun right after a role noun is the body or field it heads ("глава администрации",
    "председатель правления", "начальник цеха"), not an object of what follows ("директор денег не даст")."""
    t, nxt = tokens[k], tokens[k + 1].text.lower() if k + 1 < len(tokens) else ""
    return not t.animate and t.lemmas.isdisjoint(_NOT_GOVERNED | decide) and t.text[:1].islower() and nxt != "не"


_PREP_CASE = {"через": "accs", "про": "accs", "к": "datv", "ко": "datv", "у": "gent", "от": "gent", "для": "gent",
              "без": "gent", "при": "loct"}


def case_before(t: Token, decide: frozenset[str]) -> str | None:
    """The case a lone surname takes after ``t``: a preposition of one case, or nominative after a finite deciding
    verb ("решает Ильина": she, not "Ильин" in the genitive)."""
    if t.pos == "VERB" and not t.lemmas.isdisjoint(decide) and {"3per", "pres"} & t.tags or (
            "futr" in t.tags and t.pos == "VERB" and not t.lemmas.isdisjoint(decide)):
        return "nomn"
    return _PREP_CASE.get(t.text.lower())


_DENIAL = frozenset({"не", "ни", "ничего", "никто", "никак", "нельзя", "нет"})


def outside(tokens: Sequence[Token], start: int) -> bool:
    """The party at ``start`` is put outside the decision by «без» in a sentence that denies nothing («подписываю сам,
    без генерального»; not «без подписи директора ничего не проходит», where it is the one needed)."""
    before = [t for t in tokens[max(0, start - 3):start] if t.is_word]
    k = next((j for j in range(len(before) - 1, -1, -1) if before[j].text.lower() == "без"), None)
    if k is None or any("gent" not in t.tags for t in before[k + 1:]):
        return False  # "без" with only genitives between it and the party ("без подписи генерального")
    return not any(t.text.lower() in _DENIAL for t in tokens if t.is_word)
