"""Round-15 amounts (own wording, written before tuning, in trades unlike the sets' and the banks': a stable, a
vineyard, a driving school, a village library, a pottery, a brewery, a boxing club, a furniture restorer): the
grammar of figures in a budget reply — a sum relative to a stated figure ("на пятьдесят тысяч больше"), a negated
alternative ("шестьдесят, а не семьдесят"), a stated total over its parts, the specific over the general, a "ноль"
before an unrelated expense, the period said with the figure's repeat ("Итого девяносто. Вот в эти девяносто в
месяц"), a range across sentences ("…. Ну, до двухсот дотянем"), our price said back first ("Девятьсот за трактор —
это вы хватили"), an anaphoric "столько же" after a past figure, today's spend before the new figure; and, in a
deal, a range kept when a later threshold falls inside it."""

from __future__ import annotations

from typing import Any

import pytest

from qa_desk.analysis.deal import analyze_deal
from qa_desk.analysis.questions import bant
from tests.analysis_calls import MONTH, YEAR, budget_read, call, want_amount

QS = bant()
M, Y = MONTH, YEAR



CASES: list[Any] = [
    # a sum relative to a stated figure: the base plus or minus the difference
    ("Сколько конюшня готова тратить на корма у нового поставщика?",
     "Сейчас мы платим двести тысяч в месяц. Хозяин сказал: на новое — на пятьдесят тысяч больше, и всё.", want_amount(250_000, M)),
    ("А по деньгам на бочки как?",
     "Нынешний бондарь берёт сто двадцать за партию. Мы хотим тысяч на двадцать дешевле, вот и весь бюджет.", want_amount(100_000)),
    ("Сколько закладываете на новый автодром?",
     "В прошлый раз ушло четыреста тысяч. В этот раз можем на сотню больше.", want_amount(500_000)),
    # a negated alternative: the figure denied is no budget, the one restated is
    ("Какой бюджет на стеллажи для библиотеки?",
     "Шестьдесят тысяч. Шестьдесят, а не семьдесят, я специально в отделе уточнял.", want_amount(60_000)),
    ("Сколько в год на обжиг готовы?", "Двести в год, не двести пятьдесят. Двести.", want_amount(200_000, Y)),
    # a stated total over its parts
    ("Сколько на виноградник в этом сезоне?",
     "На саженцы тысяч восемьдесят, на шпалеру ещё сорок, в сумме сто двадцать, больше не наскребём.", want_amount(120_000)),
    ("Какой бюджет на зал в месяц?",
     "Тысяч сорок на аренду, тридцать на тренера. Вместе около семидесяти в месяц получается, это потолок.", want_amount(70_000, M)),
    # the specific over the general
    ("Сколько выделено на ремонт читального зала?",
     "Вообще на ремонт библиотеки дали два миллиона, но это на всё. Конкретно на стеллажи — тысяч триста.", want_amount(300_000)),
    ("Сколько школа вкладывает в автодром?",
     "В целом бюджет школы миллионов пять, а именно на автодром готовы тысяч семьсот, не больше.", want_amount(700_000)),
    # "ноль" before an unrelated expense
    ("Какую сумму вы можете выделить на рекламу пивоварни?",
     "Ноль, честно. Котёл — это было двести тысяч ремонта, я до сих пор в долгах.", want_amount(0)),
    # the period said with the figure's repeat
    ("Сколько готовы тратить на обслуживание печей?",
     "Двадцать на газ, двадцать пять на мастера. Итого сорок пять. Вот в эти сорок пять в месяц и надо уложиться.",
     want_amount(45_000, M)),
    ("А в какую сумму хотите уложиться?",
     "Сейчас на всё — и на корм, и на ветеринара — девяносто тысяч в месяц. Вот в эти девяносто и хотим остаться.",
     want_amount(90_000, M)),
    # a range across sentences
    ("Какой у вас бюджет на реставрацию гарнитура?",
     "Сто восемьдесят тысяч. Ну, если прижмёт, то до двухсот дотянем.", want_amount((180_000, 200_000))),
    ("Сколько в месяц на тренеров готовы?",
     "Двести пятьдесят в месяц, а шеф говорил, что до трёхсот можно, если люди толковые.", want_amount((250_000, 300_000), M)),
    # our price said back first
    ("Какой коридор по деньгам на трактор?",
     "Девятьсот за трактор — это вы хватили. Ну тысяч шестьсот, ну семьсот.", want_amount((600_000, 700_000))),
    ("Сколько готовы на сайт для гончарной?",
     "Полтора миллиона за сайт — это вы размахнулись. Тысяч четыреста максимум.", want_amount(400_000)),
    # an anaphoric "столько же" after a past figure
    ("Сколько на удобрения закладываете?",
     "В прошлом сезоне ушло триста тысяч. В этом закладываем столько же.", want_amount(300_000)),
    ("Сколько готовы вложить в ремонт ринга?",
     "Год назад потратили миллион двести на раздевалки. Вот примерно так же и сейчас готовы.", want_amount(1_200_000)),
    # today's spend before the new figure
    ("А на новую точку из каких расчётов исходите, в месяц?",
     "Сейчас пятнадцать в месяц, но там всё старое. На новой я себе положил тысяч двадцать пять в месяц.", want_amount(25_000, M)),
    ("Сумма на уборку конюшни как-то изменилась?",
     "Раньше было около сорока в месяц. Директор согласовал побольше: от пятидесяти до шестидесяти тысяч в месяц.",
     want_amount((50_000, 60_000), M)),
    # kept as they are: a correction, a plain range, a threshold alone
    ("Сколько на бочки?", "Двести… нет, двести пятьдесят тысяч.", want_amount(250_000)),
    ("Бюджет на ремонт ринга?", "От ста до ста пятидесяти тысяч, больше никак.", want_amount((100_000, 150_000))),
    ("Какой бюджет на рекламу виноградника?", "Всё, что больше ста тысяч, решает хозяин.", None),
]
# added after the first mechanisms (own wording, counted apart): a share of a stated figure, a bound before the exact
# figure, the first figure's preposition said again, a "не" that denies a verb, today's spend under a bound
LATER: list[Any] = [
    ("Сколько на аренду шатров в этом сезоне?",
     "В прошлом сезоне отдали четыреста, в этом закладываем на двадцать процентов больше.", want_amount(480_000)),
    ("Сколько готовы на новые седла?", "Больше ста точно. Сто тридцать, кажется, директор подписал.", want_amount(130_000)),
    ("Бюджет на дегустационный зал?",
     "Если в пятьсот тысяч уложимся — строим. Ну, в шестьсот, если проект понравится.", want_amount((500_000, 600_000))),
    ("Сколько на ремонт сцены выделили?", "Ноль. Я не шучу. Прошлый ремонт — это было триста тысяч, до сих пор платим.",
     want_amount(0)),
    ("Сколько готовы тратить на сено?", "Мы и так больше тридцати тысяч в месяц тратим, куда ещё.", None),
    ("Бюджет на хмель какой?", "Сто двадцать тысяч в месяц. Сто двадцать, не сто пятьдесят, я проверял.", want_amount(120_000, M)),
]


_read = budget_read  # tests/analysis_calls.py


@pytest.mark.parametrize(("question", "reply", "want"), CASES)
def test_own_amounts15(question: str, reply: str, want: dict[str, Any] | None) -> None:
    assert _read(question, reply) == want


@pytest.mark.parametrize(("question", "reply", "want"), LATER)
def test_own_amounts15_later(question: str, reply: str, want: dict[str, Any] | None) -> None:
    assert _read(question, reply) == want


def test_range_kept_over_a_later_threshold() -> None:
    """A range stated in the reply stays when the client later names a threshold inside it."""
    rec = call(
        ("manager", "Добрый день, это «Конкур-Сервис». По деньгам в каком коридоре вы это видите, в месяц?"),
        ("client", "Под новую конюшню готов выделить от ста до ста пятидесяти тысяч в месяц. Больше не дам."),
        ("manager", "Понял. А договор кто подписывает?"),
        ("client", "У нас хозяин все договоры больше ста тысяч сам подписывает."),
    )
    budget = analyze_deal([rec], QS).question("budget")
    assert budget is not None and budget.value is not None
    assert (budget.value.get("amount_min"), budget.value.get("amount_max")) == (100_000, 150_000)


def test_range_kept_when_another_thing_is_asked() -> None:
    """Our read-back of the range, then a question about something else: its figure replaces nothing."""
    rec = call(
        ("manager", "Какой бюджет на реставрацию кресел вы держите в голове?"),
        ("client", "Ну тысяч сто, ну сто двадцать. Больше не дам."),
        ("manager", "Сто — сто двадцать, поняла. А штраф от заказчика за сорванный срок, он большой был?"),
        ("client", "Восемьдесят тысяч. И то скостили."),
    )
    budget = analyze_deal([rec], QS).question("budget")
    assert budget is not None and budget.value is not None
    assert (budget.value.get("amount_min"), budget.value.get("amount_max")) == (100_000, 120_000)
