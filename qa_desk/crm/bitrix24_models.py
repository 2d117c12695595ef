"""Bitrix24 REST response shapes (pydantic; unknown keys ignored).

Every method answers ``{"result": ..., "next": N, "total": N, "time": {...}}``; see
https://apidocs.bitrix24.ru/api-reference/crm/deals/crm-deal-list.html,
https://apidocs.bitrix24.ru/api-reference/crm/timeline/activities/activity-base/crm-activity-list.html
(``FILES`` only when selected), https://dev.1c-bitrix.ru/rest_help/disk/file/disk_file_get.php
(``DOWNLOAD_URL``) and https://dev.1c-bitrix.ru/rest_help/general/batch.php (``batch``).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class Envelope(BaseModel):
    result: Any
    next: int | None = None
    total: int | None = None


class Profile(BaseModel):
    ID: str | int
    NAME: str | None = None
    LAST_NAME: str | None = None


class Category(BaseModel):
    id: int
    name: str


class Categories(BaseModel):
    categories: list[Category]


class Status(BaseModel):
    ENTITY_ID: str
    STATUS_ID: str
    NAME: str
    CATEGORY_ID: str | int | None = None
    EXTRA: dict[str, Any] | None = None


class User(BaseModel):
    ID: str | int
    NAME: str | None = None
    LAST_NAME: str | None = None
    EMAIL: str | None = None


class EnumValue(BaseModel):
    ID: str | int
    VALUE: str


class UserField(BaseModel):
    FIELD_NAME: str
    USER_TYPE_ID: str
    LIST: list[EnumValue] = []
    EDIT_FORM_LABEL: Any = None
    LIST_COLUMN_LABEL: Any = None


class Deal(BaseModel):
    ID: str | int
    TITLE: str | None = ""
    STAGE_ID: str
    DATE_MODIFY: str
    ASSIGNED_BY_ID: str | int | None = None
    OPPORTUNITY: str | float | int | None = None
    CURRENCY_ID: str | None = None
    CONTACT_ID: str | int | None = None
    extra: dict[str, Any] = Field(default_factory=dict)

    model_config = {"extra": "allow"}


class ActivityFile(BaseModel):
    id: str | int
    url: str | None = None


class Activity(BaseModel):
    ID: str | int
    OWNER_ID: str | int
    START_TIME: str | None = None
    DIRECTION: str | int | None = None
    FILES: list[ActivityFile] | None = None
    SUBJECT: str | None = None


class DiskFile(BaseModel):
    ID: str | int
    NAME: str | None = None
    SIZE: str | int | None = None
    DOWNLOAD_URL: str


class Comment(BaseModel):
    ID: str | int
    COMMENT: str | None = None


class Tokens(BaseModel):
    access_token: str
    refresh_token: str
    expires_in: int
    client_endpoint: str | None = None
