"""Recognition with a spaCy pipeline: the model's NER plus geo's place components."""

from __future__ import annotations

import logging
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from geo import config
from geo.articles import Article
from geo.errors import PipelineError
from geo.model import Mention
from geo.recognition import components, vague  # noqa: F401  (registers the components)
from geo.recognition.base import Recognizer
from geo.recognition.rules import NO_EVENT_WORDS, EventWords, Sentences, kind_after, sentence_spans

log = logging.getLogger("geo")

# Only the statistical NER runs: the tagger and parser would double the time (measured:
# 5.5 against 9.5 articles a second on LGL-dev), and the rules' sentence splitter serves.
_UNUSED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter", "morphologizer")
# Long texts are parsed in pieces cut between sentences: the parser's memory grows with length.
_CHUNK_CHARS = 20_000
_OVERLAP = 1_000  # read past a cut inside a sentence: a name and the words around it
_BATCH_CHARS = 200_000  # at most in one batch of the model: 64 short articles, or 10 pieces


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


def load_pipeline(model: str | None = None, gazetteer_path: Path | None = None,
                  event_words: EventWords = NO_EVENT_WORDS):
    """The named spaCy pipeline with geo's components added after its NER; ``event_words``
    are the event table's words for the components' cues (``rules.EventWords``)."""
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
    for name in ("geo_entity_places", "geo_gazetteer_matcher"):
        nlp.get_pipe(name).event_words = event_words
    return nlp


class _Piece(NamedTuple):
    offset: int  # where its text starts in the article
    text: str
    start: int  # the stretch of the article whose mentions it gives, [start, end)
    end: int


def _chunks(text: str) -> list[_Piece]:
    """A long text in pieces of about _CHUNK_CHARS: cut at the last sentence start before
    each _CHUNK_CHARS or, when a sentence is longer than half that, at the last white space;
    there, each side reads _OVERLAP characters past the cut (to white space), so that a name
    across it is whole in one piece with words around it. A piece gives the mentions that
    start in its own stretch."""
    if len(text) <= _CHUNK_CHARS:
        return [_Piece(0, text, 0, len(text))]
    starts = [start for start, _ in sentence_spans(text)]
    cuts, between_sentences = [0], [True]
    while cuts[-1] + _CHUNK_CHARS < len(text):
        cut, clean = _cut(text, starts, cuts[-1])
        cuts.append(cut)
        between_sentences.append(clean)
    cuts.append(len(text))
    between_sentences.append(True)
    out = []
    for k in range(len(cuts) - 1):
        first = cuts[k] if between_sentences[k] else _space(text, cuts[k] - _OVERLAP, -1)
        last = cuts[k + 1] if between_sentences[k + 1] else _space(text, cuts[k + 1] + _OVERLAP, 1)
        out.append(_Piece(first, text[first:last], cuts[k], cuts[k + 1]))
    return out


def _cut(text: str, starts: list[int], start: int) -> tuple[int, bool]:
    """Where the piece from ``start`` ends, and whether that is a sentence start."""
    end = start + _CHUNK_CHARS
    k = bisect_right(starts, end) - 1
    if k >= 0 and starts[k] > start + _CHUNK_CHARS // 2:
        return starts[k], True
    return _space(text, end, -1, start + _CHUNK_CHARS // 2), False


def _space(text: str, at: int, step: int, stop: int | None = None) -> int:
    """The white space nearest ``at``, going back (``step`` -1) or on (1) as far as ``stop``
    (by default _OVERLAP further); ``at`` itself when there is none (a run of letters that
    long is no name)."""
    if at <= 0 or at >= len(text):
        return max(0, min(at, len(text)))
    stop = at + step * _OVERLAP if stop is None else stop
    within = range(at, max(stop, 0) - 1, -1) if step < 0 else range(at, min(stop, len(text) - 1) + 1)
    return next((i for i in within if text[i].isspace()), at)


def _batches(texts: list[str], size: int) -> Iterator[list[str]]:
    """The texts in batches of at most ``size`` texts and _BATCH_CHARS characters: the model's
    memory grows with a batch's characters (64 pieces of a 2,000,000-character article at
    once peaked at 1.1 GB; 8 at 0.29 GB)."""
    batch: list[str] = []
    chars = 0
    for text in texts:
        if batch and (len(batch) == size or chars + len(text) > _BATCH_CHARS):
            yield batch
            batch, chars = [], 0
        batch.append(text)
        chars += len(text)
    if batch:
        yield batch


class SpacyRecognizer(Recognizer):
    def __init__(self, model: str | None = None, gazetteer_path: Path | None = None,
                 batch_size: int = 64, event_words: EventWords = NO_EVENT_WORDS) -> None:
        self.nlp = load_pipeline(model, gazetteer_path, event_words)
        self.batch_size = batch_size

    def _recognize(self, articles: Sequence[Article]) -> list[list[Mention]]:
        pieces = [(k, piece) for k, a in enumerate(articles) for piece in _chunks(a.text)]
        out: list[list[Mention]] = [[] for _ in articles]
        docs = (doc for batch in _batches([piece.text for _, piece in pieces], self.batch_size)
                for doc in self.nlp.pipe(batch, batch_size=len(batch)))
        sentences: Sentences | None = None  # the article's, shared by its pieces
        for (k, piece), doc in zip(pieces, docs, strict=True):
            article = articles[k]
            spans = doc.spans[components.SPANS_KEY]
            if not spans:
                continue
            if sentences is None or sentences.text is not article.text:
                sentences = Sentences(article.text)
            offset = piece.offset
            taken = max((m.end for m in out[k]), default=0)  # a name the piece before gave, read on
            for span in spans:
                start, end = offset + span.start_char, offset + span.end_char
                if not piece.start <= start < piece.end or start < taken:
                    continue
                sentence, sentence_start = sentences.around(start, end)
                out[k].append(Mention(
                    article_id=article.id, text=span.text, start=start, end=end, label=span.label_,
                    sentence=sentence, sentence_start=sentence_start,
                    modifier=span._.geo_modifier,
                    phrase=doc.text[span._.geo_phrase_start:span.end_char] if span._.geo_phrase_start is not None
                    else "",
                    anchors=span._.geo_anchors,
                    kind=kind_after(doc[span.end:span.end + 3].text) if span.end < len(doc) else "",
                    reads=span._.geo_reads,
                ))
        return out
