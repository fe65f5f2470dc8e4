"""The demo enterprises' jobs: positions from jobs_data with a pseudonymised holder each
(drawn from believable shares: most came from unemployment), and the agency's additionality
worksheets. BEST Pankow, which carried four enterprises on from the handover, records the
positions still filled then as maintained.

Written through the models in bulk. Idempotent: an enterprise that has positions is left
alone; worksheets are created when the agency has none.
"""

import datetime as dt
from decimal import Decimal

from kiezwerk.accounts.models import User
from kiezwerk.agencies.models import Agency
from kiezwerk.demo.common import DEMO_END, local, log_created, rng
from kiezwerk.demo.initiatives_data import HANDED_OVER
from kiezwerk.demo.jobs_data import JOBS, JUSTIFICATIONS, REASONS, WORKSHEETS, Job
from kiezwerk.economy.models import BusinessLine
from kiezwerk.initiatives.models import Initiative
from kiezwerk.jobs import services
from kiezwerk.jobs.enums import AgeBand, Gender, LegalBasis, Origin, PriorStatus, Residence
from kiezwerk.jobs.models import AdditionalityWorksheet, Holder, Position, full_time_equivalent

FULL_TIME = Decimal("40")
EVALUATOR = "evaluation@best.example"
PRIOR = [
    (PriorStatus.LONG_TERM_UNEMPLOYED, 40),
    (PriorStatus.UNEMPLOYED, 25),
    (PriorStatus.INACTIVE, 12),
    (PriorStatus.EMPLOYED, 13),
    (PriorStatus.IN_TRAINING, 10),
]
AGES = [(AgeBand.UNDER_25, 20), (AgeBand.MIDDLE, 65), (AgeBand.OVER_54, 15)]
GENDERS = [(Gender.FEMALE, 52), (Gender.MALE, 46), (Gender.DIVERSE, 2)]
RESIDENCES = [(Residence.INSIDE, 68), (Residence.OUTSIDE, 27), (Residence.UNKNOWN, 5)]
DISADVANTAGES = {
    "migrant_background": 0.3,
    "low_education": 0.25,
    "jobless_household": 0.15,
    "single_parent": 0.12,
    "disability": 0.06,
    "homeless": 0.02,
}


def load_jobs(agencies: dict[str, Agency]) -> bool:
    """Positions of every agency's enterprises and BEST's worksheets; True when anything was
    created."""
    created = False
    for agency in agencies.values():
        for enterprise in _enterprises_without_positions(agency):
            created |= _enterprise(agency, enterprise)
    if "best" in agencies:
        created |= _worksheets(agencies["best"])
    return created


def _enterprises_without_positions(agency: Agency) -> list[Initiative]:
    with_positions = Position.objects.filter(agency=agency).values("initiative_id")
    return list(
        Initiative.objects.filter(agency=agency, name__in=JOBS, founded_on__isnull=False)
        .exclude(pk__in=with_positions)
        .order_by("name")
    )


def _enterprise(agency: Agency, enterprise: Initiative) -> bool:
    lines = {
        line.name: line
        for line in BusinessLine.objects.filter(agency=agency, initiative=enterprise)
    }
    generator = rng(f"jobs:{agency.slug}:{enterprise.name}")
    carried_on = agency.slug != "best"  # BEST Pankow: from the handover on
    positions = []
    for job in JOBS[enterprise.name]:
        start, end = _dates(enterprise.founded_on, job)
        if carried_on and (start > HANDED_OVER or (end and end <= HANDED_OVER)):
            continue
        positions.append(_position(agency, enterprise, lines, job, start, end, carried_on))
        positions[-1].justification = (
            generator.choice(JUSTIFICATIONS) if positions[-1].additional else ""
        )
    if not positions:
        return False
    Position.objects.bulk_create(positions)
    log_created(positions)
    Holder.objects.bulk_create(
        _holder(agency, position, f"{agency.slug[:4].upper()}-{position.pk:04}", generator)
        for position in positions
    )
    return True


def _dates(founded: dt.date, job: Job) -> tuple[dt.date, dt.date | None]:
    if job.before:
        return founded.replace(year=founded.year - 1, day=1), None
    start = _months_after(founded.replace(day=1), job.after)
    end = None
    if job.lasts is not None:
        end = _months_after(start, job.lasts) - dt.timedelta(days=1)
        end = end if end <= DEMO_END else None
    return start, end


def _months_after(day: dt.date, months: int) -> dt.date:
    total = day.year * 12 + day.month - 1 + months
    return day.replace(year=total // 12, month=total % 12 + 1)


def _position(agency, enterprise, lines, job: Job, start, end, carried_on: bool) -> Position:
    created = not job.before and not carried_on
    hours = Decimal(job.hours)
    return Position(
        agency=agency,
        initiative=enterprise,
        neighbourhood_id=enterprise.neighbourhood_id,
        line=lines.get(job.line),
        title=job.title,
        contract_type=job.contract,
        instrument=job.instrument,
        weekly_hours=hours,
        full_time_hours=FULL_TIME,
        fte=full_time_equivalent(hours, FULL_TIME),
        start_date=start,
        end_date=end,
        origin=Origin.CREATED if created else Origin.MAINTAINED,
        additional=created and job.contract != "marginal",
        created_at=local(max(start, HANDED_OVER) if carried_on else start, dt.time(9)),
    )


def _pick(generator, weighted):
    values, weights = zip(*weighted, strict=True)
    return generator.choices(values, weights)[0]


def _holder(agency, position: Position, pseudonym: str, generator) -> Holder:
    training = position.contract_type == "apprenticeship"
    return Holder(
        agency=agency,
        position=position,
        pseudonym=pseudonym,
        prior_status=PriorStatus.IN_TRAINING if training else _pick(generator, PRIOR),
        age_band=AgeBand.UNDER_25 if training else _pick(generator, AGES),
        gender=_pick(generator, GENDERS),
        residence=_pick(generator, RESIDENCES),
        legal_basis=LegalBasis.FUNDING_LAW,
        created_at=position.created_at,
        **{name: generator.random() < share for name, share in DISADVANTAGES.items()},
    )


def _worksheets(agency: Agency) -> bool:
    if AdditionalityWorksheet.objects.filter(agency=agency).exists():
        return False
    evaluator = User.objects.filter(email=EVALUATOR).first()  # signs the worksheets
    for year, day, rates in WORKSHEETS:
        values = {name: Decimal(value) for name, value in rates.items()}
        sheet = services.save_worksheet(agency, year, actor=evaluator, **values, **REASONS)
        saved = local(dt.date.fromisoformat(day), dt.time(14))
        AdditionalityWorksheet.objects.filter(pk=sheet.pk).update(created_at=saved)
    return True
