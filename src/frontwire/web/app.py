"""The FastAPI app: the API under ``/api``, the pages, the built assets under ``/static``."""

from __future__ import annotations

from contextlib import asynccontextmanager
from importlib.resources import files

import anyio
from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware

from .. import __version__
from .newsroom import WORKER_THREADS, Newsroom
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
        anyio.to_thread.current_default_thread_limiter().total_tokens = WORKER_THREADS
        yield
        room.close()

    # The docs page is the app's own (Swagger UI from the packaged npm build): FastAPI's default
    # loads it from a CDN with an inline script, which the CSP and an offline laptop both refuse.
    app = FastAPI(title="frontwire", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Evidence-backed conflict event data: articles, events, incidents, search. "
                              "Every span carries start/end offsets into its article's text.")
    app.state.settings = settings
    app.state.newsroom = room
    install_error_handlers(app)

    from .api import router as api_router
    from .explorer import router as explorer_router
    from .pages import not_found_page, router as pages_router

    app.include_router(api_router, prefix="/api")
    app.include_router(pages_router)
    app.include_router(explorer_router)
    app.add_api_route("/docs", _docs_page, include_in_schema=False, response_class=HTMLResponse)

    @app.exception_handler(StarletteHTTPException)
    async def _page_not_found(request: Request, exc: StarletteHTTPException):
        # A person who mistypes an address gets a page; a program under /api gets JSON.
        if exc.status_code == 404 and not request.url.path.startswith(("/api/", "/static/")):
            return not_found_page(request, "No page has this address.")
        return await http_exception_handler(request, exc)

    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    # The map's Leaflet and country outlines weigh a third as much compressed.
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    app.add_middleware(BodySizeLimit, max_body=settings.max_body)
    app.add_middleware(SecurityHeaders)
    return app


def _docs_page(request: Request) -> HTMLResponse:
    from .templating import templates

    return templates.TemplateResponse(request, "docs.html", {"title": "API", "section": "docs"})
