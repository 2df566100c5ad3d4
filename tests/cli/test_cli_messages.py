"""What the commands say: exit statuses that match `check`, and a line for every file written."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from waarborg.cli.app import build_app

ROOT = Path(__file__).resolve().parents[2]
KVGO = ROOT / "examples" / "kvgo.yaml"
DEMO = ROOT / "src" / "waarborg" / "demo" / "register.yaml"
SEED_STATEMENT = ROOT / "tests" / "data" / "statements" / "seed_vck.txt"


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(build_app(), [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def test_publish_exits_1_when_check_finds_errors_and_still_writes_every_file(tmp_path: Path) -> None:
    """`publish` said nothing was wrong (exit 0) while `check` found 21 errors in KVGO's register."""
    status, out, err = _run("publish", KVGO, "-o", tmp_path)
    assert status == 1
    assert "21 errors" in out and "exit status 1" in err
    written = sorted(p.name for p in (tmp_path / "kvgo").iterdir())
    assert "privacy-statement.nl.pdf" in written and "art30-register.en.xlsx" in written


def test_publish_exits_0_for_a_register_without_errors(tmp_path: Path) -> None:
    status, out, _ = _run("publish", DEMO, "-o", tmp_path)
    assert status == 0, out
    assert "0 errors" in out


def test_register_export_says_what_was_written_where(tmp_path: Path) -> None:
    target = tmp_path / "art30.xlsx"
    status, out, err = _run("register", "export", KVGO, "-o", target, "--lang", "en")
    assert status == 0
    assert target.stat().st_size > 0
    assert f"wrote {target}: Art. 30(1) and 30(2) registers of KVGO (xlsx, en)" in err
    assert out == ""


def test_analyze_with_output_and_draft_says_what_was_written_where(tmp_path: Path) -> None:
    report, draft = tmp_path / "report.html", tmp_path / "draft.yaml"
    status, out, err = _run("analyze", SEED_STATEMENT, "--format", "html", "-o", report, "--draft", draft)
    assert status == 0
    assert f"wrote {report}: html report on seed_vck.txt (nl)" in err
    assert f"wrote {draft}: draft register from seed_vck.txt (YAML)" in err
    assert out == "" and report.read_text(encoding="utf-8").lower().startswith("<!doctype html>")


def test_a_report_on_stdout_is_not_mixed_with_announcements() -> None:
    status, out, err = _run("analyze", SEED_STATEMENT, "--format", "json")
    assert status == 0
    assert out.lstrip().startswith("{") and "wrote" not in out and err == ""


def test_diff_names_a_processor_that_changed_name_and_country_under_the_same_key(tmp_path: Path) -> None:
    """Issue 9: Nieuwsbriefdienst BV in NL became Brevo SAS in FR under the key `mailer`; diff said nothing."""
    text = DEMO.read_text(encoding="utf-8")
    old = "    name: {nl: Nieuwsbriefdienst BV, en: Nieuwsbriefdienst BV}\n    role: processor\n"
    assert old in text
    changed = text.replace(old, "    name: {nl: Brevo SAS, en: Brevo SAS}\n    role: processor\n").replace(
        "    category: {nl: e-mailmarketingdienst, en: e-mail marketing service}\n    country: NL\n",
        "    category: {nl: e-mailmarketingdienst, en: e-mail marketing service}\n    country: FR\n")
    new_file = tmp_path / "new.yaml"
    new_file.write_text(changed, encoding="utf-8")
    status, out, _ = _run("diff", DEMO, new_file, "--lang", "en")
    assert status == 0
    assert "- Nieuwsbriefdienst BV is now called Brevo SAS." in out
    assert "- Brevo SAS now processes your data in France (was: Netherlands)." in out
