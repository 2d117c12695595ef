"""Routes of the fake CRM (see crm_server.py). Each handler cites the documentation it follows."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

Answer = tuple[int, Any, dict[str, str]]


@dataclass
class Raw(Exception):
    data: bytes
    content_type: str
    truncated: bool = False


def route(fake: Any, method: str, path: str, query: list[tuple[str, str]], body: Any, headers: Any) -> Answer:
    s = fake.state
    if path.startswith("/files/"):
        return _file(s, path.removeprefix("/files/"))
    if path == "/oauth2/access_token":
        return _amo_token(s, body)
    if path == "/oauth/token/":
        return _b24_token(s, dict(query))
    if path.startswith("/api/v4/"):
        if headers.get("Authorization") != f"Bearer {s.amo_token}":
            # https://www.amocrm.ru/developers/content/oauth/step-by-step — an expired token answers 401
            return 401, {"title": "Unauthorized", "status": 401, "detail": "Token expired"}, {}
        return _amo(fake, method, path, query, body)
    if path.startswith("/rest/"):
        return _b24(fake, path, dict(query), body or {})
    return 404, {"detail": "not found"}, {}


def _file(s: Any, name: str) -> Answer:
    if name in s.missing or name not in s.files:
        return 404, {"error": "not found"}, {}
    kind = "audio/ogg" if name.endswith(".ogg") else "audio/mpeg"
    raise Raw(s.files[name], kind, truncated=name in s.truncated)


# --- amoCRM --------------------------------------------------------------------------------------


def _amo_token(s: Any, body: dict[str, Any]) -> Answer:
    # https://developers.kommo.com/recipes/getrenew-access-token (POST /oauth2/access_token)
    if body.get("grant_type") == "refresh_token" and body.get("refresh_token") != s.amo_refresh:
        return 400, {"hint": "Token has been revoked", "title": "Некорректный запрос", "status": 400}, {}
    n = int(s.amo_refresh.rsplit("-", 1)[1]) + 1
    s.amo_token, s.amo_refresh = f"amo-access-{n}", f"amo-refresh-{n}"
    return 200, {"token_type": "Bearer", "expires_in": 86400, "access_token": s.amo_token, "refresh_token": s.amo_refresh}, {}


def _page(items: list[Any], query: list[tuple[str, str]], key: str, path: str) -> Answer:
    # Paging per https://developers.kommo.com/reference/leads-list: page, limit (max 250),
    # _links.next while more remain, 204 No Content on an empty page.
    q = dict(query)
    page, limit = int(q.get("page", 1)), min(int(q.get("limit", 50)), 250)
    chunk = items[(page - 1) * limit : page * limit]
    if not chunk:
        return 204, None, {}
    links: dict[str, Any] = {"self": {"href": f"{path}?page={page}"}}
    if page * limit < len(items):
        links["next"] = {"href": f"{path}?page={page + 1}&limit={limit}"}
    return 200, {"_page": page, "_links": links, "_embedded": {key: chunk}}, {}


def _amo(fake: Any, method: str, path: str, query: list[tuple[str, str]], body: Any) -> Answer:
    s = fake.state
    if path == "/api/v4/account":
        # https://www.amocrm.ru/developers/content/crm_platform/account-info
        return 200, {"id": 28805383, "name": "ТехноСнаб (тест)", "subdomain": "technosnab"}, {}
    if path == "/api/v4/leads/pipelines":
        # https://www.amocrm.ru/developers/content/crm_platform/leads_pipelines
        return 200, {"_total_items": len(s.pipelines), "_embedded": {"pipelines": s.pipelines}}, {}
    if path == "/api/v4/leads/loss_reasons":
        # https://developers.kommo.com/reference/loss-reasons
        return _page(s.loss_reasons, query, "loss_reasons", path)
    if path == "/api/v4/users":
        # https://www.amocrm.ru/developers/content/crm_platform/users-api
        return _page(s.amo_users, query, "users", path)
    if path == "/api/v4/leads" and method == "GET":
        return _leads(fake, query)
    if path in ("/api/v4/leads/notes", "/api/v4/contacts/notes") and method == "GET":
        # https://developers.kommo.com/reference/notes (GET /api/v4/{entity_type}/notes, entity_type
        # leads | contacts | companies) — filter[entity_id][], filter[note_type][], filter[updated_at][from]
        # (the note's last edit; a note never edited carries its creation time)
        ids = {int(v) for k, v in query if k == "filter[entity_id][]"}
        types = {v for k, v in query if k == "filter[note_type][]"}
        start = int(dict(query).get("filter[updated_at][from]", 0))
        source = s.notes if path == "/api/v4/leads/notes" else s.contact_notes
        notes = [n for n in source if (not ids or n["entity_id"] in ids) and (not types or n["note_type"] in types)
                 and n.get("updated_at", n["created_at"]) >= start]
        return _page(notes, query, "notes", path)
    if path == "/api/v4/contacts" and method == "GET":
        # https://developers.kommo.com/reference/contacts-list — filter[id][], with=leads puts the
        # contact's leads into _embedded.leads
        only = {int(v) for k, v in query if k == "filter[id][]"}
        leads_of: dict[int, list[int]] = {}
        for lead_id in sorted(s.leads):
            for contact in s.contacts.get(lead_id, [lead_id + 500]):
                leads_of.setdefault(contact, []).append(lead_id)
        contacts = [{"id": c, "name": f"Контакт {c}", "_embedded": {"leads": [{"id": i} for i in leads]}}
                    for c, leads in sorted(leads_of.items()) if not only or c in only]
        return _page(contacts, query, "contacts", path)
    m = re.fullmatch(r"/api/v4/leads/(\d+)(/notes)?", path)
    if m:
        lead_id = int(m.group(1))
        if lead_id not in s.leads:
            return 404, {"title": "Not found", "status": 404}, {}
        if m.group(2) and method == "GET":
            note_type = dict(query).get("filter[note_type]")
            notes = [n for n in s.notes if n["entity_id"] == lead_id and (not note_type or n["note_type"] == note_type)]
            return _page(notes, query, "notes", path)
        if m.group(2) and method == "POST":
            # https://developers.kommo.com/reference/notes — POST /api/v4/leads/{id}/notes with a list
            created = []
            for item in body:
                note = {"id": 9000 + len(s.notes), "entity_id": lead_id, "note_type": item["note_type"],
                        "created_at": 1772000000, "params": item.get("params", {})}
                s.notes.append(note)
                created.append({"id": note["id"], "entity_id": lead_id, "request_id": "0"})
            return 200, {"_embedded": {"notes": [{**c, "note_type": "common", "created_at": 1772000000} for c in created]}}, {}
        if method == "PATCH":
            # https://developers.kommo.com/reference/updating-single-lead
            lead = s.leads[lead_id]
            lead.update({k: v for k, v in body.items() if k in ("status_id", "pipeline_id", "responsible_user_id", "loss_reason_id")})
            lead["updated_at"] += 1
            return 200, {"id": lead_id, "updated_at": lead["updated_at"]}, {}
    return 404, {"title": "Not found", "status": 404}, {}


def _leads(fake: Any, query: list[tuple[str, str]]) -> Answer:
    # https://developers.kommo.com/reference/leads-list — filter[statuses][i][pipeline_id|status_id],
    # filter[updated_at][from], order[updated_at]=asc, with=loss_reason,contacts.
    s = fake.state
    q = dict(query)
    pairs = {}
    for k, v in query:
        m = re.fullmatch(r"filter\[statuses\]\[(\d+)\]\[(pipeline_id|status_id)\]", k)
        if m:
            pairs.setdefault(m.group(1), {})[m.group(2)] = int(v)
    wanted = {(p["pipeline_id"], p["status_id"]) for p in pairs.values()}
    start = int(q.get("filter[updated_at][from]", 0))
    only = {int(v) for k, v in query if k == "filter[id][]"}  # filter[id] takes one id or an array
    leads = [dict(lead) for lead in s.leads.values()
             if (not wanted or (lead["pipeline_id"], lead.get("status_id", lead.get("statusId"))) in wanted)
             and lead["updated_at"] >= start and (not only or lead["id"] in only)]
    leads.sort(key=lambda lead: (lead["updated_at"], lead["id"]))
    for lead in leads:
        reason = next((r for r in s.loss_reasons if r["id"] == lead.get("loss_reason_id")), None)
        contacts = s.contacts.get(lead["id"], [lead["id"] + 500])
        lead["_embedded"] = {"loss_reason": [reason] if reason else [],
                             "contacts": [{"id": c, "is_main": i == 0} for i, c in enumerate(contacts)]}
    answer = _page(leads, query, "leads", "/api/v4/leads")
    if fake.state.after_page:
        fake.state.after_page("/api/v4/leads", int(q.get("page", 1)))
    return answer


# --- Bitrix24 ------------------------------------------------------------------------------------


def _b24_token(s: Any, q: dict[str, str]) -> Answer:
    # https://apidocs.bitrix24.ru/settings/oauth/index.html — GET /oauth/token/?grant_type=refresh_token,
    # and the first step grant_type=authorization_code&code=… (the code is good once)
    if q.get("grant_type") == "authorization_code":
        if not s.b24_code or q.get("code") != s.b24_code:
            return 400, {"error": "invalid_grant", "error_description": "Invalid authorization code"}, {}
        s.b24_code = ""
    elif q.get("refresh_token") != s.b24_refresh:
        return 400, {"error": "invalid_grant", "error_description": "Invalid refresh token"}, {}
    n = int(s.b24_refresh.rsplit("-", 1)[1]) + 1
    s.b24_token, s.b24_refresh = f"b24-access-{n}", f"b24-refresh-{n}"
    return 200, {"access_token": s.b24_token, "refresh_token": s.b24_refresh, "expires_in": 3600,
                 "client_endpoint": "", "server_endpoint": ""}, {}


def _list(s: Any, items: list[Any], params: dict[str, Any]) -> Answer:
    # https://apidocs.bitrix24.ru/api-reference/how-to-call-rest-api/list-methods-pecularities.html:
    # 50 per page, "next" and "total"; start=-1 turns the count off (no next/total).
    start = int(params.get("start", 0) or 0)
    if start == -1:
        return 200, {"result": items[: s.b24_page], "time": _time()}, {}
    chunk = items[start : start + s.b24_page]
    answer: dict[str, Any] = {"result": chunk, "total": len(items), "time": _time()}
    if start + s.b24_page < len(items):
        answer["next"] = start + s.b24_page
    return 200, answer, {}


def _time() -> dict[str, Any]:
    return {"start": 0, "finish": 0, "duration": 0.01, "processing": 0.01, "operating": 0}


def _b24(fake: Any, path: str, query: dict[str, str], params: dict[str, Any]) -> Answer:
    s = fake.state
    if path.startswith(s.webhook):
        method = path.removeprefix(s.webhook)
    elif query.get("auth") == s.b24_token or params.get("auth") == s.b24_token:
        method = path.removeprefix("/rest/")
    else:
        # https://apidocs.bitrix24.ru/api-reference/common/system/errors.html — expired_token is 401
        return 401, {"error": "expired_token", "error_description": "The access token provided has expired."}, {}
    method = method.removesuffix(".json")
    return _b24_method(fake, method, params)


def _b24_method(fake: Any, method: str, params: dict[str, Any]) -> Answer:
    s = fake.state
    if method == "profile":
        # https://apidocs.bitrix24.ru/api-reference/common/users/profile.html
        return 200, {"result": {"ID": "1", "ADMIN": True, "NAME": "Ольга", "LAST_NAME": "Контролёрова"}, "time": _time()}, {}
    if method == "crm.category.list":
        # https://apidocs.bitrix24.ru/api-reference/crm/universal/category/crm-category-list.html
        return 200, {"result": {"categories": s.categories}, "time": _time()}, {}
    if method == "crm.status.list":
        # https://apidocs.bitrix24.ru/api-reference/crm/status/crm-status-list.html
        return _list(s, s.statuses, params)
    if method == "crm.deal.userfield.list":
        # https://apidocs.bitrix24.ru/api-reference/crm/deals/user-defined-fields/crm-deal-userfield-list.html
        return _list(s, s.userfields, params)
    if method == "user.get":
        # https://apidocs.bitrix24.ru/api-reference/user/user-get.html
        return _list(s, s.b24_users, params)
    if method == "crm.deal.list":
        return _deals(fake, params)
    if method == "crm.activity.list":
        # https://apidocs.bitrix24.ru/api-reference/crm/timeline/activities/activity-base/crm-activity-list.html
        # — @OWNER_ID (in), TYPE_ID, >=LAST_UPDATED (an activity never edited carries its start time)
        from datetime import datetime

        f = params.get("filter", {})
        owners = {int(i) for i in f.get("@OWNER_ID", [])}
        since = datetime.fromisoformat(f[">=LAST_UPDATED"]) if ">=LAST_UPDATED" in f else None
        acts = [a for a in s.activities if (not owners or int(a["OWNER_ID"]) in owners)
                and int(a["TYPE_ID"]) == int(f.get("TYPE_ID", 2))
                and (since is None or datetime.fromisoformat(a.get("LAST_UPDATED", a["START_TIME"])) >= since)]
        return _list(s, acts, params)
    if method == "batch":
        # https://dev.1c-bitrix.ru/rest_help/general/batch.php — {"result": {"result": {...}, "result_error": {...}}}
        results, errors = {}, {}
        for key, command in params.get("cmd", {}).items():
            name, _, arg = command.partition("?")
            file_id = int(dict(p.split("=", 1) for p in arg.split("&") if p).get("id", 0))
            if name == "disk.file.get" and file_id in s.disk:
                # https://dev.1c-bitrix.ru/rest_help/disk/file/disk_file_get.php — DOWNLOAD_URL
                fname = s.disk[file_id]
                results[key] = {"ID": str(file_id), "NAME": fname, "SIZE": str(len(s.files.get(fname, b""))),
                                "DOWNLOAD_URL": f"{fake.url}/files/{fname}"}
            else:
                errors[key] = {"error": "ERROR_NOT_FOUND", "error_description": "Could not find entity with id"}
        return 200, {"result": {"result": results, "result_error": errors or [], "result_total": [], "result_next": []}, "time": _time()}, {}
    if method == "crm.deal.update":
        # https://apidocs.bitrix24.ru/api-reference/crm/deals/crm-deal-update.html
        deal = s.deals.get(int(params["id"]))
        if deal is None:
            return 400, {"error": "", "error_description": "Not found"}, {}
        deal.update(params["fields"])
        return 200, {"result": True, "time": _time()}, {}
    if method == "crm.timeline.comment.list":
        # https://dev.1c-bitrix.ru/rest_help/crm/timeline/comment/index.php
        f = params.get("filter", {})
        items = [c for c in s.comments if c["ENTITY_ID"] == int(f.get("ENTITY_ID", 0))]
        return _list(s, items, params)
    if method == "crm.timeline.comment.add":
        # https://dev.1c-bitrix.ru/rest_help/crm/timeline/comment/crm_timeline_comment_add.php
        fields = params["fields"]
        comment = {"ID": str(100 + len(s.comments)), "ENTITY_ID": int(fields["ENTITY_ID"]), "COMMENT": fields["COMMENT"]}
        s.comments.append(comment)
        return 200, {"result": int(comment["ID"]), "time": _time()}, {}
    return 400, {"error": "ERROR_METHOD_NOT_FOUND", "error_description": "Method not found!"}, {}


def _deals(fake: Any, params: dict[str, Any]) -> Answer:
    # https://apidocs.bitrix24.ru/api-reference/crm/deals/crm-deal-list.html — filter with prefixes
    # (@ in, >ID, >=DATE_MODIFY), order ID ASC, start=-1 (the fast keyset paging of big lists)
    from datetime import datetime

    s = fake.state
    f = params.get("filter", {})
    stages = set(f.get("@STAGE_ID", []))
    after = int(f.get(">ID", 0))
    since = datetime.fromisoformat(f[">=DATE_MODIFY"]) if ">=DATE_MODIFY" in f else None
    deals = [d for d in sorted(s.deals.values(), key=lambda d: int(d["ID"]))
             if (not stages or d["STAGE_ID"] in stages) and int(d["ID"]) > after
             and (since is None or datetime.fromisoformat(d["DATE_MODIFY"]) >= since)]
    answer = _list(s, deals, params)
    if s.after_page:
        s.after_page("crm.deal.list", after)
    return answer
