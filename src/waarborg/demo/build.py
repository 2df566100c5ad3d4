"""`build_demo`: write a demo workspace — the demo register, its databases and their environment.

>>> ws = build_demo(Path("demo"), persons=1000, seed=7)
>>> ws.env["WAARBORG_CRM_URL"]
'sqlite:////.../demo/crm.sqlite'
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path

from .load import Row, TableWriter, open_writer
from .people import ChunkBuilder, employee_rows
from .pools import make_pools
from .schema import crm_metadata, newsletter_metadata

CHUNK = 5_000  # persons per chunk: about 50,000 rows, a few MB in memory
CRM_ENV, NEWSLETTER_ENV = "WAARBORG_CRM_URL", "WAARBORG_NEWSLETTER_URL"
Progress = Callable[[int, int], None]  # (persons written, persons asked)


class DemoError(Exception):
    """The demo workspace cannot be built as asked; nothing was changed."""


@dataclass
class DemoWorkspace:
    """What `build_demo` wrote and how long it took."""

    root: Path
    register_path: Path
    env_path: Path
    env: dict[str, str]
    as_of: date
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def rows(self) -> int:
        return sum(self.counts.values())

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


def register_template() -> str:
    """The demo register YAML shipped with Waarborg."""
    return resources.files("waarborg.demo").joinpath("register.yaml").read_text(encoding="utf-8")


def build_demo(
    root: Path,
    persons: int = 1_000,
    seed: int = 1,
    *,
    as_of: date | None = None,
    postgres_url: str | None = None,
    overwrite: bool = False,
    progress: Progress | None = None,
) -> DemoWorkspace:
    """Write waarborg.yaml, the CRM and newsletter databases and a .env file into `root`."""
    if persons < 1:
        raise DemoError(f"--persons must be at least 1, not {persons}")
    root = root.resolve()
    env = _environment(root, postgres_url)
    _refuse_to_clobber(root, overwrite, postgres_url is None)
    root.mkdir(parents=True, exist_ok=True)
    workspace = DemoWorkspace(root, root / "waarborg.yaml", root / ".env", env, as_of or date.today())
    started = time.perf_counter()
    _load(workspace, persons, seed, replace=overwrite, progress=progress)
    workspace.register_path.write_text(register_template(), encoding="utf-8")
    _create_lookup_indexes(workspace)
    workspace.seconds = time.perf_counter() - started
    _write_env(workspace)
    return workspace


def _create_lookup_indexes(workspace: DemoWorkspace) -> None:
    """Index what a person search looks up and the schema leaves unindexed (the normalised e-mail
    identities), as `waarborg index` does for an organisation."""
    from waarborg.datasets.connect import connect
    from waarborg.datasets.search_indexes import create_search_indexes
    from waarborg.register import load_register

    register = load_register(workspace.register_path)
    connections = connect(register, workspace.env)
    try:
        create_search_indexes(register, connections)
    finally:
        connections.close()


def _environment(root: Path, postgres_url: str | None) -> dict[str, str]:
    if postgres_url is not None:
        # One PostgreSQL database holds both systems' tables; the binding still treats them as
        # two databases and follows people from one to the other by e-mail address.
        return {CRM_ENV: postgres_url, NEWSLETTER_ENV: postgres_url}
    return {CRM_ENV: f"sqlite:///{root / 'crm.sqlite'}", NEWSLETTER_ENV: f"sqlite:///{root / 'newsletter.sqlite'}"}


def _refuse_to_clobber(root: Path, overwrite: bool, sqlite: bool) -> None:
    if root.exists() and not root.is_dir():
        raise DemoError(f"{root} exists and is not a directory")
    names = ["waarborg.yaml", *(["crm.sqlite", "newsletter.sqlite"] if sqlite else [])]
    existing = [name for name in names if (root / name).exists()]
    if existing and not overwrite:
        raise DemoError(f"{root} already holds {', '.join(existing)}; choose another folder or pass --force")
    if overwrite and sqlite:
        for name in ("crm.sqlite", "newsletter.sqlite"):
            for suffix in ("", "-wal", "-shm", "-journal"):
                (root / f"{name}{suffix}").unlink(missing_ok=True)


def _load(workspace: DemoWorkspace, persons: int, seed: int, replace: bool, progress: Progress | None) -> None:
    crm = open_writer(workspace.env[CRM_ENV], "crm", crm_metadata(), replace)
    newsletter = open_writer(workspace.env[NEWSLETTER_ENV], "newsletter", newsletter_metadata(), replace)
    counts = workspace.counts
    for last, chunk_rows in _chunks(persons, seed, workspace.as_of):
        for table, rows in chunk_rows.items():
            (newsletter if table == "subscribers" else crm).write(table, rows)
            counts[table] = counts.get(table, 0) + len(rows)
        crm.commit()
        newsletter.commit()
        if progress is not None:
            progress(last, persons)
    staff = employee_rows(make_pools(seed), seed, max(5, persons // 250), workspace.as_of)
    crm.write("employees", staff)
    counts["employees"] = len(staff)
    _finish(crm, newsletter)


def chunk_rows(seed: int, first: int, last: int, as_of: date) -> dict[str, list[Row]]:
    """The rows of persons first..last (inclusive); the same arguments always give the same rows."""
    builder = ChunkBuilder(make_pools(seed), seed, first // CHUNK, as_of)
    for pid in range(first, last + 1):
        builder.add_person(pid)
    return builder.rows


def _chunks(persons: int, seed: int, as_of: date) -> Iterator[tuple[int, dict[str, list[Row]]]]:
    """(last person id, rows) per chunk, in order. Large builds generate in worker processes
    while this process writes; at most two chunks per worker are in flight, so memory stays flat."""
    bounds = [(first, min(first + CHUNK - 1, persons)) for first in range(1, persons + 1, CHUNK)]
    workers = min(len(bounds) - 1, max(1, (os.cpu_count() or 1) - 1), 4)
    if workers < 2 and len(bounds) < 4:
        for first, last in bounds:
            yield last, chunk_rows(seed, first, last, as_of)
        return
    with ProcessPoolExecutor(max_workers=max(1, workers)) as pool:
        pending: deque[tuple[int, Future[dict[str, list[Row]]]]] = deque()
        for first, last in bounds:
            pending.append((last, pool.submit(chunk_rows, seed, first, last, as_of)))
            if len(pending) > 2 * workers:
                done_last, future = pending.popleft()
                yield done_last, future.result()
        while pending:
            done_last, future = pending.popleft()
            yield done_last, future.result()


def _finish(*writers: TableWriter) -> None:
    for writer in writers:
        writer.finish()


def _write_env(workspace: DemoWorkspace) -> None:
    lines = ["# Environment for the demo workspace: the register names these variables (url_env)."]
    lines += [f"{name}={value}" for name, value in workspace.env.items()]
    workspace.env_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.chmod(workspace.env_path, 0o600)  # a PostgreSQL URL may carry a password
