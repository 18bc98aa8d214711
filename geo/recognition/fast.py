"""A fast recogniser that runs no statistical model: the gazetteer over capitalised runs.

For feeds of thousands of articles a day. Every run of capitalised words (up to four, with
"of", "de" and hyphens inside: "Bosnia and Herzegovina" is found through "and") is looked up
in the gazetteer, longest first. A match is kept when the gazetteer says it is notable (a
country, region, capital, continent, or a town of 100,000 people), when the words around it
say it is a place ("in X", "near the X", "the X crossing"), or when it is a people's name
(Serbian, Kosovar). Organisations (``data/organisations.txt``), honorifics and months are
never places. The word lists, the notable and small-town tests and the sentences are the
spaCy path's (``rules.py``).

It is a little less exact, and recognition alone is 20 to 50 times faster than the spaCy
pipeline's: on LGL-dev (294 articles) 0.45 s with the gazetteer's lookup cache cold and
0.18 s warm, against 9.5 s (measured with ``recognize()`` alone, 2 cores). End to end, with
resolution and geometry, ``--fast`` is about 7 times faster (``benchmarks/throughput.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from geo.articles import Article
from geo.gazetteer import Gazetteer
from geo.model import Mention, Place
from geo.recognition.base import Recognizer
from geo.recognition.rules import (
    NOT_PLACES_ALONE,
    in_place_context,
    in_small_town_context,
    major,
    notable,
    only_small_towns,
    sentence_spans,
)

# Abbreviations keep their dots (U.S., D.C., W.Va., Kan.); other words end at a letter.
# Initials keep theirs too (George W. Bush), so "Bush" follows a capitalised word.
_WORD = re.compile(r"(?:[A-Z][a-z]?\.){2,}|[A-Z][a-z]{0,3}\.(?=[\s,;)])|[^\W\d_][\w'’.-]*[^\W_]|[^\W\d_]",
                   re.UNICODE)
# Words that join a capitalised run: "Bosnia and Herzegovina", "Rio de Janeiro".
_CONNECTORS = {"of", "de", "del", "and", "upon", "on", "la", "le", "du", "da", "e", "i"}
# Words that start no name: "The", "He", "In" opening a sentence; titles ("Mr").
_DETERMINER_LIKE = {"the", "a", "an", "i", "we", "he", "she", "they", "it", "this", "that", "but", "and", "or",
                    "if", "so", "mr", "mrs", "ms", "dr", "by", "no", "in", "on", "at", "for", "with", "as"}

Word = tuple[int, int, str]  # start and end in the article, the word


class FastRecognizer(Recognizer):
    def __init__(self, gazetteer: Gazetteer, organisations: Sequence[str] = (), max_tokens: int = 4) -> None:
        self.gazetteer = gazetteer
        self.organisations = {o.casefold() for o in organisations}
        self.max_tokens = max_tokens

    def _recognize(self, articles: Sequence[Article]) -> list[list[Mention]]:
        return [self._article(a) for a in articles]

    def _article(self, article: Article) -> list[Mention]:
        text = article.text
        out: list[Mention] = []
        for s_start, s_end in sentence_spans(text):
            sentence = text[s_start:s_end]
            words = [(m.start() + s_start, m.end() + s_start, m.group()) for m in _WORD.finditer(sentence)]
            i, last_end = 0, -1
            while i < len(words):
                found = self._match(text, words, i, follows_place=i > 1 and words[i - 2][1] == last_end)
                if found is None:
                    i += 1
                    continue
                j, label = found
                start, end = words[i][0], words[j - 1][1]
                i = j
                if label == "ORG":  # an organisation's name is consumed, not a place
                    continue
                last_end = end
                out.append(Mention(article.id, text[start:end], start, end, label, sentence, s_start))
        return out

    def _then_region(self, text: str, words: list[Word], j: int) -> bool:
        """'Charleston, W.Va.', 'Gnjilica, Serbia': a comma, then a country or region."""
        if j >= len(words) or text[words[j - 1][1]:words[j][0]].strip() != ",":
            return False
        return any(p.is_country or p.feature_code == "ADM1" for p in self.gazetteer.lookup(words[j][2]))

    def _match(self, text: str, words: list[Word], i: int, follows_place: bool = False) -> tuple[int, str] | None:
        """(end, label) of the name starting at words[i], longest first; the label "ORG" for an
        organisation's name, which is consumed but is no place."""
        first = words[i][2]
        bare = first.lower().rstrip(".")  # "Dr." is "dr"
        if not first[:1].isupper() or bare in _DETERMINER_LIKE:
            return None
        run_end = self._run_end(words, i)
        for j in range(run_end, i, -1):
            if words[j - 1][2] in _CONNECTORS:
                continue
            name = text[words[i][0]:words[j - 1][1]]
            if name.casefold() in self.organisations:
                return j, "ORG"
            places = self.gazetteer.lookup(name)
            if not places or (j == i + 1 and bare in NOT_PLACES_ALONE):  # "in May", "in the North"
                continue
            if self.gazetteer.is_demonym(name):
                return j, "NORP"
            in_context = self._in_context(text, words, i, j, places, follows_place)
            if in_context or _stands_alone(words, i, j, run_end, places):
                return j, "GPE"
        return None

    def _run_end(self, words: list[Word], i: int) -> int:
        """The end of the run of capitalised words (with connectors inside) starting at words[i]."""
        end = i + 1
        while end < len(words) and end - i < self.max_tokens + 1:
            w = words[end][2]
            if w[:1].isupper() or (w in _CONNECTORS and end + 1 < len(words) and words[end + 1][2][:1].isupper()):
                end += 1
            else:
                break
        return end

    def _in_context(self, text: str, words: list[Word], i: int, j: int, places: tuple[Place, ...],
                    follows_place: bool) -> bool:
        """Whether the words around words[i:j] say it is a place: the rules' contexts (the
        small-town rule for ZIP-code towns: House, Interior, Emma), "Y and X" after a place,
        "X, Iowa"."""
        following = words[j][2] if j < len(words) else ""
        rule = in_small_town_context if only_small_towns(places) else in_place_context
        previous = words[i - 1][2].lower() if i > 0 else ""
        return (rule(_preceding(words, i), following) or (previous in ("and", "or") and follows_place)
                or self._then_region(text, words, j))


def _preceding(words: list[Word], i: int) -> Iterator[str]:
    """The words before words[i], backwards, for the rules' context tests."""
    return (words[k][2] for k in range(i - 1, -1, -1))


def _stands_alone(words: list[Word], i: int, j: int, run_end: int, places: tuple[Place, ...]) -> bool:
    """Whether words[i:j] is a place by the gazetteer alone. One capitalised word after another
    is the end of a person's or firm's name (Gordon Brown, Tony Scott) unless it is a
    country or region; a big town is no place when it starts a longer capitalised name
    (Michael Jordan) or the sentence."""
    after_name = i > 0 and words[i - 1][2][:1].isupper() and words[i - 1][1] + 1 == words[i][0]
    sentence_initial = i == 0
    if j == i + 1:
        if major(places) and not after_name:
            return True
        return notable(places) and not (after_name or run_end > i + 1 or sentence_initial)
    return major(places) or (notable(places) and not after_name and not sentence_initial)
