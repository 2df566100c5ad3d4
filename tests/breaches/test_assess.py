"""The decision aid: each path of the proposal, explained in Dutch and English."""

from __future__ import annotations

from typing import Any

import pytest

from waarborg.breaches.assess import EXCEPTION_TEXT, PROPOSAL_TEXT, assess
from waarborg.breaches.incident import Incident


def incident(**sections: Any) -> Incident:
    return Incident.model_validate(sections)


MISDIRECTED_EMAIL = {"what": {"nature": ["read"], "incident_kind": "misdirected"},
                     "data": {"kinds": ["name_address", "email"]}, "people": {"maximum": 1}}
STOLEN_LAPTOP_BSN = {"what": {"nature": ["stolen"], "incident_kind": "device_lost"},
                     "data": {"kinds": ["name_address", "bsn", "financial"]}, "people": {"maximum": 200},
                     "protection": {"unintelligible": "no"}, "consequences": {"harms": ["identity_fraud"]}}


def test_one_misdirected_email_with_contact_data_is_not_notified() -> None:
    result = assess(incident(**MISDIRECTED_EMAIL))
    assert (result.risk, result.proposal) == ("unlikely", "none")
    assert result.score < 2


def test_stolen_unencrypted_laptop_with_bsn_tells_the_people() -> None:
    result = assess(incident(**STOLEN_LAPTOP_BSN))
    assert (result.risk, result.proposal, result.exception) == ("high", "authority_and_people", None)
    assert {"malice", "consequences", "confidentiality"} <= {f.key for f in result.factors}


def test_same_laptop_encrypted_with_a_safe_key_needs_no_notification() -> None:
    answers = {**STOLEN_LAPTOP_BSN, "protection": {"unintelligible": "yes", "how": "BitLocker, AES-256"}}
    result = assess(incident(**answers))
    assert result.proposal == "none"


def test_special_data_encrypted_but_key_compromised_is_high_risk() -> None:
    answers = {**STOLEN_LAPTOP_BSN, "data": {"kinds": ["special"]},
               "protection": {"unintelligible": "yes", "key_compromised": True}}
    assert assess(incident(**answers)).proposal == "authority_and_people"


def test_medium_case_notifies_the_authority_only() -> None:
    answers = {"what": {"nature": ["read"], "incident_kind": "misdirected"},
               "data": {"kinds": ["name_address", "access"]}, "people": {"maximum": 40}}
    result = assess(incident(**answers))
    assert (result.risk, result.proposal) == ("risk", "authority")


def test_volume_raises_the_score() -> None:
    small = assess(incident(**{**MISDIRECTED_EMAIL, "people": {"maximum": 10}}))
    large = assess(incident(**{**MISDIRECTED_EMAIL, "people": {"maximum": 5000}}))
    assert large.score == small.score + 0.5


def test_children_raise_the_data_context() -> None:
    plain = assess(incident(**MISDIRECTED_EMAIL))
    children = assess(incident(**{**MISDIRECTED_EMAIL, "people": {"maximum": 1, "characteristics": ["minors"]}}))
    assert children.score > plain.score


def test_ransomware_restored_from_backup_without_exfiltration_is_not_notified() -> None:
    answers = {"what": {"nature": ["deleted"], "incident_kind": "hacking"},
               "data": {"kinds": ["special"]}, "consequences": {"availability": True, "availability_restored": True},
               "people": {"maximum": 300}}
    assert assess(incident(**answers)).proposal == "none"


def test_ransomware_without_backup_on_health_data_is_high_risk() -> None:
    answers = {"what": {"nature": ["deleted"], "incident_kind": "hacking"},
               "data": {"kinds": ["name_address", "special"]},
               "consequences": {"availability": True, "harms": ["health"]},
               "people": {"maximum": 300}}
    assert assess(incident(**answers)).risk == "high"


def test_risk_removed_by_later_measures_spares_telling_the_people() -> None:
    answers = {**STOLEN_LAPTOP_BSN, "follow_up": {"not_informed_reason": "risk_removed",
                                                  "not_informed_explanation": "Laptop binnen een uur teruggevonden."}}
    result = assess(incident(**answers))
    assert (result.proposal, result.exception) == ("authority", "risk_removed")


def test_risk_removed_without_explanation_is_not_accepted() -> None:
    answers = {**STOLEN_LAPTOP_BSN, "follow_up": {"not_informed_reason": "risk_removed"}}
    assert assess(incident(**answers)).proposal == "authority_and_people"


def test_disproportionate_effort_turns_into_a_public_communication() -> None:
    answers = {**STOLEN_LAPTOP_BSN, "follow_up": {"not_informed_reason": "disproportionate_effort"}}
    result = assess(incident(**answers))
    assert (result.proposal, result.exception) == ("authority_and_public", "disproportionate_effort")


def test_partly_encrypted_high_risk_still_tells_the_people() -> None:
    answers = {**STOLEN_LAPTOP_BSN, "protection": {"unintelligible": "partly", "partly_which": "alleen het HR-dossier"}}
    assert assess(incident(**answers)).proposal == "authority_and_people"


def test_unintelligible_exception_when_high_risk_remains() -> None:
    # Data altered and destroyed by an attacker, special data of children: high even with EI at its lowest.
    answers = {"what": {"nature": ["altered", "deleted"], "incident_kind": "hacking"},
               "data": {"kinds": ["special"]}, "people": {"maximum": 5000, "characteristics": ["minors"]},
               "protection": {"unintelligible": "yes"}, "consequences": {"harms": ["health"]}}
    result = assess(incident(**answers))
    assert (result.risk, result.proposal, result.exception) == ("high", "authority", "unintelligible")


def test_a_processor_always_tells_its_controllers() -> None:
    answers = {**MISDIRECTED_EMAIL, "organisation": {"role": "processor"}}
    result = assess(incident(**answers))
    assert result.proposal == "controllers" and result.risk == "unlikely"


def test_unanswered_incident_is_assessed_cautiously() -> None:
    result = assess(Incident())
    assert result.proposal != "none"
    assert result.factors[0].text("en").startswith("Kind of data not yet known")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_factor_and_proposal_reads_in_both_languages(lang: str) -> None:
    result = assess(incident(**STOLEN_LAPTOP_BSN))
    assert all(factor.text(lang).strip() for factor in result.factors)  # type: ignore[arg-type]
    for table in (PROPOSAL_TEXT, EXCEPTION_TEXT):
        assert all(entry[lang].strip() for entry in table.values())  # type: ignore[index]


def test_stored_assessment_holds_keys_and_numbers_only() -> None:
    stored = assess(incident(**STOLEN_LAPTOP_BSN)).as_dict()
    assert set(stored) == {"score", "risk", "proposal", "exception", "factors"}
    assert all(set(f) == {"key", "value"} for f in stored["factors"])  # type: ignore[attr-defined]
