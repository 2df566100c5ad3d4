"""Rectification (Art. 16): set named fields of the person's rows to corrected values.

Only bound personal-data columns can be named (`corrections.parse_corrections`), identifiers come
from the binding, and values travel as bound parameters. A column that other tables follow by
value (`mail.subscribers.email -> crm.persons.email`) is corrected there too, so the person stays
one person across databases (and Art. 19 is met for Waarborg's own systems).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, bindparam

from waarborg.datasets.connect import flush_erased
from waarborg.datasets.erase import CHUNK, table_clause
from waarborg.datasets.graph import PersonRows, find_person, reference_edges
from waarborg.register import Register

from .corrections import Correction
from .runner import Fulfil, Fulfilment, RequestContext, asking


def with_followers(register: Register, corrections: Sequence[Correction]) -> list[Correction]:
    """The corrections plus the same value for every column that follows a corrected one by value."""
    out = list(corrections)
    named = {c.target for c in corrections}
    for correction in corrections:
        for edge in reference_edges(register):
            if edge.parent == (correction.system, correction.table) and edge.target_column == correction.column:
                follower = Correction(edge.child[0], edge.child[1], edge.column, correction.value)
                if follower.target not in named:
                    out.append(follower)
                    named.add(follower.target)
    return out


def rectify_fulfilment(corrections: Sequence[Correction]) -> Fulfil:
    """The fulfilment function of a rectification request."""

    def fulfil(context: RequestContext) -> Fulfilment:
        workspace = context.workspace
        register, connections = workspace.register, workspace.connections()
        found = {(r.system, r.table): r for r in find_person(register, connections, *_who(context))}
        planned = [c for c in with_followers(register, corrections) if (c.system, c.table) in found]
        by_system: dict[str, list[Correction]] = defaultdict(list)
        for correction in planned:
            by_system[correction.system].append(correction)
        updated: dict[str, int] = {c.target: len(found[(c.system, c.table)].keys) for c in planned}
        if not context.dry_run:
            for system, items in by_system.items():
                with connections.engine(system).begin() as conn:  # one transaction per database
                    for correction in items:
                        updated[correction.target] = _update(conn, found[(system, correction.table)], correction)
                flush_erased(connections.engine(system))  # the wrong values go from the file too
        missing = sorted(c.target for c in corrections if (c.system, c.table) not in found)
        return Fulfilment({"updated": updated, "not_found_in": missing})

    # A retry must ask the same corrections: other values are another request (issue 10).
    return asking(fulfil, {"corrections": sorted([c.target, c.value] for c in corrections)})


def _who(context: RequestContext) -> tuple[str, str]:
    return context.identity.kind, context.identity.value


def _update(conn: Connection, rows: PersonRows, correction: Correction) -> int:
    target = table_clause(rows.table, [rows.primary_key, correction.column])
    changed = 0
    for start in range(0, len(rows.keys), CHUNK):
        chunk: list[Any] = rows.keys[start : start + CHUNK]
        statement = (
            target.update()
            .where(target.c[rows.primary_key].in_(chunk))
            .values({correction.column: bindparam("new_value", correction.value)})
        )
        changed += conn.execute(statement).rowcount
    return changed
