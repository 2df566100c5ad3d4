"""A workspace finds its register, its state database and its erasure key."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from engine_fixture import REGISTER

from waarborg.datasets.connect import BindingConnectionError, connect
from waarborg.workspace import WorkspaceError, open_workspace


def _workspace_dir(tmp_path: Path) -> Path:
    (tmp_path / "waarborg.yaml").write_text(REGISTER.read_text())
    return tmp_path


def test_fresh_workspace_writes_an_erasure_key_once_with_owner_only_permissions(tmp_path: Path) -> None:
    root = _workspace_dir(tmp_path)
    first = open_workspace(root / "waarborg.yaml", env={}).erasure_key()
    second = open_workspace(root / "waarborg.yaml", env={}).erasure_key()
    key_file = root / ".waarborg" / "erasure.key"
    assert first == second and len(first) == 64
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_erasure_key_from_the_environment_wins_and_writes_no_file(tmp_path: Path) -> None:
    root = _workspace_dir(tmp_path)
    workspace = open_workspace(root / "waarborg.yaml", env={"WAARBORG_ERASURE_KEY": "x" * 40})
    assert workspace.erasure_key() == b"x" * 40
    assert not (root / ".waarborg" / "erasure.key").exists()


def test_state_database_defaults_to_sqlite_in_the_workspace(tmp_path: Path) -> None:
    root = _workspace_dir(tmp_path)
    workspace = open_workspace(root / "waarborg.yaml", env={})
    assert workspace.database_url == f"sqlite:///{root.resolve() / '.waarborg' / 'state.sqlite'}"
    workspace.store.close()
    assert (root / ".waarborg" / "state.sqlite").exists()


def test_database_url_from_the_environment_overrides_the_default(tmp_path: Path) -> None:
    root = _workspace_dir(tmp_path)
    url = f"sqlite:///{tmp_path / 'elsewhere.sqlite'}"
    assert open_workspace(root / "waarborg.yaml", env={"WAARBORG_DATABASE_URL": url}).database_url == url


def test_missing_register_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match="no register at"):
        open_workspace(tmp_path / "waarborg.yaml", env={})


def test_unset_database_variable_is_named_in_the_error(fixture_register) -> None:
    connections = connect(fixture_register, env={})
    with pytest.raises(BindingConnectionError, match="WAARBORG_CRM_URL"):
        connections.engine("crm")
    assert connections.bound_systems() == ["crm", "newsletter"]
