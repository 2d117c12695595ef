"""A hold: the client promises to find the answer out and come back with it ("Давайте я уточню у службы закупок и
проинформирую вас", "Я с бухгалтером посчитаю и наберу вас", "Давай я у директора узнаю"). Such a reply answers
nothing yet; the question stays open into the next call, whose first client turns may bring the answer.

Grammar only (closed classes): the hortative "давайте/давай" with a first-person pronoun before a first-person future
verb, or two first-person future verbs joined by "и" whose second is turned to the listener ("…и вам перезвоню",
"…и сообщу вам") or tells ("узнаю и скажу"): a promise to act and report back. A sentence with a figure or a question is no hold."""

from __future__ import annotations

from collections.abc import Sequence

from qa_desk.analysis.detect import Sentence
from qa_desk.analysis.language import ADDRESSEE_FORMS, I_WE, LET_US
from qa_desk.analysis.lexicon import Token, word_tokens

_TELL = frozenset({"сказать", "сообщить", "ответить"})  # "...узнаю и скажу": report back (as replies._TELL)
_NEAR = 2  # words between the hortative and its pronoun, or between a verb and the listener's pronoun


def holds(sentences: Sequence[Sentence]) -> bool:
    """The client's turn opens with a promise to find out and report back (module doc), and says nothing
    of substance before it."""
    first = next((s for s in sentences if any(t.is_word for t in s.tokens)), None)
    return first is not None and not first.is_question and promises(first.tokens)


def promises(tokens: Sequence[Token]) -> bool:
    """A first-person promise to act later and report back (module doc)."""
    if any(t.is_digit or "NUMR" in t.tags for t in tokens):
        return False
    words = word_tokens(tokens)
    texts = [t.text.lower() for t in words]
    futures = [k for k, t in enumerate(words) if _own_future(t)]
    if not futures:
        return False
    for k, w in enumerate(texts):
        if w in LET_US and any(x in I_WE for x in texts[k + 1:k + 2 + _NEAR]) and any(f > k for f in futures):
            return True  # "Давайте я уточню …", "давай мы посчитаем"
    for a, b in zip(futures, futures[1:], strict=False):
        if "и" in texts[a + 1:b] and (words[b].lemma in _TELL or any(
                x in ADDRESSEE_FORMS for x in texts[max(a + 1, b - _NEAR):b + 1 + _NEAR])):
            return True  # "…узнаю и вам перезвоню", "посчитаю и наберу вас"
    return False


def _own_future(t: Token) -> bool:
    return t.pos == "VERB" and {"1per", "futr"} <= t.tags and "perf" in t.tags
