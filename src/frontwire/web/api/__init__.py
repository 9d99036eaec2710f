"""The HTTP API under ``/api``: one router per resource, every response model declared."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from ..security import require_reader

router = APIRouter(dependencies=[Depends(require_reader)])
