"""amoCRM (Kommo) API v4 response shapes, validated with pydantic (unknown keys are ignored).

Shapes follow https://www.amocrm.ru/developers/content/crm_platform/leads-api and
https://developers.kommo.com/reference/leads-list (leads, ``_embedded.loss_reason``),
https://developers.kommo.com/reference/contacts-list (a contact's leads with ``with=leads``),
https://developers.kommo.com/reference/notes (call notes ``call_in``/``call_out`` with
``params.link``, ``duration``, ``phone``, ``uniq``), https://developers.kommo.com/reference/loss-reasons,
https://www.amocrm.ru/developers/content/crm_platform/users-api and
https://www.amocrm.ru/developers/content/oauth/step-by-step (tokens).
"""

from __future__ import annotations

from pydantic import BaseModel, Field


class Link(BaseModel):
    href: str


class Links(BaseModel):
    next: Link | None = None


class Status(BaseModel):
    id: int
    name: str
    pipeline_id: int | None = None


class PipelineEmbedded(BaseModel):
    statuses: list[Status]


class Pipeline(BaseModel):
    id: int
    name: str
    embedded: PipelineEmbedded = Field(alias="_embedded")


class PipelinesEmbedded(BaseModel):
    pipelines: list[Pipeline]


class PipelinesPage(BaseModel):
    embedded: PipelinesEmbedded = Field(alias="_embedded")


class LossReason(BaseModel):
    id: int
    name: str


class LossReasonsEmbedded(BaseModel):
    loss_reasons: list[LossReason]


class LossReasonsPage(BaseModel):
    links: Links | None = Field(default=None, alias="_links")
    embedded: LossReasonsEmbedded = Field(alias="_embedded")


class User(BaseModel):
    id: int
    name: str
    email: str | None = None


class UsersEmbedded(BaseModel):
    users: list[User]


class UsersPage(BaseModel):
    links: Links | None = Field(default=None, alias="_links")
    embedded: UsersEmbedded = Field(alias="_embedded")


class ContactRef(BaseModel):
    id: int


class LeadEmbedded(BaseModel):
    loss_reason: list[LossReason] = []
    contacts: list[ContactRef] = []


class Lead(BaseModel):
    id: int
    name: str = ""
    price: int | float | None = None
    responsible_user_id: int | None = None
    status_id: int
    pipeline_id: int
    loss_reason_id: int | None = None
    created_at: int | None = None
    updated_at: int
    embedded: LeadEmbedded | None = Field(default=None, alias="_embedded")


class LeadsEmbedded(BaseModel):
    leads: list[Lead]


class LeadsPage(BaseModel):
    links: Links | None = Field(default=None, alias="_links")
    embedded: LeadsEmbedded = Field(alias="_embedded")


class CallParams(BaseModel):
    uniq: str | None = None
    duration: int | None = None
    source: str | None = None
    link: str | None = None
    phone: str | None = None


class TextParams(BaseModel):
    text: str | None = None


class Note(BaseModel):
    id: int
    entity_id: int
    note_type: str
    created_at: int
    params: dict[str, object] = {}


class LeadRef(BaseModel):
    id: int


class ContactEmbedded(BaseModel):
    leads: list[LeadRef] = []


class Contact(BaseModel):
    id: int
    embedded: ContactEmbedded = Field(default_factory=ContactEmbedded, alias="_embedded")


class ContactsEmbedded(BaseModel):
    contacts: list[Contact]


class ContactsPage(BaseModel):
    links: Links | None = Field(default=None, alias="_links")
    embedded: ContactsEmbedded = Field(alias="_embedded")


class NotesEmbedded(BaseModel):
    notes: list[Note]


class NotesPage(BaseModel):
    links: Links | None = Field(default=None, alias="_links")
    embedded: NotesEmbedded = Field(alias="_embedded")


class Account(BaseModel):
    id: int
    name: str
    subdomain: str | None = None


class Tokens(BaseModel):
    token_type: str
    expires_in: int
    access_token: str
    refresh_token: str
