"""A question inside a long manager turn: the clause that asks, without the frame around it (round 14).

Experienced managers ask inside a long turn: a story, then a half-sentence question, an embedded «интересно,
…», a guess for the client to correct, then more talk. Read whole, the frame's words drown the question's
(«Уточню сразу то, что инженеры спросят: земля под заправкой ваша, или участок в аренде, потому что от этого…»).
``question_core`` cuts a question sentence into clauses, at commas, colons, semicolons and dashes and before a
subordinating conjunction (Whisper keeps most commas but no colon or dash, and often no «?»), and keeps the
clause that asks:
- the clause with a question word or «ли» (else the first clause put to the client, in the second person),
  with the verbless pieces just before it that name its matter («А лимит этот, …, он у вас какой»), and after it
  its alternatives («…, или у вас всё раньше делается») and what it still puts to the client;
- without the frame: the speaker's own act or view (a first-person singular: «уточню сразу», «мне нужна одна
  цифра», «я думаю», «а я тебе скажу»), a verb of knowing or telling with nothing else («вот интересно», «вы
  же понимаете», «подскажите»), a purpose, cause or time-before clause (that and all after it: «чтобы я
  понимал, на один кабинет считать или на оба», «потому что у нас бывало…»), a condition («если находите
  подрядчика»), and a statement with its own verb that is not put to the client.
Quoted speech has no core («Один клиент спросил: а сколько это стоит?»): the question is someone else's.
Only closed classes of the language are listed: conjunctions, pronouns, verbs of knowing and telling.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from qa_desk.analysis.contract_core import YOU
from qa_desk.analysis.language import OR_WORDS, Language
from qa_desk.analysis.lexicon import Lexicon, Token
from qa_desk.analysis.sentence import Sentence
from qa_desk.analysis.unmarked import arranges

_ENDING = r"(?:чтобы|чтоб|потому что|поскольку|так как|прежде чем|перед тем как|а то|с учётом того|с учетом того)"
_SPLIT = re.compile(rf"\s*[,;:—–]\s*|\s+-\s+|\s+(?={_ENDING}\b|если\b)", re.IGNORECASE)
_ENDS = re.compile(rf"(?:(?:и|а|но|ну|да|просто)\s+)*{_ENDING}\b", re.IGNORECASE)  # this clause and all after it
_SINCE = re.compile(r"(?:(?:и|а|но|ну)\s+)*раз\s+(?:уж\s+)?(?:вы|ты|мы|я|он|она|они|это|так)\b", re.IGNORECASE)  # "раз вы согласились"
_IF = re.compile(r"(?:(?:и|а|но|ну|да)\s+)*(?:если|когда)\b", re.IGNORECASE)
_WHEN = re.compile(r"(?:(?:и|а|но|ну|да)\s+)*когда\b", re.IGNORECASE)
_LEADS = frozenset({"и", "а", "но", "ну", "да", "просто", "только", "лишь", "именно"})
_ASKING = frozenset({"какой", "каков", "каковой", "сколько", "кто", "когда", "где", "куда", "откуда", "почему",
                     "зачем", "чей", "ли", "насколько", "скольки"})
_ASKING_FORMS = frozenset({"кого", "кому", "кем", "ком", "чём"})  # «за кем», «в чём»; «что», «чем» are conjunctions too
# verbs of knowing and telling: a clause of nothing else frames the question ("вот интересно", "вы же понимаете")
_FRAMING = frozenset({"интересно", "интересный", "понимать", "понять", "знать", "думать", "подумать", "сказать",
                      "подсказать", "уточнить", "спросить", "поинтересоваться", "позволить", "помнить", "вести",
                      "представлять", "говорить", "поправить", "смотреть", "слушать", "честно", "вопрос"})
_KNOWING = frozenset({"знать", "понимать", "помнить", "видеть"})  # "я знаю, как это бывает": a statement
_SAID = frozenset({"спросить", "спрашивать", "сказать", "говорить", "интересоваться", "поинтересоваться"})
_PREDICATES = frozenset({"VERB", "ADJS", "PRTS"})
_ASIDE = 3  # words of a parenthesis of the speaker's ("я думаю", "я так понимаю")
_FRAME_WORDS = 4  # a frame of fewer words drowns nothing
_MIN_WORDS = 2  # a core of fewer words says nothing of its own
_LONG = 10  # a sentence of fewer words has no frame to drown its question in ("А кто выиграл, если не секрет?")
_THAT = frozenset({"тот", "то", "того", "тем", "том", "той", "ту", "те", "тех"})  # "с тем, кто отвечает": relative


@dataclass(frozen=True, slots=True)
class _Piece:
    text: str
    words: tuple[Token, ...]
    relative: bool = False  # the piece before ends with a demonstrative: "с тем, кто отвечает", "то, что спросят"

    @property
    def asks(self) -> bool:
        return not self.relative and (any(t.lemma in _ASKING or t.text.lower() in _ASKING_FORMS for t in self.words)
                                      or self.words[-1].text.lower() == "как")  # "А с наборами как, …"

    @property
    def offers(self) -> bool:  # an alternative: "или у вас всё раньше делается", "шеф сам или бухгалтерия"
        return any(t.text.lower() in OR_WORDS for t in self.words)

    @property
    def predicate(self) -> bool:
        return any(t.pos in _PREDICATES or t.pos == "PRED" for t in self.words)

    @property
    def to_you(self) -> bool:
        return any(t.lemma in YOU or "2per" in t.tags and t.pos == "VERB" for t in self.words)

    @property
    def mine(self) -> bool:
        """The speaker's own act or view: "я" or "мне" as its subject, or a verb in the first person singular."""
        return any(t.text.lower() in ("я", "мне") or t.pos == "VERB" and "1per" in t.tags and "sing" in t.tags
                   and "plur" not in t.tags for t in self.words)

    @property
    def framing(self) -> bool:
        """Only a verb of knowing or telling, not in the past ("думали уже, кто будет обслуживать" asks his past act)."""
        content = [t for t in self.words if t.pos not in ("NPRO", "PRCL", "CONJ", "PREP", "INTJ")]
        return bool(content) and all(t.lemma in _FRAMING and "past" not in t.tags for t in content)


    @property
    def ends(self) -> bool:
        return bool(_ENDS.match(self.text) or _SINCE.match(self.text))

    @property
    def condition(self) -> bool:
        return bool(_IF.match(self.text))

    @property
    def frame(self) -> bool:
        return self.ends or self.condition or self.mine or self.framing


def _pieces(text: str, tokens: Callable[[str], Iterable[Token]]) -> list[_Piece]:
    out: list[_Piece] = []
    parts = [p.strip() for p in _SPLIT.split(text.strip().rstrip("?.!…")) if p.strip()]
    for k in range(len(parts) - 1):  # "…, просто чтобы я понимал": the particle goes with its clause
        if " " not in parts[k] and parts[k].lower() in _LEADS:
            parts[k], parts[k + 1] = "", f"{parts[k]} {parts[k + 1]}"
    for k in range(len(parts) - 1, 0, -1):  # "…дороже, чем вы планировали": the comparison goes with its clause
        if parts[k].lower().startswith("чем ") and parts[k - 1]:
            parts[k - 1], parts[k] = f"{parts[k - 1]}, {parts[k]}", ""
    for part in parts:
        words = tuple(t for t in tokens(part) if t.is_word)
        if words:
            out.append(_Piece(part, words, bool(out) and _embeds(out[-1])))
    return out


def _embeds(p: _Piece) -> bool:
    """The clause after ``p`` is its relative or embedded clause, no question of its own: after a demonstrative
    or an indefinite ("уточню то, что…", "поговорить с кем-то, кто…", "цена от того зависит: какая марка…"),
    after a verb of knowing that ends a purpose clause ("чтобы понять, кому что нужно развивать") or that the
    speaker says of himself ("я знаю, как это бывает")."""
    last = p.words[-1]
    return any(t.text.lower() in _THAT or t.text.lower().endswith(("-то", "-нибудь")) for t in p.words) or (
        p.ends and last.lemma in _FRAMING or p.mine and any(t.lemma in _KNOWING and "1per" in t.tags for t in p.words))


def _asking(pieces: Sequence[_Piece]) -> int | None:
    """The clause that asks: the first with a question word outside a frame, else the first put to the client
    as an either-or ("По деньгам у вас какая-то сумма выделена или каждый раз заново")."""
    return next((i for i, p in enumerate(pieces) if p.asks and (not p.frame or _when_asked(pieces, i))), next(
        (i for i, p in enumerate(pieces) if p.to_you and not p.frame and any(q.offers for q in pieces[i:])), None))


def _when_asked(pieces: Sequence[_Piece], at: int) -> bool:
    """«И когда вам удобнее было бы первую мойку сделать, чтобы люди не мешали торговле»: a «когда» clause opening the
    sentence with no main clause after it (only purpose or cause clauses) is the question, not a condition (round 18,
    eng18j; «Когда вы подпишете, мы начнём» keeps its condition)."""
    p = pieces[at]
    return at == 0 and p.condition and not p.ends and not p.mine and _WHEN.match(p.text) is not None and all(
        q.ends for q in pieces[1:])


def _quoted(pieces: Sequence[_Piece], at: int) -> bool:
    """A verb of asking or saying in the past or the third person before the question word: someone else's."""
    before = [t for p in pieces[:at] for t in p.words]
    for t in pieces[at].words:
        if t.lemma in _ASKING or t.text.lower() in _ASKING_FORMS:
            break
        before.append(t)
    return any(t.lemma in _SAID and t.pos == "VERB" and "past" in t.tags for t in before)  # "инженеры спросят": relayed


def question_core(text: str, tokens: Callable[[str], Iterable[Token]]) -> str | None:
    """The clause of a question sentence that asks, with its «?» (None: the sentence is the question as it is,
    or the question in it is quoted)."""
    pieces = _pieces(text, tokens)
    at = _asking(pieces) if len(pieces) > 1 and sum(len(p.words) for p in pieces) >= _LONG else None
    if at is None:
        return None
    if _quoted(pieces, at):
        return None  # "Один клиент как-то спросил: а сколько это стоит?"
    start = at
    while start and not pieces[start - 1].predicate and not pieces[start - 1].ends and not pieces[start - 1].mine \
            and not pieces[start - 1].framing:
        start -= 1  # "А лимит этот, если не секрет, он у вас какой": the matter named before the question word
    kept = [p for p in pieces[start:at] if not p.condition]
    kept.append(pieces[at])
    for p in pieces[at + 1:]:
        if p.condition or p.framing or any(t.lemma == "который" for t in p.words) or p.mine and len(p.words) <= _ASIDE and not p.ends and p is not pieces[-1]:
            continue  # "Вы, я думаю, в месяц тысяч на двести уходите": a parenthesis inside the clause; a relative
            # clause ("…жёсткий потолок, выше которого никак")
        if p.ends or p.mine:
            break  # "…, чтобы я вам не насчитала…", "…, а я тебе скажу, сэкономим или нет"
        if p.predicate and not (p.asks or p.offers or p.to_you) and any(k.predicate for k in kept):
            break  # "…, наверное, хирурги тоже хотят своё слово сказать": a statement of its own (the clause
            # still without its verb takes this one: "Вы с нашей стороны, если …, готовы платить больше")
        kept.append(p)
    dropped = sum(len(p.words) for p in pieces) - sum(len(p.words) for p in kept)
    if dropped < _FRAME_WORDS or sum(len(p.words) for p in kept) < _MIN_WORDS:
        return None  # "А по цене на сколько они вас вытянули, если не секрет?": an aside drowns nothing
    return ", ".join(p.text for p in kept) + "?"


def framed(s: Sentence, lexicon: Lexicon, lang: Language) -> Sentence | None:
    """A question sentence's asking clause without its frame (``question_core``), as a question sentence; also of
    a sentence that opens with our own plan ("Позвольте уточнить, прежде чем я подготовлю предложение: …")."""
    if not (s.is_question or arranges(s.tokens, s.text, lang)):
        return None
    core = question_core(s.text, lexicon.tokens)
    if core is None:
        return None
    tokens = tuple(lexicon.tokens(core))
    return Sentence(core, tokens, frozenset().union(*(t.lemmas for t in tokens)), True, s.is_evasive)
