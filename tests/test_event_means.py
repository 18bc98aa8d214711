"""Typing by the means and by what was done to whom, in wordings the tables first missed (round nine's
reports known through organisations): the team's own sentences about other places."""

import pytest

from tests.conftest import BOMBS, DEVELOPMENTS, PROTESTS, assert_typed


@pytest.mark.parametrize(("sentence", "event_type", "sub_event_type"), [
    # Remote violence is typed by its means, whoever the victims: a place pounded "with artillery", however far
    # the place's noun puts the weapon from the verb
    ("Government forces pounded a hamlet in the hills above Kalehe with artillery at dawn, killing three women.",
     BOMBS, "shelling/artillery/missile attack"),
    ("Army units struck a cluster of hamlets along the Nile with heavy artillery on Monday, wounding eleven "
     "civilians.", BOMBS, "shelling/artillery/missile attack"),
    # a shell that lands is the event, though a call to keep schools "out of the fighting" follows
    ("Two girls died when a shell landed in a playground in Avdiivka, and a charity called on both armies to keep "
     "children out of the fighting.", BOMBS, "shelling/artillery/missile attack"),
    # a fight only feared or urged to stop is no fight the weapon belongs to
    ("A rocket hit a bus station in Donetsk, and the governor warned of fierce fighting ahead.", BOMBS,
     "shelling/artillery/missile attack"),
    ("A mortar round fell on a market in Kharkiv, killing three, and the mayor urged both sides to stop the "
     "fighting.", BOMBS, "shelling/artillery/missile attack"),
    # a jet bombing a church that shelters people bombs it ("sheltering" is no bomb shelter)
    ("An air force jet bombed a church sheltering families in a village near Falam, killing five.", BOMBS,
     "air/drone strike"),
    # fire on a gathering of protest is fire on its protesters
    ("Soldiers opened fire on a sit-in outside the governor's office in Kassala, killing two.", PROTESTS,
     "excessive force against protesters"),
    ("Police fired on a rally of opposition supporters in Conakry, wounding six.", PROTESTS,
     "excessive force against protesters"),
    # captives an armed group frees are released under some agreement
    ("Four police officers freed by Boko Haram near Bama were handed to the governor on Sunday.", DEVELOPMENTS,
     "agreement"),
    ("Abu Sayyaf gunmen released two hostages on the outskirts of Jolo.", DEVELOPMENTS, "agreement"),
])
def test_typed_by_means_and_by_what_was_done(fast, parsed, sentence, event_type, sub_event_type):
    assert_typed((fast, parsed), sentence, event_type, sub_event_type)


@pytest.mark.parametrize("sentence", [
    "Police released the two suspects on bail in Zenica on Friday.",
    "The rebels released a video from a camp near Goma on Monday.",
    "The ministry urged families near Bihać to keep their children out of the fighting.",
])
def test_releases_and_calls_that_tell_no_event(fast, parsed, sentence):
    for reader in (fast, parsed):
        assert reader.read(sentence) is None, (sentence, reader.parse)
