"""The question after a lead-in of the speaker's own (round 18, eng18j; H24 MISSES #3 «spoken words / a lead-in»).

A manager often announces his question before he puts it: «И уточню по стартовой дате: ближайшая фура у вас когда
выходит из Италии…», «Я почему спрашиваю — новый зал у вас когда открывается?», «Спрошу по началу: первая смена
когда выходит?». Read whole, the lead-in's first-person verb («уточню», «спрошу», «спрашиваю») makes the question look
like the speaker's own errand («Когда мне уточнить?», occasion.py) or drowns its words; the question is the part after
the lead-in. ``question_part`` keeps that part, with the matter the lead-in names («по стартовой дате»).

A lead-in is the words before the sentence's first colon or dash: the speaker's own act or view (a first-person
singular verb or «я»), no subordinate clause («чтобы понимать, с кем говорю:»), no verb put to the listener, no question of its own put to him, a few words only; the part
after it must ask by itself (a question word, «ли», an alternative: ``form.is_question``). A lead-in before a
statement («Я почему спрашиваю — у нас бывают задержки») leaves the sentence as it is. Grammar only: person and
number of the verb, the punctuation of the spoken pause.
"""

from __future__ import annotations

import re

from qa_desk.analysis.form import is_question
from qa_desk.analysis.language import ADDRESSEE, CONDITIONALS, Language
from qa_desk.analysis.lexicon import Lexicon, Token
from qa_desk.analysis.sentence import Sentence

_PAUSE = re.compile(r"\s*:\s*|\s+[—–-]\s+")  # the lead-in's pause: a colon or a dash between spaces
_LEAD_WORDS = 6  # words of a lead-in at most («Я вот что хочу уточнить», «И уточню по стартовой дате»)
_MATTER = frozenset({"по", "насчёт", "насчет", "про"})  # the lead-in names the question's matter: «по деньгам», «про сроки»
# a subordinate clause is no lead-in («Просто чтобы понимать, с кем говорю: …» is a purpose, framing.py reads it)
_SUBORDINATE = CONDITIONALS | {"чтобы", "чтоб", "когда", "пока", "раз", "потому", "поскольку", "если"}


def _speaker_frame(words: list[Token]) -> bool:
    """The words are the speaker's own act or view: «я» or a first-person singular verb, and nothing put to the listener
    (no second-person verb, no «вы» as a subject, no question word of the listener's own: «я к чему» is the speaker's)."""
    mine = any(t.text.lower() == "я" or t.pos == "VERB" and "1per" in t.tags and "sing" in t.tags for t in words)
    to_you = any(t.text.lower() in ADDRESSEE or t.pos == "VERB" and "2per" in t.tags for t in words)
    bound = any(t.text.lower() in _SUBORDINATE for t in words)
    return mine and not to_you and not bound and 0 < len(words) <= _LEAD_WORDS


def question_part(s: Sentence, lexicon: Lexicon, lang: Language) -> Sentence | None:
    """``s`` (a question sentence) without the speaker's lead-in before its first colon or dash, keeping the matter
    the lead-in names («по стартовой дате: …»), when the part after asks by itself; None otherwise."""
    if not s.is_question:
        return None
    m = _PAUSE.search(s.text)
    if m is None:
        return None
    head, tail = s.text[:m.start()], s.text[m.end():].strip()
    head_words = [t for t in lexicon.tokens(head) if t.is_word]
    if not tail or not _speaker_frame(head_words):
        return None
    tail_tokens = tuple(lexicon.tokens(tail))
    lemmas = frozenset().union(*(t.lemmas for t in tail_tokens))
    if not is_question(tail_tokens, lemmas, lang, tail, False):
        return None  # «Я почему спрашиваю — у нас бывают задержки»: a statement after the lead-in
    at = next((k for k, t in enumerate(head_words) if t.text.lower() in _MATTER), None)
    matter = " ".join(t.text for t in head_words[at:]) if at is not None else ""
    text = f"{matter[:1].upper()}{matter[1:]}: {tail}" if matter else f"{tail[:1].upper()}{tail[1:]}"
    tokens = tuple(lexicon.tokens(text))
    return Sentence(text, tokens, frozenset().union(*(t.lemmas for t in tokens)), True, s.is_evasive)
