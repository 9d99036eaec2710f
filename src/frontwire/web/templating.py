"""The Jinja2 environment of the pages: autoescaping on for every template, whatever its name."""

from __future__ import annotations

from importlib.resources import files

from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined

_environment = Environment(loader=FileSystemLoader(str(files("frontwire.web") / "templates")),
                           autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
templates = Jinja2Templates(env=_environment)
