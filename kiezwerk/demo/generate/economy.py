"""Business lines of the enterprises and their months: one `MonthFigures` row per line and
month, and one `Revenue` row per source (public contracts once per public client).

Enterprises add lines as they grow (growers more and sooner), revenue rises with a line's
age and follows the season (summer or December trade), grants help the first two years,
and some enterprises live mostly from one district office. The number of lines is scaled
so that the rows come near the requested number; donations in some months make it exact.
"""

import random
from dataclasses import dataclass

LAST_MONTH = 2024 * 12 + 11  # December 2024 as a month index (year * 12 + month - 1)
GRANT_MONTHS = 24
DONATION_SHARE = 0.35  # of line-months aimed at; the rest of the knob's room is slack
SUMMER = (80, 80, 90, 100, 110, 125, 130, 125, 110, 100, 90, 100)
DECEMBER = (85, 80, 90, 95, 100, 100, 90, 90, 100, 105, 120, 160)
LINE_NAMES = (  # (name, index of the need category in agency.CATEGORIES)
    ("Stadtteilladen", 0),
    ("Kinderbetreuung", 1),
    ("Seniorenbegleitung", 2),
    ("Reparaturdienst", 3),
    ("Nachhilfe und Kurse", 4),
    ("Veranstaltungen", 5),
    ("Mittagstisch", 6),
    ("Catering", 6),
    ("Fahrradverleih", 7),
    ("Gartenpflege", 8),
    ("Hausmeisterdienste", 9),
    ("Umzugshilfe", 9),
)


@dataclass(slots=True)
class Line:
    name: str
    category: int
    start: int  # first month index with figures
    clients: tuple[int, ...]
    market: int  # cents in an average month
    public: int  # cents per client and month
    grants: int
    season: tuple[int, ...]
    reciprocal: bool
    pk: int = 0

    @property
    def months(self) -> int:
        return LAST_MONTH - self.start + 1


def plan(rng: random.Random, cases: list, clients: list[int], target: int) -> int:
    """Give the enterprises among `cases` their lines (`case.lines`) so that their revenue
    rows come near `target`; returns the number of donation rows that makes it exact."""
    firms = [case for case in cases if case.founded_on]
    if not firms:
        return 0
    traits = [_traits(rng, firm) for firm in firms]
    low, high = 0.05, 64.0
    for _ in range(40):
        middle = (low + high) / 2
        fixed, months = _expected(traits, middle)
        low, high = (middle, high) if fixed + DONATION_SHARE * months < target else (low, middle)
    for firm, trait in zip(firms, traits, strict=True):
        firm.lines = _lines(rng, firm, trait, high, clients)
    fixed = sum(_fixed_rows(line) for firm in firms for line in firm.lines)
    months = sum(line.months for firm in firms for line in firm.lines)
    return min(max(target - fixed, 0), months)


def _traits(rng: random.Random, firm) -> tuple[int, int, int, bool]:
    """(first month, base number of lines, months between new lines, depends on one client)."""
    first = firm.founded_on.year * 12 + firm.founded_on.month  # the month after founding
    lines = rng.randint(3, 5) if firm.grows else rng.choice((1, 1, 2))
    gap = rng.randint(8, 20) if firm.grows else rng.randint(18, 40)
    return first, lines, gap, rng.random() < 0.15


def _starts(trait: tuple, scale: float) -> list[int]:
    first, lines, gap, _ = trait
    count = max(1, round(lines * scale))
    step = gap / max(1.0, scale) ** 0.5
    return [start for n in range(count) if (start := first + round(n * step)) <= LAST_MONTH]


def _expected(traits: list, scale: float) -> tuple[float, int]:
    fixed, months = 0.0, 0
    for trait in traits:
        clients = 1.0 if trait[3] else 0.7
        for start in _starts(trait, scale):
            length = LAST_MONTH - start + 1
            fixed += length * (1 + clients) + min(length, GRANT_MONTHS)
            months += length
    return fixed, months


def _fixed_rows(line: Line) -> int:
    return line.months * (1 + len(line.clients)) + min(line.months, GRANT_MONTHS)


def _lines(rng: random.Random, firm, trait: tuple, scale: float, clients: list[int]) -> list:
    dependent, names, lines = trait[3], set(), []
    main = rng.choice(clients)
    for n, start in enumerate(_starts(trait, scale)):
        name, category = _line_name(rng, firm, n)
        while name in names:
            name = f"{name} {len(names) + 1}"
        names.add(name)
        if dependent:
            chosen: tuple[int, ...] = (main,)
        else:
            chosen = tuple(rng.sample(clients, rng.choices((0, 1, 2), (45, 40, 15))[0]))
        lines.append(
            Line(
                name=name,
                category=category,
                start=start,
                clients=chosen,
                market=rng.randint(400, 6_000) * 100,
                public=rng.randint(800, 5_000) * 100,
                grants=rng.randint(300, 2_000) * 100,
                season=rng.choice((SUMMER, DECEMBER)),
                reciprocal=rng.random() < 0.3,
            )
        )
    firm.dependent = dependent
    return lines


def _line_name(rng: random.Random, firm, number: int) -> tuple[str, int]:
    if number == 0:
        matching = [item for item in LINE_NAMES if item[1] == firm.category]
        return rng.choice(matching or LINE_NAMES)
    return rng.choice(LINE_NAMES)


def write_lines(found, cases: list, pools) -> int:
    """Bulk-create the business lines and their public clients; sets each line's pk."""
    from kiezwerk.economy.models import BusinessLine, LineClient

    lines = [(case, line) for case in cases for line in case.lines]
    created = BusinessLine.objects.bulk_create(
        (
            BusinessLine(
                agency=found.agency,
                initiative_id=case.pk,
                name=line.name,
                service_id=pools.categories[line.category],
            )
            for case, line in lines
        ),
        batch_size=2_000,
    )
    for (_, line), made in zip(lines, created, strict=True):
        line.pk = made.pk
    LineClient.objects.bulk_create(
        (
            LineClient(agency=found.agency, line_id=line.pk, partner_id=client)
            for _, line in lines
            for client in line.clients
        ),
        batch_size=2_000,
    )
    return len(lines)


MONTH_FIELDS = ("agency", "initiative", "neighbourhood", "year", "month", "line", "costs")
MONTH_FIELDS += ("volunteer_hours", "volunteers", "reciprocal", "hour_rate", "rate_method")
MONTH_FIELDS += ("version", "created_at", "updated_at")
REVENUE_FIELDS = ("agency", "initiative", "neighbourhood", "year", "month", "line", "source")
REVENUE_FIELDS += ("client", "amount")
