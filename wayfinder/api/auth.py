"""How the API knows who is calling: `Authorization: Bearer <personal API token>`."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from wayfinder.accounts.models import User
from wayfinder.api import services
from wayfinder.api.models import ApiToken

INVALID = (
    "The API token is not valid. Create a token on your profile page and send it as 'Authorization: Bearer <token>'."
)
REVOKED = "This API token has been revoked. Create a new one on your profile page."
EXPIRED = "This API token has expired. Create a new one on your profile page."
TWO_FACTOR = "Your role needs two-factor authentication. Turn it on before you use the API."
# The longest secret we could have issued, with room to spare: anything longer is refused unread.
_MAX_SECRET_LENGTH = 100


class TokenAuth(HttpBearer):
    """Looks the token up by the hash of its secret, refuses it when revoked, expired or its owner cannot
    sign in, and sets request.user so the permission policy sees the token's owner."""

    def authenticate(self, request: HttpRequest, token: str) -> User:
        secret = token.strip()
        if not secret.startswith(services.SECRET_START) or len(secret) > _MAX_SECRET_LENGTH:
            raise AuthenticationError(message=INVALID)
        found = (
            ApiToken.objects.select_related("user").filter(token_hash=services.hash_secret(secret)).order_by().first()
        )
        if found is None or not found.user.is_active:
            raise AuthenticationError(message=INVALID)
        if found.revoked_at is not None:
            raise AuthenticationError(message=REVOKED)
        now = timezone.now()
        if found.is_expired(now):
            raise AuthenticationError(message=EXPIRED)
        user = found.user
        if not services.two_factor_satisfied(user):
            raise AuthenticationError(message=TWO_FACTOR)
        services.api_token_touch(token=found, now=now)
        request.user = user
        return user
