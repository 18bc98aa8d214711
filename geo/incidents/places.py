"""Where an event happened: which of the places a report names locate it, and how precisely.

A sentence that reports an event names places in several roles. Only some say where it
happened: "in X", "near X", "at X", "outside X", "12 km north of X", "X, Country", "the X
crossing", "the village of X", and each member of a list after such a word ("in Belgrade,
Novi Sad and Niš"). The others are mentioned, not located at: a qualifier (Kosovo in
"Zvečan, Kosovo"), where actors come from ("Serbian police", "Kosovo Police", "gunmen from
X"), where a speaker is ("officials in Pristina said"), a people's name, a place inside an
organisation's name ("Colorado State University"). Where a movement set out from ("after he left
a mosque in X", "fleeing the fighting in X") locates the event only when nothing else does.

A country, first-level region or continent locates an event only when nothing finer does:
a finer place inside it in the sentence, the two sentences before it or earlier in its
paragraph takes its place. An event sentence that names no place takes one from the report
itself, in this order: the two sentences before it (or earlier in its paragraph), the
dateline, the report's most specific place. ``place_basis`` records which.

``geo_precision`` follows the conflict-event datasets' scale: 1 the town, village, crossing
or site itself; 2 near a town, a lake, or a unit the size of a district or municipality; 3 a
province or state, a region phrase ("northern Kosovo"), a border, a country or larger. It is
decided by what the place is and by its size, not by its administrative code (GeoNames codes
Kosovo's municipalities as first-level units).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from geo.geodesy import distance_km
from geo.incidents.clauses import bases, normal, verbal
from geo.incidents.events import EventTable, Rule, default_event_table
from geo.model import Resolution
from geo.recognition import (
    APOSTROPHE,
    DATELINE,
    DWELLING_NOUNS,
    SITE_NOUNS,
    TOWN_NOUNS,
    EventWords,
    an_office_after,
    firmly_placed,
    widens_a_point,
    written_as,
)

# The place kinds precision 3 always is, and those precision 1 is when nothing widens them.
_COARSE_CODES = frozenset({"CONT", "RGN", "RGNE", "OCN", "SEA", "GULF", "STRT", "CHN", "BORDER", "VAL", "VALS",
                           "STM", "STMS", "PLN", "MTS", "DSRT", "ISLS", "PEN"})
_LAKE_CODES = frozenset({"LK", "LKS", "RSV", "RSVS", "LKI", "LKN", "BAY"})
# An administrative unit this wide or less (the radius of a circle of its area) is of a
# district's or municipality's size: precision 2. A Kosovo municipality is about 10 km, a
# Serbian district 30 km, a US state hundreds.
DISTRICT_RADIUS_KM = 40.0
# A town this near a border's line (in degrees, about 35 km) is a finer place of an event "at the border".
BORDER_REACH_DEG = 0.3

# A compass point: "north", "south-east", "northwest".
_COMPASS = r"(?:north|south|east|west|(?:north|south)-?(?:east|west))"
# A town told back (TOWN_NOUNS): "the town", "this Borno-like village".
_TOWN_NOUN = rf"(?:{'|'.join(sorted(TOWN_NOUNS))})"
# How the hurt or the fleeing are carried somewhere: "taken to a hospital in X", "evacuated to X".
CARRIED = r"(?:taken|flown|rushed|airlifted|evacuated|transferred)"
_POLICE = r"(?:police|policemen|policeman)"

# Words before a name that say the event happened there ("in", "near the village of").
_CUE = re.compile(
    r"(?:\b(?:in|near|at|outside|around|inside|into|across|throughout|through|along|towards?|over|off|past|beside"
    r"|above|below|overlooking"
    rf"|close\s+to|next\s+to|outskirts\s+of|{_COMPASS}\s+of)"
    r"\s+(?:the\s+)?(?:(?:[a-z]+\s+){0,2}(?:village|town|city|hamlet|municipality|district|province|region|area"
    r"|suburbs?|outskirts|neighbou?rhood|capital|port|enclave|settlement|county|state|governorate|oblast"
    r"|streets?|cent(?:re|er)|heart)s?"
    # "in three villages of Ukraine's X region": the country's name before the unit's qualifies it
    rf"\s+of\s+(?:the\s+)?(?:[A-Z][\w-]*{APOSTROPHE}s?\s+)?)?"
    r"|\bthe\s+(?:village|town|city|hamlet|municipality|district|suburb|settlement)\s+of\s+)$",
    re.I)
# Words after a name that make it a site or unit where things happen ("the Jarinje crossing").
_SITE_AFTER = re.compile(
    r"^\s+(?:(?:border|administrative|boundary)\s+)?(?:crossing|checkpoint|village|town|city|municipality|district"
    r"|province|region|area|camp|base|bridge|airport|mine|monastery|church|mosque|power\s+plant|plant|canal|lake"
    r"|dam|neighbou?rhood|suburb|outskirts|market|square|highway|road|prison|hospital|school)s?\b", re.I)
# A name followed by one of these is where an actor comes from ("Serbian police", "Kosovo
# Police", "Georgian troops", "Pristina officials"), not where the event is.
_ACTORS = (
    rf"(?:special\s+)?(?:{_POLICE}|forces?|troops|army|soldiers?|military|officials?|authorities"
    r"|government|ministry|president|prime\s+minister|minister|leaders?|officers?|guards?|gendarmerie|militia"
    r"|fighters|rebels|navy|air\s+force|media|diplomats?|envoy|ambassador|parliament|assembly|court|university"
    r"|college|council|agency|bank|company|club|team|party|spokesm[ae]n|negotiators?|administration)")
# ("the X regional military administration said": a region's or district's office; not "outside the X provincial
# council building", a site there)
_ACTOR_AFTER = re.compile(rf"^\s+(?:(?:regional|provincial|oblast|district|military|state)\s+){{0,2}}{_ACTORS}\b"
                          r"(?!\s+(?:building|offices?|headquarters|compound|premises|gates?)\b)", re.I)
# A country's actor or its act, in the possessive ("Russia's answer came in drones", "Chad's army shelled"):
# the country acts, it is not where ("X's police" of a town stays its town's).
_COUNTRYS_ACT_AFTER = re.compile(
    rf"^{APOSTROPHE}s?\s+(?:{_ACTORS}|answer|response|reply|retaliation|revenge|riposte)\b", re.I)
# A town's police ("Pale police picked up three men", "Gjilan police said") work in their town: it
# locates their event when nothing else does, as "residents of X" does. A country's or region's
# police are an actor from there ("Serbian police", "Kosovo Police").
_TOWN_POLICE_AFTER = re.compile(rf"^\s+{_POLICE}\b", re.I)
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:the\s+)?$", re.I)
# "shelled the town from across the river", "fired from beyond the border": where the fire came from, not
# where it fell, whatever verb comes before
_FROM_ACROSS_BEFORE = re.compile(r"\bfrom\s+(?:across|beyond|behind|over)\s+(?:the\s+)?$", re.I)
# "shells fired from positions near X landed in Y", "drones launched from across the border in X hit Y": where
# the fire came from, however many words the origin takes, up to the verb that tells where it fell
_FIRED_FROM_BEFORE = re.compile(r"\b(?:fired|launched|shot|lobbed)\s+from\s+(?P<between>[^.;:]*)$", re.I)
# Verbs that tell where fire fell ("landed in Y"), beside those of violence (``EventWords.place_verb``), and the
# auxiliaries of a verb of the sentence's own ("rockets fired from X were found in Y")
_FIRE_FELL = frozenset({"landed", "fell", "crashed", "slammed", "impacted", "came", "reached", "struck", "hit",
                        "was", "were", "is", "are", "had", "has", "have"})
# "students from Gadjah Mada University in X and the University of Y in Z": where the people come from,
# the seat of the school they belong to ("from" before it, the school's name right before "in").
_FROM_BEFORE_SEAT = re.compile(r"\bfrom\s")
_SCHOOLS = r"(?:University|College|Academy|Institute|Faculty)"
_SEAT_BEFORE = re.compile(rf"\b(?:{_SCHOOLS}|School)"
                          r"(?:\s+of(?:\s+[A-Z][\w'’.-]*){1,3})?\s+in\s+$")
# "villagers fleeing fighting in X", "fled their homes in X", "after leaving a mosque in X", "on his way home from
# a wedding in X": the place a movement set out from, through its object (a place right after "from" is an origin
# already: "on his way from X"). It locates the event only when nothing else in the sentence does ("shot dead in Y
# after leaving a mosque in X": Y). "Left" and "leaving" take a site: "leaving 12 dead in X", "left a bomb in X" tell
# what the event left behind.
_SET_OUT_FROM = re.compile(
    r"\b(?:(?:fled|flee|flees|fleeing)\s+(?:from\s+)?(?:(?P<object>(?:[\w'’-]+\s+){1,3}?)(?:in|at|near)\s+)?"
    rf"|(?:left|leaving|leave|leaves|departed|departing)\s+(?:from\s+)?(?:an?|the|their|his|her|its)\s+(?:[\w-]+\s+)?"
    rf"(?:{'|'.join(sorted(SITE_NOUNS | {'home', 'house'}))})s?\s+(?:in|at|near)\s+"
    r"|(?:(?:on|making)\s+(?:his|her|its|their|the)\s+way|returning|travelling|traveling|coming|driving|walking"
    r"|heading)\s+(?:home\s+|back\s+)?from\s+(?P<whence>(?:[\w'’-]+\s+){1,3}?)(?:in|at|near)\s+)"
    r"(?:the\s+)?(?:(?:town|village|city)\s+of\s+)?$", re.I)
# "left a mosque in X, in Y province": where the place set out from lies, not where the event was
_WHERE_IT_LIES = re.compile(r"\s*,\s*(?:in|near)\s+(?:the\s+)?", re.I)
# Words that open a clause of their own: "fled as fighting raged in X" tells no object fled
_CLAUSE_WORDS = frozenset({"as", "when", "while", "after", "before", "and", "but", "because", "until", "where"})
# "a short drive from X", "20 km from X", "a day's walk from X": how far from X, which says where, not
# whence; so does "the road from X (to Y)", along which it happened.
# So does "the road between X and Y", and "not far from X" (near it).
_DISTANCE_FROM = re.compile(r"\b(?:(?:km|kilomet(?:re|er)s?|miles?|metres|meters|drive|walk|ride|distance|road|highway)"
                            r"\s+(?:away\s+)?from|(?:road|highway|route)\s+between|not\s+(?:very\s+|too\s+)?far"
                            r"\s+from)\s+(?:the\s+)?$", re.I)
# "the road between X and Y", "the highway from X (splits towards Y)": the ends of a road, which a town on it or an
# event along it is told by. They locate an event only when nothing else does: "X, a town on the road between Y and
# Z", "the town sits on the road between Y and Z" are about X (or the dateline's town).
_ROUTE_BEFORE = re.compile(r"\b(?:road|highway|route|motorway)\s+(?:between|from|linking|connecting)\s+(?:the\s+)?$",
                           re.I)
# "marched on Monday ... after a fire damaged a dormitory in X last week": an earlier event given as the cause, dated
# apart, not where the sentence's event was.
_AFTER_BEFORE = re.compile(r"\bafter\s+[^,;:]*\b(?:in|at|near|outside)\s+(?:the\s+)?$", re.I)
_EARLIER_AFTER = re.compile(r"^\s+(?:last\s+(?:week|month|year|summer|winter|spring|autumn)|in\s+(?:19|20)\d\d"
                            r"|(?:a|one|two|three|four|several|a\s+few)\s+(?:days?|weeks?|months?|years?)\s+ago"
                            r"|earlier\s+this\s+(?:week|month|year))\b", re.I)
# "leaders of X", "members of X": a group's people, named after where (or what) it is, not where they act.
_MEMBERS_OF_BEFORE = re.compile(r"\b(?:leaders?|members?|officials|fighters|commanders?|spokesm[ae]n|representatives"
                                r"|delegates|envoys?|supporters|fans)\s+of\s+(?:the\s+)?$", re.I)
# "the University of X": a school named after its town.
_SCHOOL_OF_BEFORE = re.compile(rf"\b{_SCHOOLS}\s+of\s+$")
# "residents of X": where a place's people live; it locates their event only when nothing else does.
_LOCALS = r"(?:residents|inhabitants|villagers|locals)"
_RESIDENTS_OF_BEFORE = re.compile(rf"\b{_LOCALS}\s+of\s+(?:the\s+)?$", re.I)
# "Residents of a camp outside X said ...", "villagers in X told ...": people who live there tell what befell
# them; their place is no speaker's seat (like "residents of X", it locates the event when nothing else does).
_LOCALS_BEFORE = re.compile(rf"\b{_LOCALS}\b[^,;:.\"“”]*$", re.I)
# "engineers working on a project in X", "a nurse living in X": where the people described work or live; it
# locates their event only when nothing else does.
_DESCRIBED_BEFORE = re.compile(r"\b(?:working|living|based|staying|employed|volunteering|studying|teaching)\b"
                               r"[^,;:.]{0,50}?\s(?:in|at)\s+(?:the\s+)?$", re.I)
# "a Roma settlement", "a Bedouin camp": a people's name before where it lives ("a", "an", "the" before it).
# "an Iran-backed militia", "a Kyiv-based group", "Saudi-led strikes": an adjective made of the name, which
# says who backs, houses or leads someone, never where the event was (issue 19: adjectives place nothing).
_ADJECTIVE_AFTER = re.compile(r"^-(?:backed|based|led|funded|financed|sponsored|supported|allied|aligned|armed"
                              r"|trained|controlled|held|run|owned|registered|born|made)\b", re.I)
# "Uganda Road", "Kenyatta Avenue": a street named after a country or a region, which lies elsewhere.
_STREET_AFTER = re.compile(r"^\s+(?:Road|Street|Avenue|Boulevard|Highway|Lane|Drive)\b")
_DWELLING_AFTER = re.compile(rf"^\s+(?:{'|'.join(sorted(DWELLING_NOUNS))})s?\b", re.I)
_ARTICLE_BEFORE = re.compile(r"\b(?:a|an|the)\s+$", re.I)
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
# "in this Borno-like town": a region's name qualifying a town told back (the dateline's or one named before).
_THIS_BEFORE = re.compile(r"\b(?:this|that)\s+$", re.I)
_TOWN_NOUN_AFTER = re.compile(rf"^\s+{_TOWN_NOUN}\b(?!\s+of\b)", re.I)
# "officials in Pristina said", "the Islamic Council in Tuzla has condemned": where the speaker is.
# ("X claimed the lives of two men": a toll, no speech)
_SPEECH_AFTER = re.compile(r"^[\s,]+(?:(?:had|have|has)\s+)?(?:said|says|told|announced|reported|stated"
                           r"|claimed(?!\s+(?:the\s+)?lives?\b)"
                           r"|confirmed|added|denied|warned|accused|alleged|condemned|denounced|declared)\b", re.I)
# "said in Pristina", "a statement issued in Kinshasa", "read on state television in Bamako", "told reporters in
# Geneva", "a deal brokered in Doha": where words were spoken, published or agreed, not where the event happened.
_SPOKEN_IN_BEFORE = re.compile(
    r"\b(?:said|says|announced|stated|declared|told\s+(?:reporters|journalists)"
    r"|(?:on|to|told)\s+(?:(?:state|national|public|local)[\s-]+)?(?:television|radio|tv)"
    r"|(?:statement|communiqu[eé]|briefing|(?:news|press)\s+conference)"
    r"(?:\s+(?:issued|read|released|published|posted|broadcast|given|held))?"
    r"|(?:issued|read|released|published|posted|broadcast)"
    r"|(?:brokered|negotiated|mediated|signed|agreed))\s+(?:in|from)\s+(?:the\s+)?$", re.I)
# "told parliament in Maputo", "told the BBC in London", "told a news conference in Kabul": whom a source told, and
# where (no verb between: "told police he was attacked in X" says where the attack was).
_TOLD_IN_BEFORE = re.compile(r"\btold\s+((?:[\w'’-]+\s+){1,3}?)(?:in|from)\s+(?:the\s+)?$", re.I)
# "according to a deputy in the X provincial assembly", "according to a doctor at X hospital": where the
# source is (no comma nor verb between), not where the event happened.
_ACCORDING_BEFORE = re.compile(r"\baccording\s+to\s+(?:[\w'’-]+\s+){0,6}?(?:in|at|of|from)\s+(?:the\s+)?$",
                               re.I)
# "a convoy bound for X", "the road to X" (or "from W to X": along it from W), "families fled towards X",
# "survivors walked to X", "cattle were driven off towards X": where people or goods went, before or after
# the event, not where it happened.
_DESTINATION_BEFORE = re.compile(
    r"\b(?:(?:bound|headed|heading|en\s+route|on\s+(?:its|their|his|her|the)\s+way)\s+(?:for|to|towards?)"
    r"|(?:road|route|highway)\s+(?:from\s+(?:[\w'’-]+\s+){1,4}?)?(?:to|towards?)"
    rf"|(?:fled|fleeing|walked|trekked|escaped|{CARRIED}"
    r"|(?:driven|herded|led|carried)\s+(?:off|away))\s+(?:to|towards?)"
    # where someone was due to go, and what for: "due to drive to a meeting in X", "was to fly on to talks in X"
    # the target of a plot: "a cache ... the group had been preparing for attacks in X"
    r"|(?:preparing|planning|plotting|planned|intended|meant)\s+(?:for\s+)?(?:(?:an?|the|new|further|future)\s+)?"
    r"(?:attacks?|strikes?|bombings?|operations?)\s+(?:in|on|against)"
    r"|\b(?:due|about|set|scheduled|planning|expected|supposed|was|were)\s+to\s+(?:drive|fly|travel|go|head|leave"
    r"|return|set\s+off)\s+(?:on\s+|back\s+)?(?:to|for)(?:\s+(?:an?|the|his|her|their))?(?:\s+[\w-]+){0,3}?"
    r"\s+(?:in|at))"
    r"\s+(?:the\s+)?(?:(?:town|city|village|capital)\s+of\s+)?$", re.I)
# "taken to a hospital in X", "died in a X hospital", "treated at the X clinic": where the wounded were
# treated, not where they were hurt.
# "died on Tuesday in X's University Clinical Centre", "treated at X General Hospital": the place owns the
# hospital named after it, whether or not an article comes first.
# Where the hurt are cared for: "a hospital", "the Kosovska Mitrovica Clinical Centre"
_HOSPITAL = r"(?:hospital|clinic|infirmary|(?:clinical|medical|health|trauma)\s+cent(?:re|er))s?"
# "... a hospital in X": the hospital is named before the place
_HOSPITAL_IN = re.compile(rf"{_HOSPITAL}\s+in\s+(?:the\s+)?$", re.I)
# ("survivors reached clinics in X": where they went to be cared for)
_TREATED_BEFORE = re.compile(rf"\b(?:{CARRIED}|treated|admitted|died|reached)"
                             r"(?:\s+[a-z]+){0,2}?\s+(?:to|at|in)\s+(?:(?:an?|the)\s+(?:[\w-]+\s+){0,3}?)?"
                             rf"(?:{_HOSPITAL}\s+in\s+(?:the\s+)?)?$", re.I)
# "was being treated in X", "admitted in X": words of medical care alone say X is where the hurt were cared for
# ("died in X" and "taken to X" need a hospital named: the dead may have fallen there).
# (not "treated at the scene in X": the scene is the event's)
_CARED_FOR = re.compile(r"(?:treated|admitted)\b(?!.*\bscene\b)", re.I)
_TREATED_AFTER = re.compile(rf"^(?:{APOSTROPHE}s?)?\s+(?:[\w-]+\s+){{0,2}}?{_HOSPITAL}\b", re.I)
# "doctors in X, where he was taken, said ...": the town the wounded were taken to, told after it.
_TAKEN_THERE_AFTER = re.compile(r"^\s*,\s+where\s+(?:[\w-]+\s+){1,3}?(?:was|were|had\s+been|have\s+been|is|are)"
                                rf"\s+(?:later\s+|then\s+)?(?:{CARRIED}"
                                r"|treated|admitted|brought)\b", re.I)
_LIST_GAP = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)$", re.I)
# "Zvečan, Kosovo", "Kaya (Burkina Faso)", "Fresnillo, in Zacatecas"
_QUALIFIER_GAP = re.compile(r"^\s*(?:,\s*(?:in\s+(?:the\s+)?)?|\(\s*)$")
_POSSESSIVE_GAP = re.compile(rf"^{APOSTROPHE}s?\s+$")  # "Ethiopia's Amhara region": the country holds the place after
# "Banjska, north of Mitrovica", "Banjska, a village 12 km north of Mitrovica": where the place before lies.
# "here" in a datelined report is the dateline's place ("12 km north of here", "near here").
_HERE = re.compile(r"\b(?:(\d+(?:\.\d+)?\s*(?:km|kilometres|kilometers|miles?)\s+[a-z-]+\s+of|near|outside"
                   r"|close\s+to|not\s+far\s+from)\s+)?here\b", re.I)
# A headline: the report's first line, with no sentence's end ("Grenade hurled at police station in northern
# Kosovo"); a dateline may open the line after it.
_HEADLINE = re.compile(r"[ \t]*[^\n]*[^\s.!?:;\"”’'][ \t]*\n\s*")
# ... and how far by road ("Banjska, a market town an hour's drive north of Mitrovica").
# ... and how far ("Gracanica, a Serb-majority town a few kilometres south-east of Pristina").
_APPOSITION_GAP = re.compile(r"^\s*,\s*(?:(?:a|an|the)\s+(?:[\w-]+\s+){0,3})?"
                             r"(?:(?:just|about|some|roughly|only|less\s+than)\s+)?"
                             r"(?:(?:a\s+few|several|a\s+couple\s+of|\d+(?:\.\d+)?)\s*"
                             r"(?:km|kilomet(?:re|er)s?|miles?)\s+)?"
                             rf"(?:(?:an?|half\s+an|one|two|three|four|five|\d+)\s+(?:hours?|minutes?|days?){APOSTROPHE}?s?"
                             r"\s+(?:drive|walk|ride|journey|trek)\s+"
                             rf"(?P<direction>{_COMPASS}\s+of\s+)?)?$")

PEOPLE_LABELS = frozenset({"NORP"})
ORGANISATION_LABELS = frozenset({"ORG>PART"})


# The event types whose verbs take a place as their object ("shelled X", "stormed X"): all but
# protests and strategic developments, whose verbs take people and things ("arrested X", "found
# X", "moved X"); of those, only the sub types of ground changing hands ("entered X", "withdrew from X").
_NOT_PLACE_VERB_TYPES = frozenset({"Protests", "Strategic developments"})
_PLACE_SUB_TYPE = re.compile(r"\bterritory\b", re.I)
# A phrase ending in these has its actors after it, not a place ("fell to the rebels", "fighting between X and Y").
_ACTOR_PARTICLES = frozenset({"to", "by", "with", "against", "between", "among"})
# Between a phrase ending in a noun and its place: "took control of X".
_OBJECT_PREPOSITIONS = frozenset({"of", "over"})


def event_words(table: EventTable | None = None) -> EventWords:
    """An event table's words (the team's by default, or a ``--types-file``'s) as recognition's
    cues (``geo.recognition.EventWords``): its one-word triggers, those of the types that take a
    place as the verb's object for ``place_verb``. Made once per table."""
    table = table or default_event_table()
    cached = _EVENT_WORDS.get(id(table))
    if cached is None or cached[0] is not table:
        cached = _EVENT_WORDS[id(table)] = (table, _event_words(table))
    return cached[1]


_EVENT_WORDS: dict[int, tuple[EventTable, EventWords]] = {}


def _phrasal_verb(phrase: tuple[tuple[str, str], ...]) -> bool:
    """A verb and its plain words, no gap: "take back", "move+ into"; not "fall+ to" (actors follow)."""
    return 2 <= len(phrase) <= 3 and phrase[0][0] in ("base", "verb") \
        and all(kind == "base" for kind, _ in phrase[1:]) and phrase[-1][1] not in _ACTOR_PARTICLES


def _ordinary_verbs(rule: Rule) -> bool:
    """A row of verbs that report an event only with their agent ("demand+, refuse+ agent:protesters"):
    everyday verbs, no event's nouns ("Gabon refuses mass tourism" names no weapon or group)."""
    return all(p[0][0] == "verb" for p in rule.phrases) \
        and any(c.key == "agent" and not c.negated for c in rule.conditions)


def _event_words(table: EventTable) -> EventWords:
    everything: set[str] = set()
    place_verbs: set[str] = set()
    # Phrasal place verbs by their last word: ("back",) -> {("take", "back")}
    phrasal: dict[str, set[tuple[str, ...]]] = {}
    for rule in table.rules:
        if not rule.event_type:
            continue
        # everyday verbs ("held", "filled") cue no place, nor are event words: only their agent makes them an event's
        single = set() if _ordinary_verbs(rule) else \
            {p[0][1] for p in rule.phrases if len(p) == 1 and p[0][0] in ("base", "verb")}
        everything |= single
        if rule.event_type not in _NOT_PLACE_VERB_TYPES or _PLACE_SUB_TYPE.search(rule.sub_event_type):
            place_verbs |= single
            for p in filter(_phrasal_verb, rule.phrases):
                phrasal.setdefault(p[-1][1], set()).add(tuple(w for _, w in p))

    def place_verb(word: str) -> bool:  # inflected only: "shelled", not the noun "attack"
        norm = normal(word)
        return bool(norm) and verbal(norm) and not bases(norm).isdisjoint(place_verbs)

    def event_noun(word: str) -> bool:  # not a verb: "Peshawar injured" is a place and its verb
        norm = normal(word)
        return bool(norm) and not verbal(norm) and not bases(norm).isdisjoint(everything)

    def place_phrase(nearest: Sequence[str]) -> bool:  # "took back X", "took control of X"
        return _phrase_before(list(nearest), phrasal)

    return EventWords(place_verb, event_noun, place_phrase)


def _phrase_before(words: list[str], phrasal: dict[str, set[tuple[str, ...]]]) -> bool:
    """Whether the words before a name (nearest first) end in one of the phrases, its verb
    inflected ("took back"), past a preposition after a noun ("took control of")."""
    if words and words[0] in _OBJECT_PREPOSITIONS:
        words = words[1:]
    for phrase in phrasal.get(normal(words[0]) if words else "", ()):
        if len(words) < len(phrase):
            continue
        told = [normal(w) for w in reversed(words[:len(phrase)])]
        if verbal(told[0]) and phrase[0] in bases(told[0]) \
                and all(w == t or t in bases(w) for w, t in zip(told[1:], phrase[1:], strict=True)):
            return True
    return False


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article: its character span, its paragraph, its position."""

    start: int
    end: int
    paragraph: int
    index: int


def split_paragraphs(text: str, spans: Sequence[tuple[int, int]]) -> list[Sentence]:
    """The sentences (``spans``) with the paragraph each is in (blank lines part them)."""
    out, paragraph, last_end = [], 0, 0
    for i, (start, end) in enumerate(spans):
        if i and re.search(r"\n\s*\n", text[last_end:start]):
            paragraph += 1
        out.append(Sentence(start, end, paragraph, i))
        last_end = end
    return out


def geo_precision(r: Resolution) -> int:
    """1, 2 or 3 (see the module's docstring) for a resolved mention with its geometry."""
    place, modifier = r.place, r.mention.modifier
    if place is None:
        return 3
    if place.is_expanse or place.feature_code in _COARSE_CODES or r.mention.label == "BORDER":
        return 3
    if modifier and not widens_a_point(modifier) and place.feature_class != "P":
        return 3  # "northern Kosovo", "central Serbia": a part of a region (the north of a town is near it)
    if place.is_admin:
        return 2 if (r.uncertainty_km or 0.0) <= DISTRICT_RADIUS_KM else 3
    if place.feature_code in _LAKE_CODES or modifier:
        return 2  # a lake; "near X", "outside X", "12 km north of X"
    return 1


@dataclass
class Located:
    """A resolved mention of a sentence, with the role it plays there."""

    r: Resolution
    precision: int
    role: str  # "event", "other" (named without a locating word), or why it locates nothing

    @property
    def locates(self) -> bool:
        return self.role in ("event", "other")


def _phrase_start(r: Resolution) -> int:
    m = r.mention
    return m.end - len(m.phrase) if m.phrase and len(m.phrase) >= len(m.text) else m.start


def roles(text: str, sentence: Sentence, resolutions: Sequence[Resolution],
          words: EventWords | None = None) -> list[Located]:
    """Each resolved mention of the sentence (in text order) with its role; ``words``, the event
    table's (``event_words``), tell the verbs that place their object ("shelled X")."""
    words = words or event_words()
    out: list[Located] = []
    opens = sentence.index == 0 or (sentence.index == 1 and _HEADLINE.fullmatch(text, 0, sentence.start))
    dateline = DATELINE.match(text[sentence.start:sentence.end]) if opens else None
    set_out = False  # the mention before was where a movement set out from
    for k, r in enumerate(resolutions):
        m = r.mention
        if dateline and m.end <= sentence.start + dateline.end():
            out.append(Located(r, geo_precision(r), "dateline"))  # where the report was filed
            continue
        before = text[max(sentence.start, _phrase_start(r) - 80):_phrase_start(r)]
        if set_out and _WHERE_IT_LIES.fullmatch(text, resolutions[k - 1].mention.end, m.start):
            out.append(Located(r, geo_precision(r), "qualifier"))  # "as he left a mosque in X, in Y province"
            continue
        set_out = _set_out_from(before)
        after = text[m.end:min(sentence.end, m.end + 60)]
        previous = resolutions[k - 1] if k else None
        following = resolutions[k + 1] if k + 1 < len(resolutions) else None
        if following is not None and _POSSESSIVE_GAP.match(text[m.end:_phrase_start(following)]) \
                and _holds(r, following):
            out.append(Located(r, geo_precision(r), "qualifier"))  # "Ethiopia's Amhara region"
            continue
        role = "qualifier" if _qualifies_this_town(r, before, after) \
            else _role(r, before, after, previous, text, out[-1] if out else None, words,
                       next((o for o in reversed(out) if o.locates), None))
        if role in ("event", "other") and following is not None and _fired_from(before, words):
            # where fire came from, when the sentence goes on to name where it fell ("shells fired from
            # positions near X landed in Y"; "rockets fired from east of X struck the north of the city": X's)
            role = "origin"
        precision = geo_precision(r)
        if precision == 1 and _DISTANCE_FROM.search(before):
            precision = 2  # "20 km from X", "the road from X to Y": near X, not X itself
        out.append(Located(r, precision, role))
    return out


def _role(r: Resolution, before: str, after: str, previous: Resolution | None, text: str,
          previous_located: Located | None, words: EventWords, last_locating: Located | None = None) -> str:
    m = r.mention
    named = _a_word_of_another_name(r, before, after)
    if named:
        return named
    if m.label in ORGANISATION_LABELS:
        # "a sit-in in the rectorate of the University of X": a school named after its town stands
        # in it, so the town locates the event when nothing else does; a region or country it is
        # named after ("Colorado State University"), or one whose people come from it, does not.
        town = r.place is not None and r.place.feature_class == "P"
        if town and _SCHOOL_OF_BEFORE.search(before) and not _FROM_BEFORE.search(_SCHOOL_OF_BEFORE.sub("", before)):
            return "other"
        return "organisation"
    if _qualifies_the_previous(r, previous, text):
        return "qualifier"
    elsewhere = _told_elsewhere(before, after)
    if elsewhere:
        return elsewhere
    verb_cued = firmly_placed(reversed(_WORD.findall(before)), words)  # "shelled X", "withdrew from X"
    distance = _DISTANCE_FROM.search(before) is not None
    if _RESIDENTS_OF_BEFORE.search(before) or _a_towns_police(r, before, after) \
            or (_SPEECH_AFTER.match(after) and _LOCALS_BEFORE.search(before)):
        return "other"  # "residents of X", "X police", "villagers in X said"
    country_acts = r.place is not None and r.place.is_country and _COUNTRYS_ACT_AFTER.match(after) is not None
    if _ACTOR_AFTER.match(after) or country_acts or (_FROM_BEFORE.search(before) and not verb_cued and not distance) \
            or _FROM_ACROSS_BEFORE.search(before) \
            or _MEMBERS_OF_BEFORE.search(before) or (_SEAT_BEFORE.search(before) and _FROM_BEFORE_SEAT.search(before)):
        return "origin"
    if _SPEECH_AFTER.match(after) or _source_at(before):
        # "Police in Pristina said", a capital speaking for its government ("Belgrade said the men
        # had crossed into central Serbia"), a list's end ("in Raška, Belgrade said"): who says
        # it, never where it happened, nor a finer place of a region the sentence names; nor where the
        # source sits ("according to a deputy in X").
        return "speaker"
    if last_locating is not None and _in_apposition(r, last_locating.r, text):
        # "Banjska, north of Mitrovica": Mitrovica says where Banjska is, whether Banjska is cued
        # ("near Banjska") or named plainly ("residents of Banjska, north of Mitrovica"); a people's name
        # may stand between ("X, a Serb-majority town south of Y")
        return "qualifier"
    if previous_located is not None and previous_located.role in ("event", "origin", "route", "destination") \
            and _LIST_GAP.match(text[previous.mention.end:m.start]):
        return previous_located.role  # "in Belgrade, Novi Sad and Niš", "from Germany and France"
    cued = bool(m.modifier) or bool(_CUE.search(before)) or bool(_SITE_AFTER.match(after)) or verb_cued or distance
    # "engineers working on a project in X", "shot dead in Y after leaving a mosque in X": X only when nothing
    # else locates the event
    cued = cued and not _DESCRIBED_BEFORE.search(before) and not _set_out_from(before)
    if cued and _spoken_in(before):
        return "speaker"
    return "event" if cued else "other"


def _told_elsewhere(before: str, after: str) -> str:
    """"hospital" where the hurt were treated, "destination" where someone went, "route" for a road's end
    ("the road between X and Y"), "cause" for an earlier event's place ("after a fire in X last week"); else ""."""
    if _treated_at(before, after):
        return "hospital"
    if _DESTINATION_BEFORE.search(before):
        return "destination"
    if _ROUTE_BEFORE.search(before):
        return "route"
    return "cause" if _EARLIER_AFTER.match(after) and _AFTER_BEFORE.search(before) else ""


def _a_word_of_another_name(r: Resolution, before: str, after: str) -> str:
    """"people" for a people's name, or an adjective made of the place's ("an Iran-backed militia"); "street"
    for a street named after a country or a region ("Uganda Road"); else ""."""
    if r.mention.label in PEOPLE_LABELS or _peoples_dwelling(r, before, after) or _ADJECTIVE_AFTER.match(after):
        return "people"
    if _STREET_AFTER.match(after) and r.place is not None and (r.place.is_expanse or r.place.feature_code == "ADM1"):
        return "street"
    return ""


def _qualifies_the_previous(r: Resolution, previous: Resolution | None, text: str) -> bool:
    """"Zvečan, Kosovo", "Fresnillo, in Zacatecas": the unit that holds the place just before; "Derry/Londonderry":
    the place's other name."""
    if previous is None:
        return False
    gap = text[previous.mention.end:r.mention.start]
    return gap == "/" or (previous.place is not None and r.place is not None and _QUALIFIER_GAP.match(gap) is not None
                          and _holds(r, previous))


def _in_apposition(r: Resolution, previous: Resolution, text: str) -> bool:
    """"X, north of R", "X, a town an hour's drive north of R": R, with its direction, says where X is."""
    gap = _APPOSITION_GAP.match(text[previous.mention.end:_phrase_start(r)])
    return gap is not None and (" " in r.mention.modifier or gap.group("direction") is not None)


def _qualifies_this_town(r: Resolution, before: str, after: str) -> bool:
    """"in this X town": a region's name (no town's) between "this" and "town" qualifies the town told back,
    in it, not the event's place."""
    return r.place is not None and r.place.feature_class != "P" and _THIS_BEFORE.search(before) is not None \
        and _TOWN_NOUN_AFTER.match(after) is not None


def _a_towns_police(r: Resolution, before: str, after: str) -> bool:
    """"X police arrested ...": a town's own police, at work in it (``_TOWN_POLICE_AFTER``)."""
    return _TOWN_POLICE_AFTER.match(after) is not None and r.place is not None and r.place.feature_class == "P" \
        and not _FROM_BEFORE.search(before)


def _peoples_dwelling(r: Resolution, before: str, after: str) -> bool:
    """"a Roma settlement", "the Bedouin camp": a one-word name that is only another name of the place it
    resolved to (Roma, Rome's), between an article and where a people lives, names the people."""
    m = r.mention
    return r.place is not None and " " not in m.text.strip() and bool(_ARTICLE_BEFORE.search(before)) \
        and bool(_DWELLING_AFTER.match(after)) and not written_as((r.place,), m.text)


def _fired_from(before: str, words: EventWords) -> bool:
    """Whether the words before a name put it where fire came from (``_FIRED_FROM_BEFORE``): no verb of where
    it fell, nor of violence, stands between "from" and the name."""
    m = _FIRED_FROM_BEFORE.search(before)
    return m is not None and not any(w.lower() in _FIRE_FELL or words.place_verb(w)
                                     for w in _WORD.findall(m.group("between")))


def _spoken_in(before: str) -> bool:
    """"said in X", "told parliament in X": where words were spoken, published or agreed."""
    if _SPOKEN_IN_BEFORE.search(before):
        return True
    told = _TOLD_IN_BEFORE.search(before)
    return told is not None and not a_verb_among(told.group(1))


def _set_out_from(before: str) -> bool:
    """Whether the words before a name make it the place a movement set out from (``_SET_OUT_FROM``): an
    object of "fled" or a road's start with no verb of its own nor a clause's opener ("fled as fighting raged in
    X" tells where the fighting was)."""
    m = _SET_OUT_FROM.search(before)
    if m is None:
        return False
    between = _WORD.findall(m.group("object") or m.group("whence") or "")
    return not any(w.lower() in _CLAUSE_WORDS or verbal(normal(w)) and not w.lower().endswith("ing")
                   for w in between)


def _source_at(before: str) -> bool:
    """"according to a deputy in X": where the source sits (no verb between: not "according to police,
    gunmen attacked a village in X")."""
    according = _ACCORDING_BEFORE.search(before)
    return according is not None and not a_verb_among(according.group(), skip=2)


# Before an "-ing" word these make it a noun: "a news briefing", "the meeting", "their gathering"
_NOUN_MARKERS = frozenset({"a", "an", "the", "news", "press", "his", "her", "its", "their", "this", "that"})


def a_verb_among(text: str, skip: int = 0) -> bool:
    """Whether the words of ``text``, its first ``skip`` left out, hold an inflected verb ("attacked",
    "shelling"), not a noun in "-ing" ("at a news briefing", "at the meeting"): between a source and its place
    no verb may stand."""
    norms = [normal(w) for w in _WORD.findall(text)[skip:]]
    return any(verbal(n) and not (n.endswith("ing") and k and norms[k - 1] in _NOUN_MARKERS)
               for k, n in enumerate(norms))


def _treated_at(before: str, after: str) -> bool:
    """"taken to a hospital in X", "died in a X hospital": where the wounded were treated."""
    if _TAKEN_THERE_AFTER.match(after):
        return True  # "doctors in X, where he was taken"
    m = _TREATED_BEFORE.search(before)
    return m is not None and (bool(_CARED_FOR.match(m.group())) or _TREATED_AFTER.match(after) is not None
                              or _HOSPITAL_IN.search(m.group()) is not None)


def _holds(outer: Resolution, inner: Resolution) -> bool:
    """Whether ``outer`` is a country or region that holds ``inner`` (a qualifier)."""
    a, b = outer.place, inner.place
    if a is None or b is None or a is b:
        return False
    if a.is_country:
        return bool(a.country_code) and b.in_unit(a) and not b.is_country
    if a.is_admin and a.feature_code.startswith("ADM"):
        # any unit holds what its province's codes put in it, but its peers
        same = b.in_unit(a, 1) and bool(a.admin1_code) and a.feature_code != b.feature_code
        if a.feature_code == "ADM2" and same:
            # a district holds what lies in it, not all its province ("X district" holds no town of the
            # province's other districts, nor the province itself); a town of no known district, too
            return b.feature_code not in ("ADM1", "ADM1H") and (not b.admin2_code or b.in_unit(a))
        return same
    return _contains(outer, inner)


def _town_in_its_district(unit: Located, located: Sequence[Sequence[Located]]) -> Located | None:
    """The dateline's town, when ``unit`` is a district or county that its own district code puts it in ("SALEM,
    Ore. - ... died in the Marion County jail. The march was peaceful."): a town of no known district is in none."""
    dateline = _dateline(located)
    town, district = (dateline[0].r.place if dateline else None), unit.r.place
    if town is None or district is None or dateline[0].precision != 1 or district.feature_code != "ADM2":
        return None
    return dateline[0] if town.admin2_code and town.in_unit(district, 2) else None


def _contains(outer: Resolution, inner: Resolution) -> bool:
    """Whether ``inner`` lies in ``outer``'s shape, or, for a border's line, beside it."""
    shape, point = outer.geometry, inner.place
    kind = getattr(shape, "geom_type", "Point")
    if point is not None and kind in ("LineString", "MultiLineString"):  # "Raška near the administrative line"
        from shapely.geometry import Point

        return bool(shape.distance(Point(point.lon, point.lat)) <= BORDER_REACH_DEG)
    if shape is None or point is None or kind == "Point":
        a = outer.place
        return a is not None and a.is_country and a.country_code == point.country_code if point else False
    from shapely.geometry import Point

    return bool(shape.intersects(Point(point.lon, point.lat)))


def _finer_inside(coarse: Located, candidates: Sequence[Located]) -> Located | None:
    """The last of ``candidates`` finer than ``coarse`` and inside it."""
    for c in reversed(candidates):
        inside = _contains(coarse.r, c.r) or _holds(coarse.r, c.r)
        if (c.locates or c.role in ("dateline", "route")) and c.precision < coarse.precision and inside:
            return c
    return None


@dataclass(frozen=True)
class EventPlace:
    resolution: Resolution
    precision: int
    basis: str  # "sentence", "paragraph", "dateline" or "article"


# Where a sentence joins clauses that tell different things: "X had been quiet for weeks, but on
# Tuesday troops stormed Y", "police in X had expected a calm weekend; instead ...".
_CLAUSE_BREAK = re.compile(r"[;:]|,?\s+but\s+|,\s+(?:while|whereas|although|though|yet)\s+", re.I)


def _in_the_events_clause(text: str, sentence: Sentence, here: list[Located], evidence: Sequence[str],
                          tells_event: Callable[[str], bool]) -> list[Located]:
    """A sentence of clauses joined by "but", ";", "while"...: when every trigger word lies in
    one clause, that clause locates the event itself and no other clause holds an event's
    words (``tells_event``), the places of the others only are mentioned ("The front east of
    X had been quiet, but troops stormed positions near Y": Y)."""
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, sentence.start, sentence.end)]
    if not breaks or not evidence:
        return here
    bounds = [sentence.start, *breaks, sentence.end]
    said = [text.find(e, sentence.start, sentence.end) for e in evidence]
    clauses = {bisect_right(breaks, at) for at in said if at >= 0}
    if len(clauses) != 1:
        return here
    [k] = clauses
    inside = [loc for loc in here if bounds[k] <= loc.r.mention.start < bounds[k + 1]]
    if not any(loc.role == "event" for loc in inside) or any(
            tells_event(text[bounds[j]:bounds[j + 1]]) for j in range(len(breaks) + 1) if j != k):
        return here
    return [loc if loc in inside or not loc.locates else Located(loc.r, loc.precision, "another clause")
            for loc in here]


def event_places(text: str, sentences: Sequence[Sentence], located: Sequence[Sequence[Located]],
                 at: int, evidence: Sequence[str] = (),
                 tells_event: Callable[[str], bool] = lambda clause: True) -> tuple[list[EventPlace], list[str]]:
    """Where the event of sentence ``at`` happened (one place for each place it locates the
    event at), and the names of the sentence's other places; ``evidence``, the event's trigger
    words as written, tells which clause is the event's, ``tells_event`` whether a clause
    holds words of some event (the event reader's ``might_report``)."""
    dateline = _dateline(located)
    home = _the_reports_town(dateline, _earlier(sentences, located, at))
    here = _quarters_of_the_town_after(text, _quarters_in_the_dateline(text, located[at], home))
    here = _in_the_events_clause(text, sentences[at], here, evidence, tells_event)
    chosen = [loc for loc in here if loc.role == "event"]
    routes = [loc for loc in here if loc.role == "route"]
    said_here = _HERE.search(text, sentences[at].start, sentences[at].end) if dateline else None
    if said_here and all(c.precision == 3 for c in chosen):
        # "15 km east of here" in a datelined report: the dateline's place
        mentioned = [loc.r.mention.text for loc in here if loc.role != "dateline"]
        precision = 2 if said_here.group(1) else dateline[0].precision
        return [EventPlace(dateline[0].r, precision, "dateline")], list(dict.fromkeys(mentioned))
    if not chosen:  # named without a locating word ("Kosovo closed the crossings"): the finest, once
        others = [loc for loc in here if loc.role == "other"]
        # a school's town ("University of X students") only when no place is named outright
        others = [loc for loc in others if loc.r.mention.label not in ORGANISATION_LABELS] or others
        # a road's first end before a place only named ("on the road between X and Y": near X)
        others = routes[:1] or others
        chosen = [min(others, key=lambda loc: loc.precision)] if others else []
    chosen = _borders_in_a_region(text, chosen)
    mentioned = [loc.r.mention.text for loc in here if loc not in chosen]
    earlier = _quarters_in_the_dateline(text, _earlier(sentences, located, at), home)
    fine = [c for c in chosen if c.precision < 3]
    if not fine:
        town = _the_town_named_before(text, sentences, located, at)
        if town is not None:  # "farmers from around X ... blocked the road outside the town": near X
            mentioned += [loc.r.mention.text for loc in chosen]
            return [town], list(dict.fromkeys(n for n in mentioned if n != town.resolution.mention.text))
    out: list[EventPlace] = []
    for c in chosen:
        if c.precision == 3 and fine:
            mentioned.append(c.r.mention.text)  # a region, border or country beside a finer place
            continue
        if c.precision == 3:
            # a finer place inside it named in the sentence itself ("the Kharkiv region town of X",
            # "took X in central Somalia"), else before it, else the dateline's
            # (a town only named before a road's first end: "X, a town on the road between Y and Z")
            inside = _finer_inside(c, [o for o in here if o.role == "other"]) or _finer_inside(c, routes[:1])
            if inside is not None:
                mentioned.append(c.r.mention.text)
                out.append(EventPlace(inside.r, inside.precision, "sentence"))
                continue
            finer = _finer_inside(c, earlier) or _finer_inside(c, _dateline(located))
            if finer is not None:
                mentioned.append(c.r.mention.text)
                out.append(EventPlace(finer.r, finer.precision, "paragraph" if finer in earlier else "dateline"))
                continue
        out.append(EventPlace(c.r, c.precision, "sentence"))
    if not out:
        out = _from_the_report(text, sentences, located, earlier, sentences[at])
    return _distinct(out), list(dict.fromkeys(mentioned))


# "along the Iranian border in Balochistan": the stretch of a border inside a region, which says where it is.
_IN_GAP = re.compile(r"\s+(?:in|inside|within)\s+(?:the\s+)?", re.I)


def _borders_in_a_region(text: str, chosen: list[Located]) -> list[Located]:
    """``chosen`` without each border followed by "in" and an administrative region also chosen: the
    border's line may run hundreds of kilometres outside the region, the region holds the event."""
    out = []
    for k, c in enumerate(chosen):
        following = chosen[k + 1] if k + 1 < len(chosen) else None
        border = c.r.mention.label == "BORDER" or (c.r.place is not None and c.r.place.feature_code == "BORDER")
        if border and following is not None and following.r.place is not None and following.r.place.is_admin \
                and _IN_GAP.fullmatch(text, c.r.mention.end, _phrase_start(following.r)):
            continue
        out.append(c)
    return out


# "outside the town", "in the village": a town or village named before, whatever its role there ("farmers
# from around X drove onto the road outside the town"): in or at it (precision 1), else near it (2).
# (the noun in lower case: "the City police station" is a name)
# "8 km north of the town" is near it; "the town's market" (a part of it, the noun told back) is in it.
# "at the edge of the city" is near it, "in the heart of the town" in it.
_THE_TOWN = re.compile(r"\b(?:(?i:(in|at|inside|into|(?:in|at)\s+the\s+(?:heart|cent(?:re|er)|middle)\s+of)"
                       r"|near|outside|around|(?:on\s+)?the\s+outskirts\s+of|(?:at|on)\s+the\s+(?:edges?|fringes?|limits)\s+of"
                       rf"|(?:km|kilomet(?:re|er)s|miles?)\s+{_COMPASS}"
                       rf"\s+of)\s+(?i:the|this)\s+{_TOWN_NOUN}\b(?!{APOSTROPHE}|\s+(?:of|hall|council|cent(?:re|er)"
                       rf"|square)\b)|(?i:(?:in|at|behind|outside|near|beside)\s+(the))\s+(?:town|village|city){APOSTROPHE}s\s)")


# "launched from that area", "fired from there": an origin told back, the last place named.
_FROM_THERE = re.compile(r"\bfrom\s+(?:there|(?:that|this|the\s+same)\s+(?:area|region|town|city|place|side"
                         r"|direction|base|position))\b", re.I)


def _the_town_named_before(text: str, sentences: Sequence[Sentence], located: Sequence[Sequence[Located]],
                           at: int) -> EventPlace | None:
    """The town "the town" of sentence ``at`` refers to: the last populated place named before it, in
    the sentence, the two before it or earlier in its paragraph, or the dateline; not a people's name
    nor an organisation's, nor a destination's, a hospital's or an origin's town when another is named."""
    s = sentences[at]
    m = _THE_TOWN.search(text, s.start, s.end)
    if m is None:
        return None
    paragraph = s.paragraph
    before = [loc for t in sentences[:at] if at - t.index <= 2 or t.paragraph == paragraph
              for loc in located[t.index]]
    before = [*_dateline(located), *before, *(loc for loc in located[at] if loc.r.mention.end <= m.start())]
    # a populated place's code: a reservoir or lake named after a town ("the X reservoir") is no town
    towns = [loc for loc in before if loc.role not in ("people", "organisation") and loc.r.place is not None
             and loc.r.place.feature_class == "P" and loc.r.place.feature_code not in _LAKE_CODES]
    # where someone was headed, taken or came from is seldom the town the report is about, when another is named
    towns = [loc for loc in towns if loc.role not in ("destination", "hospital", "origin", "route")] or towns
    if not towns:
        return None
    origin = _FROM_THERE.search(text, s.start, m.start())
    if origin is not None:
        # "drones launched from that area struck the power station in the town": the town is not the one
        # the fire came from, the last named; another named before it, the dateline's perhaps
        there = towns[-1].r.place
        towns = [loc for loc in towns if (loc.r.place.lat, loc.r.place.lon) != (there.lat, there.lon)] or towns
    loc = towns[-1]
    in_it = (m.group(1) is not None or m.group(2) is not None) and loc.precision == 1
    basis = "dateline" if loc.role == "dateline" else "sentence" if loc in located[at] else "paragraph"
    return EventPlace(loc.r, 1 if in_it else 2, basis)


# "the Tudun Wada area", "the Marin neighbourhood": a quarter of a town; named in a report datelined
# at a city, a town of that name farther than this from the city is a namesake, not the quarter.
# So is a housing estate ("the Y estate"), and a road named after the town it leads to ("the Z road"), which
# runs through the town the report is about.
_QUARTER_AFTER = re.compile(r"\s+(?:area|neighbou?rhood|quarter|suburb|estate|road)\b", re.I)
# "the city's X district", "the town's X market": a part of the city the report is about, whatever word follows.
_THE_CITYS_BEFORE = re.compile(rf"\bthe\s+(?:city|town){APOSTROPHE}s\s+$", re.I)
QUARTER_REACH_KM = 50.0


def _the_reports_town(dateline: Sequence[Located], earlier: Sequence[Located]) -> list[Located]:
    """The town whose quarters a sentence names: the dateline's, else the latest town the sentences
    before it locate something at ("Gangs had kept out of X ... They went house to house in the Y area")."""
    if dateline and dateline[0].r.place is not None and dateline[0].r.place.feature_class == "P":
        return list(dateline)
    towns = [loc for loc in earlier if loc.locates and loc.r.place is not None and loc.r.place.feature_class == "P"
             and loc.precision == 1]
    return towns[-1:]


def _quarters_in_the_dateline(text: str, places: Sequence[Located], dateline: Sequence[Located]) -> list[Located]:
    """``places`` with each quarter of the dateline's city that resolved to a namesake far from it
    (``QUARTER_REACH_KM``) as the dateline's place: a town's name before "area", "neighbourhood"...,
    or any place's after "the city's" ("the city's X district": a district of Kyiv is no part of
    Kherson)."""
    city = dateline[0].r.place if dateline else None
    if city is None or city.feature_class != "P":
        return list(places)
    out = []
    for loc in places:
        p = loc.r.place
        start = _phrase_start(loc.r)
        # (a section of a town by its code, "the University District": a quarter of a city elsewhere)
        quarter = (p is not None and p.feature_class == "P"
                   and (_QUARTER_AFTER.match(text, loc.r.mention.end) or p.feature_code == "PPLX")) \
            or (p is not None and not p.is_country and _THE_CITYS_BEFORE.search(text, max(0, start - 20), start))
        far = bool(quarter) and distance_km(p.lat, p.lon, city.lat, city.lon) > QUARTER_REACH_KM
        out.append(Located(dateline[0].r, dateline[0].precision, loc.role) if far else loc)
    return out


# "the Tudun Wada area of Kano", "the Marin neighbourhood of X": the quarter of the town named after it.
_QUARTER_OF_GAP = re.compile(r"\s+(?:area|neighbou?rhood|quarter|suburb)\s+of\s+(?:the\s+)?(?:city\s+of\s+)?",
                             re.I)


def _quarters_of_the_town_after(text: str, places: Sequence[Located]) -> list[Located]:
    """``places`` with a quarter named with its town ("the X area of Y") that resolved to a
    namesake farther than ``QUARTER_REACH_KM`` from the town as the town: a quarter is seldom in
    the gazetteer, a village or a province elsewhere bearing its name often is."""
    out = list(places)
    for k in range(len(out) - 1):
        quarter, town = out[k], out[k + 1]
        p, q = quarter.r.place, town.r.place
        if p is None or q is None or q.feature_class != "P" \
                or not _QUARTER_OF_GAP.fullmatch(text, quarter.r.mention.end, _phrase_start(town.r)):
            continue
        if distance_km(p.lat, p.lon, q.lat, q.lon) > QUARTER_REACH_KM:
            out[k] = Located(town.r, town.precision, quarter.role)
    return out


def _earlier(sentences: Sequence[Sentence], located: Sequence[Sequence[Located]], at: int) -> list[Located]:
    """The places of the two sentences before ``at``, and of its paragraph's earlier ones,
    in text order (a road's ends too: ``_from_the_report`` takes them last)."""
    paragraph = sentences[at].paragraph
    out = []
    for s in sentences[:at]:
        if at - s.index <= 2 or s.paragraph == paragraph:
            out.extend(loc for loc in located[s.index] if loc.locates or loc.role == "route")
    return out


def _dateline(located: Sequence[Sequence[Located]]) -> list[Located]:
    """The place of the article's dateline ("PRISTINA, May 29 (Agency) - ..."), at its start or
    after its headline."""
    return [loc for sentence in located[:2] for loc in sentence if loc.role == "dateline"][:1]


# "the town's bus station", "in the city": the town just named, spoken of again.
_TOWN_TOLD_BACK = re.compile(rf"\bthe\s+{_TOWN_NOUN}(?:{APOSTROPHE}s)?\b", re.I)


# "in the south of the state", "the region's governor": a province, region or country told back.
_REGION_TOLD_BACK = re.compile(rf"\bthe\s+(?:state|region|province|county|district|oblast|governorate|country)"
                               rf"(?:{APOSTROPHE}s)?\b", re.I)


def _from_the_report(text: str, sentences: Sequence[Sentence], located: Sequence[Sequence[Located]],
                     earlier: list[Located], own: Sentence) -> list[EventPlace]:
    routes = [loc for loc in earlier if loc.role == "route"]
    earlier = [loc for loc in earlier if loc.role != "route"]
    if earlier:
        # the finest, the latest on a tie, but an office's place after any other ("struck X ..., the Y regional
        # governor said": the governor's seat)
        best = min(reversed(earlier), key=lambda loc: (loc.precision, an_office_after(
            _WORD.findall(text[loc.r.mention.end:loc.r.mention.end + 40]))))
        # a province or country the report spoke of before holds the dateline's finer town, which says where
        # inside it ("BAR, Ukraine - Sirens sounded across the Vinnytsia region. Drones struck a warehouse."):
        # a coarse place locates an event only when nothing finer does; a district or county only when the
        # town's own district code puts it there (a town's report may be about a district beside it); not a
        # region the event's own sentence ("``own``") tells back: "in the south of the state"
        finer = _finer_inside(best, _dateline(located)) if best.precision == 3 else _town_in_its_district(best, located)
        if finer is not None and not _REGION_TOLD_BACK.search(text, own.start, own.end):
            return [EventPlace(finer.r, finer.precision, "dateline")]
        return [EventPlace(best.r, best.precision, "paragraph")]
    dateline = _dateline(located)
    if dateline:
        return [EventPlace(dateline[0].r, dateline[0].precision, "dateline")]
    if routes:  # "an ambush on the road between X and Y. Five died.": near X
        return [EventPlace(routes[0].r, routes[0].precision, "paragraph")]
    everywhere = [loc for sentence in located for loc in sentence if loc.locates]
    if not everywhere:
        # where the hurt were treated, when the report names no other place and its sentence goes on to
        # speak of "the town" ("23 were treated at X's hospital after youths fought near the town's bus
        # station"): the town the hospital is named after is the one the fight was in
        treated = [loc for k, sentence in enumerate(located) for loc in sentence if loc.role == "hospital"
                   and _TOWN_TOLD_BACK.search(text, loc.r.mention.end, sentences[k].end)]
        return [EventPlace(treated[0].r, max(2, treated[0].precision), "article")] if treated else []
    counts: dict[str, int] = {}
    for loc in everywhere:
        counts[loc.r.mention.text] = counts.get(loc.r.mention.text, 0) + 1
    best = min(everywhere, key=lambda loc: (loc.precision, -counts[loc.r.mention.text]))
    return [EventPlace(best.r, best.precision, "article")]


def _distinct(places: list[EventPlace]) -> list[EventPlace]:
    seen, out = set(), []
    for p in places:
        key = (p.resolution.place.geonameid or p.resolution.place.name, p.resolution.mention.phrase) \
            if p.resolution.place else None
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out
