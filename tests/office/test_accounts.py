"""Staff accounts, passwords, the login throttle and sessions, against a real store."""

from __future__ import annotations

from datetime import timedelta

import pytest
from office_support import STRONG

from waarborg.audit.chain import verify
from waarborg.office import sessions, users
from waarborg.office.clock import MovableClock
from waarborg.office.passwords import WeakPassword, verify_password
from waarborg.office.settings import OfficeSettings
from waarborg.store import AuditEntry, Store


def _add(store: Store, clock: MovableClock, email: str = "anna@example.nl", role: str = "handler") -> int:
    with store.session() as session:
        return users.add_user(session, "test", email, "Anna de Vries", role, STRONG, clock.now()).id


def test_password_is_stored_as_argon2id_and_the_addition_audited(store: Store, clock: MovableClock) -> None:
    _add(store, clock)
    with store.session() as session:
        user = users.require_user(session, "ANNA@example.nl ")
        assert user.password_hash.startswith("$argon2id$")
        assert verify_password(user.password_hash, STRONG)
        entries = session.query(AuditEntry).all()
        assert [e.action for e in entries] == ["office.user_added"]
        assert STRONG not in repr(entries[0].detail) and verify(session).ok


@pytest.mark.parametrize("password", ["kort", "password1234", "qwertyuiop123", "annadevries2026"])
def test_weak_passwords_are_refused_and_nothing_is_stored(store: Store, clock: MovableClock, password: str) -> None:
    with pytest.raises(WeakPassword), store.session() as session:
        users.add_user(session, "test", "anna@example.nl", "Anna de Vries", "handler", password, clock.now())
    with store.session() as session:
        assert users.count_users(session) == 0


def test_unknown_role_and_duplicate_address_are_refused(store: Store, clock: MovableClock) -> None:
    with pytest.raises(users.AccountError, match="unknown role 'boss'"), store.session() as session:
        users.add_user(session, "test", "a@example.nl", "A", "boss", STRONG, clock.now())
    _add(store, clock)
    with pytest.raises(users.AccountError, match="exists already"), store.session() as session:
        users.add_user(session, "test", "Anna@Example.nl", "A", "hr", STRONG, clock.now())


def test_login_is_throttled_per_account_after_five_failures(
    store: Store, clock: MovableClock, settings: OfficeSettings
) -> None:
    _add(store, clock)
    for attempt in range(5):
        with store.session() as session:
            outcome = users.check_login(session, settings, "anna@example.nl", f"wrong {attempt}", f"10.0.0.{attempt}",
                                        clock.now())
        assert outcome.refused == "invalid"
    with store.session() as session:
        outcome = users.check_login(session, settings, "anna@example.nl", STRONG, "10.0.0.9", clock.now())
    assert outcome.refused == "throttled"
    clock.advance(minutes=16)
    with store.session() as session:
        outcome = users.check_login(session, settings, "anna@example.nl", STRONG, "10.0.0.9", clock.now())
    assert outcome.refused is None and outcome.user_id


def test_login_is_throttled_per_address_across_accounts(
    store: Store, clock: MovableClock, settings: OfficeSettings
) -> None:
    _add(store, clock)
    for attempt in range(settings.max_failures_per_address):
        with store.session() as session:
            assert users.check_login(session, settings, f"guess{attempt}@example.nl", "x", "192.0.2.7",
                                     clock.now()).refused == "invalid"
    with store.session() as session:
        assert users.check_login(session, settings, "anna@example.nl", STRONG, "192.0.2.7", clock.now()).refused \
            == "throttled"


def test_password_expiry_is_optional(store: Store, clock: MovableClock, settings: OfficeSettings) -> None:
    _add(store, clock)
    expiring = OfficeSettings(session_key=settings.session_key, password_max_age=timedelta(days=90))
    clock.advance(days=91)
    with store.session() as session:
        assert not users.check_login(session, settings, "anna@example.nl", STRONG, "a", clock.now()).password_expired
        assert users.check_login(session, expiring, "anna@example.nl", STRONG, "a", clock.now()).password_expired


def test_session_ends_after_idle_time_and_at_its_maximum_age(
    store: Store, clock: MovableClock, settings: OfficeSettings
) -> None:
    user_id = _add(store, clock)
    with store.session() as session:
        token = sessions.start_session(session, settings, user_id, "full", clock.now())
    clock.advance(minutes=29)
    with store.session() as session:
        assert sessions.resume_session(session, settings, token, clock.now()) is not None
    clock.advance(minutes=31)
    with store.session() as session:
        assert sessions.resume_session(session, settings, token, clock.now()) is None
    with store.session() as session:
        token = sessions.start_session(session, settings, user_id, "full", clock.now())
    for _ in range(26):  # active every 29 minutes, but 12 hours is the most a session lives
        clock.advance(minutes=29)
        with store.session() as session:
            alive = sessions.resume_session(session, settings, token, clock.now()) is not None
    assert not alive


def test_a_new_session_replaces_the_old_token(store: Store, clock: MovableClock, settings: OfficeSettings) -> None:
    user_id = _add(store, clock)
    with store.session() as session:
        old = sessions.start_session(session, settings, user_id, "second_factor", clock.now())
        new = sessions.start_session(session, settings, user_id, "full", clock.now(), replaces=old)
    with store.session() as session:
        assert sessions.resume_session(session, settings, old, clock.now()) is None
        active = sessions.resume_session(session, settings, new, clock.now())
        assert active is not None and active.stage == "full"
        assert sessions.csrf_matches(active, active.csrf_token) and not sessions.csrf_matches(active, "forged")
