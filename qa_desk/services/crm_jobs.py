"""The CRM's scheduled job: pull what changed, then push what verdicts owe (one function).

Meant for the team queue (a periodic task) or cron; it runs as a configured login whose role may
sync (QC, head of sales or administrator), so the audit says who the job acts for.
"""

from __future__ import annotations

from qa_desk.services.container import Services


def scheduled_sync(db_url: str, login: str) -> str:
    """One run; returns a one-line summary (a failure is in the line, and stays for the next run)."""
    services = Services.open(db_url, migrate=False)
    try:
        services.users.sync()
        acting = services.as_user(services.users.get(login))
        report = acting.crm_sync.sync()
        pushed = acting.crm_outbox.push()
        failure = f" Ошибка: {report.failures[0]}" if report.failures else ""
        return f"{report.summary()} {pushed.summary()}{failure}"
    finally:
        services.close()
