"""Statements of ours that date our own act or nobody's, not the client's purchase (round 16): read from the
person of the main clause's verb and its subject, with closed classes of the language only.

- our callback: the main clause's subject is «я» / «мы» with a first-person verb ("Я наберу вас ближе к осени,
  когда будете считать сезон", "Мы вам позвоним после праздников"): the time dates our call, whatever his
  «когда будете …» in a subordinate clause says.
- nobody's act: the subject is a negative or demonstrative pronoun («никто», «ничто», «это») with a third-person
  verb ("То есть сто — это потолок, и до весны его никто менять не станет", "Возможно, в будущем, когда
  откроете второй цех, это станет актуальным"): a read-back or a remark, no time asked of him.

- others' habit: a habitual adverb («обычно», «как правило», «часто») and only third-person verbs, nothing of his
  ("Обычно заводы сейчас набирают выпускников …", "…собственный анализатор обычно окупается за полтора-два
  года"): a remark about other firms.

Only a statement (no «?», no question word or «или» / «ли» anywhere) whose main clause puts no verb or nominative pronoun of the second person; the clauses
opened by a subordinator after a comma («когда», «если», «пока», …) are left out of the main clause."""

from __future__ import annotations

from collections.abc import Sequence

from qa_desk.analysis.language import I_WE
from qa_desk.analysis.lexicon import Token

_SUBORDINATORS = frozenset({"когда", "если", "пока", "как", "чтобы", "чтоб", "раз", "хотя", "где", "куда", "что"})
_ASKING = frozenset({"или", "ли", "какой", "какая", "какое", "какие", "каком", "какому", "какого", "сколько", "кто",
                     "почему", "зачем", "разве", "неужели"})
# a frame of belief is no act of ours ("Вам это, я так понимаю, на днях надо")
_BELIEF = frozenset({"понимать", "понять", "думать", "считать", "полагать", "знать", "видеть", "помнить", "слышать",
                     "предполагать", "догадываться", "подозревать", "надеяться", "верить"})
_HABITUAL = frozenset({"обычно", "правило", "часто", "всегда", "нередко", "зачастую"})
_NOBODY = frozenset({"никто", "ничто", "это"})


def _main_clause(tokens: Sequence[Token], text: str) -> list[Token]:
    """The words outside subordinate clauses (a subordinator after a comma or dash, up to the next mark); the marks
    are read from ``text`` between the words (the tokens carry none)."""
    out: list[Token] = []
    inside, at = False, 0
    for t in tokens:
        if not t.is_word:
            continue
        found = text.find(t.text, at)
        gap = text[at:found] if found >= 0 else ""
        at = found + len(t.text) if found >= 0 else at
        opens = t.text.lower() in _SUBORDINATORS or t.lemma == "который"
        if any(mark in gap for mark in _MARKS):
            inside = opens  # a clause begins at a mark: subordinate when a subordinator opens it
        elif opens and all(x.text.lower() in _LEADS for x in out):
            inside, out = True, []  # the sentence opens with «(А) если …»: its main clause comes after the mark
        if not inside:
            out.append(t)
    return out


_LEADS = frozenset({"а", "и", "но", "ну", "вот", "тогда"})
_MARKS = (",", "—", "–", ";", ":")


def dates_no_purchase(tokens: Sequence[Token], text: str) -> bool:
    """A statement whose main clause has our callback or nobody's act as its subject and verb (see the module)."""
    if "?" in text or any(t.text.lower() in _ASKING or t.text.lower().endswith(("-то", "-нибудь")) for t in tokens):
        return False  # a question put without its «?» ("А это горит прям сейчас или спокойный проект на квартал",
        # "…у него есть какая-то дата в голове")
    main = _main_clause(tokens, text)
    if any("2per" in t.tags and (t.pos == "VERB" or "nomn" in t.tags) for t in main):
        return False
    subjects = [t for t in main if "nomn" in t.tags and t.pos == "NPRO" or t.text.lower() in _NOBODY]
    verbs = [t for t in main if t.pos == "VERB" and "indc" in t.tags]
    acts = [i for i, t in enumerate(main) if t in verbs and "1per" in t.tags and t.lemma not in _BELIEF]
    yours = [i for i, t in enumerate(main) if t.lemma in ("вы", "ты", "ваш", "твой")]
    ours = any(t.text.lower() in I_WE for t in subjects) and bool(acts) and all(
        any(abs(i - j) <= 2 for j in acts) for i in yours)  # he only as our act's object ("я вам сам перезвоню")
    nobody = any(t.text.lower() in _NOBODY for t in subjects) and not any(
        t.lemma in ("он", "она", "они") and "nomn" in t.tags for t in subjects) and bool(verbs) and all(
        "3per" in v.tags or "past" in v.tags for v in verbs)
    generic = any(t.text.lower() in _HABITUAL for t in main) and not yours and bool(verbs) and all(
        "3per" in v.tags for v in verbs)  # "Обычно заводы набирают выпускников весной": others' habit
    return ours or nobody or generic
