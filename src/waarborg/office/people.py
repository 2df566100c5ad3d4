"""Looking up a person for the office: their rows across the bound databases, grouped by table,
with the fields the viewer's role may not see hidden, and the view written to the audit trail
(who, when, which identity by its keyed hash, which tables, how many fields were hidden — never
the data itself)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from waarborg.audit.chain import append
from waarborg.datasets.graph import bound_tables, fetch_rows, find_person
from waarborg.datasets.identities import identity_hash
from waarborg.workspace import Workspace

from .visibility import Column, columns_for, redact_rows


class LookupError_(ValueError):
    """The identity kind is not one the register binds."""


@dataclass
class TableView:
    system: str
    table: str
    columns: list[Column]
    rows: list[dict[str, Any]]


@dataclass
class PersonView:
    identity_kind: str
    tables: list[TableView] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return any(t.rows for t in self.tables)

    @property
    def hidden_fields(self) -> int:
        return sum(len(t.rows) for t in self.tables for c in t.columns if not c.visible)

    def as_json(self) -> dict[str, Any]:
        return {"identity_kind": self.identity_kind, "found": self.found, "tables": [
            {"system": t.system, "table": t.table,
             "columns": [{"name": c.name, "category": c.category, "visible": c.visible} for c in t.columns],
             "rows": t.rows} for t in self.tables]}


def identity_kinds(workspace: Workspace) -> list[str]:
    """The identity kinds a person can be looked up by (e-mail, member number, ...)."""
    kinds = {kind for binding in bound_tables(workspace.register).values() for kind in binding.identities}
    return sorted(kinds, key=lambda kind: (kind != "email", kind))


def look_up_person(workspace: Workspace, actor: str, role: str, kind: str, value: str) -> PersonView:
    """The person's data as `role` may see it; the view is audited whether or not anything was found."""
    if kind not in identity_kinds(workspace):
        raise LookupError_(f"unknown identity kind {kind!r}")
    register = workspace.register
    found = find_person(register, workspace.connections(), kind, value)
    rows = fetch_rows(register, workspace.connections(), found)
    bindings = bound_tables(register)
    view = PersonView(kind)
    for (system, table), table_rows in rows.items():
        if not table_rows:
            continue
        columns = columns_for(register, role, bindings[(system, table)], table_rows[0].keys())
        view.tables.append(TableView(system, table, columns, redact_rows(columns, table_rows)))
    with workspace.store.session() as session:
        append(session, actor, "person.viewed", {
            "identity_kind": kind, "identity_hash": identity_hash(workspace.erasure_key(), kind, value),
            "role": role, "tables": [f"{t.system}.{t.table}" for t in view.tables], "hidden_fields": view.hidden_fields,
        })
    return view
