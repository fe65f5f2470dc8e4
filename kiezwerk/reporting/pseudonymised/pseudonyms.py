"""Stable pseudonyms: a keyed hash (HMAC-SHA256) of the record's kind, agency and id.

The same record gives the same pseudonym in every export made with the same key, so
evaluators can join the files and follow a record over the years. The key is kept outside the
database (`KIEZWERK_PSEUDONYM_KEY`, or in development a file in var/): a copy of the database
alone cannot link a pseudonym back to its record. Another key gives other pseudonyms.
"""

import base64
import contextlib
import hashlib
import hmac
import os
import secrets
from pathlib import Path

from django.conf import settings

# Characters of the hash kept after the prefix: base32, 80 bits.
LENGTH = 16
# The kind of record -> the letter its pseudonyms start with.
PREFIXES = {
    "initiative": "I",
    "user": "A",
    "consultation": "C",
    "need": "N",
    "forum": "F",
    "line": "L",
    "position": "P",
    "referral": "R",
}


def pseudonym(key: bytes, kind: str, agency_id: int, pk: int) -> str:
    """`I-` and 16 characters for initiative `pk` of agency `agency_id` (other kinds alike)."""
    message = f"{kind}:{agency_id}:{pk}".encode()
    digest = hmac.new(key, message, hashlib.sha256).digest()
    return f"{PREFIXES[kind]}-{base64.b32encode(digest).decode()[:LENGTH]}"


class Pseudonymiser:
    """Pseudonyms of one agency's records with one key; None stays empty."""

    def __init__(self, agency_id: int, key: bytes) -> None:
        self.agency_id = agency_id
        self.key = key

    def __call__(self, kind: str, pk: int | None) -> str:
        if pk is None:
            return ""
        return pseudonym(self.key, kind, self.agency_id, pk)


def current_key() -> bytes:
    """The configured key; without one (development), the key kept in var/pseudonym_key."""
    if settings.PSEUDONYM_KEY:
        return settings.PSEUDONYM_KEY.encode()
    return development_key(Path(settings.VAR_DIR) / "pseudonym_key")


def development_key(path: Path) -> bytes:
    """The key in `path`, made with a new random key if there is none yet. Written to a
    temporary file and linked into place, so two first exports at once still share one key."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        draft = path.with_name(f"{path.name}.{secrets.token_hex(4)}")
        draft.write_text(secrets.token_hex(32))
        draft.chmod(0o600)
        with contextlib.suppress(FileExistsError):
            os.link(draft, path)
        draft.unlink()
    return path.read_text().strip().encode()
