"""Contact facts: controller name, e-mail addresses, phone numbers, postal addresses,
registration numbers (KvK, Belgian ondernemingsnummer) and websites, each with its span.

Formats are Dutch and Belgian: 070-7620764, (06) 53 43 06 42, +31 20 123 4567, 1119 PD Schiphol-Rijk,
Keizerstraat 20-22, 2000 Antwerpen, KvK 61673811, 0123.456.789, and obfuscated mail like
"vck [at] vck [dot] be".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from .document import Document
from .model import Evidence

_NAME = (r"(?P<name>[A-Z][\w&'.-]*(?:[ \t](?:[A-Z][\w&'.-]*|voor|van|de|der|en|of|for|and|the|&|vzw|"
         r"asbl|bv|B\.V\.|N\.V\.)){0,6})")
_TRAILING_WORDS = {"voor", "van", "de", "der", "en", "of", "for", "and", "the", "&", "Het", "De", "The"}


@dataclass
class ContactFacts:
    """What `find_contacts` found, with the spans that show it."""

    controller_name: str | None = None
    controller_evidence: Evidence | None = None
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)
    registration_numbers: list[dict[str, str]] = field(default_factory=list)
    websites: list[str] = field(default_factory=list)
    spans: list[tuple[str, Evidence]] = field(default_factory=list)  # (kind, evidence) in text order


@cache
def _regexes() -> dict[str, re.Pattern[str]]:
    # Each pattern starts with a literal or a small class, so the engine can skip through the text;
    # the parts before an anchor (the street before a postcode) are matched on a small window.
    street = r"[A-Z][\w'.-]*(?:[ \t][A-Za-z][\w'.-]*){0,3}[ \t]\d{1,4}(?:[ \t]?[-/][ \t]?\d{1,4}|[ \t]?[a-zA-Z]\b)?"
    city = r"[A-Z][\w'-]+(?:[ \t-][A-Z][\w'-]+){0,2}"
    return {
        "email_local": re.compile(r"[\w.+-]+$"),
        "email_domain": re.compile(r"[\w-]+(?:\.[\w-]+)*\.[a-zA-Z]{2,}"),
        "obfuscated_marker": re.compile(r"[\[(]\s*(?:at|apenstaartje)\s*[\])]"),
        "obfuscated": re.compile(
            r"([\w.-]+)\s*[\[(]\s*(?:at|apenstaartje)\s*[\])]\s*([\w-]+)\s*[\[(]\s*(?:dot|punt)\s*[\])]\s*([a-z]{2,})"),
        "phone": re.compile(r"(?:\+\d{2}[ \t]?(?:\(0\)[ \t]?)?\d|\(0\d{1,3}\)|0\d)[\d \t-]{6,13}\d(?![\w.,]\d)"),
        "nl_postcode": re.compile(rf"[1-9]\d{{3}}[ \t]?(?!SA|SD|SS)[A-Z]{{2}}\b[ \t]+(?:te[ \t]+)?{city}"),
        "be_postcode": re.compile(rf"[1-9]\d{{3}}[ \t]+{city}"),
        "street_before": re.compile(rf"(?:^|(?<=[\s,:(]))({street})[ \t]*[,\n][ \t]*(?:\n[ \t]*)?$"),
        "postbus_before": re.compile(r"Postbus[ \t]+\d+[ \t]*[,\n][ \t]*$"),
        "kvk": re.compile(r"(?:kvk|k\.v\.k\.|kamer van koophandel|handelsregister|chamber of commerce)"
                          r"[^\d\n]{0,40}?(?<!\d)(\d{8})(?!\d)"),
        "kbo": re.compile(r"[01]\d{3}\.\d{3}\.\d{3}(?![\d.]\d)"),
        "kbo_named": re.compile(r"(?:ondernemingsnummer|kbo|enterprise number)[^\d\n]{0,30}?"
                                r"(?:be[ \t]?)?([01]\d{3}[ \t]?\d{3}[ \t]?\d{3})(?![\d.]\d)"),
        "tld": re.compile(r"\.(?:nl|be|com|org|eu|net|io|info|nu)\b(?![@\w-])(?:/[\w/.-]*)?"),
        "host_before": re.compile(r"(?:https?://)?[a-z0-9-]+(?:\.[a-z0-9-]+)*$"),
    }


@cache
def _name_patterns() -> tuple[re.Pattern[str], ...]:
    """Controller-name patterns, most reliable first."""
    return tuple(re.compile(pattern) for pattern in (
        r"(?i:onder (?:de )?verantwoordelijkheid van):?\s+(?:(?:het|de|the)\s+)?" + _NAME,
        _NAME + r",?\s+(?i:(?:statutair )?gevestigd|registered|established|located)\b",
        _NAME + r",?\s+(?i:is (?:de )?(?:verwerkings)?verantwoordelijke|is the (?:data )?controller)",
        _NAME + r"\s+\((?i:hierna|hereinafter|hereafter)[:,]?\s",
        r"(?P<name>[A-Z][\w&'-]*(?:[ \t](?:[A-Z][\w&'-]*|voor|van|de)){0,4}[ \t](?:B\.V\.|BV|N\.V\.|V\.O\.F\.|"
        r"vzw|VZW|Ltd\.?|GmbH|Inc\.?))",
        # "Stichting X (SX)"; not the law's own abbreviations ("Burgerservicenummer (BSN)", "(AVG)", "(EER)")
        _NAME + r"\s+\((?!(?:BSN|AP|AVG|GDPR|EER|EEA|EU|MRZ|KVK|KvK|FG|DPO|GBA|CBP|IP|ID|VS|USA|AI|WGBO)\))"
        r"[A-Z]{2,8}\)",
        r"(?i:privacy ?(?:verklaring|beleid|statement|policy|notice|reglement))[ \t]+(?i:(?:van|of)[ \t]+)?"
        r"(?:(?:de|het|the)[ \t]+)?" + _NAME,
        r"(?i:privacy)[ \t]+(?i:bij|at|van|of|voor|for)[ \t]+" + _NAME,
        # the statement says whose processing it describes ("deze verklaring is van toepassing op de verwerking
        # van persoonsgegevens door X", "this notice explains how X handles your data")
        r"(?i:privacy ?(?:verklaring|beleid|statement|policy|notice)|(?:this|deze|dit) (?:verklaring|beleid|policy|"
        r"notice|statement))[^.\n]{0,80}?\b(?i:door|by|how|hoe)[ \t]+(?:(?:de|het|the)[ \t]+)?" + _NAME,
        r"(?m:^)" + _NAME + r"[ \t]+[-–][ \t]+[^\n]*(?i:privacy)",
        r"(?m:^)[ \t]*" + _NAME + r"[ \t]*[-–|,][ \t]*[A-Z][\w'.-]*(?:[ \t][A-Za-z][\w'.-]*){0,3}[ \t]\d",
    ))


def _cut_at_sentence_end(words: list[str]) -> list[str]:
    """Words up to the first that ends a sentence ("VCK. Op dit moment" -> "VCK")."""
    for position, word in enumerate(words):
        if word.endswith(".") and not re.fullmatch(r"(?:[A-Za-z]\.){2,}", word):
            return [*words[:position], word.rstrip(".")]
    return words


def _controller_name(document: Document) -> tuple[str, Evidence] | None:
    for pattern in _name_patterns():
        for match in pattern.finditer(document.clean):
            words = _cut_at_sentence_end(match.group("name").split())
            while words and words[-1] in _TRAILING_WORDS:
                words.pop()
            if words and words[0] in {"Het", "De", "The", "Wij", "We", "Dit", "Deze"}:
                words = words[1:]
            if words and not (len(words) == 1 and words[0].lower() in {"privacy", "deze", "dit"}):
                start = match.start("name")
                return " ".join(words), document.span(start, match.end("name"))
    return None


def _digits(number: str) -> str:
    return re.sub(r"\D", "", number)


def _plausible_phone(raw: str) -> bool:
    digits = _digits(raw)
    if raw.startswith("+"):
        return 10 <= len(digits) <= 13
    return len(digits) in (9, 10)


def find_contacts(document: Document) -> ContactFacts:
    """Every contact fact in the statement, in text order, without duplicates."""
    facts = ContactFacts()
    found = _controller_name(document)
    if found:
        facts.controller_name, facts.controller_evidence = found
    _find_emails(document, facts)
    _find_phones(document, facts)
    _find_addresses(document, facts)
    _find_registrations(document, facts)
    _find_websites(document, facts)
    facts.spans.sort(key=lambda pair: pair[1].start)
    return facts


def _add(items: list[str], value: str) -> bool:
    if value in items:
        return False
    items.append(value)
    return True


def _find_emails(document: Document, facts: ContactFacts) -> None:
    regexes = _regexes()
    text = document.clean
    at = text.find("@")
    while at != -1:
        local = regexes["email_local"].search(text, max(0, at - 64), at)
        domain = regexes["email_domain"].match(text, at + 1)
        if local and domain and _add(facts.emails, f"{local.group()}@{domain.group()}".lower()):
            facts.spans.append(("email", document.span(local.start(), domain.end())))
        at = text.find("@", at + 1)
    for marker in regexes["obfuscated_marker"].finditer(document.lower):
        match = regexes["obfuscated"].search(document.lower, max(0, marker.start() - 64), marker.end() + 64)
        if match is None:
            continue
        address = f"{match.group(1)}@{match.group(2)}.{match.group(3)}"
        if _add(facts.emails, address):
            facts.spans.append(("email", document.span(match.start(), match.end())))


def _find_phones(document: Document, facts: ContactFacts) -> None:
    text = document.clean
    for match in _regexes()["phone"].finditer(text):
        if match.start() and (text[match.start() - 1].isalnum() or text[match.start() - 1] in ".+/-"):
            continue
        raw = match.group().strip()
        if _plausible_phone(raw) and _add(facts.phones, re.sub(r"[ \t]+", " ", raw)):
            facts.spans.append(("phone", document.span(match.start(), match.end())))


def _find_addresses(document: Document, facts: ContactFacts) -> None:
    """Postcode and town, with the street (or Postbus) on the same or the previous line.

    A Dutch postcode (1119 PD) is distinctive alone; a Belgian one (2000) only with a street before it.
    """
    regexes = _regexes()
    text = document.clean
    taken_until = -1
    for kind in ("nl_postcode", "be_postcode"):
        for match in regexes[kind].finditer(text):
            if match.start() < taken_until:
                continue
            window = max(0, match.start() - 80)
            before = regexes["postbus_before"].search(text, window, match.start()) or \
                regexes["street_before"].search(text, window, match.start())
            if before is None and kind == "be_postcode":
                continue
            start = before.start() if before else match.start()
            taken_until = match.end()
            address = re.sub(r"\s*\n\s*", ", ", re.sub(r"[ \t]+", " ", text[start:match.end()].strip()))
            address = re.sub(r",\s*,", ",", address)
            if _add(facts.addresses, address):
                facts.spans.append(("address", document.span(start, match.end())))


def _find_registrations(document: Document, facts: ContactFacts) -> None:
    regexes = _regexes()
    for name in ("kvk", "kbo", "kbo_named"):
        kind = name.removesuffix("_named")
        for match in regexes[name].finditer(document.lower):
            if name == "kbo" and match.start() and document.lower[match.start() - 1] in "0123456789.":
                continue
            group = 0 if name == "kbo" else 1
            number = _digits(match.group(group))
            if kind == "kbo":  # the Belgian convention: 0123.456.789
                number = f"{number[:4]}.{number[4:7]}.{number[7:]}"
            entry = {"kind": kind, "number": number}
            if entry not in facts.registration_numbers:
                facts.registration_numbers.append(entry)
                facts.spans.append((kind, document.span(match.start(group), match.end(group))))


def _find_websites(document: Document, facts: ContactFacts) -> None:
    regexes = _regexes()
    text = document.lower
    for tld in regexes["tld"].finditer(text):
        host = regexes["host_before"].search(text, max(0, tld.start() - 80), tld.start())
        if host is None or (host.start() and text[host.start() - 1] in "@.-_"):
            continue  # part of an e-mail address, or not a host name
        site = re.sub(r"^https?://", "", text[host.start():tld.end()].rstrip("./"))
        if not re.fullmatch(r"[\d.]+", site.split("/")[0]):
            _add(facts.websites, site)
