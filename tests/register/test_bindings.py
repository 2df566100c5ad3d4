"""Database bindings in the register: shape checks and references that must resolve."""

from __future__ import annotations

import pytest
from register_support import MINIMAL_REGISTER

from waarborg.register import RegisterError, parse_register

BINDING = """\
    database:
      url_env: WAARBORG_CRM_URL
      tables:
        persons:
          primary_key: id
          identities: {email: email}
          activities: [membership, newsletter]
          events: {membership_ended: ended_at, unsubscribed: unsubscribed_at}
          columns:
            email: {category: user.contact.email, erase: hash}
            name: {category: user.name, erase: {fixed: "[verwijderd]"}}
        invoices:
          primary_key: id
          references: {person_id: persons.id}
          activities: [membership]
          columns:
            amount: {category: user.name, erase: keep, activities: [membership]}
"""


def _with_binding(binding: str) -> str:
    return MINIMAL_REGISTER.replace(
        "    data_categories: [user.name, user.contact.email]\nactivities:",
        "    data_categories: [user.name, user.contact.email]\n" + binding + "activities:",
    )


def test_binding_loads_with_tables_columns_and_strategies() -> None:
    register = parse_register(_with_binding(BINDING))
    binding = register.systems["crm"].database
    assert binding is not None
    persons = binding.tables["persons"]
    assert persons.identities == {"email": "email"}
    assert persons.columns["email"].erase == "hash"
    assert binding.tables["invoices"].references == {"person_id": "persons.id"}


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "activities: [membership, newsletter]",
            "activities: [membership, nieuwsbrief]",
            "unknown activity 'nieuwsbrief'",
        ),
        ("{membership_ended: ended_at,", "{membership_over: ended_at,", "unknown event 'membership_over'"),
        ("references: {person_id: persons.id}", "references: {person_id: people.id}", "names no bound table"),
        ("references: {person_id: persons.id}", "references: {person_id: persons}", "must be 'table.column'"),
        (
            "email: {category: user.contact.email, erase: hash}",
            "email: {category: user.contact.email, erase: shred}",
            "Input should be 'delete', 'null', 'hash', 'pseudonym' or 'keep'",
        ),
        (
            "primary_key: id\n          identities",
            "primary_key: id; drop table x\n          identities",
            "must be a plain SQL identifier",
        ),
        ("url_env: WAARBORG_CRM_URL", "url: postgresql://admin:secret@db/crm", "environment variable"),
        # A name with a trailing newline is not the name: `$` let it load, and it failed later
        # with KeyError: 'email\n' (issue 10, item 6).
        ("identities: {email: email}", 'identities: {email: "email\\n"}', "must be a plain SQL identifier"),
        (
            "            email: {category: user.contact.email, erase: hash}",
            '            "email\\n": {category: user.contact.email, erase: hash}',
            "must be a plain SQL identifier",
        ),
    ],
)
def test_bad_binding_is_refused_with_its_path(old: str, new: str, message: str) -> None:
    assert old in BINDING
    with pytest.raises(RegisterError) as caught:
        parse_register(_with_binding(BINDING.replace(old, new)), name="demo.yaml")
    text = str(caught.value)
    assert message in text
    assert "demo.yaml:" in text and "systems.crm.database" in text
    assert "secret" not in text  # an inline secret is never echoed back


def test_unquoted_null_strategy_means_set_to_null() -> None:
    register = parse_register(_with_binding(BINDING.replace("erase: hash}", "erase: null}")))
    binding = register.systems["crm"].database
    assert binding is not None
    assert binding.tables["persons"].columns["email"].erase == "null"
