"""Cookies (NL Telecommunicatiewet 11.7a; BE wet 30 juli 2018 art. 10/2): consent unless necessary."""

from __future__ import annotations

from collections.abc import Iterator

from waarborg.register import Register
from waarborg.register.parties import Cookie

from . import wording
from .rule import Check, Issue, rule

NEEDS_CONSENT = frozenset({"analytics", "advertising", "social_media"})

PURPOSE_NAMES = {
    "analytics": ("analytische cookie", "analytics cookie"),
    "advertising": ("advertentiecookie", "advertising cookie"),
    "social_media": ("social-mediacookie", "social media cookie"),
}


def _exempt(cookie: Cookie, country: str) -> bool:
    """Dutch law exempts analytics with little privacy impact; the AP's conditions define 'little'.

    Belgium exempts only strictly necessary cookies, so analytics there always needs consent.
    """
    settings = cookie.analytics_settings
    return cookie.purpose == "analytics" and country == "NL" and settings is not None and settings.privacy_friendly


@rule(
    id="cookie-consent-missing",
    severity="error",
    article=(
        "Telecommunicatiewet art. 11.7a (NL); wet 30 juli 2018 art. 10/2 "
        "(BE, voorheen/formerly WEC art. 129); Art. 6(1)(a), 7 AVG/GDPR"
    ),
    title_nl="Cookie zonder toestemming",
    title_en="Cookie placed without consent",
    description_nl=(
        "Analytische, advertentie- en social-mediacookies vragen vooraf toestemming. In Nederland is "
        "analytics vrijgesteld als aan de voorwaarden van de AP is voldaan (verwerkersovereenkomst, "
        "IP-adres gemaskeerd, gegevens delen uit, geen andere diensten); in België zijn alleen strikt "
        "noodzakelijke cookies vrijgesteld."
    ),
    description_en=(
        "Analytics, advertising and social-media cookies need prior consent. In the Netherlands analytics "
        "is exempt when the Dutch DPA's conditions are met (processor agreement, IP address masked, data "
        "sharing off, no other services); in Belgium only strictly necessary cookies are exempt."
    ),
)
def cookie_consent_missing(register: Register) -> Iterator[Issue]:
    """Flag: cookies placed without consent that need it in the controller's country."""
    country = register.controller.country
    for i, cookie in enumerate(register.cookies):
        if cookie.purpose not in NEEDS_CONSENT or cookie.consent or _exempt(cookie, country):
            continue
        kind_nl, kind_en = PURPOSE_NAMES[cookie.purpose]
        of_nl, of_en = ("", "")
        if cookie.provider in register.recipients:
            provider_nl, provider_en = wording.recipient(register, cookie.provider)
            of_nl, of_en = f" van {provider_nl}", f" from {provider_en}"
        name_nl, name_en = wording.quoted_both(cookie.name, register)
        yield Issue(
            f"cookies[{i}].consent",
            f"De {kind_nl} {name_nl}{of_nl} wordt zonder toestemming geplaatst.",
            f"The {kind_en} {name_en}{of_en} is placed without consent.",
        )


@rule(
    id="cookie-lifetime-missing",
    severity="warning",
    article="Telecommunicatiewet 11.7a lid 1 (duidelijke en volledige informatie); Art. 13(2)(a) AVG/GDPR",
    title_nl="Bewaarduur van een cookie onbekend",
    title_en="Cookie lifetime unknown",
    description_nl=(
        "Wie cookies plaatst, moet bezoekers duidelijk en volledig informeren, ook over hoe lang een cookie "
        "blijft staan. Leg per cookie `lifetime` vast ('session' of een periode zoals '2 years')."
    ),
    description_en=(
        "Placing cookies requires clear and complete information, including how long a cookie stays. "
        "Record `lifetime` per cookie ('session' or a period such as '2 years')."
    ),
)
def cookie_lifetime_missing(register: Register) -> Iterator[Issue]:
    """Flag: cookies whose lifetime the register does not record."""
    for i, cookie in enumerate(register.cookies):
        if cookie.lifetime is None:
            name_nl, name_en = wording.quoted_both(cookie.name, register)
            yield Issue(
                f"cookies[{i}].lifetime",
                f"Van de cookie {name_nl} is niet vastgelegd hoe lang hij blijft staan.",
                f"The register does not record how long the cookie {name_en} stays.",
            )


CHECKS: tuple[Check, ...] = (cookie_consent_missing, cookie_lifetime_missing)
