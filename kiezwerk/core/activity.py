"""`log_action`: the one way Kiezwerk records a domain event.

Apps register a translated label for each verb they use (in `AppConfig.ready`), so timelines
read as sentences ("Mitglied hinzugefügt") instead of codes.
"""

from typing import Any

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kiezwerk.core.models import ActivityLogEntry

_VERB_LABELS: dict[str, Promise | str] = {
    "created": _("created"),
    "changed": _("changed"),
    "archived": _("archived"),
    "restored": _("restored"),
}


def register_verbs(labels: dict[str, Promise | str]) -> None:
    _VERB_LABELS.update(labels)


def verb_label(verb: str) -> str:
    return str(_VERB_LABELS.get(verb, verb))


def _agency_id_of(target: models.Model) -> int | None:
    if target._meta.label == "agencies.Agency":
        return target.pk
    return getattr(target, "agency_id", None)


def log_action(
    actor: Any,
    verb: str,
    target: models.Model,
    data: dict[str, Any] | None = None,
) -> ActivityLogEntry:
    """Write one activity-log entry; `actor` may be None for system actions."""
    from django.contrib.contenttypes.models import ContentType

    user = actor if getattr(actor, "is_authenticated", False) else None
    return ActivityLogEntry.objects.create(
        actor=user,
        agency_id=_agency_id_of(target),
        verb=verb,
        content_type=ContentType.objects.get_for_model(target),
        object_id=str(target.pk),
        object_repr=str(target)[:200],
        data=data or {},
    )


def changed_fields(form: Any) -> dict[str, Any]:
    """The changed fields of a bound form as {"field": "new value"} for the log."""
    return {name: _jsonable(form.cleaned_data.get(name)) for name in form.changed_data}


def _jsonable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, models.QuerySet | list | tuple | set):
        return [_jsonable(item) for item in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)
