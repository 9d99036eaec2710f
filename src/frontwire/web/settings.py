"""What a running newsroom is configured with: which store, who may write, who may read."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

TOKEN_ENV = "FRONTWIRE_TOKEN"
# An article of the largest size ingest accepts by default (5 MB), in a JSON string with escapes.
DEFAULT_MAX_BODY = 12 * 1024 * 1024


@dataclass(frozen=True)
class WebSettings:
    """``db``: the store's URL (``--db``, else $FRONTWIRE_DB, else ./frontwire.db). ``token``: the
    bearer token that ``POST /api/articles`` requires (no token: writing is closed). ``private``:
    reads need the token too. ``max_body``: the largest request body accepted, in bytes.
    ``fetch_allow``: networks ``POST /api/articles?fetch=URL`` may reach although private or
    loopback (besides $FRONTWIRE_FETCH_ALLOW), e.g. "127.0.0.1" for one's own mirror."""

    db: str | None = None
    token: str | None = None
    private: bool = False
    max_body: int = DEFAULT_MAX_BODY
    fetch_allow: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.private and not self.token:
            raise ValueError(f"a private newsroom needs a token (${TOKEN_ENV} or --token-file)")
        from ..monitor.addresses import parse_networks

        parse_networks(list(self.fetch_allow))  # a wrong network fails at start, not at the first fetch


def token_from(token_file: str | None) -> str | None:
    """The token in ``token_file`` (its first line), else $FRONTWIRE_TOKEN, else None."""
    if token_file:
        lines = Path(token_file).read_text(encoding="utf-8").splitlines()
        token = lines[0].strip() if lines else ""
        if not token:
            raise ValueError(f"{token_file}: the token file is empty")
        return token
    return os.environ.get(TOKEN_ENV) or None
