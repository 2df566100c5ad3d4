"""Roles and the ONE permission table of the office.

A route, a download and an export name a permission; `allowed(role, permission)` is the only
decision. docs/office.md renders `PERMISSIONS` (docs/gen_docs.py), and a test fails when a route
names no permission. An area that adds pages (breaches, consent) adds its permissions here.

Field visibility (which data categories a role may see) is the register's, not this table's:
see `waarborg.office.visibility`.
"""

from __future__ import annotations

from typing import Final, get_args

from waarborg.register.office import OfficeRole

ROLES: Final[tuple[str, ...]] = get_args(OfficeRole)  # admin, privacy_officer, handler, hr, viewer

ROLE_LABELS: Final[dict[str, dict[str, str]]] = {
    "admin": {"nl": "beheerder", "en": "administrator"},
    "privacy_officer": {"nl": "privacyfunctionaris", "en": "privacy officer"},
    "handler": {"nl": "behandelaar", "en": "handler"},
    "hr": {"nl": "HR", "en": "HR"},
    "viewer": {"nl": "meelezer", "en": "viewer"},
}

PUBLIC: Final = "public"  # no login needed (login page, public centre, static files)
SIGNED_IN: Final = "signed_in"  # any logged-in user (own account, logout)
# Steps of a login that is not complete yet; a session in such a stage reaches only that step.
SECOND_FACTOR: Final = "second_factor"
CHANGE_PASSWORD: Final = "change_password"
FRAME_RULES: Final = (PUBLIC, SIGNED_IN, SECOND_FACTOR, CHANGE_PASSWORD)

# permission -> (roles that have it, what it allows in English for the docs)
PERMISSIONS: Final[dict[str, tuple[frozenset[str], str]]] = {
    "dashboard.view": (frozenset(ROLES), "see the dashboard"),
    "register.view": (frozenset(ROLES), "read the register, the statement and the Art. 30 register"),
    "register.export": (frozenset({"admin", "privacy_officer", "viewer"}), "download the Art. 30 register"),
    "requests.view": (frozenset({"admin", "privacy_officer", "handler"}), "see data-subject requests"),
    "persons.view": (frozenset({"privacy_officer", "handler", "hr"}), "look up a person's data"),
    "audit.view": (frozenset({"admin", "privacy_officer"}), "read and verify the audit trail"),
    "outbox.view": (frozenset({"admin", "privacy_officer"}), "read the outbox of unsent mail"),
    "users.manage": (frozenset({"admin"}), "add, disable and reset staff accounts"),
    "breaches.view": (frozenset({"admin", "privacy_officer"}), "see the breach register"),
    "breaches.manage": (frozenset({"privacy_officer"}),
                        "record breaches, answer the notification form, decide and record notifications"),
    "consent.view": (frozenset({"admin", "privacy_officer", "handler"}),
                     "see consent counts and one person's consents, download a proof of consent"),
    "mailing.filter": (frozenset({"admin", "privacy_officer", "handler"}),
                       "filter an uploaded mailing list against consents and the suppression list"),
    "requests.handle": (frozenset({"admin", "privacy_officer", "handler"}),
                        "act on data-subject requests (pause, run, approve, refuse, extend)"),
}


class UnknownPermission(KeyError):
    """A route or export names a permission that is not in the table."""


def allowed(role: str, permission: str) -> bool:
    """Whether `role` has `permission`. `public` and `signed_in` are handled by the web frame."""
    if permission not in PERMISSIONS:
        raise UnknownPermission(permission)
    return role in PERMISSIONS[permission][0]


def check_role(role: str) -> str:
    """The role itself, or ValueError naming the roles there are."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}: use one of {', '.join(ROLES)}")
    return role


def permission_table_markdown() -> str:
    """The permission table as Markdown, for docs/office.md."""
    lines = ["| permission | allows | " + " | ".join(ROLES) + " |", "|---|---|" + "---|" * len(ROLES)]
    for name, (roles, what) in PERMISSIONS.items():
        marks = " | ".join("yes" if role in roles else "–" for role in ROLES)
        lines.append(f"| `{name}` | {what} | {marks} |")
    return "\n".join(lines) + "\n"
