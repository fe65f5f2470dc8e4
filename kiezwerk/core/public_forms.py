"""What every form on a public page needs besides CSRF: a honeypot field that people never see
and bots fill in, and a limit on how often one address may send a form, counted in the
database (works on SQLite and PostgreSQL, across gunicorn workers).

    class NeedReportForm(HoneypotForm): ...

    def report_need(request):
        form = NeedReportForm(request.POST or None)
        if request.method == "POST":
            if not within_limit(request, "need_report", per_hour=5):
                return too_many(request, form, template)  # 429 with a translated message
            if form.is_valid():
                ...  # save in one transaction
                record_submission(request, "need_report")

Addresses are stored only as an HMAC of the address with the secret key (a day at most), so
the table holds no IP address. The client address is REMOTE_ADDR; behind a reverse proxy the
proxy must set it (gunicorn's `--forwarded-allow-ips`), see docs/architecture.md.
"""

import datetime as dt
import hashlib
import hmac

from django import forms
from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kiezwerk.core.models import PublicSubmission

HONEYPOT = "website"
KEPT_FOR = dt.timedelta(days=1)


class HoneypotForm(forms.Form):
    """A form with a field hidden from people (visually and from assistive technology) that
    bots fill in: a filled honeypot makes the form invalid with a plain message."""

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    honeypot_field = HONEYPOT

    def clean_website(self) -> str:
        value = self.cleaned_data.get(HONEYPOT, "")
        if value:
            raise forms.ValidationError(
                _("This form could not be sent. Please leave the last field empty."),
                code="honeypot",
            )
        return value


class HoneypotModelForm(forms.ModelForm):
    """The same honeypot for a model form."""

    website = HoneypotForm.base_fields[HONEYPOT]
    honeypot_field = HONEYPOT
    clean_website = HoneypotForm.clean_website


def address_hash(request: HttpRequest) -> str:
    address = request.META.get("REMOTE_ADDR", "") or "unknown"
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, address.encode(), hashlib.sha256).hexdigest()


def within_limit(request: HttpRequest, scope: str, *, per_hour: int) -> bool:
    """Whether this address may send the `scope` form once more: fewer than `per_hour` sent
    in the last hour. One query."""
    since = timezone.now() - dt.timedelta(hours=1)
    sent = PublicSubmission.objects.filter(
        scope=scope, address_hash=address_hash(request), sent_at__gte=since
    ).count()
    return sent < per_hour


def record_submission(request: HttpRequest, scope: str) -> None:
    """Count a sent form for the address, and forget what is older than a day."""
    now = timezone.now()
    PublicSubmission.objects.filter(sent_at__lt=now - KEPT_FOR).delete()
    PublicSubmission.objects.create(scope=scope, address_hash=address_hash(request), sent_at=now)


TOO_MANY = _(
    "You have sent this form several times in a short while. Please wait an hour and try "
    "again, or call us."
)
