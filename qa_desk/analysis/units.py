"""A recording's utterances with their roles (the units the deal's pairing reads).

Stereo: a speaker's consecutive segments are one turn, its role the channel's. Mono: a segment is split
into the question and the reply ASR glued to it; the client's reply that opens a segment is cut off
(heard.py); the rest gets a role per sentence (mono_roles.py): a question is the manager's, a turn right
after the manager's question that asks nothing itself is the client's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from qa_desk.analysis.detect import CompiledQuestion, Detector, Sentence
from qa_desk.analysis.form import in_idiom, is_question
from qa_desk.analysis.heard import reply_prefix
from qa_desk.analysis.language import REPLY_OPENERS, WE, YOU
from qa_desk.analysis.lexicon import Token
from qa_desk.analysis.money import number_words, scale_word
from qa_desk.analysis.mono_roles import company_names, mono_role, seller_sentence
from qa_desk.analysis.names import names_at
from qa_desk.analysis.pairing import Unit as _Unit
from qa_desk.analysis.pauses import by_pauses
from qa_desk.analysis.questions import AnswerKind
from qa_desk.analysis.role_model import relabel
from qa_desk.analysis.spoken import NOTED
from qa_desk.domain.transcript import RecordingTranscript, Segment, Speaker

FIRST_PERSON = WE | {"я", "мой"}
_MIN_QUESTION_WORDS = 3
_RECEIPTS = frozenset({"понял", "поняла", "понятно", "ясно"})  # the manager receiving a reply
_SUBORDINATORS = frozenset({"чтобы", "чтоб", "если", "когда", "что", "как", "пока", "раз"})


def _split_mono(detector: Detector, sentences: list[Sentence]) -> tuple[list[Sentence], list[Sentence]]:
    """A mono segment holding a question and its reply: (question part, reply part). A segment that asks
    again after the question is one speaker's (Whisper's "…где у нас выходит где-то 350 за квадрат. А сколько
    вы заложили?" is the manager's alone); the reply keeps its figures ("где-то 350")."""
    for k, s in enumerate(sentences):
        if not s.is_question or any(later.is_question for later in sentences[k + 1:]):
            continue
        words = [t for t in s.tokens if t.is_word]
        cut = _reply_start(detector, words, "?" in s.text)
        if cut is None:
            if (_asks_quantity(s) or "?" in s.text and _reckoned(sentences[k + 1:])) and _figure_reply(sentences[k + 1:]):
                return sentences[:k + 1], sentences[k + 1:]
            continue
        kept = [t for t in s.tokens if t.is_word or t.is_digit]
        at = next(i for i, t in enumerate(kept) if t is words[cut])
        head = " ".join(t.text for t in kept[:at])
        tail = " ".join(t.text for t in kept[at:])
        return [*sentences[:k], *detector.sentences(head + "?")], [*detector.sentences(tail), *sentences[k + 1:]]
    return sentences, []


_QUANTITY_WORDS = frozenset({"сколько", "какой", "каков", "почём", "почем"})  # question words a figure answers


def _asks_quantity(s: Sentence) -> bool:
    """A question a figure answers ("Какой у вас бюджет?", "Сколько готовы тратить?"), not a yes/no one ("А пробный
    период хотите? Две недели на одну клинику." is the asker going on)."""
    return any(t.lemma in _QUANTITY_WORDS or t.text.lower() in _QUANTITY_WORDS for t in s.tokens)


def _reckoned(rest: Sequence[Sentence]) -> bool:
    """After our «?» (Whisper's, on a price: "…под ваш размер 1180 монтажом?"), the other side's reckoning: "я" and its
    past verb open the next sentence, perhaps after "а", "ну", "ой" ("А я думал 1150, больше я не вытяну")."""
    words = [t for t in rest[0].tokens if t.is_word] if rest else []
    while words and words[0].text.lower() in ("а", "ну", "ой"):
        words = words[1:]
    return len(words) > 1 and words[0].text.lower() == "я" and words[1].pos == "VERB" and "past" in words[1].tags


def _figure_reply(rest: Sequence[Sentence]) -> bool:
    """After a mono segment's last question, the client's figure Whisper glued to it as sentences of their own
    ("Какой у вас бюджет? Где-то 900 000, это максимум."): the next sentence opens as a reply (a reply opener, a
    number or a scale word: "Ну, тысяч 90…", "Тысяч 40…") and names a figure, and nothing after the question
    addresses the listener ("…? Ну, для вас от 200 тысяч" is the asker going on)."""
    if not rest:
        return False
    tokens = [t for t in rest[0].tokens if t.is_word or t.is_digit]
    if not tokens or not any(t.is_digit or "NUMR" in t.tags for t in tokens):
        return False
    first = tokens[0]
    opens = first.is_digit or "NUMR" in first.tags or first.text.lower() in REPLY_OPENERS \
        or scale_word(first.text.lower()) is not None or _reckoned(rest)
    return opens and not any("2per" in t.tags or t.lemma in YOU for s in rest for t in s.tokens)


def _reply_start(detector: Detector, words: Sequence[Token], mark: bool) -> int | None:
    """Where the reply glued to a mono question starts: a reply opener ("ну", "да", "я") after a question
    word; after a question asked in the second person, "я"/"мы" ("решаете вы сами… я сам решаю"); without
    a "?", a figure or a name with patronymic ("…с кем мне лучше общаться виктор палыч коммерческий")."""
    qword = next((i for i, t in enumerate(words) if t.lemma in detector.lang.question_words and not in_idiom(words, i)),
                 None)  # not "как раз" ("Вот это мы как раз снимаем … в одном пакете, а по суммам …": no reply at "одном")
    second = next((i for i, t in enumerate(words) if "2per" in t.tags or "вы" in t.lemmas), None)
    start = qword if qword is not None else second
    if start is None:
        return None
    for i in range(max(start + _MIN_QUESTION_WORDS, 2), len(words)):
        low = words[i].text.lower()
        if words[i - 1].text.lower() in _SUBORDINATORS:
            continue  # "…предельный, чтобы я понимал запас": still the question
        if low in REPLY_OPENERS and (qword is not None or low in FIRST_PERSON):
            if i + 1 < len(words) and words[i + 1].text.lower() == "или":
                continue  # "сколько вы сейчас, ну, или сколько головной офис готов": the question put again
            if mark and is_question(words[i:], frozenset().union(*(t.lemmas for t in words[i:])), detector.lang):
                continue  # "кто у вас по компьютерам, ну, кто такое выбирает?", "…, ну, кроме вас утверждает, или вы сами?"
            return i
        named = names_at(words, i)
        if not mark and (_figure_opens(words, i) or _date_opens(detector, words, i)
                         or named is not None and " " in named[0] and words[i - 1].pos != "PREP"):
            # not "поговорили с Тиграном Ашотовичем, какую сумму…": a name governed by the question's preposition
            return i
    return None


_PICKUP_WORDS = 3


def _picked_up(out: Sequence[_Unit]) -> bool:
    """Only the one called has spoken, a few words of picking up ("Бухгалтерия.", "Алло, слушаю"): the caller's
    opening may come next."""
    return len(out) == 1 and out[0].role == "client" and sum(
        len([t for t in s.tokens if t.is_word]) for s in out[0].sentences) <= _PICKUP_WORDS


def _asks(sentences: Sequence[Sentence]) -> bool:
    """A mono utterance that asks: it ends with a question ("Предельный? Ну… тысяч четыреста пятьдесят
    потянем" and "Да какое устраивает. Стоит одна печка…" are the client's)."""
    return bool(sentences) and sentences[-1].is_question


def _replied(detector: Detector, before: str, after: str, asked_in: Callable[[list[Sentence]], Sequence[object]]) -> bool:
    """A pause in a mono segment is the client's reply (pauses.py): the words before it ask, the first sentence after
    it neither addresses the listener nor offers ours ("…какой бюджет. Для ориентира скажу, у нас от 20 миллионов")."""
    asked = detector.sentences(before)
    if not (_asks(asked) or asked_in(asked)):
        return False
    nxt = detector.sentences(after)[:1]
    return not any(seller_sentence(s) or any("2per" in t.tags or t.lemma in YOU for t in s.tokens) for s in nxt)


def _date_opens(detector: Detector, words: Sequence[Token], i: int) -> bool:
    """A date that opens the reply: "с первого мая", "к июню" (after a question without "?")."""
    if words[i].text.lower() not in ("с", "к", "до", "в", "через") or i + 1 >= len(words):
        return False
    nxt = words[i + 1]
    return "Anum" in nxt.tags or nxt.lemma in detector.lang.time_anchors and nxt.lemma not in detector.lang.time_weak


def _figure_opens(words: Sequence[Token], i: int) -> bool:
    """A number (or "от"/"до" and a number) that opens the reply glued to a question."""
    w = words[i]
    if w.text.lower() in ("от", "до") and i + 1 < len(words):
        w = words[i + 1]
    return "NUMR" in w.tags and not ("NUMR" in words[i - 1].tags or words[i - 1].text.lower() in ("от", "до", "на"))


_INTERJECTION_S = 2.0  # the longest stretch read as said over the other speaker, not as a turn
_GOES_ON_S = 0.5  # the other speaker's next segment this soon after its last: one stretch of speech cut by Whisper


def _turns(segments: list[Segment]) -> list[Segment]:
    """Stereo: a speaker's consecutive segments as one turn (Whisper cuts "в районе трёх." | "четырёх
    миллионов можно найти" in two; the other speaker did not talk in between)."""
    out: list[Segment] = []
    for seg in _interjections_after(sorted(segments, key=lambda s: s.start)):
        last = out[-1] if out else None
        if last is not None and last.speaker == seg.speaker:
            out[-1] = Segment(last.start, max(last.end, seg.end), last.speaker, f"{last.text.strip()} {seg.text.strip()}")
        else:
            out.append(seg)
    return out


_SCALE_OPENS = re.compile(r"^\W*(?:тысяч\w*|тыс\b|тыщ\w*|миллион\w*|млн|миллиард\w*|млрд)(?!\w)", re.IGNORECASE)
_LAST_WORD = re.compile(r"([\w-]+)\W*$")
_BACKCHANNEL_WORDS = 2  # the other speaker's words between a number and its scale ("Ага.", "Так, так")
_NUMBER_WORDS = frozenset(number_words())


def _scale_carried(segments: list[Segment]) -> list[Segment]:
    """A scale word Whisper cut off into the speaker's next segment joined back to the number it ends ("Ну, два" |
    "миллиона, не больше."): the next segment of the same speaker opens with the scale, and at most the other's
    backchannel lies between (mono: the very next segment)."""
    out = list(segments)
    k = 0
    while k < len(out):
        last = _LAST_WORD.search(out[k].text)
        if last is None or not (last.group(1).isdigit() or last.group(1).lower() in _NUMBER_WORDS):
            k += 1
            continue
        j = k + 1
        while j < len(out) and out[j].speaker != out[k].speaker and out[k].speaker in (Speaker.MANAGER, Speaker.CLIENT) \
                and len(out[j].text.split()) <= _BACKCHANNEL_WORDS:
            j += 1
        if j < len(out) and out[j].speaker == out[k].speaker and _SCALE_OPENS.match(out[j].text):
            seg = out[k]
            out[k] = Segment(seg.start, max(seg.end, out[j].end), seg.speaker, f"{seg.text.strip()} {out[j].text.strip()}")
            del out[j]
            continue
        k += 1
    return out


def _interjections_after(segments: list[Segment]) -> list[Segment]:
    """Stereo: a short stretch of one speaker said while the other talks on (a backchannel, a greeting Whisper
    heard in the line's leak: the manager's "…из-за чего склад 36.2 | 36.5 понадобился." with the client's "Доброе
    утро. Добрый день." at 35.0-36.7) moved after the other's turn, which it does not end. It overlaps the other's
    speech: it starts before the other's segment ends, and the other's next segment starts before it ends, or it
    lies inside the other's segment and the other goes on at once (a reply said in the pause after the question
    starts after the question's segment ends, and the asker's next words come after a pause). Not where the other's
    segment itself starts over this speaker's speech: its start is Whisper's early guess ("алло | катя, слушаю"
    under the manager's "добрый день, …" timed from 0.8 s)."""
    out = list(segments)
    i = 1
    while i < len(out):
        j = i
        while j + 1 < len(out) and out[j + 1].speaker == out[i].speaker:
            j += 1  # the run of this speaker's segments
        before, run, after = out[i - 1], out[i:j + 1], out[j + 1] if j + 1 < len(out) else None
        own = next((seg for seg in reversed(out[:i - 1]) if seg.speaker == out[i].speaker), None)
        if (after is not None and before.speaker != out[i].speaker and after.speaker == before.speaker
                and (own is None or own.end <= before.start)  # not where the other's segment starts over this one's
                and run[0].start < before.end and run[-1].end - run[0].start <= _INTERJECTION_S
                and (after.start < run[-1].end or run[-1].end <= before.end and after.start - before.end <= _GOES_ON_S)):
            k = j + 1
            while k + 1 < len(out) and out[k + 1].speaker == before.speaker:
                k += 1  # the other speaker's segments that go on after it
            out[i:k + 1] = [*out[j + 1:k + 1], *run]
            i = k + 1
            continue
        i = j + 1
    return out


def _receipts(sentences: list[Sentence]) -> list[list[Sentence]]:
    """A mono segment cut before the manager's receipt of a reply ("…но Наира её зовут. Понял, а по деньгам…"):
    Whisper glues the client's reply and the manager's next turn into one segment; the reply asks nothing and the
    receipt ("понял", "понятно", "ясно") opens the next sentence with more words after it, or closes a read-back
    before the next one ("…900 тысяч заложено. Девятьсот записала, а выбираете…")."""
    for k in range(1, len(sentences)):
        words = [t for t in sentences[k].tokens if t.is_word]
        noted = bool(words) and words[-1].text.lower() in NOTED and k + 1 < len(sentences)  # "Девять сот записала, а …"
        if words and (words[0].text.lower() in _RECEIPTS or noted) and not any(s.is_question for s in sentences[:k]) \
                and sum(len([t for t in s.tokens if t.is_word]) for s in sentences[k:]) > 1:
            return [sentences[:k], *_receipts(sentences[k:])]
    return [sentences]


def units(detector: Detector, index: int, recording: RecordingTranscript, learned: bool = False) -> list[_Unit]:
    """The recording's units; a mono call's roles are the rules' and, with ``learned``, role_model.py's where the model
    is sure. Off in the engine (round 16, eng16j): the roles gain 10 points held out, but the engine's pairing and
    reason checks, tuned on the rules' roles, lost floors (refusal checks −6 over the v7 folders; eng16m's guards and
    downstream fixes took that to 0). Round 17 (docs/engine-round17.md, eng17a): on against off, exact answered −1 TP over
    H18–H23, cached audio +2 asked / +2 answered; the losses left are downstream readings (an own-role reply answering a
    weak ask, the client's arithmetic on our price, a past date volunteered as timing), so it stays off."""
    segments = _scale_carried(sorted((seg for seg in recording.segments if seg.text.strip()), key=lambda s: s.start))
    mono = all(seg.speaker not in (Speaker.MANAGER, Speaker.CLIENT) for seg in segments)
    out: list[_Unit] = []
    seen: dict[tuple[str, ...], list[tuple[CompiledQuestion, Sentence]]] = {}

    def asked_in(sentences: list[Sentence]) -> list[tuple[CompiledQuestion, Sentence]]:
        """The detector's questions in ``sentences``, each utterance's once (it is asked again as the one before)."""
        key = tuple(s.text for s in sentences)
        if key not in seen:
            seen[key] = detector.asked(sentences)
        return seen[key]

    def company() -> list[tuple[str, ...]]:
        """Our name, from the first of the first two units that is ours."""
        opening = next((u for u in out[:2] if u.role == "manager"), None)
        return company_names(opening.sentences) if opening is not None else []

    def mono_turn(seg: Segment, sentences: list[Sentence]) -> None:
        replies = reply_prefix(detector, out[-1].sentences, sentences) if out and out[-1].role == "manager" else 0
        if replies:  # heard.py: the client's reply opens the segment ("Ну, в апреле. … А монтаж сколько?")
            out.append(_Unit(index, seg, "client", sentences[:replies]))
            sentences = sentences[replies:]
            if not sentences:
                return
        asked, reply = _split_mono(detector, sentences)
        answers = bool(out) and out[-1].role == "manager" and not reply and (
            _asks(out[-1].sentences) or bool(asked_in(out[-1].sentences)))
        # a turn right after the manager's question that asks nothing itself is the client's reply
        ours = bool(asked_in(asked))
        money = bool(out) and out[-1].role == "manager" and any(s.is_question for s in asked) and any(
            cq.question.answer is AnswerKind.MONEY for cq, _s in asked_in(out[-1].sentences))
        out.extend(_Unit(index, seg, role, part) for role, part in mono_role(
            asked, "manager" if _asks(asked) or ours and not answers else "client", ours, not out or _picked_up(out),
            out[-1].sentences if out else [], bool(out) and out[-1].role == "client", money, company()))
        if reply:
            out.append(_Unit(index, seg, "client", reply))

    segments = by_pauses(segments, lambda before, after: _replied(detector, before, after, asked_in)) if mono \
        else _turns(segments)
    for seg in segments:  # nothing reads a dodge in the manager's turn (mono: the roles come after the sentences)
        sentences = detector.sentences(seg.text, evasion=mono or seg.speaker != Speaker.MANAGER)
        if not mono:
            out.append(_Unit(index, seg, str(seg.speaker), sentences))
            continue
        for turn in _receipts(sentences):
            mono_turn(seg, turn)
    return relabel(out, lambda u: bool(asked_in(u.sentences)), asks_money=lambda u: any(
        cq.question.answer is AnswerKind.MONEY for cq, _s in asked_in(u.sentences))) if mono and learned else out
