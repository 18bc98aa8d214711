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
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence

from geo.articles import Article
from geo.folding import ARABIC_ARTICLES
from geo.gazetteer import Gazetteer
from geo.model import Mention, Place
from geo.recognition.base import Recognizer
from geo.recognition.relations import modifier_before
from geo.recognition.rules import (
    APOSTROPHES,
    LOCATIVES,
    MISSPELT_MIN_LETTERS,
    NAME_CONNECTORS,
    NO_EVENT_WORDS,
    POSSESSIVES,
    SETTLEMENT_NOUNS,
    TITLES,
    EventWords,
    Focus,
    People,
    a_person,
    a_town_told_back,
    abbreviation_is_a_place,
    an_institution,
    apposed_place,
    apposed_place_noun,
    article_focus,
    bearing,
    countries_of,
    cued_town,
    dateline,
    established,
    firmly_a_place,
    firmly_placed,
    focus_place,
    headline_case,
    held_by_next,
    in_organisation_name,
    in_place_context,
    in_small_town_context,
    kind_after,
    major,
    may_be_spelled_otherwise,
    misspelt,
    needs_context,
    never_alone,
    not_a_name_spelled_otherwise,
    notable,
    only_small_towns,
    people_named,
    runs_into_an_unknown_name,
    sentence_spans,
    spelled_as,
    tells_back_a_town,
)

# Abbreviations keep their dots (U.S., D.C., W.Va., Kan.); other words end at a letter.
# Initials keep theirs too (George W. Bush), so "Bush" follows a capitalised word.
_WORD = re.compile(r"(?:[A-Z][a-z]?\.){2,}|[A-Z][a-z]{0,3}\.(?=[\s,;)])|[^\W\d_][\w'’.-]*[^\W_]|[^\W\d_]",
                   re.UNICODE)
# Words that start no name: "The", "He", "In" opening a sentence; titles ("Mr").
_DETERMINER_LIKE = {"the", "a", "an", "i", "we", "he", "she", "they", "it", "this", "that", "but", "and", "or",
                    "if", "so", "mr", "mrs", "ms", "dr", "by", "no", "in", "on", "at", "for", "with", "as"}

# Words as _WORD reads them, and each other sign apart: what people_named reads ("said Dejan,").
_TOKEN = re.compile(_WORD.pattern + r"|[^\w\s]", re.UNICODE)

# An Arabic article joined to the next word continues a name ("Bab al-Tabbaneh", "Ras el-Ain").
_ARTICLE_JOINED = re.compile(rf"(?:{'|'.join(sorted(ARABIC_ARTICLES, key=len, reverse=True))})-\w", re.I)
Word = tuple[int, int, str]  # start and end in the article, the word
# "the town", "the village": a settlement told back (``rules.SETTLEMENT_NOUNS``), the test before the told-back pass.
_TOLD_BACK = re.compile(rf"\bthe\s+(?:{'|'.join(sorted(SETTLEMENT_NOUNS))})\b", re.I)


_POSSESSIVE_IN_NAME = re.compile(r"\w['’]s\b")


def _without_possessive(start: int, end: int, word: str) -> Word:
    """A word without its possessive ending: "Belgrade's Slavija square" names Belgrade ("Kano's"
    folded would be Kanosh, Utah)."""
    if len(word) > 3 and word[-2] in APOSTROPHES and word[-1] in "sS":
        return start, end - 2, word[:-2]
    return start, end, word


def _possessives_kept(text: str, words: list[Word], lookup: Callable[[str], tuple[Place, ...]]) -> list[Word]:
    """The words, each that lost its possessive ending given it back where a run of capitalised
    words ending at it names a place whose own name holds the "'s" ("St. John's", "Saint Mary's";
    "Queen's" looks up Queens, which has none, so it stays "Queen"). One inside a run needs
    nothing: the run's name is read from the text ("King's Lynn")."""
    out = list(words)
    for k, (start, end, word) in enumerate(words):
        if text[end:end + 1] not in APOSTROPHES or text[end:end + 2] not in POSSESSIVES:
            continue  # no possessive was cut here
        ending = text[end:end + 2]
        first = k
        while first > 0 and k - first < 3 and (words[first - 1][2][:1].isupper()
                                               or words[first - 1][2] in NAME_CONNECTORS):
            first -= 1
        for i in range(first, k + 1):  # longest first
            if words[i][2][:1].isupper() and any(_POSSESSIVE_IN_NAME.search(p.name)
                                                 for p in lookup(text[words[i][0]:end + 2])):
                out[k] = (start, end + 2, word + ending)
                break
    return out


class FastRecognizer(Recognizer):
    def __init__(self, gazetteer: Gazetteer, organisations: Sequence[str] = (), max_tokens: int = 4,
                 event_words: EventWords = NO_EVENT_WORDS) -> None:
        self.gazetteer = gazetteer
        self.organisations = {o.casefold() for o in organisations}
        self.max_tokens = max_tokens
        self.event_words = event_words  # the event table's words, for cues ("shelled X")

    def _recognize(self, articles: Sequence[Article]) -> list[list[Mention]]:
        return [self._article(a) for a in articles]

    def _article(self, article: Article) -> list[Mention]:
        text = article.text
        sentences = [(s_start, s_end, _possessives_kept(text, [
            _without_possessive(m.start() + s_start, m.end() + s_start, m.group())
            for m in _WORD.finditer(text[s_start:s_end])], self.gazetteer.lookup))
                     for s_start, s_end in sentence_spans(text)]
        tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]  # punctuation too: "said Dejan,"
        people = people_named([t[2] for t in tokens], _people_runs(tokens, self.gazetteer))
        found: list[tuple[int, int, str, int]] = []  # start, end, label, sentence
        taken: set[int] = set()  # the starts of words a name took (an organisation's too)
        for k, (_, _, words) in enumerate(sentences):
            i, last_end = 0, -1
            while i < len(words):
                # Only a capitalised word starts a name (tested here: a call for each word costs).
                match = self._match(text, words, i, people, follows_place=i > 1 and words[i - 2][1] == last_end) \
                    if words[i][2][:1].isupper() else None
                if match is None:
                    i += 1
                    continue
                j, label = match
                taken.update(w[0] for w in words[i:j])
                start, end = words[i][0], words[j - 1][1]
                i = j
                if label == "ORG":  # an organisation's name is consumed, not a place
                    continue
                last_end = end
                found.append((start, end, label, k))
        gaz = self.gazetteer
        focus = article_focus((gaz.lookup(text[a:b]) for a, b, label, _ in found if label == "GPE"), gaz.neighbours,
                              gaz.country_km2, (gaz.lookup(text[a:b]) for a, b, label, _ in found if label == "NORP"))
        readings = self._focus_pass(text, sentences, taken, focus, people)
        taken.update(w[0] for start, end, k, _ in readings for w in sentences[k][2] if start <= w[0] < end)
        found += [(start, end, "FOCUS", k) for start, end, k, _ in readings]
        spelled = self._spelling_pass(text, sentences, taken, focus, people, found)
        found += [(start, end, "SPELLED", k) for start, end, k, _ in spelled]
        taken.update(w[0] for start, end, k, _ in spelled for w in sentences[k][2] if start <= w[0] < end)
        found += [(start, end, "TOLD", k) for start, end, k in self._told_back_pass(text, sentences, taken, focus,
                                                                                  people, found)]
        reads = {start: name for start, _, _, name in readings + spelled}
        out = []
        for start, end, label, k in sorted(found):
            s_start, s_end, _ = sentences[k]
            after = _WORD.search(text, end, s_end)
            modifier, phrase_start = modifier_before(text, start, s_start) or ("", None)
            out.append(Mention(article.id, text[start:end], start, end, label, text[s_start:s_end], s_start,
                               modifier=modifier, phrase=text[phrase_start:end] if phrase_start is not None else "",
                               kind=kind_after(text[after.start():s_end][:40]) if after else "",
                               reads=reads.get(start, "")))
        return out

    def _focus_pass(self, text: str, sentences: list[tuple[int, int, list[Word]]], taken: set[int], focus: Focus,
                    people: People) -> list[tuple[int, int, int, str]]:
        """The second pass: names of the article's focus area (``rules.article_focus``, from what
        the first found) in the capitalised runs it left, unless the article shows they are a
        person's (``rules.people_named``: runs of capitalised words that name no place are
        people's names here); a run that names nothing may misspell one (``rules.misspelt``).
        (start, end, sentence, the name a misspelt run means or "") of each."""
        if not focus.countries and not focus.points:
            return []
        out = []
        for k, (_, _, words) in enumerate(sentences):
            i = 0
            while i < len(words):
                word = words[i]
                match = self._focus_match(text, words, i, taken, focus, people) \
                    if word[2][:1].isupper() and word[0] not in taken else None
                if match is None:
                    i += 1
                    continue
                j, reads = match
                out.append((words[i][0], words[j - 1][1], k, reads))
                i = j
        return out

    def _focus_match(self, text: str, words: list[Word], i: int, taken: set[int], focus: Focus,
                     people: People) -> tuple[int, str] | None:
        """The end of the longest capitalised run at words[i] that names a place of the focus area
        (and ""), or of the whole run and the name it misspells."""
        if not words[i][2][:1].isupper() or words[i][2].lower().rstrip(".") in _DETERMINER_LIKE:
            return None
        end = i
        while end < len(words) and end - i < self.max_tokens and words[end][2][:1].isupper() \
                and words[end][0] not in taken:
            end += 1
        after_name = i > 0 and words[i - 1][2][:1].isupper() and words[i - 1][1] + 1 == words[i][0]
        for j in range(end, i, -1):
            name = " ".join(w[2] for w in words[i:j])
            # One word after a capitalised one ends a longer name; one opening a sentence is
            # capitalised by it ("One", "Most").
            if (j == i + 1 and (after_name or i == 0)) or self.gazetteer.is_demonym(name):
                continue
            following = words[j][2] if j < len(words) and words[j][0] == words[j - 1][1] + 1 else \
                _next_sign(text, words[j - 1][1])
            if focus_place(name, self.gazetteer.lookup(name), _preceding(words, i), following, focus, people):
                return j, ""
        name = " ".join(w[2] for w in words[i:end])
        # A run of two words or more one letter from a place of the focus (the misspelt
        # names are runs; every single word would cost too much here) is no person's name by
        # its form alone (the runs people_named reads here): only a title or a name before it.
        title = i > 0 and words[i - 1][2].lower().rstrip(".") in TITLES
        if end > i + 1 and not (title or after_name) and not self.gazetteer.lookup(name):
            reads = misspelt(name, self.gazetteer.lookup_key, focus, self.gazetteer.known_keys)
            if reads:
                return end, reads
        return None

    def _spelling_pass(self, text: str, sentences: list[tuple[int, int, list[Word]]], taken: set[int],
                       focus: Focus, people: People,
                       found: list[tuple[int, int, str, int]]) -> list[tuple[int, int, int, str]]:
        """The last pass: a run of capitalised words the passes before left, which the gazetteer does
        not hold, in a firm place context (``rules.firmly_a_place``: "in X", "near X", "the town of
        X"), read as another spelling of a place of the countries the places of its sentence
        (``found``) or of the article lie in (``rules.spelled_as``: "Tarhouna" for Tarhuna); not
        a person of the article nor a common word (``rules.not_a_name_spelled_otherwise``), nor in a
        sentence in a headline's case (``rules.headline_case``: "Life in Terror"). (start, end,
        sentence, the place's name) of each."""
        out = []
        for k, (_, _, words) in enumerate(sentences):
            headline = None
            for i, end in self._left_runs(words, taken):
                start = words[i][0]
                if words[end - 1][1] - start < MISSPELT_MIN_LETTERS:
                    continue  # too short, before the tests that cost more (``rules.may_be_spelled_otherwise``)
                name = text[start:words[end - 1][1]]
                if not may_be_spelled_otherwise(name) \
                        or not firmly_a_place(_preceding(words, i), _following(text, words, end), self.event_words) \
                        or self.gazetteer.lookup(name) or a_person(name, people):
                    continue
                beside = countries_of(self.gazetteer.lookup(text[a:b]) for a, b, label, at in found
                                      if at == k and label != "ORG>PART")
                reads = spelled_as(name, self.gazetteer.spelled_otherwise, focus, beside)
                if reads and headline is None:
                    headline = headline_case(w[2] for w in words)
                if reads and not headline and not not_a_name_spelled_otherwise(text, name):
                    out.append((start, words[end - 1][1], k, reads))
        return out

    def _told_back_pass(self, text: str, sentences: list[tuple[int, int, list[Word]]], taken: set[int],
                        focus: Focus, people: People,
                        found: list[tuple[int, int, str, int]]) -> list[tuple[int, int, int]]:
        """A run of capitalised words the passes before left that the report tells back as a
        settlement before it names another place ("Djibo has been under blockade ... outside the
        town"): a town by ``rules.a_town_told_back`` (in the countries the article names or whose
        people it names), not a person of the article. (start, end, sentence) of each."""
        if not _TOLD_BACK.search(text):
            return []  # no settlement told back: most articles
        gaz = self.gazetteer
        countries = {p.country_code for a, b, label, _ in found for p in gaz.lookup(text[a:b]) if p.is_country}
        place_starts = sorted(a for a, b, label, _ in found if label not in ("NORP", "ORG>PART"))
        every = [w for _, _, words in sentences for w in words]
        starts = [w[0] for w in every]
        out = []
        for k, (_, _, words) in enumerate(sentences):
            for i, end in self._left_runs(words, taken):
                start = words[i][0]
                for j in range(end, i, -1):  # longest first
                    name = text[start:words[j - 1][1]]
                    places = gaz.lookup(name)
                    if not places or not a_town_told_back(name, places, countries):
                        continue
                    later = bisect_right(place_starts, start)  # the next place named, where the words stop
                    stop = bisect_left(starts, place_starts[later]) if later < len(place_starts) else len(every)
                    if tells_back_a_town(w[2] for w in every[bisect_right(starts, words[j - 1][1]):stop]) \
                            and not a_person(name, people, places, focus):
                        out.append((start, words[j - 1][1], k))
                    break
        return out

    def _left_runs(self, words: list[Word], taken: set[int]) -> Iterator[tuple[int, int]]:
        """(start, end) word indices of each run of capitalised words (up to ``max_tokens``) that starts
        with a word no pass took, not after another capitalised word, nor with a determiner's."""
        for i, (start, _, word) in enumerate(words):
            if not word[:1].isupper() or start in taken or word.lower() in _DETERMINER_LIKE or (
                    i > 0 and words[i - 1][2][:1].isupper() and words[i - 1][1] + 1 == start):
                continue
            end = i + 1
            while end < len(words) and end - i < self.max_tokens and words[end][0] not in taken \
                    and words[end][0] == words[end - 1][1] + 1 and words[end][2][:1].isupper():
                end += 1
            yield i, end

    def _then_region(self, text: str, words: list[Word], j: int) -> bool:
        """'Charleston, W.Va.', 'Gnjilica, Serbia': a comma, then a country or region."""
        if j >= len(words) or text[words[j - 1][1]:words[j][0]].strip() != ",":
            return False
        return any(p.is_country or p.feature_code == "ADM1" for p in self.gazetteer.lookup(words[j][2]))

    def _match(self, text: str, words: list[Word], i: int, people: People,
               follows_place: bool = False) -> tuple[int, str] | None:
        """(end, label) of the name starting at words[i], longest first; the label "ORG" for an
        organisation's name, which is consumed but is no place."""
        first = words[i][2]
        bare = first.lower().rstrip(".")  # "Dr." is "dr"
        if not first[:1].isupper() or bare in _DETERMINER_LIKE:
            return None
        run_end = self._run_end(words, i)
        for j in range(run_end, i, -1):
            if words[j - 1][2] in NAME_CONNECTORS:
                continue
            name = text[words[i][0]:words[j - 1][1]]
            if name.casefold() in self.organisations:
                return j, "ORG"
            places = self.gazetteer.lookup(name)
            if not places or (j == i + 1 and never_alone(bare)):  # "in May", "in the North"
                continue
            if j < len(words) and self._name_goes_on(text, words, j, j < run_end, name, places):
                continue  # "Bab al-Tabbaneh", "Boko Haram": the name goes on
            if self.gazetteer.is_demonym(name):
                return j, "NORP"
            if dateline(name, i == 0 and _line_start(text, words[0][0]), text[words[j - 1][1]:words[j - 1][1] + 80]) \
                    and (established(places) or notable(places)):
                return j, "GPE"
            if not abbreviation_is_a_place(name, places) or an_institution(
                    _preceding(words, i), name, _next_sign(text, words[j - 1][1]), places):
                continue
            in_context = self._in_context(text, words, i, j, places, follows_place)
            if (needs_context(name, places, Focus()) or a_person(name, people, places)) and not in_context:
                continue
            if in_context or _stands_alone(words, i, j, run_end, places):
                after = [w[2] for w in words[j:j + 3]]
                return j, "ORG>PART" if in_organisation_name(_preceding(words, i), after) else "GPE"
        return None

    def _name_goes_on(self, text: str, words: list[Word], j: int, in_run: bool, name: str,
                      places: tuple[Place, ...]) -> bool:
        """Whether the name words[:j] goes on into words[j]: an Arabic article joined to it ("Bab al-Tabbaneh"),
        or, in its run of capitalised words (``in_run``), a longer name the gazetteer does not know
        (``rules.runs_into_an_unknown_name``: "Boko Haram")."""
        if words[j][0] == words[j - 1][1] + 1 and _ARTICLE_JOINED.match(words[j][2]):
            return True
        return in_run and text[words[j - 1][1]:words[j][0]] == " " \
            and runs_into_an_unknown_name(name, [w[2] for w in words[j:j + 3]], places, self.gazetteer.lookup)

    def _run_end(self, words: list[Word], i: int) -> int:
        """The end of the run of capitalised words (with connectors inside) starting at words[i]."""
        end = i + 1
        while end < len(words) and end - i < self.max_tokens + 1:
            w = words[end][2]
            if w[:1].isupper() or (w in NAME_CONNECTORS and end + 1 < len(words) and words[end + 1][2][:1].isupper()):
                end += 1
            else:
                break
        return end

    def _in_context(self, text: str, words: list[Word], i: int, j: int, places: tuple[Place, ...],
                    follows_place: bool) -> bool:
        """Whether the words around words[i:j] say it is a place: the rules' contexts (the
        small-town rule for ZIP-code towns: House, Interior, Emma), "Y and X" after a place,
        "X, Iowa"."""
        after = _signs_after(text, words[j - 1][1])
        if after[:1] == [","]:
            after = _signs_after(text, words[j - 1][1], 9)  # an apposition reads up to nine
        # "the Ain Zara district": the kind word or office is the longer name's ("Ethiopia's Amhara
        # region" and "The Amhara region" stay).
        before = words[i - 1][2] if i > 0 else ""
        longer = before[:1].isupper() and words[i - 1][1] + 1 == words[i][0] and before[-2:] not in POSSESSIVES \
            and before.lower() not in _DETERMINER_LIKE
        if only_small_towns(places):  # "Tessalit, a town in the north": an apposition tells
            following = apposed_place_noun(after) or ("" if longer or j >= len(words) else words[j][2])
            placed = in_small_town_context(_preceding(words, i), following)
        else:
            placed = in_place_context(_preceding(words, i), [] if longer else after)
        previous = words[i - 1][2].lower() if i > 0 else ""
        comma = bool(after) and after[0] == ","
        return (placed or (previous in ("and", "or") and follows_place)
                or (comma and (apposed_place(after) or held_by_next(places, after, self.gazetteer.lookup)))
                or self._then_region(text, words, j) or cued_town(text[words[i][0]:words[j - 1][1]], places,
                                                                  _preceding(words, i), self.event_words,
                                                                  _following(text, words, j)))


def _following(text: str, words: list[Word], j: int) -> list[str]:
    """The words after words[:j], its possessive ending first ("Gjilan's market": "'s", "market"),
    for ``rules.placed_after``."""
    end = words[j - 1][1]
    own = [text[end:end + 2]] if text[end:end + 2] in POSSESSIVES else []
    return own + [w[2] for w in words[j:j + 5]]


def _signs_after(text: str, end: int, n: int = 5) -> list[str]:
    """The words and signs after text[:end], past a possessive ending, each without its own
    ("X's district": "district"; "the X district's hospital": "district")."""
    if text[end:end + 2] in POSSESSIVES:
        end += 2
    return [_without_possessive(m.start(), m.end(), m.group())[2]
            for m, _ in zip(_TOKEN.finditer(text, end), range(n), strict=False)]


def _next_sign(text: str, end: int) -> str:
    """The word or sign after text[:end] ("," in "at the Hub, a centre")."""
    m = _TOKEN.search(text, end)
    return m.group() if m else ""


def _line_start(text: str, start: int) -> bool:
    """Whether text[start] opens a line."""
    before = text[:start].rstrip(" \t")
    return not before or before.endswith("\n")


def _people_runs(words: list[Word], gazetteer: Gazetteer) -> Iterator[tuple[int, int]]:
    """Runs of two or more capitalised words, side by side, that name no place and whose first
    word names none either, nor stand firmly placed ("residents of X"): people's names ("Albin
    Kurti", not "Kosovo Police" nor "In Prishtina"), for ``rules.people_named``."""
    caps = [i for i, w in enumerate(words) if w[2][:1].isupper()]
    k = 0
    while k < len(caps):
        i = j = caps[k]
        while k + 1 < len(caps) and caps[k + 1] == j + 1 and words[j + 1][0] == words[j][1] + 1:
            k += 1
            j += 1
        k += 1
        first = words[i][2].lower()
        if j > i and first not in _DETERMINER_LIKE and first not in LOCATIVES and not gazetteer.lookup(words[i][2]) \
                and not gazetteer.lookup(" ".join(w[2] for w in words[i:j + 1])) \
                and not firmly_placed(_preceding(words, i)):  # "residents of Wanla Weyn": a place spelled otherwise
            yield i, j + 1


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
        # One that starts a longer name is a country or region by its own name, not as another
        # of its names ("Srpska Lista", a party, is no Republika Srpska).
        if major(bearing(places, words[i][2]) if run_end > i + 1 else places) and not after_name:
            return True
        return notable(places) and not (after_name or run_end > i + 1 or sentence_initial)
    return major(places) or (notable(places) and not after_name and not sentence_initial)
