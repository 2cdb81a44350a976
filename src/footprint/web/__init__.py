"""The web app and JSON API: a thin face over the library, like the CLI."""

from footprint.web.app import create_app

__all__ = ["create_app"]
