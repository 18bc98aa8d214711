"""Recognition with a spaCy pipeline: the model's NER plus geo's place components."""

from __future__ import annotations

import logging
from bisect import bisect_right
from collections.abc import Sequence
from pathlib import Path

from geo import config
from geo.articles import Article
from geo.errors import PipelineError
from geo.model import Mention
from geo.recognition import components, vague  # noqa: F401  (registers the components)
from geo.recognition.base import Recognizer
from geo.recognition.rules import Sentences, kind_after, sentence_spans

log = logging.getLogger("geo")

# Only the statistical NER runs: the tagger and parser would double the time (measured:
# 5.5 against 9.5 articles a second on LGL-dev), and the rules' sentence splitter serves.
_UNUSED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter", "morphologizer")
# Long texts are parsed in pieces cut between sentences: the parser's memory grows with length.
_CHUNK_CHARS = 20_000


def read_organisations(path: Path | None = None) -> list[str]:
    path = path or config.project_table("organisations.txt")
    return [name for _, (name,) in config.read_table(path, 1, "one organisation a line")]


def _listens_to_tok2vec(nlp) -> bool:
    ner = nlp.get_pipe("ner")
    tok2vec = getattr(getattr(ner, "model", None), "get_ref", None)
    try:
        layer = ner.model.get_ref("tok2vec") if tok2vec else None
    except KeyError:
        return False
    return layer is not None and "listener" in layer.name.lower()


def load_pipeline(model: str | None = None, gazetteer_path: Path | None = None):
    """The named spaCy pipeline with geo's components added after its NER."""
    import spacy

    name = model or config.spacy_model()
    try:
        nlp = spacy.load(name, exclude=[p for p in _UNUSED])
    except OSError as exc:
        raise PipelineError(
            f"spaCy pipeline {name!r} cannot be loaded ({str(exc).splitlines()[0][:120]}); "
            "install it or name another with --model / $GEO_SPACY_MODEL"
        ) from None
    if "ner" not in nlp.pipe_names:
        raise PipelineError(f"spaCy pipeline {name!r} has no 'ner' component")
    if _listens_to_tok2vec(nlp):  # a pipeline whose NER shares a tok2vec needs it back
        nlp = spacy.load(name, exclude=["lemmatizer"])
    nlp.add_pipe("geo_sentences", first=True)
    gaz = str(gazetteer_path or "")
    nlp.add_pipe("geo_entity_places", config={"gazetteer_path": gaz})
    nlp.add_pipe("geo_gazetteer_matcher", config={"gazetteer_path": gaz})
    nlp.add_pipe("geo_organisation_filter", config={"organisations": read_organisations()})
    nlp.add_pipe("geo_vague_places", config={"gazetteer_path": gaz})
    return nlp


def _chunks(text: str) -> list[tuple[int, str]]:
    """(offset, piece) of a text cut at the last sentence start before every _CHUNK_CHARS (or
    at _CHUNK_CHARS, when a sentence is longer than half that)."""
    if len(text) <= _CHUNK_CHARS:
        return [(0, text)]
    starts = [start for start, _ in sentence_spans(text)]
    out, start = [], 0
    while start < len(text):
        end = min(len(text), start + _CHUNK_CHARS)
        if end < len(text):
            k = bisect_right(starts, end) - 1
            if k >= 0 and starts[k] > start + _CHUNK_CHARS // 2:
                end = starts[k]
        out.append((start, text[start:end]))
        start = end
    return out


class SpacyRecognizer(Recognizer):
    def __init__(self, model: str | None = None, gazetteer_path: Path | None = None,
                 batch_size: int = 64) -> None:
        self.nlp = load_pipeline(model, gazetteer_path)
        self.batch_size = batch_size

    def recognize(self, articles: Sequence[Article]) -> list[list[Mention]]:
        pieces = [(k, offset, chunk) for k, a in enumerate(articles) for offset, chunk in _chunks(a.text)]
        out: list[list[Mention]] = [[] for _ in articles]
        docs = self.nlp.pipe((chunk for _, _, chunk in pieces), batch_size=self.batch_size)
        sentences: Sentences | None = None  # the article's, shared by its pieces
        for (k, offset, _), doc in zip(pieces, docs, strict=True):
            article = articles[k]
            spans = doc.spans[components.SPANS_KEY]
            if not spans:
                continue
            if sentences is None or sentences.text is not article.text:
                sentences = Sentences(article.text)
            for span in spans:
                start, end = offset + span.start_char, offset + span.end_char
                sentence, sentence_start = sentences.around(start, end)
                out[k].append(Mention(
                    article_id=article.id, text=span.text, start=start, end=end, label=span.label_,
                    sentence=sentence, sentence_start=sentence_start,
                    modifier=span._.geo_modifier,
                    phrase=doc.text[span._.geo_phrase_start:span.end_char] if span._.geo_phrase_start is not None
                    else "",
                    anchors=span._.geo_anchors,
                    kind=kind_after(doc[span.end].text) if span.end < len(doc) else "",
                    reads=span._.geo_reads,
                ))
        return out
