"""Stage 2: finding place mentions in articles."""

from geo.recognition.base import Recognizer
from geo.recognition.rules import (
    ADMINISTRATIVE,
    APOSTROPHE,
    DATELINE,
    DWELLING_NOUNS,
    NO_EVENT_WORDS,
    POPULATED,
    REGIONAL,
    SEAT,
    SITE_NOUNS,
    TOWN_NOUNS,
    UNIT_WORDS,
    EventWords,
    an_office_after,
    firmly_placed,
    headline_case,
    notable,
    of_kind,
    sentence_spans,
    widens_a_point,
    written_as,
)


def __getattr__(name: str):
    # spaCy takes most of a second to import: only when a recogniser is made.
    if name == "SpacyRecognizer":
        from geo.recognition.spacy_recognizer import SpacyRecognizer

        return SpacyRecognizer
    raise AttributeError(name)


__all__ = ["ADMINISTRATIVE", "APOSTROPHE", "DATELINE", "DWELLING_NOUNS", "NO_EVENT_WORDS", "POPULATED", "REGIONAL",
           "SEAT", "SITE_NOUNS", "TOWN_NOUNS", "UNIT_WORDS", "EventWords", "Recognizer", "SpacyRecognizer",
           "an_office_after", "firmly_placed", "headline_case", "notable", "of_kind", "sentence_spans",
           "widens_a_point", "written_as"]
