"""One root for every error geo raises; the CLI maps them to one line on stderr."""

from __future__ import annotations


class GeoError(Exception):
    """Root of geo's errors. ``exit_code`` is what the CLI exits with."""

    exit_code = 1


class InputError(GeoError, ValueError):
    """An input (article, corpus, boundary file) cannot be read or is malformed."""

    exit_code = 2


class DataError(GeoError, RuntimeError):
    """Installed data (gazetteer, boundaries) is missing or damaged."""


class OutputError(GeoError, OSError):
    """An output cannot be written."""

    exit_code = 2


class PipelineError(GeoError, RuntimeError):
    """A pipeline component (for example the spaCy model) cannot be loaded."""
