"""The content of a contract set's question, as a caller would say it (the soft match's phrasings).

A lead contract writes its questions in legal or form language ("располагает ли потенциальный клиент
собственным автопарком численностью не менее десяти единиц", "имеется ли действующий договор с медицинской
организацией", "какова предпочтительная форма проведения занятий (очная, дистанционная, смешанная)"); the
manager asks "машины свои есть, сколько?", "с какой клиникой работаете?", "вживую или по зуму?". Before the
soft match (contract.py, similarity.py) each phrasing and the title are reduced to what a caller could say:

- the framing goes (``families.toml`` ``framing``): the third person ("потенциальный клиент", a bare
  "предприятие"/"хозяйство"), the legal verbs and nominalisations of having and stating ("имеется ли",
  "располагает ли", "подтверждает ли", "наличие", "установление"), the manager's own wrapping words (``language.toml`` ``soft_generic``);
- an adjective and its noun are one slot ("медицинская организация", "государственная поддержка",
  "земельный участок"), and so are two nouns joined by "или/либо" ("участок либо кровля"): a caller names
  such a thing with one word ("клиника", "господдержка", "место"), and a slot matches as its best part
  (similarity.word_similarity);
- a parenthesised list is the question's answer options ("(очная, дистанционная, смешанная)"): an
  alternative question that offers two of them asks it ("вживую или онлайн?", contract.options_hit); a count
  question's list is its units ("объём отгрузок (паллеты, заказы, тоннаж)"): a count of one asks it;
- a threshold or horizon goes too ("более десяти сотрудников", "в ближайшие шесть месяцев", ``framing_threshold``):
  the caller asks the count or the plan ("сколько у вас человек?" asks "превышает ли штат пятьдесят человек");
- a deverbal noun with its object stands for its verbs too ("смена подрядчика" -> "сменить", ``verbs_of``), which
  the ``predicates`` families of families.toml join to the caller's verbs of the same act ("поменять", "перейти").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

from qa_desk.analysis import data_files, parsed_toml
from qa_desk.analysis.families import expand
from qa_desk.analysis.language import Language
from qa_desk.analysis.lexicon import Token, analyse_word, lemma_of, word_is_known
from qa_desk.analysis.similarity import Word, slot
from qa_desk.analysis.vectors import vectors

_EITHER = frozenset({"или", "либо"})
_ADJ = frozenset({"ADJF", "PRTF"})
_PARENS = re.compile(r"\(([^()]*)\)")


@lru_cache(maxsize=1)
def _lists() -> tuple[frozenset[str], frozenset[str], frozenset[str], tuple[str, ...], frozenset[str]]:
    """(framing lemmas, third-person subjects, their markers, framing participles' beginnings, generic heads)
    from families.toml."""
    text = data_files.read_text("data/families.toml")
    raw = parsed_toml.loads(text)
    return (frozenset(raw.get("framing", [])), frozenset(raw.get("framing_subjects", [])),
            frozenset(raw.get("framing_markers", [])), tuple(raw.get("framing_forms", [])),
            frozenset(raw.get("generic_heads", [])))


def _framing_form(token: Token) -> bool:
    """A participle of the framing, known by its form (its lemma is a verb a caller does say): "планируемый",
    "предусмотренный", "действующий"."""
    return token.pos in _ADJ and token.text.lower().replace("ё", "е").startswith(_lists()[3])


def framed(tokens: Sequence[Token]) -> bool:
    """The phrasing is written in legal or form language: it has a legal word of the framing (``framing_legal``:
    "имеется ли", "располагает ли", "наличие", "потенциальный"), not only a plain one ("готовы ли", "текущую"), or
    sets a threshold or a horizon ("более десяти", "в ближайший квартал")."""
    return any(t.lemma in _legal() or t.lemma in _threshold() for t in tokens)


@lru_cache(maxsize=1)
def _legal() -> frozenset[str]:
    text = data_files.read_text("data/families.toml")
    return frozenset(parsed_toml.loads(text).get("framing_legal", []))


_HORIZON = frozenset({"близкий", "ближайший"})  # framing_threshold words of a horizon, not a bar: "в ближайшие шесть месяцев"


@lru_cache(maxsize=1)
def _threshold() -> frozenset[str]:
    text = data_files.read_text("data/families.toml")
    return frozenset(parsed_toml.loads(text).get("framing_threshold", []))


def thresholded(texts: Iterable[str], tokenize: Callable[[str], Iterable[Token]]) -> bool:
    """A phrasing asks whether a count passes a bar ("превышает ли штат пятьдесят человек", "более десяти
    сотрудников"): a caller may ask the count ("сколько у вас человек?")."""
    bars = _threshold() - _HORIZON
    for text in texts:
        tokens = tuple(tokenize(text))
        if any(t.lemma in bars for t in tokens) and any(t.pos == "NUMR" or t.is_digit for t in tokens):
            return True
    return False


def _kept(tokens: Sequence[Token], lang: Language) -> list[Token]:
    """The content tokens less the framing, the numbers and the third-person subject ("потенциальный клиент";
    a bare "предприятие", "хозяйством": the client's own firm), with the "или/либо" between them."""
    framing, subjects, markers, _forms, _generic = _lists()
    threshold = _threshold()
    words = [t for t in tokens if t.is_word]
    out: list[Token] = []
    horizon = False  # "в ближайшие шесть месяцев": the period noun after the horizon goes too
    for k, t in enumerate(words):
        before = words[k - 1] if k else None
        if t.text.lower() in _EITHER:
            out.append(t)
            continue
        if t.lemma in threshold or t.pos == "NUMR":
            horizon = horizon or t.lemma in _HORIZON
            continue
        if horizon and t.pos == "NOUN":
            horizon = False
            continue
        if not t.is_content or t.lemma in framing or t.lemma in markers or _framing_form(t):
            continue
        if t.lemma in lang.soft_generic or t.lemma in lang.question_words or t.lemma in lang.measure_words:
            continue
        if t.pos == "NOUN" and before is not None and before.lemma in markers:  # "потенциальный клиент"
            continue
        if t.lemma in subjects and (before is None or before.pos not in _ADJ):
            continue
        out.append(t)
    while out and out[-1].text.lower() in _EITHER:
        out.pop()
    while out and out[0].text.lower() in _EITHER:
        out.pop(0)
    return out


def _modifies(before: Token, token: Token) -> bool:
    """``before`` is an adjective of ``token`` (or of the noun ``token`` leads to); a participle is not (its
    case may agree by chance: "принимающее решение", "требующей уборки")."""
    if token.pos != "NOUN" and token.pos not in _ADJ:
        return False
    return before.pos == "ADJF"


# A deverbal noun's endings and its verb's ("смена" -> "сменить", "отгрузка" -> "отгрузить", "запуск" -> "запускать",
# "модернизация" -> "модернизировать", "обновление" -> "обновить").
_NOUN_ENDINGS = ("ация", "ение", "ание", "ка", "а", "")
_VERB_ENDINGS = ("ить", "ать", "ять", "ировать")


_DERIVED_COSINE = 0.2  # a verb of the noun's letters whose vector is this near the noun's (not "договор" -> "договорить")


@lru_cache(maxsize=512)
def verbs_of(noun: str) -> frozenset[str]:
    """The verbs a deverbal noun names the act of: known to pymorphy3 as their own lemma, and near the noun in
    the vector table (a look-alike of another root, "точка" -> "точить", "отдел" -> "отделить", is not): a set's
    "смена подрядчика" is a caller's "сменить" (and, by the ``predicates`` families, "поменять", "перейти")."""
    table = vectors()
    row = table.row([noun])
    out: set[str] = set()
    for ending in _NOUN_ENDINGS:
        if row is None or not noun.endswith(ending) or len(noun) - len(ending) < 3:
            continue
        stem = noun[:len(noun) - len(ending)] if ending else noun
        for verb in _VERB_ENDINGS:
            cand = stem + verb
            if cand == noun or not word_is_known(cand) or lemma_of(cand) != cand:
                continue
            other = table.row([cand])
            if other is not None and table.cosine(row, other) >= _DERIVED_COSINE:
                out.add(cand)
        if out:
            break
    return frozenset(out)


def _acts(t: Token, after: Token | None) -> frozenset[str]:
    """A noun with a genitive object names an act ("смена подрядчика", "запуск работы", not "в сколько смен
    работает"): its lemmas and its verbs'."""
    if t.pos != "NOUN" or after is None or after.pos not in ("NOUN", "ADJF") or "gent" not in after.tags:
        return t.lemmas
    return t.lemmas | verbs_of(t.lemma)


def phrasing(tokens: Sequence[Token], lang: Language) -> tuple[Word, ...]:
    """One phrasing's content slots: adjective + noun and "X или Y" are one slot each; a deverbal noun with its
    object also stands for its verbs (``verbs_of``)."""
    generic = _lists()[4]
    groups: list[tuple[list[Word], list[Word]]] = []  # (heads, modifiers)
    join, prev = False, None
    kept = _kept(tokens, lang)
    for k, t in enumerate(kept):
        if t.text.lower() in _EITHER:
            join = bool(groups)
            continue
        word = expand(_acts(t, kept[k + 1] if k + 1 < len(kept) else None)) | ({"#persons"} if t.animate else set())
        if groups and prev is not None and _modifies(prev, t):  # the modifier before becomes one
            heads, mods = groups[-1]
            if prev.pos in _ADJ and heads and heads[-1] == expand(prev.lemmas):
                mods.append(heads.pop())
            if t.pos == "NOUN" and t.lemma in generic:  # "медицинская организация": the adjective says what
                heads.extend(mods)
                mods.clear()
            (heads if t.pos == "NOUN" or t.lemma in generic else mods).append(word)
        elif groups and join:
            groups[-1][0].append(word)
        else:
            groups.append(([word], []))
        join, prev = False, t
    return tuple(h[0] if len(h) == 1 and not m else slot(h or m, m if h else ()) for h, m in groups)


# A title written as a form or CRM field ("Объём_в_мес_шт", "Целевая_цена_за_ед_руб", "Площадь объекта, кв. м",
# "Расход, кг/мес", "Нужны_образцы_ДН"): its unit abbreviations (a closed class) as a caller would say them, a unit
# of count as the count it asks ("шт", "кол-во": "количество", read as "сколько"; "за шт": a unit's), a currency, an area unit and a
# yes/no flag as nothing (the answer kind says them), "/мес" as "в месяц".
_UNITS = ((re.compile(r"(?i)(?<![а-яё])кол-?во(?![а-яё])"), "количество"),
          (re.compile(r"(?i)(?<![а-яё])за\s+(шт|ед)(?![а-яё])\.?"), "за единицу"),  # a unit's price
          (re.compile(r"(?i)(?<![а-яё])шт(?![а-яё])\.?"), "количество"),
          (re.compile(r"(?i)(?<![а-яё])ед(?![а-яё])\.?"), "единица"),
          (re.compile(r"(?i)(?<![а-яё])(руб|р|тыс)(?![а-яё])\.?|₽"), " "),
          (re.compile(r"(?i)(?<![а-яё])кв\.?\s*м(?![а-яё])\.?|(?<![а-яё])м[2²](?![а-яё0-9])"), " "),
          (re.compile(r"(?<![А-ЯЁа-яё])ДН(?![А-ЯЁа-яё])|\(?\b[Дд]а\s*/\s*[Нн]ет\b\)?"), " "),
          (re.compile(r"(?i)/\s*(?=(мес|год|сут|день|дн|нед)[а-яё]*)"), " в "),
          (re.compile(r"(?i)(?<![а-яё])мес(?![а-яё])\.?"), "месяц"),
          (re.compile(r"(?i)(?<![а-яё])кг(?![а-яё])\.?"), "килограмм"))


_CAPITALISED = re.compile(r"(?<=[\s(])[А-ЯЁ][а-яё]+")
_NAMES = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"})


def spoken_title(title: str) -> str:
    """A title as words: a field name's underscores as spaces, its unit abbreviations as said (``_UNITS``), less a
    contract's defined party written with a capital inside the title ("…, который Лизингополучатель готов внести",
    "Ответственное лицо Заказчика"): the client himself, whom a caller calls "вы"."""
    text = title.replace("_", " ")
    for pattern, said in _UNITS:
        text = pattern.sub(said, text)
    return _CAPITALISED.sub(lambda m: " " if _party(m.group(0)) else m.group(0), text)


def _party(word: str) -> bool:
    """An animate common noun, or a noun the dictionary does not know ("Лизингополучатель"), that is no name, place
    or firm: a party of the contract."""
    a = analyse_word(word.lower())
    return a.pos == "NOUN" and (a.animate or not a.known) and not a.tags & _NAMES


# A title that lists the answers after a colon ("Формат: выезд / банкет / тимбилдинг", "Режим: пост / пульт")
_SLASHED = re.compile(r":\s*([^:()/]+(?:/[^:()/]+)+)$")


def _listed(text: str, tokenize: Callable[[str], Iterable[Token]]) -> list[list[Token]]:
    """The answer lists of a text: each parenthesis's content words, and the first content word of each item of a
    slash list after a colon (not what closes the list: "машин / контейнеров / кубов в месяц")."""
    found = [[t for t in tokenize(inner) if t.is_content] for inner in _PARENS.findall(text)]
    slashed = _SLASHED.search(text.strip().rstrip(".?"))
    items = [[t for t in tokenize(item) if t.is_content][:1] for item in slashed.group(1).split("/")] if slashed else []
    return [*found, [t for item in items for t in item]]


def options(text: str, tokenize: Callable[[str], Iterable[Token]]) -> tuple[Word, ...]:
    """The answer options a question lists in parentheses ("(очная, дистанционная, смешанная)") or after a colon
    with slashes ("Формат: выезд / банкет / тимбилдинг"): at least two."""
    out: list[Word] = []
    for listed in _listed(text, tokenize):
        if len(listed) >= 2:
            out.extend(expand(t.lemmas) for t in listed)
    return tuple(out)


def phrasings(texts: Sequence[str], tokenize: Callable[[str], Iterable[Token]], lang: Language,
              plain: Sequence[Sequence[Word]] = ()) -> tuple[tuple[tuple[Word, ...], ...], tuple[Word, ...]]:
    """(content phrasings, answer options) of a question's phrasings and title: the ``plain`` ones (their
    content words as written) and, for one written in legal or form language (``framed``), its content as
    said; the options are left out of the content phrasings."""
    out: list[tuple[Word, ...]] = [tuple(p) for p in plain]
    opts: list[Word] = []
    for text in texts:
        opts.extend(options(text, tokenize))
        tokens = tuple(tokenize(_PARENS.sub(" ", text)))  # a slash list stays: "Объём: машин / кубов в месяц"
        said = phrasing(tokens, lang)
        if said and said not in out and framed(tokens):
            out.append(said)
    return tuple(out), tuple(opts)
