"""BANT questions put obliquely: lines that ask only if the client's reply treats them as a question (round 17).

A manager often asks without a question: by hearsay about the client («Вы писали, что чиллер уходит в ошибку», «Мне
коллега передала, что у вас…»), by a read-back with an alternative («То есть всё уезжает на осень, или вы в этом году
без мероприятия?»), by a wish to know («хорошо бы хоть примерную рамку понимать, чтобы…»), by a remark inviting a
story («Что там за история?», «Вот с этого места подробнее», «я по письму не до конца понял картину»), by a guess
he asks to be corrected («…, поправьте меня, если не так») or by an appeal to what is known («Такие вещи ведь обычно не в одиночку решаются»). None of them asks by itself, and most of their kind are
remarks the client merely acknowledges; here they only become candidates of confirmed.py's pair reading
(``confirmed.put``), so the REPLY decides: a date ahead, a decider named with his say, a sum of money, a trouble
told. A bare «Да, всё верно» or a reply of no topic's substance leaves the line asking nothing.

Every list here is a closed class of the language (verbs of reporting, knowing, correcting; particles; months, seasons).
"""

from __future__ import annotations

from collections.abc import Sequence

from qa_desk.analysis.guess import restates
from qa_desk.analysis.language import I_WE, MONTHS, SAYING, WE, YOU
from qa_desk.analysis.lexicon import SENTENCE_ENDS, Token, word_tokens
from qa_desk.analysis.person import DECIDE_VERBS
from qa_desk.analysis.sentence import Sentence

# verbs of reporting what someone said or wrote ("вы писали, что…", "мне передали, что…", "вы в анкете отметили")
_REPORT = SAYING | {"отметить", "указать", "жаловаться", "пожаловаться"}
# verbs of telling, put to the listener as an imperative ("Расскажите, как вы сейчас устроены", "Рассказывай, с чего вдруг")
_TELL = frozenset({"рассказать", "рассказывать", "описать", "описывать", "пояснить", "объяснить", "поделиться"})
_MORE = frozenset({"подробнее", "поподробнее", "подробно"})  # "Вот с этого места подробнее"
# verbs of understanding or knowing, after a wish ("хорошо бы понимать") or negated by the speaker ("я не понял")
_KNOW = frozenset({"понимать", "понять", "знать", "представлять", "представить", "прикинуть", "уловить"})
_WISH = frozenset({"хорошо", "неплохо", "хотеться", "здорово", "полезно", "важно", "нелишне"})  # before «бы»
# a guess the speaker asks to be corrected ("поправьте меня, если не так", "остановите, если ошибаюсь")
_CORRECT = frozenset({"поправить", "исправить", "остановить", "перебить", "поправлять"})
_MIN_CONTENT = 2
_DEIXIS = frozenset({"там", "это", "тут", "же"})  # «что там за история»: a thing mentioned before, not «что за документы»
_JOINING = frozenset({"а", "но", "или", "либо", "да"})  # lower case: a sentence the splitter cut
_SOON = frozenset({"вот-вот", "вскоре", "скоро"})  # an event imminent («открывается уже вот-вот»)
_WHEN = frozenset(MONTHS) | {"весна", "лето", "осень", "зима"}


def _low(words: Sequence[Token]) -> list[str]:
    return [t.text.lower() for t in words]


def _ours(words: Sequence[Token]) -> bool:
    """Our side is the subject or the owner: «я», «мы», «наш», «нам»; not «мне» (a hearsay's recipient, a wish's)."""
    return any(t.lemma in WE or t.text.lower() in ("я", "мы") or "1per" in t.tags and t.pos == "VERB" for t in words)


def _about_client(words: Sequence[Token]) -> bool:
    return any(not t.lemmas.isdisjoint(YOU) or "2per" in t.tags for t in words)


def puts(s: Sentence) -> bool:
    """``s`` puts something to the client obliquely (hearsay about him, a read-back alternative, a wish to know, a
    remark inviting his story, an appeal «ведь…»): a candidate whose topic only the reply decides."""
    words = word_tokens(s.tokens)
    if len(words) < 2:
        return False
    return _hearsay(words) or _alternative(s, words) or _wish(words) or _story(words) or _appeal(s, words)


def _hearsay(words: Sequence[Token]) -> bool:
    """«Вы писали, что …», «Мне Олеся передала, что у вас …», «Вы в анкете отметили, что …»: a past verb of reporting,
    said by the client or by a third person (not by us), and a clause of at least two content words after it that is the
    client's own (he said it, or it is about him) and not ours."""
    for k, t in enumerate(words):
        if t.lemma not in _REPORT or t.pos != "VERB" or "past" not in t.tags:
            continue
        before, clause = words[:k], words[k + 1:]
        if any(w.text.lower() in I_WE or w.lemma in WE for w in before):
            return False  # "я говорил, что…": ours
        by_client = any(w.text.lower() == "вы" for w in before) or "plur" in t.tags and not before
        if sum(w.is_content for w in clause) >= _MIN_CONTENT and not _ours(clause) and (by_client or _about_client(clause)):
            return True
        return False
    return False


def _alternative(s: Sentence, words: Sequence[Token]) -> bool:
    """«То есть всё уезжает на осень, или вы в этом году вообще без мероприятия?»: a read-back that offers the client
    another reading of his own situation (a second part about him after «или»), not one of our acts («…, или лучше
    сразу договор?»)."""
    low = _low(words)
    if not restates(s.tokens) or "или" not in low[2:]:
        return False
    at = low.index("или", 2)
    return not _ours(words) and _about_client(words[at + 1:]) and sum(w.is_content for w in words[:at]) >= _MIN_CONTENT


def _wish(words: Sequence[Token]) -> bool:
    """«хорошо бы хоть примерную рамку понимать, чтобы я вам дворец не прислал», «неплохо бы знать, …»: a wish
    («X бы») to know or understand something, ours only in its purpose clause."""
    low = _low(words)
    stop = next((k for k, w in enumerate(low) if w in ("чтобы", "чтоб")), len(low))
    for k in range(1, stop):
        if low[k] in ("бы", "б") and words[k - 1].lemma in _WISH or low[k - 1] in ("бы", "б") and words[k].lemma in _WISH:
            head = words[:stop]
            return any(w.lemma in _KNOW and w.pos == "INFN" for w in head) and not _ours(head)
    return False


def _story(words: Sequence[Token], told: bool = True) -> bool:
    """A remark inviting the client's story: «Что там за история?», an imperative of telling («Рассказывай, с чего
    вдруг…», «Расскажите, как вы сейчас устроены»), «подробнее» with no verb, or the speaker's own failure to understand
    («я по письму не до конца понял картину», «я не очень понял, что там происходит»). With ``told`` False (where a reply
    of substance alone is to decide need, ``invites_story``) only a thing mentioned before, no imperative of telling."""
    low = _low(words)
    if "за" in low[1:4] and low[0] == "что" and low.index("за") + 1 < len(low) and words[low.index("за") + 1].pos == "NOUN":
        return not _ours(words) and (told or not _DEIXIS.isdisjoint(low[1:low.index("за")]))  # "Что там за история?"
    if told and tells(words):
        return True  # "Рассказывай, с чего вдруг ночью и именно к нам"
    if any(w in _MORE for w in low) and not any(t.pos == "VERB" for t in words):
        return True  # "Вот с этого места, если можно, подробнее"
    for k, t in enumerate(words):
        if t.lemma in ("понять", "уловить") and "past" in t.tags and "не" in low[max(0, k - 3):k] and (
                "я" in low[:k] or not _about_client(words)):
            return True  # "я по письму не до конца понял картину"
    return False


def _appeal(s: Sentence, words: Sequence[Token]) -> bool:
    """A statement appealing to what the client knows, with «ведь» («Такие вещи ведь обычно не в одиночку решаются»,
    «У вас ведь кто-то ездит по служебным делам»), not of ours, with no figure (our price argued: H19 audio U2/02)."""
    return not s.is_question and "ведь" in _low(words) and not _ours(words) and sum(w.is_content for w in words) >= 3 \
        and not any(t.is_digit or "NUMR" in t.tags for t in s.tokens)  # a price argued («40-80 тысяч, ведь это развязка»)


def corrected(s: Sentence) -> Sentence:
    """``s`` without a closing request to be corrected («…, поправьте меня, если не так»), which makes the guess before
    it a question but is no part of it; ``s`` itself without one."""
    at = next((i for i, t in enumerate(s.tokens) if t.lemma in _CORRECT and "impr" in t.tags), None)
    if at is None or sum(t.is_content for t in s.tokens[:at]) < _MIN_CONTENT + 1:
        return s
    tokens = (*s.tokens[:at], *(t for t in s.tokens[-1:] if t.text in ("?", ".")))
    return Sentence(" ".join(t.text for t in tokens), tokens, frozenset(lemma for t in tokens for lemma in t.lemmas),
                    True, s.is_evasive)


def time_ahead(question: Sentence) -> bool:
    """Timing put obliquely, no past tense: a read-back alternative naming a month or a season («То есть всё уезжает на
    осень, или…»), or an event said to be imminent in the present tense («договор не сегодня завтра заканчивается»,
    «склад открывается уже вот-вот»): the present of a scheduled event is its future."""
    words = word_tokens(question.tokens)
    if any("past" in t.tags and t.lemma not in _KNOW | _REPORT for t in words):
        return False  # not the frame's «как я понял», «вы писали»
    low = _low(words)
    return _alternative(question, words) and any(t.lemma in _WHEN for t in words) or not _SOON.isdisjoint(low) or (
        "сегодня" in low and "завтра" in low)


def invites_story(question: Sentence) -> bool:
    """One of the sentences of our (joined) line invites the client's story about a thing mentioned before («Что там за
    история?», «с этого места подробнее», «я не до конца понял картину»), so a reply of substance tells it; not an
    imperative of telling («Расскажите, как вам удобнее…») nor «что за документы нужны»: there the reply must tell a
    trouble."""
    part: list[Token] = []
    for t in (*question.tokens, None):
        if t is None or t.text in SENTENCE_ENDS:
            if len(words := word_tokens(part)) >= 2 and _story(words, told=False):
                return True
            part = []
        else:
            part.append(t)
    return False


def deciding(lemmas: frozenset[str]) -> frozenset[str]:
    """The deciding verbs a line names in the passive-reflexive («решаются», «согласовывается»): their active lemma."""
    return frozenset(lemma[:-2] for lemma in lemmas if lemma.endswith("ся") and lemma[:-2] in DECIDE_VERBS)


def tells(words: Sequence[Token]) -> bool:
    """An imperative of telling («Расскажите, что в этот раз хотите от вечера»): it asks the story its clause names, not
    a date, so a date in the reply («в этом году корпоратива не будет») does not make it ask timing (H23 audio D1/06)."""
    return any(t.lemma in _TELL and "impr" in t.tags for t in words)


def continues(sentences: Sequence[Sentence], k: int) -> int:
    """1 when sentence ``k`` opens in lower case with a conjunction («а кто-то в головной компании, я правильно
    понимаю»): the splitter cut one sentence («не завод, а …»), so the guess begins in sentence ``k - 1``; else 0."""
    if not 0 < k < len(sentences):
        return 0
    words = word_tokens(sentences[k].tokens)
    return int(bool(words) and words[0].text in _JOINING and sentences[k - 1].tokens[-1:] != () and
               sentences[k - 1].tokens[-1].text not in ("?", "!"))


def undated(tokens: Sequence[Token], k: int) -> bool:
    """The past verb ``tokens[k]`` dates no event: a deadline ahead («пока сезон не начался», «пока снег не лёг»: пока
    … не + past) or the guess's own frame of understanding («я так понял», «как я поняла»)."""
    low = [t.text.lower() for t in tokens[max(0, k - 4):k]]
    return "не" in low[-2:] and "пока" in low or tokens[k].lemma in ("понять", "уловить") and "не" not in low[-2:]
