from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are created by an agency's managers, never by self sign-up."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False
