"""Compliance checks: rules with an article reference, each a pure function over the register.

>>> findings = run_checks(register)
>>> [f.rule for f in findings if f.severity == "error"]
['transfer-privacy-shield', ...]
"""

from .engine import catalogue, catalogue_markdown, run_checks
from .rule import Finding, Rule, Severity

__all__ = ["Finding", "Rule", "Severity", "catalogue", "catalogue_markdown", "run_checks"]
