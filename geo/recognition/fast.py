"""A fast recogniser that runs no statistical model: the gazetteer over capitalised runs.

For feeds of thousands of articles a day. Every run of capitalised words (up to four, with
"of", "de" and hyphens inside: "Bosnia and Herzegovina" is found through "and") is looked up
in the gazetteer, longest first. A match is kept when the gazetteer says it is notable (a
country, region, capital, continent, or a town of 100,000 people), when the words around it
say it is a place ("in X", "near the X", "the X crossing"), or when it is a people's name
(Serbian, Kosovar). Organisations (``data/organisations.txt``), honorifics and months are
never places. It is some ten times faster than the spaCy pipeline, and a little less exact.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from geo.articles import Article
from geo.gazetteer import Gazetteer
from geo.model import Mention, Place
from geo.recognition.base import Recognizer

# Abbreviations keep their dots (U.S., D.C., W.Va., Kan.); other words end at a letter.
_WORD = re.compile(r"(?:[A-Z][a-z]?\.){2,}|[A-Z][a-z]{1,3}\.(?=[\s,;)])|[^\W\d_][\w'’.-]*[^\W_]|[^\W\d_]",
                   re.UNICODE)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]*[A-Z0-9])|\n\s*\n")
_CONNECTORS = {"of", "de", "del", "and", "upon", "on", "la", "le", "du", "da", "e", "i"}
_LOCATIVE = {"in", "near", "at", "from", "to", "into", "outside", "across", "around", "toward", "towards",
             "via", "through", "between", "inside", "within", "northern", "southern", "eastern",
             "western", "central", "of"}
_PLACE_NOUNS = {"crossing", "village", "town", "city", "municipality", "region", "border", "river", "district",
                "province", "county", "valley", "checkpoint", "airport", "area", "state", "capital"}
_NEVER = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mr", "mrs", "ms", "dr", "president", "minister", "prime", "general", "police", "army", "government",
    "the", "a", "an", "i", "we", "he", "she", "they", "it", "this", "that", "but", "and", "or", "if", "so",
    "god", "church", "university", "college", "school", "street", "road", "news", "post", "times",
    "north", "south", "east", "west", "central", "western", "eastern", "northern", "southern", "valley",
    "lake", "bay", "gulf", "man", "by", "st", "st.", "sr", "jr", "d", "human", "commerce", "market", "van",
    "union", "republic", "federal", "national", "county", "city", "state", "island", "islands", "mount",
}
_NOTABLE_POPULATION = 100_000
_MAJOR_REGION = 500_000  # a one-word region (Ohio, Kosovo's districts) needs this many people
_DETERMINER_LIKE = {"the", "a", "an", "i", "we", "he", "she", "they", "it", "this", "that", "but", "and", "or",
                    "if", "so", "mr", "mrs", "ms", "dr", "by", "no", "in", "on", "at", "for", "with", "as"}


def _notable(places: tuple[Place, ...]) -> bool:
    return any(p.is_expanse or p.feature_code in ("ADM1", "PPLC")
               or p.population >= _NOTABLE_POPULATION for p in places)


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: split after . ! ? before a capital, and at blank lines."""
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return [(a, b) for a, b in out if text[a:b].strip()]


class FastRecognizer(Recognizer):
    def __init__(self, gazetteer: Gazetteer, organisations: Sequence[str] = (), max_tokens: int = 4) -> None:
        self.gazetteer = gazetteer
        self.organisations = {o.casefold() for o in organisations}
        self.max_tokens = max_tokens

    def recognize(self, articles: Sequence[Article]) -> list[list[Mention]]:
        return [self._article(a) for a in articles]

    def _article(self, article: Article) -> list[Mention]:
        text = article.text
        out: list[Mention] = []
        for s_start, s_end in sentences(text):
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
                out.append(Mention(article.id, text[start:end], start, end, label, sentence.strip(),
                                   s_start + (len(sentence) - len(sentence.lstrip()))))
        return out

    def _then_region(self, text: str, words: list[tuple[int, int, str]], j: int) -> bool:
        """'Charleston, W.Va.', 'Gnjilica, Serbia': a comma, then a country or region."""
        if j >= len(words) or text[words[j - 1][1]:words[j][0]].strip() != ",":
            return False
        return any(p.is_country or p.feature_code == "ADM1" for p in self.gazetteer.lookup(words[j][2]))

    def _match(self, text: str, words: list[tuple[int, int, str]], i: int,
               follows_place: bool = False) -> tuple[int, str] | None:
        first = words[i][2]
        if not first[:1].isupper() or first.lower() in _DETERMINER_LIKE:
            return None
        # The run of capitalised words (with connectors inside) starting here.
        end = i + 1
        while end < len(words) and end - i < self.max_tokens + 1:
            w = words[end][2]
            if w[:1].isupper() or (w in _CONNECTORS and end + 1 < len(words) and words[end + 1][2][:1].isupper()):
                end += 1
            else:
                break
        prev = words[i - 1][2].lower() if i > 0 else ""
        prev2 = words[i - 2][2].lower() if i > 1 else ""
        sentence_initial = i == 0
        for j in range(min(end, i + self.max_tokens + 1), i, -1):
            if words[j - 1][2] in _CONNECTORS:
                continue
            name = text[words[i][0]:words[j - 1][1]]
            if name.casefold() in self.organisations:
                return j, "ORG"  # consumed, not a place
            places = self.gazetteer.lookup(name)
            if not places:
                continue
            nxt = words[j][2].lower() if j < len(words) else ""
            if all(p.feature_class == "P" and p.population == 0 for p in places):
                # Known only as small towns of unknown population (ZIP-code towns: House,
                # Interior, Emma): "in X", "X County", "X, Iowa" or "Y and X" after a place,
                # not "of X" or "the X".
                context = ((prev in _LOCATIVE and prev != "of") or nxt in _PLACE_NOUNS
                           or (prev in ("and", "or") and follows_place) or self._then_region(text, words, j))
            else:
                context = (prev in _LOCATIVE or (prev == "the" and prev2 in _LOCATIVE) or nxt in _PLACE_NOUNS
                           or (prev in ("and", "or") and follows_place) or self._then_region(text, words, j))
            if j == i + 1 and first.lower() in _NEVER:  # "in May", "in the North": not by this word alone
                continue
            if self.gazetteer.is_demonym(name):
                return j, "NORP"
            if context:
                return j, "GPE"
            major = any(p.is_expanse or p.feature_code == "PPLC"
                        or (p.feature_code == "ADM1" and p.population >= _MAJOR_REGION) for p in places)
            # One capitalised word after another is the end of a person's or firm's name
            # (Gordon Brown, Tony Scott) unless it is a country or region.
            after_name = i > 0 and words[i - 1][2][:1].isupper() and words[i - 1][1] + 1 == words[i][0]
            if j == i + 1:  # one word
                if major and not after_name:
                    return j, "GPE"
                # A big town, unless it starts or ends a longer capitalised name (Michael Jordan)
                run_continues = end > i + 1
                if _notable(places) and not (after_name or run_continues or sentence_initial):
                    return j, "GPE"
            elif major or (_notable(places) and not after_name and not sentence_initial):
                return j, "GPE"
        return None
