"""What changed that the specific sentences of `diff.py` do not tell, found by comparing what the two
statements would show (the StatementViews the templates render).

The specific sentences say *how* something changed ("we keep the data longer: 5 years instead of 2").
This module makes sure nothing a reader would see changes unmentioned: a part of an activity or a section
of the statement whose view differs, and for which no specific sentence was written, is still named
("For ‘Newsletter’ this also changed: the description."). A property test changes any field of a
register and checks that a changed statement always gives a non-empty diff.
"""

from __future__ import annotations

from waarborg.register.model import Register
from waarborg.register.text import Language

from .build import build_view
from .view import ActivityView, StatementView

Words = dict[Language, str]

# ActivityView attribute -> how the reader calls that part of the activity.
ACTIVITY_PARTS: dict[str, Words] = {
    "description": {"nl": "de beschrijving", "en": "the description"},
    "groups": {"nl": "voor wie het geldt", "en": "whom it concerns"},
    "purposes": {"nl": "de doelen", "en": "the purposes"},
    "categories": {"nl": "welke gegevens", "en": "which data"},
    "special": {"nl": "de bijzondere gegevens", "en": "the special categories of data"},
    "basis": {"nl": "de grondslag", "en": "the legal basis"},
    "source": {"nl": "de herkomst", "en": "the source"},
    "provision": {"nl": "of u de gegevens moet geven", "en": "whether you must provide the data"},
    "recipients": {"nl": "de ontvangers", "en": "the recipients"},
    "automated": {"nl": "de geautomatiseerde besluiten", "en": "the automated decisions"},
    "retention": {"nl": "de bewaartermijn", "en": "the retention period"},
    "rights": {"nl": "welke rechten u hierbij hebt", "en": "which rights you have here"},
}
RIGHTS_LISTS = ("objection_activities", "marketing_activities", "portability_activities", "consent_activities")
# Sections that follow from the activities: an activity added or removed already tells their change.
FOLLOW_ACTIVITIES = frozenset({"child_age", "channels"})

# StatementView attribute -> the section of the statement it fills. Sections derived from the
# activities alone (automated decisions, retention, the source summary) are told per activity.
SECTIONS: dict[str, Words] = {
    "controller": {"nl": "wie wij zijn", "en": "who we are"},
    "scope": {"nl": "waarvoor deze verklaring geldt", "en": "what this statement covers"},
    "websites": {"nl": "waarvoor deze verklaring geldt", "en": "what this statement covers"},
    "channels": {"nl": "hoe u ons uw gegevens geeft", "en": "how you give us your data"},
    "processors": {"nl": "met wie wij uw gegevens delen", "en": "who we share your data with"},
    "processor_agreements": {"nl": "met wie wij uw gegevens delen", "en": "who we share your data with"},
    "other_recipients": {"nl": "met wie wij uw gegevens delen", "en": "who we share your data with"},
    "transfers": {"nl": "gegevens buiten Europa", "en": "data outside Europe"},
    "cookies": {"nl": "cookies", "en": "cookies"},
    "rights": {"nl": "uw rechten", "en": "your rights"},  # its own fields; the activity lists are per activity
    "authority": {"nl": "een klacht indienen", "en": "making a complaint"},
    "complaint_country": {"nl": "een klacht indienen", "en": "making a complaint"},
    "security": {"nl": "beveiliging", "en": "security"},
    "child_age": {"nl": "kinderen", "en": "children"},
    "processor_roles": {"nl": "wanneer wij gegevens voor anderen verwerken", "en": "when we process data for others"},
    "notify_changes": {"nl": "wijzigingen in deze verklaring", "en": "changes to this statement"},
}


def views(old: Register, new: Register, lang: Language) -> tuple[StatementView, StatementView]:
    return build_view(old, lang), build_view(new, lang)


def _retention_rows(view: StatementView, activity: ActivityView) -> list[object]:
    return [row for row in view.retention if row.activity == activity.name]


def changed_parts(old_view: StatementView, new_view: StatementView, key: str) -> set[str]:
    """The parts of activity `key` (present in both) that a reader would see differently."""
    before = next(a for a in old_view.activities if a.key == key)
    after = next(a for a in new_view.activities if a.key == key)
    parts = {part for part in ACTIVITY_PARTS
             if part not in ("retention", "rights") and getattr(before, part) != getattr(after, part)}
    was = [(r.period, r.start, r.note) for r in _retention_rows(old_view, before)]  # type: ignore[attr-defined]
    now = [(r.period, r.start, r.note) for r in _retention_rows(new_view, after)]  # type: ignore[attr-defined]
    if was != now:
        parts.add("retention")
    if [before.name in getattr(old_view.rights, f) for f in RIGHTS_LISTS] != [
            after.name in getattr(new_view.rights, f) for f in RIGHTS_LISTS]:
        parts.add("rights")
    return parts


def _section(view: StatementView, attr: str) -> object:
    if attr == "rights":  # the lists of activities are told per activity (changed_parts)
        rights = view.rights
        return (rights.contact, rights.email, rights.response_time, rights.identity_check)
    return getattr(view, attr)


def parts_line(name: str, parts: list[str], lang: Language) -> list[str]:
    """'For ‘Newsletter’ this also changed: the description and the source.' ([] when nothing is left)."""
    from .diff_sentences import sentence
    from .wording import join_words

    if not parts:
        return []
    return [sentence("activity_parts", lang, name=name, items=join_words([ACTIVITY_PARTS[p][lang] for p in parts],
                                                                         lang))]


def changed_sections(old_view: StatementView, new_view: StatementView, told: set[str], lang: Language) -> list[str]:
    """One sentence naming the sections that differ and that no specific sentence covered."""
    from .diff_sentences import sentence
    from .wording import join_words

    names = [words[lang] for attr, words in SECTIONS.items()
             if attr not in told and _section(old_view, attr) != _section(new_view, attr)]
    names = list(dict.fromkeys(names))
    return [sentence("sections", lang, items=join_words(names, lang))] if names else []
