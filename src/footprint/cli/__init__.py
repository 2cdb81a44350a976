"""The command line: a thin face over the library functions, one module per stage."""

from footprint.cli import demo, documents, extraction, publish  # noqa: F401  (they register commands)
from footprint.cli.common import app

__all__ = ["app"]
