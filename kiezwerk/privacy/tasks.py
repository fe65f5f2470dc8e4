"""The nightly retention run (django-tasks; `manage.py db_worker` runs it).

`apply_retention` anonymises, in every agency, the person records whose retention period is
over and that funding law does not hold (`privacy.retention`, `privacy.erasure.anonymise`),
logs one `privacy.retention_applied` per agency with the counts, and enqueues its next run for
02:00 Berlin time the next day. `manage.py schedule_retention` (run by `make run` and by the
deployment before the worker starts) enqueues the first run when none is queued;
`manage.py apply_retention --dry-run` prints what a run would do.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus, task

from kiezwerk.agencies.models import Agency
from kiezwerk.core.activity import log_action
from kiezwerk.privacy import erasure, retention

NIGHTLY_AT = dt.time(2, 0)
CHUNK = 500


def next_run(now: dt.datetime | None = None) -> dt.datetime:
    """The next 02:00 in Berlin after `now`."""
    now = timezone.localtime(now or timezone.now())
    day = now.date() if now.time() < NIGHTLY_AT else now.date() + dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(day, NIGHTLY_AT))


def apply_to(agency: Agency, today: dt.date | None = None, *, dry_run: bool = False) -> dict:
    """Anonymise the agency's expired records in chunks (each chunk in one transaction);
    returns {"anonymised": {model: n}, "held": {model: n}, "activity_rows": n, "audit_rows": n}
    and, unless `dry_run`, logs it."""
    counts: dict = {"anonymised": {}, "held": {}, "activity_rows": 0, "audit_rows": 0}
    for found in retention.forecast(agency.pk, today, load=False):
        label = found.rule.label
        counts["anonymised"][label] = len(found.due)
        counts["held"][label] = len(found.held)
        if dry_run:
            continue
        pks = [verdict.pk for verdict in found.due]
        for start in range(0, len(pks), CHUNK):
            with transaction.atomic():
                rows = found.rule.model._default_manager.filter(
                    pk__in=pks[start : start + CHUNK], anonymised_at__isnull=True
                )
                scrubbed = erasure.anonymise(list(rows), agency_id=agency.pk)
            counts["activity_rows"] += scrubbed.activity
            counts["audit_rows"] += scrubbed.audit
    if not dry_run:
        log_action(None, "privacy.retention_applied", agency, counts)
    return counts


@task()
def apply_retention() -> dict[str, dict]:
    """The retention run over all agencies; then the next night's run is enqueued."""
    today = timezone.localdate()
    result = {agency.slug: apply_to(agency, today) for agency in Agency.objects.order_by("pk")}
    schedule()
    return result


def is_queued() -> bool:
    """Whether a retention run waits in the queue (database and dummy backends)."""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    backend = apply_retention.get_backend()
    if isinstance(backend, DatabaseBackend):
        waiting = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
        return waiting.filter(task_path=apply_retention.module_path).exists()
    return any(
        result.task.module_path == apply_retention.module_path
        and result.status == TaskResultStatus.READY
        for result in getattr(backend, "results", ())
    )


def schedule(now: dt.datetime | None = None):
    """Enqueue the next run for 02:00 unless one is queued; a backend that cannot run tasks
    later (the immediate one of the tests) gets none: it would run at once, forever. Returns
    the task result, or None."""
    if not apply_retention.get_backend().supports_defer or is_queued():
        return None
    return apply_retention.using(run_after=next_run(now)).enqueue()
