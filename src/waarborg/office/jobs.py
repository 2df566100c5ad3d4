"""Scheduled work of the office, run once by `waarborg run-due` (cron) or periodically inside
`waarborg serve`. The whole round takes the store lock `office.jobs`, so two processes on one
database never run it at once; each job's run is recorded in `office_job_runs`.

Jobs: deadline reminders (a week and a day before a request is due, to handlers and privacy
officers), expiry of sessions and old login attempts, the retention forecast the dashboard shows,
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

from waarborg.requests.lifecycle import OPEN_STATUSES
from waarborg.store import locks
from waarborg.store.models import DataSubjectRequest
from waarborg.workspace import Workspace

from . import forecast as forecast_module
from .mail import Mail, already_written, deliver
from .models import JobRun, OfficeUser
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
        for name, job in _jobs(workspace, settings):
            report.results[name] = _recorded(workspace, name, partial(job, now), now)
    finally:
        locks.release(workspace.store, LOCK, holder)
    return report


def _jobs(workspace: Workspace, settings: OfficeSettings) -> list[tuple[str, Callable[[datetime], dict[str, Any]]]]:
    jobs: list[tuple[str, Callable[[datetime], dict[str, Any]]]] = [
        ("deadline_reminders", lambda now: send_reminders(workspace, settings, now)),
        ("expire_sessions", lambda now: expire(workspace, settings, now)),
        ("retention_forecast", lambda now: refresh_forecast(workspace, now)),
    ]
    if workspace.register.office.retention_sweep == "daily":
        jobs.append(("retention_sweep", lambda now: _daily_sweep(workspace, now)))
    return jobs


def _recorded(workspace: Workspace, name: str, job: Callable[[], dict[str, Any]], now: datetime) -> dict[str, Any]:
    with workspace.store.session() as session:
        run = JobRun(job=name, started_at=now, status="running")
        session.add(run)
    try:
        summary = job()
    except Exception as exc:  # one failing job must not stop the others; the failure is recorded
        with workspace.store.session() as session:
            failed = session.get(JobRun, run.id)
            if failed is not None:
                failed.status, failed.error, failed.finished_at = "failed", type(exc).__name__, now
        return {"error": type(exc).__name__}
    with workspace.store.session() as session:
        done = session.get(JobRun, run.id)
        if done is not None:
            done.status, done.summary, done.finished_at = "done", summary, now
    return summary


def _staff_to_remind(session: Session) -> list[OfficeUser]:
    query = select(OfficeUser).where(OfficeUser.role.in_(REMINDED_ROLES), OfficeUser.disabled.is_(False))
    return list(session.execute(query).scalars())


def send_reminders(workspace: Workspace, settings: OfficeSettings, now: datetime) -> dict[str, Any]:
    """One mail per open request, staff member and threshold (7 days, 1 day before due), never twice."""
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
            days = min(d for d in REMINDER_DAYS if request.due_at <= now + timedelta(days=d))
            for user in staff:
                # The deadline is part of the key: an extended or paused deadline gets its own reminders.
                key = f"reminder:{request.id}:{request.due_at:%Y%m%d}:{days}d:{user.id}"
                if not already_written(session, key):
                    deliver(session, _reminder(settings, request, user, days, key), settings.smtp_url,
                            settings.mail_from, now)
                    sent += 1
    return {"reminders": sent}


def _reminder(settings: OfficeSettings, request: DataSubjectRequest, user: OfficeUser, days: int, key: str) -> Mail:
    due = f"{request.due_at:%Y-%m-%d}"
    reference = request.id[:8]
    subject = f"Verzoek {reference} moet uiterlijk {due} af zijn / Request {reference} is due by {due}"
    body = (
        f"Beste {user.name},\n\nHet {request.kind}-verzoek {reference} moet uiterlijk {due} beantwoord zijn "
        f"(nog {days} dag{'en' if days != 1 else ''} of minder). Status: {request.status}.\n"
        f"Open het kantoor: {settings.base_url}/office/\n\n"
        f"Dear {user.name},\n\nThe {request.kind} request {reference} must be answered by {due} "
        f"({days} day{'s' if days != 1 else ''} or less left). Status: {request.status}.\n"
        f"Open the office: {settings.base_url}/office/\n"
    )
    return Mail(user.email, subject, body, key)


def expire(workspace: Workspace, settings: OfficeSettings, now: datetime) -> dict[str, Any]:
    """End sessions past their idle time or maximum age; forget old login attempts."""
    with workspace.store.session() as session:
        return {"sessions_ended": expire_sessions(session, settings, now),
                "attempts_forgotten": prune_attempts(session, settings, now)}


def refresh_forecast(workspace: Workspace, now: datetime) -> dict[str, Any]:
    """Count retention due per month; the dashboard reads the newest result."""
    return forecast_module.forecast_retention(workspace.register, workspace.connections(), now).as_json()


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
