"""Callback script template: loading, placeholder filling, Russian dates, required answers."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from qa_desk.domain.callback_script import (
    CallbackScript,
    FieldKind,
    ScriptContext,
    ScriptError,
    fill,
    format_ru_date,
    load_script,
    missing_answers,
    parse_script,
)

CONTEXT = ScriptContext(
    reviewer_name="Анна Петрова",
    company="ООО «Ромашка»",
    last_call_date=date(2025, 3, 5),
    refusal_reason="дорого",
    product="CRM «Старт»",
    client="Иван Сергеевич",
    today=date(2025, 4, 1),
)


@pytest.fixture(scope="module")
def script() -> CallbackScript:
    return load_script()


def test_default_script_shape(script: CallbackScript) -> None:
    assert [s.id for s in script.steps] == ["greeting", "what_would_help", "outcome"]
    kinds = {f.id: f.kind for f in script.fields()}
    assert kinds["reason_confirmed"] is FieldKind.YES_NO
    assert kinds["real_budget"] is FieldKind.MONEY
    assert kinds["real_timing"] is FieldKind.TEXT
    assert kinds["notes"] is FieldKind.NOTES
    assert [f.id for f in script.fields() if f.required] == ["reason_confirmed"]
    assert script.unknown_placeholders() == []


def test_default_script_filled(script: CallbackScript) -> None:
    greeting, help_step, outcome = fill(script, CONTEXT)
    assert greeting.text == (
        "Добрый день! Меня зовут Анна Петрова, я из службы контроля качества компании ООО «Ромашка». "
        "Вы говорили с нашим менеджером 5 марта и решили пока не покупать CRM «Старт». "
        "У нас записано, что причина — «дорого». Скажите, пожалуйста, так и есть?"
    )
    assert help_step.text == (
        "Подскажите, что могло бы изменить ваше решение? На каких условиях вы были бы готовы "
        "купить у нас CRM «Старт»?"
    )
    assert "причину отказа «дорого»" in outcome.text
    assert all(not s.unknown and not s.missing for s in (greeting, help_step, outcome))
    assert outcome.fields == script.steps[2].fields


def test_unknown_placeholders_stay_visible_and_are_reported() -> None:
    script = parse_script(
        """
        [[steps]]
        id = "a"
        title = "Звонок [клиент]"
        text = "Вы [должность]? Мы звонили [Дата  последнего звонка], причина [ПРИЧИНА ОТКАЗА]. [должность]!"
        """
    )
    assert script.unknown_placeholders() == ["должность"]
    [step] = fill(script, CONTEXT)
    assert step.title == "Звонок Иван Сергеевич"
    assert step.text == "Вы [должность]? Мы звонили 5 марта, причина «дорого». [должность]!"
    assert step.unknown == ("должность",)
    assert step.missing == ()


def test_missing_values_stay_visible_and_are_reported(script: CallbackScript) -> None:
    greeting = fill(script, ScriptContext(reviewer_name="Анна", refusal_reason="не сейчас"))[0]
    assert "компании [компания]" in greeting.text
    assert "менеджером [когда] и" in greeting.text
    assert "не покупать [продукт:вин]" in greeting.text
    assert greeting.missing == ("компания", "когда", "продукт")
    assert greeting.unknown == ()


@pytest.mark.parametrize(
    ("month", "name"),
    list(enumerate(["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
                    "сентября", "октября", "ноября", "декабря"], start=1)),
)  # fmt: skip
def test_format_ru_date_months(month: int, name: str) -> None:
    assert format_ru_date(date(2025, month, 21)) == f"21 {name}"


def test_inserted_values_are_quoted_or_inflected_and_read_like_speech(script: CallbackScript) -> None:
    from qa_desk.services.wording import inflect

    context = replace(
        CONTEXT, reviewer_name="Ольга Контролёрова", company="ТехноСнаб", last_call_date=date(2026, 3, 12),
        refusal_reason="маленький бюджет", product="Система видеонаблюдения", today=date(2026, 4, 1),
    )  # fmt: skip
    greeting, help_step, _ = fill(script, context, inflect)
    assert greeting.text == (
        "Добрый день! Меня зовут Ольга Контролёрова, я из службы контроля качества компании «ТехноСнаб». "
        "Вы говорили с нашим менеджером 12 марта и решили пока не покупать систему видеонаблюдения. "
        "У нас записано, что причина — «маленький бюджет». Скажите, пожалуйста, так и есть?"
    )
    assert help_step.text.endswith("купить у нас систему видеонаблюдения?")
    # a name the dictionary cannot inflect is inserted as it is, in quotes
    assert fill(script, replace(context, product="iPhone 15"), inflect)[1].text.endswith("купить у нас «iPhone 15»?")
    bad = parse_script('[[steps]]\nid = "a"\ntitle = "T"\ntext = "[продукт:зват]"\n')
    assert bad.unknown_placeholders() == ["продукт:зват"]


@pytest.mark.parametrize(
    ("product", "accusative"),
    [
        ("Промышленный чиллер", "промышленный чиллер"),
        ("Погрузчик электрический", "погрузчик электрический"),  # a thing, though the dictionary says animate
        ("Упаковочная линия", "упаковочную линию"),
        ("Складские стеллажи", "складские стеллажи"),
    ],
)
def test_products_are_put_in_the_accusative(product: str, accusative: str) -> None:
    from qa_desk.services.wording import inflect

    assert inflect(product, "accs") == accusative


def test_verbs_agree_with_the_persons_gender() -> None:
    from qa_desk.services.wording import gender, past

    assert past("перевёл", "Мария Соколова") == "перевела"
    assert past("перевёл", "Иван Петров") == "перевёл"
    assert gender("Соколова Мария") == "femn" and gender("Администратор") is None


def test_format_ru_date_year_only_when_another_year() -> None:
    assert format_ru_date(date(2025, 3, 5), today=date(2025, 12, 31)) == "5 марта"
    assert format_ru_date(date(2024, 12, 30), today=date(2025, 1, 2)) == "30 декабря 2024 г."


def test_missing_answers(script: CallbackScript) -> None:
    assert [f.id for f in missing_answers(script, {})] == ["reason_confirmed"]
    assert [f.id for f in missing_answers(script, {"reason_confirmed": None})] == ["reason_confirmed"]
    assert missing_answers(script, {"reason_confirmed": False}) == []


def test_load_script_from_file(tmp_path: Path) -> None:
    path = tmp_path / "short.toml"
    path.write_text(
        'title = "Коротко"\n[[steps]]\nid = "x"\ntitle = "T"\ntext = "Здравствуйте, [клиент]"\n'
        '[[steps.fields]]\nid = "ok"\nlabel = "Ок"\nkind = "yes_no"\nrequired = true\n',
        encoding="utf-8",
    )
    script = load_script(path)
    assert script.title == "Коротко"
    assert fill(script, CONTEXT)[0].text == "Здравствуйте, Иван Сергеевич"


STEP = '[[steps]]\nid = "a"\ntitle = "T"\ntext = "текст"\n'
FIELD = '[[steps.fields]]\nid = "f"\nlabel = "L"\nkind = "{kind}"\n'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "нет шагов"),
        ("steps = [", "ошибка TOML"),
        ('[[steps]]\nid = "a"\ntitle = "T"\n', "«text»"),
        (STEP + FIELD.format(kind="date"), "неизвестный вид «date»"),
        (STEP + FIELD.format(kind="text") + FIELD.format(kind="money"), "id полей повторяются: f"),
        (STEP + STEP, "id шагов повторяются: a"),
        (STEP + '[[steps.fields]]\nid = "f"\nlabel = "L"\nkind = "text"\nrequired = "да"\n', "required"),
    ],
)
def test_bad_scripts(text: str, message: str) -> None:
    with pytest.raises(ScriptError, match=message):
        parse_script(text, "test.toml")
