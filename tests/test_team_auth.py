"""Sign-in on the team database: passwords (Argon2id), the rate limit, disabled users, personal
tokens, persons behind logins, the CLI's credentials, and ``server init``'s roles."""

from __future__ import annotations

import io
import sys

import pytest
from conftest import services_for as S
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from qa_desk.cli import main
from qa_desk.domain.transitions import SELF_REVIEW
from qa_desk.importing.service import import_manifest
from qa_desk.services import auth
from qa_desk.services.accounts import SAME_NAME
from qa_desk.services.auth import SignInError
from qa_desk.storage.db import Database
from qa_desk.storage.models import AuditEntry

BOSS_PW, OLGA_PW, MARIA_PW = "boss-password-1", "olga-password-1", "maria-password-1"


@pytest.fixture
def team(pg_db: Database, tmp_path, monkeypatch):  # noqa: ANN001, ANN201
    """A team database: a deal of Иван Петров, the first administrator, a QC and a manager login."""
    for var in ("QA_DESK_USER", "QA_DESK_TOKEN"):
        monkeypatch.delenv(var, raising=False)
    manifest = tmp_path / "m.csv"
    manifest.write_text(
        "deal_id,manager,status,refusal_reason,recording\n"
        "D-1,Иван Петров,conditional_refusal,маленький бюджет,missing.mp3\n"
        "D-2,Мария Соколова,active,,missing2.mp3\n",
        encoding="utf-8",
    )
    import_manifest(pg_db, manifest)
    services = S(pg_db)
    assert services.auth.needs_first_admin()
    boss = services.auth.create_first_admin("boss", "Босс Админов", BOSS_PW)
    admin = S(pg_db, boss).accounts
    admin.add("olga", "Ольга Контролёрова", "qc", password=OLGA_PW)
    admin.add("maria", "Мария Соколова", "manager", password=MARIA_PW)
    services.users.sync()  # as every start does: a login (no password yet) for Иван Петров
    return pg_db


def _audit(db: Database, action: str, actor: str) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == action, AuditEntry.actor == actor))


def test_right_wrong_rate_limit_and_disabled(team: Database) -> None:
    services = S(team)
    assert services.auth.sign_in("olga", OLGA_PW).role.value == "qc"
    with pytest.raises(SignInError, match=auth.WRONG):
        services.auth.sign_in("olga", "not-her-password")
    with pytest.raises(SignInError, match=auth.WRONG):
        services.auth.sign_in("nobody", "whatever-password")
    assert _audit(team, auth.FAILED, "olga") == 1 and _audit(team, auth.FAILED, "nobody") == 1
    for _ in range(auth.MAX_FAILURES - 1):
        with pytest.raises(SignInError):
            services.auth.sign_in("olga", "guess-guess")
    with pytest.raises(SignInError, match="Слишком много неудачных попыток входа под «olga»"):
        services.auth.sign_in("olga", OLGA_PW)  # locked even with the right password
    assert _audit(team, auth.BLOCKED, "olga") == 1
    assert services.auth.sign_in("maria", MARIA_PW).id == "maria"  # other logins are not affected

    boss = services.auth.sign_in("boss", BOSS_PW)
    S(team, boss).accounts.set_active("maria", False)
    with pytest.raises(SignInError, match="отключена администратором"):
        services.auth.sign_in("maria", MARIA_PW)
    names = services.users.names()
    assert names["maria"] == "Мария Соколова"  # history keeps the name of a disabled user
    with pytest.raises(Exception, match="последнего администратора"):
        S(team, boss).accounts.set_active("boss", False)


def test_tokens_and_the_command_line(team: Database, monkeypatch, capsys) -> None:
    boss = S(team).auth.sign_in("boss", BOSS_PW)
    token_id, token = S(team, boss).accounts.issue_token("olga", "отчёты")
    with team.session() as s:
        stored = s.execute(text("SELECT token_sha256 FROM api_token")).scalar()
    assert token.startswith("qad_") and stored == auth.token_sha256(token) and token not in stored
    assert S(team).auth.sign_in_token(token).id == "olga"

    url = team.url
    monkeypatch.setenv("QA_DESK_TOKEN", token)
    assert main(["--db", url, "deal", "list"]) == 0 and "D-1" in capsys.readouterr().out
    S(team, boss).accounts.revoke_token(token_id)
    assert main(["--db", url, "deal", "list"]) == 2
    assert capsys.readouterr().err.strip() == f"Ошибка: {auth.BAD_TOKEN}"
    monkeypatch.delenv("QA_DESK_TOKEN")

    monkeypatch.setenv("QA_DESK_USER", "boss")  # a name is not an identity on a team database
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main(["--db", url, "deal", "list"]) == 2
    assert "Нужен пароль для «boss»" in capsys.readouterr().err
    monkeypatch.setattr(sys, "stdin", io.StringIO(f"{OLGA_PW}\n"))
    assert main(["--db", url, "deal", "review", "D-1", "--as", "olga", "--password-stdin"]) == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO(f"{BOSS_PW}\nnew-olga-pass-2\n"))
    assert main(["--db", url, "users", "password", "olga", "--as", "boss", "--password-stdin", "--new-password-stdin"]) == 0
    assert S(team).auth.sign_in("olga", "new-olga-pass-2").id == "olga"


def test_one_person_two_logins_cannot_review_own_deal(team: Database) -> None:
    boss = S(team).auth.sign_in("boss", BOSS_PW)
    admin = S(team, boss).accounts
    with pytest.raises(Exception, match=SAME_NAME.split("«")[0]):
        admin.add("ivan2", "Иван Петров", "qc", password="ivan-password-2")  # a namesake must be decided
    second = admin.add("ivan.qc", "Иван Петров", "qc", password="ivan-password-2", same_person_as="ivan.petrov")
    ivan = S(team).users.get("ivan.petrov")
    assert second.manager_id == ivan.manager_id is not None
    qc_login = S(team).auth.sign_in("ivan.qc", "ivan-password-2")
    assert S(team, qc_login).review.can_review("D-1").reason == SELF_REVIEW
    with pytest.raises(Exception, match=SELF_REVIEW):
        S(team, qc_login).review.start("D-1")
    accounts = {a.login: a for a in admin.all()}
    assert accounts["ivan.qc"].same_person == ("ivan.petrov",)


def test_server_init_roles_and_the_append_only_audit_role(pg_server: str, monkeypatch, capsys) -> None:
    owner_url = make_url(pg_server).set(database="qa_init_test").render_as_string(hide_password=False)
    server = create_engine(pg_server, isolation_level="AUTOCOMMIT")
    with server.connect() as conn:  # from nothing: no database, no schema
        conn.execute(text("DROP DATABASE IF EXISTS qa_init_test WITH (FORCE)"))
    monkeypatch.setattr(sys, "stdin", io.StringIO("first-admin-pass\n"))
    assert main(["server", "init", "--db", owner_url, "--admin", "chief", "--admin-password-stdin"]) == 0
    out = capsys.readouterr().out
    assert "создана база данных qa_init_test" in out and "создан первый администратор chief" in out
    assert "без UPDATE/DELETE/TRUNCATE" in out
    app_url = next(line.strip() for line in out.splitlines() if line.strip().startswith("postgresql+psycopg://qa_desk_app"))
    assert main(["server", "init", "--db", owner_url]) == 0  # again: idempotent, no password asked
    assert "учётные записи не менялись" in capsys.readouterr().out

    app = S(Database(app_url))  # every workstation connects like this
    chief = app.auth.sign_in("chief", "first-admin-pass")
    assert chief.role.value == "admin"
    owner = create_engine(owner_url)
    with owner.begin() as conn:  # even without the append-only trigger...
        conn.execute(text("DROP TRIGGER audit_log_append_only ON audit_log"))
    engine = create_engine(app_url)
    for statement in ("UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log", "TRUNCATE audit_log", "CREATE TABLE t (i int)"):
        with pytest.raises(Exception, match="permission denied"), engine.begin() as conn:
            conn.execute(text(statement))
    engine.dispose()
    app.close()
    owner.dispose()
    with server.connect() as conn:
        conn.execute(text("DROP DATABASE qa_init_test WITH (FORCE)"))
    server.dispose()
