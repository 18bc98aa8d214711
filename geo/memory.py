"""What a run loads once and keeps, set out of the cyclic garbage collector's way."""

from __future__ import annotations

import gc


def freeze_loaded() -> None:
    """Called once a stage has loaded what it keeps for the run (a spaCy pipeline, the event tables, the
    boundary layers): every object alive now goes to the collector's permanent generation (``gc.freeze``).
    They live as long as the pipeline, and a full collection, which the caches and records of a batch set
    off, walked every one of them again: on LGL-dev with --fast one such walk cost 0.1 s in recognition and
    another in the incident stage. A frozen object is still freed when nothing refers to it; only a cycle of
    frozen objects is never collected."""
    gc.freeze()
