"""The events explorer: the events table, the map and the weekly timeline, filtering each other."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from .security import require_reader

router = APIRouter(dependencies=[Depends(require_reader)], include_in_schema=False)
