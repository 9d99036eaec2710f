"""The FastAPI app: the API under ``/api``, the pages, the built assets under ``/static``."""

from __future__ import annotations

from contextlib import asynccontextmanager
from importlib.resources import files

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from .. import __version__
from .newsroom import Newsroom
from .security import BodySizeLimit, SecurityHeaders, install_error_handlers
from .settings import WebSettings

STATIC = files("frontwire.web") / "static"


def create_app(settings: WebSettings | None = None) -> FastAPI:
    """The newsroom app over the store ``settings.db``; the store is opened (and an empty one
    built) here, so a wrong URL fails before the server listens."""
    settings = settings or WebSettings()
    room = Newsroom(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        room.close()

    app = FastAPI(title="frontwire", version=__version__, lifespan=lifespan,
                  description="Evidence-backed conflict event data: articles, events, incidents, search. "
                              "Every span carries start/end offsets into its article's text.")
    app.state.settings = settings
    app.state.newsroom = room
    install_error_handlers(app)

    from .api import router as api_router
    from .explorer import router as explorer_router
    from .pages import router as pages_router

    app.include_router(api_router, prefix="/api")
    app.include_router(pages_router)
    app.include_router(explorer_router)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    app.add_middleware(BodySizeLimit, max_body=settings.max_body)
    app.add_middleware(SecurityHeaders)
    return app
