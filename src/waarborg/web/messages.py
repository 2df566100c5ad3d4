"""Message ids that reach templates as values (statuses, kinds, roles, errors from the library),
listed here so the catalogue test sees them: every one must have its Dutch translation."""

from __future__ import annotations


def _(message: str) -> str:
    return message


DYNAMIC = (
    # navigation
    _("Dashboard"), _("Register"), _("Find a person"), _("Breaches"), _("Audit trail"), _("Outbox"), _("Users"),
    # request kinds and statuses
    _("access"), _("erase"), _("rectify"), _("restrict"), _("object"), _("port"), _("withdraw"),
    _("received"), _("in_progress"), _("completed"), _("failed"), _("rejected"),
    # legal bases
    _("consent"), _("contract"), _("legal_obligation"), _("vital_interests"), _("public_task"),
    _("legitimate_interests"),
    # recipient roles
    _("processor"), _("controller"), _("joint_controller"), _("public_authority"), _("sub_processor"),
    # coverage statuses
    _("covered"), _("not_applicable"), _("missing"),
    # identity kinds of the demo and the seed registers
    _("email"), _("member_number"), _("bsn"), _("phone"),
    # errors and notices from forms
    _("Enter a value to search for."), _("Choose one of the listed kinds of identity."),
    _("The two passwords differ."), _("Your password was changed."),
    _("The password must be at least 12 characters long."),
    _("The password is too easy to guess: use more unrelated words."),
    _("An account for this e-mail address exists already."), _("Choose one of the roles."),
    _("That is not an e-mail address."),
)
