"""The web pages, rendered on the server from the store with autoescaping templates."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from .security import require_reader
from .templating import templates

router = APIRouter(dependencies=[Depends(require_reader)], include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def home(request: Request):
    return templates.TemplateResponse(request, "base.html", {"title": "frontwire"})
