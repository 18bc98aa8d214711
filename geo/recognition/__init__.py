"""Stage 2: finding place mentions in articles."""

from geo.recognition.base import Recognizer
from geo.recognition.rules import DATELINE, notable, of_kind, sentence_spans


def __getattr__(name: str):
    # spaCy takes most of a second to import: only when a recogniser is made.
    if name == "SpacyRecognizer":
        from geo.recognition.spacy_recognizer import SpacyRecognizer

        return SpacyRecognizer
    raise AttributeError(name)


__all__ = ["DATELINE", "Recognizer", "SpacyRecognizer", "notable", "of_kind", "sentence_spans"]
