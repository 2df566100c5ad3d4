"""Read the analyzer's own YAML files (lexicons, report words) fast.

`waarborg analyze` on one statement must finish within a second, and ruamel.yaml's pure-Python safe loader
takes about half a second for the three lexicons and the report words. PyYAML's C loader (libyaml, installed
with fideslang) reads the same files in a few milliseconds. Both read these files to the same data, which
tests/analyze/test_core_yamlfile.py checks for every YAML file of the analyzer; ruamel.yaml stays the
fallback where PyYAML was built without libyaml.
"""

from __future__ import annotations

from typing import Any


def load_yaml(text: str) -> Any:
    """The data of a YAML document written by the project (plain mappings, lists, strings and numbers)."""
    try:
        from yaml import CSafeLoader, load
    except ImportError:  # PyYAML without libyaml, or absent
        from ruamel.yaml import YAML

        return YAML(typ="safe").load(text)
    return load(text, Loader=CSafeLoader)  # the C build of the safe loader: plain data only
