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


def excerpt(text: object, limit: int = 200) -> str:
    """Outside text (a server's answer, a line of a file) as a message may quote it: on one
    line, control and other unprintable characters escaped (``\\x1b``, ``\\n``, ``\\u202e``), and
    at most ``limit`` characters of it shown, then how long it was."""
    text = str(text)
    shown: list[str] = []
    used = 0
    for char in text:
        part = char if char.isprintable() else char.encode("unicode_escape", "backslashreplace").decode("ascii")
        if used + len(part) > limit:
            return "".join(shown) + f"... ({len(text)} characters)"
        shown.append(part)
        used += len(part)
    return "".join(shown)
