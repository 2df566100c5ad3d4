"""The register of processing as code: model, vocabulary, YAML in and out."""

from .io import Problem, RegisterError, dump_register, load_register, parse_register
from .model import ProcessingActivity, Register
from .text import Language, LocalText

__all__ = [
    "Language",
    "LocalText",
    "Problem",
    "ProcessingActivity",
    "Register",
    "RegisterError",
    "dump_register",
    "load_register",
    "parse_register",
]
