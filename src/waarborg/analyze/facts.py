"""Collect the concrete facts of a statement: contacts, retention, parties, data categories,
legal bases, the supervisory authority and cookies."""

from __future__ import annotations

import re

from .contacts import ContactFacts, find_contacts
from .document import Document
from .lexicon import CommonLexicon, Lexicon
from .model import Facts, PartyFact
from .retention_facts import find_retention


def collect_facts(document: Document, lexicon: Lexicon, common: CommonLexicon,
                  contacts: ContactFacts | None = None) -> Facts:
    """Every fact the statement gives (legal bases are added by the element detector)."""
    contacts = contacts or find_contacts(document)
    return Facts(
        controller_name=contacts.controller_name,
        addresses=contacts.addresses,
        emails=contacts.emails,
        phones=contacts.phones,
        registration_numbers=contacts.registration_numbers,
        retention_periods=find_retention(document, lexicon),
        third_parties=find_parties(document, common),
        data_categories=find_categories(document, lexicon),
        legal_bases=[],
        supervisory_authority=find_authority(document, common),
        cookies=find_cookies(document, common),
        websites=contacts.websites,
    )


def find_parties(document: Document, common: CommonLexicon) -> list[PartyFact]:
    """Known vendors, platforms and authorities named, each once, in order of first mention."""
    first: dict[int, re.Match[str]] = {}
    for match, vendor in common.vendors.hits(document):
        if vendor not in first or match.start() < first[vendor].start():
            first[vendor] = match
    parties: list[PartyFact] = []
    for vendor, match in sorted(first.items(), key=lambda pair: pair[1].start()):
        name, role, country = common.vendor_table[vendor]
        index = document.index_at(match.start())
        evidence = document.evidence(index) if index is not None else document.span(match.start(), match.end())
        parties.append(PartyFact(name, role, country, evidence))
    return parties


def find_authority(document: Document, common: CommonLexicon) -> str | None:
    """The supervisory authority the statement names first."""
    first: tuple[int, str] | None = None
    for name, pattern in common.authorities:
        match = pattern.search(document)
        if match and (first is None or match.start() < first[0]):
            first = (match.start(), name)
    return first[1] if first else None


def find_cookies(document: Document, common: CommonLexicon) -> list[str]:
    """Cookies and trackers named, and the kinds of cookies described ("analytische cookies")."""
    found: list[str] = []
    for pattern, lower in ((common.cookies, False), (common.cookie_kinds, True)):
        for match in pattern.finditer(document):
            name = re.sub(r"\s+", " ", document.clean[match.start():match.end()])
            name = name.lower() if lower else name
            if name not in found:
                found.append(name)
    return found


def category_hits(document: Document, lexicon: Lexicon) -> dict[int, set[str]]:
    """Taxonomy keys mentioned per sentence index."""
    hits: dict[int, set[str]] = {}
    for match, entry in lexicon.categories.hits(document):
        index = document.index_at(match.start())
        if index is not None:
            hits.setdefault(index, set()).add(lexicon.categories.entries[entry].group)
    return hits


def find_categories(document: Document, lexicon: Lexicon) -> list[str]:
    """Data categories listed: from list items, headings' lists, and sentences naming two or more."""
    intro = lexicon.elements["data_categories"].patterns.entries[0].matcher
    keys: list[str] = []
    for index, found in sorted(category_hits(document, lexicon).items()):
        sentence = document.sentences[index]
        listed = sentence.list_item or len(found) >= 2 or document.search_in(intro, index) is not None
        if listed or (sentence.heading and len(document.sentence_text(index).split()) <= 3):
            keys.extend(key for key in sorted(found) if key not in keys)
    return keys
