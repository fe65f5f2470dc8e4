"""`{% criteria_evidence initiative %}`: what the enterprise's figures show for criteria 3 and 4,
beside the advisor's rating in the initiatives app's templates (which link to the economy app
only through templates: the initiatives app does not import it). Empty for a user who may not
read the figures (economy.view_figures).

`{% criteria_evidence initiative "profit" %}` or `"financing"` shows one criterion only (the
criteria form, beside the criterion's fieldset). The figures are read once per initiative object
and request, however often the tag is used: four queries.
"""

from django import template
from django.utils.translation import gettext_lazy as _

from kiezwerk.core.formats import euros
from kiezwerk.economy.evidence import CriteriaEvidence, evidence_for
from kiezwerk.economy.views.tables import Row, signed

register = template.Library()
PARTS = ("profit", "financing")


@register.inclusion_tag("economy/partials/criteria_evidence.html", takes_context=True)
def criteria_evidence(context, initiative, only: str = "") -> dict:
    request = context.get("request")
    user = request.user if request is not None else context.get("user")
    if user is None or not user.has_perm("economy.view_figures", initiative):
        return {"shown": False}
    evidence = _evidence_of(initiative)
    return {
        "shown": True,
        "initiative": initiative,
        "parts": [only] if only in PARTS else list(PARTS),
        "titled": only not in PARTS,
        "evidence": evidence,
        "years": [str(found.year) for found in evidence.years],
        "profit_rows": _profit_rows(evidence),
        "profit_sentences": evidence.profit_sentences() if evidence.has_figures else [],
        "financing_sentences": evidence.financing_sentences(),
    }


def _evidence_of(initiative) -> CriteriaEvidence:
    found = getattr(initiative, "_criteria_evidence", None)
    if found is None:
        found = initiative._criteria_evidence = evidence_for(initiative)
    return found


def _profit_rows(evidence: CriteriaEvidence) -> list[Row]:
    years = evidence.years
    return [
        Row(str(_("Result (revenue minus costs)")), [signed(y.result) for y in years]),
        Row(str(_("Paid out to private persons")), [euros(y.distributed) for y in years]),
        Row(str(_("Kept in the enterprise")), [signed(y.kept) for y in years], True),
    ]
