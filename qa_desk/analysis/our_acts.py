"""Our own acts put in words that sound like a contract question (round 18): who acts decides it, not the topic words.

A manager's line about OUR act asks the client no timing, budget, need or decider, whatever words it holds, and the
client's reply to it answers none. Read by the grammar of who acts, with closed classes only:

- our advice or offer, stated: an impersonal predicate of advisability («разумно», «имеет смысл», «стоит»,
  «целесообразно», «логично», «лучше», «можно») or our verb of advising in the first person («я бы посоветовал»,
  «предлагаю») with an infinitive that is no verb of asking; in the main clause (no subordinator and no present or
  future verb before it), in a sentence with no «?», no question word, no second-person subject or verb before the
  infinitive, no choice put to him («или»), no «бы» on an impersonal predicate ("было бы логично запустить
  синхронно…, хотя, может, у вас другие планы" is put up to him): "Тогда, наверное, разумно страховать по
  плавающей сумме, с ежемесячными декларациями…", "Имеет смысл взять абонемент сразу на год." «надо / нужно» is
  advice only when the infinitive acts toward a third party in the dative ("значит, вам надо принести ему то, от
  чего он не отмахнётся"); "вам надо обновить парк" stays his need.
- our request: a verb of handing over (closed class) with us as its recipient («мне», «нам»), as an imperative or
  after «можете / могли бы»: "А телефон юриста, который будет этим заниматься, вы мне можете дать…?", "Скиньте мне
  реквизиты". No question word in it (not "пришлите, сколько вы готовы…"), and no money, deciding or time word in its
  main clause (a relative clause «который …» describes the thing asked for: "пришлите бюджет" still asks).
- our visit at his ease: «когда» and his ease with an infinitive of receiving people ("И по срокам, когда вам
  удобнее на обследование людей принять?").
- his viewing trip: a verb of going of his (second person) with an infinitive of looking: "А смотреть когда
  поедете?" — a visit to see the thing, no time of the deal.
- the premise of our figure, stated: «с учётом того, что…», «исходя из того, что…», «при условии, что…»
  ("Это с учётом того, что у вас все в одном городе." after our price).
Wired in ``rhetoric.kept`` (the sentence's sure hits) and ``Detector.weak_asks`` (candidates a reply confirms).
"""

from __future__ import annotations

from collections.abc import Sequence

from qa_desk.analysis.language import ADDRESSEE, I_WE, THIRD_PERSON, language
from qa_desk.analysis.lexicon import Token, word_tokens
from qa_desk.analysis.occasion import _GOING
from qa_desk.analysis.own_lines import _ASKING

# impersonal predicates of advisability (closed class): "разумно страховать", "имеет смысл взять", "стоит начать"
_ADVISABLE = frozenset({"разумно", "разумный", "целесообразно", "логично", "лучше", "можно", "стоить", "смысл",
                        "правильнее", "выгоднее", "оптимально"})
# need predicates: advice only when we tell him how to act toward a third party ("значит, вам надо принести ему то,
# от чего он не отмахнётся"); "вам надо обновить парк" is his need
_NEED = frozenset({"надо", "нужно"})
_ADVISE = frozenset({"советовать", "посоветовать", "рекомендовать", "порекомендовать", "предлагать", "предложить"})
# verbs of handing over (closed class): what the client gives or sends us
_HAND = frozenset({"дать", "давать", "прислать", "присылать", "скинуть", "скидывать", "выслать", "высылать",
                   "переслать", "пересылать", "отправить", "отправлять", "оставить", "продиктовать", "передать"})
_TO_US = frozenset({"мне", "нам"})
_LOOK = frozenset({"смотреть", "посмотреть", "глянуть", "поглядеть", "осмотреть", "осматривать"})
_WH = frozenset({"кто", "сколько", "когда", "какой", "каков", "чей", "где", "куда", "почему", "зачем", "ли"})
_SUBORDINATE = frozenset({"что", "чтобы", "чтоб", "если", "когда", "как", "потому", "раз", "хотя"})
_RELATIVE = frozenset({"который", "которая", "которое", "которые"})


def _to_third(words: Sequence[Token]) -> bool:
    """A third party in the dative among the words ("принести ему", "показать директору")."""
    return any("datv" in t.tags and (t.lemma in THIRD_PERSON or t.pos == "NOUN") and not (k and words[k - 1].pos == "PREP")
               for k, t in enumerate(words))


def _asks(words: Sequence[Token]) -> bool:
    """A question word in the words (not «что», which opens clauses as often)."""
    return any(t.lemma in _WH or t.text.lower() in _WH for t in words)


def advice(tokens: Sequence[Token], text: str) -> bool:
    """Our advice or offer, stated (see the module)."""
    words = word_tokens(tokens)
    if "?" in text or _asks(words) or any(t.text.lower() == "или" for t in words):
        return False  # a choice put to him ("…имеет смысл вернуть через пару месяцев, или дальше смотреть") asks
    for k, t in enumerate(words):
        ours = t.lemma in _ADVISE and "1per" in t.tags
        if not (ours or t.lemma in _NEED or t.text.lower() in _ADVISABLE or t.lemma in _ADVISABLE and t.pos in ("VERB", "NOUN", "PRED")):
            continue
        if any(x.text.lower() in _SUBORDINATE or x.pos == "VERB" and "past" not in x.tags
               and x.lemma not in _ADVISABLE | _ADVISE | {"иметь"} for x in words[:k]):
            continue  # after a clause of another predicate ("хочу понять, что выделено…, что можно перенести на осень",
            # "вам же субвенция идёт, из неё можно что-то на оборудование направить": his means, asked)
        if not ours and any(x.text.lower() == "бы" for x in words[max(0, k - 2):k]):
            continue  # "было бы логично запустить синхронно, хотя, может, у вас другие планы": put up to him
        verb = next((x for x in words[k + 1:k + 5] if x.pos in ("INFN", "VERB")), None)
        if t.lemma in _NEED and not (verb is not None and _to_third(words[words.index(verb) + 1:words.index(verb) + 4])):
            continue
        if (verb is not None and verb.pos == "INFN" and verb.lemma not in _ASKING and verb.lemma not in language().request_verbs
                and not any(x.lemma in ADDRESSEE and "nomn" in x.tags or x.pos == "VERB" and "2per" in x.tags for x in words[:k + 1])):
            return True
    return False


def request(tokens: Sequence[Token]) -> bool:
    """Our request: a verb of handing over with us as its recipient (see the module)."""
    words = word_tokens(tokens)
    if _asks(words) or not any(t.text.lower() in _TO_US for t in words):
        return False
    hand = next((k for k, t in enumerate(words) if t.lemma in _HAND and (
        t.pos == "VERB" and "impr" in t.tags or t.pos == "INFN" and any(x.lemma == "мочь" for x in words[:k]))), None)
    if hand is None:
        return False
    lang = language()
    heads = lang.money_heads | lang.decide_heads | lang.time_anchors
    clauses: list[list[Token]] = [[]]
    for t in tokens:  # the main clause: the words outside a «который» clause, which ends at its mark
        if t.is_word:
            clauses[-1].append(t)
        else:
            clauses.append([])
    main = [t for c in clauses if all(x.lemma not in _RELATIVE for x in c) for t in c]
    return all(t.lemmas.isdisjoint(heads) for t in main)


def viewing_trip(tokens: Sequence[Token]) -> bool:
    """His trip to look at the thing: a verb of going in the second person with an infinitive of looking."""
    words = word_tokens(tokens)
    going = any(t.lemma in _GOING and t.pos == "VERB" and "2per" in t.tags for t in words)
    return going and any(t.pos == "INFN" and t.lemma in _LOOK for t in words) and not any(
        t.text.lower() in I_WE for t in words)


_HOST = frozenset({"принять", "принимать", "встретить", "встречать"})
_EASE = frozenset({"удобно", "удобный", "лучше"})


def hosting(tokens: Sequence[Token]) -> bool:
    """«Когда» and his ease with an infinitive of receiving people ("когда вам удобнее на обследование людей принять?",
    "когда вам удобно нас встретить?"): the time of our visit; not "когда удобнее принять решение" (no person received)."""
    words = word_tokens(tokens)
    if not any(t.lemma == "когда" for t in words) or not any(t.lemma in _EASE or t.text.lower() in _EASE for t in words):
        return False
    host = next((k for k, t in enumerate(words) if t.pos == "INFN" and t.lemma in _HOST), None)
    return host is not None and any(t.text.lower() == "нас" or t.pos == "NOUN" and "anim" in t.tags
                                    for t in words[max(0, host - 3):host + 3])


_PREMISE = (("с", "учёт"), ("с", "учет"), ("исходить", "из"), ("при", "условие"))  # "с учётом того, что …"


def premise(tokens: Sequence[Token], text: str) -> bool:
    """The premise of our figure or offer, stated: "Это с учётом того, что у вас все в одном городе." — a phrase of
    basis («с учётом», «исходя из», «при условии») then «что»; no «?»."""
    words = word_tokens(tokens)
    if "?" in text or _asks(words):
        return False
    for k, (a, b) in enumerate(zip(words, words[1:], strict=False)):
        if (a.text.lower(), b.lemma) in _PREMISE or (a.lemma, b.text.lower()) in _PREMISE:
            return any(x.text.lower() == "что" for x in words[k + 2:k + 5])
    return False


def ours(tokens: Sequence[Token], text: str) -> bool:
    """A line about our act (advice, offer, request) or his viewing trip: it asks no contract question."""
    return advice(tokens, text) or request(tokens) or viewing_trip(tokens) or hosting(tokens) or premise(tokens, text)
