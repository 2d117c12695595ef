"""Seed data for the fake CRM: three refused deals with stereo fixture recordings, in both CRMs."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from fakes.crm_server import FakeCrm, b24_time, epoch

AUDIO = Path(__file__).resolve().parents[1] / "fixtures" / "audio"
PIPELINE, WORK, REFUSAL, FIRST = 100, 1002, 1003, 1001
DEALS = (101, 102, 103)
CHANGED = datetime(2026, 3, 10, 12, 0, 0)


def seed_amo(fake: FakeCrm) -> None:
    s = fake.state
    s.pipelines = [
        {"id": PIPELINE, "name": "Продажи", "sort": 1, "is_main": True, "_embedded": {"statuses": [
            {"id": FIRST, "name": "Первичный контакт", "pipeline_id": PIPELINE, "type": 0},
            {"id": WORK, "name": "В работе", "pipeline_id": PIPELINE, "type": 0},
            {"id": REFUSAL, "name": "Условный отказ", "pipeline_id": PIPELINE, "type": 0},
            {"id": 142, "name": "Успешно реализовано", "pipeline_id": PIPELINE, "type": 0},
            {"id": 143, "name": "Закрыто и не реализовано", "pipeline_id": PIPELINE, "type": 0},
        ]}},
    ]
    s.loss_reasons = [{"id": 11, "name": "Маленький бюджет", "sort": 1}, {"id": 12, "name": "Дорого", "sort": 2},
                      {"id": 13, "name": "Клиент не ЛПР", "sort": 3}]
    s.amo_users = [{"id": 501, "name": "Иван Петров", "email": "ivan.petrov@example.com"},
                   {"id": 502, "name": "Мария Соколова", "email": "maria.sokolova@example.com"}]
    mp3 = fake.add_file("call-a.mp3", AUDIO / "stereo_short.mp3")
    ogg = fake.add_file("call-b.ogg", AUDIO / "stereo_short.ogg")
    for n, lead_id in enumerate(DEALS):
        s.leads[lead_id] = {
            "id": lead_id, "name": f"Поставка оборудования №{n + 1}", "price": 1500000 + n, "responsible_user_id": 501 if n != 1 else 502,
            "group_id": 0, "status_id": REFUSAL, "pipeline_id": PIPELINE, "loss_reason_id": 11 if n != 2 else 12,
            "created_by": 501, "updated_by": 501, "created_at": epoch(CHANGED) - 86400, "updated_at": epoch(CHANGED) + n,
            "closed_at": None, "is_deleted": False, "custom_fields_values": None, "account_id": 28805383,
        }
        # Two calls per deal, listed newest first: QA Desk must order them by the call's start time.
        for k, (link, day) in enumerate(((ogg, 6), (mp3, 5))):
            s.notes.append({
                "id": 7000 + n * 10 + k, "entity_id": lead_id, "created_by": 501, "updated_by": 501,
                "created_at": epoch(datetime(2026, 3, day, 10 + n, 0, 0)), "updated_at": epoch(CHANGED),
                "responsible_user_id": 501, "group_id": 0, "note_type": "call_out" if k else "call_in",
                "params": {"uniq": f"call-{lead_id}-{k}", "duration": 12, "source": "onlinePBX", "link": link,
                           "phone": "+79990001122", "call_result": "", "call_status": 4},
                "account_id": 28805383,
            })


def seed_b24(fake: FakeCrm) -> None:
    s = fake.state
    s.categories = [{"id": 0, "name": "Общая", "sort": 100, "entityTypeId": 2, "isDefault": "Y"}]
    s.statuses = [
        {"ID": "1", "ENTITY_ID": "DEAL_STAGE", "STATUS_ID": "NEW", "NAME": "Новая", "SORT": "10", "EXTRA": {"SEMANTICS": "process"}},
        {"ID": "2", "ENTITY_ID": "DEAL_STAGE", "STATUS_ID": "EXECUTING", "NAME": "В работе", "SORT": "20", "EXTRA": {"SEMANTICS": "process"}},
        {"ID": "3", "ENTITY_ID": "DEAL_STAGE", "STATUS_ID": "UC_REFUSAL", "NAME": "Условный отказ", "SORT": "30", "EXTRA": {"SEMANTICS": "process"}},
        {"ID": "4", "ENTITY_ID": "DEAL_STAGE", "STATUS_ID": "WON", "NAME": "Сделка успешна", "SORT": "40", "EXTRA": {"SEMANTICS": "success"}},
        {"ID": "5", "ENTITY_ID": "DEAL_STAGE", "STATUS_ID": "LOSE", "NAME": "Сделка провалена", "SORT": "50", "EXTRA": {"SEMANTICS": "failure"}},
        {"ID": "6", "ENTITY_ID": "SOURCE", "STATUS_ID": "CALL", "NAME": "Звонок", "SORT": "10"},
    ]
    s.userfields = [{"ID": "77", "ENTITY_ID": "CRM_DEAL", "FIELD_NAME": "UF_CRM_LOSS_REASON", "USER_TYPE_ID": "enumeration",
                     "MANDATORY": "Y", "EDIT_FORM_LABEL": "Причина отказа",
                     "LIST": [{"ID": "45", "VALUE": "Маленький бюджет"}, {"ID": "46", "VALUE": "Дорого"}]}]
    s.b24_users = [{"ID": "1", "NAME": "Иван", "LAST_NAME": "Петров", "EMAIL": "ivan.petrov@example.com", "ACTIVE": True},
                   {"ID": "7", "NAME": "Мария", "LAST_NAME": "Соколова", "EMAIL": "maria.sokolova@example.com", "ACTIVE": True}]
    fake.add_file("b24-a.mp3", AUDIO / "stereo_short.mp3")
    fake.add_file("b24-b.ogg", AUDIO / "stereo_short.ogg")
    for n, deal_id in enumerate(DEALS):
        s.deals[deal_id] = {"ID": str(deal_id), "TITLE": f"Поставка №{n + 1}", "STAGE_ID": "UC_REFUSAL", "CATEGORY_ID": "0",
                            "ASSIGNED_BY_ID": "1" if n != 1 else "7", "OPPORTUNITY": "1500000.00", "CURRENCY_ID": "RUB",
                            "DATE_MODIFY": b24_time(CHANGED), "CONTACT_ID": str(deal_id + 500), "UF_CRM_LOSS_REASON": "45"}
        for k, (name, day) in enumerate((("b24-b.ogg", 6), ("b24-a.mp3", 5))):
            file_id = 3000 + n * 10 + k
            s.disk[file_id] = name
            s.activities.append({"ID": str(900 + n * 10 + k), "OWNER_ID": str(deal_id), "OWNER_TYPE_ID": "2", "TYPE_ID": "2",
                                 "PROVIDER_ID": "VOXIMPLANT_CALL", "DIRECTION": "1" if k == 0 else "2",
                                 "START_TIME": b24_time(datetime(2026, 3, day, 10 + n)), "SUBJECT": "Звонок",
                                 "FILES": [{"id": file_id, "url": f"{fake.url}/bitrix/tools/crm_show_file.php?fileId={file_id}"}]})
