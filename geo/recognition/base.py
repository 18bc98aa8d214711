"""The recognition stage's interface: articles in, place mentions out, aligned.

Every recogniser reads an article's text without its format characters (Unicode category
Cf: zero-width spaces and joiners, soft hyphens, direction marks, the BOM). They are
invisible, and inside a word they split a name ("Bel\\u200bgrade" would be "Bel", then
"grade"); the mentions come back in the article's own offsets, the characters inside them.
"""

from __future__ import annotations

import dataclasses
import re
from abc import ABC, abstractmethod
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from geo.articles import Article
from geo.model import Mention

# Unicode 14's category Cf, as Python's unicodedata has it (tests/test_rules.py checks it).
FORMAT_CHARACTERS = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U00013438\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]")


class Recognizer(ABC):
    """Finds the stretches of text that name places."""

    def recognize(self, articles: Sequence[Article]) -> list[list[Mention]]:
        """One list of mentions per article, in text order."""
        plain = [_Plain.of(a) for a in articles]
        found = self._recognize([p.article for p in plain])
        return [p.restore(mentions) for p, mentions in zip(plain, found, strict=True)]

    @abstractmethod
    def _recognize(self, articles: Sequence[Article]) -> list[list[Mention]]:
        """``recognize`` on texts without format characters."""


@dataclasses.dataclass(frozen=True)
class _Plain:
    """An article as recognition reads it, and the way back to the article's offsets."""

    original: Article
    article: Article
    removed: list[int]  # where each removed character stood, as an offset in the plain text

    @classmethod
    def of(cls, article: Article) -> _Plain:
        if not FORMAT_CHARACTERS.search(article.text):
            return cls(article, article, [])
        removed = [m.start() - k for k, m in enumerate(FORMAT_CHARACTERS.finditer(article.text))]
        plain = dataclasses.replace(article, text=FORMAT_CHARACTERS.sub("", article.text))
        return cls(article, plain, removed)

    def _start(self, at: int) -> int:
        return at + bisect_right(self.removed, at)  # after what was removed just before it

    def _end(self, at: int) -> int:
        return at + bisect_left(self.removed, at)  # what was removed inside goes with it

    def restore(self, mentions: list[Mention]) -> list[Mention]:
        if not self.removed:
            return mentions
        text = self.original.text
        out = []
        for m in mentions:
            start, end = self._start(m.start), self._end(m.end)
            begin, stop = self._start(m.sentence_start), self._end(m.sentence_start + len(m.sentence))
            out.append(dataclasses.replace(m, text=text[start:end], start=start, end=end,
                                           sentence=text[begin:stop], sentence_start=begin))
        return out
