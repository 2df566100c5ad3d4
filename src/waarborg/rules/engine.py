"""Running every rule over a register, and the catalogue the docs are generated from."""

from __future__ import annotations

from waarborg.register import Register

from . import (
    automated,
    basis,
    children,
    consent,
    controller,
    cookies,
    inventory,
    marketing,
    processors,
    retention,
    special,
    transfers,
    translation,
    transparency,
)
from .rule import Check, Finding, Rule

# One module per theme, in the order the catalogue presents them.
THEMES = (
    basis,
    consent,
    children,
    special,
    processors,
    transfers,
    retention,
    cookies,
    marketing,
    automated,
    transparency,
    controller,
    inventory,
    translation,
)


def all_checks() -> list[Check]:
    """Every registered check, theme by theme."""
    return [check for theme in THEMES for check in theme.CHECKS]


def run_checks(register: Register) -> list[Finding]:
    """Apply every rule; findings sorted errors first, then by register path. Pure."""
    findings = [finding for check in all_checks() for finding in check(register)]
    return sorted(findings, key=Finding.sort_key)


def catalogue() -> list[Rule]:
    """Every rule with its metadata, for docs/rules.md and `waarborg check --help`-style listings."""
    return [check.rule for check in all_checks()]


def catalogue_markdown() -> str:
    """The rule catalogue as Markdown: id, severity, article, and title and description in nl and en."""
    rules = catalogue()
    lines = [
        "# Rules — `waarborg check`",
        "",
        f"`waarborg check` applies {len(rules)} rules to a register. An *error* fails the check (exit "
        "status 1); a *warning* or *info* is reported but does not. This file is generated from the code "
        "(`waarborg.rules.catalogue_markdown`).",
        "",
        "| id | severity | article |",
        "|---|---|---|",
        *(f"| [`{r.id}`](#{r.id}) | {r.severity} | {r.article} |" for r in rules),
    ]
    for r in rules:
        lines += [
            "",
            f"## {r.id}",
            "",
            f"**{r.severity}** · {r.article}",
            "",
            f"- **NL — {r.title_nl}.** {r.description_nl}",
            f"- **EN — {r.title_en}.** {r.description_en}",
        ]
    return "\n".join(lines) + "\n"
