"""What changed between two registers, told to the people concerned (Art. 12(1), 13(3)): not a YAML diff.

    >>> describe_changes(old, new, "nl")
    ['Nieuwe verwerker: Mailchimp (verzenden van de nieuwsbrief, Verenigde Staten) verwerkt gegevens ...']

Sentences come in a fixed order: who we are, activities added and removed, changes per activity
(in the new register's order), recipients, transfers outside the EEA, cookies, how to exercise rights;
last, whatever else a reader would see differently, named by its part or section (`diff_views`).
"""

from __future__ import annotations

from collections.abc import Callable

from waarborg.register import taxonomy
from waarborg.register.model import ProcessingActivity, Register
from waarborg.register.parties import Contact, Recipient
from waarborg.register.retention import RetentionRule
from waarborg.register.text import Language
from waarborg.register.wording import period_text

from .build_parties import PROCESSOR_ROLES, disclosed_recipients
from .diff_sentences import sentence
from .diff_views import FOLLOW_ACTIVITIES, changed_parts, changed_sections, parts_line, views
from .phrases import COOKIE_PURPOSE, LEGAL_BASIS, MECHANISM_NAME, RECIPIENT_ROLE
from .view import StatementView
from .wording import answer_period, join_words, lifetime_text, local, retention_text

Detector = Callable[[Register, Register, Language], list[str]]
ActivityDetector = Callable[[Register, Register, ProcessingActivity, ProcessingActivity, str, Language], list[str]]


# Each detector with the statement sections its sentences tell about (see diff_views.SECTIONS).
DETECTORS: list[tuple[Detector, tuple[str, ...]]] = []


def describe_changes(old: Register, new: Register, lang: Language) -> list[str]:
    """Plain sentences, in `lang`, of what changed for the people whose data are processed."""
    dpo = _dpo_changes(old, new, lang)
    lines = _controller_changes(old, new, lang) + dpo
    told_fields = tuple(f for f in TOLD_CONTROLLER_FIELDS  # as _controller_changes tells them: a new value
                        if getattr(new.controller, f) and getattr(new.controller, f) != getattr(old.controller, f))
    told_fields += ("dpo",) if dpo else ()
    old_view, new_view = views(_with_told_contact(old, new, told_fields), new, lang)
    told: set[str] = set()
    added_or_removed = _activities_added(old, new, lang) + _activities_removed(old, new, lang)
    if added_or_removed:
        told.update(FOLLOW_ACTIVITIES)
    lines += added_or_removed + _activity_changes(old, new, lang, old_view, new_view)
    for detect, sections in DETECTORS:
        found = detect(old, new, lang)
        if found:
            told.update(sections)
        lines += found
    return lines + changed_sections(old_view, new_view, told, lang)


# Controller fields with sentences of their own; they also show up elsewhere (the e-mail address in
# "withdraw consent by mailing us at ...", the name as the first party placing cookies).
TOLD_CONTROLLER_FIELDS: tuple[str, ...] = ("name", "email", "phone", "address", "website")


def _with_told_contact(old: Register, new: Register, fields: tuple[str, ...]) -> Register:
    """`old` with the new controller's told fields, so their echoes elsewhere are not told twice (and
    whatever else changed in "who we are" still is)."""
    controller = old.controller.model_copy(update={f: getattr(new.controller, f) for f in fields})
    return old.model_copy(update={"controller": controller})


def _contact_line(contact: Contact) -> str:
    return ", ".join(part for part in (contact.email, contact.phone) if part) or (contact.name or "")


def _controller_changes(old: Register, new: Register, lang: Language) -> list[str]:
    before, after = old.controller, new.controller
    pairs = {
        "controller_name": (before.name, after.name),
        "controller_email": (before.email, after.email),
        "controller_phone": (before.phone, after.phone),
        "controller_address": (before.address.one_line() if before.address else None,
                               after.address.one_line() if after.address else None),
        "controller_website": (before.website, after.website),
    }
    return [sentence(key, lang, new=str(now)) for key, (was, now) in pairs.items() if now and now != was]


def _dpo_changes(old: Register, new: Register, lang: Language) -> list[str]:
    before, after = old.controller.dpo, new.controller.dpo
    if after is None:
        return [sentence("dpo_removed", lang)] if before is not None else []
    if before is None:
        return [sentence("dpo_added", lang, contact=_contact_line(after))]
    if _contact_line(before) != _contact_line(after):
        return [sentence("dpo_changed", lang, contact=_contact_line(after))]
    return []


def _name(register: Register, activity: ProcessingActivity, lang: Language) -> str:
    return activity.name.get(lang, register.language)


def _activities_added(old: Register, new: Register, lang: Language) -> list[str]:
    return [
        sentence("activity_added", lang, name=_name(new, activity, lang),
                 groups=join_words([new.group_label(g, lang) for g in activity.subject_groups], lang),
                 purposes=join_words([p.get(lang, new.language) for p in activity.purposes], lang),
                 categories=join_words([new.category_label(c, lang) for c in activity.data_categories], lang))
        for key, activity in new.activities.items() if key not in old.activities
    ]


def _activities_removed(old: Register, new: Register, lang: Language) -> list[str]:
    return [sentence("activity_removed", lang, name=_name(old, activity, lang))
            for key, activity in old.activities.items() if key not in new.activities]


def _activity_changes(old: Register, new: Register, lang: Language, old_view: StatementView,
                      new_view: StatementView) -> list[str]:
    lines: list[str] = []
    for key, after in new.activities.items():
        before = old.activities.get(key)
        if before is None:
            continue
        name, was_named = _name(new, after, lang), _name(old, before, lang)
        if name != was_named:
            lines.append(sentence("activity_renamed", lang, old=was_named, new=name))
        parts = changed_parts(old_view, new_view, key)
        told = len(lines)
        for part, detect in ACTIVITY_DETECTORS:
            found = detect(old, new, before, after, name, lang)
            if found:
                parts.discard(part)
            lines += found
        if _recipients_told_elsewhere(old, new, before, after):
            parts.discard("recipients")
        if len(lines) > told or name != was_named:
            parts.discard("rights")  # which rights apply follows from the basis and name told above
        lines += parts_line(name, [p for p in ACTIVITY_PART_ORDER if p in parts], lang)
    return lines


def _added(before: list[str], after: list[str]) -> list[str]:
    return [item for item in after if item not in before]


def _listed(key: str, items: list[str], name: str, lang: Language) -> list[str]:
    return [sentence(key, lang, name=name, items=join_words(items, lang))] if items else []


def _purposes(old: Register, new: Register, before: ProcessingActivity, after: ProcessingActivity, name: str,
              lang: Language) -> list[str]:
    was = [p.get(lang, old.language) for p in before.purposes]
    now = [p.get(lang, new.language) for p in after.purposes]
    return _listed("purpose_added", _added(was, now), name, lang) + _listed("purpose_removed", _added(now, was),
                                                                             name, lang)


def _groups(old: Register, new: Register, before: ProcessingActivity, after: ProcessingActivity, name: str,
            lang: Language) -> list[str]:
    added = _added(before.subject_groups, after.subject_groups)
    return _listed("groups_added", [new.group_label(g, lang) for g in added], name, lang)


def _categories(old: Register, new: Register, before: ProcessingActivity, after: ProcessingActivity, name: str,
                lang: Language) -> list[str]:
    added = [new.category_label(c, lang) for c in _added(before.data_categories, after.data_categories)]
    removed = [old.category_label(c, lang) for c in _added(after.data_categories, before.data_categories)]
    return _listed("categories_added", added, name, lang) + _listed("categories_removed", removed, name, lang)


def _special(old: Register, new: Register, before: ProcessingActivity, after: ProcessingActivity, name: str,
             lang: Language) -> list[str]:
    had = {use.category for use in before.special_categories}
    added = [new.category_label(use.category, lang) for use in after.special_categories if use.category not in had]
    return _listed("special_added", added, name, lang)


def _basis(old: Register, new: Register, before: ProcessingActivity, after: ProcessingActivity, name: str,
           lang: Language) -> list[str]:
    if before.legal_basis == after.legal_basis or before.legal_basis is None or after.legal_basis is None:
        return []
    was, now = (LEGAL_BASIS[b][lang][0].lower() for b in (before.legal_basis, after.legal_basis))
    return [sentence("basis_changed", lang, name=name, old=was, new=now)]


def _retention_words(rule: RetentionRule | None, register: Register, lang: Language) -> str | None:
    stated = retention_text(rule, register, lang) if rule is not None else None
    if stated is None:
        return None
    return f"{stated[0]} {stated[1]}" if stated[1] else stated[0]


def _retention(old: Register, new: Register, before: ProcessingActivity, after: ProcessingActivity, name: str,
               lang: Language) -> list[str]:
    was, now = _retention_words(before.retention, old, lang), _retention_words(after.retention, new, lang)
    if now is None or was == now:
        return []
    lengths = _comparable_lengths(before.retention, after.retention)
    kind = "retention_changed"
    if lengths is not None and lengths[0] != lengths[1]:
        kind = "retention_longer" if lengths[1] > lengths[0] else "retention_shorter"
    return [sentence(kind, lang, name=name, new=now, old=was or "—")]


def _comparable_lengths(before: RetentionRule | None, after: RetentionRule | None) -> tuple[float, float] | None:
    """Both periods in days when they run from the same event, so 'longer' or 'shorter' means something."""
    if before is None or after is None or before.period is None or after.period is None:
        return None
    if before.from_event != after.from_event or before.is_until_event or after.is_until_event:
        return None
    return before.period.approx_days(), after.period.approx_days()


def _source(old: Register, new: Register, before: ProcessingActivity, after: ProcessingActivity, name: str,
            lang: Language) -> list[str]:
    if after.source.kind == "data_subject" or after.source == before.source:
        return []
    fallback = {"third_party": {"nl": "anderen", "en": "others"}, "public": {"nl": "openbare bronnen",
                                                                           "en": "public sources"}}
    described = local(after.source.description, new, lang) or fallback[after.source.kind][lang]
    return [sentence("source_changed", lang, name=name, new=described)]


def _automated(old: Register, new: Register, before: ProcessingActivity, after: ProcessingActivity, name: str,
               lang: Language) -> list[str]:
    if after.automated_decision is not None and before.automated_decision is None:
        return [sentence("automated_added", lang, name=name,
                         new=after.automated_decision.description.get(lang, new.language))]
    if after.automated_decision is None and before.automated_decision is not None:
        return [sentence("automated_removed", lang, name=name)]
    return []


def _activity_recipients(old: Register, new: Register, before: ProcessingActivity, after: ProcessingActivity,
                         name: str, lang: Language) -> list[str]:
    # Recipients new to the whole register get their own sentence in _recipient_changes.
    keys = [k for k in _added(before.recipients, after.recipients) if k in old.recipients]
    added = [new.recipients[k].name.get(lang, new.language) for k in keys]
    return _listed("activity_recipients_added", added, name, lang)


def _recipient_changes(old: Register, new: Register, lang: Language) -> list[str]:
    was, now = disclosed_recipients(old), disclosed_recipients(new)
    lines = []
    for key, recipient in now.items():
        if key in was:
            lines += _recipient_changed(was[key], recipient, old, new, lang)
            continue
        service = recipient.service.get(lang, new.language)
        name = recipient.name.get(lang, new.language)
        if recipient.role in PROCESSOR_ROLES:
            country = taxonomy.country_name(recipient.country, lang)
            lines.append(sentence("processor_added", lang, name=name, service=service, country=country))
        else:
            lines.append(sentence("recipient_added", lang, name=name, service=service))
    lines += [sentence("recipient_removed", lang, name=r.name.get(lang, old.language))
              for key, r in was.items() if key not in now]
    return lines


def _recipients_told_elsewhere(old: Register, new: Register, before: ProcessingActivity,
                               after: ProcessingActivity) -> bool:
    """True when every change to an activity's recipients has a sentence of its own: a recipient that
    left the register ("no longer receives data"), joined it ("new recipient"), or was renamed."""
    dropped = [key for key in before.recipients if key not in after.recipients]
    joined = [key for key in after.recipients if key not in before.recipients]
    return all(key not in new.recipients for key in dropped) and all(key not in old.recipients for key in joined)


def _recipient_changed(before: Recipient, after: Recipient, old: Register, new: Register,
                       lang: Language) -> list[str]:
    """The same recipient key with another name, country, service or role: a new party may hold the data."""
    was_named, name = before.name.get(lang, old.language), after.name.get(lang, new.language)
    lines = [sentence("recipient_renamed", lang, old=was_named, new=name)] if name != was_named else []
    if before.country != after.country:
        lines.append(sentence("recipient_moved", lang, name=name, new=taxonomy.country_name(after.country, lang),
                              old=taxonomy.country_name(before.country, lang)))
    service, was_service = after.service.get(lang, new.language), before.service.get(lang, old.language)
    if service != was_service:
        lines.append(sentence("recipient_service", lang, name=name, new=service, old=was_service))
    if before.role != after.role:
        lines.append(sentence("recipient_role", lang, name=name, new=RECIPIENT_ROLE[after.role][lang],
                              old=RECIPIENT_ROLE[before.role][lang]))
    return lines


def _abroad(register: Register, lang: Language) -> dict[str, tuple[str, str, str]]:
    """Recipient key -> (name, country code, mechanism) for recipients outside the EEA."""
    return {
        key: (r.name.get(lang, register.language), r.country,
              r.transfer.mechanism if r.transfer is not None else "none")
        for key, r in disclosed_recipients(register).items() if r.country not in taxonomy.EEA_COUNTRIES
    }


def _transfer_changes(old: Register, new: Register, lang: Language) -> list[str]:
    was, now = _abroad(old, lang), _abroad(new, lang)
    lines = []
    for key, (name, country, mechanism) in now.items():
        values = {"name": name, "country": taxonomy.country_name(country, lang),
                  "mechanism": MECHANISM_NAME[mechanism][lang]}
        if key not in was or was[key][1] != country:
            lines.append(sentence("transfer_added", lang, **values))
        elif was[key][2] != mechanism:
            lines.append(sentence("transfer_changed", lang, old=MECHANISM_NAME[was[key][2]][lang], **values))
    for key, (name, country, _) in was.items():
        if key not in now or now[key][1] != country:
            lines.append(sentence("transfer_removed", lang, name=name, country=taxonomy.country_name(country, lang)))
    return lines


def _cookie_changes(old: Register, new: Register, lang: Language) -> list[str]:
    was = {(c.name, c.provider): c for c in old.cookies}
    now = {(c.name, c.provider): c for c in new.cookies}
    lines = []
    for key, cookie in now.items():
        before = was.get(key)
        if before is None:
            placed_by = new.recipients.get(cookie.provider)
            provider = placed_by.name.get(lang, new.language) if placed_by is not None else new.controller.name
            kind = "cookie_consent_added" if cookie.consent else "cookie_added"
            lines.append(sentence(kind, lang, cookie=cookie.name.get(lang, new.language), provider=provider,
                                  purpose=COOKIE_PURPOSE[cookie.purpose][lang],
                                  lifetime=lifetime_text(cookie.lifetime, lang)))
        elif before.consent != cookie.consent:
            lines.append(sentence("cookie_now_consent" if cookie.consent else "cookie_no_consent", lang,
                                  cookie=cookie.name.get(lang, new.language)))
    lines += [sentence("cookie_removed", lang, cookie=cookie.name.get(lang, old.language))
              for key, cookie in was.items() if key not in now]
    return lines


def _rights_changes(old: Register, new: Register, lang: Language) -> list[str]:
    lines = []
    was_contact, now_contact = local(old.rights.contact, old, lang), local(new.rights.contact, new, lang)
    if now_contact and now_contact != was_contact:
        lines.append(sentence("rights_contact", lang, new=now_contact))
    was_time, now_time = answer_period(old.rights.response_time), answer_period(new.rights.response_time)
    if was_time != now_time:
        lines.append(sentence("response_time", lang, new=period_text(now_time, lang), old=period_text(was_time, lang)))
    return lines


ACTIVITY_DETECTORS: tuple[tuple[str, ActivityDetector], ...] = (
    ("purposes", _purposes), ("groups", _groups), ("categories", _categories), ("special", _special),
    ("basis", _basis), ("retention", _retention), ("source", _source), ("automated", _automated),
    ("recipients", _activity_recipients),
)
ACTIVITY_PART_ORDER = ("description", "groups", "purposes", "categories", "special", "basis", "source", "provision",
                       "recipients", "automated", "retention", "rights")
DETECTORS += [
    (_recipient_changes, ("processors", "other_recipients", "processor_agreements")),
    (_transfer_changes, ("transfers",)),
    (_cookie_changes, ("cookies",)),
    (_rights_changes, ("rights",)),
]
