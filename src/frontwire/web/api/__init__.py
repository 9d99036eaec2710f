"""The HTTP API under ``/api``: one router per resource, every response model declared."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from ..security import require_reader
from . import articles, events, incidents, reference, search

router = APIRouter(dependencies=[Depends(require_reader)])
for resource in (articles, events, incidents, search, reference):
    router.include_router(resource.router)
