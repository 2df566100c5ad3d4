"""What the analyzer looked for, per element, in Dutch and English.

A privacy officer reading the report needs, for an element that is missing, to know what would have
counted: "a data protection officer with contact details, or a statement that there is none". The
sentences live in templates/words.yaml beside the other report words, so both languages are edited
together; the element's quote is the explanation when it is present.
"""

from __future__ import annotations

from waarborg.register.text import Language

from .report_text import report_words


def looked_for(key: str, lang: Language) -> str:
    """What counts as the element, in the given language (empty for an unknown key)."""
    texts: dict[str, str] = report_words(lang)["looked_for"]
    return texts.get(key, "")
