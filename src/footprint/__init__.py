"""Footprint: an evidence tracker for the export of policing and security models."""

__version__ = "0.1.0"
