"""Preparing a PostgreSQL server for the team (``qa-desk server init``): the database, the
application's role and its grants. Run with an owner's (or a superuser's) connection.

The application role can read and write the workflow's tables but has no UPDATE, DELETE or
TRUNCATE on ``audit_log`` (``storage.roles.protect_audit_log``, the one place those privileges are
set) nor any DDL: even with the append-only trigger dropped, the role every workstation and worker
connects as cannot rewrite the history (and the hash chain shows any change made around it).
"""

from __future__ import annotations

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url

from qa_desk.storage.roles import protect_audit_log, quoted

APP_ROLE = "qa_desk_app"
READ_ONLY_TABLES = ("alembic_version",)


def create_database_if_missing(url: str) -> str | None:
    """Create the URL's database when the server lacks it (connecting to ``postgres``); what was done."""
    target = make_url(url)
    name = target.database or "postgres"
    engine = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).scalar()
            if exists:
                return None
            conn.exec_driver_sql(f"CREATE DATABASE {quoted(name)} ENCODING 'UTF8' TEMPLATE template0")
            return f"создана база данных {name}"
    finally:
        engine.dispose()


def role_exists(url: str, role: str) -> bool:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return bool(conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).scalar())
    finally:
        engine.dispose()


def ensure_app_role(url: str, role: str, password: str | None) -> list[str]:
    """Create (or update) the application role and grant it exactly what the app needs."""
    done: list[str] = []
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).scalar()
            ident = quoted(role)
            if not exists:
                if password is None:
                    raise ValueError("нужен пароль новой роли")
                conn.exec_driver_sql(f"CREATE ROLE {ident} LOGIN PASSWORD {_literal(password)}")
                done.append(f"создана роль {role} (вход по паролю)")
            elif password is not None:
                conn.exec_driver_sql(f"ALTER ROLE {ident} WITH LOGIN PASSWORD {_literal(password)}")
                done.append(f"роли {role} задан новый пароль")
            database = conn.execute(text("SELECT current_database()")).scalar()
            statements = [
                f"GRANT CONNECT ON DATABASE {quoted(str(database))} TO {ident}",
                "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
                f"GRANT USAGE ON SCHEMA public TO {ident}",
                f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {ident}",
                f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {ident}",
                f"GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO {ident}",
                *(f"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON {t} FROM {ident}" for t in READ_ONLY_TABLES),
            ]
            for statement in statements:
                conn.exec_driver_sql(statement)
            protect_audit_log(conn, role)  # the audit log: SELECT and INSERT only (storage.roles)
            done.append(
                f"роли {role} даны чтение и запись таблиц программы; журнал audit_log — только чтение и "
                "добавление (без UPDATE/DELETE/TRUNCATE); менять схему роль не может"
            )
    finally:
        engine.dispose()
    return done


def app_url(url: str, role: str, password: str | None) -> str:
    """The address workstations and workers use: the same server and database, the app's role."""
    parsed: URL = make_url(url).set(username=role, password=password)
    return parsed.render_as_string(hide_password=password is None)


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"
