"""A thin typed amoCRM (Kommo) API v4 client: the few endpoints QA Desk needs, nothing more.

Limits: https://www.amocrm.ru/developers/content/crm_platform/platform-abilities (7 requests per
second per integration; 429 beyond). Empty lists answer ``204 No Content``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import httpx

from qa_desk.crm import amocrm_models as m
from qa_desk.crm.clock import Clock, SystemClock
from qa_desk.crm.errors import CrmAuthError
from qa_desk.crm.oauth import RefreshableToken, token_pair
from qa_desk.crm.ratelimit import SlidingWindow
from qa_desk.crm.transport import HttpConnector, RetryPolicy, Transport
from qa_desk.crm.types import (
    AccountInfo,
    CrmCall,
    CrmDeal,
    CrmReason,
    CrmStage,
    CrmUser,
    PushPlan,
    StageKind,
    validated,
)

NAME = "amoCRM"
RATE_PER_S = 7
PAGE = 250
IDS_PER_REQUEST = 50
WON, LOST = 142, 143  # system statuses of every pipeline


def base_url(subdomain: str, domain: str = "amocrm.ru") -> str:
    """``mycompany`` → ``https://mycompany.amocrm.ru``; a full URL is kept as given."""
    value = subdomain.strip().rstrip("/")
    if value.startswith(("http://", "https://")):
        return value
    return f"https://{value}.{domain}"


class LongLivedToken:
    """A long-lived token of a private integration: nothing to refresh."""

    def __init__(self, token: str) -> None:
        self.token = token

    def authorize(self, headers: dict[str, str], params: dict[str, Any]) -> None:
        headers["Authorization"] = f"Bearer {self.token}"

    def refresh(self, transport: Transport) -> bool:
        return False


class OAuthTokens(RefreshableToken):
    """Access + refresh tokens; refreshed on a 401 and handed to ``on_change`` (the keyring)."""

    def authorize(self, headers: dict[str, str], params: dict[str, Any]) -> None:
        headers["Authorization"] = f"Bearer {self.secret.get('access_token', '')}"

    def refresh(self, transport: Transport) -> bool:
        if self.adopt_newer():
            return True
        if not self.can_refresh:
            return False
        body = {
            "client_id": self.secret.get("client_id"),
            "client_secret": self.secret.get("client_secret"),
            "grant_type": "refresh_token",
            "refresh_token": self.secret["refresh_token"],
            "redirect_uri": self.secret.get("redirect_uri"),
        }
        label = "POST /oauth2/access_token"
        try:
            response = transport.request("POST", "/oauth2/access_token", label=label, json_body=body, authorized=False)
        except CrmAuthError as exc:
            raise CrmAuthError(f"{NAME}: не удалось обновить токен — подключите интеграцию заново ({exc})") from None
        tokens = validated(m.Tokens, transport.json(response, label), f"{NAME}: {label}")
        self.save(tokens.access_token, tokens.refresh_token, tokens.expires_in)
        return True


def exchange_code(transport: Transport, secret: dict[str, Any], code: str) -> dict[str, Any]:
    """First OAuth step: the authorization code from the integration's settings → tokens."""
    body = {
        "client_id": secret["client_id"],
        "client_secret": secret["client_secret"],
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": secret["redirect_uri"],
    }
    label = "POST /oauth2/access_token"
    response = transport.request(
        "POST", "/oauth2/access_token", label=label, json_body=body, authorized=False
    )
    tokens = validated(m.Tokens, transport.json(response, label), f"{NAME}: {label}")
    return {**secret, **token_pair(tokens.access_token, tokens.refresh_token, tokens.expires_in)}


def exchange(url: str, secret: dict[str, Any], code: str, *, clock: Clock | None = None) -> dict[str, Any]:
    """``exchange_code`` over a transport of its own (``qa-desk crm connect amocrm --code``)."""
    clock = clock or SystemClock()
    transport = Transport(NAME, url, limiter=SlidingWindow(RATE_PER_S, 1.0, clock), clock=clock)
    try:
        return exchange_code(transport, secret, code)
    finally:
        transport.close()


CALL_NOTE_FILTER: list[tuple[str, Any]] = [("filter[note_type][]", "call_in"), ("filter[note_type][]", "call_out")]


def _contact_ids(lead: m.Lead) -> tuple[str, ...]:
    return tuple(str(c.id) for c in (lead.embedded or m.LeadEmbedded()).contacts)


def _ts(value: int) -> datetime:
    return datetime.fromtimestamp(value, UTC).replace(tzinfo=None)


def _epoch(value: datetime) -> int:
    return int(value.replace(tzinfo=UTC).timestamp())


def split_stage(stage_id: str) -> tuple[int, int]:
    pipeline, _, status = stage_id.partition(":")
    return int(pipeline), int(status)


class AmoCrmConnector(HttpConnector):
    kind = "amocrm"
    name = NAME
    changes_in_order = True

    def __init__(
        self,
        url: str,
        auth: LongLivedToken | OAuthTokens,
        *,
        clock: Clock | None = None,
        client: httpx.Client | None = None,
        retry: RetryPolicy | None = None,
    ) -> None:
        super().__init__(url, auth, lambda c: SlidingWindow(RATE_PER_S, 1.0, c), clock=clock, client=client, retry=retry)
        self.page_size = PAGE
        self._contacts: dict[str, tuple[int, tuple[str, ...]]] = {}  # lead id -> (created_at, contacts)

    # --- reading -------------------------------------------------------------------------------
    def _get(self, path: str, params: Any, model: type[m.BaseModel]) -> Any:
        label = f"GET {path}"
        response = self.transport.request("GET", path, label=label, params=params)
        if response.status_code == 204:
            return None
        return validated(model, self.transport.json(response, label), f"{NAME}: {label}")

    def _pages(self, path: str, params: list[tuple[str, Any]], model: type[m.BaseModel]) -> Iterator[Any]:
        page = 1
        while True:
            result = self._get(path, [*params, ("page", page), ("limit", self.page_size)], model)
            if result is None:
                return
            yield result
            if result.links is None or result.links.next is None:
                return
            page += 1

    def check(self) -> AccountInfo:
        account = self._get("/api/v4/account", None, m.Account)
        return AccountInfo(account.name, str(account.id))

    def stages(self) -> list[CrmStage]:
        result = self._get("/api/v4/leads/pipelines", None, m.PipelinesPage)
        stages = []
        for pipeline in result.embedded.pipelines if result else []:
            for status in pipeline.embedded.statuses:
                kind = {WON: StageKind.WON, LOST: StageKind.LOST}.get(status.id, StageKind.OPEN)
                stages.append(CrmStage(f"{pipeline.id}:{status.id}", status.name, pipeline.name, kind))
        return stages

    def loss_reasons(self) -> list[CrmReason]:
        pages = self._pages("/api/v4/leads/loss_reasons", [], m.LossReasonsPage)
        return [CrmReason(str(r.id), r.name) for p in pages for r in p.embedded.loss_reasons]

    def users(self) -> list[CrmUser]:
        pages = self._pages("/api/v4/users", [], m.UsersPage)
        return [CrmUser(str(u.id), u.name, u.email) for p in pages for u in p.embedded.users]

    def changed_deals(self, stage_ids: list[str], since: datetime | None) -> Iterator[list[CrmDeal]]:
        """Leads in these stages changed since ``since``, oldest change first, one page at a time.

        Keyset pagination on ``updated_at`` (not page numbers): a lead that moves while we page
        gets a newer ``updated_at`` and comes again at the end instead of shifting the others out.
        """
        base: list[tuple[str, Any]] = [("with", "loss_reason,contacts"), ("order[updated_at]", "asc")]
        for i, stage in enumerate(stage_ids):
            pipeline, status = split_stage(stage)
            base += [
                (f"filter[statuses][{i}][pipeline_id]", pipeline),
                (f"filter[statuses][{i}][status_id]", status),
            ]
        start = _epoch(since) if since else 0
        page, seen_at_start = 1, set[int]()
        while True:
            params = [*base, ("filter[updated_at][from]", start), ("page", page), ("limit", self.page_size)]
            result = self._get("/api/v4/leads", params, m.LeadsPage)
            leads = result.embedded.leads if result else []
            fresh = [lead for lead in leads if not (lead.updated_at == start and lead.id in seen_at_start)]
            if fresh:
                self._remember(fresh)
                yield [self._deal(lead) for lead in fresh]
            if len(leads) < self.page_size or result is None or result.links is None or result.links.next is None:
                return
            last = leads[-1].updated_at
            if last == start:
                page += 1  # a whole page changed within one second: page on within that second
            else:
                start, page = last, 1
            seen_at_start |= {lead.id for lead in leads if lead.updated_at == start}

    @staticmethod
    def _deal(lead: m.Lead) -> CrmDeal:
        embedded = lead.embedded or m.LeadEmbedded()
        reason = lead.loss_reason_id or (embedded.loss_reason[0].id if embedded.loss_reason else None)
        return CrmDeal(
            id=str(lead.id),
            title=lead.name,
            stage_id=f"{lead.pipeline_id}:{lead.status_id}",
            updated_at=_ts(lead.updated_at),
            responsible_id=str(lead.responsible_user_id) if lead.responsible_user_id else None,
            loss_reason_id=str(reason) if reason else None,
            amount=Decimal(str(lead.price)) if lead.price is not None else None,
            currency="RUB",
            contact_ids=_contact_ids(lead),
        )

    def calls(self, deal_ids: list[str]) -> list[CrmCall]:
        """Call notes (``call_in``/``call_out``) of these leads and of their contacts.

        Telephony widgets log a call on the lead, on the contact, or on both
        (https://www.amocrm.ru/developers/content/crm_platform/events-and-notes: notes of
        ``leads`` and of ``contacts``). A contact's call belongs to the newest of these leads that
        existed when the call was made (a call before every one of them was another deal's); a call
        logged on both (the same ``uniq``) is taken once, from the lead.
        """
        calls = [self._call(n) for n in self._notes("leads", deal_ids)]
        leads_of = self._leads_of_contacts(deal_ids)
        seen = {c.id for c in calls}
        for note in self._notes("contacts", list(leads_of)):
            owners = [lead for created, lead in leads_of.get(str(note.entity_id), []) if created <= note.created_at]
            if not owners:
                continue
            call = self._call(note, deal_id=owners[-1], entity="contacts")
            if call.id not in seen:
                seen.add(call.id)
                calls.append(call)
        return calls

    def deals_with_new_calls(self, since: datetime) -> set[str]:
        """Leads with a call note added or edited since ``since``, on the lead or on one of its
        contacts: ``filter[updated_at][from]`` of GET /api/v4/{leads,contacts}/notes
        (https://developers.kommo.com/reference/notes), a contact's leads from GET
        /api/v4/contacts?with=leads (https://developers.kommo.com/reference/contacts-list)."""
        changed = [*CALL_NOTE_FILTER, ("filter[updated_at][from]", _epoch(since))]
        leads = {str(n.entity_id) for page in self._pages("/api/v4/leads/notes", changed, m.NotesPage) for n in page.embedded.notes}
        contacts = sorted({str(n.entity_id) for page in self._pages("/api/v4/contacts/notes", changed, m.NotesPage)
                           for n in page.embedded.notes})
        for offset in range(0, len(contacts), IDS_PER_REQUEST):
            params: list[tuple[str, Any]] = [("filter[id][]", i) for i in contacts[offset : offset + IDS_PER_REQUEST]]
            for page in self._pages("/api/v4/contacts", [("with", "leads"), *params], m.ContactsPage):
                leads |= {str(lead.id) for contact in page.embedded.contacts for lead in contact.embedded.leads}
        return leads

    def _notes(self, entity: str, ids: list[str]) -> Iterator[m.Note]:
        for offset in range(0, len(ids), IDS_PER_REQUEST):
            params: list[tuple[str, Any]] = [("filter[entity_id][]", i) for i in ids[offset : offset + IDS_PER_REQUEST]]
            params += CALL_NOTE_FILTER
            for page in self._pages(f"/api/v4/{entity}/notes", params, m.NotesPage):
                yield from (n for n in page.embedded.notes if n.note_type in ("call_in", "call_out"))

    def _remember(self, leads: list[m.Lead]) -> None:
        for lead in leads:
            self._contacts[str(lead.id)] = (lead.created_at or 0, _contact_ids(lead))

    def _leads_of_contacts(self, deal_ids: list[str]) -> dict[str, list[tuple[int, str]]]:
        """Contact id -> its leads among ``deal_ids`` as (created_at, id), oldest first. Leads not
        paged in this run (a recording tried again after a failed download) are asked for."""
        unknown = [i for i in deal_ids if i not in self._contacts]
        for offset in range(0, len(unknown), IDS_PER_REQUEST):
            params: list[tuple[str, Any]] = [("filter[id][]", i) for i in unknown[offset : offset + IDS_PER_REQUEST]]
            for page in self._pages("/api/v4/leads", [("with", "contacts"), *params], m.LeadsPage):
                self._remember(page.embedded.leads)
        leads_of: dict[str, list[tuple[int, str]]] = {}
        for deal_id in deal_ids:
            created, contacts = self._contacts.get(deal_id, (0, ()))
            for contact in contacts:
                leads_of.setdefault(contact, []).append((created, deal_id))
        for leads in leads_of.values():
            leads.sort(key=lambda pair: (pair[0], int(pair[1])))
        return leads_of

    @staticmethod
    def _call(note: m.Note, deal_id: str | None = None, entity: str = "leads") -> CrmCall:
        where = f"{NAME}: GET /api/v4/{entity}/notes"
        params = validated(m.CallParams, note.params, f"{where}: примечание {note.id}, params")
        fallback = str(note.id) if entity == "leads" else f"contact-note-{note.id}"  # note ids are per entity
        return CrmCall(
            id=params.uniq or fallback,
            deal_id=deal_id or str(note.entity_id),
            started_at=_ts(note.created_at),
            duration_s=params.duration,
            phone=params.phone,
            direction="in" if note.note_type == "call_in" else "out",
            url=params.link or None,
        )

    def recording_urls(self, calls: list[CrmCall]) -> dict[str, str]:
        return {c.id: c.url for c in calls if c.url}

    # --- writing -------------------------------------------------------------------------------
    def push(self, plan: PushPlan) -> dict[str, Any]:
        """Move the lead, change its responsible user, add the verdict note once (found by its marker)."""
        done: dict[str, Any] = {}
        fields: dict[str, Any] = {}
        if plan.stage_id:
            pipeline, status = split_stage(plan.stage_id)
            fields.update(pipeline_id=pipeline, status_id=status)
            if plan.loss_reason_id:
                fields["loss_reason_id"] = int(plan.loss_reason_id)
        if plan.responsible_id:
            fields["responsible_user_id"] = int(plan.responsible_id)
        path = f"/api/v4/leads/{int(plan.deal_id)}"
        if fields:
            self.transport.request("PATCH", path, label=f"PATCH {path}", json_body=fields)
            done["lead"] = fields
        if plan.note:
            existing = self._find_note(plan.deal_id, plan.marker)
            if existing is None:
                body = [{"note_type": "common", "params": {"text": plan.note}}]
                label = f"POST {path}/notes"
                response = self.transport.request(
                    "POST", f"{path}/notes", label=label, json_body=body, idempotent=False
                )
                notes = validated(m.NotesPage, self.transport.json(response, label), f"{NAME}: {label}")
                existing = notes.embedded.notes[0].id if notes.embedded.notes else None
            done["note_id"] = existing
        return done

    def _find_note(self, deal_id: str, marker: str) -> int | None:
        path = f"/api/v4/leads/{int(deal_id)}/notes"
        for page in self._pages(path, [("filter[note_type]", "common")], m.NotesPage):
            for note in page.embedded.notes:
                if marker and marker in str(note.params.get("text") or ""):
                    return note.id
        return None
