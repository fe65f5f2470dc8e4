"""Issuing and revoking personal API tokens, logged."""

from django.db import transaction
from django.utils import timezone

from kiezwerk.api.models import ApiToken
from kiezwerk.core.activity import log_action


@transaction.atomic
def create_token(user, *, name: str, scope: str, expires_at=None) -> tuple[ApiToken, str]:
    token, text = ApiToken.issue(user=user, name=name, scope=scope, expires_at=expires_at)
    data = {"name": name, "scope": scope, "prefix": token.prefix}
    data["expires_at"] = expires_at.isoformat() if expires_at else None
    log_action(user, "api.token_created", token, data)
    return token, text


@transaction.atomic
def revoke_token(token: ApiToken, *, by) -> None:
    updated = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if updated:
        log_action(by, "api.token_revoked", token, {"prefix": token.prefix})
