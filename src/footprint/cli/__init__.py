"""The command line: a thin face over the library functions, one module per stage."""

from footprint.cli import (  # noqa: F401  (they register commands)
    demo,
    documents,
    events,
    extraction,
    publish,
    web,
)
from footprint.cli.common import app

__all__ = ["app"]
