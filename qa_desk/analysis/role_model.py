"""Mono calls: a learned second opinion on whose each utterance is.

The rules (mono_roles.py, units.py) give every unit of a mono call a role. A small logistic model, trained on the
labelled calls' turns (scripts/train_role_model.py: every v7 call run as mono, the true speaker known), reads each
unit's grammar (the person of its verbs and pronouns, «я/мы/вы», question form, imperative, politeness formulas,
figures, length), where it stands (first of the call, the same segment as the unit before), the rules' role of it and
of its neighbours, and what the neighbours are (a question, second person), and gives P(the manager's); a second
stage reads the same and the neighbours' first-stage P (turn-taking). Where it disagrees with the rules with confidence
(P beyond 0.5 ± the file's margin), its role is taken, except where the rules are the better judge: the call's opening,
a unit the rules read as one speaker with its neighbour in the same segment, our unit that asks one of the deal's
questions, a call of under three units. The weights ship in data/role_model.json, loaded on the first mono call.
Leave-one-folder-out (scripts/train_role_model.py --lofo --two --margin 0.35): sentences right on mono calls
82.1 % -> 92.6 %, stereo calls run as mono 81.9 % -> 91.7 % (round 16).
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from qa_desk.analysis import data_files
from qa_desk.analysis.detect import Sentence
from qa_desk.analysis.language import WE, YOU
from qa_desk.analysis.lexicon import Token
from qa_desk.analysis.money import find_amounts
from qa_desk.analysis.pairing import Unit

# closed classes of the language
_I = frozenset({"я", "мой"})
_THOU = frozenset({"ты", "твой"})
_QWORDS = frozenset({"кто", "что", "где", "когда", "куда", "откуда", "почему", "зачем", "как", "какой", "сколько",
                     "чей", "ли", "разве", "неужели", "который"})
_POLITE = frozenset({"пожалуйста", "спасибо", "благодарить", "извинить", "простить", "здравствовать", "добрый",
                     "свидание", "всего", "хорошего"})
_OPENERS = frozenset({"ну", "да", "нет", "ага", "угу", "конечно", "так", "ладно", "а", "и", "понятно", "ясно", "хорошо",
                      "понял", "поняла", "слушаю", "алло", "вот", "не"})


def _grammar(prefix: str, sentences: Sequence[Sentence], out: dict[str, float]) -> None:
    """The unit's grammar as features named ``prefix`` + name (0/1 or a small count)."""
    words: list[Token] = [t for s in sentences for t in s.tokens if t.is_word]
    n = len(words)
    out[prefix + "len"] = math.log1p(n)
    out[prefix + "sents"] = min(len(sentences), 4) / 4
    out[prefix + "q_last"] = float(bool(sentences) and sentences[-1].is_question)
    out[prefix + "q_first"] = float(bool(sentences) and sentences[0].is_question)
    out[prefix + "q_any"] = float(any(s.is_question for s in sentences))
    out[prefix + "mark"] = float(any("?" in s.text for s in sentences))
    out[prefix + "excl"] = float(any("!" in s.text for s in sentences))
    out[prefix + "ellipsis"] = float(any("…" in s.text or "..." in s.text for s in sentences))
    lem = [t.lemma for t in words]
    for name, cls in (("i", _I), ("we", WE), ("you", YOU), ("thou", _THOU), ("qw", _QWORDS), ("polite", _POLITE)):
        k = sum(1 for x in lem if x in cls)
        out[prefix + name] = float(k > 0)
        out[prefix + name + "_n"] = min(k, 3) / 3
    verbs = [t for t in words if t.pos in ("VERB", "INFN")]
    for tag in ("1per", "2per", "3per", "impr", "past", "futr", "pres", "sing", "plur"):
        out[prefix + "v_" + tag] = float(any(tag in t.tags for t in verbs))
    out[prefix + "v_1sg"] = float(any("1per" in t.tags and "sing" in t.tags for t in verbs))
    out[prefix + "v_1pl"] = float(any("1per" in t.tags and "plur" in t.tags for t in verbs))
    out[prefix + "v_2pl"] = float(any("2per" in t.tags and "plur" in t.tags for t in verbs))
    out[prefix + "infn"] = float(any(t.pos == "INFN" for t in words))
    out[prefix + "noverb"] = float(not verbs)
    out[prefix + "figure"] = float(any(t.is_digit or "NUMR" in t.tags for s in sentences for t in s.tokens))
    out[prefix + "name"] = float(any("Name" in t.tags or "Patr" in t.tags for t in words))
    out[prefix + "quoted"] = float(any("«" in s.text for s in sentences))
    out[prefix + "opens"] = float(bool(words) and words[0].text.lower() in _OPENERS)
    out[prefix + "u_vas"] = float(any(a.text.lower() == "у" and b.lemma in ("вы", "ты")
                                      for a, b in zip(words, words[1:], strict=False)))
    out[prefix + "u_nas"] = float(any(a.text.lower() == "у" and b.text.lower() == "нас"
                                      for a, b in zip(words, words[1:], strict=False)))
    out[prefix + "content"] = sum(1 for t in words if t.is_content) / max(n, 1)


def features(out: Sequence[Unit], k: int, vocab: frozenset[str] = frozenset()) -> dict[str, float]:
    """Unit ``k``'s features, among the call's units ``out`` (their roles the rules')."""
    u = out[k]
    f: dict[str, float] = {"bias": 1.0, "rule": float(u.role == "manager")}
    _grammar("", u.sentences, f)
    prev = out[k - 1] if k else None
    nxt = out[k + 1] if k + 1 < len(out) else None
    f["first"] = float(k == 0)
    f["early"] = float(k < 3)
    f["has_prev"] = float(prev is not None)
    f["has_next"] = float(nxt is not None)
    if prev is not None:
        f["prev_rule"] = float(prev.role == "manager")
        f["same_seg_prev"] = float(prev.segment is u.segment)
        f["prev_q"] = float(bool(prev.sentences) and prev.sentences[-1].is_question)
        f["prev_you"] = float(any(not s.lemmas.isdisjoint(YOU) for s in prev.sentences))
        f["prev_we"] = float(any(not s.lemmas.isdisjoint(WE) for s in prev.sentences))
        before = frozenset(t.lemma for s in prev.sentences for t in s.tokens if t.is_content)
        mine = [t.lemma for s in u.sentences for t in s.tokens if t.is_content]
        f["echo"] = sum(1 for x in mine if x in before) / max(len(mine), 1)
        f["rule_x_prev"] = f["rule"] * f["prev_rule"]
    if nxt is not None:
        f["next_rule"] = float(nxt.role == "manager")
        f["same_seg_next"] = float(nxt.segment is u.segment)
        f["next_q"] = float(bool(nxt.sentences) and nxt.sentences[-1].is_question)
        f["next_opens"] = float(any(t.is_word and t.text.lower() in _OPENERS for t in nxt.sentences[0].tokens[:1])
                                if nxt.sentences else False)
        f["rule_x_next"] = f["rule"] * f["next_rule"]
    if vocab:
        for lemma in {t.lemma for s in u.sentences for t in s.tokens if t.is_word} & vocab:
            f["w:" + lemma] = 1.0
    return f


STAGE2 = ("prev_p", "next_p", "prev2_p", "next2_p")


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def stage2(p: Sequence[float], k: int) -> dict[str, float]:
    """The second stage's reading of the neighbours: their first-stage P(the manager's), as logits (0: none)."""
    def at(j: int) -> float:
        return _logit(p[j]) if 0 <= j < len(p) else 0.0
    return {"prev_p": at(k - 1), "next_p": at(k + 1), "prev2_p": at(k - 2), "next2_p": at(k + 2)}


class Model:
    def __init__(self, weights: dict[str, float], weights2: dict[str, float], margin: float) -> None:
        self.weights = weights
        self.weights2 = weights2
        self.vocab = frozenset(k[2:] for k in weights if k.startswith("w:"))
        self.margin = margin

    def manager_p(self, out: Sequence[Unit]) -> list[float]:
        feats = [features(out, k, self.vocab) for k in range(len(out))]
        p = [_sigmoid(sum(self.weights.get(name, 0.0) * v for name, v in f.items())) for f in feats]
        if not self.weights2:
            return p
        return [_sigmoid(sum(self.weights2.get(name, 0.0) * v for name, v in (f | stage2(p, k)).items()))
                for k, f in enumerate(feats)]


def _sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=1)
def model() -> Model | None:
    try:
        raw = json.loads(data_files.read_text("data/role_model.json"))
        if os.environ.get("QA_ROLE_MODEL"):  # the scripts' comparison of trained models
            raw = json.loads(Path(os.environ["QA_ROLE_MODEL"]).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    return Model({str(k): float(v) for k, v in raw["weights"].items()},
                 {str(k): float(v) for k, v in raw.get("weights2", {}).items()}, float(raw["margin"]))


_MIN_UNITS = 3


def _one_turn(out: Sequence[Unit], k: int) -> bool:
    """The rules keep unit ``k``: the call's first, or one shares its segment with a neighbour the rules gave the same role: the rules read one speaker there
    (the model, reading turn-taking, split «…ПЭК нам скидку дал и?» | «мы с ними уже подписали на год» in two)."""
    if k == 0:
        return True  # the opening is the rules' (caller_intro, a bare pick-up): a client may speak first (heldout_v4 m08)
    return any(0 <= j < len(out) and out[j].segment is out[k].segment and out[j].role == out[k].role for j in (k - 1, k + 1))


def _money_reply(out: Sequence[Unit], k: int, asks_money: Callable[[Unit], bool] | None) -> bool:
    """The rules' client unit with a sum, one or two units after our money question: on audio, Whisper glues the
    client's figure to our read-back of it («Тристо тысяч с мантужем? С мантужем совсем 300.»), and the model, reading
    the glued whole, took the client's sum from them (heldout17 audio)."""
    if asks_money is None or out[k].role != "client" or not find_amounts([t for s in out[k].sentences for t in s.tokens]):
        return False
    return any(j >= 0 and out[j].role == "manager" and asks_money(out[j]) for j in (k - 1, k - 2))


def relabel(out: list[Unit], asks: Callable[[Unit], bool] | None = None, m: Model | None = None,
            asks_money: Callable[[Unit], bool] | None = None) -> list[Unit]:
    """The mono units with the model's role where it is sure (P beyond 0.5 ± ``margin``) and the rules differ; not
    the manager's unit that ``asks`` one of the deal's questions: on audio, Whisper glues the client's words and our
    question into one segment, and the model, reading the glued whole, took our question from us (H21 audio: «…миллион
    580 тысяч. … а вы, если позволите, из каких средств планируете…»). eng16m: a flip must start a turn (not join the unit
    before: the model, reading turn-taking, took «Для нас это дорого…» after our price for a second turn of ours), not
    the client's sum after our money question (``asks_money``; _money_reply), and units of one segment the rules cut
    apart for two roles are one again where both got one role (_joined)."""
    m = m if m is not None else model()
    if m is None or len(out) < _MIN_UNITS:
        return out  # a lone utterance or pair has no turn-taking to read
    new = list(out)
    for k, (u, p) in enumerate(zip(out, m.manager_p(out), strict=True)):
        role = "manager" if p > 0.5 + m.margin else "client" if p < 0.5 - m.margin else u.role
        if role == u.role or u.role == "manager" and asks is not None and asks(u) or _one_turn(out, k):
            continue
        if k and new[k - 1].role == role or _money_reply(out, k, asks_money):
            continue  # a flip must start a turn (eng16m: "Для нас это дорого" after our price is no second turn of ours)
        new[k] = replace(u, role=role)
    return _joined(out, new)


def _joined(old: Sequence[Unit], new: list[Unit]) -> list[Unit]:
    """Units the rules cut out of one segment to give them two roles, one again where the model gave both one role
    ("Мы как бы прикидывали тысяч?" | "триста, ну максимум триста пятьдесят": the cut stood only for the roles)."""
    out: list[Unit] = []
    for k, u in enumerate(new):
        if out and out[-1].segment is u.segment and out[-1].role == u.role and old[k - 1].role != old[k].role:
            out[-1] = replace(out[-1], sentences=[*out[-1].sentences, *u.sentences])
        else:
            out.append(u)
    return out
