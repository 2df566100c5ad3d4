"""A draft register from an analysed statement: every fact filled in, TODO where the text is silent.

The draft is a starting point for the privacy officer, not a verdict. Nothing is invented: a field
the statement does not give is left out (so `waarborg check` reports it) and a comment
``# TODO: ...`` marks the place. Where the register needs a value that cannot be left out (the
controller's name, an activity's purposes) the value is the word ``TODO``.

    >>> print(draft_register(analysis, text, source="privacy.txt"))
    # Draft register made by `waarborg analyze` from privacy.txt ...
    waarborg: 1
    language: nl
    controller:
      name: Kwalipro
"""

from __future__ import annotations

import io
import re
import unicodedata
from datetime import date
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from waarborg.register import taxonomy

from . import draft_cues as infer
from .model import Analysis, ElementResult, PartyFact

TODO = "TODO"
MAX_QUOTE = 160


class _Block:
    """A YAML mapping under construction whose TODO comments land before the next key written."""

    def __init__(self, column: int = 0):
        self.map = CommentedMap()
        self.column = column
        self._pending: list[str] = []
        self._before: dict[str, list[str]] = {}
        self._children: list[_Block] = []

    def put(self, key: str, value: Any, note: str = "") -> None:
        """Set a key; `note` becomes an end-of-line comment (e.g. 'check: inferred')."""
        self.map[key] = value
        if self._pending:
            self._before[key] = self._pending
            self._pending = []
        if note:
            self.map.yaml_add_eol_comment(note, key)

    def todo(self, message: str) -> None:
        """A TODO comment at this place: before the next key, else at the top of the block."""
        self._pending.append(f"TODO: {message}")

    def block(self, key: str) -> _Block:
        child = _Block(self.column + 2)
        self._children.append(child)
        self.put(key, child.map)
        return child

    def close(self) -> CommentedMap:
        """Attach the comments to the YAML nodes (they cannot move after this)."""
        for child in self._children:
            child.close()
        if self._pending and len(self.map):
            first = next(iter(self.map))
            self._before[first] = self._before.get(first, []) + self._pending
        for key, lines in self._before.items():
            self.map.yaml_set_comment_before_after_key(key, before="\n".join(lines), indent=self.column)
        return self.map


def draft_register(analysis: Analysis, text: str = "", *, source: str = "", today: date | None = None) -> str:
    """The draft register as YAML text that `parse_register` accepts and `waarborg statement` renders."""
    lang = analysis.language
    today = today or date.today()
    document = _Block()
    document.put("waarborg", 1)
    document.put("language", lang)
    country = infer.controller_country(analysis, text)
    _controller(document.block("controller"), analysis, country)
    _statement_meta(document.block("statement"), analysis, text, today)
    recipients = _recipients(document, analysis)
    groups = infer.subject_groups(text)
    if not groups:
        terms = document.block("subject_groups")
        terms.put("data_subjects", {"nl": "betrokkenen", "en": "data subjects"})
    _activities(document.block("activities"), analysis, text, groups or ["data_subjects"], list(recipients.values()))
    _cookies(document, analysis, recipients)
    root = document.close()
    header = (
        f"Draft register made by `waarborg analyze`{f' from {source}' if source else ''} on {today.isoformat()}.\n"
        "Every value was read from the statement; TODO marks what the statement does not say.\n"
        "Check each value, fill in the TODOs, then run `waarborg check` on this file."
    )
    root.yaml_set_start_comment(header)
    return _dump(root)


def _dump(root: CommentedMap) -> str:
    yaml = YAML()
    yaml.width = 110
    yaml.allow_unicode = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    buffer = io.StringIO()
    yaml.dump(root, buffer)
    return buffer.getvalue()


def _quote(text: str) -> str:
    flat = " ".join(text.replace("**", "").split()).strip(" -*#")
    return flat if len(flat) <= MAX_QUOTE else flat[: MAX_QUOTE - 1].rsplit(" ", 1)[0] + "…"


def _evidence_quotes(result: ElementResult | None, limit: int = 5) -> list[str]:
    if result is None or not result.present:
        return []
    return list(dict.fromkeys(_quote(item.text) for item in result.evidence if item.text.strip()))[:limit]


# --- controller and statement ------------------------------------------------------------------


def _controller(block: _Block, analysis: Analysis, country: str | None) -> None:
    facts = analysis.facts
    if facts.controller_name:
        block.put("name", facts.controller_name)
    else:
        block.todo("the statement does not name the organisation responsible (Art. 13(1)(a))")
        block.put("name", TODO)
    _first_or_todo(block, "email", facts.emails, "the statement gives no e-mail address")
    _first_or_todo(block, "phone", facts.phones, "the statement gives no phone number")
    _address(block, facts.addresses, country)
    if country:
        block.put("country", country)
    else:
        block.todo("the statement does not show the country; NL applies until you set `country`")
    _registration(block, facts.registration_numbers)
    websites = infer.own_websites(facts.websites, facts.emails, facts.controller_name)
    _first_or_todo(block, "website", websites, "the statement names no website of the organisation itself")
    dpo = analysis.elements.get("dpo_contact")
    if dpo is not None and dpo.present and not any(infer.is_negated(item.text) for item in dpo.evidence):
        quote = _evidence_quotes(dpo, 1)
        block.todo(f"the statement mentions a data protection officer ({quote[0] if quote else ''}); "
                   "add `dpo:` with name and e-mail")


def _first_or_todo(block: _Block, key: str, values: list[str], silent: str) -> None:
    if values:
        note = f"the statement also gives: {', '.join(values[1:])}" if len(values) > 1 else ""
        block.put(key, values[0], note)
    else:
        block.todo(silent)


def _address(block: _Block, addresses: list[str], country: str | None) -> None:
    for raw in addresses:
        parsed = infer.parse_address(raw)
        if parsed is not None:
            if country:
                parsed["country"] = country
            block.put("address", parsed)
            return
    if addresses:
        block.todo(f"split the address {addresses[0]!r} into street, postal_code and city")
    else:
        block.todo("the statement gives no postal address")


def _registration(block: _Block, numbers: list[dict[str, str]]) -> None:
    for number in numbers:
        digits = number.get("number", "").replace(".", "").replace(" ", "")
        if digits.isdigit():
            kind = number.get("kind", "other")
            block.put("registration", {"kind": kind if kind in ("kvk", "kbo") else "other", "number": digits})
            return
    block.todo("the statement gives no KvK or KBO number")


def _statement_meta(block: _Block, analysis: Analysis, text: str, today: date) -> None:
    version = infer.statement_version(text)
    if version:
        block.put("version", version)
    else:
        block.todo("the statement has no version number")
        block.put("version", "draft")
    published = infer.statement_date(text)
    if published:
        block.put("date", published)
    else:
        block.todo("the statement has no date; today's date stands in for it")
        block.put("date", today)
    facts = analysis.facts
    websites = infer.own_websites(facts.websites, facts.emails, facts.controller_name)
    if websites:
        block.put("websites", CommentedSeq(websites))


# --- recipients ----------------------------------------------------------------------------------


def _recipients(document: _Block, analysis: Analysis) -> dict[str, str]:
    """Write the recipients block; returns party name -> recipient key."""
    named = [party for party in analysis.facts.third_parties if not infer.is_supervisory_authority(party.name)]
    parties = list({party.name: party for party in named}.values())
    if not parties:
        document.todo("the statement names no recipients; add `recipients:` for processors and others")
        return {}
    block = document.block("recipients")
    keys: dict[str, str] = {}
    unknown: list[str] = []
    finding_ids = {finding.id for finding in analysis.findings}
    for party in parties:
        role = infer.recipient_role(party.role)
        if role is None:
            unknown.append(party.name)
            continue
        key = _unique_key(_slug(party.name), set(keys.values()))
        keys[party.name] = key
        _recipient(block.block(key), party, role, analysis, finding_ids)
    if unknown:
        block.todo(f"the statement also names {', '.join(unknown)}, without saying what they do; "
                   "add them with their role if they receive personal data")
    return keys


def _recipient(block: _Block, party: PartyFact, role: str, analysis: Analysis, finding_ids: set[str]) -> None:
    lang = analysis.language
    block.put("name", party.name)
    block.put("role", role, f"TODO: check — inferred from the kind of service ({party.role})")
    service = infer.service_label(party.role, lang)
    if service:
        block.put("service", service)
    else:
        block.todo(f"describe what {party.name} does for you; the statement says: {_quote(party.evidence.text)}")
        block.put("service", TODO)
    country = (party.country or "").upper()
    if not taxonomy.is_known_country(country):
        block.todo(f"the statement does not say where {party.name} processes the data (NL until you set it)")
        return
    block.put("country", country)
    if country in taxonomy.EEA_COUNTRIES:
        return
    mechanism = infer.transfer_mechanism(country, analysis, finding_ids)
    if mechanism:
        block.put("transfer", {"mechanism": mechanism})
    else:
        block.todo(f"the statement does not say how the transfer to {country} is safeguarded (Art. 44-49)")


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "_", ascii_name).strip("_")
    return slug if slug[:1].isalpha() else f"party_{slug}".rstrip("_")


def _unique_key(key: str, taken: set[str]) -> str:
    candidate, number = key, 2
    while candidate in taken:
        candidate, number = f"{key}_{number}", number + 1
    return candidate


# --- activities ----------------------------------------------------------------------------------


def _activities(block: _Block, analysis: Analysis, text: str, groups: list[str], recipients: list[str]) -> None:
    """One activity for what the statement describes, plus one per kind of record with its own period."""
    keeps = infer.retention_groups(analysis, text)
    bounded = [keep for keep in keeps if keep.bounded]
    vague = [keep for keep in keeps if not keep.bounded]
    own = bounded if len(bounded) > 1 else []
    main_keep = bounded[0] if len(bounded) == 1 else (vague[0] if vague else None)
    main = block.block("statement_processing")
    _main_activity(main, analysis, groups, recipients)
    if main_keep is not None:
        _retention(main, main_keep)
    elif own:
        main.todo("the retention periods found are in the activities below; give this activity its own")
    else:
        main.todo("the statement gives no retention period (Art. 13(2)(a))")
    taken = {"statement_processing"}
    for keep in own:
        key = _unique_key(infer.short_key(keep.subject or keep.phrase), taken)
        taken.add(key)
        _retention_activity(block.block(key), analysis, groups, keep)


def _main_activity(block: _Block, analysis: Analysis, groups: list[str], recipients: list[str]) -> None:
    lang = analysis.language
    block.put("name", "Verwerkingen volgens de privacyverklaring" if lang == "nl"
              else "Processing described in the privacy statement")
    purposes = [quote for quote in _evidence_quotes(analysis.elements.get("purposes")) if not quote.endswith("?")]
    if purposes:
        block.put("purposes", CommentedSeq(purposes), "TODO: rewrite as short purposes, one activity each")
    else:
        block.todo("the statement does not name the purposes (Art. 13(1)(c))")
        block.put("purposes", CommentedSeq([TODO]))
    _groups_and_categories(block, analysis, groups, analysis.facts.data_categories)
    _legal_basis(block, analysis, analysis.facts.legal_bases)
    _source(block, analysis)
    _provision(block, analysis)
    _automated_decision(block, analysis)
    if recipients:
        block.put("recipients", CommentedSeq(recipients), "TODO: keep only those this activity uses")


def _retention_activity(block: _Block, analysis: Analysis, groups: list[str], keep: infer.Keep) -> None:
    subject = keep.subject or _quote(keep.phrase)
    block.put("name", subject[:1].upper() + subject[1:])
    block.put("purposes", CommentedSeq([subject]), "TODO: state the purpose in plain words")
    categories = infer.categories_named_in(keep.phrase + " " + subject, analysis.facts.data_categories)
    _groups_and_categories(block, analysis, groups, categories)
    bases = infer.bases_for_retention(keep.phrase)
    if bases:
        _legal_basis(block, analysis, bases)
    else:
        block.todo("the statement does not tie a legal basis to this activity")
    _retention(block, keep)


def _groups_and_categories(block: _Block, analysis: Analysis, groups: list[str], found: list[str]) -> None:
    if groups != ["data_subjects"]:
        block.put("subject_groups", CommentedSeq(groups), "TODO: check — found from words in the statement")
    else:
        block.todo("the statement does not say whose data these are; name the subject groups")
        block.put("subject_groups", CommentedSeq(groups))
    known = taxonomy.data_categories()
    categories = [key for key in dict.fromkeys(found) if key in known]
    if categories:
        block.put("data_categories", CommentedSeq(categories), "TODO: keep only what this activity uses")
    else:
        block.todo("name the kinds of personal data (the statement does not list them for this activity)")
        block.put("data_categories", CommentedSeq(["user"]))


def _legal_basis(block: _Block, analysis: Analysis, bases: list[str]) -> None:
    distinct = list(dict.fromkeys(basis for basis in bases if basis in infer.LEGAL_BASES))
    if len(distinct) != 1:
        if distinct:
            block.todo(f"the statement names several legal bases ({', '.join(distinct)}); "
                       "split this activity and give each part its basis")
        else:
            block.todo("the statement names no legal basis (Art. 6(1), 13(1)(c))")
        return
    basis = distinct[0]
    block.put("legal_basis", basis)
    if basis == "legitimate_interests":
        interests = _evidence_quotes(analysis.elements.get("legitimate_interests"), 1)
        if interests:
            block.put("legitimate_interest", interests[0])
        else:
            block.todo("the statement does not spell out the legitimate interest (Art. 13(1)(d))")
    if basis == "consent":
        _consent(block, analysis)


def _consent(block: _Block, analysis: Analysis) -> None:
    withdrawal = _evidence_quotes(analysis.elements.get("right_withdraw_consent"), 1)
    if withdrawal:
        block.put("consent", {"withdrawal": withdrawal[0]})
    else:
        block.todo("the statement does not say how to withdraw consent (Art. 7(3))")


def _source(block: _Block, analysis: Analysis) -> None:
    quotes = _evidence_quotes(analysis.elements.get("data_source"), 1)
    if quotes:
        block.put("source", {"kind": infer.source_kind(quotes[0]), "description": quotes[0]})


def _provision(block: _Block, analysis: Analysis) -> None:
    quotes = _evidence_quotes(analysis.elements.get("provision_requirement"), 1)
    if not quotes:
        block.todo("the statement does not say whether people must provide their data (Art. 13(2)(e))")
        return
    requirement = infer.provision_kind(quotes[0])
    if requirement is None:
        block.todo(f"say whether providing data is statutory, contractual or voluntary; the statement "
                   f"says: {quotes[0]}")
        return
    block.put("provision", {"requirement": requirement, "consequence": quotes[0]})


def _automated_decision(block: _Block, analysis: Analysis) -> None:
    result = analysis.elements.get("automated_decisions")
    quotes = _evidence_quotes(result, 1)
    if quotes and not infer.is_negated(quotes[0]):
        block.todo(f"the statement mentions automated decisions or profiling: {quotes[0]} — "
                   "add `automated_decision:` if a decision is made without a person")


def _retention(block: _Block, keep: infer.Keep) -> None:
    if keep.event == "until_unsubscribed":
        block.put("retention", "until unsubscribed")
        return
    if keep.value is not None and keep.unit is not None:
        if keep.event is None:
            block.todo(f"from when does the period run? The statement says: {_quote(keep.phrase)}")
        unit = keep.unit[:-1] if keep.value == 1 else keep.unit  # '1 year', as a person writes it
        block.put("retention", f"{keep.value} {unit} from {keep.event or 'recorded'}")
        return
    block.todo("the statement gives no period here, only a criterion (Art. 13(2)(a))")
    block.put("retention", {"criterion": _quote(keep.phrase)})


# --- cookies -------------------------------------------------------------------------------------


def _cookies(document: _Block, analysis: Analysis, recipients: dict[str, str]) -> None:
    if not analysis.facts.cookies:
        return
    cookies = CommentedSeq()
    unknown: list[str] = []
    for name in dict.fromkeys(analysis.facts.cookies):
        purpose = infer.cookie_purpose(name)
        if purpose is None:
            unknown.append(name)
            continue
        cookies.append(_cookie(name, purpose, recipients))
    if unknown:
        document.todo(f"the statement mentions the cookies {', '.join(unknown)} without their purpose")
    if len(cookies):
        document.put("cookies", cookies)


def _cookie(name: str, purpose: str, recipients: dict[str, str]) -> CommentedMap:
    provider = next((key for party, key in recipients.items() if party.lower() in name.lower()
                     or name.lower() in party.lower()), None)
    cookie = CommentedMap()
    cookie["name"] = name
    cookie["provider"] = provider or "first_party"
    if provider is None and purpose != "functional":
        cookie.yaml_add_eol_comment("TODO: who places this cookie? name its recipient key", "provider")
    cookie["purpose"] = purpose
    cookie["consent"] = False
    if purpose != "functional":
        cookie.yaml_add_eol_comment("TODO: set true if the site asks consent first (Tw 11.7a)", "consent")
    return cookie

