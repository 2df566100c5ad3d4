"""`waarborg breach ...` end to end on a demo workspace, with Waarborg's store on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook
from pypdf import PdfReader
from typer.testing import CliRunner

from waarborg.cli.app import build_app
from waarborg.demo.build import DemoWorkspace, build_demo

runner = CliRunner()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoWorkspace:
    return build_demo(tmp_path_factory.mktemp("demo"), persons=80, seed=5)


@pytest.fixture
def workspace(demo: DemoWorkspace, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The demo register with a fresh store of the current kind (SQLite or PostgreSQL)."""
    monkeypatch.setenv("WAARBORG_DATABASE_URL", db_url)
    monkeypatch.setenv("WAARBORG_ERASURE_KEY", "e" * 64)
    return demo.register_path


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(build_app(), ["breach", *args])
    return result.exit_code, result.output


def _answers(tmp_path: Path, hours_ago: float, name: str = "answers.yaml") -> Path:
    discovered = (datetime.now(UTC) - timedelta(hours=hours_ago)).isoformat(timespec="minutes")
    answers = {
        "organisation": {"contact": {"name": "Ria de Vries", "function": "Privacy officer",
                                     "phone": "+31 30 123 4567"}},
        "timing": {"discovered_at": discovered},
        "what": {"summary": "Loonstroken naar het verkeerde e-mailadres gestuurd.", "nature": ["read"],
                 "incident_kind": "misdirected"},
        "protection": {"unintelligible": "no"},
        "consequences": {"harms": ["identity_fraud"]},
        "follow_up": {"measures": "Ontvanger heeft de e-mail verwijderd."},
    }
    path = tmp_path / name
    path.write_text(yaml.safe_dump(answers, allow_unicode=True), encoding="utf-8")
    return path


def test_breach_journey_from_new_to_follow_up(workspace: Path, tmp_path: Path) -> None:
    register = ["--register", str(workspace)]
    code, out = _run("new", "--answers", str(_answers(tmp_path, 2)), "--activity", "payroll", *register,
                     "--format", "json")
    assert code == 0, out
    made = json.loads(out)
    reference = made["reference"]
    assert reference == f"{datetime.now(UTC).year}-001"
    assert made["counted"]["maximum"] >= 1 and made["counted"]["failures"] == []
    assert made["proposal"] == "authority_and_people"

    code, out = _run("show", reference, *register, "--format", "json", "--lang", "en")
    document = json.loads(out)
    rows = {row["field"]: row["answer"] for s in document["sections"] for row in s["questions"]}
    assert rows["people.groups"] == ["employees"]
    assert "Citizen service numbers (BSN) or tax numbers" in rows["data.kinds"]
    assert rows["organisation.parties"] == ["Salarisadministratie Midden BV (Processor, NL)"]

    assert _run("decide", reference, "--decision", "authority_and_people", *register)[0] == 0
    code, out = _run("notify", reference, "--authority-reference", "AP-42", *register)
    assert code == 0 and "in time" in out

    code, out = _run("update", reference, "--answers", str(_answers(tmp_path, 2)), *register)
    assert code == 2 and "add a follow-up" in out

    changes = tmp_path / "more.yaml"
    changes.write_text("people: {minimum: 5, maximum: 9}\n", encoding="utf-8")
    code, out = _run("follow-up", reference, "--answers", str(changes), *register)
    assert code == 0 and f"{reference}-1" in out

    pdf = tmp_path / "melding.pdf"
    assert _run("export", reference, "--format", "pdf", "-o", str(pdf), *register)[0] == 0
    text = " ".join((page.extract_text() or "") for page in PdfReader(pdf).pages)
    assert "Melding datalek" in " ".join(text.split()) and reference in text

    code, out = _run("list", *register)
    assert f"{reference} (+{reference}-1)" in out and "notified" in out


def test_late_notification_is_refused_without_reasons(workspace: Path, tmp_path: Path) -> None:
    register = ["--register", str(workspace)]
    made = json.loads(_run("new", "--answers", str(_answers(tmp_path, 80)), "--no-count", *register,
                           "--format", "json")[1])
    reference = made["reference"]
    assert _run("decide", reference, "--decision", made["proposal"], *register)[0] == 0
    code, out = _run("notify", reference, *register)
    assert code == 2 and "Art. 33(1) requires the reasons for the delay" in " ".join(out.split())
    code, out = _run("show", reference, *register, "--format", "json")
    assert json.loads(out)["notified"] is None
    code, out = _run("notify", reference, "--delay-reason", "De verwerker meldde het pas na drie dagen.", *register)
    assert code == 0 and "late, with reasons" in out


def test_bad_answers_name_the_file_and_field_and_record_nothing(workspace: Path, tmp_path: Path) -> None:
    register = ["--register", str(workspace)]
    bad = tmp_path / "bad.yaml"
    bad.write_text("people: {minimum: 3, maximum: many}\nwhat: {nature: [lost]}\n", encoding="utf-8")
    code, out = _run("new", "--answers", str(bad), *register)
    assert code == 2
    assert f"{bad}: people.maximum" in out and f"{bad}: what.nature.0" in out
    code, out = _run("new", "--answers", str(_answers(tmp_path, 1)), "--activity", "salaris", *register)
    assert code == 2 and "activity 'salaris' is not in the register" in out
    assert _run("list", *register, "--format", "json")[1].strip() == "[]"


def test_not_notifying_needs_reasons(workspace: Path, tmp_path: Path) -> None:
    register = ["--register", str(workspace)]
    reference = json.loads(_run("new", "--answers", str(_answers(tmp_path, 1)), "--no-count", *register,
                                "--format", "json")[1])["reference"]
    code, out = _run("decide", reference, "--decision", "none", *register)
    assert code == 2 and "reasons for not notifying" in out
    code, out = _run("decide", reference, "--decision", "none", "--reasons", "Ontvanger is een collega.", *register)
    assert code == 0 and "not_notified" in out


def test_letter_and_register_exports(workspace: Path, tmp_path: Path) -> None:
    register = ["--register", str(workspace)]
    reference = json.loads(_run("new", "--answers", str(_answers(tmp_path, 1)), "--no-count", *register,
                                "--format", "json")[1])["reference"]
    code, out = _run("letter", reference, "--format", "text", "--lang", "en", *register)
    assert code == 0 and "Your personal data were involved in a data breach" in out and "Ria de Vries" in out
    xlsx = tmp_path / "register.xlsx"
    code, out = _run("register", "--format", "xlsx", "-o", str(xlsx), *register)
    assert code == 0 and "1 breaches written" in out
    sheet = load_workbook(io.BytesIO(xlsx.read_bytes())).active
    assert sheet is not None and sheet.cell(row=5, column=1).value == reference


def test_unknown_reference_is_a_clean_error(workspace: Path) -> None:
    code, out = _run("show", "2026-404", "--register", str(workspace))
    assert code == 2 and "no breach '2026-404'" in out


def test_new_from_options_without_a_file(workspace: Path) -> None:
    code, out = _run("new", "--discovered", "2026-12-01T09:30", "--summary", "USB-stick met ledenlijst verloren.",
                     "--nature", "unknown", "--incident-kind", "device_lost", "--system", "crm", "--no-count",
                     "--register", str(workspace), "--format", "json")
    assert code == 0, out
    reference = json.loads(out)["reference"]
    document = json.loads(_run("show", reference, "--register", str(workspace), "--format", "json")[1])
    answers = document["answers"]
    assert answers["timing"]["discovered_at"] == "2026-12-01T08:30:00Z"
    assert answers["what"] == {**answers["what"], "summary": "USB-stick met ledenlijst verloren.",
                               "nature": ["unknown"], "incident_kind": "device_lost"}
    assert answers["organisation"]["parties"][0]["name"] == "Verenigingssoftware BV"  # crm's host
    code, out = _run("new", "--nature", "lost", "--register", str(workspace))
    assert code == 2 and "options: what.nature.0" in out
