"""The registry's entries for the tables of the libraries Kiezwerk uses that hold personal
data: django-auditlog (changes and reads of person records), django-axes (log-in attempts),
allauth (e-mail addresses, MFA), Django's sessions and admin log. Part of `registry.REGISTRY`
so that the record of processing activities is complete; the test checks that they name only
real fields."""

from django.utils.translation import gettext_lazy as _

from kiezwerk.privacy.registry_entries import ANYONE, names, staff
from kiezwerk.privacy.registry_types import Basis, Category, Entry, Personal, Purpose, Retention
from kiezwerk.privacy.registry_types import Subject as S

C, P, B, R = Category, Purpose, Basis, Retention

_LOG = Personal(C.USAGE, P.SECURITY, B.LEGITIMATE, R.LOG)
_LOGIN = Personal(C.USAGE, P.SECURITY, B.LEGITIMATE, R.LOGIN)
_LOGIN_NAME = Personal(C.ACCOUNT, P.SECURITY, B.LEGITIMATE, R.LOGIN, identifies=True)
_AXES = names("user_agent ip_address http_accept path_info")
_SECURITY_SOURCE = _("written by Kiezwerk when someone logs in or tries to")

THIRD_PARTY = {
    "auditlog.LogEntry": Entry(
        subjects=ANYONE,
        source=_("written by Kiezwerk when a person record is changed or opened"),
        fields={
            **dict.fromkeys(
                names("object_repr serialized_data changes_text changes additional_data"), _LOG
            ),
            "actor": staff(P.SECURITY, R.LOG),
            "actor_email": staff(P.SECURITY, R.LOG),
            "remote_addr": staff(P.SECURITY, R.LOG),
            "remote_port": staff(P.SECURITY, R.LOG),
        },
        not_personal=names("id content_type object_pk object_id action cid timestamp"),
    ),
    "axes.AccessAttempt": Entry(
        subjects=(S.STAFF,),
        source=_SECURITY_SOURCE,
        fields={
            **dict.fromkeys(_AXES, _LOGIN),
            "username": _LOGIN_NAME,
            "get_data": _LOGIN,
            "post_data": _LOGIN,
        },
        not_personal=names("id attempt_time failures_since_start"),
    ),
    "axes.AccessLog": Entry(
        subjects=(S.STAFF,),
        source=_SECURITY_SOURCE,
        fields={**dict.fromkeys(_AXES, _LOGIN), "username": _LOGIN_NAME, "session_hash": _LOGIN},
        not_personal=names("id attempt_time logout_time"),
    ),
    "axes.AccessFailureLog": Entry(
        subjects=(S.STAFF,),
        source=_SECURITY_SOURCE,
        fields={**dict.fromkeys(_AXES, _LOGIN), "username": _LOGIN_NAME},
        not_personal=names("id attempt_time locked_out"),
    ),
    "account.EmailAddress": Entry(
        subjects=(S.STAFF,),
        fields={
            "user": Personal(C.ACCOUNT, P.ACCOUNTS, B.CONTRACT, R.ACCOUNT),
            "email": Personal(C.CONTACT, P.ACCOUNTS, B.CONTRACT, R.ACCOUNT, identifies=True),
        },
        not_personal=names("id verified primary"),
    ),
    "mfa.Authenticator": Entry(
        subjects=(S.STAFF,),
        fields={
            "user": Personal(C.ACCOUNT, P.SECURITY, B.LEGITIMATE, R.ACCOUNT),
            "data": Personal(C.ACCOUNT, P.SECURITY, B.LEGITIMATE, R.ACCOUNT, export=False),
            "last_used_at": Personal(C.USAGE, P.SECURITY, B.LEGITIMATE, R.ACCOUNT),
        },
        not_personal=names("id type created_at"),
    ),
    "sessions.Session": Entry(
        subjects=(S.STAFF, S.RESIDENTS),
        fields={
            "session_data": Personal(C.USAGE, P.ACCOUNTS, B.CONTRACT, R.SESSION, export=False),
        },
        not_personal=names("session_key expire_date"),
    ),
    "admin.LogEntry": Entry(
        subjects=ANYONE,
        source=_("written by Kiezwerk when reference data is changed in the admin"),
        fields={
            "user": staff(P.SECURITY, R.LOG),
            "object_repr": _LOG,
            "change_message": _LOG,
        },
        not_personal=names("id action_time content_type object_id action_flag"),
    ),
}
