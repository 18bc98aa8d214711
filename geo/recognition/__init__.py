"""Stage 2: finding place mentions in articles."""

from geo.recognition.base import Recognizer
from geo.recognition.spacy_recognizer import SpacyRecognizer

__all__ = ["Recognizer", "SpacyRecognizer"]
