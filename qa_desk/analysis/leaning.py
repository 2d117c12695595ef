"""A question with no topic word, whose topic the client's reply decides (round 18, eng18j; H24 MISSES #3).

«А с этим как у вас?», «Ну а тут что?», «А у вас там как?»: a grammatical question whose matter is only a pronoun or
an adverb of place, pointing back at what was just said. Its words name no topic, so no rule and no classifier can
read one; the client shows which topic he heard by answering it: a sum of money (the budget), a date ahead (the
timing), who decides (the authority), a trouble told (the need). ``topicless`` finds such a question;
confirmed.py then lets the pair decide (``confirmed.put`` takes it as put to the client, ``confirmed._read_pair`` reads
the reply without asking the line for its own topic word). A reply of no substance («Да нормально всё.», «Хорошо,
спасибо.») decides nothing, so the question stays unasked.

Grammar only: the parts of speech of the line (no noun, adjective, numeral or full verb: only pronouns, particles,
prepositions, conjunctions, «как»/«что» and a verb of being) and the shape of its matter: «с» + an instrumental pronoun
(«с этим», «с ним»), «у вас», or an adverb of place («тут», «там», «здесь»).

Its kin, ``points_back``: a question whose subject is «это», put right after our own figure («Тогда восемь фиксов — это
сто семьдесят шесть в месяц. Это у тебя вообще в рамки влезает или я сразу мимо»): «это» stands for the figure, so
the pair is read with the sentence that says it; a sum of his own in the reply then shows he heard a budget question.
"""

from __future__ import annotations

from collections.abc import Sequence

from qa_desk.analysis.figure_finding import said_figures
from qa_desk.analysis.language import LEAD_INS
from qa_desk.analysis.lexicon import Token
from qa_desk.analysis.sentence import Sentence

_ASKS = frozenset({"как", "что"})  # the question words of a topicless question: «как с этим», «что тут»
_CONTENT = frozenset({"NOUN", "ADJF", "ADJS", "COMP", "NUMR", "INFN", "PRTF", "PRTS", "GRND"})
_BEING = frozenset({"быть", "обстоять"})  # «как с этим обстоит», «что у вас было»: a verb of being only
_PLACE = frozenset({"тут", "там", "здесь"})
_OWNER = frozenset({"вас", "тебя"})  # «у вас»


def _matter(words: Sequence[Token]) -> bool:
    """The line points at a matter without naming it: «с этим», «у вас», «тут»."""
    low = [t.text.lower() for t in words]
    for k, w in enumerate(low):
        if w in _PLACE:
            return True
        if k + 1 < len(low) and (w in ("с", "со") and words[k + 1].pos == "NPRO" and "ablt" in words[k + 1].tags
                                 or w == "у" and low[k + 1] in _OWNER):
            return True
    return False


def topicless(s: Sentence) -> bool:
    """``s`` is a question whose words name no topic: «как»/«что», a matter pointed at (``_matter``), and no content
    word besides («А с этим как у вас?», «Ну а тут что?»)."""
    words = [t for t in s.tokens if t.is_word]
    if not s.is_question or not words or not any(t.text.lower() in _ASKS for t in words):
        return False
    if any(t.pos in _CONTENT or t.pos == "VERB" and t.lemma not in _BEING for t in words):
        return False
    return _matter(words)


_THIS = frozenset({"это", "такое", "так"})  # the demonstrative subject that points back at what was just said


def points_back(sentences: Sequence[Sentence], k: int) -> int:
    """1 when sentence ``k`` (put to the client: confirmed.put) opens (after «а», «ну», «так») with «это» and the one before it
    states a figure, not a count (ours: «это сто семьдесят шесть в месяц», figure_finding.said_figures), so «это» stands for that figure; else 0."""
    if not 0 < k < len(sentences) or sentences[k - 1].is_question:
        return 0
    words = [t for t in sentences[k].tokens if t.is_word]
    rest = words[next((i for i, t in enumerate(words) if t.text.lower() not in LEAD_INS), len(words)):]
    return int(bool(rest) and rest[0].text.lower() in _THIS and bool(said_figures(sentences[k - 1].tokens)))


def priced(question: Sentence) -> bool:
    """The pair's line (sentences read together by confirmed.py) is our figure and then the «это» question about it
    (``points_back``): the line names money as much as «бюджет» would."""
    tokens = question.tokens
    for k, t in enumerate(tokens):
        if t.text in (".", "!", "…") and k + 1 < len(tokens):
            words = [x for x in tokens[k + 1:] if x.is_word]
            rest = words[next((i for i, x in enumerate(words) if x.text.lower() not in LEAD_INS), len(words)):]
            if rest and rest[0].text.lower() in _THIS and said_figures(tokens[:k]):
                return True
    return False
