"""Join codes for humans and secrets for facilitators and participants.

A join code is 8 characters from a 31-letter alphabet without look-alikes
(no 0/O, 1/l/I), shown as ``ABCD-EFGH``: 31**8 ≈ 8.5e11 codes, about 39.6 bits.
Facilitator secrets carry 192 bits and only their SHA-256 is stored.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8
CODE_BITS = CODE_LENGTH * math.log2(len(ALPHABET))
SECRET_BYTES = 24


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def format_code(code: str) -> str:
    """``ABCDEFGH`` as ``ABCD-EFGH``, easier to read aloud."""
    return f"{code[:4]}-{code[4:]}"


def normalise_code(typed: str) -> str:
    """What a person typed, as a stored code: case, spaces and dashes do not matter."""
    return "".join(ch for ch in typed.upper() if ch.isalnum())


def new_secret() -> str:
    return secrets.token_urlsafe(SECRET_BYTES)


def new_token() -> str:
    return secrets.token_urlsafe(16)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "replace")).hexdigest()


def secret_matches(secret: str | None, stored_hash: str) -> bool:
    """Constant-time comparison of a presented secret with the stored hash."""
    if not secret:
        return False
    return hmac.compare_digest(hash_secret(secret), stored_hash)

