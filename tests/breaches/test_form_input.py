"""One section of the form at a time: inputs with the current answers, submitted values back."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from breach_scenario import STOLEN_LAPTOP

from waarborg.breaches.form_input import FormInputError, section_changes, section_fields
from waarborg.breaches.incident import Incident, merge
from waarborg.breaches.questions import FORM


@pytest.mark.parametrize("key", [section.key for section in FORM])
def test_every_section_round_trips_through_its_inputs(key: str) -> None:
    incident = Incident.model_validate(STOLEN_LAPTOP)
    submitted: dict[str, list[str]] = {}
    for field in section_fields(incident, key, "nl"):
        value = field["value"]
        if field["shape"] == "person":
            for part, text in value.items():
                submitted[f"{field['name']}.{part}"] = [text]
        elif field["shape"] == "choices":
            submitted[field["name"]] = list(value)
        elif field["shape"] == "flag":
            submitted[field["name"]] = ["on"] if value else []
        else:
            submitted[field["name"]] = [str(value)]
    assert merge(incident, section_changes(key, submitted)) == incident


def test_local_time_entered_becomes_utc() -> None:
    changes = section_changes("timing", {"discovered_at": ["2026-10-24T10:00"], "period": ["unknown"]})
    incident = merge(Incident(), changes)
    assert incident.timing.discovered_at == datetime(2026, 10, 24, 8, 0, tzinfo=UTC)


def test_fields_carry_labels_and_options_in_the_language() -> None:
    fields = {f["name"]: f for f in section_fields(Incident(), "what", "en")}
    assert fields["nature"]["label"] == "What is the nature of the breach?"
    assert ("stolen", "Stolen") in fields["nature"]["options"]


def test_bad_values_name_the_question() -> None:
    with pytest.raises(FormInputError, match=r"people\.maximum: 'veel' is not a whole number"):
        section_changes("people", {"maximum": ["veel"]})
    with pytest.raises(FormInputError, match="role 'bakker'"):
        section_changes("organisation", {"parties": ["Bakker BV; bakker; NL"]})
    with pytest.raises(FormInputError, match="unknown section"):
        section_changes("nope", {})


def test_parties_are_entered_one_per_line() -> None:
    changes = section_changes("organisation", {"parties": ["Hosting BV; processor; nl\nAnder BV"]})
    assert changes["organisation"]["parties"] == [{"name": "Hosting BV", "role": "processor", "country": "NL"},
                                                  {"name": "Ander BV", "role": "processor", "country": "NL"}]
