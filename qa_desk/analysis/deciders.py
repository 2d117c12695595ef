"""The answer to "who decides" in a reply: the best-supported person over all its sentences.

Each sentence offers at most one candidate: a role and/or a name (person.py), an animate noun or an
organisational level ("руководство", "холдинг"), or the speaker ("я решаю", "решение принимаю я").
Candidates are ranked: a name counts more than a role, and one next to a deciding verb more than one
without ("Техзадание готовлю я, потом оно идёт на комиссию. Утверждает главный врач, Виктор Павлович"
→ Виктор Павлович). The speaker is named by the call (``client_name``): the name the client gives or
the manager calls them by.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from qa_desk.analysis.antecedent import agrees, antecedent, deciding_pronoun
from qa_desk.analysis.decider_claims import (
    agrees_with,
    body_said,
    collective_in_full,
    collective_of,
    complemented,
    dative_self,
    denies_self,
    elliptic_person,
    elliptic_self,
    final_say,
    own_sentence_antecedent,
    plan_made,
    said_of_self,
    states_decision,
)
from qa_desk.analysis.decider_rank import approver_over_chooser, contrast_after_sign, speakers_verb, stays_out
from qa_desk.analysis.language import CONTRAST, Language
from qa_desk.analysis.lexicon import Token
from qa_desk.analysis.names import (
    is_patronymic,
    names_at,
)
from qa_desk.analysis.person import (
    ADVISORY_VERBS,
    COLLECTIVES,
    DECIDE_VERBS,
    SIGN_VERBS,
    decider_scored,
    people_in,
    vocative,
)
from qa_desk.analysis.person_self import own_role
from qa_desk.analysis.replaced import former

SELF = "я"  # the value text of a reply in which the speaker decides (before the call names them)
_SELF_SCORE = 3.0  # "я решаю": as sure as a role next to a deciding verb, or a named role (which wins a tie)
_SIGNER_SCORE = 2.4  # "я подпись ставлю": the speaker who only signs, below a name said in the same reply
_NEAR = 2  # words between the speaker's "я" and the deciding verb
_THIRD = frozenset({"он", "она", "они", "всё", "все"})
_ON_ME = frozenset({("на", "мне"), ("через", "меня"), ("за", "мной")})  # the speaker is in charge


@dataclass(frozen=True, slots=True)
class Candidate:
    text: str
    score: float
    sentence: int
    speaker: bool = False  # the one who speaks decides
    states: bool = True  # its sentence says who decides (a deciding word), or is only the person ("Сама.")


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
        if tok.lemma == "собака" and any(t.lemma == "точка" for t in tokens[i + 1:]):
            continue  # "магистраль собака казань точка ру": an e-mail address dictated, "@" said as «собака»
        if _addressee(tokens, i):
            continue  # "Я собственнику говорил про трекеры": the one told, not who decides
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
        if former(tokens, start, end):
            continue  # "решал бывший директор, он уже давно уволился"
        return " ".join(t.text for t in tokens[start:end])
    return None


def _addressee(tokens: Sequence[Token], i: int) -> bool:
    """A bare dative or accusative in a sentence with no deciding word: the one spoken or shown to ("собственнику
    говорил"), the object ("он всех продавцов через меня пропускает"), not "это к генеральному"."""
    return not {"datv", "accs"}.isdisjoint(tokens[i].tags) and "nomn" not in tokens[i].tags and not (
        i and tokens[i - 1].pos == "PREP") and all(t.lemmas.isdisjoint(DECIDE_VERBS) for t in tokens)


_ALREADY = frozenset({"уже", "уж"})


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
        if pair in _ON_ME and not (i > 1 and words[i - 2].text.lower() == "не") and not any(
                w.text.lower() in ("он", "она", "они") for w in words):  # not "он всех продавцов через меня пропускает"
            return "я"  # "проект официально на мне", "всё через меня решается" (not "не на мне")
    made = any("past" in t.tags and not t.lemmas.isdisjoint(DECIDE_VERBS) for t in words) and any(
        _after_deal(words, k) for k in range(1, len(words)) if "ablt" in words[k].tags)  # "мы уже подписали с другими"
    made = made or any(t.text.lower() in _ALREADY and k + 1 < len(words) and {"past", "perf"} <= words[k + 1].tags
                       and not words[k + 1].lemmas.isdisjoint(DECIDE_VERBS) for k, t in enumerate(words))
    # "мы уж решили": the mind made up, an outcome, not who decides
    verbs = [i for i, t in enumerate(words) if not t.lemmas.isdisjoint(DECIDE_VERBS) and not (made and "past" in t.tags)
             and not plan_made(words, i) and not _denied(words, i)]  # "в этом году я так решил…": a plan; "решать не буду"
    for i, t in enumerate(words):
        if t.lemma == "мой" and any(abs(i - v) <= 1 and words[v].pos == "NOUN" for v in verbs) and not (
                i and words[i - 1].text.lower() in ("не", "ни")):
            return "я"  # "последнее слово моё", "решение моё"
        if t.lemmas.isdisjoint(lang.person_self) or not ("nomn" in t.tags or t.pos != "NPRO"):
            continue
        before = {w.text.lower() for w in words[max(0, i - 2):i]}
        if before & {"не", "ни"}:
            continue  # "подписываю не я"
        if t.text.lower().startswith("сам") and before & _THIRD:
            continue  # "он всё сам решает": someone else
        if _own_other_verb(words, i):
            continue  # "Операционный директор согласовывает, я только готовлю": the speaker's own verb is another
        if any(abs(i - v) <= _NEAR and agrees_with(t, words[v], words[min(i, v):max(i, v) + 1]) for v in verbs):
            return t.text  # not "Он решает, я так, на подхвате", "он каждую копейку сам визирует": another's verb
        if t.text.lower() in ("я", "мы") and i + 1 < len(words) and words[i + 1].lemma == "сам" and not any(
                w.pos in ("VERB", "INFN") and w.lemmas.isdisjoint(lang.person_decide) for w in words):
            return t.text  # "До тридцатника в месяц я сам, это операционка": the deciding verb left out
        if not strict and not any(w.pos in ("VERB", "INFN") and w.lemmas.isdisjoint(lang.person_decide) for w in words):
            return t.text  # "мы сами", "я" (not "я вам перезвоню")
    return None


def _denied(words: Sequence[Token], i: int) -> bool:
    """The deciding verb at ``words[i]`` is denied ("Сейчас я ничего решать не буду", "я не решаю"): a refusal to
    decide now or a disclaimer, no claim that the speaker decides. A "не" opening the sentence may be a "no" set
    off by a comma the tokens do not keep ("Не, решаю тут я"): not read as a denial."""
    return i > 1 and words[i - 1].text.lower() == "не" or words[i].pos == "INFN" and "не" in (
        w.text.lower() for w in words[i + 1:i + 3])  # "решать ничего не буду"; not "Не, решаю тут я" (a "no" first)


_ONLY = frozenset({"только", "лишь", "просто"})


def _chooses_not_signs(head_verbs: Sequence[Token], tail: Sequence[Token]) -> bool:
    """The clause before a contrast only signs and the clause after chooses ("подписывает главбух, но выбирает он")."""
    return all(not t.lemmas.isdisjoint(SIGN_VERBS) for t in head_verbs) and any(
        not t.lemmas.isdisjoint(DECIDE_VERBS - ADVISORY_VERBS - SIGN_VERBS) for t in tail)


def _own_other_verb(words: Sequence[Token], i: int) -> bool:
    """The speaker's "я" only prepares ("я только готовлю", "я просто смотрю", "я готовлю"): the deciding
    verb nearby is someone else's (not "я занимаюсь", "я решаю")."""
    for w in words[i + 1:i + 1 + _NEAR]:
        if w.pos == "NOUN" and w.animate and "nomn" in w.tags and any(
                speakers_verb(v) is False and v.pos == "VERB" for v in words[i + 2:i + 2 + _NEAR]):
            return False  # "Выбираю я, директор только подписывает": another subject's "только"
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
    decides = [t for t in head if not t.lemmas.isdisjoint(DECIDE_VERBS - ADVISORY_VERBS)]
    if decides and not (_chooses_not_signs(decides, tail) and all(t.lemmas.isdisjoint(lang.person_self) for t in tail)):
        return None  # "решает директор, а я только готовлю": the head decides; "директор подписывает, а выбираем мы
        # с инженером": the one who signs (not "подписывает главбух по доверенности, но выбирает он")
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
    if found is None and deciding_pronoun(tail, plural=True) is not None:
        return tail  # "…выносит вопрос, а голосуют они": whom the pronoun stands for decides
    return tail if found is not None and found[1] >= _SELF_SCORE else None


_MEMBERS = frozenset({"председатель", "член", "секретарь"})  # of a collective: "совет, там председатель …"


def best_person(sentences: Sequence[Sequence[Token]], lang: Language) -> Candidate | None:
    """The best-ranked decider over a reply's sentences (ties: the earlier sentence). A member named
    after the collective they sit in ("Тендерная комиссия. Председатель — заместитель директора по
    закупкам, Бородин.") is shown with it: the collective decides."""
    best = _best_person(sentences, lang)
    if best is not None and not best.speaker and (full := collective_of(best.text, sentences)):
        best = Candidate(full, best.score, best.sentence)  # "У нас три учредителя, … идёт на совет учредителей."
    if best is not None and not best.speaker and (full := collective_in_full(best.text, sentences, best.sentence)):
        best = Candidate(full, best.score, best.sentence)  # "…через инвестиционный комитет холдинга. … решает комитет."
    if best is not None and not best.speaker and len(best.text.split()) == 1 and (
            full := _in_full(best.text, sentences[best.sentence + 1:])) is not None:
        return Candidate(full, best.score, best.sentence)  # "Тимур всё и решает… Тимур Рашидович Галиев, запишите."
    if best is None or best.speaker or best.text.split()[0].lower() not in _MEMBERS:
        return best
    for tokens in sentences[:best.sentence + 1]:
        found = decider_scored(tokens)
        body = found[0] if found is not None else fallback_person(tokens, lang)
        if body is None or body.split()[-1].lower() not in COLLECTIVES:
            body = body_said(tokens)  # "…решает тендерная комиссия, там пять человек, председатель — …"
        if body is not None and body.split()[-1].lower() in COLLECTIVES and body.split()[0].lower() not in _MEMBERS:
            return Candidate(f"{body}, {best.text}", best.score, best.sentence)
    return best


def _in_full(name: str, later: Sequence[Sequence[Token]]) -> str | None:
    """The first name ``name`` said again in a later sentence with its patronymic: the two words, else None."""
    for tokens in later:
        for k, t in enumerate(tokens[:-1]):
            if t.text.lower() == name.lower() and is_patronymic(tokens[k + 1]) and tokens[k + 1].text[:1].isupper():
                return f"{t.text} {tokens[k + 1].text}"
    return None


def _best_person(sentences: Sequence[Sequence[Token]], lang: Language) -> Candidate | None:
    best: Candidate | None = None
    earlier: list[tuple[str, float]] = []  # the people of the sentences before, nearest first
    denied = any(denies_self(s) for s in sentences)  # "Не я, точно. Я счета согласовываю только в рамках статьи."
    for k, whole in enumerate(sentences):
        found: Candidate | None = None
        tail = contrast_tail(whole, lang)
        tokens = whole if tail is None else tail
        if tail is not None and (found := _pronoun_candidate(tail, earlier, k)) is None and deciding_pronoun(
                tail, plural=True) is not None and decider_scored(tail) is None:
            tail, tokens = None, whole  # "…, а голосуют они" with no one before it to stand for
        if best is not None and _members_listed(whole, best, lang):
            continue  # "У нас бюджетный комитет. Финансовый директор, я, главный инженер и генеральный.": its members
        role = own_role(tokens)
        speaks = speaker_decides(tokens, lang, strict=True) is not None or tail is not None and any(
            t.text.lower() == "я" for t in tail) and decider_scored(tail) is None or elliptic_self(tokens) or dative_self(
            tokens)  # "Сама.", "Центр мой, мне и решать."
        if speaks and role is None:
            role = own_role(tokens, top=False)  # "Я и главврач, и владелица, подписываю тоже я"
            signs = _signs_only(tokens)  # "Ну и я подпись ставлю": below "Он, да, Игорь Витальевич"
            found = Candidate(role or SELF, _SIGNER_SCORE if signs else _SELF_SCORE, k, True)
        elif speaks or role is not None:
            found = Candidate(role or SELF, _SELF_SCORE, k, True)  # "я решаю", "Сам, я директор и хозяин"
        scored = decider_scored(tokens)
        if scored is not None and found is not None and found.speaker and said_of_self(tokens, scored[0]):
            found, scored = Candidate(complemented(tokens, scored[0]), found.score, k, True), None
            # "Я решаю, я управляющий партнёр.", "Я сам решаю, я начальник участка." (not "начальник" cut)
        if scored is not None and (found is None or scored[1] >= found.score) and not (
                role is not None and set(scored[0].lower().split()) <= set(role.lower().split())):  # the speaker's own
            # role, or a word of it ("Я решаю, я управляющий партнёр": not "управляющий", someone else)
            found = Candidate(scored[0], scored[1], k)
        if (final := _final_say(tokens, lang, k)) is not None and (found is None or final.score > found.score):
            found = final  # "…идёт через комиссию… Но по факту — как финансовый директор скажет, так и будет."
        if (found is None or not found.speaker and found.score < _NAMED_DECIDER) and (
                same := own_sentence_antecedent(tokens)) is not None:
            found = Candidate(same, _NAMED + _PRONOUN_BONUS, k)  # "я отдал заму, Павлу Сергеевичу, он и подписывает"
        if found is None and (person := fallback_person(tokens, lang)) is not None:
            found = Candidate(person, 1.0, k)
        if found is not None and not found.speaker:  # "Муж на подхвате, привозит": named in passing
            found = Candidate(found.text, found.score, k, states=states_decision(tokens) or elliptic_person(
                tokens, found.text))
        if found is None and (resolved := _pronoun_candidate(tokens, earlier, k)) is not None:
            found = resolved  # "Тимур Ильдарович. Он и выбирает."
        if denied and found is not None and found.speaker:
            found = None
        elif found is not None and not found.speaker and stays_out(tokens, found.text):
            found = Candidate(SELF, 1.0, k, True, states=False)  # "Муж в это не лезет": not him, so the speaker
        earlier[:0] = _people_before(whole, found)
        if found is not None and best is not None and best.speaker and best.text == SELF and found.speaker:
            best = Candidate(found.text, best.score, best.sentence, True)  # "Подписываю я, я генеральный"
            continue
        if best is not None and not best.states and (pronoun := deciding_pronoun(tokens)) is not None and agrees(
                pronoun, best.text):
            best = Candidate(best.text, best.score, best.sentence)  # "…муж, Сергей Андреевич. Он и подпишет, хотя…"
        if found is not None and (best is None or _outranks(found, best) and not _chooser_over_signer(best, found, sentences)
                                  and not (best.speaker and approver_over_chooser(sentences[best.sentence], whole))):
            best = found
    return best


def _chooser_over_signer(best: Candidate, found: Candidate, sentences: Sequence[Sequence[Token]]) -> bool:
    """The speaker who decides ("По расходке я решаю сама") stands against another who only signs ("Рустам
    Ильдарович счёт подписывает, да, но он в перчатки не лезет": a signer said to stay out of it)."""
    tokens = [t.text.lower() for t in sentences[found.sentence] if t.is_word]
    but = next((i for i, w in enumerate(tokens) if w in CONTRAST), None)
    return best.speaker and not found.speaker and best.score >= _SELF_SCORE and _signs_only(
        sentences[found.sentence]) and but is not None and "не" in tokens[but:] and contrast_after_sign(
        sentences[found.sentence])  # not «А деньги подписывает Ирина Валерьевна, без её визы … не пройдёт»


_FINAL = 2.5  # the one whose word settles it («как X скажет, так и будет»): above a deciding verb beside X


def _final_say(tokens: Sequence[Token], lang: Language, k: int) -> Candidate | None:
    """The subject of a correlative «как X скажет, так и будет» (decider_claims.final_say) as a candidate: a person
    (a role, a name, an animate noun) or the speaker («как я скажу, так и будет»)."""
    clause = final_say(tokens)
    if clause is None:
        return None
    if any(t.text.lower() == "я" for t in clause):
        return Candidate(SELF, _SELF_SCORE + 0.5, k, True)
    scored = decider_scored(clause)
    if scored is not None:
        return Candidate(scored[0], scored[1] + _FINAL, k)
    person = fallback_person(clause, lang)
    return None if person is None else Candidate(person, 1.0 + _FINAL, k)


def _outranks(found: Candidate, best: Candidate) -> bool:
    """A later candidate replaces the best so far: a higher score (a tie: another person over the speaker), except
    that between the speaker and another the one whose sentence says who decides wins ("Решаю я. Бухгалтер Оксана
    только платёжки проводит."; "Методист у меня есть, Катя, но … мне и решать.")."""
    if found.speaker != best.speaker and found.states != best.states:
        return found.states
    return found.score > best.score or found.score == best.score and best.speaker and not found.speaker


_NAMED = 2.5  # a person named in passing, as decider_scored counts a name
_NAMED_DECIDER = 4.5  # a name next to a deciding verb


def _people_before(tokens: Sequence[Token], found: Candidate | None) -> list[tuple[str, float]]:
    """The people of a sentence a later pronoun may stand for, the last said first (the sentence's decider with
    its score)."""
    people = [(p.text, _NAMED if p.named else 1.0) for p in reversed(people_in(tokens))]
    if found is None or found.speaker:
        return people
    return [(found.text, found.score)] + [p for p in people if p[0] != found.text]


_PRONOUN_BONUS = 2.0  # the one a deciding pronoun stands for, as if named beside the verb


def _pronoun_candidate(tokens: Sequence[Token], earlier: Sequence[tuple[str, float]], k: int) -> Candidate | None:
    """The person named before whom a deciding "он"/"она"/"они" stands for ("…но выбирает он")."""
    if decider_scored(tokens) is not None or (pronoun := deciding_pronoun(tokens, plural=True)) is None:
        return None
    found = antecedent(pronoun, earlier)
    return None if found is None else Candidate(found[0], found[1] + _PRONOUN_BONUS, k)


def _signs_only(tokens: Sequence[Token]) -> bool:
    """The sentence's deciding words only sign ("я подпись ставлю", "я всё подписываю")."""
    verbs = [t for t in tokens if not t.lemmas.isdisjoint(DECIDE_VERBS)]
    return bool(verbs) and all(not t.lemmas.isdisjoint(SIGN_VERBS) for t in verbs)


def _members_listed(tokens: Sequence[Token], best: Candidate, lang: Language) -> bool:
    """A sentence that only lists people right after a collective was named ("Финансовый директор, я, главный
    инженер и генеральный, Рудольф Германович."): the collective's members, not its decider."""
    if best.speaker or best.text.split()[-1].lower() not in COLLECTIVES:
        return False
    people = people_in(tokens)
    inside = {k for p in people for k in range(p.start, p.end)}
    rest = [t for k, t in enumerate(tokens) if k not in inside and t.is_content and t.lemmas.isdisjoint(lang.person_self)]
    listed = len(people) + sum(1 for t in tokens if not t.lemmas.isdisjoint(lang.person_self))
    return listed >= 2 and not rest and any(t.text.lower() == "и" for t in tokens)  # not "Председатель — Олег Юрьевич"
