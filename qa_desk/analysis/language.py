"""Language resources (data/language.toml) compiled once into lemma sets and phrases, and the small closed
word sets several modules share (lead-ins, pronouns, bounds…): each module takes one of these and adds its
own extras explicitly (``LEAD_INS | {"и"}``), so a shared concept has one source."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from qa_desk.analysis import data_files, parsed_toml
from qa_desk.analysis.lexicon import lemma_of
from qa_desk.analysis.patterns import Phrase

# Words a reply or a question opens with that carry nothing, matched as written (lower case). Every module
# that skips them takes this core and adds its own few explicitly (``LEAD_INS | {"и", …}``).
LEAD_INS = frozenset({"а", "ну", "так"})
# Openers addressed to the listener ("вот, слушайте, …", "знаете, …", "смотрите, …").
LISTENER_LEAD_INS = frozenset({"вот", "слушайте", "слушай", "знаете", "смотрите"})
# Acknowledgements of the other's words before one's own ("хорошо, а …", "понятно, …", "ага, …").
ACKNOWLEDGEMENTS = frozenset({"хорошо", "понятно", "ясно", "отлично", "ага"})
# The other side addressed and the speaker's side (forms as written, or lemmas: the sets are the same).
YOU = frozenset({"вы", "ваш"})
WE = frozenset({"мы", "наш"})
# The listener, polite or familiar: as written in the nominative, or the lemma of any form of either pronoun.
ADDRESSEE = frozenset({"вы", "ты"})
# The listener as written in the cases a question puts him in ("вам хватает?", "у вас кто решает?").
ADDRESSEE_FORMS = frozenset({"вы", "вас", "вам", "ты", "тебя", "тебе"})
I_WE = frozenset({"я", "мы"})  # the speaker and his side as the subject
THIRD_PERSON = frozenset({"он", "она", "они"})  # someone else as the subject
LET_US = frozenset({"давайте", "давай"})  # a joint act proposed
SPEAKER = frozenset({"я", "мы", "сам", "сама", "сами"})  # the speaker naming himself ("Ну я.", "Сами.")
COUNT_WORDS = frozenset({"сколько", "количество", "число", "численность"})  # lemmas of a question a count answers
RESTATE = ("то", "есть")  # the opener of a restatement ("то есть вы решаете сами?")
HELLO = frozenset({"алло", "здравствуйте", "здрасьте", "добрый", "доброе", "привет"})  # a greeting, as written
# Verbs of saying, as lemmas (closed class); a reader that needs a few more adds them (``SAYING | {"обронить"}``).
SAYING = frozenset({"сказать", "говорить", "упомянуть", "упоминать", "рассказать", "рассказывать", "передать",
                    "передавать", "написать", "писать", "обмолвиться"})
# The months in calendar order, as lemmas.
MONTHS = ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь",
          "декабрь")
UPPER_BOUNDS = frozenset({"максимум", "край", "потолок", "предел"})  # "сорок, максимум пятьдесят", "это потолок"
OR_WORDS = frozenset({"или", "либо"})  # the conjunctions of an alternative, as written
CONTRAST = frozenset({"а", "но", "зато", "однако"})  # conjunctions that set one clause against another
CLAUSE_MARKS = frozenset({",", ".", ";", "!", "?"})  # punctuation that ends a clause
PAST_MARKS = frozenset({"прошлый", "позапрошлый"})  # "в прошлом году"
PLANS = frozenset({"хотеть", "планировать", "собираться", "рассчитывать", "надо", "нужно", "необходимо"})  # lemmas
CALL_VERBS = frozenset({"перезвонить", "позвонить", "набрать", "созвониться"})  # lemmas: arranging the next call
CONFIRMATIONS = frozenset({"да", "так", "верно", "точно", "именно", "конечно"})  # "да", "верно", "так и есть"
NEGATIONS = frozenset({"не", "нет", "ни"})
CONDITIONALS = frozenset({"если", "коли", "ежели"})  # a clause that sets a condition ("если окупится — возьмём")
DASHES = frozenset({"—", "–", "-", "−"})  # a dash as written: the break between a condition and its outcome
# Words that open a reply glued to the question in one mono segment ("…скока готовы потратить ну тыщ тридцать")
REPLY_OPENERS = frozenset({"ну", "да", "нет", "где-то", "наверное", "думаю", "я", "мы", "угу", "ага", "конечно"})


def lemma_set(words: list[str]) -> frozenset[str]:
    """The words of a data list with their lemmas (a word matches as written or as any form of it)."""
    return frozenset(w for word in words for w in (word, lemma_of(word)))


@dataclass(frozen=True, slots=True)
class Language:
    question_words: frozenset[str]
    specific_words: frozenset[str]
    soft_generic: frozenset[str]
    arrangements: frozenset[str]
    measure_words: frozenset[str]
    size_words: frozenset[str]
    quantity_words: frozenset[str]
    decide_heads: frozenset[str]
    money_heads: frozenset[str]
    counter_openers: frozenset[str]
    hedges: frozenset[str]
    request_verbs: frozenset[str]
    request_phrases: tuple[Phrase, ...]
    trailers: tuple[tuple[str, ...], ...]  # words (as written) a question may end with: "если знаете"
    evasions: tuple[Phrase, ...]
    time_anchors: frozenset[str]
    time_weak: frozenset[str]
    time_adverbs: frozenset[str]
    time_modifiers: frozenset[str]
    yes: frozenset[str]
    no: frozenset[str]
    person_inanimate: frozenset[str]
    person_roles: frozenset[str]
    person_self: frozenset[str]
    person_decide: frozenset[str]
    person_relay: frozenset[str]
    person_ignore: frozenset[str]
    no_money: tuple[Phrase, ...]

    @property
    def vocabulary(self) -> set[str]:
        """Lemmas worth repairing misspellings towards."""
        words = set(self.request_verbs | self.time_anchors | self.time_adverbs)
        for phrase in (*self.evasions, *self.no_money, *self.request_phrases):
            for slot in phrase.words:
                words |= slot
        return words


@lru_cache(maxsize=1)
def language() -> Language:
    """Load the package's language.toml."""
    text = data_files.read_text("data/language.toml")
    raw = parsed_toml.loads(text)
    q, t, yn, p = raw["question"], raw["timing"], raw["yes_no"], raw["person"]
    return Language(
        question_words=lemma_set(q["words"]),
        specific_words=lemma_set(q["specific_words"]),
        soft_generic=lemma_set(q["soft_generic"]),
        arrangements=lemma_set(q["arrangements"]),
        measure_words=lemma_set(q["measure_words"]),
        size_words=lemma_set(q["size_words"]),
        quantity_words=lemma_set(q["quantity_words"]),
        decide_heads=lemma_set(q["decide_heads"]),
        money_heads=lemma_set(q["money_heads"]),
        counter_openers=lemma_set(q["counter_openers"]),
        hedges=lemma_set(q["hedges"]),
        request_verbs=lemma_set(q["request_verbs"]),
        request_phrases=tuple(Phrase.parse(s) for s in q["request_phrases"]),
        trailers=tuple(tuple(s.split()) for s in q["trailers"]),
        evasions=tuple(Phrase.parse(s) for s in raw["evasion"]["phrases"]),
        time_anchors=lemma_set(t["anchors"]),
        time_weak=lemma_set(t["weak_anchors"]),
        time_adverbs=lemma_set(t["adverbs"]),
        time_modifiers=lemma_set(t["modifiers"]),
        yes=lemma_set(yn["yes"]),
        no=lemma_set(yn["no"]),
        person_inanimate=lemma_set(p["inanimate"]),
        person_roles=lemma_set(p["roles"]),
        person_self=lemma_set(p["self"]),
        person_decide=lemma_set(p["decide"]),
        person_relay=lemma_set(p["relay"]),
        person_ignore=lemma_set(p["ignore"]),
        no_money=tuple(Phrase.parse(s) for s in raw["no_money"]["phrases"]),
    )
