"""Sign-in data: logins with their password hashes and persons, API tokens, failed attempts, the
database's own marks (the demo)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qa_desk.storage.models import AppUser, AuditEntry
from qa_desk.storage.team_models import ApiToken, InstanceSetting, Person


class AccountRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # --- logins ----------------------------------------------------------------------------
    def by_login(self, login: str) -> AppUser | None:
        """Any login, disabled ones too (case-sensitive, as stored)."""
        return self.session.scalar(select(AppUser).where(AppUser.login == login))

    def get(self, user_id: int) -> AppUser | None:
        return self.session.get(AppUser, user_id)

    def all(self) -> Sequence[AppUser]:
        return self.session.scalars(select(AppUser).order_by(AppUser.login)).all()

    def with_password(self) -> int:
        return int(self.session.scalar(select(func.count()).where(AppUser.password_hash.is_not(None))) or 0)

    def of_person(self, person_id: int) -> Sequence[AppUser]:
        return self.session.scalars(select(AppUser).where(AppUser.person_id == person_id)).all()

    def named(self, display_name: str) -> Sequence[AppUser]:
        """Logins whose display name is this one (case-insensitive, Cyrillic included)."""
        key = display_name.strip().casefold()
        return [u for u in self.session.scalars(select(AppUser)) if u.display_name.strip().casefold() == key]

    def add_person(self, display_name: str) -> Person:
        person = Person(display_name=display_name)
        self.session.add(person)
        self.session.flush()
        return person

    # --- failed sign-ins (kept in the audit log) -------------------------------------------
    def failures_since(self, login: str, since: datetime, action: str) -> list[datetime]:
        query = select(AuditEntry.at).where(AuditEntry.action == action, AuditEntry.actor == login, AuditEntry.at >= since)
        return list(self.session.scalars(query.order_by(AuditEntry.at)))

    def last_success(self, login: str, action: str) -> datetime | None:
        query = select(func.max(AuditEntry.at)).where(AuditEntry.action == action, AuditEntry.actor == login)
        return self.session.scalar(query)

    # --- tokens ----------------------------------------------------------------------------
    def add_token(self, token: ApiToken) -> ApiToken:
        self.session.add(token)
        self.session.flush()
        return token

    def token_by_hash(self, sha256: str) -> ApiToken | None:
        return self.session.scalar(select(ApiToken).where(ApiToken.token_sha256 == sha256))

    def token(self, token_id: int) -> ApiToken | None:
        return self.session.get(ApiToken, token_id)

    def tokens(self, user_id: int | None = None) -> Sequence[ApiToken]:
        query = select(ApiToken).order_by(ApiToken.id)
        if user_id is not None:
            query = query.where(ApiToken.user_id == user_id)
        return self.session.scalars(query).all()

    # --- the database's own marks ----------------------------------------------------------
    def setting(self, key: str) -> str | None:
        row = self.session.get(InstanceSetting, key)
        return row.value if row is not None else None

    def set_setting(self, key: str, value: str) -> None:
        row = self.session.get(InstanceSetting, key)
        if row is None:
            self.session.add(InstanceSetting(key=key, value=value))
        else:
            row.value = value
