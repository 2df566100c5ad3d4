"""`waarborg register export`: writes the file, or exits 2 and writes nothing."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner, Result

from waarborg.cli.app import build_app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
runner = CliRunner()


def waarborg(*args: str) -> Result:
    return runner.invoke(build_app(), ["register", "export", *args])


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "json"])
def test_export_writes_the_file_in_the_chosen_format(tmp_path: Path, fmt: str) -> None:
    output = tmp_path / f"register.{fmt}"
    result = waarborg(str(EXAMPLES / "ksf.yaml"), "--format", fmt, "-o", str(output))
    assert result.exit_code == 0, result.output
    data = output.read_bytes()
    if fmt == "xlsx":
        assert load_workbook(io.BytesIO(data)).sheetnames[0] == "Verwerkingen (art. 30 lid 1)"
    elif fmt == "csv":
        assert data.startswith(b"\xef\xbb\xbfKenmerk;")
    else:
        assert json.loads(data)["activities"][0]["activity_key"] == ["membership"]


def test_export_in_english(tmp_path: Path) -> None:
    output = tmp_path / "register.csv"
    result = waarborg(str(EXAMPLES / "vck.yaml"), "--format", "csv", "--lang", "en", "-o", str(output))
    assert result.exit_code == 0, result.output
    assert "Legal basis" in output.read_text(encoding="utf-8-sig").splitlines()[0]


def test_bad_register_exits_2_and_creates_no_file(tmp_path: Path) -> None:
    register = tmp_path / "broken.yaml"
    register.write_text(
        (EXAMPLES / "ksf.yaml").read_text(encoding="utf-8").replace("legal_basis: contract", "legal_basis: contrakt", 1)
    )
    output = tmp_path / "register.xlsx"
    result = waarborg(str(register), "--format", "xlsx", "-o", str(output))
    assert result.exit_code == 2
    assert "legal_basis" in result.output
    assert list(tmp_path.iterdir()) == [register]


@pytest.mark.parametrize(("option", "value"), [("--format", "ods"), ("--lang", "de")])
def test_bad_option_exits_2_and_creates_no_file(tmp_path: Path, option: str, value: str) -> None:
    output = tmp_path / "register.out"
    result = waarborg(str(EXAMPLES / "kvgo.yaml"), option, value, "-o", str(output))
    assert result.exit_code == 2
    assert not output.exists()


def test_csv_export_points_to_xlsx_for_the_processor_register(tmp_path: Path) -> None:
    output = tmp_path / "register.csv"
    result = waarborg(str(EXAMPLES / "infogroen.yaml"), "--format", "csv", "-o", str(output))
    assert result.exit_code == 0 and output.exists()
    assert "Art. 30(2)" in result.output
