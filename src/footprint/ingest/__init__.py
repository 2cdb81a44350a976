"""Ingestion: read → decode → clean → detect language → fingerprint → store or quarantine."""

from footprint.ingest.errors import InputError
from footprint.ingest.pipeline import IngestReport, ingest, read_path
from footprint.ingest.sources import DEFAULT_MAX_BYTES

__all__ = ["DEFAULT_MAX_BYTES", "IngestReport", "InputError", "ingest", "read_path"]
