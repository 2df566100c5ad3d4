"""Scheduled work of the office, run once by `waarborg run-due` (cron) or periodically inside
`waarborg serve`. The whole round takes the store lock `office.jobs`, so two processes on one
database never run it at once; each job's run is recorded in `office_job_runs`.

Jobs: deadline reminders (a week and a day before a request is due, to handlers and privacy
officers), the breach clock's reminders (24, 12 and 1 hour before the 72 hours end, to privacy
officers), expiry of sessions and old login attempts, deletion of the requesters' downloaded or
expired packages (`waarborg.requests.delivery`), the retention forecast the dashboard shows,
and the retention sweep when the register turns it on (`office: {retention_sweep: daily}`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from waarborg.requests.delivery import delete_spent_packages
from waarborg.requests.lifecycle import OPEN_STATUSES
from waarborg.store import locks
from waarborg.store.models import DataSubjectRequest, utcnow
from waarborg.workspace import Workspace

from . import forecast as forecast_module
from .form_limits import prune_hits
from .mail import Mail, already_written, deliver
from .models import JobRun, OfficeUser
from .reminders import reminder_text, threshold
from .sessions import expire_sessions
from .settings import OfficeSettings
from .throttle import prune_attempts

LOCK = "office.jobs"
REMINDER_DAYS = (7, 1)
REMINDED_ROLES = ("handler", "privacy_officer")
OPEN = sorted(OPEN_STATUSES)


@dataclass
class RoundReport:
    ran: bool
    held_by: str | None = None
    results: dict[str, dict[str, Any]] = field(default_factory=dict)


def run_due(workspace: Workspace, settings: OfficeSettings, now: datetime) -> RoundReport:
    """Run every due job once under the lock; `ran=False` when another process holds it."""
    holder = locks.new_holder()
    try:
        locks.acquire(workspace.store, LOCK, holder, ttl=timedelta(minutes=30))
    except locks.LockHeld as exc:
        return RoundReport(False, held_by=str(exc))
    report = RoundReport(True)
    try:
        for name, job in _jobs(workspace, settings, now):
            report.results[name] = _recorded(workspace, name, partial(job, now), now)
    finally:
        locks.release(workspace.store, LOCK, holder)
    return report


Job = Callable[[datetime], dict[str, Any]]


def _jobs(workspace: Workspace, settings: OfficeSettings, now: datetime) -> list[tuple[str, Job]]:
    jobs: list[tuple[str, Job]] = [
        ("deadline_reminders", lambda now: send_reminders(workspace, settings, now)),
        ("breach_reminders", lambda now: send_breach_reminders(workspace, settings, now)),
        ("expire_sessions", lambda now: expire(workspace, settings, now)),
        ("delete_packages", lambda now: delete_spent_packages(workspace, now)),
    ]
    if forecast_due(workspace, now):
        jobs.append(("retention_forecast", lambda now: refresh_forecast(workspace, now)))
    if workspace.register.office.retention_sweep == "daily":
        jobs.append(("retention_sweep", lambda now: _daily_sweep(workspace, now)))
    return jobs


def _recorded(workspace: Workspace, name: str, job: Callable[[], dict[str, Any]], now: datetime) -> dict[str, Any]:
    """Run one job and record it; the run's times are the wall clock (how long it took), the job
    itself decides with `now`."""
    with workspace.store.session() as session:
        run = JobRun(job=name, started_at=utcnow(), status="running")
        session.add(run)
    try:
        summary = job()
    except Exception as exc:  # one failing job must not stop the others; the failure is recorded
        with workspace.store.session() as session:
            failed = session.get(JobRun, run.id)
            if failed is not None:
                failed.status, failed.error, failed.finished_at = "failed", type(exc).__name__, utcnow()
        return {"error": type(exc).__name__}
    with workspace.store.session() as session:
        done = session.get(JobRun, run.id)
        if done is not None:
            done.status, done.summary, done.finished_at = "done", summary, utcnow()
    return summary


def _staff_to_remind(session: Session) -> list[OfficeUser]:
    query = select(OfficeUser).where(OfficeUser.role.in_(REMINDED_ROLES), OfficeUser.disabled.is_(False))
    return list(session.execute(query).scalars())


def send_reminders(workspace: Workspace, settings: OfficeSettings, now: datetime) -> dict[str, Any]:
    """One mail per open request, staff member and threshold (a week before, a day before, overdue),
    never twice."""
    sent = 0
    with workspace.store.session() as session:
        staff = _staff_to_remind(session)
        horizon = now + timedelta(days=max(REMINDER_DAYS))
        # The stored due_at is `requests.deadline.deadline(...)` of the recorded pauses and extension
        # (kept so by `requests.workflow`); a request waiting for its requester is paused: no reminder.
        waiting = [status for status in OPEN if status != "awaiting_identity"]
        query = select(DataSubjectRequest).where(DataSubjectRequest.status.in_(waiting),
                                                 DataSubjectRequest.due_at <= horizon)
        for request in session.execute(query).scalars():
            step = threshold(request.due_at, now)
            for user in staff if step else []:
                # The deadline is part of the key: an extended or paused deadline gets its own reminders.
                key = f"reminder:{request.id}:{request.due_at:%Y%m%d}:{step}:{user.id}"
                if not already_written(session, key):
                    subject, body = reminder_text(request, user.name, f"{settings.base_url}/office/", now)
                    deliver(session, Mail(user.email, subject, body, key), settings.smtp_url, settings.mail_from, now)
                    sent += 1
    return {"reminders": sent}


def send_breach_reminders(workspace: Workspace, settings: OfficeSettings, now: datetime) -> dict[str, Any]:
    """The 72-hour clock's reminders (24, 12 and 1 hour left) to every privacy officer, once each.

    A round that finds several thresholds passed (the scheduler was down) sends one message naming
    the tightest and records all of them (`waarborg.breaches.service.reminders_to_send`)."""
    from waarborg.breaches.service import record_reminders, reminders_to_send

    sent = 0
    with workspace.store.session() as session:
        officers = [user for user in _staff_to_remind(session) if user.role == "privacy_officer"]
        for due in reminders_to_send(session, now):
            hours = min(due.hours)
            for user in officers:
                key = f"breach:{due.reference}:{hours}h:{user.id}"
                if not already_written(session, key):
                    deliver(session, _breach_mail(settings, due.reference, hours, user, key), settings.smtp_url,
                            settings.mail_from, now)
                    sent += 1
            record_reminders(session, due.reference, due.hours, actor="scheduler")
    return {"breach_reminders": sent}


def _breach_mail(settings: OfficeSettings, reference: str, hours: int, user: OfficeUser, key: str) -> Mail:
    subject = (f"Datalek {reference}: nog {hours} uur om te melden / "
               f"Breach {reference}: {hours} hour{'s' if hours != 1 else ''} left to notify")
    link = f"{settings.base_url}/office/breaches/{reference}"
    body = (
        f"Beste {user.name},\n\nDe 72-uurstermijn om datalek {reference} te melden verloopt over {hours} uur of "
        f"minder (art. 33 lid 1 AVG). Besluit en meld, of leg vast waarom niet gemeld wordt:\n{link}\n\n"
        f"Dear {user.name},\n\nThe 72-hour deadline to notify breach {reference} ends in {hours} hour"
        f"{'s' if hours != 1 else ''} or less (Art. 33(1) GDPR). Decide and notify, or record why not:\n{link}\n"
    )
    return Mail(user.email, subject, body, key)


def expire(workspace: Workspace, settings: OfficeSettings, now: datetime) -> dict[str, Any]:
    """End sessions past their idle time or maximum age; forget old login attempts and form hits."""
    with workspace.store.session() as session:
        return {"sessions_ended": expire_sessions(session, settings, now),
                "attempts_forgotten": prune_attempts(session, settings, now),
                "form_hits_forgotten": prune_hits(session, settings, now)}


def refresh_forecast(workspace: Workspace, now: datetime) -> dict[str, Any]:
    """Count retention due per month; the dashboard reads the newest result."""
    return forecast_module.forecast_retention(workspace.register, workspace.connections(), now).as_json()


def forecast_due(workspace: Workspace, now: datetime) -> bool:
    """The forecast reads whole tables, so it is counted once a day (retention moves by days)."""
    with workspace.store.session() as session:
        latest = latest_forecast(session)
    return latest is None or latest.computed_at.date() != now.date()


def latest_forecast(session: Session) -> forecast_module.Forecast | None:
    query = (select(JobRun.summary).where(JobRun.job == "retention_forecast", JobRun.status == "done")
             .order_by(JobRun.id.desc()).limit(1))
    summary = session.execute(query).scalar_one_or_none()
    return forecast_module.Forecast.from_json(summary) if summary else None


def _daily_sweep(workspace: Workspace, now: datetime) -> dict[str, Any]:
    from waarborg.retention.sweep import run_sweep

    with workspace.store.session() as session:
        query = select(JobRun.id).where(JobRun.job == "retention_sweep", JobRun.status == "done",
                                        JobRun.started_at >= now - timedelta(hours=23))
        if session.execute(query.limit(1)).first() is not None:
            return {"skipped": "ran in the last 23 hours"}
    report = run_sweep(workspace, now)
    return {"rows": sum(t.rows for t in report.tables)}
