"""A workspace: the folder holding the register (`waarborg.yaml`) and Waarborg's own state.

Waarborg's state lives in `<root>/.waarborg/state.sqlite` unless `WAARBORG_DATABASE_URL` names
another database (PostgreSQL for several processes). The erasure key — the secret behind every
keyed hash in the ledger and on the suppression list — comes from `WAARBORG_ERASURE_KEY`; a fresh
workspace without it gets a random key written once to `<root>/.waarborg/erasure.key` (mode 0600).
Lose that key and the ledger can no longer recognise anyone: back it up apart from the database.

The audit trail is keyed the same way: `WAARBORG_AUDIT_KEY`, else `<root>/.waarborg/audit.key`.
Its signed head (checkpoint) goes to `WAARBORG_AUDIT_CHECKPOINT`, by default
`<root>/.waarborg/audit-checkpoint.json`: put it where whoever can write the store cannot.

The access and portability packages waiting for their download are encrypted with
`WAARBORG_PACKAGE_KEY`, else `<root>/.waarborg/package.key` (`waarborg.requests.delivery`).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path

from waarborg.audit import AuditError, AuditSettings, attach
from waarborg.audit.checkpoint import check_writable
from waarborg.datasets.connect import Connections, connect
from waarborg.register import Register, load_register
from waarborg.store import Store, open_store
from waarborg.store.sealing import seal_plain_reasons

DEFAULT_REGISTER = "waarborg.yaml"
STATE_DIR = ".waarborg"
KEY_ENV = "WAARBORG_ERASURE_KEY"
DATABASE_ENV = "WAARBORG_DATABASE_URL"
AUDIT_KEY_ENV = "WAARBORG_AUDIT_KEY"
CHECKPOINT_ENV = "WAARBORG_AUDIT_CHECKPOINT"
PACKAGE_KEY_ENV = "WAARBORG_PACKAGE_KEY"


class WorkspaceError(Exception):
    """The workspace cannot be opened (no register, unreadable key)."""


class Workspace:
    """The register, the store, the erasure key and the connections to bound databases."""

    def __init__(self, root: Path, register_path: Path, env: Mapping[str, str] | None = None):
        self.root = root
        self.register_path = register_path
        self.env: Mapping[str, str] = os.environ if env is None else env
        self._register: Register | None = None
        self._store: Store | None = None
        self._connections: Connections | None = None

    @property
    def state_dir(self) -> Path:
        return self.root / STATE_DIR

    @property
    def database_url(self) -> str:
        """Where Waarborg keeps its own state."""
        return self.env.get(DATABASE_ENV) or f"sqlite:///{self.state_dir / 'state.sqlite'}"

    @property
    def register(self) -> Register:
        """The register, loaded on first use (RegisterError with file:line problems when invalid)."""
        if self._register is None:
            self._register = load_register(self.register_path)
        return self._register

    @property
    def store(self) -> Store:
        """Waarborg's own database, created and migrated on first use."""
        if self._store is None:
            store = open_store(self.database_url)
            try:
                attach(store, AuditSettings(self.audit_key(), self.checkpoint_path))
                check_writable(self.checkpoint_path)
            except (AuditError, OSError) as exc:
                store.close()
                raise WorkspaceError(f"audit trail: {exc}") from exc
            with store.session() as session:
                seal_plain_reasons(session, self.erasure_key())
            self._store = store
        return self._store

    @property
    def checkpoint_path(self) -> Path:
        """Where the audit trail's signed head is written after every commit that appends."""
        chosen = self.env.get(CHECKPOINT_ENV)
        return Path(chosen) if chosen else self.state_dir / "audit-checkpoint.json"

    def erasure_key(self) -> bytes:
        """The secret for keyed hashes: WAARBORG_ERASURE_KEY, else the workspace's key file."""
        return self._secret(KEY_ENV, "erasure.key", "erasure key")

    def audit_key(self) -> bytes:
        """The secret of the audit chain's HMACs: WAARBORG_AUDIT_KEY, else the workspace's key file."""
        return self._secret(AUDIT_KEY_ENV, "audit.key", "audit key")

    def package_key(self) -> bytes:
        """The secret the packages are encrypted with at rest: WAARBORG_PACKAGE_KEY, else the key file."""
        return self._secret(PACKAGE_KEY_ENV, "package.key", "package key")

    def _secret(self, variable: str, filename: str, label: str) -> bytes:
        from_env = self.env.get(variable)
        if from_env:
            return from_env.encode("utf-8")
        path = self.state_dir / filename
        if not path.exists():
            self._write_new_key(path)
        value = path.read_text(encoding="ascii").strip()
        if len(value) < 32:
            raise WorkspaceError(f"{path}: the {label} is too short (at least 32 characters)")
        return value.encode("ascii")

    def _write_new_key(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        # O_EXCL: two processes opening a fresh workspace at once must not write two keys.
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(secrets.token_hex(32) + "\n")

    def connections(self) -> Connections:
        """Connections to the databases bound in the register (engines made on first use)."""
        if self._connections is None:
            self._connections = connect(self.register, self.env)
        return self._connections

    def close(self) -> None:
        """Release database connections."""
        if self._connections is not None:
            self._connections.close()
            self._connections = None
        if self._store is not None:
            self._store.close()
            self._store = None


def open_workspace(register_path: Path | None = None, env: Mapping[str, str] | None = None) -> Workspace:
    """The workspace of a register file (default ./waarborg.yaml); its folder is the root."""
    path = Path(register_path) if register_path is not None else Path.cwd() / DEFAULT_REGISTER
    if not path.is_file():
        raise WorkspaceError(f"no register at {path}: pass --register FILE or run where waarborg.yaml is")
    path = path.resolve()
    return Workspace(path.parent, path, workspace_env(path.parent) if env is None else env)


def workspace_env(root: Path, environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The process environment over the workspace's `.env` file (KEY=VALUE lines, `export` allowed).

    Database URLs are secrets: they live in the environment or in a `.env` beside the register
    (keep it out of git, mode 0600), never in the register. The process environment wins.
    """
    values: dict[str, str] = {}
    dotenv = root / ".env"
    if dotenv.is_file():
        for line in dotenv.read_text(encoding="utf-8").splitlines():
            line = line.strip().removeprefix("export ").strip()
            if line and not line.startswith("#") and "=" in line:
                name, _, value = line.partition("=")
                values[name.strip()] = value.strip().strip("'\"")
    values.update(os.environ if environ is None else environ)
    return values
