"""Questions put in spoken words (no «?», elliptical, an «или»-tail, a lowercase run-on line) and as a guess or a
read-back, read by the learned turn reader (round 19, eng19a, learned_turn.py) where the rules read no question.

Written before the engine change, in trades unlike the corpus's (a print shop, a bakery, a gym, a car wash, pet food,
a flower shop, a dance school): each pair is our line and the client's reply; the topics our line asks (exact). The
must-not cases are statements of ours, our price, small talk and a callback arrangement whose reply has a shape
that a question would fit."""

from __future__ import annotations

from tests.analysis_calls import bank_asked

SPOKEN: list[tuple[str, str, list[str], str | None]] = [
    # (our line, the client's reply, topics asked on our line (exact), the client's turn before it; None: «Да, слушаю.»)
    # an «или»-tail or an elliptical line without «?» (the rules read these as no question on main d1ee083)
    ("А кто? Управляющий, или через собственника идёт", "Через собственника, Анна Петровна подписывает.", ["authority"],
     "Деньги — не я."),
    ("А сейчас кто у вас всё это моет, и как оно", "Сами моем, двое ребят, не успевают, в выходные очередь до дороги.",
     ["need"], None),
    ("И ты к нам с чем — зал целиком оборудовать, или чего-то конкретного не хватает",
     "Беговых дорожек не хватает, две сломались, люди ждут.", ["need"], None),
    ("ага то есть покупать вы будете не сами. у хозяина или там управляющий у вас деньгами ведает",
     "управляющий, Михаил Андреевич, он всё оплачивает", ["authority"], None),
    ("А вы сами, когда заявку писали, какую-то сумму в голове держали — чтоб я мимо не стрелял",
     "Ну тысяч триста, не больше.", ["budget"], None),
    # guesses and read-backs without «?»
    ("Я правильно понял из заявки, что у вас три точки и на каждой своя касса, а клиенты идут к соседям",
     "Почти. Точек четыре, кассы старые, очередь, люди уходят.", ["need"], None),
    ("наверняка кто-то у вас до сих пор заявки вручную по таблицам разруливает",
     "Разруливает, администратор вечерами сидит, путается, два раза уже не то привезли.", ["need"], None),
    ("То есть, как я понимаю, у вас всё крутится вокруг выходных",
     "Да, в выходные не протолкнуться, а в будни зал пустой, аренда всё съедает.", ["need"], None),
    ("то есть конкретной даты пока нет, так, к осени где-то", "ну к сентябрю хотели бы, до холодов", ["timing"], None),
    ("Слышал, у вас с вентиляцией в цеху совсем беда", "Беда, летом под сорок, люди уходят.", ["need"], None),
    # read by the rules already (controls)
    ("Ну и по мощности печь вам на утро тянет, или уже тесновато", "Тянет пока, но к выходным впритык, не успеваем.",
     ["need"], None),
    ("и вы это один решаете или с партнёром", "с партнёром, Сергей Петрович у нас финансы держит, без него никак",
     ["authority"], None),
    # must not: our statements, our price, small talk, a callback, an order read back
    ("У нас печати визиток от тысячи рублей за сотню, макет делаем сами", "Ага, понятно, тысяча за сотню.", [], None),
    ("Мы обычно привозим корма по вторникам и пятницам, машина с утра", "Хорошо, по вторникам нам удобно.", [], None),
    ("Погода сегодня, конечно, жуть, еле до офиса доехал", "Да, у нас тоже с утра снег валит.", [], None),
    ("давайте я вам в четверг наберу или в пятницу как удобнее", "в пятницу после обеда лучше", [], None),
    ("Я вам тогда пришлю каталог цветов на почту, посмотрите", "Да, присылайте, посмотрю вечером.", [], None),
    ("Хорошо, записал: две стойки и зеркало в зал", "Да, и ещё скамья одна.", [], None),
    ("а у нас в студии танцев сейчас как раз набор в группы идёт", "да, я видела объявление, дочку хочу привести", [],
     None),
]


def own_spoken() -> tuple[int, list[str]]:
    """How many of ``SPOKEN`` the engine gets right (exact topics), and the misses."""
    misses = []
    for line, reply, want, before in SPOKEN:
        got = bank_asked(line, before or "Да, слушаю.", reply)
        if got != sorted(want):
            misses.append(f"{line} / {reply}: {got} != {want}")
    return len(SPOKEN) - len(misses), misses


def test_own_spoken_pairs() -> None:
    right, misses = own_spoken()
    assert right >= len(SPOKEN) - 7, misses  # main d1ee083: 10 of 19; eng19a: 12
