"""``frontwire serve``: the API and the pages on one address, with uvicorn.

Argument functions import nothing heavy; FastAPI and SQLAlchemy load only when the command runs.
"""

from __future__ import annotations

import argparse
import sys


def serve_arguments(parser: argparse.ArgumentParser) -> None:
    from ..store.cli import db_argument

    db_argument(parser)
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default 127.0.0.1: this machine only)")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    parser.add_argument("--token-file", metavar="PATH",
                        help="file whose first line is the bearer token that POST /api/articles requires "
                             "(default: $FRONTWIRE_TOKEN; with neither, writing through the API is closed)")
    parser.add_argument("--private", action="store_true", help="reads need the token too")
    parser.add_argument("--allow-address", action="append", default=[], metavar="NETWORK",
                        help="a private or loopback address or network that POST /api/articles?fetch=URL may "
                             "reach (repeatable; also $FRONTWIRE_FETCH_ALLOW); refused by default")


def run_serve(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    import uvicorn
    from sqlalchemy.exc import OperationalError

    from ..store.cli import first_line
    from ..store.database import SchemaError
    from .app import STATIC, create_app
    from .settings import WebSettings, token_from

    try:
        settings = WebSettings(db=args.db, token=token_from(args.token_file), private=args.private,
                               fetch_allow=tuple(args.allow_address))
    except (OSError, ValueError) as exc:
        parser.error(str(exc))
    try:
        app = create_app(settings)
    except SchemaError as exc:
        print(f"frontwire: error: {exc}", file=sys.stderr)
        return 2
    except OperationalError as exc:
        print(f"frontwire: error: cannot open the database: {first_line(exc)}", file=sys.stderr)
        return 2
    room = app.state.newsroom
    host = f"[{args.host}]" if ":" in args.host else args.host
    print(f"frontwire: serving {room.store.engine.url.render_as_string(hide_password=True)} "
          f"on http://{host}:{args.port}/ (Ctrl-C stops)", file=sys.stderr, flush=True)
    if not (STATIC / "vendor" / "leaflet.js").is_file():
        print("frontwire: the map's assets are not built (an install from source without npm): the map and /docs "
              "stay empty until `make assets` is run in the source tree", file=sys.stderr, flush=True)
    if settings.token is None:
        print("frontwire: writing through the API is closed (no $FRONTWIRE_TOKEN or --token-file)",
              file=sys.stderr, flush=True)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", server_header=False)
    return 0
