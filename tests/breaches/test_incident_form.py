"""The incident holds every question of the AP's form, in its order, in Dutch and English."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from waarborg.breaches import options as O
from waarborg.breaches.belgium import CompetenceUnknown, competent_authority, gba_form, unmapped_fields
from waarborg.breaches.incident import Incident, merge, missing
from waarborg.breaches.questions import FORM, answered_form, value_at


def test_form_sections_run_zero_to_nine_in_order() -> None:
    assert [section.number for section in FORM] == list(range(10))


def test_every_incident_field_is_asked_exactly_once() -> None:
    asked = [question.path for section in FORM for question in section.questions]
    fields = [f"{name}.{field}" for name, part in Incident.model_fields.items()
              for field in part.annotation.model_fields]  # type: ignore[union-attr]
    internal = {"organisation.flemish_public_authority", "consequences.availability_restored", "data.categories"}
    assert sorted(asked) == sorted(set(fields) - internal)
    assert len(asked) == len(set(asked))


def test_every_question_and_option_reads_in_dutch_and_english() -> None:
    for section in FORM:
        assert section.nl.strip() and section.en.strip() and section.nl != section.en
        for question in section.questions:
            assert question.nl.strip() and question.en.strip()
    for table in O.OPTION_LISTS.values():
        for label in table.values():
            assert label["nl"].strip() and label["en"].strip()


@pytest.mark.parametrize("kind", ["bsn", "id_copy", "financial", "special", "criminal"])
def test_data_kinds_include_the_sensitive_ones(kind: str) -> None:
    assert kind in O.DATA_KIND


def test_infogroen_nature_options_are_all_there() -> None:
    assert list(O.NATURE) == ["read", "copied", "altered", "deleted", "stolen", "unknown"]


def test_naive_moment_is_dutch_local_time_across_seasons() -> None:
    summer = Incident.model_validate({"timing": {"discovered_at": "2026-07-01T12:00"}})
    winter = Incident.model_validate({"timing": {"discovered_at": "2026-12-01T12:00"}})
    assert summer.timing.discovered_at == datetime(2026, 7, 1, 10, 0, tzinfo=UTC)
    assert winter.timing.discovered_at == datetime(2026, 12, 1, 11, 0, tzinfo=UTC)


def test_unknown_field_is_refused_naming_it() -> None:
    with pytest.raises(ValidationError, match="discoverd_at"):
        Incident.model_validate({"timing": {"discoverd_at": "2026-07-01T12:00"}})


def test_minimum_above_maximum_is_refused() -> None:
    with pytest.raises(ValidationError, match="minimum 50 is larger than maximum 10"):
        Incident.model_validate({"people": {"minimum": 50, "maximum": 10}})


def test_between_dates_needs_both_dates() -> None:
    with pytest.raises(ValidationError, match="needs started_at and ended_at"):
        Incident.model_validate({"timing": {"period": "between_dates", "started_at": "2026-07-01T12:00"}})


def test_missing_lists_what_article_33_3_needs() -> None:
    incident = Incident()
    assert "what.summary" in missing(incident) and "organisation.contact" in missing(incident)
    filled = merge(incident, {"what": {"summary": "Laptop gestolen"}})
    assert "what.summary" not in missing(filled)


def test_merge_refuses_an_unknown_section() -> None:
    with pytest.raises(ValueError, match="unknown section 'peoples'"):
        merge(Incident(), {"peoples": {"maximum": 3}})


def test_answered_form_shows_labels_in_the_chosen_language() -> None:
    incident = Incident.model_validate({"what": {"nature": ["read", "stolen"]}, "data": {"records": 12500}})
    nl = {row["field"]: row["answer"] for s in answered_form(incident, "nl") for row in s["questions"]}
    en = {row["field"]: row["answer"] for s in answered_form(incident, "en") for row in s["questions"]}
    assert nl["what.nature"] == ["Gelezen door personen die hiertoe geen recht hadden", "Gestolen"]
    assert en["what.nature"] == ["Read by people not entitled to", "Stolen"]
    assert nl["data.records"] == "12.500" and en["data.records"] == "12,500"
    assert nl["what.summary"] is None


def test_value_at_reads_a_path() -> None:
    assert value_at(Incident.model_validate({"people": {"maximum": 7}}), "people.maximum") == 7


def test_belgian_controller_goes_to_gba_or_flemish_commission() -> None:
    assert competent_authority("BE", False) == "GBA"
    assert competent_authority("BE", True) == "VTC"
    assert competent_authority("NL", None) == "AP"
    with pytest.raises(CompetenceUnknown, match="flemish_public_authority"):
        competent_authority("BE", None)


def test_gba_mapping_carries_every_question_and_is_marked_verify() -> None:
    assert unmapped_fields() == []
    headings = gba_form(Incident.model_validate({"data": {"records": 3}}), "nl")
    assert all(heading["verify"] for heading in headings)
    records = [row for h in headings for row in h["questions"] if row["field"] == "data.records"]
    assert records[0]["answer"] == "3"
