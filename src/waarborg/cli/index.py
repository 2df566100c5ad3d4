"""`waarborg index`: create the indexes a person search needs on the organisation's databases."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from .sweep import REGISTER_OPTION, cli_workspace

if TYPE_CHECKING:
    from rich.console import Console

    from waarborg.datasets.search_indexes import MissingIndex

ACTOR = "waarborg index"


def index(
    register: Path = REGISTER_OPTION,
    dry_run: bool = typer.Option(False, "--dry-run", help="Only print the indexes that are missing; create nothing."),
) -> None:
    """Create the indexes that requests need to find a person without reading whole tables.

    Asks each database's query planner which lookups of a person search (identities, the e-mail
    address on its normalised form, and the columns references are followed by) it can only answer
    by scanning the table, and creates an index for each. Existing indexes are never changed.
    """
    from rich.console import Console

    from waarborg.audit import append
    from waarborg.datasets.search_indexes import create_search_indexes, missing_search_indexes

    unserved: list[MissingIndex] = []
    with cli_workspace(register) as workspace:
        missing = create_search_indexes(workspace.register, workspace.connections(), dry_run)
        if missing and not dry_run:
            with workspace.store.session() as session:
                append(session, ACTOR, "search_indexes.created", {"indexes": [_describe(m) for m in missing]})
            # IF NOT EXISTS skips a name that is taken by an index on something else: look again.
            unserved = list(missing_search_indexes(workspace.register, workspace.connections()))
    console = Console(highlight=False, soft_wrap=True)
    _print(console, missing, dry_run)
    if unserved:
        for item in unserved:
            console.print(f"still read whole: {item.lookup.label} — an index named {item.lookup.index_name()} "
                          "exists but does not serve it; rename that index or create one by hand", markup=False)
        raise typer.Exit(1)


def _describe(item: MissingIndex) -> dict[str, object]:
    return {"system": item.lookup.system, "table": item.lookup.table, "statement": item.statement}


def _print(console: Console, missing: list[MissingIndex], dry_run: bool) -> None:
    if not missing:
        console.print("Every lookup of a person search is served by an index; nothing to do.")
        return
    for item in missing:
        console.print(f"{item.lookup.label}: {item.rows:,} rows, read whole by every search", markup=False)
        console.print(f"  {item.statement}", markup=False)
    count = f"{len(missing)} {'index' if len(missing) == 1 else 'indexes'}"
    console.print(f"{count} missing; run without --dry-run to create them." if dry_run else f"{count} created.")
