"""PostgreSQL privileges that keep the audit log append-only for the application's role.

The application connects as a role that may read and add audit entries but never change or
remove them: no UPDATE, DELETE or TRUNCATE on ``audit_log`` (the trigger refuses them too, but
a role that owns the table could drop the trigger; the hash chain then still shows the change).
``server init`` (team mode) creates the roles and calls ``protect_audit_log`` after granting the
application its other privileges; ``audit_log_privileges`` gives the same statements as text.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

AUDIT_TABLE = "audit_log"
AUDIT_SEQUENCE = "audit_log_id_seq"


def _quoted(role: str) -> str:
    """A role name as a quoted SQL identifier."""
    if not role or "\x00" in role:
        raise ValueError(f"Недопустимое имя роли PostgreSQL: {role!r}")
    return '"' + role.replace('"', '""') + '"'


def audit_log_privileges(role: str) -> list[str]:
    """The statements that leave ``role`` with SELECT and INSERT only on the audit log."""
    who = _quoted(role)
    return [
        f"REVOKE ALL ON TABLE {AUDIT_TABLE} FROM PUBLIC",
        f"REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE {AUDIT_TABLE} FROM {who}",
        f"GRANT SELECT, INSERT ON TABLE {AUDIT_TABLE} TO {who}",
        f"GRANT USAGE, SELECT ON SEQUENCE {AUDIT_SEQUENCE} TO {who}",
    ]


def protect_audit_log(connection: Connection, role: str) -> None:
    """Apply ``audit_log_privileges(role)`` (run by the tables' owner, after the other grants)."""
    if connection.dialect.name != "postgresql":
        return
    for statement in audit_log_privileges(role):
        connection.execute(text(statement))
