"""Bilingual registers: once a register speaks both languages, every text should."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from waarborg.register import Language, LocalText, Register

from . import wording
from .rule import Check, Issue, rule

LANGUAGE_NAMES: dict[Language, tuple[str, str]] = {
    "nl": ("Nederlandse", "Dutch"),
    "en": ("Engelse", "English"),
}


def iter_texts(node: object, path: str = "") -> Iterator[tuple[str, LocalText]]:
    """Every text in a register part with its dotted path, in register order."""
    if isinstance(node, LocalText):
        yield path, node
    elif isinstance(node, BaseModel):
        for name, field in type(node).model_fields.items():
            yield from iter_texts(getattr(node, name), _join(path, field.alias or name))
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from iter_texts(value, _join(path, str(key)))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from iter_texts(value, f"{path}[{i}]")


def _join(path: str, part: str) -> str:
    return f"{path}.{part}" if path else part


@rule(
    id="translation-missing",
    severity="info",
    article="Art. 12(1) AVG/GDPR",
    title_nl="Vertaling ontbreekt",
    title_en="Translation missing",
    description_nl=(
        "Zodra het register teksten in beide talen heeft, wordt de privacyverklaring in beide talen "
        "gepubliceerd. Een tekst zonder vertaling verschijnt dan in de verkeerde taal. Een register in één "
        "taal krijgt deze melding niet."
    ),
    description_en=(
        "Once a register has texts in both languages, the statement is published in both. A text without a "
        "translation then appears in the wrong language. A single-language register never gets this finding."
    ),
)
def translation_missing(register: Register) -> Iterator[Issue]:
    """Flag: in a bilingual register, texts lacking the other language."""
    other: Language = "en" if register.language == "nl" else "nl"
    texts = list(iter_texts(register))
    if not any(text.get_exact(other, register.language) for _, text in texts):
        return  # a single-language register: nothing to translate
    name_nl, name_en = LANGUAGE_NAMES[other]
    for path, text in texts:
        if text.get_exact(other, register.language) is None:
            excerpt = wording.excerpt(text.get(register.language, register.language))
            yield Issue(
                path,
                f"De tekst {excerpt} heeft geen {name_nl} vertaling.",
                f"The text {excerpt} has no {name_en} translation.",
            )


CHECKS: tuple[Check, ...] = (translation_missing,)
