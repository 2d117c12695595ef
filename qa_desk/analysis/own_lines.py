"""Our own lines that ask the client nothing, whatever topic their words touch (round 15): read from the
sentence's grammar with closed classes of the language only.

- thanks: a sentence that opens with «спасибо» / «благодарю» (after an acknowledgement), has no «?» and puts
  nothing to him after it (no «вы», second person or question word but the «что» of what we thank for)
  ("Понял. Спасибо, что прямо, это правда важно.", "Спасибо за прямоту, с бюджетом сейчас у всех сложно").
- our offer: «можно / давайте / разрешите / позвольте я …» with a first-person verb that is not one of asking
  ("Можно я вам контакты оставлю, на всякий случай?", "Давайте я пришлю каталог, а вы посмотрите, когда…";
  not "Можно я уточню, кто у вас подписывает?", nor one that goes on to ask him: "Давайте я скину, а решать вы
  будете или главврач?").
- a request about us: an imperative that opens the sentence (or a clause after a dash), of a verb that takes no question (not «скажите»,
  «напомните», «подскажите»), with us as its complement ("Вспомните про нас, когда деньги появятся",
  "Звоните нам, если что", "Пишите мне в любое время").
"""

from __future__ import annotations

from collections.abc import Sequence

from qa_desk.analysis.contract_core import YOU
from qa_desk.analysis.lexicon import Token, word_tokens

_THANKS = frozenset({"спасибо", "благодарить", "благодарю"})
_LEADS = frozenset({"понять", "понятно", "ясно", "хорошо", "ладно", "ну", "да", "а", "ой", "вот", "так", "и", "тогда",
                    "большой", "огромный", "вам", "пожалуйста", "отлично", "окей", "угу", "ага"})
_PERMIT = frozenset({"можно", "давать", "давайте", "разрешить", "позволить"})
_WH = frozenset({"кто", "что", "когда", "сколько", "какой", "какая", "какое", "какие", "где", "куда", "как", "почему",
                 "зачем", "чей", "ли", "или"})
_US = frozenset({"нас", "нам", "мне", "меня", "мной", "нами"})
# verbs of saying, asking and knowing: an imperative of these puts a question («скажите, когда …»)
_ASKING = frozenset({
    "сказать", "подсказать", "рассказать", "назвать", "уточнить", "напомнить", "ответить", "объяснить", "поделиться",
    "прикинуть", "оценить", "спросить", "узнать", "выяснить", "говорить", "сообщить", "описать", "озвучить",
    "сориентировать", "подтвердить", "посчитать", "представить", "понять", "знать", "проверить", "показать",
    "смотреть", "посмотреть", "слушать", "послушать", "понимать", "видеть",  # and discourse: «смотрите, …»
})


def thanks(tokens: Sequence[Token], text: str) -> bool:
    """Our thanks, with nothing asked after it."""
    if "?" in text:
        return False
    words = word_tokens(tokens)
    k = next((i for i, t in enumerate(words) if t.lemma not in _LEADS and t.text.lower() not in _LEADS), None)
    if k is None or not (words[k].lemma in _THANKS or words[k].text.lower() in _THANKS):
        return False
    rest = words[k + 2:] if k + 1 < len(words) and words[k + 1].text.lower() in ("что", "за") else words[k + 1:]
    return not any(t.lemma in ("вы", "ты") or "2per" in t.tags or t.text.lower() in _WH or t.lemma in _WH for t in rest)
    # not one that goes on to ask ("Спасибо, передам, … вы писали … что конкретно происходит": ASR, no «?»)


def _first_verb(words: Sequence[Token], start: int) -> Token | None:
    return next((t for t in words[start:] if t.pos in ("VERB", "INFN")), None)


def our_offer(tokens: Sequence[Token]) -> bool:
    """«можно / давайте я …» and a first-person verb of ours (not one of asking)."""
    words = word_tokens(tokens)
    for k, t in enumerate(words[:-1]):
        if (t.text.lower() in _PERMIT or t.lemma in _PERMIT) and words[k + 1].text.lower() in ("я", "мы"):
            verb = _first_verb(words, k + 2)
            if verb is None or "1per" not in verb.tags or verb.lemma in _ASKING:
                return False
            rest = words[words.index(verb) + 1:]  # nothing put to him after it ("…скину, а решать вы будете или главврач?")
            return not any(t.lemma in YOU or "2per" in t.tags or t.text.lower() in _WH for t in rest)
    return False


def request_about_us(tokens: Sequence[Token]) -> bool:
    """An imperative of a verb that takes no question, opening the sentence or a clause after a dash or a colon
    ("Сработает — вспомните про нас, когда …"), with us as its complement."""
    for k, t in enumerate(tokens):
        if t.pos != "VERB" or "impr" not in t.tags or t.lemma in _ASKING:
            continue
        before = [x for x in tokens[:k] if x.is_word and x.lemma not in _LEADS and x.text.lower() not in _LEADS]
        if before and not (k and tokens[k - 1].text in _CLAUSE_MARKS):
            continue
        if any((x.text.lower() in _WH or x.lemma in _WH) and x.lemma != "когда" for x in tokens[k + 1:]):
            return False  # a question put after it ("Просветите меня, с какими проблемами …"); not "…, когда появятся"
        after = list(tokens[k + 1:k + 4])  # us as its complement: no comma between ("смотрите, у нас …" is no request)
        cut = next((i for i, x in enumerate(after) if not x.is_word), len(after))
        return any(x.text.lower() in _US for x in after[:cut])
    return False


_CLAUSE_MARKS = frozenset({"—", "–", "-", ":"})


def asks_nothing(tokens: Sequence[Token], text: str, before: Sequence[Token] = (), before_text: str = "") -> bool:
    """Our thanks, our offer or our request about us: no question of a topic. ``before``: the sentence this one
    goes on (it opens in lower case): what we thank for ("Спасибо, | что нашли время, мне важно …") and what follows
    our offer or request without a «?» ("Давайте я пришлю каталог, | а вы посмотрите, когда будет время")."""
    if thanks(tokens, text) or our_offer(tokens) or request_about_us(tokens):
        return True
    words = word_tokens(tokens)
    if not before or not words or not text[:1].islower():
        return False
    return thanks(before, before_text) and words[0].text.lower() in ("что", "за") or "?" not in text and (
        our_offer(before) or request_about_us(before))
