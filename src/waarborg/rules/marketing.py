"""Direct marketing by e-mail and text message (NL Telecommunicatiewet 11.7; BE WER art. XII.13)."""

from __future__ import annotations

from collections.abc import Iterator

from waarborg.register import Register

from . import wording
from .rule import Check, Issue, rule

ELECTRONIC_CHANNELS = frozenset({"email", "sms"})


@rule(
    id="marketing-email-opt-in",
    severity="error",
    article="Telecommunicatiewet art. 11.7 (NL); WER art. XII.13 (BE); Art. 21(2)-(3) AVG/GDPR",
    title_nl="Elektronische marketing zonder opt-in",
    title_en="Electronic marketing without opt-in",
    description_nl=(
        "Reclame per e-mail of sms mag alleen met voorafgaande toestemming, of aan bestaande klanten over "
        "eigen, vergelijkbare producten als zij zich in elk bericht kunnen afmelden."
    ),
    description_en=(
        "Marketing by e-mail or text message needs prior consent, or, for existing customers and similar "
        "own products, an easy opt-out in every message."
    ),
)
def marketing_email_opt_in(register: Register) -> Iterator[Issue]:
    """Flag: e-mail or text marketing without opt-in, or to customers without an opt-out in every message."""
    for key, activity in register.activities.items():
        marketing = activity.direct_marketing
        if marketing is None or marketing.channel not in ELECTRONIC_CHANNELS:
            continue
        channel = "e-mail" if marketing.channel == "email" else "sms"
        nl, en = wording.activity(register, key)
        if marketing.basis == "none":
            yield Issue(
                f"activities.{key}.direct_marketing",
                f"De verwerking {nl} stuurt reclame per {channel} zonder voorafgaande toestemming (opt-in).",
                f"The activity {en} sends marketing by {channel} without prior consent (opt-in).",
            )
        elif marketing.basis == "existing_customer" and not marketing.opt_out_in_every_message:
            yield Issue(
                f"activities.{key}.direct_marketing",
                f"De verwerking {nl} mailt bestaande klanten, maar niet elk bericht biedt een afmeldmogelijkheid.",
                f"The activity {en} mails existing customers, but not every message offers a way to opt out.",
            )


CHECKS: tuple[Check, ...] = (marketing_email_opt_in,)
