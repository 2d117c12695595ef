"""Refusal-verification workflow: permission matrix, reasons, identity, penalties, verdict plans.

The matrix below is written out by hand on purpose: it is the spec, not a copy of ``RULES``.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from qa_desk.domain.identity import IdentityError, IdentityProvider, LocalIdentity, User
from qa_desk.domain.refusal_reasons import (
    DEFAULT_REASONS,
    ReasonError,
    ReasonsConfigError,
    RefusalReasons,
    load_refusal_reasons,
    normalize_reason,
)
from qa_desk.domain.roles import Role
from qa_desk.domain.statuses import Status
from qa_desk.domain.transitions import (
    Action,
    DealSnapshot,
    TransitionError,
    allowed_targets,
    check_reassign,
    check_transition,
)
from qa_desk.domain.verdicts import (
    AuditAction,
    ClientFacts,
    MoneyError,
    PenaltyRule,
    Verdict,
    ViolationKind,
    compute_penalty,
    format_money,
    parse_money,
    plan_verdict,
    to_money,
)

OWN_MANAGER_ID = 7
OTHER_MANAGER_ID = 99

USERS = {
    Role.MANAGER: User("ivanov", "Иван Иванов", Role.MANAGER, manager_id=OWN_MANAGER_ID),
    Role.QC: User("qc1", "Ольга Контроль", Role.QC),
    Role.HEAD_OF_SALES: User("boss", "Пётр Руководитель", Role.HEAD_OF_SALES),
    Role.ADMIN: User("admin", "Админ", Role.ADMIN),
}


def _valid(user: User, deal: DealSnapshot, target: Status) -> Action:
    """A move with every form field filled, so a refusal is about role, owner or status pair."""
    return check_transition(
        user,
        deal,
        target,
        reason="дорого",
        comment="клиент просил перезвонить",
        review_finished=True,
        new_manager_id=OTHER_MANAGER_ID,
    )


MESSAGES = {
    "same": "Сделка уже в статусе",
    "closed": "Сделка закрыта",
    "admin": "Администратор управляет пользователями и настройками, но не меняет статусы сделок",
    "lost_role": "Закрыть сделку как проигранную может только контроль качества или руководитель отдела продаж",
    "lost_review": "Закрыть сделку как проигранную можно только по итогам проверки",
    "won_role": "Отметить сделку выигранной может только её менеджер или руководитель отдела продаж",
    "review_role": "Начать проверку может только контроль качества или руководитель отдела продаж",
    "only_refusal": "На проверку можно взять только сделку в статусе «Условный отказ»",
    "refusal_role": "Перевести сделку в условный отказ может только её менеджер",
    "return_role": "Вернуть сделку в работу после проверки может только контроль качества",
    "postpone_role": "Отложить проверку может только контроль качества",
    "withdraw_role": "Отозвать условный отказ может только менеджер сделки",
    "nope": "не предусмотрен",
}

COLUMNS = ["active", "conditional_refusal", "in_review", "closed_lost", "won"]
CLOSED_ROW = "closed closed closed closed closed"

# role   from                  -> active   conditional_refusal  in_review   closed_lost  won
MATRIX = {
    "manager": {
        "active": "same ok review_role lost_role ok",
        "conditional_refusal": "ok same review_role lost_role nope",
        "in_review": "return_role postpone_role same lost_role nope",
        "closed_lost": CLOSED_ROW,
        "won": CLOSED_ROW,
    },
    "qc": {
        "active": "same refusal_role only_refusal lost_review won_role",
        "conditional_refusal": "withdraw_role same ok lost_review won_role",
        "in_review": "ok ok same ok won_role",
        "closed_lost": CLOSED_ROW,
        "won": CLOSED_ROW,
    },
    "head_of_sales": {
        "active": "same refusal_role only_refusal lost_review ok",
        "conditional_refusal": "withdraw_role same ok lost_review nope",
        "in_review": "ok ok same ok nope",
        "closed_lost": CLOSED_ROW,
        "won": CLOSED_ROW,
    },
    "admin": {status: " ".join(["admin"] * 5) for status in COLUMNS},
}


def _cells() -> list[tuple[str, str, str, str]]:
    cells = []
    for role, rows in MATRIX.items():
        for source, row in rows.items():
            for target, expected in zip(COLUMNS, row.split(), strict=True):
                cells.append((role, source, target, expected))
    return cells


def _deal(
    status: str, manager_id: int | None = OWN_MANAGER_ID, reason: str | None = "дорого"
) -> DealSnapshot:
    return DealSnapshot(id=1, status=Status(status), manager_id=manager_id, refusal_reason=reason)


def test_matrix_covers_every_role_and_pair() -> None:
    assert len(_cells()) == len(Role) * len(Status) ** 2
    assert set(MATRIX) == {r.value for r in Role}
    assert all(set(rows) == {s.value for s in Status} for rows in MATRIX.values())


@pytest.mark.parametrize(("role", "source", "target", "expected"), _cells())
def test_permission_matrix(role: str, source: str, target: str, expected: str) -> None:
    user, deal = USERS[Role(role)], _deal(source)
    if expected == "ok":
        assert isinstance(_valid(user, deal, Status(target)), Action)
    else:
        with pytest.raises(TransitionError) as error:
            _valid(user, deal, Status(target))
        assert MESSAGES[expected] in str(error.value)


@pytest.mark.parametrize("role", list(MATRIX))
@pytest.mark.parametrize("source", COLUMNS)
def test_allowed_targets_match_matrix(role: str, source: str) -> None:
    row = MATRIX[role][source].split()
    expected = [Status(t) for t, cell in zip(COLUMNS, row, strict=True) if cell == "ok"]
    assert allowed_targets(USERS[Role(role)], _deal(source)) == expected


def test_manager_closing_lost_gets_the_exact_message() -> None:
    with pytest.raises(
        TransitionError, match="^Закрыть сделку как проигранную может только контроль качества"
    ):
        check_transition(USERS[Role.MANAGER], _deal("in_review"), Status.CLOSED_LOST, review_finished=True)


# --- ownership and self-review ---------------------------------------------------------------


@pytest.mark.parametrize(("source", "target"), [("active", "conditional_refusal"), ("active", "won"),
                                                ("conditional_refusal", "active")])  # fmt: skip
def test_manager_cannot_touch_someone_elses_deal(source: str, target: str) -> None:
    deal = _deal(source, manager_id=OTHER_MANAGER_ID)
    with pytest.raises(TransitionError, match="Менеджер может менять только свои сделки"):
        _valid(USERS[Role.MANAGER], deal, Status(target))
    assert allowed_targets(USERS[Role.MANAGER], deal) == []


def test_manager_without_manager_row_owns_nothing() -> None:
    user = User("intern", "Стажёр", Role.MANAGER)
    with pytest.raises(TransitionError, match="только свои сделки"):
        check_transition(user, _deal("active", manager_id=None), Status.WON)


@pytest.mark.parametrize(("source", "target"), [("conditional_refusal", "in_review"),
                                                ("in_review", "closed_lost"), ("in_review", "active")])  # fmt: skip
def test_nobody_reviews_their_own_refusal(source: str, target: str) -> None:
    selling_boss = User("boss2", "Руководитель-продавец", Role.HEAD_OF_SALES, manager_id=OWN_MANAGER_ID)
    with pytest.raises(TransitionError, match="Нельзя проверять отказ по собственной сделке"):
        _valid(selling_boss, _deal(source), Status(target))


# --- conditional refusal: reasons -------------------------------------------------------------

MANAGER = USERS[Role.MANAGER]
QC = USERS[Role.QC]
BOSS = USERS[Role.HEAD_OF_SALES]


def test_refusal_needs_a_reason() -> None:
    for reason in (None, "", "   "):
        with pytest.raises(TransitionError, match="^Укажите причину отказа$"):
            check_transition(MANAGER, _deal("active"), Status.CONDITIONAL_REFUSAL, reason=reason)


def test_refusal_reason_must_be_in_the_list() -> None:
    with pytest.raises(TransitionError, match="Причина «надоели» не входит в список причин отказа"):
        check_transition(MANAGER, _deal("active"), Status.CONDITIONAL_REFUSAL, reason="надоели")


def test_reason_other_needs_a_comment() -> None:
    deal = _deal("active")
    with pytest.raises(TransitionError, match="Для причины «другое» обязательно добавьте комментарий"):
        check_transition(MANAGER, deal, Status.CONDITIONAL_REFUSAL, reason="Другое", comment="  ")
    check_transition(MANAGER, deal, Status.CONDITIONAL_REFUSAL, reason="  ДРУГОЕ ", comment="переезжают")


def test_reason_matching_ignores_case_and_spaces() -> None:
    check_transition(MANAGER, _deal("active"), Status.CONDITIONAL_REFUSAL, reason="  Не   лпр ")


def test_custom_reason_list_is_used() -> None:
    custom = RefusalReasons(("закрылись",))
    check_transition(MANAGER, _deal("active"), Status.CONDITIONAL_REFUSAL, reason="Закрылись", reasons=custom)
    with pytest.raises(TransitionError, match="не входит в список"):
        check_transition(
            MANAGER, _deal("active"), Status.CONDITIONAL_REFUSAL, reason="дорого", reasons=custom
        )


# --- review outcomes --------------------------------------------------------------------------


def test_closing_needs_a_finished_review() -> None:
    with pytest.raises(TransitionError, match="только после завершённой проверки"):
        check_transition(QC, _deal("in_review"), Status.CLOSED_LOST)
    assert (
        check_transition(QC, _deal("in_review"), Status.CLOSED_LOST, review_finished=True)
        is Action.CLOSE_LOST
    )


def test_closing_validates_the_verified_reason() -> None:
    deal = _deal("in_review", reason=None)
    with pytest.raises(TransitionError, match="^Укажите причину отказа$"):
        check_transition(QC, deal, Status.CLOSED_LOST, review_finished=True)
    with pytest.raises(TransitionError, match="не входит в список"):
        check_transition(QC, deal, Status.CLOSED_LOST, review_finished=True, reason="передумали")
    check_transition(QC, deal, Status.CLOSED_LOST, review_finished=True, reason="нет потребности")


def test_closing_with_reason_other_uses_the_deal_comment() -> None:
    deal = DealSnapshot(1, Status.IN_REVIEW, OWN_MANAGER_ID, "другое", refusal_comment="ликвидация")
    check_transition(QC, deal, Status.CLOSED_LOST, review_finished=True)


def test_return_to_work_needs_a_different_manager() -> None:
    deal = _deal("in_review")
    with pytest.raises(TransitionError, match="Выберите другого менеджера"):
        check_transition(QC, deal, Status.ACTIVE, review_finished=True)
    with pytest.raises(TransitionError, match="другому менеджеру, а не тому"):
        check_transition(QC, deal, Status.ACTIVE, review_finished=True, new_manager_id=OWN_MANAGER_ID)
    with pytest.raises(TransitionError, match="только по итогам завершённой проверки"):
        check_transition(QC, deal, Status.ACTIVE, new_manager_id=OTHER_MANAGER_ID)
    action = check_transition(
        BOSS, deal, Status.ACTIVE, review_finished=True, new_manager_id=OTHER_MANAGER_ID
    )
    assert action is Action.RETURN_TO_WORK


def test_postponing_a_review_needs_a_comment() -> None:
    with pytest.raises(TransitionError, match="Укажите, почему проверка отложена"):
        check_transition(QC, _deal("in_review"), Status.CONDITIONAL_REFUSAL)
    action = check_transition(QC, _deal("in_review"), Status.CONDITIONAL_REFUSAL, comment="не берёт трубку")
    assert action is Action.POSTPONE_REVIEW


def test_manager_may_withdraw_own_refusal() -> None:
    assert check_transition(MANAGER, _deal("conditional_refusal"), Status.ACTIVE) is Action.WITHDRAW_REFUSAL


# --- reassignment -----------------------------------------------------------------------------


def test_only_head_of_sales_reassigns_active_deals() -> None:
    assert check_reassign(BOSS, _deal("active"), OTHER_MANAGER_ID) is Action.REASSIGN
    for user in (MANAGER, QC):
        with pytest.raises(TransitionError, match="может только руководитель отдела продаж"):
            check_reassign(user, _deal("active"), OTHER_MANAGER_ID)
    with pytest.raises(TransitionError, match="Администратор"):
        check_reassign(USERS[Role.ADMIN], _deal("active"), OTHER_MANAGER_ID)
    with pytest.raises(TransitionError, match="только сделку в работе"):
        check_reassign(BOSS, _deal("conditional_refusal"), OTHER_MANAGER_ID)
    with pytest.raises(TransitionError, match="Выберите другого менеджера"):
        check_reassign(BOSS, _deal("active"), None)
    with pytest.raises(TransitionError, match="а не тому"):
        check_reassign(BOSS, _deal("active"), OWN_MANAGER_ID)


# --- enums, snapshot, identity ----------------------------------------------------------------


def test_russian_labels() -> None:
    assert Status.CONDITIONAL_REFUSAL.label == "Условный отказ"
    assert Role.HEAD_OF_SALES.label == "Руководитель отдела продаж"
    assert len({s.label for s in Status}) == len(Status)
    assert len({r.label for r in Role}) == len(Role)
    assert all(a.label for a in Action)


def test_snapshot_accepts_storage_strings() -> None:
    deal = DealSnapshot(5, "in_review", 3)  # type: ignore[arg-type]
    assert deal.status is Status.IN_REVIEW
    with pytest.raises(ValueError):
        DealSnapshot(5, "lost", 3)  # type: ignore[arg-type]


def test_local_identity() -> None:
    identity = LocalIdentity(USERS.values())
    assert isinstance(identity, IdentityProvider)
    with pytest.raises(IdentityError, match="Пользователь не выбран"):
        identity.current_user()
    assert identity.choose("qc1") is QC
    assert identity.current_user() is QC
    with pytest.raises(IdentityError, match="«nobody» не найден"):
        identity.choose("nobody")
    assert LocalIdentity(USERS.values(), current_id="boss").current_user() is BOSS
    with pytest.raises(IdentityError, match="дважды"):
        LocalIdentity([QC, QC])


# --- refusal reasons --------------------------------------------------------------------------


def test_default_reasons_file_matches_builtin_defaults() -> None:
    reasons = load_refusal_reasons()
    assert reasons.reasons == DEFAULT_REASONS
    assert reasons.needs_comment("Другое") and not reasons.needs_comment("дорого")


def test_reason_validation_returns_canonical_spelling() -> None:
    reasons = load_refusal_reasons()
    assert reasons.validate(" не  лпр ") == "не ЛПР"
    assert normalize_reason("  Выбрали   Конкурента ") == "выбрали конкурента"
    assert normalize_reason("ещё") == normalize_reason("еще")
    with pytest.raises(ReasonError):
        reasons.validate("другое")


def test_load_custom_reasons(tmp_path: Path) -> None:
    path = tmp_path / "reasons.toml"
    path.write_text('reasons = ["дорого", "Сезон"]\ncomment_required = ["сезон"]\n', encoding="utf-8")
    reasons = load_refusal_reasons(path)
    assert reasons.reasons == ("дорого", "Сезон")
    with pytest.raises(ReasonError, match="комментарий"):
        reasons.validate("сезон")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("reasons = []", "пуст"),
        ('reasons = ["дорого", "Дорого "]', "повторяются"),
        ('reasons = "дорого"', "списком строк"),
        ('reasons = ["дорого"]\ncomment_required = ["другое"]', "нет в списке"),
        ("reasons = [", "ошибка TOML"),
    ],
)
def test_bad_reasons_file(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "reasons.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReasonsConfigError, match=message):
        load_refusal_reasons(path)


# --- money and penalties ----------------------------------------------------------------------


def test_default_penalty_is_one_percent_of_salary() -> None:
    assert compute_penalty(Decimal("85000")) == Decimal("850.00")
    assert compute_penalty(85000) == Decimal("850")
    assert format_money(compute_penalty("85000")) == "850\u00a0₽"


def test_custom_percent_and_fixed_penalty() -> None:
    assert compute_penalty(85000, PenaltyRule(percent=Decimal("2.5"))) == Decimal("2125.00")
    assert compute_penalty(85000, PenaltyRule.for_manager(percent=Decimal("0.75"))) == Decimal("637.50")
    assert compute_penalty(None, PenaltyRule.for_manager(fixed=500)) == Decimal("500.00")
    assert PenaltyRule.for_manager() == PenaltyRule(percent=Decimal(1))


def test_penalty_has_no_float_rounding_errors() -> None:
    # 0.1 + 0.2 style traps: 1 % of 100.10 is 1.001 -> 1.00; 1 % of 333.50 is 3.335 -> 3.34 (half up).
    assert compute_penalty("100.10") == Decimal("1.00")
    assert compute_penalty("333.50") == Decimal("3.34")
    total = sum((compute_penalty("0.10", PenaltyRule(percent=Decimal(100))) for _ in range(3)), Decimal(0))
    assert total == Decimal("0.30")
    with pytest.raises(TypeError):
        compute_penalty(85000.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        PenaltyRule(percent=1.0)  # type: ignore[arg-type]


def test_penalty_rule_validation() -> None:
    with pytest.raises(ValueError, match="либо процентом"):
        PenaltyRule()
    with pytest.raises(ValueError, match="либо процентом"):
        PenaltyRule(percent=Decimal(1), fixed=Decimal(1))
    with pytest.raises(ValueError, match="от 0 до 100"):
        PenaltyRule(percent=Decimal(101))
    with pytest.raises(ValueError, match="Не указан оклад"):
        compute_penalty(None)
    assert PenaltyRule(percent=Decimal("1.50")).label == "1,5\u00a0% оклада"


@pytest.mark.parametrize(
    ("text", "amount"),
    [("85 000", "85000.00"), ("85\u00a0000,50 ₽", "85000.50"), ("1200 руб.", "1200.00"), ("99.9", "99.90")],
)
def test_parse_money(text: str, amount: str) -> None:
    assert parse_money(text) == Decimal(amount)


@pytest.mark.parametrize("text", ["", "много", "-5", "1,234", "12.345"])
def test_parse_money_rejects(text: str) -> None:
    with pytest.raises(MoneyError, match="Не удалось прочитать сумму"):
        parse_money(text)


def test_money_helpers() -> None:
    assert format_money(Decimal("1234567.5")) == "1\u00a0234\u00a0567,50\u00a0₽"
    with pytest.raises(MoneyError):
        to_money("-1")


# --- verdict plans ----------------------------------------------------------------------------


def test_confirmed_refusal_closes_the_deal_with_the_verified_reason() -> None:
    plan = plan_verdict(QC, _deal("in_review"), Verdict.REFUSAL_CONFIRMED)
    assert plan.target is Status.CLOSED_LOST
    assert (plan.manager_id, plan.refusal_reason, plan.violation, plan.facts) == (
        OWN_MANAGER_ID,
        "дорого",
        None,
        None,
    )
    [entry] = plan.audit
    assert (entry.actor, entry.action, entry.deal_id) == ("qc1", AuditAction.VERDICT, 1)
    assert entry.before == {"status": "in_review", "manager_id": OWN_MANAGER_ID, "refusal_reason": "дорого"}
    assert entry.after == {
        "status": "closed_lost",
        "manager_id": OWN_MANAGER_ID,
        "refusal_reason": "дорого",
        "verdict": "refusal_confirmed",
    }


def test_confirmed_refusal_may_correct_the_reason_and_record_facts() -> None:
    facts = ClientFacts(timing="через год")
    plan = plan_verdict(BOSS, _deal("in_review"), Verdict.REFUSAL_CONFIRMED, reason="НЕ СЕЙЧАС", facts=facts)
    assert plan.refusal_reason == "не сейчас"
    assert [e.action for e in plan.audit] == [AuditAction.VERDICT, AuditAction.FACTS]
    assert plan.audit[1].after == {"budget": None, "timing": "через год", "notes": None}


def test_false_refusal_returns_the_deal_and_fines_the_original_manager() -> None:
    facts = ClientFacts(budget=parse_money("300 000"), timing="в апреле")
    plan = plan_verdict(
        QC,
        _deal("in_review"),
        Verdict.FALSE_REFUSAL,
        new_manager_id=OTHER_MANAGER_ID,
        violation=ViolationKind.FALSIFIED_REASON,
        salary=Decimal("85000"),
        facts=facts,
        comment="бюджет есть, клиент ждал КП",
    )
    assert (plan.target, plan.manager_id, plan.refusal_reason) == (Status.ACTIVE, OTHER_MANAGER_ID, None)
    assert plan.facts == facts and facts.budget == Decimal("300000.00")
    violation = plan.violation
    assert violation is not None
    assert (violation.manager_id, violation.kind, violation.penalty) == (
        OWN_MANAGER_ID,
        ViolationKind.FALSIFIED_REASON,
        Decimal("850.00"),
    )
    assert violation.recorded_by == "qc1"
    assert [e.action for e in plan.audit] == [AuditAction.VERDICT, AuditAction.VIOLATION, AuditAction.FACTS]
    assert plan.audit[0].after == {
        "status": "active",
        "manager_id": OTHER_MANAGER_ID,
        "refusal_reason": None,
        "verdict": "false_refusal",
    }
    assert plan.audit[1].after == {
        "manager_id": OWN_MANAGER_ID,
        "kind": "falsified_reason",
        "penalty": "850.00",
        "penalty_rule": "1\u00a0% оклада",
        "salary": "85000.00",
    }
    assert plan.audit[0].comment == "бюджет есть, клиент ждал КП"


def test_false_refusal_with_custom_penalty() -> None:
    plan = plan_verdict(
        BOSS,
        _deal("in_review"),
        Verdict.FALSE_REFUSAL,
        new_manager_id=OTHER_MANAGER_ID,
        violation=ViolationKind.CLIENT_DROPPED,
        salary=85000,
        penalty=PenaltyRule.for_manager(percent=Decimal("3")),
    )
    assert plan.violation is not None and plan.violation.penalty == Decimal("2550.00")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({}, "Укажите вид нарушения"),
        ({"violation": ViolationKind.OTHER}, "нужен комментарий"),
        ({"violation": ViolationKind.CLIENT_DROPPED, "salary": None}, "Не указан оклад"),
        ({"violation": ViolationKind.CLIENT_DROPPED, "new_manager_id": None}, "Выберите другого менеджера"),
        ({"violation": ViolationKind.CLIENT_DROPPED, "review_finished": False}, "завершённой проверки"),
    ],
)
def test_false_refusal_refusals(kwargs: dict[str, object], message: str) -> None:
    args: dict[str, object] = {"new_manager_id": OTHER_MANAGER_ID, "salary": 85000} | kwargs
    with pytest.raises(TransitionError, match=message):
        plan_verdict(QC, _deal("in_review"), Verdict.FALSE_REFUSAL, **args)  # type: ignore[arg-type]


def test_verdict_refusals() -> None:
    with pytest.raises(TransitionError, match="нарушение менеджеру не записывается"):
        plan_verdict(QC, _deal("in_review"), Verdict.REFUSAL_CONFIRMED, violation=ViolationKind.OTHER)
    with pytest.raises(TransitionError, match="только по сделке на проверке"):
        plan_verdict(QC, _deal("conditional_refusal"), Verdict.REFUSAL_CONFIRMED)
    with pytest.raises(
        TransitionError, match="Закрыть сделку как проигранную может только контроль качества"
    ):
        plan_verdict(MANAGER, _deal("in_review"), Verdict.REFUSAL_CONFIRMED)
    with pytest.raises(TransitionError, match="Администратор"):
        plan_verdict(USERS[Role.ADMIN], _deal("in_review"), Verdict.FALSE_REFUSAL, new_manager_id=1)
    with pytest.raises(TransitionError, match="после завершённой проверки"):
        plan_verdict(QC, _deal("in_review"), Verdict.REFUSAL_CONFIRMED, review_finished=False)
    with pytest.raises(TransitionError, match="нарушение записать не на кого"):
        plan_verdict(
            QC,
            _deal("in_review", manager_id=None),
            Verdict.FALSE_REFUSAL,
            new_manager_id=OTHER_MANAGER_ID,
            violation=ViolationKind.CLIENT_DROPPED,
            salary=1,
        )


def test_empty_facts_are_dropped() -> None:
    plan = plan_verdict(QC, _deal("in_review"), Verdict.REFUSAL_CONFIRMED, facts=ClientFacts(notes="  "))
    assert plan.facts is None and len(plan.audit) == 1


def test_reason_other_needs_comment_by_default_only_if_listed(tmp_path: Path) -> None:
    path = tmp_path / "reasons.toml"
    path.write_text('reasons = ["дорого", "Другое"]\n', encoding="utf-8")
    assert load_refusal_reasons(path).needs_comment("другое")
    assert not RefusalReasons(("дорого",)).needs_comment("дорого")
