"""Synthetic people and everything the demo association records about them, one chunk at a time.

A chunk is a run of consecutive person ids generated with its own random number generator
(seeded from the build seed and the chunk number), so a build is reproducible whatever the chunk
order, and memory stays flat however many people are asked for. Child rows get ids derived from
the person id (``person_id * 32 + k``), so chunks never need to know about each other.

Moments spread over the ten years before `as_of`: some memberships ended long ago, some
proctoring videos are older than six months, some subscribers left, invoices have every age —
so a retention sweep has real work.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache

from .identifiers import make_bsn, make_iban, make_phone
from .pools import Pools

DAY = 86_400
SPAN = 3_652 * DAY  # ten years
_EPOCH = datetime(1970, 1, 1)
_LETTERS = "ABCDEGHJKLMNPRSTVWXZ"
_PRIVATE_DOMAINS = ("example.com", "example.net", "example.org", "post.example", "mail.example")
_JOBS = (
    "Teamleider klantenservice",
    "Klantcontactmedewerker",
    "Manager klantcontact",
    "Directeur",
    "Kwaliteitscoach",
    "Workforce planner",
    "Officemanager",
    "Trainer",
    "Adviseur",
    "Hoofd operations",
)
_SIZES = ("1-10", "11-50", "51-250", "250+")
_EXAMS = (("KCM-1", 19_500), ("KCM-2", 24_500), ("TL-KC", 29_500), ("KWA", 17_500))
_EVENTS = (
    ("Jaarcongres Klantcontact", 34_500),
    ("Ledenbijeenkomst", 0),
    ("Kennissessie Klachtenbeheer", 9_500),
    ("Masterclass Chatservice", 19_500),
    ("Netwerkborrel", 0),
    ("Regiobijeenkomst", 0),
)
_DIETS = ("vegetarisch", "veganistisch", "glutenvrij", "lactosevrij", "halal")
_INTERESTS = ("wetgeving", "opleidingen", "evenementen", "onderzoek", "wetgeving,opleidingen", "alles")
_REQUEST_NOTES = {
    "access": "Verzoek om inzage afgehandeld; overzicht per e-mail verstuurd.",
    "rectify": "Verzoek om correctie van adresgegevens uitgevoerd.",
    "object": "Bezwaar tegen nieuwsbrief en uitnodigingen verwerkt; adres op de afmeldlijst gezet.",
}


_MINUTES = tuple(f" {m // 60:02d}:{m % 60:02d}:00" for m in range(1_440))


def timestamp(seconds: int) -> str:
    """Seconds since 1970 as 'YYYY-MM-DD HH:MM:00' (the form SQLite and PostgreSQL both read)."""
    days, rest = divmod(seconds, DAY)
    return _day(days) + _MINUTES[rest // 60]


def day_text(seconds: int) -> str:
    """Seconds since 1970 as 'YYYY-MM-DD'."""
    return _day(seconds // DAY)


@lru_cache(maxsize=32_768)
def _day(days: int) -> str:
    # Formatting a datetime costs microseconds; ten million rows share a few thousand days.
    return str(_EPOCH.date() + timedelta(days=days))


@dataclass
class Person:
    """What the generator knows about one synthetic person while it writes their rows."""

    pid: int
    first: str
    last: str
    gender: str
    company: str
    email: str
    street: str
    postcode: str
    city: str
    created: int
    last_contact: int
    iban: str | None = None
    invoices: list[tuple[int, str, int]] = field(default_factory=list)  # (moment, description, cents)


class DemoRandom(random.Random):
    """random.Random with cheap integer draws: randrange costs ten times more than random()."""

    def below(self, n: int) -> int:
        """An integer in [0, n)."""
        return int(self.random() * n)

    def between(self, low: int, high: int) -> int:
        """An integer in [low, high]."""
        return low + int(self.random() * (high - low + 1))


class ChunkBuilder:
    """Builds the rows of one chunk of persons: ``rows[table]`` lists tuples in schema column order."""

    def __init__(self, pools: Pools, seed: int, chunk: int, as_of: date):
        self.pools = pools
        self.rng = DemoRandom(f"waarborg-demo:{seed}:{chunk}")
        self.now = int((datetime(as_of.year, as_of.month, as_of.day) - _EPOCH).total_seconds())
        self.rows: dict[str, list[tuple[object, ...]]] = {
            name: []
            for name in (
                "persons",
                "memberships",
                "exam_candidates",
                "proctoring_recordings",
                "event_registrations",
                "invoices",
                "request_log",
                "subscribers",
            )
        }

    def add_person(self, pid: int) -> None:
        """All rows of one person: the person, then membership, exams, events, invoices, newsletter."""
        person = self._person(pid)
        rng = self.rng
        if rng.random() < 0.42:
            self._membership(person)
        if rng.random() < 0.5:
            self._exams(person)
        self._events(person)
        self._invoices(person)
        self._persons_row(person)
        if rng.random() < 0.55:
            self._subscriber(person.pid * 2, person.email, person.first, person.created)
        if rng.random() < 0.08:  # people who only read the newsletter and are not in the CRM
            first = self._first_name()[0]
            self._subscriber(pid * 2 + 1, f"{self.pools.slugs[first]}{pid}@lezer.example", first, person.created)
        if rng.random() < 0.004:
            self._request(person)

    def _first_name(self) -> tuple[str, str]:
        rng = self.rng
        if rng.random() < 0.5:
            return self.pools.female[rng.below(len(self.pools.female))], "V"
        return self.pools.male[rng.below(len(self.pools.male))], ("M" if rng.random() < 0.99 else "X")

    def _person(self, pid: int) -> Person:
        rng, pools = self.rng, self.pools
        first, gender = self._first_name()
        last = pools.last[rng.below(len(pools.last))]
        company = pools.companies[rng.below(len(pools.companies))]
        digits, city = pools.towns[rng.below(len(pools.towns))]
        postcode = f"{digits} {_LETTERS[rng.below(20)]}{_LETTERS[rng.below(20)]}"
        street = f"{pools.streets[rng.below(len(pools.streets))]} {rng.between(1, 250)}"
        created = self.now - rng.below(SPAN)
        email = self._email(pid, first, last, company)
        return Person(pid, first, last, gender, company, email, street, postcode, city, created, created)

    def _email(self, pid: int, first: str, last: str, company: str) -> str:
        # The person id makes every address unique without a lookup.
        rng, slugs = self.rng, self.pools.slugs
        local = (f"{slugs[first]}.{slugs[last]}{pid}", f"{slugs[first][0]}{slugs[last]}{pid}", f"{slugs[last]}.{pid}")[
            rng.below(3)
        ]
        if rng.random() < 0.45:
            return f"{local}@{slugs[company]}.example"
        return f"{local}@{_PRIVATE_DOMAINS[rng.below(len(_PRIVATE_DOMAINS))]}"

    def _persons_row(self, p: Person) -> None:
        self.rows["persons"].append(
            (
                p.pid,
                p.first,
                p.last,
                p.gender,
                p.email,
                make_phone(self.rng),
                p.street,
                p.postcode,
                p.city,
                p.company,
                _JOBS[self.rng.below(len(_JOBS))],
                timestamp(p.created),
                timestamp(p.last_contact),
            )
        )

    def _membership(self, p: Person) -> None:
        rng = self.rng
        start = min(p.created + rng.below(60 * DAY), self.now - DAY)
        end = start + rng.between(180 * DAY, max(180 * DAY, self.now - start - 1)) if rng.random() < 0.45 else None
        if end is not None and end >= self.now:
            end = None
        p.iban = make_iban(rng)
        fee = (9_500, 29_500, 59_500, 99_500)[rng.below(4)]
        self.rows["memberships"].append(
            (
                p.pid * 2,
                p.pid,
                f"L{p.pid:07d}",
                p.iban,
                _SIZES[rng.below(4)],
                fee,
                timestamp(start),
                None if end is None else timestamp(end),
            )
        )
        moment = start  # one contribution invoice per year of membership, the first on joining
        while moment <= (end or self.now) and len(p.invoices) < 11:
            p.invoices.append((moment, "Contributie", fee))
            year = (_EPOCH + timedelta(seconds=moment)).year + 1
            moment = int((datetime(year, 1, 15) - _EPOCH).total_seconds())
        p.last_contact = max(p.last_contact, end or p.invoices[-1][0])

    def _exams(self, p: Person) -> None:
        rng = self.rng
        birth = day_text(int((datetime(1955, 1, 1) - _EPOCH).total_seconds()) + rng.below(50 * 365) * DAY)
        for k in range(rng.between(1, 3)):
            exam_id, (code, fee) = p.pid * 4 + k, _EXAMS[rng.below(len(_EXAMS))]
            moment = p.created + rng.below(max(DAY, self.now - p.created))
            passed = rng.random() < 0.8
            self.rows["exam_candidates"].append(
                (
                    exam_id,
                    p.pid,
                    code,
                    timestamp(moment),
                    birth,
                    "geslaagd" if passed else "niet geslaagd",
                    f"KCN-{exam_id}" if passed else None,
                )
            )
            if rng.random() < 0.75:  # taken online, under proctoring
                self.rows["proctoring_recordings"].append(
                    (
                        exam_id,
                        exam_id,
                        p.email,
                        timestamp(moment),
                        f"https://proctoring.example/opnames/{exam_id:x}.webm",
                        rng.between(1_800, 7_200),
                    )
                )
            if rng.random() < 0.8:
                p.invoices.append((moment - 21 * DAY, f"Examengeld {code}", fee))
            p.last_contact = max(p.last_contact, moment)

    def _events(self, p: Person) -> None:
        rng = self.rng
        for k in range((0, 1, 1, 2, 2, 3, 4, 6)[rng.below(8)]):
            name, fee = _EVENTS[rng.below(len(_EVENTS))]
            moment = p.created + rng.below(max(DAY, self.now - p.created + 90 * DAY))
            held, when = moment <= self.now, timestamp(moment)
            self.rows["event_registrations"].append(
                (
                    p.pid * 8 + k,
                    p.pid,
                    f"{name} {when[:4]}",
                    when,
                    _DIETS[rng.below(len(_DIETS))] if rng.random() < 0.1 else None,
                    int(rng.random() < 0.6),
                    (int(rng.random() < 0.9) if held else None),
                )
            )
            if fee and moment - 14 * DAY <= self.now:
                p.invoices.append((moment - 14 * DAY, name, fee))
            if held:
                p.last_contact = max(p.last_contact, moment)

    def _invoices(self, p: Person) -> None:
        address = f"{p.street}, {p.postcode} {p.city}"
        iban = p.iban or (make_iban(self.rng) if p.invoices else None)
        for k, (moment, description, cents) in enumerate(p.invoices[:32]):
            invoice_id = p.pid * 32 + k
            self.rows["invoices"].append(
                (
                    invoice_id,
                    p.pid,
                    f"F{invoice_id:09d}",
                    timestamp(moment),
                    description,
                    cents,
                    f"{p.first} {p.last}",
                    address,
                    iban,
                )
            )

    def _subscriber(self, sid: int, email: str, first: str, created: int) -> None:
        rng = self.rng
        since = created + rng.below(max(DAY, self.now - created))
        left = since + rng.below(max(DAY, self.now - since)) if rng.random() < 0.3 else None
        self.rows["subscribers"].append(
            (
                sid,
                email,
                first,
                _INTERESTS[rng.below(len(_INTERESTS))],
                timestamp(since),
                None if left is None else timestamp(left),
            )
        )

    def _request(self, p: Person) -> None:
        rng = self.rng
        kind = ("access", "rectify", "object")[rng.below(3)]
        received = self.now - rng.below(3 * 365 * DAY)
        closed = received + rng.between(1, 25) * DAY if rng.random() < 0.85 else None
        self.rows["request_log"].append(
            (
                p.pid,
                p.pid,
                kind,
                timestamp(received),
                None if closed is None or closed > self.now else timestamp(closed),
                p.first,
                p.last,
                _REQUEST_NOTES[kind],
            )
        )


def employee_rows(pools: Pools, seed: int, count: int, as_of: date) -> list[tuple[object, ...]]:
    """The association's own staff (HR records with BSN and salary)."""
    rng = DemoRandom(f"waarborg-demo:{seed}:staff")
    now = int((datetime(as_of.year, as_of.month, as_of.day) - _EPOCH).total_seconds())
    rows: list[tuple[object, ...]] = []
    for eid in range(1, count + 1):
        names = (pools.female, pools.male)[rng.below(2)]
        first = names[rng.below(len(names))]
        last = pools.last[rng.below(len(pools.last))]
        start = now - rng.below(SPAN)
        end = start + rng.below(max(DAY, now - start)) if rng.random() < 0.4 else None
        birth = day_text(int((datetime(1960, 1, 1) - _EPOCH).total_seconds()) + rng.below(40 * 365) * DAY)
        email = f"{pools.slugs[first]}.{pools.slugs[last]}{eid}@klantcontact-demo.example"
        rows.append(
            (
                eid,
                first,
                last,
                email,
                make_phone(rng),
                birth,
                make_bsn(rng),
                make_iban(rng),
                500 * rng.between(560, 1_299),
                timestamp(start),
                None if end is None else timestamp(end),
            )
        )
    return rows
