"""spaCy components that turn a parsed document into place spans.

``geo_sentences`` runs first and cuts the sentences (``rules.sentence_spans``); after
spaCy's own ``ner``:

- ``geo_entity_places``: entities labelled as places (GPE, LOC, FAC), peoples' names that
  the gazetteer knows as demonyms (NORP: Serbian, Kosovar), and ORG or PERSON entities
  that are in fact gazetteer places (the small English model tags Zubin Potok as ORG).
- ``geo_gazetteer_matcher``: proper-noun runs the model left untagged that the gazetteer
  knows (Jarinje, Serbia in "Serbia and Kosovo" when the model misses it).
- ``geo_organisation_filter``: drops organisations that share a name with a place (NATO
  is also a village in the Philippines).

Each writes ``doc.spans["places"]``; a span's label says why it was taken. The word lists
and the tests of what the gazetteer says about a name are ``rules.py``'s.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property

import numpy as np
from spacy.attrs import IDX, IS_ALPHA, IS_SPACE, IS_UPPER, LENGTH, ORTH, POS, SENT_START
from spacy.language import Language
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span

from geo.gazetteer import Gazetteer, open_gazetteer
from geo.model import Place
from geo.recognition.rules import (
    DATELINE,
    DETERMINERS,
    FIRM_LOCATIVES,
    LOCATIVES,
    NAME_CONNECTORS,
    NO_EVENT_WORDS,
    PLACE_NOUNS,
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
    credible,
    cued_town,
    dateline,
    dateline_region,
    established,
    firmly_a_place,
    firmly_placed,
    focus_place,
    headline_case,
    held_by_next,
    in_organisation_name,
    in_place_context,
    in_small_town_context,
    lies_in,
    may_be_spelled_otherwise,
    mislabelled_town,
    misspelt,
    named_unit,
    needs_context,
    never_alone,
    no_part_of_a_name,
    not_a_name_spelled_otherwise,
    notable,
    only_small_towns,
    people_named,
    placed_after,
    qualifies_a_noun,
    repaired_parts,
    sentence_spans,
    spelled_as,
    tells_back_a_town,
    written_as,
)

SPANS_KEY = "places"
# Entities of these labels never hold a place (numbers, money, times).
_NO_PLACE_LABELS = frozenset({"CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "TIME"})

# The article's focus and the words that name people in it, set by geo_entity_places for the
# components after it.
for _name in ("geo_focus", "geo_people"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)
# The name a span misspells by a letter ("Zubik Potok": "Zubin Potok") or spells otherwise than the
# gazetteer ("Tarhouna": "Tarhuna"), for Mention.reads.
if not Span.has_extension("geo_reads"):
    Span.set_extension("geo_reads", default="")


@Language.component("geo_sentences")
def set_sentences(doc: Doc) -> Doc:
    """Sentence starts from ``rules.sentence_spans``, the splitter every recogniser uses (the
    model's NER keeps its entities inside them). As with spaCy's ``sentencizer``, white space
    between sentences (a blank line is a token) opens the next one: an entity does not take
    it in, and a paragraph's first word is judged as a name like any other."""
    if not len(doc):
        return doc
    ends = np.array([end for _, end in sentence_spans(doc.text)[:-1]], dtype=np.int64)
    first_tokens = np.searchsorted(doc.to_array(IDX).astype(np.int64), ends)
    sent_start = np.full(len(doc), -1, dtype=np.int64)
    sent_start[first_tokens[first_tokens < len(doc)]] = 1
    sent_start[0] = 1
    doc.from_array([SENT_START], sent_start.astype(np.uint64))
    return doc


class GazetteerComponent:
    """A component that looks names up. The gazetteer opens on first use (spaCy builds
    components when it loads a pipeline) and once: not again for every document. The event
    table's words (``rules.EventWords``) are set by ``load_pipeline``."""

    gazetteer_path: str
    event_words: EventWords = NO_EVENT_WORDS

    @cached_property
    def gazetteer(self) -> Gazetteer:
        return open_gazetteer(self.gazetteer_path or None)


def _preceding(doc: Doc, start: int) -> Iterator[str]:
    """The words before doc[start], backwards, for the rules' context tests."""
    return (doc[i].text for i in range(start - 1, -1, -1))


def _next_words(doc: Doc, end: int, n: int = 3) -> list[str]:
    return [t.text for t in doc[end:end + n]]


def _following(doc: Doc, end: int) -> str:
    return doc[end].text if end < len(doc) else ""


def _line_text(doc: Doc, start: int, limit: int = 40) -> str:
    """The text of doc[start:] to the end of its line (at most ``limit`` tokens): read from the
    tokens, as ``doc.text`` joins the whole document's."""
    parts = []
    for token in doc[start:start + limit]:
        if token.is_space and "\n" in token.text:
            break
        parts.append(token.text_with_ws)
    return "".join(parts)


def _a_dateline(doc: Doc, name: str, start: int, end: int) -> bool:
    """``rules.dateline`` for doc[start:end], named ``name``."""
    return _line_start(doc, start) and dateline(name, True, doc[end - 1].whitespace_ + _line_text(doc, end))


def _dateline_names(doc: Doc, regions: bool = False) -> Iterator[tuple[int, int]]:
    """The tokens of the names in ``rules.DATELINE``'s form that open the text or a line; with
    ``regions``, also of the country or region after each (``rules.dateline_region``)."""
    if not len(doc):
        return
    spaces = np.flatnonzero(doc.to_array(IS_SPACE)).tolist()
    for start in [0, *(i + 1 for i in spaces if i + 1 < len(doc) and "\n" in doc[i].text)]:
        if not doc[start].text[:1].isupper():
            continue
        line = _line_text(doc, start)
        m = DATELINE.match(line)
        at = doc[start].idx
        span = doc.char_span(at + m.start("place"), at + m.end("place")) if m else None
        if span is None:
            continue
        yield span.start, span.end
        region = dateline_region(line[m.end("place"):]) if regions else None
        if region is not None:
            span = doc.char_span(at + m.end("place") + region[0], at + m.end("place") + region[1])
            if span is not None:
                yield span.start, span.end


def _dateline_cut(doc: Doc, entities: list[tuple[Span, str]], gaz: Gazetteer) -> list[tuple[Span, str]]:
    """The entities, each that the model ran over a dateline's place or its country or region
    ("Ub, Serbia - Farmers" as one ORG) cut to those names (the place with the model's label, the
    region a GPE), and a country or region of a dateline the model labelled otherwise ("Gao, Mali
    (AP)": "Mali" a PERSON) labelled a GPE."""
    parts = list(_dateline_names(doc, regions=True))
    if not parts:
        return entities
    places = set(_dateline_names(doc))
    out: list[tuple[Span, str]] = []
    for ent, label in entities:
        inside = [(a, b) for a, b in parts if ent.start <= a and b <= ent.end]
        if inside and (ent.start, ent.end) not in inside:
            # the place keeps the model's label, which the dateline rule reads (a person of the article
            # named like the town does not undo a dateline); its country or region is a GPE
            out.extend((doc[a:b], label if (a, b) in places else "GPE") for a, b in inside
                       if gaz.lookup(doc[a:b].text))
        elif (ent.start, ent.end) in parts and (ent.start, ent.end) not in places \
                and any(p.is_country or p.feature_code == "ADM1" for p in bearing(gaz.lookup(ent.text), ent.text)):
            # the region only: the place itself keeps the model's label, which the dateline rule reads
            out.append((ent, "GPE"))
        else:
            out.append((ent, label))
    return out


def _kind_after(doc: Doc, end: int) -> str:
    """The word after doc[:end], or the place noun of an apposition there (", a town"): what
    lets a town of unknown population be one (the small-town rule)."""
    return apposed_place_noun(_next_words(doc, end, 8)) or _following(doc, end)


def _in_place_context(doc: Doc, start: int, end: int, tagged: bool) -> bool:
    """``rules.in_place_context`` ("in X", "the X crossing", "the X regional governor") or an
    apposition that says it is a place (``_apposed_place``); ``tagged`` when the model made
    doc[start:end] an entity."""
    return in_place_context(_preceding(doc, start), _next_words(doc, end), tagged) or _apposed_place(doc, end)


def _apposed_place(doc: Doc, end: int) -> bool:
    """``rules.apposed_place`` for the words after doc[:end]."""
    return apposed_place(_next_words(doc, end, 9))


def _held_by_next(doc: Doc, start: int, end: int, gaz: Gazetteer, places: tuple[Place, ...] | None = None) -> bool:
    """``rules.held_by_next`` for doc[start:end] ("Fresnillo, in Zacatecas,")."""
    if end >= len(doc) or doc[end].text != ",":
        return False
    return held_by_next(gaz.lookup(doc[start:end].text) if places is None else places, _next_words(doc, end, 6),
                        gaz.lookup)


def _a_unit_named(doc: Doc, k: int, gaz: Gazetteer) -> bool:
    """``rules.named_unit`` for doc[k] and the word after it ("Daraa province")."""
    following = _following(doc, k + 1)
    return following.lower() in PLACE_NOUNS and named_unit(doc[k].text, gaz.lookup(doc[k].text), following)


def _a_small_town_out_of_context(doc: Doc, start: int, end: int, places: tuple[Place, ...]) -> bool:
    """The small-town rule (``rules.in_small_town_context``): "the House", "the Register"."""
    return only_small_towns(places) and not in_small_town_context(_preceding(doc, start), _kind_after(doc, end))


def _joined(doc: Doc, gaz: Gazetteer) -> list[tuple[Span, str]]:
    """The model's entities with their labels, two side by side (or with a short word in lower
    case between) that name a place together joined as one GPE: the model cuts names it does
    not know ("Fushë" NORP, "Kosova" PERSON; "Drini" PERSON, "i", "Bardhë" GPE)."""
    ents, out, k = list(doc.ents), [], 0
    while k < len(ents):
        ent = ents[k]
        gap = ents[k + 1].start - ent.end if k + 1 < len(ents) else -1
        joins = gap == 0 or (gap == 1 and doc[ent.end].is_lower and len(doc[ent.end]) <= 3)
        if joins and gaz.lookup(doc[ent.start:ents[k + 1].end].text):
            out.append((doc[ent.start:ents[k + 1].end], "GPE"))
            k += 2
            continue
        out.extend((part, ent.label_) for part in _relation_split(doc, _hyphen_extended(doc, ent, gaz), gaz))
        k += 1
    return out


def _relation_split(doc: Doc, ent: Span, gaz: Gazetteer) -> list[Span]:
    """An entity cut where the model ran a place and the town it lies near into one ("Zhur near
    Prizren" as an ORG): at "near" or "outside" between capitalised words, unless the gazetteer
    knows the whole; at "in" when the gazetteer puts what comes before inside the unit after
    ("Tame in Arauca" as an ORG: the town in its department)."""
    cuts = [t.i for t in ent[1:-1] if t.is_lower and doc[t.i - 1].text[:1].isupper()
            and doc[t.i + 1].text[:1].isupper()
            and (t.lower_ in FIRM_LOCATIVES
                 or t.lower_ == "in" and lies_in(gaz.lookup(doc[ent.start:t.i].text),
                                                 gaz.lookup(doc[t.i + 1:ent.end].text)))]
    if not cuts or gaz.lookup(ent.text):
        return [ent]
    bounds = [ent.start, *cuts, ent.end]
    return [doc[a + (a != ent.start):b] for a, b in zip(bounds, bounds[1:], strict=False)]


def _hyphen_chain(doc: Doc, k: int) -> bool:
    """Whether doc[k] is a hyphen inside a word ("Croix-des-Bouquets", "Port-au-Prince"): the
    tokeniser cuts a name there."""
    return 0 < k < len(doc) - 1 and doc[k].text == "-" and not doc[k - 1].whitespace_ \
        and not doc[k].whitespace_ and doc[k + 1].is_alpha


def _hyphen_extended(doc: Doc, ent: Span, gaz: Gazetteer) -> Span:
    """The entity run on over the hyphened parts after it when the whole is a place the
    gazetteer knows (the model keeps "Croix" of "Croix-des-Bouquets")."""
    best, k = ent, ent.end
    while _hyphen_chain(doc, k):
        k += 2
        if gaz.lookup(doc[ent.start:k].text):
            best = doc[ent.start:k]
    return best


def _words(doc: Doc) -> list[str]:
    """The text of every token, from the string store (a Token object for each word, or
    ``doc.text``, would cost more than the rest of the component)."""
    strings = doc.vocab.strings
    return [strings[o] for o in doc.to_array(ORTH).tolist()] if len(doc) else []


def _line_start(doc: Doc, start: int) -> bool:
    """Whether doc[start] opens a line (the text, or a line break before it)."""
    return start == 0 or (doc[start - 1].is_space and "\n" in doc[start - 1].text)


# The labels of a name a settlement's word may tell back as a town (``_told_back``).
_TOLD_BACK_LABELS = frozenset({"PERSON", "ORG"})

# Between the parts of one entity the model ran together: a list, or a place and its unit in brackets.
_LIST_BREAKS = frozenset({"and", "or", ",", "&", "(", ")", "/"})  # "/": two names of one place ("Derry/Londonderry")


def _list_parts(span: Span) -> list[tuple[int, int]]:
    """(start, end) of each item of a list the model ran into one entity ("Zvečan and
    Leposavić"), or of the whole."""
    parts, start = [], span.start
    for tok in span:
        if tok.lower_ in _LIST_BREAKS:
            parts.append((start, tok.i))
            start = tok.i + 1
    parts.append((start, span.end))
    return [(a, b) for a, b in parts if a < b]


def _set_places(doc: Doc, spans: Iterable[Span]) -> None:
    doc.spans[SPANS_KEY] = sorted(spans, key=lambda s: (s.start, -s.end))


def _strip_article(span: Span) -> Span:
    """'the Balkans' -> 'Balkans': the determiner is not part of the name."""
    start = span.start
    while start < span.end - 1 and span.doc[start].lower_ in DETERMINERS:
        start += 1
    end = span.end
    while end > start + 1 and span.doc[end - 1].is_punct:
        end -= 1
    return span.doc[start:end] if (start, end) != (span.start, span.end) else span


def _strip_lower_tail(span: Span) -> Span:
    """'Bor overnight' -> 'Bor': a time word or a verb the model ran on after a name."""
    end = span.end
    while end > span.start + 1 and span.doc[end - 1].is_lower and no_part_of_a_name(span.doc[end - 1].text):
        end -= 1
    return span.doc[span.start:end] if end != span.end and not span.doc[end - 1].is_lower else span


@Language.factory(
    "geo_entity_places",
    default_config={
        "gazetteer_path": "",
        "place_labels": ["GPE", "LOC", "FAC"],
        "demonym_labels": ["NORP"],
        "reclassify_labels": ["ORG", "PERSON"],
        "min_population": 1000,
        "min_population_one_word": 100_000,
    },
)
def make_entity_places(nlp: Language, name: str, gazetteer_path: str, place_labels: list[str],
                       demonym_labels: list[str], reclassify_labels: list[str],
                       min_population: int, min_population_one_word: int) -> EntityPlaces:
    return EntityPlaces(gazetteer_path, place_labels, demonym_labels, reclassify_labels, min_population,
                        min_population_one_word)


class EntityPlaces(GazetteerComponent):
    def __init__(self, gazetteer_path: str, place_labels: list[str], demonym_labels: list[str],
                 reclassify_labels: list[str], min_population: int, min_population_one_word: int = 100_000) -> None:
        self.gazetteer_path = gazetteer_path
        self.place_labels = set(place_labels)
        self.demonym_labels = set(demonym_labels)
        self.reclassify_labels = set(reclassify_labels)
        self.min_population = min_population
        self.min_population_one_word = min_population_one_word

    def __call__(self, doc: Doc) -> Doc:
        gaz = self.gazetteer
        # A person's name of two words or more, unless the whole names a place (Novo Brdo,
        # Fushë Kosovë as PERSON).
        # Nor one firmly placed ("residents of Wanla Weyn", "near X"): it may be a place spelled otherwise.
        person_names = ((e.start, e.end) for e in doc.ents if e.label_ == "PERSON" and not gaz.lookup(e.text)
                        and not firmly_placed(_preceding(doc, e.start)))
        words = _words(doc)
        doc._.geo_people = people = people_named(words, person_names)
        spans: list[Span] = []
        left: list[tuple[Span, str]] = []  # entities no rule made a place, and labels: the focus may (below)
        unknown: list[Span] = []  # place entities of two words or more the gazetteer does not hold
        cased = any(w != w.lower() for w in words)
        for ent, label in _dateline_cut(doc, _joined(doc, gaz), gaz):
            span = _strip_article(ent)
            if cased and span.text == span.text.lower():
                continue  # "in the bush", "the west bank of the river": common words where names are capitalised
            if label in self.place_labels and len(span) > 1 and not gaz.lookup(span.text):
                span = _strip_lower_tail(span)
            found: list[Span] = []
            if label in self.place_labels and gaz.is_demonym(span.text) \
                    and not written_as(gaz.lookup(span.text), span.text):
                found = self._demonyms(doc, span, gaz)  # "in Ukrainian hands" as a GPE: a people's name
            elif label in self.place_labels:
                found = self._as_placed(doc, span, label, gaz, unknown)
            elif label in self.demonym_labels:
                places = [] if gaz.is_demonym(span.text) else self._reclassified(doc, span, label, gaz)
                found = places or self._demonyms(doc, span, gaz)
            elif label in self.reclassify_labels:
                found = self._reclassified(doc, span, label, gaz)
            spans.extend(s for s in found if s is not None)
            if not found and label not in _NO_PLACE_LABELS:
                left.append((span, label))
        # The second pass: the article's focus, from what the rules found, takes the names of
        # its area that the model labelled otherwise (Zvečan as a PERSON, Raška as a PRODUCT).
        focus = article_focus((gaz.lookup(s.text) for s in spans if s.label_ not in ("NORP", "ORG>PART")),
                              gaz.neighbours, gaz.country_km2,
                              (gaz.lookup(s.text) for s in spans if s.label_ == "NORP"))
        doc._.geo_focus = focus
        countries = {p.country_code for s in spans for p in gaz.lookup(s.text) if p.is_country}
        for span, label in left:
            found = self._in_focus(doc, span, label, focus, people, gaz, countries)
            told_back = None if found else self._told_back(doc, span, label, countries, people, focus, gaz, spans)
            spelled = None if found or told_back is not None else spelled_span(
                doc, span.start, span.end, f"{label}>SPELLED", spans, gaz, self.event_words)
            spans.extend(found or [s for s in (told_back, spelled) if s is not None])
        for span in unknown:
            spans.append(spelled_span(doc, span.start, span.end, f"{span.label_}>SPELLED", spans, gaz,
                                      self.event_words) or span)
        _set_places(doc, spans)
        return doc

    def _as_placed(self, doc: Doc, span: Span, label: str, gaz: Gazetteer, unknown: list[Span]) -> list[Span | None]:
        """The places in an entity the model labelled a place (``_repaired``, ``_placed``); one of two words or
        more the gazetteer does not hold, whole, goes to ``unknown`` (a None in its stead): it may be another
        spelling of a place ("outside Bur Hakaba"), read once the article's focus is known."""
        if len(span) > 1 and not gaz.lookup(span.text):
            found = self._repaired(doc, span, label, gaz)
            whole = found[0] if len(found) == 1 else None
            if whole is not None and (whole.start, whole.end) == (span.start, span.end) and whole.label_ == label:
                unknown.append(whole)
                return [None]
            return found
        return [] if self._unknown(span, label, gaz) else [self._placed(doc, span, label, gaz)]

    def _repaired(self, doc: Doc, span: Span, label: str, gaz: Gazetteer) -> list[Span | None]:
        """The places in a place entity the gazetteer does not know as a whole, cut where the
        model ran them together (``rules.repaired_parts``: "Nis, Serbia", "Belgrade-Stari
        Grad", "Gardez city", "the Preševo Valley"); none when no part is a place."""
        parts = repaired_parts([t.text for t in span])
        # A facility the gazetteer does not know ("Heathrow Airport", "Royal Street") is left
        # out rather than sent to a town of its name.
        if parts == [(0, len(span))] or label == "FAC":
            return [] if self._unknown(span, label, gaz) else [self._placed(doc, span, label, gaz)]
        return [self._placed(doc, doc[span.start + a:span.start + b], label, gaz) for a, b in parts
                if gaz.lookup(doc[span.start + a:span.start + b].text)]

    def _placed(self, doc: Doc, span: Span, label: str, gaz: Gazetteer) -> Span | None:
        """A place the model labelled one, unless its form or the words around it say otherwise:
        initials ("M.S."), a person of the article out of a place's context ("said Dejan,"),
        a place in an organisation's name ("Kosovo Police": ORG>PART)."""
        places = gaz.lookup(span.text)
        if not abbreviation_is_a_place(span.text, places):
            return None
        if a_person(span.text, doc._.geo_people or People(), places) \
                and not _in_place_context(doc, span.start, span.end, tagged=True):
            return None
        if in_organisation_name(_preceding(doc, span.start), _next_words(doc, span.end)):
            return Span(doc, span.start, span.end, label="ORG>PART")
        return Span(doc, span.start, span.end, label=label)

    def _in_focus(self, doc: Doc, span: Span, label: str, focus: Focus, people: People,
                  gaz: Gazetteer, countries: frozenset[str] | set[str] = frozenset()) -> list[Span]:
        """The places of the article's focus area in an entity no rule made a place: the whole,
        each part of a list ("Zvečan and Leposavić" as a WORK_OF_ART), or the longest run of
        capitalised words in it that names one ("Kursumlija 20"); none that the article shows
        is a person, nor a dateline's place outside the focus. Before the focus: a dateline's
        place, and a town after a firm cue (``rules.cued_town``: "outside Damboa" as a PRODUCT)."""
        if _a_dateline(doc, span.text, span.start, span.end):
            places = gaz.lookup(span.text)
            if places and (established(places) or notable(places)):
                return [Span(doc, span.start, span.end, label=f"{label}>PLACE")]
        if (cued_town(span.text, gaz.lookup(span.text), _preceding(doc, span.start), self.event_words,
                      _next_words(doc, span.end, 5))
                and not qualifies_a_noun(label, _following(doc, span.end))
                or mislabelled_town(span.text, label, gaz.lookup(span.text), _preceding(doc, span.start),
                                    _following(doc, span.end), countries)) \
                and not a_person(span.text, people):
            return [Span(doc, span.start, span.end, label=f"{label}>PLACE")]
        out: list[Span] = []
        if self.event_words.event_noun(_following(doc, span.end)):
            return out  # a weapon's or a group's name: "Buk missiles"
        if not focus.countries and not focus.points:
            return out
        for start, end in _list_parts(span):
            found = self._focus_run(doc, start, end, focus, people, gaz, whole_only=label == "PERSON")
            if found is not None:
                out.append(Span(doc, found[0], found[1], label=f"{label}>FOCUS"))
                continue
            if end - start < 2 or not focus.home:  # a misspelt name of two words or more ("Zubik Potok")
                continue
            name = doc[start:end].text
            # "residents of Zubik Potok said": only a person's name or title rules out a misspelling.
            misspelling = not gaz.lookup(name) and not a_person(name, people)
            reads = misspelt(name, gaz.lookup_key, focus, gaz.known_keys) if misspelling else ""
            if reads:
                read = Span(doc, start, end, label=f"{label}>FOCUS")
                read._.geo_reads = reads
                out.append(read)
        return out

    @staticmethod
    def _focus_run(doc: Doc, start: int, end: int, focus: Focus, people: People, gaz: Gazetteer,
                   whole_only: bool) -> tuple[int, int] | None:
        """doc[start:end] if it names a place of the focus area, else its run of capitalised words
        before words that are not ("Kursumlija 20"; only the whole, for a person's name)."""
        tries = [(start, end)]
        k = start
        while k < end and doc[k].text[:1].isupper():
            k += 1
        if not whole_only and start < k < end and not any(t.text[:1].isupper() for t in doc[k:end]):
            tries.append((start, k))
        for a, b in tries:
            words = doc[a:b]
            if not all(t.text[:1].isupper() or (t.is_punct and a < t.i < b - 1) for t in words):
                continue
            name = words.text
            if not gaz.is_demonym(name) and focus_place(name, gaz.lookup(name), _preceding(doc, a),
                                                        _following(doc, b), focus, people):
                return a, b
        return None

    @staticmethod
    def _unknown(span: Span, label: str, gaz: Gazetteer) -> bool:
        """A name the gazetteer does not know, where the model is often wrong: a one-word
        GPE or LOC (surnames: "Farrin said"), a facility (roads, parks, buildings). Such a
        mention could not be placed anyway."""
        if label == "FAC" or len(span) == 1:
            return not gaz.lookup(span.text)
        return False

    def _reclassified(self, doc: Doc, span: Span, label: str, gaz: Gazetteer) -> list[Span]:
        """The places in an entity the model labelled otherwise: the whole span, or each
        part of a list the model ran together ("Zvečan and Leposavić" as one ORG), or of a
        place and the unit in brackets after it ("Bangassou (Mbomou" as one ORG)."""
        if self._is_place(doc, span, label, gaz):
            return [Span(doc, span.start, span.end, label=f"{label}>PLACE")]
        unit = self._unit_named(doc, span, label, gaz)
        if unit is not None:
            return [unit]
        parts, start = [], span.start
        for tok in span:
            if tok.lower_ in _LIST_BREAKS:
                parts.append((start, tok.i))
                start = tok.i + 1
        parts.append((start, span.end))
        if len(parts) < 2 or any(a >= b for a, b in parts):
            return self._inner_place(doc, span, label, gaz)
        if not all(gaz.lookup(doc[a:b].text) for a, b in parts):
            return []
        if not (_in_place_context(doc, span.start, span.end, tagged=True) or label != "PERSON"):
            return []
        return [Span(doc, a, b, label=f"{label}>PLACE") for a, b in parts]

    @staticmethod
    def _unit_named(doc: Doc, span: Span, label: str, gaz: Gazetteer) -> Span | None:
        """The unit in a name the model took for a person's or a thing's, ending in a unit's word
        in capitals that the gazetteer does not hold ("Rakhine State", "Mopti Region"): the name
        before it, when it is an administrative unit's (``rules.named_unit``; the word after is
        the mention's kind). Not an organisation's ("Ohio State" beat Michigan)."""
        last = span[-1] if len(span) > 1 else None
        if label == "ORG" or last is None or not last.text[:1].isupper():
            return None
        head = doc[span.start:span.end - 1]
        if not named_unit(head.text, gaz.lookup(head.text), last.text):
            return None
        return Span(doc, head.start, head.end, label=f"{label}>PLACE")

    def _inner_place(self, doc: Doc, span: Span, label: str, gaz: Gazetteer) -> list[Span]:
        """The place an organisation is named after: "Athens Police Department", "Texas
        Department of Transportation", "University of Georgia". Only a large place, a
        region or a country: a small town's name is as likely a surname (Ford Motor)."""
        if label != "ORG" or len(span) < 2:
            return []
        # A name at the start, or all that follows "of".
        tries = [(span.start, end) for end in range(min(span.end - 1, span.start + 3), span.start, -1)]
        tries += [(t.i + 1, span.end) for t in span if t.lower_ == "of" and 0 < span.end - t.i - 1 <= 3]
        for start, end in tries:
            if not all(t.text[:1].isupper() for t in doc[start:end]):
                continue
            if end - start == 1 and doc[start].lower_ in LOCATIVES or never_alone(doc[start:end].text):
                continue
            name = doc[start:end].text
            # What is named after a sea seldom says that something is there (Pacific Gas,
            # the Pacific Decadal Oscillation).
            places = tuple(p for p in gaz.lookup(name) if not p.is_marine)
            if places and credible(places, self.min_population_one_word) and not gaz.is_demonym(name):
                return [Span(doc, start, end, label=f"{label}>PART")]
        return []

    def _is_place(self, doc: Doc, span: Span, label: str, gaz: Gazetteer) -> bool:
        """Whether an entity the model called something else is a gazetteer place: a
        person's name only after "in", "near"...; others also when the place is notable
        (Belgrade said..., Zubin Potok). Not "at the Hub" (an institution), nor an acronym
        that is some small place's name without "in" before it."""
        places = gaz.lookup(span.text)
        if not places or _a_small_town_out_of_context(doc, span.start, span.end, places):
            return False
        if label == "NORP" and not written_as(tuple(p for p in places if not p.is_expanse), span.text) \
                and not any(p.is_expanse for p in places) \
                and not named_unit(span.text, places, _following(doc, span.end)):
            # a people's or a faith's word that is some town's other name ("a Christian family": Cristian);
            # before a unit's word, the unit's other name ("Shopian district": GeoNames' Shupiyan)
            return False
        if self.event_words.event_noun(_following(doc, span.end)):
            return False  # a weapon's or a group's name: "Grad rockets", "Hamas attack"
        if an_institution(_preceding(doc, span.start), span.text, _following(doc, span.end), places) \
                or not abbreviation_is_a_place(span.text, places):
            return False
        if needs_context(span.text, places, doc._.geo_focus or Focus()) \
                or a_person(span.text, doc._.geo_people or People(), places):
            return _in_place_context(doc, span.start, span.end, tagged=False)
        if _in_place_context(doc, span.start, span.end, tagged=True) or gaz.is_demonym(span.text):
            return True
        # A people's name (NORP) that is also a town somewhere needs the words around it;
        # so does one word the model took for an organisation (surnames: Meredith, Hughes)
        # unless the place is a large one.
        if label in ("PERSON", "NORP"):
            return False
        return credible(places, self.min_population if len(span) > 1 else self.min_population_one_word)

    @staticmethod
    def _told_back(doc: Doc, span: Span, label: str, countries: set[str], people: People, focus: Focus,
                   gaz: Gazetteer, placed: Sequence[Span] = ()) -> Span | None:
        """A name the model took for a person's or an organisation's that the report tells back as a
        settlement before it names another place ("Bilohorivka is back in Ukrainian hands. Troops retook
        the village ...", "Tumaco's fishermen ... on the town's waterfront"): the place, when it is a town
        by ``rules.a_town_told_back`` and nothing in the report shows a person of that name."""
        if label not in _TOLD_BACK_LABELS or not all(t.text[:1].isupper() for t in span if t.is_alpha and len(t) > 2):
            return None
        end = min([s.start for s in placed if s.start >= span.end and s.label_ not in ("NORP", "ORG>PART")],
                  default=len(doc))
        if not tells_back_a_town(t.text for t in doc[span.end:end]):
            return None
        places = gaz.lookup(span.text)
        if not a_town_told_back(span.text, places, countries) or a_person(span.text, people, places, focus):
            return None
        return Span(doc, span.start, span.end, label=f"{label}>PLACE")

    @staticmethod
    def _demonyms(doc: Doc, span: Span, gaz: Gazetteer) -> list[Span]:
        if gaz.is_demonym(span.text):
            return [Span(doc, span.start, span.end, label="NORP")]
        # "Kosovo Serbs": a place name and a people's name in one entity.
        found = []
        for tok in span:
            if tok.is_title and (gaz.is_demonym(tok.text) or any(p.is_country for p in gaz.lookup(tok.text))):
                found.append(Span(doc, tok.i, tok.i + 1, label="NORP"))
        return found


def spelled_span(doc: Doc, start: int, end: int, label: str, placed: Iterable[Span], gaz: Gazetteer,
                 event_words: EventWords) -> Span | None:
    """doc[start:end], a name the gazetteer does not hold, as another spelling of a place of the
    countries the places of its sentence (among ``placed``) or the article's lie in
    (``rules.spelled_as``: "Tarhouna" for Tarhuna), when the words around it say firmly it is a
    place (``rules.firmly_a_place``: "in X", "near X", "the town of X"); not a person of the
    article nor a common word (``rules.not_a_name_spelled_otherwise``), nor in a sentence in a
    headline's case (``rules.headline_case``)."""
    name = doc[start:end].text
    if not may_be_spelled_otherwise(name) \
            or not firmly_a_place(_preceding(doc, start), _next_words(doc, end, 5), event_words) \
            or gaz.lookup(name) or a_person(name, doc._.geo_people or People()):
        return None
    sentence = doc[start].sent
    beside = countries_of(gaz.lookup(s.text) for s in placed
                          if sentence.start <= s.start < sentence.end and s.label_ != "ORG>PART")
    reads = spelled_as(name, gaz.spelled_otherwise, doc._.geo_focus or Focus(), beside)
    if not reads or headline_case(t.text for t in sentence) or not_a_name_spelled_otherwise(doc.text, name):
        return None
    span = Span(doc, start, end, label=label)
    span._.geo_reads = reads
    return span


@Language.factory(
    "geo_gazetteer_matcher",
    default_config={"gazetteer_path": "", "max_tokens": 4, "min_population": 100_000},
)
def make_gazetteer_matcher(nlp: Language, name: str, gazetteer_path: str, max_tokens: int,
                           min_population: int) -> GazetteerMatcher:
    return GazetteerMatcher(gazetteer_path, max_tokens, min_population)


class GazetteerMatcher(GazetteerComponent):
    def __init__(self, gazetteer_path: str, max_tokens: int, min_population: int) -> None:
        self.gazetteer_path = gazetteer_path
        self.max_tokens = max_tokens
        self.min_population = min_population

    def __call__(self, doc: Doc) -> Doc:
        gaz = self.gazetteer
        taken = np.zeros(len(doc), dtype=bool)
        for span in doc.spans.get(SPANS_KEY, []):
            taken[span.start:span.end] = True
        # The end of the model's entity each token is in, for an entity no rule made a place: a name
        # run on into one is read whole ("Castel" untagged, "Volturno" a PRODUCT: "Castel Volturno").
        entity_end = np.full(len(doc), -1, dtype=np.int64)
        for ent in doc.ents:  # the model's other entities (people, dates, organisations) stand
            if not taken[ent.start:ent.end].any() and ent.label_ not in _NO_PLACE_LABELS:
                entity_end[ent.start:ent.end] = ent.end
            taken[ent.start:ent.end] = True
        names = self._names(doc, gaz)
        found: list[Span] = list(doc.spans.get(SPANS_KEY, []))
        after = 0  # a match's tokens are not looked at again
        # A run may also open at the start of an entity no rule made a place, and run on past it through a
        # connector ("Norte" a PERSON, then "de Santander": "Norte de Santander").
        opens_entity = (entity_end >= 0) & np.concatenate(([True], entity_end[1:] != entity_end[:-1]))
        for i in np.flatnonzero(names & (~taken | opens_entity)).tolist():
            if i < after or not doc[i].text[:1].isupper():  # a name starts with a capital, not at "-au-"
                continue
            match = self._longest(doc, i, taken, names, gaz, entity_end)
            if match is not None:
                found.append(match)
                after = match.end
        _set_places(doc, found)
        return doc

    def _names(self, doc: Doc, gaz: Gazetteer) -> np.ndarray:
        """Which tokens may be (part of) a name (``name_tokens``), with a sentence's first word that
        the words after it say is a place, the parts of a hyphened name, a connector inside a name
        and a dateline's place."""
        names = name_tokens(doc)
        opening = doc.to_array(SENT_START) == 1 if len(doc) else np.zeros(0, dtype=bool)
        for k in np.flatnonzero(~names & opening).tolist():  # a sentence's first word and a place's apposition
            if doc[k].is_alpha and doc[k].text[:1].isupper() and (
                    _apposed_place(doc, k + 1)  # "Indaw, a town in"
                    or placed_after(_next_words(doc, _name_end(names, k + 1), 5), self.event_words)  # "X was shelled"
                    or _held_by_next(doc, k, k + 1, gaz)  # "Fresnillo, in Zacatecas, is"
                    or _a_unit_named(doc, k, gaz)):  # "Daraa province has seen"
                names[k] = True
        for k in range(1, len(doc) - 1):  # a hyphened name's parts ("Port-au-Prince") after a name's word
            if names[k - 1] and _hyphen_chain(doc, k):
                names[k] = names[k + 1] = True
        for k in np.flatnonzero(names[:-2] & names[2:]).tolist():  # "Valle del Cauca": a connector inside a name
            if doc[k + 1].text in NAME_CONNECTORS:
                names[k + 1] = True
        for start, end in _dateline_names(doc):  # a dateline's place opens its sentence: "Sumy — "
            names[start:end] = True
        return names

    def _longest(self, doc: Doc, i: int, taken: np.ndarray, names: np.ndarray, gaz: Gazetteer,
                 entity_end: np.ndarray) -> Span | None:
        """The longest place of the run of names from doc[i], which may run on into the model's
        entities that are no places (``entity_end``), whole: the model cut the name."""
        end, words = i, 0
        while end < len(doc) and words < self.max_tokens and (not taken[end] or entity_end[end] >= 0) and names[end]:
            words += doc[end].text != "-"  # the hyphens of "Port-au-Prince" are no words of it
            end += 1
        focus: Focus = doc._.geo_focus or Focus()
        for j in range(end, i, -1):
            if entity_end[j - 1] >= 0 and entity_end[j - 1] != j:
                continue  # not part of an entity
            if taken[i] and (j <= entity_end[i] or doc[entity_end[i]].text not in NAME_CONNECTORS):
                break  # the entity alone, a part of it, or run on without a connector: the entity rules judged it
            name = doc[i:j].text
            places = gaz.lookup(name)
            if not places:
                continue
            if gaz.is_demonym(name):
                return Span(doc, i, j, label="NORP")
            label = "ORG>PART" if in_organisation_name(_preceding(doc, i), _next_words(doc, j)) else "GAZETTEER"
            if _a_dateline(doc, name, i, j) and (established(places) or notable(places)):
                return Span(doc, i, j, label=label)
            following = _following(doc, j)
            if an_institution(_preceding(doc, i), name, following, places):
                continue
            people = doc._.geo_people or People()
            if not _a_small_town_out_of_context(doc, i, j, places) and self._by_the_rules(doc, i, j, places, focus,
                                                                                           people):
                return Span(doc, i, j, label=label)
            # The second pass. One word after a capitalised one ends a longer name ("the Basic Court").
            after_name = i > 0 and doc[i - 1].text[:1].isupper() and not doc[i - 1].is_sent_start
            if not (after_name and j == i + 1) and focus_place(name, places, _preceding(doc, i), following, focus,
                                                               people):
                return Span(doc, i, j, label="FOCUS" if label == "GAZETTEER" else label)
        if i > 0 and names[i - 1] or (entity_end[i:end] >= 0).any():
            return None  # not a run's start; a model's entity is EntityPlaces' to read
        return spelled_span(doc, i, end, "SPELLED", doc.spans.get(SPANS_KEY, []), gaz, self.event_words)

    def _by_the_rules(self, doc: Doc, i: int, j: int, places: tuple[Place, ...], focus: Focus,
                      people: People) -> bool:
        """The first pass's test of an untagged run: a place by its own name in a place's
        context, or notable; an acronym of a small place or a person of the article only in
        a place's context."""
        name = doc[i:j].text
        if never_alone(name):
            return False
        in_context = _in_place_context(doc, i, j, tagged=False) or _held_by_next(doc, i, j, self.gazetteer, places)
        if (needs_context(name, places, focus) or a_person(name, people, places, focus)) and not in_context:
            return False
        own = bearing(places, name)
        return bool(own and in_context) or notable(own, self.min_population) \
            or named_unit(name, places, _following(doc, j)) \
            or cued_town(name, places, _preceding(doc, i), self.event_words, _next_words(doc, j, 5))


def _name_end(names: np.ndarray, k: int) -> int:
    """The end of the run of name tokens from ``k``."""
    while k < len(names) and names[k]:
        k += 1
    return k


def name_tokens(doc: Doc) -> np.ndarray:
    """Which tokens could be (part of) a name, as a mask: capitalised words of letters.
    With a tagger, those tagged PROPN; without one (the default pipeline runs NER alone, for
    speed), those that do not open their sentence, or are all capitals. Computed on arrays
    of token attributes: a Token object for every word costs more than the rest of it."""
    if not len(doc):
        return np.zeros(0, dtype=bool)
    attrs = doc.to_array([ORTH, IS_ALPHA, IS_UPPER, SENT_START, LENGTH]).astype(np.int64, copy=False)
    orth, alpha, upper, sent_start, length = attrs.T
    words, which = np.unique(orth, return_inverse=True)
    capitalised = np.array([doc.vocab.strings[int(w)][:1].isupper() for w in words.astype(np.uint64)])[which]
    mask = capitalised & (alpha == 1) & (length > 1)
    if doc.has_annotation("TAG"):
        return mask & (doc.to_array(POS) == PROPN)
    return mask & ((sent_start != 1) | (upper == 1))


@Language.factory("geo_organisation_filter", default_config={"organisations": []})
def make_organisation_filter(nlp: Language, name: str, organisations: list[str]) -> OrganisationFilter:
    return OrganisationFilter(organisations)


class OrganisationFilter:
    def __init__(self, organisations: list[str]) -> None:
        self.organisations = {o.casefold() for o in organisations}

    def __call__(self, doc: Doc) -> Doc:
        keep = [s for s in doc.spans.get(SPANS_KEY, []) if s.text.casefold() not in self.organisations]
        _set_places(doc, keep)
        return doc
