"""The recognition stage's interface: articles in, place mentions out, aligned."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence

from geo.articles import Article
from geo.model import Mention


class Recognizer(ABC):
    """Finds the stretches of text that name places."""

    @abstractmethod
    def recognize(self, articles: Sequence[Article]) -> list[list[Mention]]:
        """One list of mentions per article, in text order."""
