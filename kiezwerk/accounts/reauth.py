"""Asking for the password again before sensitive steps (exports of personal data, erasure).

`recent_login_required` is allauth's reauthentication: a user who has not confirmed their
password (or second factor) within `ACCOUNT_REAUTHENTICATION_TIMEOUT` seconds is sent to
`/accounts/reauthenticate/` and comes back to the page afterwards. It applies to every method,
GET included, so a download link cannot be followed from an unattended, logged-in session.
"""

from allauth.account.decorators import reauthentication_required

recent_login_required = reauthentication_required
