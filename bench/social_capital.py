"""Social capital of a large neighbourhood: 2,000 actors and 20,000 ties within 2 seconds.

    python bench/social_capital.py           # the computation alone, then the database path
    python bench/social_capital.py --no-db   # the computation alone

1. The computation alone: a synthetic graph of 2,000 actors (initiatives and partners of
   every kind, a tenth of them from other neighbourhoods) and 20,000 ties with skewed degrees
   (a few hubs, many actors with few ties) goes straight into `social_capital.figures`, the
   function the database loader feeds. Best and worst of three runs.
2. The database path: agency "sozialkapital" in the benchmark database (bench.settings) gets,
   once, a neighbourhood whose 2004 holds forums with registered attendees, referrals with
   deliveries and local partnerships that make about 2,000 actors and 20,000 ties. Its snapshot
   is computed cold (fingerprints, the six loading queries, the figures, storing it) and then
   read warm, as the overview page does.

Prints each time and its ratio to the 2 s budget; the exit status is 1 when a cold
computation exceeds the budget. Timings belong here, not in the tests.
"""

import argparse
import datetime as dt
import os
import random
import sys
import time
from collections import Counter
from itertools import accumulate
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET = 2.0
ACTORS = 2_000
TIES = 20_000
RUNS = 3
AGENCY = "sozialkapital"
HOOD = "grosser-kiez"
YEAR = 2004
SEED = 2002


def main() -> int:
    options = _arguments()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    print(f"\nSocial capital: budget {BUDGET:g} s for {ACTORS:,} actors and {TIES:,} ties")
    print(f"{'what':<44} {'actors':>7} {'ties':>7} {'seconds':>8} {'ratio':>6}  verdict")
    failed = _computation_alone()
    if not options.no_db:
        failed |= _database_path()
    return 1 if failed else 0


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-db", action="store_true", help="skip the database path")
    return parser.parse_args()


def _line(what: str, figures: dict, seconds: float, judged: bool = True) -> bool:
    ratio = seconds / BUDGET
    verdict = ("PASS" if ratio < 1 else "FAIL") if judged else ""
    print(
        f"{what:<44} {figures['actors']:>7,} {figures['ties']:>7,} {seconds:8.3f} {ratio:6.2f}"
        f"  {verdict}",
        flush=True,
    )
    return judged and ratio >= 1


# ------------------------------------------------------------------------------------------
# 1. The computation alone


def synthetic(actors: int = ACTORS, ties: int = TIES, seed: int = SEED):
    """(ties, actors) as `figures` takes them: skewed degrees, groups of every kind."""
    from kiezwerk.network.enums import PartnerKind
    from kiezwerk.reporting.social_capital import INITIATIVE, Actor

    rng = random.Random(seed)
    keys = [f"a{number:04}" for number in range(actors)]
    groups = [INITIATIVE] * 6 + list(PartnerKind.values)
    nodes = {key: Actor(rng.choice(groups), rng.random() < 0.1) for key in keys}
    popularity = [1 / (rank + 1) ** 0.8 for rank in range(actors)]
    rng.shuffle(popularity)
    cumulative = list(accumulate(popularity))
    edges = Counter()
    while len(edges) < ties:
        ones = rng.choices(keys, cum_weights=cumulative, k=ties)
        for one in ones:
            other = rng.choice(keys)
            if one != other and len(edges) < ties:
                edges[min(one, other), max(one, other)] += rng.choice((1, 1, 1, 2, 3))
    return edges, nodes


def _computation_alone() -> bool:
    from kiezwerk.reporting.social_capital import figures

    ties, actors = synthetic()
    seconds = []
    for _run in range(RUNS):
        started = time.perf_counter()
        result = figures(ties, actors)
        seconds.append(time.perf_counter() - started)
    failed = _line(f"figures(), best of {RUNS}", result, min(seconds))
    failed |= _line(f"figures(), worst of {RUNS}", result, max(seconds))
    return failed


# ------------------------------------------------------------------------------------------
# 2. The database path


def _database_path() -> bool:
    from django.core.management import call_command

    from kiezwerk.reporting import social_capital
    from kiezwerk.reporting.models import SocialCapitalSnapshot

    call_command("migrate", verbosity=0, interactive=False)
    hood = _seeded_neighbourhood()
    SocialCapitalSnapshot.objects.filter(neighbourhood=hood).delete()  # a cache: start cold
    started = time.perf_counter()
    (snapshot,) = social_capital.snapshots(hood, [YEAR])
    cold = time.perf_counter() - started
    started = time.perf_counter()
    social_capital.snapshots(hood, [YEAR])
    warm = time.perf_counter() - started
    failed = _line("database, cold (load, compute, store)", snapshot.figures, cold)
    _line("database, warm (fingerprint, read)", snapshot.figures, warm, judged=False)
    return failed


def _seeded_neighbourhood():
    from django.db import transaction

    from bench.run import _analyze
    from kiezwerk.agencies.models import Agency, District, Neighbourhood

    agency, _ = Agency.objects.get_or_create(
        slug=AGENCY, defaults={"name": "Benchmark Sozialkapital", "short_name": "Sozialkapital"}
    )
    district, _ = District.objects.get_or_create(name="Friedrichshain-Kreuzberg")
    hood, created = Neighbourhood.objects.get_or_create(
        agency=agency, slug=HOOD, defaults={"name": "Großer Kiez", "district": district}
    )
    if created:
        print("Seeding the neighbourhood (once) …", flush=True)
        with transaction.atomic():
            _seed(agency, district, hood)
    _analyze()  # fresh planner statistics, as autovacuum keeps them (see bench/run.py)
    return hood


def _seed(agency, district, hood) -> None:
    """1,400 initiatives (100 of them from a neighbouring area) and 600 partners; in 2004 300
    forums of 8 registered organisations, 11,000 referrals (half with a delivery) and 150
    partnerships of four parties. Popular partners are referred to and attend more often."""
    from kiezwerk.agencies.models import Neighbourhood
    from kiezwerk.initiatives.models import Initiative
    from kiezwerk.network.enums import PartnerKind
    from kiezwerk.network.models import Partner, PartnerNeighbourhood

    rng = random.Random(SEED)
    neighbour = Neighbourhood.objects.create(
        agency=agency, district=district, name="Nachbarkiez", slug="nachbarkiez"
    )
    initiatives = Initiative.objects.bulk_create(
        Initiative(agency=agency, neighbourhood=neighbour if n < 100 else hood, name=f"Init {n}")
        for n in range(1400)
    )
    partners = Partner.objects.bulk_create(
        Partner(agency=agency, name=f"Partner {n}", kind=rng.choice(PartnerKind.values))
        for n in range(600)
    )
    PartnerNeighbourhood.objects.bulk_create(
        PartnerNeighbourhood(
            agency=agency, partner=partner, neighbourhood=neighbour if n % 12 == 0 else hood
        )
        for n, partner in enumerate(partners)
    )
    popular = list(accumulate(1 / (rank + 1) ** 0.6 for rank in range(len(partners))))
    _seed_forums(rng, agency, hood, initiatives, partners, popular)
    _seed_referrals(rng, agency, hood, initiatives, partners, popular)
    _seed_partnerships(rng, agency, hood, initiatives, partners)


def _seed_forums(rng, agency, hood, initiatives, partners, popular) -> None:
    from django.utils import timezone

    from kiezwerk.forums.models import Attendee, Forum

    forums = []
    for number in range(300):
        starts_at = timezone.make_aware(dt.datetime(YEAR, 1, 1, 18)) + dt.timedelta(days=number)
        forums.append(
            # bulk_create skips save(), which sets the year
            Forum(
                agency=agency,
                neighbourhood=hood,
                title=f"F {number}",
                starts_at=starts_at,
                year=YEAR,
            )
        )
    Forum.objects.bulk_create(forums)
    attendees = []
    for forum in forums:
        for partner in set(rng.choices(partners, cum_weights=popular, k=4)):
            attendees.append(
                Attendee(agency=agency, forum=forum, group="partners", partner=partner)
            )
        for initiative in rng.sample(initiatives, 4):
            attendees.append(
                Attendee(agency=agency, forum=forum, group="initiatives", initiative=initiative)
            )
    Attendee.objects.bulk_create(attendees, batch_size=1000)


def _seed_referrals(rng, agency, hood, initiatives, partners, popular) -> None:
    from kiezwerk.network.models import Delivery, Referral

    referrals = [
        Referral(
            agency=agency,
            initiative=rng.choice(initiatives),
            neighbourhood=hood,
            partner=rng.choices(partners, cum_weights=popular)[0],
            referred_on=dt.date(YEAR, 1, 1) + dt.timedelta(days=rng.randrange(300)),
            status="delivered",
        )
        for _ in range(11000)
    ]
    Referral.objects.bulk_create(referrals, batch_size=1000)
    deliveries = []
    for referral in referrals[::2]:
        delivered_on = referral.referred_on + dt.timedelta(days=30)
        delivery = Delivery(
            agency=agency,
            referral=referral,
            partner=referral.partner,
            neighbourhood=hood,
            kind="advice",
            delivered_on=delivered_on,
            hours=3,
            value=150,
        )
        delivery.year, delivery.month = delivered_on.year, delivered_on.month
        deliveries.append(delivery)
    Delivery.objects.bulk_create(deliveries, batch_size=1000)


def _seed_partnerships(rng, agency, hood, initiatives, partners) -> None:
    from kiezwerk.network.models import Partnership, PartnershipInitiative, PartnershipPartner

    partnerships = Partnership.objects.bulk_create(
        Partnership(
            agency=agency,
            neighbourhood=hood,
            title=f"Partnerschaft {number}",
            purpose="Gemeinsam mehr erreichen",
            agreed_on=dt.date(YEAR, 1 + number % 12, 1),
            status="active",
        )
        for number in range(150)
    )
    PartnershipPartner.objects.bulk_create(
        PartnershipPartner(agency=agency, partnership=partnership, partner=partner)
        for partnership in partnerships
        for partner in rng.sample(partners, 2)
    )
    PartnershipInitiative.objects.bulk_create(
        PartnershipInitiative(agency=agency, partnership=partnership, initiative=initiative)
        for partnership in partnerships
        for initiative in rng.sample(initiatives, 2)
    )


if __name__ == "__main__":
    sys.exit(main())
