"""Round 18 (eng18k) own cases for deciders, written before tuning, in trades unlike the held-out sets' (a print
shop, a bakery, a gym, a flower shop, a dry cleaner's, a driving school, a bike workshop, a tattoo studio, a pet
grooming salon, a dance hall, a garden co-op, a copy centre): who decides, as the deal's card shows it.

Shapes: the speaker's own role beside a denial of partners; a role («с женой») named in the same turn by a later
sentence that gives the final say to a named person; «решает он» whose antecedent our question named; a role named in
a later call by apposition («Эдуард Ринатович посмотрел. Наш управляющий.»); «мы вчетвером решаем» over the board
the turn names; a collective not joined to the next sentence's object; a role's genitive complement kept; a weak later
mention (a phone number asked) or a contact («с кем обсуждать») not displacing a named decider; a later call's final
say with a name; the speaker who decides over a person who only signs; the client's own name confirmed is no decider;
a role with its name in apposition; a negated spouse; a committee over its chair."""

from __future__ import annotations

import pytest
from analysis_calls import call

from qa_desk.analysis import analyze_deal, bant
from qa_desk.domain.transcript import RecordingTranscript

M, C = "manager", "client"
ASK = "Подскажите, а кто у вас окончательно решает по такой покупке?"


def _deal(greeting: str, reply: str, ask: str = ASK, pick_up: str = "Да, слушаю.") -> list[RecordingTranscript]:
    return [call((M, greeting), (C, pick_up), (M, ask), (C, reply))]


# (label, calls, words the decider must hold, words it must not hold)
DECIDERS: list[tuple[str, list[RecordingTranscript], list[str], list[str]]] = [
    ("own_role_beside_no_partners", _deal(
        "Оксана Павловна, добрый день, «ПринтМаркет».",
        "Я сама. Я хозяйка, компаньонов у меня нет, не люблю я этого. Бухгалтер только платёжку сделает, а решаю я.",
        ask="С кем-то ещё вам это согласовывать, или вы в типографии сами себе хозяйка?", pick_up="Да, я."),
     ["хозяйка"], []),
    ("spouse_then_named_final_say", _deal(
        "Добрый день, пекарня «Колосок»? «ХлебТех».",
        "С женой. Пекарня на нас двоих, но деньгами у нас Лариса Юрьевна занимается, я пеку. Последнее слово всё равно "
        "за ней.", ask="А решение по таким вложениям вы единолично принимаете, или с кем-то советуетесь?"),
     ["Лариса Юрьевна"], []),
    ("pronoun_from_our_question", _deal(
        "Добрый день, фитнес-клуб «Атлет»? «СпортСнаб».",
        "Что вы, я только собираю. Решает он, и только он, ну и иногда его брат, если ему что-то не понравится.",
        ask="А выбирать тренажёры будете вы сами, или последнее слово всё равно за Аркадием Борисовичем?"),
     ["Аркадий Борисович"], ["брат"]),
    ("role_named_next_call_apposition", [
        call((M, "Добрый день, копицентр «Формат»? «ПринтЛайн»."), (C, "Да."),
             (M, "А кто у вас такие закупки утверждает, все партнёры или кто-то один?"),
             (C, "Управляющий. Остальные подписываются под тем, что он скажет.")),
        call((M, "Добрый день, снова «ПринтЛайн». Посмотрели наше предложение?"),
             (C, "Эдуард Ринатович посмотрел. Наш управляющий. Говорит, дороговато."))],
     ["Эдуард Ринатович"], []),
    ("we_decide_the_board", _deal(
        "Добрый день, садовое товарищество «Рябинка»? «ВодоСнаб».",
        "Ну, я председатель, и ещё у нас в правлении двое, Ирина из пятого участка и Пётр. Вот мы втроём решаем.",
        ask="Правление — это вы с кем ещё? Кто у вас такие траты одобряет?"),
     ["правлени"], ["председатель"]),
    ("collective_not_joined_to_next_object", _deal(
        "Добрый день, танцевальный клуб «Вальс»? «ПаркетСервис».",
        "Собрание, конечно. Я председатель, но такие вещи — это только общее собрание членов клуба. А собрание Зинаиду "
        "в обиду не даст.", ask="Этот вопрос вы сами решаете, или правление, собрание?"),
     ["общее собрание"], ["зинаид"]),
    ("role_genitive_complement_kept", _deal(
        "Добрый день, цветочный магазин «Роза»? «ФлораОпт».",
        "Правильно. Этим занимается директор по закупкам сети в Казани. Мы тут только заявки подаём.",
        ask="То есть выбирать поставщика будет уже не магазин, а кто-то в головной компании, кто у вас решает?"),
     ["директор по закупкам сети"], []),
    ("weak_later_mention_keeps_named", [
        call((M, "Добрый день, химчистка «Снежинка»? «КлинХим»."), (C, "Да."),
             (M, "В итоге варианты лягут на стол генеральному, или кто у вас решает?"),
             (C, "Генеральному, Вячеславу Олеговичу Кузину. Он и решит. Я только собираю и передаю.")),
        call((M, "Добрый день, снова «КлинХим». А телефон бухгалтера вы мне можете дать, или подождать?"),
             (C, "Не хочу, чтобы потом сказали, что я раздаю телефоны бухгалтеров. Подождите."))],
     ["Вячеслав Олегович"], []),
    ("contact_not_decider", [
        call((M, "Добрый день, автошкола «Старт»? «АвтоТренажёр»."), (C, "Да."),
             (M, "А кто у вас потом скажет да или нет, вы сами выбираете или комиссия собирается?"),
             (C, "Всё дорогое проходит через закупочную комиссию. Что покупать, решает комиссия, я только готовлю."),
             (M, "А кто у вас по тренажёрам главный, с кем обоснование обсуждать?"),
             (C, "Кира Андреевна Белова, старший инструктор. Я ей передам, что вы звонили."))],
     ["комиссия"], ["кира"]),
    ("later_call_final_say_named", [
        call((M, "Добрый день, веломастерская «Спица»? «ВелоОпт». Кто у вас такие закупки утверждает?"),
             (C, "Вам лучше с Анной Викторовной поговорить, она у нас закупками занимается.")),
        call((M, "Добрый день, снова «ВелоОпт». А в прошлый раз поставщика выбирали вы сами, или кто?"),
             (C, "Если бы сама. Я готовлю сравнение, финансовый режет, генеральный подписывает. Тимофей Ильич, так что "
                 "последнее слово за ним."))],
     ["Тимофей Ильич"], ["Анна"]),
    ("self_decides_other_only_signs", _deal(
        "Нина Семёновна? Здравствуйте, «МукаОпт».",
        "Почему кто-то? По муке я решаю сама, это моё. Роман Ильич счёт подписывает, да, но он в муку не лезет.",
        ask="А дальше вы заявку собираете, а кто-то наверху её подписывает, директор?", pick_up="Да, я."),
     ["Нина Семёновна"], ["Роман"]),
    ("own_name_confirmed_is_no_decider", _deal(
        "Добрый день, тату-студия «Игла»? «ТатуСнаб».",
        "Ксения, да. Я только записи веду. Поставщиков выбирает Громов, Виталий Петрович, наш директор. Он всё "
        "подписывает.", ask="Вас Ксения зовут? А закупки вы сами согласовываете, или над вами кто-то есть?"),
     ["Виталий Петрович"], ["Ксения"]),
    ("role_with_name_in_apposition", _deal(
        "Добрый день, груминг-салон «Пушистик»? «ЗооПрофи».",
        "Ха, в точку. Муж у меня, Степан Аркадьевич, всю жизнь деньгами в семье командует. Если он скажет «нет», "
        "никакого салона не будет.", ask="А дома как к этой идее относятся, такие вещи ведь не в одиночку решаются?"),
     ["Степан Аркадьевич"], []),
    ("caller_name_not_client", [call(
        (M, "Валентин Петрович? Добрый вечер, Никита, «АвтоЛизинг». Я вам днём набирал."), (C, "Да, слушаю."),
        (M, "Мне надо понимать, с кем бумаги оформлять: у вас жена, я слышал, бухгалтерию ведёт?"),
        (C, "Но решаю я. Она посчитает, поворчит, а подписываю я, я ж директор. Так что со мной и оформляйте."))],
     ["Валентин Петрович"], ["Никита"]),
    # must-not: a spouse said not to meddle; a committee not replaced by its chair; a real «нет» after the role
    ("negated_spouse_no_decider", _deal(
        "Зарина Тимуровна? Здравствуйте, прачечная «Бельё».",
        "Муж в это не лезет, у него своя автомойка. Такие вещи решаю я.",
        ask="А по стирке кто у вас решает, вы или муж?", pick_up="Да, я."),
     ["Зарина Тимуровна"], ["муж"]),
    ("committee_over_its_chair", _deal(
        "Добрый день, сеть цветочных? «ФлораОпт».",
        "Тендер, мы же сеть. Подаёте на площадку, потом решает конкурсная комиссия, там пять человек, председатель — "
        "коммерческий директор, Олег Янович Сизов.", ask="А по процедуре у вас как, кто у вас решает?"),
     ["конкурсная комиссия"], ["Олег"]),
    ("no_founders_keeps_speaker", _deal(
        "Тимур Ильич, добрый день, «ГрумСнаб».", "Решаю тут я, учредителей у меня нет.", pick_up="Да, я."),
     ["Тимур Ильич"], ["учредител"]),
]


def _got(calls: list[RecordingTranscript]) -> str:
    result = analyze_deal(calls, bant()).question("authority")
    return "" if result is None or result.value is None else str(result.value.get("text", ""))


def _right(calls: list[RecordingTranscript], want: list[str], bad: list[str]) -> bool:
    low = _got(calls).lower()
    return all(w.lower() in low for w in want) and not any(b.lower() in low for b in bad)


# Kept as written, failing for the reasons given (not tuned away):
_OPEN = {
    # the ask is one sentence with a joined clause: «А дома как … относятся, такие вещи ведь не в одиночку
    # решаются?» asks nothing (as two sentences it asks authority and the card reads «Муж Степан Аркадьевич»)
    "role_with_name_in_apposition": "ask detection of a joined clause",
    # the card shows the committee with its chair («конкурсная комиссия, председатель коммерческий директор Олег
    # Янович Сизов»), the engine's convention, which H21 X1/03 (chair labelled) and H18 V2/09 (body labelled) both
    # accept; this case's must-not («Олег») was stricter than that convention
    "committee_over_its_chair": "chair shown beside the committee",
}


@pytest.mark.parametrize(("label", "calls", "want", "bad"), [
    pytest.param(*c, marks=pytest.mark.xfail(reason=_OPEN[c[0]], strict=True)) if c[0] in _OPEN else c for c in DECIDERS],
    ids=[c[0] for c in DECIDERS])
def test_decider18m(label: str, calls: list[RecordingTranscript], want: list[str], bad: list[str]) -> None:
    assert _right(calls, want, bad), f"{label}: {_got(calls)!r}"


def test_decider18m_count() -> None:
    """The cases right as a figure (the helper's notes report it before → after: 7 → 15 of 17)."""
    ok = sum(_right(calls, want, bad) for _, calls, want, bad in DECIDERS)
    assert ok >= len(DECIDERS) - len(_OPEN)


def test_decider18m_two_sentence_ask() -> None:
    """Written after: the apposition case with its ask as two sentences (the role gets the name in apposition)."""
    calls = [call((M, "Добрый день, груминг-салон «Пушистик»? «ЗооПрофи»."), (C, "Да, слушаю."),
                  (M, "А дома как к этой идее относятся? Такие вещи ведь обычно не в одиночку решаются."),
                  (C, "Ха, в точку. Муж у меня, Степан Аркадьевич, всю жизнь деньгами в семье командует. Если он "
                      "скажет «нет», никакого салона не будет."))]
    assert "степан аркадьевич" in _got(calls).lower()
