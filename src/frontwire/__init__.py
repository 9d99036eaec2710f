"""frontwire: raw news about armed conflict in, evidence-backed event data out."""

from .model import Article, SCHEMA_VERSION
from .pipeline import Pipeline

__version__ = "0.1.0"
__all__ = ["Article", "Pipeline", "SCHEMA_VERSION", "__version__"]
