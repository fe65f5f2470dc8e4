"""Dependency warnings on a financing mix: one source or one public client bringing in more
than the agency's threshold of a year's mix, or grants outweighing the three sources together.
Each warning is a plain sentence naming the year, the source or client and the share."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from kiezwerk.core.formats import euros, percent
from kiezwerk.economy.models import DEFAULT_DEPENDENCY_THRESHOLD, EconomySettings
from kiezwerk.economy.queries import Mix, Period

SOURCE_SENTENCES = {
    "public": _(
        "In %(year)s, public contracts brought in %(share)s of the financing mix, more than "
        "%(threshold)s: the enterprise depends on this one source."
    ),
    "market": _(
        "In %(year)s, market sales brought in %(share)s of the financing mix, more than "
        "%(threshold)s: the enterprise depends on this one source."
    ),
    "volunteer": _(
        "In %(year)s, volunteer work made up %(share)s of the financing mix, more than "
        "%(threshold)s: the enterprise depends on this one source."
    ),
}
CLIENT_SENTENCE = _(
    "In %(year)s, the public client %(client)s alone brought in %(share)s of the financing "
    "mix, more than %(threshold)s: losing this contract would put the enterprise at risk."
)
GRANTS_SENTENCE = _(
    "In %(year)s, grants and subsidies (%(grants)s) exceeded the three sources of the "
    "financing mix together (%(mix)s): the enterprise depends on grants."
)


@dataclass(frozen=True)
class DependencyWarning:
    year: int
    kind: str  # "source", "client" or "grants"
    name: str  # the source (public, market, volunteer), the client's name, or "grants"
    share: Decimal | None  # percent of the year's mix; None for grants
    text: str


def threshold_for(agency_id: int) -> int:
    """The agency's dependency threshold in percent (the default without settings); one
    query."""
    found = (
        EconomySettings.objects.filter(agency_id=agency_id)
        .values_list("dependency_threshold", flat=True)
        .first()
    )
    return DEFAULT_DEPENDENCY_THRESHOLD if found is None else found


def dependency_warnings(mix: Mix, threshold: int) -> list[DependencyWarning]:
    """The warnings of every year of `mix`, oldest year first."""
    found = []
    for period in mix.years:
        found += _source_warnings(period, threshold)
        found += _client_warnings(period, mix.client_names, threshold)
        found += _grants_warnings(period)
    return found


def has_warning(period: Period, threshold: int) -> bool:
    """Whether `dependency_warnings` warns about `period`, without writing the sentences. A
    public client's amount is part of public contracts, so a client above the threshold means
    public contracts are above it too: the sources and grants decide."""
    if period.grants > period.mix_total:
        return True
    return any(
        share is not None and share > threshold
        for share in (period.share(source) for source in SOURCE_SENTENCES)
    )


def _source_warnings(period: Period, threshold: int) -> list[DependencyWarning]:
    found = []
    for source, sentence in SOURCE_SENTENCES.items():
        share = period.share(source)
        if share is not None and share > threshold:
            text = sentence % _values(period, share, threshold)
            found.append(DependencyWarning(period.year, "source", source, share, text))
    return found


def _client_warnings(period: Period, names: dict[int, str], threshold: int) -> list:
    found = []
    for client in sorted(period.clients, key=lambda pk: names[pk]):
        share = period.client_share(client)
        if share is not None and share > threshold:
            text = CLIENT_SENTENCE % {**_values(period, share, threshold), "client": names[client]}
            found.append(DependencyWarning(period.year, "client", names[client], share, text))
    return found


def _grants_warnings(period: Period) -> list[DependencyWarning]:
    if period.grants <= period.mix_total:
        return []
    values = {"year": period.year, "grants": euros(period.grants), "mix": euros(period.mix_total)}
    return [DependencyWarning(period.year, "grants", "grants", None, GRANTS_SENTENCE % values)]


def _values(period: Period, share: Decimal, threshold: int) -> dict:
    return {"year": period.year, "share": percent(share), "threshold": percent(threshold, 0)}


# ------------------------------------------------------------------------------------------
# Numbers for the reader's language (rounded half up, not cut off as number_format would)


def index(value: Decimal | None) -> str:
    """A Herfindahl index with two decimals; a dash when there is none."""
    if value is None:
        return "–"
    return number_format(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), decimal_pos=2)
