from geo.articles import Article


def _mentions(pipeline, text):
    [mentions] = pipeline.recognizer.recognize([Article("t", text)])
    return mentions


def test_offsets_and_sentences(pipeline):
    text = "Police said. Protesters blocked roads in Zvečan and Leposavić on Monday."
    mentions = _mentions(pipeline, text)
    assert [m.text for m in mentions] == ["Zvečan", "Leposavić"]
    for m in mentions:
        assert text[m.start:m.end] == m.text
        assert text[m.sentence_start:m.sentence_start + len(m.sentence)] == m.sentence
        assert m.sentence.startswith("Protesters")


def test_places_the_model_tags_as_organisations_or_people(pipeline):
    # The small English model tags Zubin Potok as ORG and Leposavic as NORP.
    texts = [m.text for m in _mentions(
        pipeline, "Clashes broke out near Zubin Potok and in Leposavic after the vote.")]
    assert texts == ["Zubin Potok", "Leposavic"]


def test_organisations_are_not_places(pipeline):
    texts = {m.text for m in _mentions(
        pipeline, "NATO said KFOR, the Kosovo Force, will stay. The North Atlantic Treaty "
                  "Organization met in Brussels.")}
    assert "Brussels" in texts
    assert not texts & {"NATO", "KFOR", "Kosovo Force", "North Atlantic Treaty Organization"}


def test_demonyms_are_places_when_they_name_a_people(pipeline):
    mentions = _mentions(pipeline, "Serbian forces fired on the border, Kosovar officials said.")
    assert {m.text for m in mentions} >= {"Serbian", "Kosovar"}


def test_seed_article(seed_result):
    texts = [r.mention.text for r in seed_result.resolutions[0]]
    assert {"Serbia", "Kosovo", "Belgrade", "Russia"} <= set(texts)
    assert not set(texts) & {"NATO", "KFOR", "Kosovo Force", "Albin Kurti", "Federal"}


def test_long_text_is_parsed_in_bounded_pieces():
    from geo.recognition.spacy_recognizer import _CHUNK_CHARS, _chunks

    one_line = "Police in Pristina said that " + "x" * 5_000_000
    pieces = _chunks(one_line)
    assert all(len(p) <= _CHUNK_CHARS for _, p in pieces)
    assert "".join(p for _, p in pieces) == one_line
    assert all(one_line[o:o + len(p)] == p for o, p in pieces)


def test_long_text_is_cut_between_sentences():
    """The pieces of a long article start where the rules' sentences do, so the model sees the
    sentences a short article would give it."""
    from geo.recognition.rules import sentence_spans
    from geo.recognition.spacy_recognizer import _CHUNK_CHARS, _chunks

    text = " ".join(f"Gen. Smith met {n} officials in the U.S. The talks went on in Pristina." for n in range(2000))
    pieces = _chunks(text)
    starts = {a for a, _ in sentence_spans(text)}
    assert len(pieces) > 1 and "".join(p for _, p in pieces) == text
    assert all(o in starts and len(p) <= _CHUNK_CHARS for o, p in pieces)


def test_a_small_town_name_after_the_is_not_a_place(pipeline, gazetteer):
    # House and Register are ZIP-code towns of unknown population; "the House" is Congress.
    for name in ("House", "Register"):
        assert gazetteer.lookup(name) and all(p.population == 0 for p in gazetteer.lookup(name)), name
    texts = [m.text for m in _mentions(
        pipeline, "Members of the House spoke to reporters from the Register in Boston.")]
    assert "House" not in texts and "Register" not in texts and "Boston" in texts
    # Before a place noun the name is a place all the same ("the Jarinje crossing").
    assert "Lanexa" in [m.text for m in _mentions(pipeline, "Police closed the Lanexa crossing on Sunday.")]


def test_a_word_that_is_only_some_places_alternate_name_is_not_a_place(pipeline, gazetteer):
    """'City' is among London's GeoNames names and 'No' among Haiti's Nord's: untagged by
    the model, such a word is no place. A name borne as a place's own, or a country's
    alias, still is."""
    from geo.recognition.rules import bearing

    city = gazetteer.lookup("City")
    assert any(p.name == "London" for p in city) and "London" not in {p.name for p in bearing(city, "City")}
    assert not bearing(gazetteer.lookup("No"), "No")
    assert bearing(gazetteer.lookup("Britain"), "Britain")
    assert bearing(gazetteer.lookup("Belgrade"), "Belgrade")
    texts = [m.text for m in _mentions(pipeline, 'Officials said: "No, the City will pay for it."')]
    assert "No" not in texts and "City" not in texts


def test_a_thing_named_after_a_sea_does_not_name_the_sea(pipeline):
    # The model tags the oscillation as an organisation; its first word is the ocean.
    texts = [m.text for m in _mentions(
        pipeline, "The Pacific Decadal Oscillation is a phenomenon of alternating phases in which "
                  "offshore ocean temperatures tend to run warmer and then colder in Oregon.")]
    assert "Pacific" not in texts and "Oregon" in texts
