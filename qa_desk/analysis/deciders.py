"""The answer to "who decides" in a reply: the best-supported person over all its sentences.

Each sentence offers at most one candidate: a role and/or a name (person.py), an animate noun or an
organisational level ("руководство", "холдинг"), or the speaker ("я решаю", "решение принимаю я").
Candidates are ranked: a name counts more than a role, and one next to a deciding verb more than one
without ("Техзадание готовлю я, потом оно идёт на комиссию. Утверждает главный врач, Виктор Павлович"
→ Виктор Павлович). The speaker is named by the call (``client_name``): the name the client gives or
the manager calls them by.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from qa_desk.analysis.guess import reports_hearsay
from qa_desk.analysis.language import CONTRAST, HELLO, Language
from qa_desk.analysis.lexicon import Token
from qa_desk.analysis.names import PATRONYMIC_ENDS, leading_name, name_parse, names_at, surname_like
from qa_desk.analysis.person import ADVISORY_VERBS, COLLECTIVES, DECIDE_VERBS, decider_scored, vocative
from qa_desk.analysis.person_self import own_role, self_named

SELF = "я"  # the value text of a reply in which the speaker decides (before the call names them)
_SELF_SCORE = 3.0  # "я решаю": as sure as a role next to a deciding verb, or a named role (which wins a tie)
_NEAR = 2  # words between the speaker's "я" and the deciding verb
_THIRD = frozenset({"он", "она", "они", "всё", "все"})
_ON_ME = frozenset({("на", "мне"), ("через", "меня"), ("за", "мной")})  # the speaker is in charge


@dataclass(frozen=True, slots=True)
class Candidate:
    text: str
    score: float
    sentence: int
    speaker: bool = False  # the one who speaks decides


def fallback_person(tokens: Sequence[Token], lang: Language) -> str | None:
    """An animate noun, a role adjective alone ("генеральный") or an organisational level."""
    relays = any(not t.lemmas.isdisjoint(lang.person_relay) for t in tokens)
    if relays and all(t.lemmas.isdisjoint(DECIDE_VERBS) for t in tokens):
        return None  # "Отправляйте, секретарь передаст": one who passes the papers on, not who decides
    for i, tok in enumerate(tokens):
        if not tok.is_word or not tok.lemmas.isdisjoint(lang.person_ignore):
            continue
        if vocative(tokens, i, i + 1) or i and tokens[i - 1].text.lower() == "по" or _after_deal(tokens, i):
            continue  # "Ну, Юли, хотим…", "Кот, лежать…": addressed; "по счётчику вижу": a means, not a person
        if tok.lemma in lang.person_roles and not (i + 1 < len(tokens) and tokens[i + 1].pos == "NOUN"):
            return tok.text  # "генеральный" on its own: the general director
        animate = tok.animate and "Abbr" not in tok.tags
        if not (animate or tok.lemma in lang.person_inanimate):
            continue
        if not animate and "loct" in tok.tags and i and tokens[i - 1].text.lower() in ("в", "на"):
            continue  # "встретимся у нас в офисе": a place, not "решает головной офис"
        named = names_at(tokens, i)
        if named is not None and " " in named[0]:
            return named[0]  # "я, Ольга Викторовна, Рыбина": the whole name, not "Ольга"
        start = i
        while start > 0 and tokens[start - 1].pos in ("ADJF",) and i - start < 2:
            start -= 1
        end = i + 1
        if end < len(tokens) and tokens[end].pos == "NOUN" and "gent" in tokens[end].tags:
            end += 1
        return " ".join(t.text for t in tokens[start:end])
    return None


def _after_deal(tokens: Sequence[Token], i: int) -> bool:
    """"подписали договор с местными ребятами": the other side of a deal made (a past deciding verb), named
    after "с"."""
    if "ablt" not in tokens[i].tags or not any(t.text.lower() in ("с", "со") for t in tokens[max(0, i - 3):i]):
        return False
    verbs = [t for t in tokens if t.pos in ("VERB", "INFN") and not t.lemmas.isdisjoint(DECIDE_VERBS)]
    return bool(verbs) and all("past" in t.tags for t in verbs)


def speaker_decides(tokens: Sequence[Token], lang: Language, strict: bool) -> str | None:
    """The speaker as the decider: "я решаю", "решение принимаю я", "мы сами" (not "подписываю не я").

    ``strict``: only next to a deciding verb; otherwise also a bare "я"/"мы сами" as the subject of a
    sentence whose verbs all decide (or that has none).
    """
    if any(not t.lemmas.isdisjoint(lang.person_relay) for t in tokens):
        return None  # "отправьте мне, я передам": someone else decides
    words = [t for t in tokens if t.is_word]
    for i in range(1, len(words)):
        pair = (words[i - 1].text.lower(), words[i].text.lower())
        if pair in _ON_ME and not (i > 1 and words[i - 2].text.lower() == "не"):
            return "я"  # "проект официально на мне", "всё через меня решается" (not "не на мне")
    made = any("past" in t.tags and not t.lemmas.isdisjoint(DECIDE_VERBS) for t in words) and any(
        _after_deal(words, k) for k in range(1, len(words)) if "ablt" in words[k].tags)  # "мы уже подписали с другими"
    verbs = [i for i, t in enumerate(words) if not t.lemmas.isdisjoint(DECIDE_VERBS) and not (made and "past" in t.tags)]
    for i, t in enumerate(words):
        if t.lemmas.isdisjoint(lang.person_self) or not ("nomn" in t.tags or t.pos != "NPRO"):
            continue
        before = {w.text.lower() for w in words[max(0, i - 2):i]}
        if before & {"не", "ни"}:
            continue  # "подписываю не я"
        if t.text.lower().startswith("сам") and before & _THIRD:
            continue  # "он всё сам решает": someone else
        if _own_other_verb(words, i):
            continue  # "Операционный директор согласовывает, я только готовлю": the speaker's own verb is another
        if any(abs(i - v) <= _NEAR for v in verbs):
            return t.text
        if not strict and not any(w.pos in ("VERB", "INFN") and w.lemmas.isdisjoint(lang.person_decide) for w in words):
            return t.text  # "мы сами", "я" (not "я вам перезвоню")
    return None


_ONLY = frozenset({"только", "лишь", "просто"})


def _own_other_verb(words: Sequence[Token], i: int) -> bool:
    """The speaker's "я" only prepares ("я только готовлю", "я просто смотрю", "я готовлю"): the deciding
    verb nearby is someone else's (not "я занимаюсь", "я решаю")."""
    for w in words[i + 1:i + 1 + _NEAR]:
        if w.text.lower() in _ONLY:
            return True
        if w.pos == "VERB" and "1per" in w.tags:
            return not w.lemmas.isdisjoint(ADVISORY_VERBS - DECIDE_VERBS)
    return False


def contrast_tail(tokens: Sequence[Token], lang: Language) -> Sequence[Token] | None:
    """The clause after a contrast ("Муж только говорит, а всё покупаю я"; "Ферма моя, с братом на
    двоих, но по кормам я решаю"; "она заявки составляет, а подписывает уже председатель") when it names
    who acts and the clause before decides nothing: the contrast sets the decider against the others."""
    cut = next((k for k in range(len(tokens) - 1, 1, -1) if tokens[k].text.lower() in CONTRAST), None)
    if cut is None:
        return None
    head, tail = tokens[:cut], tokens[cut + 1:]
    if any(not t.lemmas.isdisjoint(DECIDE_VERBS - ADVISORY_VERBS) for t in head):
        return None  # "решает директор, а я только готовлю": the head decides
    if any(t.text.lower() in _ONLY | {"не", "ни"} for t in tail if t.is_word):
        return None
    if speaker_decides(tail, lang, strict=True) is not None:
        return tail
    speaker = any(t.text.lower() == "я" for t in tail) and any(
        t.pos == "VERB" and "1per" in t.tags and "sing" in t.tags for t in tail)
    others = decider_scored(head) is not None or fallback_person(head, lang) is not None
    if speaker and others:
        return tail  # "…только говорит, а всё покупаю я": the speaker set against another person
    found = decider_scored(tail)
    return tail if found is not None and found[1] >= _SELF_SCORE else None


_MEMBERS = frozenset({"председатель", "член", "секретарь"})  # of a collective: "совет, там председатель …"


def best_person(sentences: Sequence[Sequence[Token]], lang: Language) -> Candidate | None:
    """The best-ranked decider over a reply's sentences (ties: the earlier sentence). A member named
    after the collective they sit in ("Тендерная комиссия. Председатель — заместитель директора по
    закупкам, Бородин.") is shown with it: the collective decides."""
    best = _best_person(sentences, lang)
    if best is None or best.speaker or best.text.split()[0].lower() not in _MEMBERS:
        return best
    for tokens in sentences[:best.sentence + 1]:
        found = decider_scored(tokens)
        body = found[0] if found is not None else fallback_person(tokens, lang)
        if body is not None and body.split()[-1].lower() in COLLECTIVES and body.split()[0].lower() not in _MEMBERS:
            return Candidate(f"{body}, {best.text}", best.score, best.sentence)
    return best


def _best_person(sentences: Sequence[Sequence[Token]], lang: Language) -> Candidate | None:
    best: Candidate | None = None
    for k, whole in enumerate(sentences):
        found: Candidate | None = None
        tail = contrast_tail(whole, lang)
        tokens = whole if tail is None else tail
        role = own_role(tokens)
        speaks = speaker_decides(tokens, lang, strict=True) is not None or tail is not None and any(
            t.text.lower() == "я" for t in tail) and decider_scored(tail) is None
        if speaks and role is None:
            role = own_role(tokens, top=False)  # "Я и главврач, и владелица, подписываю тоже я"
        if speaks or role is not None:
            found = Candidate(role or SELF, _SELF_SCORE, k, True)  # "я решаю", "Сам, я директор и хозяин"
        scored = decider_scored(tokens)
        if scored is not None and (found is None or scored[1] >= found.score) and not (
                role is not None and scored[0].lower() == role.lower()):  # the role is the speaker's own
            found = Candidate(scored[0], scored[1], k)
        if found is None and (person := fallback_person(tokens, lang)) is not None:
            found = Candidate(person, 1.0, k)
        if found is not None and best is not None and best.speaker and best.text == SELF and found.speaker:
            best = Candidate(found.text, best.score, best.sentence, True)  # "Подписываю я, я генеральный"
            continue
        if found is not None and (best is None or found.score > best.score
                                  or found.score == best.score and best.speaker and not found.speaker):
            best = found
    return best


def client_name(client: Sequence[Sequence[Token]], manager: Sequence[Sequence[Token]]) -> str | None:
    """The client's name in a call: how they introduce themselves ("Директор, Лариса Петровна",
    "белоусов слушаю") or the name the manager opens a sentence with ("Константин, а почему…")."""
    names: Counter[str] = Counter()
    surnames: list[str] = []
    for tokens in client:
        for name, weight in self_named(tokens):
            names[name] += weight
            if " " not in name and lone_surname(name):
                surnames.append(name)
    for tokens in manager:
        opening = leading_name(tokens)
        if opening is not None and not _own_intro(tokens, opening) and not reports_hearsay(tokens):
            names[opening] += 2 if addressed(tokens, opening) else 1  # not "Кристина вам передавала?": spoken of
        elif tokens and tokens[-1].text == "?":  # "Я с Николаем Семёновичем говорю?": the one asked for
            words = [t for t in tokens if t.is_word]
            asked = next((n for i in range(len(words)) if (n := names_at(words, i)) is not None and " " in n[0]), None)
            if asked is not None:
                names[asked[0]] += 1
    if not names:
        return None
    best = names.most_common(1)[0][0]
    if len(best.split()) == 2 and surnames and surnames[0] not in best.split() and best.split()[1].lower().endswith(
            PATRONYMIC_ENDS):
        return f"{surnames[0]} {best}"  # "Директор слушает. Хайруллин." — "Ильдар Маратович, да?": one person
    return best


_COMPANY_WORDS = frozenset({"компания", "фирма", "агентство", "завод", "группа"})


def _own_intro(tokens: Sequence[Token], name: str) -> bool:
    """The manager's name and company ("Артём, «КадрПро»", "Денис, компания …"): an introduction, not the
    client addressed ("Сергей Петрович, доброе утро", "Константин, а почему…")."""
    words = [t for t in tokens if t.is_word]
    first = name.split()[0].lower()
    k = next((i + len(name.split()) for i, t in enumerate(words) if t.text.lower() == first), None)
    if k is None or k >= len(words):
        return False
    nxt = words[k]
    if nxt.lemma in _COMPANY_WORDS:
        return True
    return nxt.text[:1].isupper() and nxt.text.lower() not in HELLO and {"Name", "Surn", "Patr"}.isdisjoint(nxt.tags)


def addressed(tokens: Sequence[Token], name: str) -> bool:
    """The name opening a sentence is the one spoken to: a comma, a greeting or the end after it ("Елена
    Сергеевна, доброе утро", "Константин, а почему…"), not a verb ("Кристина вам передавала?")."""
    last = name.split()[-1].lower()
    k = next((i for i, t in enumerate(tokens) if t.text.lower() == last), None)
    if k is None or k + 1 >= len(tokens):
        return True
    nxt = tokens[k + 1]
    return not nxt.is_word or nxt.text.lower() in HELLO


def lone_surname(word: str) -> bool:
    """A surname said alone ("Хайруллин"), not a first name."""
    return not name_parse(word.lower()) and surname_like(word.lower())
