"""The rules of recognition, written once for every recogniser.

The spaCy components (``components.py``), the fast recogniser (``fast.py``) and the
evaluation's gold mentions all read their word lists, their tests of what the gazetteer
says about a name, and their sentences from here:

- word lists: what before a name says it is a place ("in", "near the"), what after it does
  ("crossing", "municipality"), and words that are never a place by themselves;
- tests on a name's gazetteer entries: notable, credible, major, the small-town rule;
- one sentence splitter. An incident is a sentence, so every recogniser cuts the same ones.

The context rules take plain words as written, so a spaCy token and a regex word are judged
alike: ``preceding`` runs backwards from the word just before the name.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable

from geo.folding import fold
from geo.model import Place

# --- words ---------------------------------------------------------------------------------

# Words before a name that make it a place: "in X", "near the X", "northern X".
LOCATIVES = frozenset({
    "in", "near", "at", "from", "to", "into", "outside", "across", "around", "toward", "towards", "via",
    "through", "between", "of", "inside", "within", "north", "south", "east", "west", "northern",
    "southern", "eastern", "western", "central",
})
# "of" is the weakest of them: the Department of Interior, members of the House.
WEAK_LOCATIVES = frozenset({"of"})
# Words after a name that make it a place: "the Jarinje crossing", "Leposavic municipality".
PLACE_NOUNS = frozenset({
    "crossing", "village", "town", "city", "municipality", "region", "border", "river", "district",
    "province", "county", "valley", "checkpoint", "airport", "area", "state", "capital", "lake",
    "mountain", "mountains", "bridge", "suburb", "neighbourhood", "neighborhood", "camp",
})
DETERMINERS = frozenset({"the", "a", "an"})
_THE = frozenset({"the"})
# Words that are never a place by themselves, whatever the gazetteer says (a month, a title,
# a direction, a word that opens an organisation's name: "in May", "the North", "New Party").
NOT_PLACES_ALONE = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mr", "mrs", "ms", "dr", "president", "minister", "prime", "general", "police", "army", "government",
    "the", "a", "an", "i", "we", "he", "she", "they", "it", "this", "that", "but", "and", "or", "if", "so",
    "god", "church", "university", "college", "school", "street", "road", "news", "post", "times",
    "north", "south", "east", "west", "central", "western", "eastern", "northern", "southern", "valley",
    "lake", "bay", "gulf", "man", "by", "st", "sr", "jr", "d", "human", "commerce", "market", "van",
    "union", "republic", "federal", "national", "county", "city", "state", "island", "islands", "mount",
    "new", "upper", "lower", "great", "greater", "united", "royal", "saint",
})


# --- what the gazetteer says about a name ----------------------------------------------------

NOTABLE_POPULATION = 100_000
# A one-word region the fast recogniser takes without context needs this many people (Ohio,
# not the districts of a small country).
MAJOR_REGION_POPULATION = 500_000


def credible(places: tuple[Place, ...], min_population: int) -> bool:
    """Whether a name's candidates are notable enough to trust in an entity the model labelled
    otherwise: a country, continent, sea or region, or a town of some size."""
    return any(p.is_expanse or p.feature_code == "ADM1" or p.population >= min_population for p in places)


def notable(places: tuple[Place, ...], min_population: int = NOTABLE_POPULATION) -> bool:
    """Stricter than ``credible``, for a name no model tagged: common words are small towns
    somewhere (Federal, Republic), but not countries, regions or capitals."""
    return any(p.is_expanse or p.feature_code in ("ADM1", "PPLC") or p.population >= min_population
               for p in places)


def major(places: tuple[Place, ...]) -> bool:
    """A place to take by its name alone, even after another capitalised word: a country, sea
    or continent, a capital, a populous region."""
    return any(p.is_expanse or p.feature_code == "PPLC"
               or (p.feature_code == "ADM1" and p.population >= MAJOR_REGION_POPULATION) for p in places)


def bearing(places: tuple[Place, ...], text: str) -> tuple[Place, ...]:
    """The places that bear ``text`` as their own name, and the countries, continents,
    regions and seas it is an alias of (Britain, the Pacific). A common word is some town's
    alternate name often ("City" is London's, "No" Haiti's Nord): that alone does not make
    it a place."""
    key = fold(text)
    return tuple(p for p in places if p.is_expanse or fold(p.name) == key)


def only_small_towns(places: tuple[Place, ...]) -> bool:
    """Known only as small towns of unknown population (ZIP-code towns: House, Interior,
    Register): as likely an institution, a newspaper or a common word."""
    return all(p.feature_class == "P" and p.population == 0 for p in places)


# --- the words around a name -----------------------------------------------------------------

# A compass point in capitals is part of a name, not a direction before one: "North Side",
# "East Bank", "South Philadelphia" (but "north Kosovo", "northern Kosovo").
_COMPASS_POINTS = frozenset({"north", "south", "east", "west"})


def _locative(word: str) -> bool:
    lower = word.lower()
    return lower in LOCATIVES and not (lower in _COMPASS_POINTS and word[:1].isupper())


def locative_before(preceding: Iterable[str], tagged: bool = False) -> str:
    """The locative word before a name ("in X", "near the X"), in lower case, or "".

    A place's name takes "the"; used as an adjective it takes "a" too ("at a Buford home"),
    but so does a firm's or a protein's ("an FDA report", "a Kelch protein"). So "a" and
    "an" are passed over only for a name the model ``tagged`` as an entity."""
    skipped = DETERMINERS if tagged else _THE
    for word in preceding:
        if word.lower() not in skipped:
            return word.lower() if _locative(word) else ""
    return ""


def in_place_context(preceding: Iterable[str], following: str, tagged: bool = False) -> bool:
    """Whether the words around a name say it is a place: "in X", "near the X", "the X
    crossing"."""
    return following.lower() in PLACE_NOUNS or bool(locative_before(preceding, tagged))


def in_small_town_context(preceding: Iterable[str], following: str) -> bool:
    """The small-town rule: a name known ``only_small_towns`` is a place only when the words
    say so more firmly. Town names take no article ("the House", "the Register" are
    Congress and a newspaper), and "of" is too weak ("the Department of Interior") unless a
    place noun comes before it ("the village of Iruya"); "in Lanexa" and "the Lanexa
    crossing" are places."""
    if following.lower() in PLACE_NOUNS:
        return True
    words = iter(preceding)
    previous = next(words, "")
    if previous.lower() in WEAK_LOCATIVES:
        return next(words, "").lower() in PLACE_NOUNS
    return _locative(previous)


# --- sentences -------------------------------------------------------------------------------

# A candidate end: . ! ? or … with any closing quotes and brackets, then white space; or a
# line break (with the white space around it).
_BREAK = re.compile(r"([.!?…]+)([\"'”’»)\]]*)\s+|[ \t]*\n\s*")
# What opens the next sentence: opening quotes or brackets, then a word.
_NEXT = re.compile(r"[\"'“‘«(\[]*(\w*)(\.?)")
# Before these the period is a title's: a name follows ("Gen. Smith", "St. Louis").
_TITLES = frozenset({
    "Mr", "Mrs", "Ms", "Messrs", "Dr", "Prof", "Gen", "Gens", "Lt", "Col", "Maj", "Capt", "Cmdr", "Cpl", "Sgt",
    "Pvt", "Adm", "Brig", "Gov", "Sen", "Sens", "Rep", "Reps", "Rev", "Fr", "Msgr", "Hon", "Pres", "Supt",
    "Det", "Insp", "Atty", "St", "Mt", "Ft",
})
# Before a number these are no sentence's end: "Jan. 5", "No. 10", "Rt. 66".
_BEFORE_NUMBERS = frozenset({
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "No", "Nos", "no",
    "Art", "Vol", "vol", "p", "pp", "Fig", "Rt", "Rte", "Hwy", "Ste", "Apt", "ca", "approx",
})
# Abbreviations that can end a sentence, but seldom do: after one, a sentence starts only
# with a word that could not go on a name (below). Firms, suffixes, AP's US states; dotted
# abbreviations (U.S., D.C., a.m.) and initials (George W. Bush) are found by their form.
_ABBREVIATIONS = frozenset({
    "Jr", "Sr", "Inc", "Corp", "Co", "Ltd", "Bros", "Plc", "Esq", "Dept", "Univ", "Assn", "Ave", "Blvd", "Rd",
    "vs", "etc", "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Kans",
    "Ky", "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa", "Tenn",
    "Tex", "Va", "Vt", "Wash", "Wis", "Wyo",
})
# Words that open sentences and go on no name: after "in the U.S." the word "The" starts a
# sentence, "Rep." or "Army" does not.
_OPENERS = frozenset({
    "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "His", "Her", "Its", "Their", "Our", "My",
    "This", "That", "These", "Those", "There", "Here", "But", "And", "Or", "So", "Yet", "In", "On", "At",
    "For", "From", "With", "After", "Before", "When", "While", "If", "As", "Although", "Though", "Since",
    "Because", "During", "By", "Meanwhile", "However", "Now", "Then", "Also", "Some", "Many", "Most", "All",
    "Both", "Each", "What", "Who", "Why", "How", "Where", "Which", "One", "Two", "Three", "Still", "Yesterday",
    "Today",
})


def _word_before(text: str, end: int) -> str:
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end].lstrip("\"'“‘«([")


def _is_abbreviation(word: str) -> bool:
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()) or ("." in word and word[-1:].isalpha())


def _ends_sentence(text: str, m: re.Match) -> bool:
    """Whether the candidate break ``m`` ends a sentence."""
    punctuation = m.group(1)
    lines = (text[m.end(2):m.end()] if punctuation else m.group()).count("\n")
    if lines >= 2:  # a blank line ends a paragraph
        return True
    following = _NEXT.match(text, m.end())
    word = following.group(1)
    if word[:1].islower():  # a line wrapped inside a sentence, "the U.S. state of Missouri"
        return False
    if lines or m.group(2) or not punctuation.endswith("."):  # a line break; a closed quote; ! or ?
        return True
    before = _word_before(text, m.start(1))
    if before in _TITLES:
        return False
    if before in _BEFORE_NUMBERS and word[:1].isdigit():
        return False
    if _is_abbreviation(before):
        return word in _OPENERS and not following.group(2)  # "A." is an initial, not the article
    return True


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``, white space outside.

    A sentence ends at . ! ? or … (closing quotes and brackets go with it) before a word that
    does not go on in lower case; at a blank line; and at a line break before a line that
    does not go on in lower case (a heading, a list item). A period after a title is no end
    ("Gen. Smith", "St. Louis"), nor one before a number after "Jan.", "No."...; after other
    abbreviations (U.S., Inc., Ga., initials) a sentence ends only before a word like "The"
    or "He" that goes on no name: "in the U.S. The president", not "U.S. Rep. Smith"."""
    out: list[tuple[int, int]] = []
    start = len(text) - len(text.lstrip())
    for m in _BREAK.finditer(text):
        if m.end() >= len(text) or not _ends_sentence(text, m):
            continue
        end = m.end(2) if m.group(1) else m.start()
        if end > start:
            out.append((start, end))
        start = m.end()
    end = len(text.rstrip())
    if end > start:
        out.append((start, end))
    return out


class Sentences:
    """The sentences of one text, to find the one around a span."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans = sentence_spans(text)
        self._starts = [start for start, _ in self.spans]

    def around(self, start: int, end: int) -> tuple[str, int]:
        """The sentence holding text[start:end] (the sentences it spans, if more than one) and
        its offset."""
        if not self.spans:
            return "", 0
        first = max(bisect_right(self._starts, start) - 1, 0)
        last = max(bisect_right(self._starts, max(end - 1, start)) - 1, first)
        begin, stop = self.spans[first][0], self.spans[last][1]
        return self.text[begin:stop], begin
