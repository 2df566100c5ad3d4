"""Small wording helpers shared by the view builder and the change description."""

from __future__ import annotations

from waarborg.register.model import Register
from waarborg.register.retention import Period, RetentionRule
from waarborg.register.text import Language, LocalText
from waarborg.register.wording import period_text, until_text

ONE_MONTH = Period(value=1, unit="months")


def answer_period(promised: Period) -> Period:
    """The answer time a statement may promise: the register's, but never beyond one month (Art. 12(3))."""
    if promised.value == 0 or promised.approx_days() > ONE_MONTH.approx_days():
        return ONE_MONTH
    return promised


def local(value: LocalText | None, register: Register, lang: Language) -> str | None:
    """The register's text in `lang` (falling back to what exists), or None when absent."""
    return value.get(lang, register.language) if value is not None else None


def lifetime_text(lifetime: str | None, lang: Language) -> str:
    """A cookie lifetime ('session' or '2 years') in the reader's language; honest when unrecorded."""
    if lifetime is None:
        return "niet vastgelegd" if lang == "nl" else "not recorded"
    if lifetime == "session":
        return "sessie" if lang == "nl" else "session"
    return period_text(Period.model_validate(lifetime), lang)


def retention_text(rule: RetentionRule, register: Register, lang: Language) -> tuple[str, str | None] | None:
    """(period, start) for a retention rule, or None when the rule states neither period nor criterion."""
    if rule.period is not None and rule.from_event is not None:
        event = register.event_label(rule.from_event, lang)
        if rule.is_until_event:
            return until_text(event, lang), None
        return period_text(rule.period, lang), event
    if rule.criterion is not None:
        return rule.criterion.get(lang, register.language), None
    return None


def sentence_or_none(text: str | None) -> str | None:
    return as_sentence(text) if text else None


def as_clause(text: str) -> str:
    """Register text placed inside our own sentence: without its closing full stop."""
    return text.strip().rstrip(".").rstrip()


def as_sentence(text: str) -> str:
    """Register text shown as a sentence of its own: capitalised and closed with a full stop."""
    text = capitalise(text.strip())
    return text if text.endswith((".", "!", "?")) else f"{text}."


# Words a register phrase opens with that make it a phrase, not a sentence, even when capitalised:
# "Door de cookies te weigeren" / "By deleting the cookies" completes "U kunt ... intrekken".
_PHRASE_OPENERS = frozenset({"door", "met", "via", "per", "bij", "by", "with", "through", "using", "at"})


def starts_a_sentence(text: str) -> bool:
    """True for a text written as a sentence of its own; False for a phrase that completes ours."""
    words = text.strip().split(maxsplit=1)
    return bool(words) and words[0][:1].isupper() and words[0].lower() not in _PHRASE_OPENERS


def as_phrase(text: str) -> str:
    """A phrase placed inside our sentence: its opening word in lower case (unless it is a name), no full stop."""
    clause = as_clause(text)
    first = clause.split(maxsplit=1)[0] if clause else ""
    return clause[:1].lower() + clause[1:] if first.lower() in _PHRASE_OPENERS else clause


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def join_words(items: list[str], lang: Language) -> str:
    """['a', 'b', 'c'] -> 'a, b en c' / 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    last = " en " if lang == "nl" else " and "
    return ", ".join(items[:-1]) + last + items[-1]
