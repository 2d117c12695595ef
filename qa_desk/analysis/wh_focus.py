"""What a wh-question's word asks (round 18): the question word, what it governs and its verb decide the topic, not
the product or the verb of wanting the sentence also names.

- A sibling of a topic: «с какого момента хотите запускаться?», «к какому числу», «когда» ask a time; «как давно»,
  «как долго», «сколько лет», «на какой срок», «сколько ещё протянет» a length; «сколько точек», «какой объём» a count;
  «где вы стоите», «куда ставить», «откуда возите» the client's own place (not «где у вас теряется время»); «кто»,
  «с кем» a person. Such a question, when its word opens the question (no «ли»/«или» before it), asks no need:
  «хотите» there wants the time, not the thing; unless its clause is negated («где у вас не справляются?») or names the
  trouble («где больше всего проблем?»). A count, length or place asks no budget either where the sentence names no
  money but «в сумме» (in all): «В сумме сколько человек получится?».
- A why-question asks the need: «зачем вам…», «почему решили…», «с чего вдруг», «откуда возникла идея», «что вас
  подтолкнуло», «по какой причине», «с какой целью»; the options it offers («это запрос сотрудников, или руководство
  хочет?») ask no decider and no time that the rules or the classifier only doubted.
A question word is no question's when it is ours («я почему звоню», «сколько я помню»), negative («ни с чего»), opens
a relative clause («места, где у вас тонко») or a statement's complement («вы ищете, где подешевле»). Closed classes
only (question words, prepositions, verbs of arising, prompting and lasting); the time nouns are contract.py's, the
money words figures.py's and the language's, the need's sure cues its question's."""

from __future__ import annotations

import re
from collections.abc import Sequence

from qa_desk.analysis.contract import _TIME_NOUNS as TIME_NOUNS
from qa_desk.analysis.figures import MONEY_NOUNS
from qa_desk.analysis.language import ADDRESSEE_FORMS, Language
from qa_desk.analysis.lexicon import Token
from qa_desk.analysis.patterns import any_cue
from qa_desk.analysis.rule_hits import sure_cue
from qa_desk.analysis.sentence import CompiledQuestion, Sentence
from qa_desk.analysis.siblings import PAY

WHY, TIME, LENGTH, COUNT, PLACE, WHO, HOW_MUCH = "why", "time", "length", "count", "place", "who", "how much"
SIBLINGS = frozenset({TIME, LENGTH, COUNT, PLACE, WHO, HOW_MUCH})  # ask no need
NO_SUM = frozenset({LENGTH, COUNT, PLACE})  # ask no budget where the sentence names no money
Found = dict[str, tuple[CompiledQuestion, float]]

_WHY_SURE = 0.9  # a why-question asks the need this surely...
_DOUBTED = frozenset({"authority", "timing", "budget"})  # ...and none of these found less surely than
_SURE_OTHER = 0.5  # detect.TOPIC_ASK
_WHY_WORDS = frozenset({"зачем", "почему", "отчего"})
_PLACE_WORDS = frozenset({"где", "куда"})
_WHO_WORDS = frozenset({"кто", "кого", "кому", "кем", "ком", "чей", "чья", "чьё", "чье", "чьи", "чьим", "чьей", "чьём"})
_HOW_MANY = frozenset({"сколько", "скольких"})
_WHICH = frozenset({"какой", "каков"})
_THING = frozenset({"что", "чем", "чего", "чём"})
_HOW_LONG = frozenset({"давно", "долго"})  # «как давно», «как долго»: a length, not a manner
_ARISE = frozenset({"возникнуть", "возникать", "появиться", "появляться", "взяться", "родиться", "прийти"})  # «откуда возникла идея»
_PROMPT = frozenset({"подтолкнуть", "подталкивать", "заставить", "заставлять", "побудить", "побуждать", "сподвигнуть",
                     "натолкнуть", "толкнуть"})  # «что вас подтолкнуло»
_REASON = frozenset({"причина", "цель", "повод"})  # «по какой причине», «с какой целью»
_LAST = frozenset({"протянуть", "прожить", "прослужить", "продержаться", "простоять", "длиться", "продлиться"})
_PERIODS = frozenset({"год", "месяц", "неделя", "день", "час"})  # «сколько лет»: a length
_EITHER = frozenset({"ли", "или", "либо"})
_SELF = frozenset({"я", "мы"})
_RELATIVE_HEADS = frozenset({"NOUN", "ADJF", "PRTF"})
_CORRELATIVES = frozenset({"там", "тогда", "туда", "оттуда", "то", "так", "столько", "тот", "такой"})
_MARK = re.compile(r"[,—–:;]|\s-\s")


def _after_mark(text: str, words: Sequence[Token]) -> list[bool]:
    """Per word, whether a mark («,», a dash, «:») stands between it and the word before (the tokens keep no commas)."""
    out, at = [], 0
    for w in words:
        k = text.find(w.text, at)
        if k < 0:
            out.append(False)
            continue
        out.append(bool(_MARK.search(text[at:k])))
        at = k + len(w.text)
    return out


def _clause(words: Sequence[Token], marks: Sequence[bool], k: int) -> tuple[int, int]:
    """The span of the clause (between marks) around the word at ``k``."""
    start = next((j for j in range(k, 0, -1) if marks[j]), 0)
    end = next((j for j in range(k + 1, len(words)) if marks[j]), len(words))
    return start, end


def _finite(w: Token) -> bool:
    return w.pos == "VERB" and "impr" not in w.tags


def _nobody_asks(words: Sequence[Token], marks: Sequence[bool], k: int) -> bool:
    """The word at ``k`` asks the client nothing: ours («я почему звоню», «сколько я помню»), negative («ни с чего»),
    a relative clause's («места, где у вас тонко», «то, что нужно») or a statement's complement («ищете, где подешевле»,
    «неделю искали, почему обмена нет»)."""
    near = words[max(0, k - 2):k + 3]
    if any(w.text.lower() in _SELF or "1per" in w.tags and w.pos == "VERB" for w in near):
        return True
    j = k - 1 if k and words[k - 1].pos == "PREP" else k
    if j and words[j - 1].text.lower() == "ни":
        return True
    if not j or not marks[j]:
        return False
    head = words[j - 1]
    return head.pos in _RELATIVE_HEADS or head.text.lower() in _CORRELATIVES or _finite(head)


def _noun_after(words: Sequence[Token], k: int) -> Token | None:
    """The noun the question word at ``k`` agrees with, past adjectives and particles («какой у вас объём»)."""
    for w in words[k + 1:k + 4]:
        if w.pos == "NOUN":
            return w
        if w.pos not in ("ADJF", "PRCL", "ADVB", "NPRO", "PREP"):
            return None
    return None


def _counted(words: Sequence[Token], k: int) -> Token | None:
    """The noun «сколько» counts: the nearest genitive noun after it (past a preposition's pronoun: «сколько у вас
    точек») or right before it («коровки сколько», «конденсата сколько возвращается»), not a preposition's."""
    j = k + 1
    while j < len(words) and words[j].pos in ("NPRO", "PRCL", "ADVB", "CONJ", "PREP"):
        j += 1
    if j < len(words) and words[j].pos == "NOUN" and "gent" in words[j].tags and words[j - 1].pos != "PREP":
        return words[j]
    j = k - 1
    while j >= 0 and words[j].pos in ("NPRO", "PRCL", "ADVB"):
        j -= 1
    if j >= 0 and words[j].pos == "NOUN" and "gent" in words[j].tags and not (j and words[j - 1].pos == "PREP"):
        return words[j]
    return None


def _class(words: Sequence[Token], span: tuple[int, int], k: int, quantity: frozenset[str]) -> str | None:
    """What the question word at ``k`` asks (a class above), or None: a manner, a thing («как», «что», «какой» + noun)."""
    w = words[k]
    text, prev = w.text.lower(), words[k - 1].text.lower() if k else ""
    clause = words[span[0]:span[1]]
    lemmas = frozenset().union(*(t.lemmas for t in clause))
    verbs = [t for t in clause if t.pos in ("VERB", "INFN") and t is not w]
    after = _noun_after(words, k)
    yours = any("2per" in t.tags or t.pos == "INFN" for t in verbs)  # the client's own act or place, not a thing's
    if text in _WHY_WORDS or text == "чего" and prev == "с":
        you = verbs or any(t.text.lower() in ADDRESSEE_FORMS for t in clause) or "вдруг" in lemmas
        return WHY if you else None  # «А на метане почему?»: the reason of a detail
    if text == "откуда":
        return WHY if not lemmas.isdisjoint(_ARISE) else PLACE if yours else None
    if text == "что" and not lemmas.isdisjoint(_PROMPT) or w.lemma in _WHICH and after is not None and after.lemma in _REASON:
        return WHY
    if text in _PLACE_WORDS:
        return PLACE if yours else None  # «где вы стоите», «куда ставить»; not «где у вас узкое место», «где теряется время»
    if text in _WHO_WORDS:
        return WHO
    if text == "когда":
        return TIME
    if text == "как" and k + 1 < len(words) and words[k + 1].text.lower() in _HOW_LONG:
        return LENGTH
    if w.lemma in _WHICH and after is not None and after.lemma in TIME_NOUNS:
        return LENGTH if after.lemma == "срок" and prev == "на" else TIME
    if w.lemma in _WHICH and after is not None and after.lemma in quantity:
        return COUNT
    if text in _HOW_MANY:
        noun = _counted(words, k)
        if noun is not None and noun.lemmas.isdisjoint(MONEY_NOUNS):
            return LENGTH if noun.lemma in TIME_NOUNS | _PERIODS else COUNT
        return LENGTH if noun is None and not lemmas.isdisjoint(_LAST) else HOW_MUCH
    return None


def focus(s: Sentence, quantity: frozenset[str] = frozenset()) -> tuple[tuple[str, bool], ...]:
    """(class, its clause negated) for each question word of the sentence, in order, when the first opens the question
    (no «ли», «или» before it; a why-word may come after them); () when one asks a thing («что вас не устраивает»,
    «какая задача»: the rules read it) or none asks the client; ``quantity``: the nouns that ask a count («объём»)."""
    words = [t for t in s.tokens if t.is_word]
    marks = _after_mark(s.text, words)
    out: list[tuple[str, bool]] = []
    either = False
    for k, w in enumerate(words):
        text = w.text.lower()
        either = either or text in _EITHER
        if not (text in _THING or w.lemma in _WHICH or text in _HOW_MANY or text in _WHY_WORDS | _PLACE_WORDS | _WHO_WORDS
                or text in ("откуда", "когда", "как")) or _nobody_asks(words, marks, k):
            continue
        span = _clause(words, marks, k)
        cls = _class(words, span, k, quantity)
        if cls is None:
            if text == "как":
                continue  # «как у вас с этим», «и как, вывозит один?»: a manner, no focus
            return ()
        if either and not out and cls != WHY:
            return ()  # «…видите, или пока дотягиваете, сколько проживут»: the yes/no comes first
        out.append((cls, any(t.text.lower() == "не" for t in words[span[0]:span[1]])))
    return tuple(out)


def sumless(tokens: Sequence[Token], money_heads: frozenset[str]) -> bool:
    """The sentence names no money but in «в сумме» (in all): no money noun, money head or verb of paying («в деньгах»
    names money)."""
    words = [t for t in tokens if t.is_word]
    money = MONEY_NOUNS | money_heads | PAY
    return not any(not t.lemmas.isdisjoint(money) and not (k and words[k - 1].text.lower() == "в" and t.text.lower() == "сумме")
                   for k, t in enumerate(words))


def _named(need: CompiledQuestion, lemmas: frozenset[str]) -> bool:
    """The need is named in the sentence by a sure cue or a one-word cue («проблема», «задача», «устраивать»): a sibling's
    word asks about it («где у вас больше всего проблем?»), not beside it."""
    return sure_cue(need, lemmas) or any(len(c.slots) == 1 and c.matches(lemmas) for c in need.cues)


def refocus(s: Sentence, found: Found, topic_of: dict[str, str], need: CompiledQuestion | None, lang: Language) -> Found:
    """``found`` (question id -> (question, confidence)) as the question word decides: a why-question asks the need
    and no topic the rules or the classifier only doubted (``_DOUBTED``); a sibling's question no need (unless negated
    or the need is named: «как давно вас не устраивает…», ``_named``) and, a count, length or place in a sentence
    naming no money, no budget."""
    f = focus(s, lang.quantity_words)
    classes = {cls for cls, _neg in f}
    if not f:
        return found
    if f[0][0] == WHY:
        if need is None or any_cue(need.exclude, s.lemmas) is not None and need.question.id not in found:
            return found
        out = {qid: hit for qid, hit in found.items() if topic_of.get(qid) not in _DOUBTED or hit[1] >= _SURE_OTHER}
        out[need.question.id] = (need, max(found.get(need.question.id, (need, 0.0))[1], _WHY_SURE))
        return out
    if WHY in classes:
        return found
    no_need = classes <= SIBLINGS and not any(neg for _c, neg in f) and not (need is not None and _named(need, s.lemmas))
    no_sum = classes <= NO_SUM and sumless(s.tokens, lang.money_heads)
    return {qid: hit for qid, hit in found.items()
            if not (no_need and topic_of.get(qid) == "need" or no_sum and topic_of.get(qid) == "budget")}
