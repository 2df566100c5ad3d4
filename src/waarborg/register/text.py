"""Text in the register that a statement shows to people, in Dutch and/or English."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, GetJsonSchemaHandler, model_serializer, model_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

Language = Literal["nl", "en"]
LANGUAGES: tuple[Language, ...] = ("nl", "en")


class LocalText(BaseModel):
    """A phrase in one or both languages.

    In YAML it is either a plain string (taken to be in the register's own language) or a
    mapping ``{nl: ..., en: ...}``.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    nl: str | None = None
    en: str | None = None
    plain: str | None = None  # a bare string whose language follows the register's `language`

    @model_validator(mode="before")
    @classmethod
    def _from_plain_string(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"plain": value}
        return value

    @model_validator(mode="after")
    def _not_empty(self) -> LocalText:
        if not (self.nl or self.en or self.plain):
            raise ValueError("text is empty: give a string or at least one of nl, en")
        for value in (self.nl, self.en, self.plain):
            if value is not None and not any(ch.isalnum() for ch in value):
                raise ValueError(f"text {value!r} has no words in it")
        return self

    def get(self, lang: Language, default_lang: Language = "nl") -> str:
        """The text in `lang`, falling back to what exists (never empty)."""
        exact = self.get_exact(lang, default_lang)
        if exact is not None:
            return exact
        return self.nl or self.en or self.plain or ""

    def get_exact(self, lang: Language, default_lang: Language = "nl") -> str | None:
        """The text in `lang`, or None when the register has no text in that language."""
        explicit = self.nl if lang == "nl" else self.en
        if explicit:
            return explicit
        if self.plain and lang == default_lang:
            return self.plain
        return None

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        mapping = handler(schema)
        return {"anyOf": [{"type": "string"}, mapping], "description": "text: a string, or {nl: ..., en: ...}"}

    @model_serializer
    def _serialize(self) -> str | dict[str, str]:
        return self.dump()

    def dump(self) -> str | dict[str, str]:
        """The YAML form: a bare string where that is how it was written."""
        if self.plain and not (self.nl or self.en):
            return self.plain
        out: dict[str, str] = {}
        if self.nl:
            out["nl"] = self.nl
        if self.en:
            out["en"] = self.en
        if self.plain:
            out["plain"] = self.plain
        return out

    def __str__(self) -> str:
        return self.nl or self.en or self.plain or ""


def text(nl: str | None = None, en: str | None = None) -> LocalText:
    """Shorthand for building a LocalText in code."""
    return LocalText(nl=nl, en=en)
