"""`make demo` installs only the product (issue 9, item 12) and then serves the office; the
package metadata uses an SPDX licence string (no setuptools deprecation warning in its output)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _recipe(makefile: str, target: str) -> tuple[str, str]:
    """(prerequisites, recipe) of a target in the Makefile."""
    found = re.search(rf"^{re.escape(target)}:(.*)\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    assert found, f"no target {target}"
    return found.group(1), found.group(2)


def test_make_demo_installs_only_product_dependencies_then_serves() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    prerequisites, recipe = _recipe(makefile, "demo")
    assert "$(PRODUCT_STAMP)" in prerequisites and "$(STAMP)" not in prerequisites.replace("$(PRODUCT_STAMP)", "")
    _, install = _recipe(makefile, "$(PRODUCT_STAMP)")
    assert "install --quiet -e ." in install and "[dev]" not in install
    assert "waarborg demo office demo/workspace" in recipe and "waarborg serve" in recipe.splitlines()[-1]


def test_licence_is_an_spdx_string() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "EUPL-1.2"
    dev = " ".join(project["optional-dependencies"]["dev"])
    assert "playwright" in dev and not any(name.startswith("playwright") for name in project["dependencies"])
