"""A realistic breach for the tests: a support laptop with the HR export of a customer is stolen."""

from __future__ import annotations

from typing import Any

KEY = b"k" * 64

STOLEN_LAPTOP: dict[str, Any] = {
    "organisation": {
        "organisation": "Infogroen Software B.V.",
        "address": "Voorbeeldweg 1, 1234 AB Voorbeeld",
        "reporter": {"name": "Ria de Vries", "function": "Privacy officer", "email": "privacy@infogroen.example"},
        "contact": {"name": "Ria de Vries", "function": "Privacy officer", "phone": "+31 30 123 4567",
                    "email": "privacy@infogroen.example"},
        "parties": [{"name": "Leverancier servicedesk", "role": "processor", "country": "NL"}],
    },
    "timing": {"period": "on_date", "started_at": "2026-10-23T18:30", "discovered_at": "2026-10-24T10:00",
               "how_discovered": "De medewerker meldde de diefstal de volgende ochtend.", "ongoing": "no"},
    "what": {"summary": "Uit de auto van een supportmedewerker is een laptop gestolen met een export van het "
                        "HRM-dossier van een klant.",
             "nature": ["stolen"], "incident_kind": "device_lost"},
    "data": {"kinds": ["name_address", "bsn", "financial", "id_copy"], "records": 1450},
    "people": {"groups": ["employee"], "minimum": 180, "maximum": 210},
    "protection": {"unintelligible": "no"},
    "consequences": {"confidentiality": True, "harms": ["identity_fraud", "spam_phishing"]},
    "follow_up": {"measures": "Aangifte gedaan, laptop op afstand gewist, schijfversleuteling verplicht gesteld."},
}
