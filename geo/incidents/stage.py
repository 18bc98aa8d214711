"""Stage 6: the incidents an article reports, one per event sentence and place it happened at.

A sentence reports an event when the event reader (``events.py``) finds what happened in
it: its type, the words that say so, who took part, how many were killed or hurt. The event
happened at the places the sentence locates it at, or failing those at a place the report
gives around it (``places.py``), on the date the sentence gives (``dates.py``). A sentence
about the past beyond a year, or a named historical period, is background: kept with
``background`` set, left off maps unless asked; so is one that sets the scene (a habit, a lasting
state, the past perfect) of an event the report tells after it. A headline is the event its body tells.

Each incident is one record of ``geo.model.INCIDENT_SCHEMA``: the event's fields, then the
place's, as the mention schema has them. Merging the same incident reported by several
articles is ``merge.py``'s work, at output time.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from geo.articles import Article
from geo.incidents.clauses import bases, normal, verbal, words
from geo.incidents.counts import Counts, adds_more, ordinal_one, other_side, read_counts
from geo.incidents.dates import background, resolve_date
from geo.incidents.places import CARRIED, Sentence, a_verb_among, event_places, event_words, roles, split_paragraphs
from geo.model import Resolution, mention_record
from geo.recognition import sentence_spans

if TYPE_CHECKING:
    from geo.incidents.events import EventReader


def incident_id(article_id: str, sentence_start: int, place: Resolution) -> str:
    """Stable across runs: the article, the sentence, the place and the phrase around it."""
    p, m = place.place, place.mention
    key = (article_id, sentence_start, p.geonameid if p else None, p.name if p else None, m.phrase)
    return "inc-" + hashlib.sha1(repr(key).encode("utf-8")).hexdigest()[:12]


class IncidentStage:
    """Reads each article's sentences for events and places them."""

    def __init__(self, reader: EventReader) -> None:
        self.reader = reader

    def apply(self, articles: Sequence[Article], resolutions: Sequence[Sequence[Resolution]]) -> list[list[dict]]:
        """Per article, its incident records (in text order)."""
        split = [split_paragraphs(a.text, sentence_spans(a.text)) for a in articles]
        texts = [a.text[s.start:s.end].strip() for a, sentences in zip(articles, split, strict=True)
                 for s in sentences]
        # the sentences before and after each in its paragraph: where a row's "around:" condition may find its words
        around = [tuple(a.text[o.start:o.end].strip() for o in (before, after)
                        if o is not None and o.paragraph == s.paragraph)
                  for a, sentences in zip(articles, split, strict=True)
                  for s, before, after in zip(sentences, [None, *sentences[:-1]], [*sentences[1:], None], strict=True)]
        readings = iter(self.reader.read_all(texts, around))
        out = []
        for article, sentences, rs in zip(articles, split, resolutions, strict=True):
            mine = [next(readings) for _ in sentences]
            out.append(self._article(article, sentences, rs, mine) if any(mine) else [])
        return out

    def _article(self, article: Article, sentences: list[Sentence], resolutions: Sequence[Resolution],
                 readings: list) -> list[dict]:
        placed = [r for r in resolutions if r.place is not None]
        by_sentence: list[list[Resolution]] = [[] for _ in sentences]
        starts = [s.start for s in sentences]
        for r in placed:
            k = bisect_right(starts, r.mention.start) - 1
            if k >= 0:
                by_sentence[k].append(r)
        words = event_words(self.reader.table)
        located = [roles(article.text, s, rs, words) for s, rs in zip(sentences, by_sentence, strict=True)]
        # where the casualties were told, without where the hurt were taken ("a third was flown to Mosul")
        # nor where the source spoke ("an elder told a radio station in Mogadishu that ...")
        told = [[loc for loc in ls if not _conveyed_to(article.text, s, loc) and not _spoken_at(article.text, s, loc)]
                for s, ls in zip(sentences, located, strict=True)]
        readings = _fold_casualty_reports(_context_gives_way(article.text, sentences, readings, told), told,
                                          [article.text[s.start:s.end] for s in sentences], article.date)
        scene, readings = _scene_and_headline(article.text, sentences, readings, article.date)
        date = article.date.isoformat() if article.date else None
        records = []
        for s, reading in zip(sentences, readings, strict=True):
            if reading is None:
                continue
            counts = Counts(reading.fatalities, reading.fatalities_text, reading.injuries, reading.injuries_text) \
                if s.index in scene else _counts(article.text, sentences, readings, told, s.index, reading,
                                                 article.date)
            raw = article.text[s.start:s.end]
            sentence = raw.strip()
            sentence_start = s.start + len(raw) - len(raw.lstrip())
            own = _own_time(sentence)
            when = resolve_date(own, article.date)
            places, mentioned = event_places(article.text, sentences, located, s.index, reading.evidence,
                                             self.reader.might_report)
            for place in places:
                record = mention_record(article.id, article.title, date, article.url, place.resolution)
                record.update({
                    "incident_id": incident_id(article.id, sentence_start, place.resolution),
                    "published": date,
                    "date": when.date.isoformat() if when.date else None,
                    "date_precision": when.precision, "date_text": when.text,
                    "background": s.index in scene or background(own, when, article.date),
                    "event_type": reading.event_type, "sub_event_type": reading.sub_event_type,
                    "evidence": list(reading.evidence), "confidence": reading.confidence,
                    "actors": list(reading.actors),
                    "fatalities": counts.fatalities, "fatalities_text": counts.fatalities_text,
                    "injuries": counts.injuries, "injuries_text": counts.injuries_text,
                    "sentence": sentence, "sentence_start": sentence_start,
                    "place_basis": place.basis, "geo_precision": place.precision,
                    "place_confidence": place.resolution.confidence,
                    "places_mentioned": [n for n in mentioned if n != place.resolution.mention.text],
                    "shape": place.resolution.geometry,
                })
                records.append(record)
        return records


# A sentence whose only event words are these reports the toll of an event before it ("martyred",
# "neutralised", "eliminated": the sides' own words for killed; "found with gunshot wounds": who was hit).
_TOLL_WORDS = re.compile(r"^(?:kill|die|dead|death|wound|injur|hurt|casualt|bod(?:y|ies)|martyr|neutrali[sz]"
                         r"|eliminat|gunshot|lost\s+(?:his|her|their)\s+li)", re.I)
_TOLL_REACH = 2  # sentences back


# A place the hurt or the dead were taken to: "flown to a military hospital in Mosul", "the wounded were
# airlifted to Nairobi" (in the clause, up to the place).
_CONVEYED = re.compile(rf"\b(?:{CARRIED}|brought|driven|carried)\s+"
                       r"(?:[\w'-]+\s+){0,3}?to\b[^.;:,]*$", re.I)


def _conveyed_to(text: str, sentence: Sentence, loc) -> bool:
    """Whether a place of the sentence is only where the hurt were taken: no place of a toll's own."""
    return _CONVEYED.search(text[sentence.start:loc.r.mention.start]) is not None


# Where a source spoke, between its reporting verb and what it said: "told a radio station in Garowe that",
# "said at a news conference in Kabul on Monday that" (no other verb before the place, "that" just after it).
_SPEAKING = re.compile(r"\b(?:told|said|says|tells|spoke|speaking|announced|reported|added)\b"
                       r"(?:\s+(?!that\b)[\w'’-]+){0,7}?\s+(?:in|at|from)\s+(?:the\s+)?$", re.I)
_SAID_NEXT = re.compile(r"^[\w'’ -]{0,40}?\bthat\b", re.I)


def _spoken_at(text: str, sentence: Sentence, loc) -> bool:
    """Whether a place of the sentence is only where the source spoke: no place of a toll's own."""
    m = _SPEAKING.search(text[sentence.start:loc.r.mention.start])
    return m is not None and not a_verb_among(m.group(0), skip=1) \
        and _SAID_NEXT.match(text[loc.r.mention.end:sentence.end]) is not None


def _told_before(word: str, sentence: str) -> bool:
    """An event word that points back at the event already told: "wounded in the attack", "killed in
    fighting that lasted hours"."""
    return re.search(rf"\b(?:in|during|after)\s+(?:the\s+)?{re.escape(word)}\b", sentence, re.I) is not None


def _fold_casualty_reports(readings: list, located: Sequence[Sequence], texts: Sequence[str],
                           published: dt.date | None = None) -> list:
    """Readings with a casualty report that names no place of its own ("The county
    commissioner said 19 people were killed.", "Two officers wounded in the attack later died.")
    folded into the event just before it, whose toll it gives: its counts go there when that event
    has none (unless it is a running total since a date), and it is no event of its own."""
    out = list(readings)
    last = None
    for k, reading in enumerate(readings):
        if reading is None:
            continue
        toll_only = reading.evidence and all(_TOLL_WORDS.match(w) or _told_before(w, texts[k])
                                             for w in reading.evidence)
        # ... and tells a toll: by its words, or by its count ("eight rebels died in the fighting")
        toll_only = toll_only and (any(_TOLL_WORDS.match(w) for w in reading.evidence)
                                   or bool(reading.fatalities_text or reading.injuries_text))
        own_place = any(loc.locates for loc in located[k])
        if toll_only and not own_place and last is not None and k - last <= _TOLL_REACH:
            before = out[last]
            if _running(texts[k], published):  # "has killed 25 people since March"
                reading = dataclasses.replace(reading, **dataclasses.asdict(_zeros_only(Counts(
                    reading.fatalities, reading.fatalities_text, reading.injuries, reading.injuries_text))))
            if before.victim_untold and reading.event_type != before.event_type \
                    and reading.event_type == "Violence against civilians":
                # "ADF fighters attacked Mangina. ... 18 civilians were killed": the toll names whom
                before = dataclasses.replace(before, event_type=reading.event_type,
                                             sub_event_type=reading.sub_event_type, victim_untold=False)
            if adds_more(words(texts[k])):  # "Two more died": the count before it comes first (``_also_killed``)
                reading = dataclasses.replace(reading, fatalities=None, fatalities_text="")
            out[last] = dataclasses.replace(
                before,
                fatalities=before.fatalities if before.fatalities is not None else reading.fatalities,
                fatalities_text=before.fatalities_text or reading.fatalities_text,
                injuries=before.injuries if before.injuries is not None else reading.injuries,
                injuries_text=before.injuries_text or reading.injuries_text)
            out[k] = None
            continue
        last = k
    return out


def _context_gives_way(text: str, sentences: Sequence[Sentence], readings: list,
                       located: Sequence[Sequence] = ()) -> list:
    """Readings with a sentence that tells an event only in a background clause dropped when the next
    sentence reports another of its own: "The ministry said it would send more police after another night
    of gunfire. Shortly after midnight, armed men opened fire on a checkpoint ..." opens on the context
    and tells the event next; a next sentence that tells on the same event ("... moments before a grenade
    exploded. The blast shattered ...") or only its toll or arrests, at no place of its own ("The clinic is
    shut after an air strike. Two nurses were among those killed."; a development costs no lives, so what is
    told next is news of its own: "X had been calm since the army set up a post. On Tuesday residents found nine
    bodies"), leaves it the event."""
    out = list(readings)
    for k in range(len(readings) - 1):
        reading, after = readings[k], readings[k + 1]
        toll = after is not None and _aftermath(after) and reading is not None and _costs_lives(reading) \
            and not (k + 1 < len(located) and any(loc.locates for loc in located[k + 1]))
        if reading is not None and reading.background_only and after is not None and not after.background_only \
                and not toll and not _tells_on(text, sentences, readings, k, k + 1):
            out[k] = None
    return out


# Developments kill no one: a toll told after one ("Bunia had been quiet since the army set up a checkpoint.
# ... residents found the bodies of five men") is another event's
_COSTLESS_TYPES = frozenset({"Strategic developments"})


def _costs_lives(reading) -> bool:
    """Whether a toll may be the reading's event's own."""
    return reading.event_type not in _COSTLESS_TYPES


def _aftermath(reading) -> bool:
    """A reading that tells only what an event cost or how it ended: its toll ("Two nurses were among those
    killed"), or arrests ("four people were detained" after a night of rioting)."""
    return bool(reading.evidence) and (all(_TOLL_WORDS.match(w) for w in reading.evidence)
                                       or reading.sub_event_type == "arrests")


def _setting(text: str, sentences: Sequence[Sentence], readings: Sequence, published: dt.date | None) -> set[int]:
    """The sentences that set the scene: a habit or a lasting state ("Every summer the power cuts come back,
    and so do the protests."; one dated to a day tells that day's news: "On Sunday, as every week, ..."),
    or what came before, in the past perfect ("The gate had been reinforced last month.")."""
    def sets(k: int) -> bool:
        when = resolve_date(text[sentences[k].start:sentences[k].end], published)
        return readings[k].scene == "before" or not (when.text and when.precision == "day")

    return {k for k, r in enumerate(readings) if r is not None and r.scene and sets(k)}


@lru_cache(maxsize=4096)
def _own_time(sentence: str) -> str:
    """The sentence with its clauses about a dated past blanked ("the group that fought in the valley in
    2001", ", in which troops killed 8,000 men in July 1995"): their year dates who someone is or what is
    recalled, not the event the sentence reports."""
    if not any(c.isdigit() for c in sentence):
        return sentence
    w = words(sentence)
    if not w.past:
        return sentence
    chars = list(sentence)
    for k in w.past:
        chars[w.starts[k]:w.ends[k]] = " " * (w.ends[k] - w.starts[k])
    return "".join(chars)


def _news(text: str, sentences: Sequence[Sentence], readings: Sequence, setting: set[int],
          published: dt.date | None) -> set[int]:
    """The sentences that tell news: an event that neither sets the scene nor is background by its date."""
    out = set()
    for k, r in enumerate(readings):
        sentence = text[sentences[k].start:sentences[k].end].strip()
        own = _own_time(sentence) if r is not None else sentence
        if r is not None and k not in setting and not background(own, resolve_date(own, published), published):
            out.add(k)
    return out


def _scene_and_headline(text: str, sentences: Sequence[Sentence], readings: list,
                        published: dt.date | None) -> tuple[set[int], list]:
    """The sentences that set the scene of news the report tells after them, which are background, no
    incident of the report (a report that tells nothing after them keeps them); and the readings with a
    headline that announces the body's news dropped: the body's sentences give its place, type and counts
    ("Night attack on base near Beledweyne" over "Militants attacked the base ... 22 were killed")."""
    setting = _setting(text, sentences, readings, published)
    headline = bool(readings) and readings[0] is not None and _headline(text, sentences[0])
    if not setting and not headline:
        return set(), readings
    news = _news(text, sentences, readings, setting, published)
    if headline and news - {0}:
        readings = [None, *readings[1:]]
    return {k for k in setting if any(j > k for j in news)}, readings


def _sums_up(located: Sequence[Sequence], at: int, k: int) -> bool:
    """A sentence just after an event, with no place of its own, whose "no one was hurt" tells of the
    scene, not only of its own event ("Police fired tear gas at protesters in Tirana. Eleven were
    detained and no one was injured."). A number it gives is its own event's."""
    return k - at <= _TOLL_REACH and not any(loc.locates for loc in located[k])


def _headline(text: str, sentence: Sentence) -> bool:
    """The article's first line, standing alone and ending without a stop: "Grenade hurled at police
    station in northern Kosovo"."""
    raw = text[sentence.start:sentence.end]
    return sentence.index == 0 and not raw.rstrip().endswith((".", "!", "?", '"', "”")) \
        and "\n" in text[sentence.end:sentence.end + 3 + len(raw) - len(raw.rstrip())]


def _tells_on(text: str, sentences: Sequence[Sentence], readings: Sequence, at: int, later: int) -> bool:
    """Whether the event sentence ``later`` tells more of the event at ``at``: it opens on an event
    word of either with "the" or "this" ("The blast shattered the windows, but no one was hurt", "The
    attack began at dawn" after "Rebels attacked a base"), or ``at`` is the headline of the story
    ``later`` opens."""
    if later == at + 1 and _headline(text, sentences[at]):
        return True
    opening = re.findall(r"[\w'-]+", text[sentences[later].start:sentences[later].end][:80].lower())[:4]
    if not opening or opening[0] not in ("the", "this"):
        return False
    told = {b for k in (at, later) for word in readings[k].evidence for t in word.lower().split()
            for b in bases(normal(t))}
    for word in opening[1:]:
        if verbal(word) and not word.endswith("ing"):
            return False  # "The army shelled": a subject and its verb, no event named
        if bases(normal(word)) & told:
            return True  # "The attack", "The suicide bombing"
    return False


def _same_time(text: str, sentences: Sequence[Sentence], at: int, later: int, published: dt.date | None) -> bool:
    """Whether sentence ``later`` gives no date of its own, or the date sentence ``at`` gives."""
    date = resolve_date(text[sentences[later].start:sentences[later].end], published)
    return not date.text or date.date == resolve_date(text[sentences[at].start:sentences[at].end], published).date


def _running(sentence: str, published: dt.date | None) -> bool:
    """A sentence dated by a span up to now ("Feuding has killed 25 people since March"): its toll is a
    running total, not the event's."""
    return resolve_date(sentence, published).text.lower().startswith("since")


# Words that set an event apart from the one before in time or place: "Later a drone hit a car in a nearby village"
_APART = re.compile(r"\b(?:later|meanwhile|separately|elsewhere|earlier|afterwards|subsequently|another|nearby"
                    r"|separate)\b", re.I)


def _scene_counts(text: str, sentences: Sequence[Sentence], readings: Sequence, at: int, later: int,
                  published: dt.date | None) -> Counts:
    """The counts of an event just after the one at ``at``, told with no place of its own, with the toll
    reports folded into it: all of them when it gives no other date and no word sets it apart, else
    only its nobody hurt."""
    told = readings[later]
    found = Counts(told.fatalities, told.fatalities_text, told.injuries, told.injuries_text)
    apart = _APART.search(text[sentences[later].start:sentences[later].end]) is not None
    return _zeros_only(found, apart or not _same_time(text, sentences, at, later, published))


def _zeros_only(found: Counts, zeros_only: bool = True) -> Counts:
    if not zeros_only:
        return found
    return Counts(*(found.fatalities, found.fatalities_text) if found.fatalities == 0 else (None, ""),
                  *(found.injuries, found.injuries_text) if found.injuries == 0 else (None, ""))


def _counts(text: str, sentences: Sequence[Sentence], readings: Sequence, located: Sequence[Sequence], at: int,
            reading, published: dt.date | None = None) -> Counts:
    """The event's counts: its sentence's, else those of the sentences after it that report
    no event of their own ("Gunmen attacked a patrol. Two officers were killed."), or tell more of
    the same one ("The fighting began at dawn ..."), or of an event just after it with no place of
    its own: its nobody hurt, or its toll when it gives no other date ("Rebels took the town. At least
    six civilians were killed by stray shells."; not "Clashes have killed 40 people since July"). An
    event just after it with no place and no count lets the walk go on to the sentence after. A toll
    since a date is a running total, no count of the event."""
    fatalities, injuries = (reading.fatalities, reading.fatalities_text), (reading.injuries, reading.injuries_text)
    if at == 1 and readings[0] is None:  # the opening line gives the toll of the event told next
        fatalities, injuries = _lede_counts(text, sentences[0], fatalities, injuries, published)
    closed = False  # an event of the scene gave counts: only a nobody hurt just after may follow
    for later in range(at + 1, len(sentences)):
        if fatalities[0] is not None and injuries[0] is not None:
            break
        own = readings[later] is not None
        if closed and (own or later - at > _TOLL_REACH):
            break
        if own and _tells_on(text, sentences, readings, at, later):
            told = readings[later]  # its counts, with those of the toll reports folded into it
            if fatalities[0] is None and told.fatalities is not None:
                fatalities = (told.fatalities, told.fatalities_text)
            if injuries[0] is None and told.injuries is not None:
                injuries = (told.injuries, told.injuries_text)
            continue
        if own and not _sums_up(located, at, later):
            break
        found = _scene_counts(text, sentences, readings, at, later, published) if own \
            else _zeros_only(read_counts(text[sentences[later].start:sentences[later].end]),
                             closed or _running(text[sentences[later].start:sentences[later].end], published))
        if fatalities[0] is None and found.fatalities is not None:
            fatalities = (found.fatalities, found.fatalities_text)
        if injuries[0] is None and found.injuries is not None:
            injuries = (found.injuries, found.injuries_text)
        if own and (found.fatalities is not None or found.injuries is not None):
            closed = True  # nothing beyond another event that gave a count, but "Nobody was killed."
    fatalities = _toll_rose(text, sentences, readings, at,
                            _also_killed(text, sentences, readings, located, at, fatalities, published), published)
    return Counts(fatalities[0], fatalities[1], injuries[0], injuries[1])


def _lede_counts(text: str, lede: Sentence, fatalities: tuple[int | None, str], injuries: tuple[int | None, str],
                 published: dt.date | None) -> tuple[tuple[int | None, str], tuple[int | None, str]]:
    """The counts of an opening line that reports no event of its own, for the event told just after it
    where its own sentence has none: a headline ("Culiacan: 14 dead, 30 hurt in overnight violence") or a
    lede that leads with the toll ("The district officer put the toll at three ...")."""
    said = text[lede.start:lede.end]
    if _running(said, published) or background(_own_time(said), resolve_date(_own_time(said), published), published):
        return fatalities, injuries  # "A feud claimed the lives of two men in 2020 and 2021": no toll of the news
    found = read_counts(said)
    return ((found.fatalities, found.fatalities_text) if fatalities[0] is None and found.fatalities is not None
            else fatalities,
            (found.injuries, found.injuries_text) if injuries[0] is None and found.injuries is not None
            else injuries)


_ROSE = re.compile(r"\btoll\b.*\b(?:rose|risen|rises|climbed|climbs|reached|jumped|increased)\b", re.I)


def _toll_rose(text: str, sentences: Sequence[Sentence], readings: Sequence, at: int,
               fatalities: tuple[int | None, str], published: dt.date | None) -> tuple[int | None, str]:
    """The event's deaths as a toll told just after it has risen ("... killing two children. The toll rose to
    four on Sunday when a woman died of her wounds."): in a sentence that reports no event of its own, and
    is no running total since a date."""
    total, words = fatalities
    if total is None:
        return fatalities
    for later in range(at + 1, min(len(sentences), at + 1 + _TOLL_REACH)):
        if readings[later] is not None:
            break
        sentence = text[sentences[later].start:sentences[later].end]
        more = read_counts(sentence)
        if more.fatalities is not None and _ROSE.search(more.fatalities_text) and not _running(sentence, published) \
                and more.fatalities > total:
            total, words = more.fatalities, more.fatalities_text
    return total, words


_ALSO = re.compile(r"\b(?:also|another)\b", re.I)
# The dead of the scene and those who died after: "A man was pronounced dead at the scene. A woman taken to a
# hospital died there on Monday" are two
_SCENE = re.compile(r"\b(?:at\s+the\s+scene|on\s+the\s+spot|instantly)\b", re.I)
_LATER = re.compile(r"\b(?:hospital|later|overnight|on\s+the\s+way|afterwards|the\s+(?:next|following)\s+day)\b",
                    re.I)


def _died_later(sentence: str) -> bool:
    """A sentence that tells a death after the scene's: in hospital, on the way there, later."""
    return _LATER.search(sentence) is not None and _SCENE.search(sentence) is None


def _also_killed(text: str, sentences: Sequence[Sentence], readings: Sequence, located: Sequence[Sequence], at: int,
                 fatalities: tuple[int | None, str], published: dt.date | None = None) -> tuple[int | None, str]:
    """The event's deaths with those a sentence just after it adds ("Four policemen were killed ... The
    bomber was also killed on the spot" is 5; "Two were killed ... A third victim died in hospital" is 3): a
    count of the dead said with "also", "another" or "more" ("Two more died in hospital"), or as another side's
    ("Among the dead on the army's side were two soldiers"), or one more named by the ordinal that follows the
    count (in its sentence or one just before that counts none: "They also seized a third man. His body was found
    on Sunday"), or a death in hospital or later after the dead of the scene ("A man was pronounced dead at the
    scene. A woman taken to hospital died there on Monday"),
    in a sentence that reports no event of its own, or one with no place of its own at the same time that no
    word sets apart ("Eleven tribal fighters also died, ... which said the fighting had resumed")."""
    total, told = fatalities
    if not total:
        return fatalities
    told_in = text[sentences[at].start:sentences[at].end]
    named = None  # one more named by an ordinal in a sentence that counts none: "They also seized a third man."
    for later in range(at + 1, min(len(sentences), at + 1 + _TOLL_REACH)):
        sentence = text[sentences[later].start:sentences[later].end]
        if readings[later] is not None and (not _sums_up(located, at, later) or _APART.search(sentence)
                                            or not _same_time(text, sentences, at, later, published)):
            break
        w = words(sentence)
        more = read_counts(w)
        if more.fatalities_text in told.split("; ") or more.fatalities_text and more.fatalities_text in told:
            told_in = sentence  # the sentence that told the count so far
            continue  # the count the event already took from it
        # "Two more died in hospital", not "A second strike hit a car near X, killing two more": another event's
        after = not any(loc.locates for loc in located[later]) and (
            adds_more(w) or _died_later(sentence) and _SCENE.search(told_in) is not None)
        if more.fatalities is None:
            named = ordinal_one(w)
            continue
        if total is not None and more.fatalities and (_ALSO.search(sentence) or other_side(w) or after
                                                      or (ordinal_one(w) or named) == total + more.fatalities):
            total, told = total + more.fatalities, f"{told}; {more.fatalities_text}"
    return total, told
