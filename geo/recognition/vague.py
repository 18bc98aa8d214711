"""The spaCy component for vague and relative places.

``geo_vague_places`` runs after the place components. It

- marks a direction or relation on a place span ("northern Kosovo", "the north of
  Kosovo", "north-west Kosovo", "near Zvečan", "outside Pristina", "12 km north of
  Mitrovica"): the span stays the name, ``span._.geo_modifier`` and
  ``span._.geo_phrase_start`` say what surrounds it;
- adds border spans labelled ``BORDER`` ("the border", "the Kosovo–Serbia border", "the
  border between Kosovo and Serbia", "the administrative line") whose places, when the
  phrase names them, are in ``span._.geo_anchors``.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import LOWER
from spacy.language import Language
from spacy.strings import hash_string
from spacy.tokens import Doc, Span

from geo.recognition.components import SPANS_KEY, GazetteerComponent
from geo.recognition.relations import DASHES, DIRECTIONS, direction_before, relation_before
from geo.recognition.rules import POSSESSIVES

# The longest phrase before a name: "the far north of", "5 kilometres south-west of".
_LOOK_BACK_TOKENS = 8
# A compass point after a town's name names the town's part ("Mitrovica North").
_COMPASS = frozenset({"north", "south", "east", "west"})
_BORDER_WORDS = {"border", "boundary", "frontier"}
_LINE_QUALIFIERS = {"administrative", "boundary", "demarcation", "contact", "ceasefire", "dividing"}
# "the Jarinje border crossing" is a place on the border, not the line.
_NOT_THE_LINE = {"crossing", "crossings", "checkpoint", "checkpoints", "point", "points", "post", "posts",
                 "police", "guards", "guard", "patrol", "patrols", "town", "village", "region", "area",
                 "control", "controls", "security", "dispute"}
_BORDER_HASHES = np.array([hash_string(w) for w in sorted(_BORDER_WORDS | {"line"})], dtype=np.uint64)

for _name, _default in (("geo_modifier", ""), ("geo_phrase_start", None), ("geo_anchors", ())):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=_default)


def _modifier_before(doc: Doc, start: int) -> tuple[str, int] | None:
    """``relations.relation_before`` or ``direction_before`` on the tokens before doc[start]:
    the modifier and the token its phrase starts at."""
    first = max(0, start - _LOOK_BACK_TOKENS)
    words = [t.lower_ for t in doc[first:start]]
    hit = relation_before(words, len(words)) or direction_before(words, len(words))
    return (hit[0], first + hit[1]) if hit else None


@Language.factory("geo_vague_places", default_config={"gazetteer_path": ""})
def make_vague_places(nlp: Language, name: str, gazetteer_path: str) -> VaguePlaces:
    return VaguePlaces(gazetteer_path)


class VaguePlaces(GazetteerComponent):
    def __init__(self, gazetteer_path: str) -> None:
        self.gazetteer_path = gazetteer_path

    def _split_direction(self, doc: Doc, span: Span) -> Span:
        """A direction the model put inside the name ("north-west Serbia" as one GPE) comes
        out, unless the whole is a name ("Central Serbia", "Western Balkans"); a direction
        before a name that makes a name with it ("western Balkan") goes in."""
        gaz = self.gazetteer
        if span.start > 0 and doc[span.start - 1].lower_ in DIRECTIONS:
            wider = doc[span.start - 1:span.end]
            if any(p.feature_code in ("RGN", "ADM1", "ADM2") for p in gaz.lookup(wider.text)):
                return Span(doc, wider.start, wider.end, label=span.label_)
        if len(span) > 1 and span[-1].lower_ in _COMPASS and not gaz.lookup(span.text):
            # "Mitrovica North", "Nicosia South": the part of the town, as "north Mitrovica"
            inner = doc[span.start:span.end - 1]
            if gaz.lookup(inner.text):
                cut = Span(doc, inner.start, inner.end, label=span.label_)
                cut._.geo_modifier, cut._.geo_phrase_start = span[-1].lower_, inner.start_char
                return cut
        if len(span) > 1 and span[0].lower_ in DIRECTIONS and not gaz.lookup(span.text):
            rest = 3 if len(span) > 3 and span[1].text in DASHES else 1
            inner = doc[span.start + rest:span.end]
            if gaz.lookup(inner.text):
                cut = Span(doc, inner.start, inner.end, label=span.label_)
                return cut
        return span

    def __call__(self, doc: Doc) -> Doc:
        places = [s if s.label_ == "BORDER" else self._split_direction(doc, s)
                  for s in doc.spans.get(SPANS_KEY, [])]
        for span in places:
            if span.label_ == "BORDER":
                continue
            found = _modifier_before(doc, span.start)
            if found:
                span._.geo_modifier, span._.geo_phrase_start = found[0], doc[found[1]].idx
        named = {s.start: s for s in places}
        places.extend(self._borders(doc, named))
        doc.spans[SPANS_KEY] = sorted(places, key=lambda s: (s.start, -s.end))
        return doc

    def _borders(self, doc: Doc, named: dict[int, Span]) -> list[Span]:
        # Only the tokens that are border words or "line" are looked at (an array test: a
        # Token object for every word would cost more than the rest).
        hits = np.isin(doc.to_array(LOWER), _BORDER_HASHES) if len(doc) else np.zeros(0, dtype=bool)
        found = (_border_at(doc, i, named) for i in np.flatnonzero(hits).tolist())
        return [span for span in found if span is not None]


def _border_at(doc: Doc, i: int, named: dict[int, Span]) -> Span | None:
    """The border phrase around doc[i] (a border word, or "line" after "administrative"...),
    with the places it names as anchors; None when doc[i] names no line."""
    word = doc[i].lower_
    is_line = word == "line" and i > 0 and doc[i - 1].lower_ in _LINE_QUALIFIERS
    if not (word in _BORDER_WORDS or is_line):
        return None
    if i + 1 < len(doc) and doc[i + 1].lower_ in _NOT_THE_LINE:
        return None
    start, anchors = _places_before_border(doc, i - 1 if is_line else i, named)
    end, more = _places_after_border(doc, i + 1, named)
    while start > 0 and doc[start - 1].lower_ == "the":
        start -= 1
    span = Span(doc, start, end, label="BORDER")
    span._.geo_anchors = tuple(dict.fromkeys(anchors + more))
    return span


def _places_before_border(doc: Doc, start: int, named: dict[int, Span]) -> tuple[int, list[str]]:
    """Where the phrase starts and the places it names before the border words at doc[start]:
    "the Kosovo–Serbia border", "Kosovo's border"."""
    j = start - 1
    if j >= 0 and doc[j].lower_ in _LINE_QUALIFIERS:
        j -= 1
    first = _place_ending_at(named, j + 1)
    if first is not None:
        k = first.start - 1
        second = _place_ending_at(named, k) if k >= 1 and doc[k].text in DASHES else None
        if second is not None:
            return second.start, [second.text, first.text]
        return first.start, [first.text]
    if j >= 1 and doc[j].lower_ in POSSESSIVES:
        owner = _place_ending_at(named, j)
        if owner is not None:
            return owner.start, [owner.text]
    return start, []


def _places_after_border(doc: Doc, end: int, named: dict[int, Span]) -> tuple[int, list[str]]:
    """Where the phrase ends and the places it names after the border words, which end
    before doc[end]: "... border between Kosovo and Serbia", "... border with Serbia"."""
    if not (end + 1 < len(doc) and doc[end].lower_ in ("between", "with")):
        return end, []
    a = named.get(end + 1)
    if a is None:
        return end, []
    end, anchors = a.end, [a.text]
    if doc[end:end + 1].text.lower() in ("and", "&") and (b := named.get(end + 1)) is not None:
        anchors.append(b.text)
        end = b.end
    return end, anchors


def _place_ending_at(named: dict[int, Span], end: int) -> Span | None:
    for span in named.values():
        if span.end == end and span.label_ != "BORDER":
            return span
    return None
