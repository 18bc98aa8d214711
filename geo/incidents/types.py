"""Incident types: a small lexicon the team writes (``geo/tables/incident_types.tsv``).

Each type lists words that signal it. A sentence takes the type with the most matching
words (a tie goes to the type listed first); the words it matched are kept as evidence.
A sentence that matches no word only comments and is not an incident.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geo.config import project_table, read_table
from geo.errors import InputError

OTHER = "other"
_WORD = re.compile(r"\w+(?:-\w+)*")


@dataclass(frozen=True)
class IncidentType:
    """One row of the lexicon: a type, its map colour and its words (each a tuple of tokens;
    a token ending in ``*`` matches any ending)."""

    name: str
    colour: str
    words: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Classification:
    type: str
    evidence: tuple[str, ...]


class Lexicon:
    """The incident types in file order, and a classifier over them."""

    def __init__(self, types: list[IncidentType]) -> None:
        if not types:
            raise InputError("incident lexicon: no types")
        self.types = types
        self.colours = {t.name: t.colour for t in types}
        # First token (without *) -> candidate words, for a fast scan of each sentence.
        self._exact: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        self._prefix: list[tuple[str, int, tuple[str, ...]]] = []
        self._candidates: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        for rank, t in enumerate(types):
            for word in t.words:
                head = word[0]
                if head.endswith("*"):
                    self._prefix.append((head[:-1], rank, word))
                else:
                    self._exact.setdefault(head, []).append((rank, word))

    @property
    def names(self) -> list[str]:
        return [t.name for t in self.types]

    def classify(self, sentence: str) -> Classification | None:
        """The sentence's type and evidence, or ``None`` when it reports no event."""
        tokens = [m.group(0) for m in _WORD.finditer(sentence)]
        lowered = [t.lower() for t in tokens]
        hits: dict[int, list[str]] = {}
        for i, token in enumerate(lowered):
            candidates = self._candidates.get(token)
            if candidates is None:
                candidates = list(self._exact.get(token, ()))
                candidates += [(rank, w) for stem, rank, w in self._prefix if token.startswith(stem)]
                if len(self._candidates) < 200_000:  # words seen before are looked up once
                    self._candidates[token] = candidates
            for rank, word in candidates:
                if _matches(word, lowered, i):
                    hits.setdefault(rank, []).append(" ".join(tokens[i:i + len(word)]))
        if not hits:
            return None
        names = self.names
        specific = {r: h for r, h in hits.items() if names[r] != OTHER} or hits
        best = max(specific, key=lambda r: (len(specific[r]), -r))
        return Classification(names[best], tuple(dict.fromkeys(specific[best])))


def _matches(word: tuple[str, ...], tokens: list[str], i: int) -> bool:
    if i + len(word) > len(tokens):
        return False
    for pattern, token in zip(word, tokens[i:i + len(word)], strict=True):
        if pattern.endswith("*"):
            if not token.startswith(pattern[:-1]):
                return False
        elif token != pattern:
            return False
    return True


def read_lexicon(path: Path) -> Lexicon:
    """Read a lexicon file: ``type<TAB>colour<TAB>word, word, ...`` rows, ``#`` comments."""
    types = []
    shape = "'type<TAB>#rrggbb<TAB>words'"
    for lineno, cols in read_table(path, 3, shape):
        if not re.fullmatch(r"#[0-9a-fA-F]{6}", cols[1]):
            raise InputError(f"{path}:{lineno}: expected {shape}")
        words = tuple(tuple(w.lower().split()) for w in cols[2].split(",") if w.strip())
        types.append(IncidentType(cols[0].strip(), cols[1].strip(), words))
    return Lexicon(types)


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The team's lexicon, ``geo/tables/incident_types.tsv``."""
    return read_lexicon(project_table("incident_types.tsv"))
