"""The register file changes on disk: the workspace reads it again through its public method, the
office's caches follow, and an invalid edit leaves the register in use as it was."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from waarborg.register import RegisterError
from waarborg.workspace import Workspace, open_workspace

REGISTER = Path(__file__).resolve().parent / "consent" / "consent_register.yaml"
ENV = {"WAARBORG_SESSION_KEY": "s" * 40, "WAARBORG_ERASURE_KEY": "e" * 40, "WAARBORG_AUDIT_KEY": "a" * 40}


def _workspace(tmp_path: Path) -> Workspace:
    (tmp_path / "waarborg.yaml").write_text(REGISTER.read_text(encoding="utf-8"), encoding="utf-8")
    return open_workspace(tmp_path / "waarborg.yaml", env=ENV)


def _edit(path: Path, old: str, new: str) -> None:
    before = path.stat().st_mtime_ns
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    os.utime(path, ns=(before + 1_000_000_000, before + 1_000_000_000))  # a new stamp even on coarse clocks


def test_reload_reads_the_changed_file(tmp_path: Path) -> None:
    workspace = _workspace(tmp_path)
    assert workspace.register.statement.version == "3.1"
    _edit(workspace.register_path, 'version: "3.1"', 'version: "3.2"')
    assert workspace.register.statement.version == "3.1"  # kept until asked to reload
    assert workspace.reload_register().statement.version == "3.2"
    assert workspace.register.statement.version == "3.2"


def test_an_invalid_edit_raises_and_keeps_the_register_in_use(tmp_path: Path) -> None:
    workspace = _workspace(tmp_path)
    in_use = workspace.register
    _edit(workspace.register_path, "legal_basis: consent", "legal_basis: because")
    with pytest.raises(RegisterError):
        workspace.reload_register()
    assert workspace.register is in_use


def test_the_offices_cache_follows_the_file(tmp_path: Path) -> None:
    from waarborg.office.settings import settings_from_env
    from waarborg.web.app import create_app

    workspace = _workspace(tmp_path)
    office = create_app(workspace, settings_from_env(ENV)).state.office
    version = lambda: workspace.register.statement.version  # noqa: E731
    assert office.cached("version", version) == "3.1"
    _edit(workspace.register_path, 'version: "3.1"', 'version: "4.0"')
    assert office.cached("version", version) == "4.0"
    assert workspace.register.statement.version == "4.0"
