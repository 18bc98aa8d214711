"""The recognition rulebook: the sentence splitter every recogniser uses, the context and
gazetteer tests, and that the spaCy path, --fast and the evaluation cut the same sentences."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.articles import Article
from geo.model import Place
from geo.recognition.rules import (
    Sentences,
    credible,
    in_place_context,
    in_small_town_context,
    major,
    notable,
    only_small_towns,
    sentence_spans,
)


def _sentences(text):
    return [text[a:b] for a, b in sentence_spans(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Police said. Protesters blocked roads in Zvečan! Then?\n\nA new paragraph",
     ["Police said.", "Protesters blocked roads in Zvečan!", "Then?", "A new paragraph"]),
    # A dotted abbreviation ends a sentence only before a word that goes on no name.
    ("Troops left the U.S. The president said so. U.S. Rep. John Smith agreed.",
     ["Troops left the U.S.", "The president said so.", "U.S. Rep. John Smith agreed."]),
    ("Washington County is a county in the U.S. state of Missouri. Its seat is Potosi.",
     ["Washington County is a county in the U.S. state of Missouri.", "Its seat is Potosi."]),
    # Titles, dates and numbers.
    ("Gen. Smith met Mr. Jones and Dr. Brown on Jan. 5 in St. Louis. No. 10 was shut.",
     ["Gen. Smith met Mr. Jones and Dr. Brown on Jan. 5 in St. Louis.", "No. 10 was shut."]),
    # Initials, and times before a day's name.
    ("George W. Bush met J. R. R. Tolkien's heirs at 5 p.m. Monday. It rained.",
     ["George W. Bush met J. R. R. Tolkien's heirs at 5 p.m. Monday.", "It rained."]),
    # AP's state abbreviations.
    ("Flooding hit Charleston, W.Va., and Athens, Ga. The rain went on.",
     ["Flooding hit Charleston, W.Va., and Athens, Ga.", "The rain went on."]),
    # Quotes close with their sentence; a quote ended by ! or ? before "he said" does not end it.
    ('He said, "Go home." Then he left. "Why?" she asked. “We stay,” he said. “Never.” It ended.',
     ['He said, "Go home."', "Then he left.", '"Why?" she asked.', "“We stay,” he said.", "“Never.”",
      "It ended."]),
    # A line break ends a heading or a list item, not a line wrapped inside a sentence.
    ("Tensions flaring over car plates\nKosovar leader derided the\nforces. 12 people died.",
     ["Tensions flaring over car plates", "Kosovar leader derided the\nforces.", "12 people died."]),
    ("  \n\n  Leading white space. Trailing white space.  \n\n ",
     ["Leading white space.", "Trailing white space."]),
    ("Police said. Šabac is calm. “Ćuprija too,” they said.",
     ["Police said.", "Šabac is calm.", "“Ćuprija too,” they said."]),
    ("", []),
    (" \n ", []),
])
def test_sentence_spans(text, expected):
    assert _sentences(text) == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["Police", "said", ".", "U.S.", "Gen.", "The", " ", "\n", "\n\n", "“", "”", "!",
                                 "in", "Zvečan", "5", "Jan.", "W."]), max_size=30))
def test_sentences_are_stripped_ordered_and_cover_the_text(parts):
    text = " ".join(parts)
    spans = sentence_spans(text)
    covered = "".join(text[a:b] for a, b in spans)
    assert "".join(covered.split()) == "".join(text.split())
    assert all(a < b and text[a:b] == text[a:b].strip() for a, b in spans)
    assert all(b <= following for (_, b), (following, _) in zip(spans, spans[1:], strict=False))


def test_the_sentence_around_a_span():
    text = "One. Two in Nis here! Three."
    sentences = Sentences(text)
    assert sentences.around(12, 15) == ("Two in Nis here!", 5)
    # A span across a boundary takes both sentences.
    assert sentences.around(text.index("here"), text.index("Three") + 2) == ("Two in Nis here! Three.", 5)
    assert Sentences("").around(0, 0) == ("", 0)


def test_context_rules_on_plain_words():
    # ``preceding`` runs backwards from the word before the name.
    assert in_place_context(["the", "near"], "")
    assert in_place_context(["of"], "")
    assert in_place_context(["In"], "") and in_place_context(["north"], "") and in_place_context(["Northern"], "")
    # A compass point in capitals is part of a name: "North Side", "East Bank".
    assert not in_place_context(["North"], "") and not in_small_town_context(["East"], "")
    assert in_place_context(["police"], "Crossing")
    assert in_place_context(["police"], "crossing")
    assert not in_place_context(["the", "police"], "said")
    assert not in_place_context([], "")
    # "a" goes before a place used as an adjective ("at a Buford home"), and before firms and
    # proteins ("an FDA report", "of a Kelch protein"): only a name the model tagged passes it.
    assert not in_place_context(["an", "of"], "") and not in_place_context(["a", "in"], "")
    assert in_place_context(["a", "at"], "", tagged=True)
    # The small-town rule: no article, and "of" is too weak.
    assert in_small_town_context(["in"], "")
    assert in_small_town_context(["the"], "crossing")
    assert not in_small_town_context(["the", "in"], "")
    assert not in_small_town_context(["of", "department"], "")
    assert in_small_town_context(["of", "village", "tiny", "the"], "")


def _place(code, population=0, feature_class="A"):
    return Place("X", 0.0, 0.0, feature_class, code, population=population)


def test_tests_of_what_the_gazetteer_says():
    country, capital, region = _place("PCLI"), _place("PPLC", 1, "P"), _place("ADM1", 600_000)
    town, big_town, zip_town = _place("PPL", 5_000, "P"), _place("PPL", 200_000, "P"), _place("PPL", 0, "P")
    assert notable((country,)) and notable((capital,)) and notable((big_town,)) and not notable((town,))
    assert credible((town,), 1000) and not credible((capital,), 1000) and credible((region,), 10**9)
    assert major((country,)) and major((capital,)) and major((region,)) and not major((big_town,))
    assert not major((_place("ADM1", 400_000),))
    assert only_small_towns((zip_town,)) and not only_small_towns((zip_town, town))


HARD_TEXT = ("Gen. Smith said troops left the U.S. The convoy reached Belgrade on Jan. 5.\n"
             "Police in Zvečan said. Officials met in Pristina near the Jarinje crossing.\n\n"
             "Kosovo and Serbia talked in Brussels.")


def test_every_recogniser_cuts_the_same_sentences(pipeline, gazetteer):
    """An incident is a sentence: the spaCy path, --fast and the evaluation's gold mentions
    give each mention the rules' sentence."""
    from geo.evaluation import sentence_around
    from geo.recognition.fast import FastRecognizer

    article = Article("t", HARD_TEXT)
    expected = set(_sentences(HARD_TEXT))
    assert "Gen. Smith said troops left the U.S." in expected
    doc = pipeline.recognizer.nlp(HARD_TEXT)
    assert {s.text.strip() for s in doc.sents} == expected
    for recognizer in (pipeline.recognizer, FastRecognizer(gazetteer)):
        [mentions] = recognizer.recognize([article])
        assert {"Belgrade", "Pristina", "Brussels"} <= {m.text for m in mentions}
        for m in mentions:
            assert m.sentence in expected
            assert HARD_TEXT[m.sentence_start:m.sentence_start + len(m.sentence)] == m.sentence
            assert sentence_around(HARD_TEXT, m.start, m.end) == (m.sentence, m.sentence_start)


def test_the_format_characters_recognition_drops_are_unicode_category_cf():
    import sys
    import unicodedata

    from geo.recognition.base import FORMAT_CHARACTERS

    cf = {chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"}
    matched = {chr(c) for c in range(sys.maxunicode + 1) if FORMAT_CHARACTERS.fullmatch(chr(c))}
    assert matched == cf, f"Unicode {unicodedata.unidata_version}: add {sorted(map(hex, map(ord, cf - matched)))}"
