"""How many were killed and hurt, as one sentence says it.

A count is a number next to a word of death or injury: before it ("two officers were killed",
"12 dead", "3 deaths"), or after an active verb or a toll ("killing three", "killed two
soldiers", "the death toll rose to 9"). Numbers are digits or words ("twenty-five", "a dozen");
"a soldier was killed" and "he was shot dead" are 1; "no one was hurt" and "no casualties" are 0;
"dozens", "several" give no number but keep their words. Counts joined by "and" add up ("two
soldiers and three civilians were killed" is 5); a number after "including" is part of one
already counted. Years, ages, distances and times are not counts. Deaths are also lives claimed,
cost or taken ("claiming the lives of two women"), dying of wounds ("succumbed to his injuries"), the
wounded who die ("two of the wounded failed to survive", "one of the injured did not make it", "six
passengers, two of whom later died"), and "executed 20 civilians", "gunned down seven men", "killing him".

A count may follow a verb and its result ("shooting dead 17 villagers", "hacked to death 11"); an object
pronoun stands for its group ("seized two herders and shot them dead" is 2); an attacker's own death counts
("killing himself and three officers" is 4). A death toll is the total ("the toll rose to 7 after rescuers
pulled three more bodies" is 7), and a running total ("bringing to 40 the number killed this month") is no
count of this event. A noun naming the death already counted ("in what police called a revenge killing")
adds none. "No one on the ground was hurt" is nobody; "none of them seriously" is nobody killed; "he was
taken to hospital with head injuries" is one hurt.

Regional and military wordings are deaths: "martyred", "embraced martyrdom", "sent to hell", "lost his life",
"neutralised" and "eliminated" of a number of people; "no life was lost", "no loss of life" are none. A day of
the month ("On 7 December"), an age ("aged 23", "the victim, 45,"), things ("two shops"), a time ("killed within
the past few days") and one who counted the dead ("a health worker who counted the bodies") are no people, and
a bracketed gloss or quote marks are read past; "the cafe's owner died" is one.

"Both riders" are 2; a partitive group adds to another ("six soldiers and at least ten of the attackers" is
16), and so does a group "along with" a count ("seven soldiers were killed, along with 12 of the attackers");
"the toll had risen to 14" is a toll without "death"; "paid the supreme price" is killed; "injuring nobody"
is 0, but "gave no death toll" gives no number. Another event's dead, told in a relative clause with a time of
its own ("the collapse that killed 15 people in November", "the attack in May 2019, in which ..."), are none,
and so are the dead of a clause that tells what came before the event ("rioted hours after a man was shot
dead"). "An elderly couple" is 2; "the execution of 17 herders" is 17; "a trail of bodies" gives no number;
"taken to hospital and released" is nobody killed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from geo.incidents.clauses import MONTH, RELATIVE, REPORTING_WORDS, SCORE, YEAR_TOKEN, Words, plural, verbal, words

_UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
          "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
          "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SINGLE = {"a", "an", "one", "another"}
ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
            "tenth": 10}
_PAIRS = {"couple"}  # "an elderly couple", "the couple": two people (not "a couple of hours")
VAGUE = {"dozens", "several", "many", "scores", "hundreds", "thousands", "some", "few", "numerous", "multiple",
         "countless", "number", "unknown", "unspecified", "undisclosed"}
# Words after a number that make it something else than people.
_NOT_PEOPLE = {"year", "years", "yearold", "km", "kilometres", "kilometers", "miles", "mile", "metres", "meters",
               "percent", "%", "am", "pm", "oclock", "hours", "hour", "days", "day", "weeks", "months", "minutes",
               "times", "rounds", "shots", "houses", "homes", "vehicles", "cars", "buildings", "villages", "attacks",
               "incidents", "bombs", "rockets", "shells", "missiles", "drones", "kg", "tonnes", "dollars", "usd",
               "warrants", "orders", "raids", "operations", "plans", "contracts", "deals", "shops", "stores",
               "churches", "mosques", "schools", "devices", "ieds", "mines", "positions", "hideouts", "camps",
               "bases", "targets", "checkpoints", "posts", *(_MONEY := {"lakh", "lakhs", "crore", "crores", "million",
                                                                  "billion", "rupees", "euros", "pounds", "naira"})}
# A currency before a number makes it a sum ("a reward of Rs 13 lakh", "$5,000"), not people.
_CURRENCY = {"rs", "inr", "$", "usd", "us$", "€", "£", "eur", "ksh", "tk", "pkr"}
_HEDGES = {"at", "least", "more", "than", "about", "some", "nearly", "almost", "up", "to", "an", "estimated",
           "around", "over", "approximately", "roughly", "as", "many", "of", "the", "other", "others", "further",
           "additional"}
_FATAL = {"kill", "dead", "die", "death", "fatality", "slay", "perish", "body", "lifeless", "fatal", "fatally",
          "massacre", "murder", "slaughter", "behead", "assassinate", "lynch", "succumb", "execute", "hanged",
          "martyred", "martyrdom", "execution", *(_EUPHEMISMS := {"neutralise", "neutralize", "eliminate"})}
# "martyred", "embraced martyrdom" (not "the martyrs", "Martyrs Hospital"); "neutralised", "eliminated" in
# army communiques mean killed, as the conflict-event datasets code them, but only of a number of people
# ("ten terrorists neutralised"; not "the threat was neutralised", "neutralised two explosive devices").
_KILLING_VERBS = {"kill", "murder", "massacre", "slaughter", "behead", "assassinate", "lynch", "slay", "wound",
                  "injure", "execute", "hang", "gun", *_EUPHEMISMS}  # "gun" only in "gunned down"
# Killing verbs that also do other things ("executed a warrant", "hanged a banner"): they count only a
# number of people ("executed 20 civilians", "three men were hanged") or "he", "she", "him", "her".
_NUMBERED_ONLY = {"execute", "execution", "hang", *_EUPHEMISMS}
_INJURY = {"injure", "wound", "hurt", "injury", "wounded", "injured"}
_BOTH = {"casualty", "casualties", "violence"}  # only "no casualties", "no violence" (0 of either) are read
_UNHURT = {"unharmed", "unhurt", "uninjured", "unscathed"}  # neither killed nor hurt
_SURVIVED = {"survived", "survives", "survive"}
# "did not survive", "failed to survive", "never survived": died (the negation is no zero)
_NOT_SURVIVING = {"not", "didnt", "couldnt", "never", "failed", "did", "could", "to"}
_SINGULAR_SUBJECTS = {"he", "she", "was", "is"}  # "he died", "a man was killed"
_ONE_OBJECT = {"him", "her", "himself", "herself"}  # "killing him", "killing himself and three officers"
_GROUP_OBJECT = {"them", "themselves"}  # "beat them to death": as many as the group they stand for
_POSSESSIVES = {"the", "his", "her", "its", "their"}
_NOBODY = {"nobody", "none", "noone"}
_LIFE_VERBS = {"lose", "claim", "cost", "take"}  # "lost their lives", "claimed the lives of three", "cost 12 lives"
_ACTIVE_AFTER = {"toll"}
_SENTENCING = {"sentence", "condemn"}
_TOTALS = {"toll", "number", "total", "tally"}  # "bringing the toll to 11", "bringing to 11 the number of"
_BRINGING = {"bring", "bringing", "brings", "brought"}
_DEATH_NOUNS = {"killing", "murder", "massacre", "slaying", "death", "lynching", "beheading"}
# "the bodies of six men", "the execution of 17 herders": the count after
_DEATHS_OF = {"body", "death", "murder", "massacre", "killing", "slaying", "execution"}
# The dead named by a plural noun: a count of one before it is another noun's ("a medic who counted the bodies")
_DEAD_PLURALS = {"bodies", "corpses", "deaths", "fatalities", "killings", "remains"}
BACK_WINDOW = 9
AHEAD_WINDOW = 6


@dataclass(frozen=True)
class Counts:
    fatalities: int | None = None
    fatalities_text: str = ""
    injuries: int | None = None
    injuries_text: str = ""


# A range of counts in one token ("10-12"): not a score's ("27-19") nor years' ("2013-14")
_RANGE = re.compile(r"\d{1,5}-\d{1,5}")


def _digits(w: Words, k: int) -> tuple[int | None, int]:
    """The count written in digits at token ``k`` and the tokens it takes; None for a year. A range
    counts its lower end, as coders do: "10-12 civilians", "between 10 and 12"."""
    if _RANGE.fullmatch(w.tokens[k]):
        if SCORE in w.bases[k] or YEAR_TOKEN.match(w.tokens[k]):
            return None, 1  # "beat Italy 27-19", "the 2013-14 killings": no people
        return int(w.tokens[k].split("-")[0]), 1
    value = int(w.norms[k].replace(",", ""))
    if 1900 <= value <= 2100 and "," not in w.tokens[k]:
        return None, 1
    if _range_and(w, k + 1) and k + 2 < len(w.norms) and w.norms[k + 2].replace(",", "").isdigit():
        return value, 3
    return value, 1


def number(w: Words, k: int) -> tuple[int | None, int] | None:
    """(value, tokens used) of a count at token ``k``: (None, n) when it is vague; None when
    there is none. A number of years, kilometres or hours is none."""
    norm = w.norms[k]
    value: int | None
    used = 1
    if _RANGE.fullmatch(w.tokens[k]) or norm.replace(",", "").isdigit() and w.tokens[k][0].isdigit():
        value, used = _digits(w, k)
        if value is None:
            return None  # a year
    elif norm in _UNITS:
        value = _UNITS[norm]
    elif "-" in w.tokens[k] and all(p in _UNITS for p in w.tokens[k].lower().split("-")):
        value = sum(_UNITS[p] for p in w.tokens[k].lower().split("-"))  # twenty-five
    elif norm in ("dozen", "dozens") and k and w.norms[k - 1] in _UNITS:
        return None  # counted from the number before it
    elif norm in _SINGLE or norm == "both" and _both_people(w, k):
        pair = _pair(w, k)
        value, used = (2, pair - k + 1) if pair else (2 if norm == "both" else 1, 1)
    elif norm == "many" and w.norms[k - 1:k] == ["as"] and w.norms[k + 1:k + 2] == ["as"]:
        return None  # "as many as nine": a hedge on the number after
    elif norm in VAGUE:
        value = None
    else:
        return None
    nxt = w.norms[k + 1] if k + 1 < len(w.norms) else ""
    if nxt == "dozen":
        value, used = (value or 1) * 12, 2
    elif nxt in ("hundred", "thousand") and value is not None:
        value, used = value * (100 if nxt == "hundred" else 1000), 2
    return None if _no_people(w, k, used) else (value, used)


def ordinal_one(w: Words) -> int | None:
    """N of one more person named by an ordinal, "a third victim", "the fourth man", "a second child", "the body
    of a third," (the Nth of the dead: the count before them was N - 1); None when there is none ("the second
    day", "a third of the town")."""
    for k in range(1, len(w.tokens) - 1):
        if w.norms[k] not in ORDINALS or w.norms[k - 1] not in ("a", "the"):
            continue
        if k > 2 and w.norms[k - 2] == "of" and w.bases[k - 3] & _DEATHS_OF and w.tokens[k + 1] in (",", "."):
            return ORDINALS[w.norms[k]]  # "the body of a third, a 17-year-old, was found": the Nth of the dead
        if w.tokens[k + 1].isalpha() \
                and w.tokens[k + 1].islower() and w.norms[k + 1] not in _NOT_PEOPLE and w.norms[k + 1] + "s" \
                not in _NOT_PEOPLE and w.norms[k + 1] not in ("of", "time", "round", "floor", "attack", "blast"):
            return ORDINALS[w.norms[k]]
    return None


def _pair(w: Words, k: int) -> int | None:
    """The head of a noun phrase opened at ``k`` that names two people: "an elderly couple", "the couple"."""
    for x in range(k + 1, min(len(w.tokens), k + 4)):
        if w.norms[x] in _PAIRS:
            return x if w.norms[x + 1:x + 2] != ["of"] else None
        if not (w.tokens[x].isalpha() and w.tokens[x].islower()) or w.norms[x] in _NP_OPENERS:
            return None  # ("a retired couple": an adjective may look like a verb)
    return None


def _no_people(w: Words, k: int, used: int) -> bool:
    """A number of years, things, a day of the month or an age."""
    after = w.norms[k + used] if k + used < len(w.norms) else ""
    if k and w.tokens[k][0].isdigit() and w.norms[k - 1] in _CURRENCY:
        return True  # "Rs 13 lakh", "$ 5,000": a sum
    # "23 year-old" is an age; "a 52-year-old woman", "two 12-year-old boys" are people of that age
    return after in _NOT_PEOPLE or "yearold" in w.norms[k] or after == "yearold" or _date_or_age(w, k, used)


_AGED = {"aged", "age", "ages"}
# "both sides", "both camps": no two people
_SIDES = {"sides", "parties", "camps", "groups", "countries", "teams", "ends", "banks", "forces", "armies", "nations"}


def _both_people(w: Words, k: int) -> bool:
    """"Both riders", "both of them", "both were killed": two people; not "both sides", nor "both men and
    women" (two groups)."""
    nxt = w.norms[k + 1:k + 3]
    if not nxt:
        return False
    if nxt[0] == "of" or nxt[0] in _PASSIVE_BEFORE or nxt[0] in ("died", "have", "had"):
        return True
    return (w.tokens[k + 1].isalpha() and w.tokens[k + 1].islower() and plural(nxt[0])  # "both men inside"
            and nxt[0] not in _SIDES and nxt[1:] != ["and"])


def _date_or_age(w: Words, k: int, used: int) -> bool:
    """A day of the month ("On 7 December", "December 7") or an age ("a man aged 23"), not a number of
    people (an age set in commas, "the driver, 45,", is taken out before: ``_GLOSS``)."""
    if not w.tokens[k][0].isdigit():
        return k > 0 and w.norms[k - 1] in _AGED  # "aged twenty"
    before = w.norms[k - 1] if k else ""
    after = w.norms[k + used] if k + used < len(w.norms) else ""
    if MONTH in (before, after) and w.norms[k].isdigit() and int(w.norms[k]) <= 31:
        return True
    return before in _AGED


def _cue(w: Words, k: int) -> str | None:
    forms = w.bases[k]
    following = w.norms[k + 1] if k + 1 < len(w.norms) else ""
    if w.norms[k] == "toll" and (k and w.norms[k - 1] == "death" or _rising_toll(w, k)):
        return "fatal"  # "the death toll rose to 9", "the toll had risen to 14" (not "paid the toll")
    if w.norms[k] == "price" and w.norms[k - 3:k - 1] in (["paid", "the"], ["pay", "the"], ["paying", "the"]) \
            and w.norms[k - 1] in ("supreme", "ultimate"):
        return "fatal"  # "two soldiers paid the supreme price": the military's word for killed
    if w.norms[k] in ("life", "lives") and (_life_verb(w, k) is not None or _life_lost(w, k)):
        return "fatal"  # "three policemen lost their lives", "claiming the lives of two women", "no life was lost"
    if w.norms[k] == "loss" and w.norms[k + 1:k + 2] == ["of"] and w.norms[k + 2:k + 3] in (["life"], ["lives"]):
        return "fatal"  # "there was no loss of life"
    if w.norms[k] == "hell" and w.norms[k - 2:k] in (["sent", "to"], ["dispatched", "to"]):
        return "fatal"  # "three terrorists were sent to hell": the military's word for killed
    if "gun" in forms and following == "down":
        return "fatal"  # "gunned down seven men"
    if w.norms[k] == "death" and k > 1 and w.norms[k - 1] == "to" \
            and any(w.bases[x] & _SENTENCING for x in w.before(k - 1, 5)):
        return None  # "sentenced to death", "sentenced five men to death": a verdict, no death
    if forms & _FATAL and following != "toll" or _did_not_survive(w, k):
        return "fatal"
    if forms & _INJURY and not _cause_of_death(w, k) and not _wounded_aside(w, k):
        return "injury"
    if w.norms[k] in _BOTH:
        return "both"
    return None


_RISES = {"rose", "risen", "rise", "rises", "climbed", "climbs", "reached", "reaches", "stood", "stands", "jumped",
          "increased"}


def _did_not_survive(w: Words, k: int) -> bool:
    """"The driver did not survive", "two of the wounded failed to survive", "three of them did not make
    it": a death."""
    if w.norms[k] not in _SURVIVED and not _made_it(w, k):
        return False
    x = k - 1
    while x >= 0 and w.norms[x] in _NOT_SURVIVING:
        x -= 1
    return x < k - 1 and bool({"not", "didnt", "couldnt", "never", "failed"}.intersection(w.norms[x + 1:k]))


def _made_it(w: Words, k: int) -> bool:
    """"Make it" that ends its clause ("did not make it.", "did not make it, police said"): lived through it
    (not "did not make it to the meeting", "in time")."""
    if w.norms[k] != "make" or w.norms[k + 1:k + 2] != ["it"]:
        return False
    return k + 2 >= len(w.tokens) or not w.tokens[k + 2].isalnum() or w.norms[k + 2] in ("and", "but")


def _rising_toll(w: Words, k: int) -> bool:
    """A toll said without "death" that rises to or stands at a number: "the toll had risen to 14"."""
    verb = _toll_verb(w, k, len(w.tokens))
    return verb != k and (w.norms[verb] in _RISES or w.norms[verb] == "at") and any(
        number(w, x) is not None and w.norms[x] not in _SINGLE for x in range(verb + 1, min(len(w.tokens), verb + 4)))


def _wounded_aside(w: Words, k: int) -> bool:
    """An injury word set in commas between the dead and their death ("Two more, badly wounded, died on
    Wednesday"): how they were before they died, not a count of the hurt."""
    x = k - 1
    while x > 0 and w.norms[x] in _SEVERE:
        x -= 1
    if w.tokens[x] != "," or w.tokens[k + 1:k + 2] != [","]:
        return False
    y = k + 2
    while y < len(w.tokens) and w.norms[y] in _PASSIVE_BEFORE:
        y += 1
    return y < len(w.tokens) and bool(w.bases[y] & _DYING)


def _cause_of_death(w: Words, k: int) -> bool:
    """An injury word that says what one died of ("succumbed to his injuries", "died of gunshot
    wounds"): the dead's, not a count of the hurt."""
    for x in w.before(k, 4)[::-1]:
        if w.norms[x] in ("to", "of", "from"):
            return x > 0 and bool(w.bases[x - 1] & _FATAL)
        if not (w.tokens[x].isalpha() and w.tokens[x].islower()):
            return False
    return False


def _of_wounds(w: Words, k: int) -> bool:
    """A death of wounds ("succumbed", "died of his injuries", "later died"), or of the wounded ("two of
    the wounded failed to survive", "one of the injured did not make it"): of those a count of the
    wounded may already have counted ("two of the four wounded later succumbed")."""
    if "succumb" in w.bases[k] or k and w.norms[k - 1] == "later":
        return True
    # "two men brought in with gunshot wounds had died": the wounds just before the verb group;
    # "two of the wounded died", "the injured failed to survive": the wounded, its subject
    x = k - 1
    while x > 0 and (w.norms[x] in _VERB_GROUP or _did_not_survive(w, k) and w.norms[x] in _NOT_SURVIVING):
        x -= 1
    if w.bases[x] & _INJURY and (x < k - 1 or _the_wounded(w, x)):
        return True
    return any(w.bases[x] & _INJURY and _cause_of_death(w, x) for x in range(k + 1, min(len(w.tokens), k + 5)))


def _the_wounded(w: Words, x: int) -> bool:
    """The injury word at ``x`` names the wounded, a group ("the wounded", "of the four injured", "three of
    those hurt"), not what was done to them."""
    y = x - 1
    if y > 0 and number(w, y) is not None and w.norms[y] not in _SINGLE:
        y -= 1  # "the four injured"
    return y >= 0 and w.norms[y] in ("the", "those")


def _life_verb(w: Words, k: int) -> int | None:
    """The verb that ends lives at ``k``: "lost their lives", "claimed the life of", "claimed at least 12
    lives"; only a possessive, a number and its hedges may stand between (not "saved the lives")."""
    for x in w.before(k, 5)[::-1]:
        if w.bases[x] & _LIFE_VERBS:
            return x
        if w.norms[x] not in _POSSESSIVES and w.norms[x] not in _HEDGES and number(w, x) is None:
            return None
    return None


def _life_lost(w: Words, k: int) -> bool:
    """"No life was lost", "three lives were lost", "lives were claimed": a life verb after its verb group."""
    for x in range(k + 1, min(len(w.tokens), k + 4)):
        if w.bases[x] & _LIFE_VERBS and w.norms[x] != "take" and verbal(w.norms[x]):
            return True
        if w.norms[x] not in _PASSIVE_BEFORE and w.norms[x] not in ("have", "has", "had"):
            return False
    return False


_ZERO = {"no", "without", "not", "wasnt", "werent"} | _NOBODY


def _zero(w: Words, k: int) -> int | None:
    """Where "no one was killed", "nobody was hurt", "no casualties", "without injuries", "were
    not hurt", "none of the officers was hurt" begins; None when the cue is not negated."""
    if _did_not_survive(w, k):
        return None  # "did not survive" is a death, not a zero
    near = next((x for x in w.before(k, 4) if w.norms[x] in _ZERO
                 and not any(_did_not_survive(w, z) for z in range(x + 1, k))), None)  # "did not survive his wounds"
    if near is None:  # "none of the passengers were hurt"
        near = next((x for x in w.before(k, 7)[:-1] if w.norms[x] in ("none", "neither")
                     and w.norms[x + 1] == "of"), None)
    if near is None:  # "no one on the ground was hurt", "nobody inside the house was injured"
        near = next((x for x in w.before(k, 8)[:-2] if _nobody_where(w, x, k)), None)
    if near is None and _active(w, k) and (w.norms[k + 1:k + 2] in (["nobody"], ["none"])
                                           or w.norms[k + 1:k + 3] == ["no", "one"]):
        near = k  # "injuring nobody", "killing no one"
    return near


_WHERE = {"on", "in", "inside", "aboard", "at", "near", "nearby", "from"}


def _nobody_where(w: Words, x: int, k: int) -> bool:
    """"No one" or "nobody" at ``x``, then where they were, then the cue's verb group at ``k``."""
    after = x + 2 if w.norms[x:x + 2] == ["no", "one"] else x + 1 if w.norms[x] in _NOBODY else None
    if after is None or after >= k or w.norms[after] not in _WHERE:
        return False
    return all(w.tokens[z].isalpha() and not verbal(w.norms[z]) or w.norms[z] in _PASSIVE_BEFORE
               for z in range(after, k))


def _nearest_number(w: Words, span: Sequence[int], used: set[int]) -> int | None:
    """The first count met walking ``span``; one right after "including" belongs to a count
    already made ("five people, including two children")."""
    for x in span:
        if w.tokens[x] == ";":
            return None
        if x in used or number(w, x) is None:
            continue
        if not any(w.norms[z] in ("including", "among") for z in range(max(0, x - 2), x)):
            return x
    return None


def _count_back(w: Words, k: int, used: set[int]) -> tuple[int | None, int] | None:
    """The nearest count before the cue, plus the counts joined to it by "and" or a comma:
    (value, its first token)."""
    x = _nearest_number(w, w.before(k, BACK_WINDOW)[::-1], used)
    if x is None:
        return None
    of = x - 1 if w.norms[x - 1:x] == ["of"] else x - 2 if w.norms[x - 2:x] in (["of", "the"], ["of", "a"]) else None
    if of is not None:  # "four members of one family", "two of the five hostages": the count before "of"
        y = _nearest_number(w, w.before(of, 2)[::-1], used)
        x = y if y is not None and w.norms[y] not in ("a", "an") else x  # but "a family of five" is five
    value, first = number(w, x)[0], x
    if w.norms[x] in ("a", "an") and w.norms[k] in _DEAD_PLURALS and "of" not in w.norms[x + 1:k]:
        return None  # "a health worker who counted the bodies": one is the counter's, not the dead's
    if w.norms[x] in ("a", "an") and "of" in w.norms[x + 1:k] and w.norms[k].endswith("s"):
        value = None  # "a trail of bodies", "a string of deaths": one heap of them, how many is untold
    while value is not None:  # "two soldiers and three civilians were killed"
        y = _nearest_number(w, w.before(first, 4)[::-1], used)
        if y is None or not any(w.norms[z] == "and" or w.tokens[z] == "," for z in range(y + 1, first)):
            break
        if _range_and(w, y + 1):
            value, first = number(w, y)[0], y  # "between 10 and 12 civilians": the lower end
            break
        if not any(w.norms[z] == "and" for z in range(y + 1, k)):
            break  # commas alone set one group beside another naming it ("a fourth victim, a 12-year-old girl,")
        more = number(w, y)[0]
        if more is None:
            break
        value, first = value + more, y
    return value, first


_TIMES = {"past", "day", "night", "week", "weekend", "month", "year", "evening", "morning", "afternoon", "previous",
          "next", "following"}


def _singular_noun(w: Words, x: int) -> bool:
    """"the driver", "his wife": one person named without a number."""
    return (w.norms[x] in _POSSESSIVES and x + 1 < len(w.tokens) and w.tokens[x + 1].replace("-", "").isalpha()
            and w.tokens[x + 1].islower()  # "his brother-in-law" and not w.norms[x + 1].endswith("s")
            and number(w, x + 1) is None  # "its two occupants" is two
            and w.norms[x + 1] not in _TIMES)  # "killed the night before", "the past few days": a time


_TOLL_WORDS = {"rose", "rise", "risen", "climbed", "climb", "reached", "reach", "stood", "stands", "is", "was", "has",
               "had", "now", "increased", "jumped", "of"}
_AHEAD_STOPS = {"and", "no", "none", "nobody", "or", "in", "on", "near", "outside", "inside", "during", "by", "from",
                "into", "across", "after", "before", "when", "while", "with", "within"}


_JOIN_REACH = 8  # tokens from a count to the "and" that joins another: "two fighters of the militia and the driver"


def _item(w: Words, y: int, end: int) -> tuple[int | None, int] | None:
    """A group at ``y`` ahead of a count: "two others", "a civilian", "the civilian driver" (one, when it
    ends there): (its count, its last token); None when it is no group or opens a clause of its own."""
    more = number(w, y)
    owned = more is None and w.norms[y] in _POSSESSIVES and y + 1 < end and number(w, y + 1) is not None
    if owned:  # "and her two children": the number after the possessive
        more, y = number(w, y + 1), y + 1
    if more is None and not _singular_noun(w, y):
        return None
    z = y + (more[1] if more is not None else 1)
    while z < end and z - y <= 4 and w.tokens[z].isalpha() and w.tokens[z].islower() \
            and w.norms[z] not in _AHEAD_STOPS and w.norms[z] not in _PASSIVE_BEFORE:
        if verbal(w.norms[z]) or _cue(w, z):
            if more is not None:
                break  # "and two civilians fleeing the area"
            return None  # "and the army said": a clause of its own
        z += 1
    if z < end and w.norms[z] in _PASSIVE_BEFORE:
        return None  # "killed four soldiers and a policeman was wounded": a clause of its own
    if more is not None:
        return None if more[0] is None else (more[0], z - 1)
    head = w.norms[z - 1]
    return None if head.endswith("s") and not head.endswith("ss") else (1, z - 1)


def _joined_ahead(w: Words, last: int, end: int) -> tuple[int, int] | None:
    """Groups joined by "and" to a count ahead, before the clause's end: "and a civilian", "and two
    others", "and the civilian driver", and a list closed by "and" (", his wife and a neighbour"):
    (their count, their last token)."""
    listed, y, limit = 0, last + 1, last + 1 + _JOIN_REACH
    while y < min(end - 1, limit):
        if w.tokens[y] == "," and listed and w.norms[y + 1] == "and":
            y += 1  # ", and": the list's last
            continue
        if w.tokens[y] == ",":  # one of a list, which must go on: ", his wife and a neighbour"
            item = _item(w, y + 1, end)
            if item is None or item[0] is None or not (w.tokens[item[1] + 1] == "," or w.norms[item[1] + 1] == "and"):
                return None  # "killing two soldiers, police said"
            listed, y = listed + item[0], item[1] + 1
            limit = y + _JOIN_REACH
            continue
        if w.tokens[y] == ";" or _cue(w, y) or w.norms[y] in _AHEAD_STOPS and w.norms[y] != "and":
            return None  # "killing two soldiers in the town", "killing two and wounding three"
        if w.norms[y] != "and":
            y += 1
            continue
        item = _item(w, y + 1, end)
        return None if item is None or item[0] is None else (listed + item[0], item[1])
    return None


def _count_ahead(w: Words, k: int, end: int, used: set[int], cue: int | None = None
                 ) -> tuple[int | None, int, int] | None:
    """The count after an active cue at ``cue`` (or ``k``, where its count is looked for after: a
    toll's verb) ("killing three", "the toll rose to 9", "killing five soldiers and a civilian"):
    (value, first, last)."""
    at = k if cue is None else cue
    # a toll, "the body of": only a number ("the body of the car" is no one)
    toll = w.norms[at] == "toll" or w.bases[at] & _DEATHS_OF and w.norms[at + 1:at + 2] == ["of"]
    for x in range(k + 1, min(end, k + 1 + AHEAD_WINDOW)):
        if w.tokens[x] in (",", ";", ".") or _cue(w, x) or w.norms[x] in _AHEAD_STOPS \
                or w.norms[x] == "at" and w.norms[x + 1:x + 2] != ["least"]:
            return None  # "shot dead in the market": no count follows
        got = number(w, x)
        if got is None and _singular_noun(w, x) and not toll:
            pair = _pair(w, x)  # "killing the couple": two
            got = (2, pair - x + 1) if pair else (1, 2)
        if got is None and x == at + 2 and w.norms[at] == "body" and toll and w.tokens[x][:1].isupper() \
                and w.tokens[x].isalpha():
            named = next((z for z in range(x, min(end, x + 5)) if not w.tokens[z][:1].isupper()), min(end, x + 5))
            got = (1, named - x)  # "the body of Juan Pérez": one named
        if got is None and x == k + 1 and w.norms[x] in _ONE_OBJECT and number(w, x + 1) is None:
            got = (1, 1)  # "killing him instantly", "killing himself and three officers"
        if got is None and x == k + 1 and w.norms[x] in _GROUP_OBJECT:
            got = (_antecedent(w, x), 1)  # "seized four workers and killed them"
        if got is not None and x not in used:
            value, last = got[0], x + got[1] - 1
            more = _joined_ahead(w, last, end) if value is not None else None
            if more is not None:
                value, last = value + more[0], more[1]
            return value, x, last
        if w.norms[x] not in _HEDGES and w.norms[x] not in _TOLL_WORDS and not w.tokens[x].isalpha():
            return None
    return None


def _result_verb(w: Words, k: int) -> int | None:
    """The verb a result completes: "shot dead", "shooting dead", "hacked to death", "beat to death"."""
    if w.norms[k] == "dead" and k and "shoot" in w.bases[k - 1]:
        return k - 1
    if w.norms[k] == "death" and k > 1 and w.norms[k - 1] == "to" and w.tokens[k - 2].isalpha() \
            and w.tokens[k - 2].islower() and w.norms[k - 2] not in _ONE_OBJECT | _GROUP_OBJECT:
        return k - 2
    return None


def _result_object(w: Words, k: int) -> int | None:
    """An object pronoun between a verb and its result: "beat them to death", "shot him dead"."""
    x = k - 2 if w.norms[k] == "death" and w.norms[k - 1:k] == ["to"] else k - 1 if w.norms[k] == "dead" else -1
    return x if x > 0 and w.norms[x] in _ONE_OBJECT | _GROUP_OBJECT else None


def _named_object(w: Words, k: int) -> int | None:
    """One person an object names without a number between "shot" and "dead": "shot the driver dead", "shot
    the village chief dead" (where its article or possessive stands; "shot two guards dead" is counted)."""
    if w.norms[k] != "dead":
        return None
    for x in range(k - 2, max(0, k - 5), -1):
        if "shoot" in w.bases[x - 1] and _singular_noun(w, x) \
                and all(w.tokens[z].replace("-", "").isalpha() and w.tokens[z].islower() for z in range(x + 1, k)):
            head = w.norms[k - 1]
            return x if not head.endswith("s") or head.endswith("ss") else None
    return None


def _antecedent(w: Words, x: int) -> int | None:
    """The count of the group a plural pronoun at ``x`` stands for: the nearest number of two or more
    before it with its noun ("caught three suspected burglars in a market and beat them")."""
    for y in range(x - 1, -1, -1):
        got = number(w, y)
        if got is None or got[0] is None or got[0] < 2 or w.norms[y] in _SINGLE:
            continue
        noun = y + got[1]
        if noun < x and w.tokens[noun].isalpha() and w.tokens[noun].islower():
            return got[0]
    return None


_TOLL_VERBS = {"rose", "risen", "rise", "rises", "climbed", "climbs", "reached", "reaches", "stood", "stands",
               "jumped", "increased", "hit", "is", "was", "now"}
_PUTS = {"put", "puts", "putting", "placed", "places", "placing"}  # "put the (death) toll at 11"
_TOLL_REACH = 14  # "the toll from Friday's bombing at a police post in X rose to 11"


def _toll_verb(w: Words, k: int, end: int) -> int:
    """Where a toll's count is looked for: after its verb, past the words that say whose toll it is ("the
    death toll from the collapse rose to 12"); any other cue, itself."""
    if w.norms[k] != "toll":
        return k
    if k + 1 < end and w.norms[k + 1] == "at" and _PUTS.intersection(w.norms[max(0, k - 3):k]):
        return k + 1  # "put the toll at three": who counted says it, the number follows "at"
    for x in range(k + 1, min(end, k + _TOLL_REACH)):
        if w.tokens[x] in (",", ";"):
            break
        if w.norms[x] in _TOLL_VERBS:
            return x
    return k


# Words before "to" and a killing verb that say the killing was done, not only meant ("threatened to kill")
_ACHIEVED = {"possible", "able", "managed", "succeeded"}


def _active(w: Words, k: int) -> bool:
    """A cue that takes its count after it: "killing three", "killed two soldiers", "toll"."""
    norm = w.norms[k]
    if k > 1 and w.norms[k - 1] == "to" and w.norms[k - 2] in _ACHIEVED and w.bases[k] & _KILLING_VERBS:
        return True  # "made it possible to neutralise 15 terrorists", "managed to kill four"
    if w.norms[k + 1:k + 2] == ["of"] and (norm in ("life", "lives") or w.bases[k] & _DEATHS_OF):
        return True  # "claimed the lives of three", "the bodies of six men were found"
    if norm in _ACTIVE_AFTER or norm.endswith("ing"):
        return True  # "killing three", "the toll rose to 9"
    verb = _result_verb(w, k)
    if verb is not None:  # "shot dead two", "hacked to death 11"; not "were shot dead"
        return not (verb and w.norms[verb - 1] in _PASSIVE_BEFORE)
    return norm.endswith("ed") and bool(w.bases[k] & _KILLING_VERBS) and not (k and w.norms[k - 1] in _PASSIVE_BEFORE)


_PASSIVE_BEFORE = {"was", "were", "been", "being", "are", "is", "be", "reportedly", "fatally", "seriously", "also",
                   "critically", "badly", "later", "lightly", "slightly", "moderately", "severely", "gravely"}


def _counted_noun(w: Words, last: int) -> int:
    """The noun after a count, so the words say who: "killing three soldiers"."""
    nxt = last + 1
    if nxt < len(w.tokens) and w.tokens[nxt].isalpha() and w.tokens[nxt].islower() \
            and w.norms[nxt] not in _HEDGES and w.norms[nxt] not in ("in", "on", "at", "and", "near"):
        return nxt
    return last


_VERB_GROUP = _PASSIVE_BEFORE | {"have", "has", "had", "shot", "lost", "their", "his", "her", "reportedly"}
_NP_OPENERS = {"a", "an", "the", "his", "her", "their", "its", "one"}
_NP_ENDS = {"who", "that", "which", "whose", "in", "on", "at", "near", "from", "of", "with"}  # and participles
# What a speaker's words follow: a reporting verb ("police said a woman ...") or "that" ("according to" is none)
_AFTER_SPEECH = REPORTING_WORDS - {"according"} | {"that"}


def _group(w: Words, lo: int, hi: int) -> tuple[int | None, int] | None:
    """One group of a joined subject, in tokens lo..hi: (its count, its first token), or None.
    "two vaccinators" is 2; "the policeman guarding them", "her daughter" 1; "the policemen" None.
    The group may end the chunk after a speech verb ("police said a woman ...", "an officer in the town
    said three soldiers": the speaker is no group of the dead)."""
    said = [x for x in range(lo, hi - 1) if w.norms[x] in _AFTER_SPEECH]
    lo = said[-1] + 1 if said else lo
    end = next((x for x in range(lo + 1, hi) if w.norms[x] in _NP_ENDS or w.norms[x].endswith("ing")), hi)
    for p in range(lo, min(end, hi)):
        opens = number(w, p) is not None or w.norms[p] in _NP_OPENERS
        words_after = all(w.tokens[x].isalpha() and w.tokens[x].islower() or number(w, x) is not None
                          or w.norms[x].endswith("yearold") for x in range(p + 1, end))  # "a 60-year-old farmer"
        if not opens or not words_after or end - p > 5:
            continue
        if any(verbal(w.norms[x]) for x in range(p + 2, end)):
            return None  # "the soldiers returned fire and one attacker was killed": a clause, no group
        if p > lo and w.norms[p - 1] not in _AFTER_SPEECH and not (
                number(w, p) is not None and all(w.norms[x] in _HEDGES for x in range(lo, p))):
            return None  # "stormed the house and two men were killed": an object, not a subject
        # (but "at least ten of the attackers" is a group: its hedges are no object)
        counted = [number(w, x) for x in range(p, end) if w.norms[x] not in _NP_OPENERS and number(w, x) is not None]
        if counted:
            return counted[0][0], p
        head = w.norms[end - 1]
        if end - p < 2 or head.endswith("s") and not head.endswith("ss"):
            return None  # a plural without a number: how many?
        return 1, p
    return None


_PART_OF = (["of", "them"], ["of", "whom"], ["of", "those"])


def _part_of_them(w: Words, lo: int, hi: int) -> bool:
    """A group named as a part of the one before it ("two of them children", "three of whom")."""
    return any(w.norms[x:x + 2] in _PART_OF for x in range(lo, hi - 1))


def _part_counted(w: Words, first: int, last: int, counted: int | None, value: int | None) -> bool:
    """A count at ``first``..``last`` of a part of a group the sentence has counted before ("killed three
    farmers, beheading two of them", "shot dead five men, two of whom were brothers", "wounded nine people;
    one of the injured ..."): none of its own."""
    return counted is not None and value is not None and value <= counted and (any(
        w.norms[x:x + 2] in _PART_OF for x in range(first, min(len(w.tokens), last + 2)))
        or w.norms[first + 1:first + 2] == ["of"] and bool(w.bases[last] & _INJURY) and _the_wounded(w, last))


def _bare(w: Words, lo: int, hi: int) -> bool:
    """A group named without a number or an article: "VDP", "militia", "auxiliaries"."""
    return 0 < hi - lo <= 3 and all(w.tokens[x].isalpha() and number(w, x) is None and w.norms[x] not in _NP_OPENERS
                                    for x in range(lo, hi))


def _range_and(w: Words, x: int) -> bool:
    """The "and" of "between 10 and 12": a range's, no list's."""
    return 2 <= x < len(w.norms) and w.norms[x] == "and" and w.norms[x - 2] == "between" \
        and w.norms[x - 1].replace(",", "").isdigit()


def _subject_span(w: Words, k: int, start: int) -> tuple[int, int]:
    """Where the subject before the cue at ``k`` starts and ends: after a colon or a dash that opens
    its clause ("... on Saturday: a farmer and his nephew were killed"), before the verb's words."""
    if w.tokens[start] in (":", "—", "–"):
        start += 1
    v = k
    while v > start and (w.norms[v - 1] in _VERB_GROUP or v == k and w.norms[v - 1] == "dead"):
        v -= 1
    return start, v


def _conjoined(w: Words, k: int, start: int, used: set[int]) -> tuple[int | None, int] | None:
    """The groups a subject joins with "and" and commas before a passive or intransitive cue, added up:
    "Two vaccinators and the policeman guarding them were killed" is 3, "a woman and her daughter"
    2: (value, first token). None unless two groups or more are found. A group another cue counted ends
    the subject ("Nine bodies were found, and three more were found dead" is 3 here)."""
    start, v = _subject_span(w, k, start)
    cuts = [x for x in range(start, v) if (w.norms[x] == "and" and not _range_and(w, x)) or w.tokens[x] == ","]
    bounds = [start - 1, *cuts, v]
    total, groups, first, parted = 0, 0, v, False
    for right in range(len(bounds) - 1, 0, -1):
        lo, hi = bounds[right - 1] + 1, bounds[right]
        if lo >= hi:
            continue  # ", and"
        if right >= 2 and _part_of_them(w, lo, hi):
            parted = True
            continue  # "eight people, two of them children": the two are among the eight
        group = _group(w, lo, hi)
        if group is not None and used.intersection(range(group[1], hi)):
            break
        if group is None and right >= 2 and _bare(w, lo, hi):
            left = _group(w, bounds[right - 2] + 1, bounds[right - 1])
            if left is not None and left[0] is not None and number(w, left[1]) is not None \
                    and w.norms[left[1]] not in _SINGLE:
                continue  # "14 soldiers and VDP and 30 assailants": the VDP are among the 14
        if group is None:
            joined_by_and = any(w.norms[x] == "and" for x in range(hi, first))
            if joined_by_and or groups < 2:
                return None
            break
        value, first = group
        total = None if total is None or value is None else total + value
        groups += 1
        if first > lo and not all(w.norms[x] in _HEDGES for x in range(lo, first)):
            break  # (hedges before a group leave it open: "Six soldiers and at least ten of the attackers")
    if parted and groups == 1:
        return total, first  # "eight people, two of them children": the eight
    if not any(w.norms[x] == "and" for x in range(first, v)):
        return None  # commas alone set one group beside another naming it ("The driver, a 32-year-old man,")
    return (total, first) if groups >= 2 else None


def _people_counted(w: Words, x: int) -> bool:
    """A number of people at ``x``: digits or a number word, and no warrants or raids after it."""
    got = number(w, x)
    if got is None or got[0] is None or w.norms[x] in ("a", "an", "another"):
        return w.norms[x] in ("he", "she", "him", "her")
    after = range(x + got[1], min(len(w.tokens), x + got[1] + 3))
    return not any(w.norms[z] in _NOT_PEOPLE for z in after)


def _count(w: Words, k: int, used: set[int]) -> tuple[int | None, int, int, str] | None:
    """The count a death or injury word at ``k`` gives: (value, first token, last token, words)."""
    found = _count_any(w, k, used)
    if found is not None and w.bases[k] & _NUMBERED_ONLY and not _people_counted(w, found[1]) \
            and not (found[0] == 1 and found[1] < k and _one_subject(w, found[1], k)):
        return None
    if found is not None and found[0] is not None:
        more = _along_with(w, max(found[2], k), used)
        if more is not None:  # "seven soldiers were killed, along with 12 of the attackers"
            value, first, _, _ = found
            return value + more[0], first, more[1], w.span_text(min(first, k), more[1] + 1)
    return found


_ALONG = (["along", "with"], ["together", "with"], ["as", "well", "as"], ["as", "was"], ["as", "were"])


def _along_with(w: Words, last: int, used: set[int]) -> tuple[int, int] | None:
    """A group added to a count just after it, past a comma: ", along with 12 of the attackers", "together
    with two of the hijackers", "as well as three civilians", ", as was their driver": (its count, its last
    token)."""
    x = last + 1 + (w.tokens[last + 1:last + 2] == [","])
    phrase = next((p for p in _ALONG if w.norms[x:x + len(p)] == p), None)
    if phrase is None:
        return None
    y = x + len(phrase)
    while y < len(w.tokens) and w.norms[y] in _HEDGES and number(w, y) is None:
        y += 1  # "along with at least 12"
    got = number(w, y) if y < len(w.tokens) and y not in used else None
    named = got is None and y < len(w.tokens) and y not in used and _singular_noun(w, y)
    if named:
        got = (1, 2)  # "along with their commander"
    if got is None or got[0] is None or w.norms[y] in _SINGLE and w.norms[y] != "one":
        return None
    last = _counted_noun(w, y + got[1] - 1)
    if named and w.norms[last].endswith("s") and not w.norms[last].endswith("ss"):
        return None  # "as were the attackers": how many?
    return got[0], last


def _one_subject(w: Words, x: int, k: int) -> bool:
    """"A village chief was executed", "the hostage was hanged": one person before the verb, unless the
    words name a thing ("a search warrant was executed", "the plan was executed")."""
    head = k - 1
    while head > x and w.norms[head] in _VERB_GROUP:
        head -= 1
    return all(w.tokens[z].isalpha() for z in range(x, k)) and head > x \
        and w.norms[head] not in _NOT_PEOPLE and w.norms[head] + "s" not in _NOT_PEOPLE


def _object_counted(w: Words, k: int) -> tuple[int | None, int, int, str] | None:
    """The dead a cue's object names: "beat them to death" (as many as they are), "shot the driver dead" (one)."""
    obj = _result_object(w, k)
    if obj is not None:
        value = 1 if w.norms[obj] in _ONE_OBJECT else _antecedent(w, obj)
        return value, obj, k, w.span_text(max(0, obj - 1), k + 1)
    named = _named_object(w, k)
    if named is not None:
        return 1, named, k, w.span_text(named - 1, k + 1)
    return None


def _count_any(w: Words, k: int, used: set[int]) -> tuple[int | None, int, int, str] | None:
    start, end = w.clause_of(k)
    # "among those killed were two nurses": a part, named after the cue, of a count given elsewhere
    among = any(w.norms[x] == "among" for x in w.before(k, 3))
    side = _side_at(w, k + 1)
    if among and side is not None:  # "among the dead on the army's side were a lieutenant and two soldiers"
        found = _count_ahead(w, side, end, used, k)
        if found is not None:
            return found[0], found[1], found[2], w.span_text(k, _counted_noun(w, found[2]) + 1)
    done_to = _object_counted(w, k)
    if done_to is not None:
        return done_to
    found = _count_ahead(w, _toll_verb(w, k, end), end, used, k) if _active(w, k) and not among else None
    if found is not None:
        value, first, last = found
        last = _counted_noun(w, last)
        verb = _result_verb(w, k)
        verb = k if verb is None else verb  # "shot dead two", "hacked to death 11"
        if w.norms[k] in ("life", "lives"):
            verb = _life_verb(w, k) or k  # "claiming the lives of two women"
        return value, first, last, w.span_text(verb, last + 1)
    if _borne_by(w, k, start):  # "he was taken to hospital with head injuries", "with two stab wounds"
        return 1, start, k, w.span_text(start, k + 1)
    # An active cue with no count after it may close a note: "Six guests and the bomber killed."
    note = not _active(w, k) or w.norms[k].endswith("ed")
    # "Five rebels, among them two commanders who carried a bounty, were killed": the subject before "who"
    # "wounding six, two of whom later died"
    back = _of_whom(w, start, used) or (
        _relative_subject(w, k, start, used) if note and _closed_relative(w, k, start) else None)
    back = back or (_conjoined(w, k, start, used) if note else None) or _count_back(w, k, used)
    if back is None and note:
        back = _relative_subject(w, k, start, used)
    if back is not None:
        value, first = back
        return value, first, k, w.span_text(first, k + 1)
    near = w.before(k, 4 if _did_not_survive(w, k) else 2)
    near = [x for x in near if w.norms[x] not in _NOT_SURVIVING] if _did_not_survive(w, k) else near
    if near and _SINGULAR_SUBJECTS.intersection(w.norms[x] for x in near):  # "he was shot dead", "he died"
        return 1, near[0], k, w.span_text(near[0], k + 1)
    if w.norms[k] == "life" and _life_verb(w, k) is not None:  # "he lost his life", "a guard lost his life"
        verb = _life_verb(w, k) or k
        return 1, verb, k, w.span_text(verb, k + 1)
    subject = _the_one(w, k, start)
    if subject is not None:  # "the 63-year-old driver died at the scene"
        return 1, subject, k, w.span_text(subject, k + 1)
    return None


def _the_one(w: Words, k: int, start: int) -> int | None:
    """The first token of one person the cue at ``k`` tells dead without a number: "the driver died", "a boy was
    hit in the chest and died", "His body was found"."""
    if w.norms[k] == "body" and w.norms[k - 1:k] in (["his"], ["her"]) and k + 1 < len(w.tokens) \
            and (not w.tokens[k + 1].isalpha() or w.norms[k + 1] in _PASSIVE_BEFORE):
        return k - 1  # "His body, with gunshot wounds, was found" (not "his body armour")
    subject = _one_dying(w, k, start)
    return _joined_to_one(w, k) if subject is None else subject


_ONE_PERSON = {"he", "she"}
_JOINED_REACH = 25  # words from "was" to the last verb "and" joins to it


def _joined_to_one(w: Words, k: int) -> int | None:
    """The first token of one person, the subject of "was" and of the death "and" joins to its verb with no
    subject of its own ("A 16-year-old boy selling airtime was hit in the chest and died", "he was dragged off
    a taxi, beaten and burned to death")."""
    verb = _result_verb(w, k)
    x = (k if verb is None else verb) - 1
    while x > 0 and w.norms[x] in _PASSIVE_BEFORE:
        x -= 1  # "and later died"
    if x < 1 or w.norms[x] != "and" or not (w.bases[k] & _DYING or verb is not None or w.norms[k] == "killed"):
        return None
    was = next((y for y in range(x - 1, max(-1, x - _JOINED_REACH), -1)
                if w.norms[y] == "was" or w.tokens[y] in (";", ":", ".")), None)
    if was is None or w.norms[was] != "was" or was < 1:
        return None
    if w.norms[was - 1] in _ONE_PERSON:
        return was - 1
    head = was - 1
    for z in range(head, max(-1, head - 6), -1):
        if w.norms[z] in ("a", "an", "the"):
            opens = z == 0 or w.tokens[z - 1] in (",", ";", ":", "—", "-")
            return z if opens and z < head and not (w.norms[head].endswith("s") and not w.norms[head].endswith("ss")) \
                else None
        if not (w.tokens[z].isalpha() and w.tokens[z].islower() or w.norms[z].endswith("yearold")) \
                or verbal(w.norms[z]) and not w.norms[z].endswith("ing"):
            return None
    return None


_DYING = {"die", "succumb", "perish"}
_SIDE_OWNERS = {"the", "their", "its", "our", "his", "her"}


def _side_at(w: Words, x: int) -> int | None:
    """The token "side" of "on the army's side", "on the government side", "on their side" opening at ``x``:
    whose dead these are, one side of a fight (their count adds to the other side's); None if none opens."""
    if w.norms[x:x + 1] != ["on"]:
        return None
    for y in range(x + 1, min(len(w.tokens), x + 5)):
        if w.norms[y] == "side":
            return y if y > x + 1 and all(w.tokens[z].replace("'", "").replace("’", "").isalpha()
                                          for z in range(x + 1, y)) else None
        if w.norms[y] in _SIDE_OWNERS and y > x + 1:
            return None
    return None


def adds_more(w: Words) -> bool:
    """Whether a sentence counts more dead than some told before it: "Two more died in hospital", "the bodies
    of four more residents", "another two" (not "more than 20")."""
    return any(w.norms[x] == "more" and w.norms[x + 1:x + 2] != ["than"] and x and number(w, x - 1) is not None
               and w.norms[x - 1] not in _SINGLE for x in range(1, len(w.tokens)))


def other_side(w: Words) -> bool:
    """Whether a sentence counts one side's dead as such ("Among the dead on the army's side were two
    soldiers", "On the government side, four soldiers died"): another group than a count before it."""
    return any(_side_at(w, x) is not None for x in range(len(w.tokens)))


def _relative_subject(w: Words, k: int, start: int, used: set[int]) -> tuple[int | None, int] | None:
    """The count of a subject before a relative clause that runs to the cue, with a verb of its own: "Two
    women who had been selling vegetables there were killed" (the clause of "who" holds the main verb)."""
    if start < 1 or w.norms[start] not in ("who", "that") or w.tokens[start - 1] == "," \
            or w.norms[k] in _DEAD_PLURALS:  # "a health worker who counted the bodies": the clause's object
        return None
    v = k
    while v > start and w.norms[v - 1] in _VERB_GROUP:
        v -= 1
    if not any(verbal(w.norms[z]) or w.norms[z] in _VERB_GROUP for z in range(start + 1, v)):
        return None
    back = _count_back(w, start - 1, used)
    # the count just before the relative's noun, or before a part named of it ("five rebels, among them two
    # commanders who ...")
    return back if back is not None and (start - 1 - back[1] <= 3 or any(
        w.norms[z] in ("among", "including") for z in range(back[1], start))) else None


def _of_whom(w: Words, start: int, used: set[int]) -> tuple[int | None, int] | None:
    """The count of a relative clause's subject that is a part of the group before it, its clause opened
    at ``start`` by "whom" ("six passengers, two of whom later succumbed"): (value, first token)."""
    x = start - 2
    if x < 0 or w.norms[start] != "whom" or w.norms[start - 1] != "of" or x in used:
        return None
    got = number(w, x)
    return (got[0], x) if got is not None else None


def _closed_relative(w: Words, k: int, start: int) -> bool:
    """A relative clause at ``start`` closed by a comma just before the cue's verb group ("two commanders
    who carried a bounty of $5,000, were killed"): the subject is before it, not in it."""
    if start < 1 or w.norms[start] not in ("who", "that") or w.tokens[start - 1] == ",":
        return False
    v = k
    while v > start and w.norms[v - 1] in _VERB_GROUP:
        v -= 1
    return v - 1 > start and w.tokens[v - 1] == ","


def _one_dying(w: Words, k: int, start: int) -> int | None:
    """The first token of one person named just before an intransitive "died", "succumbed": an article or
    possessive, up to three lower-case words or ages, a singular noun ("the 63-year-old driver died")."""
    if not w.bases[k] & _DYING and not _did_not_survive(w, k):
        return None
    head = k - 1
    while head > start and (w.norms[head] in _PASSIVE_BEFORE or w.norms[head] in _NOT_SURVIVING
                            and _did_not_survive(w, k)):  # "the driver later died", "did not survive"
        head -= 1
    if w.tokens[head] == ",":  # "the victim, said to be from Ogun State, died": past the aside, and its clause
        head = next((x - 1 for x in range(head - 1, max(0, head - 12), -1) if w.tokens[x] == ","), head)
        start = min(start, w.clause_of(head)[0])
    if head <= start or not (w.tokens[head].isalpha() and w.tokens[head].islower()) or verbal(w.norms[head]) \
            or w.norms[head].endswith("s") and not w.norms[head].endswith("ss"):  # not "the wounded died"
        return None
    for x in range(head - 1, max(start, head - 4) - 1, -1):
        if w.norms[x] in ("the", "a", "an", "his", "her", "their", "its"):
            # the subject, not an object ("wounded in the ambush later died")
            opens = x == start or w.tokens[x - 1] in (",", ";", ":") or w.norms[x - 1] in _AFTER_SPEECH | {"and"}
            return x if opens else None
        if not (w.tokens[x].isalpha() and w.tokens[x].islower() or w.norms[x].endswith("yearold")
                or _possessive(w.tokens[x])):  # "the cafe's owner died"
            return None
    return None


def _possessive(token: str) -> bool:
    """A lower-case noun in the possessive: "cafe's", "farmers'"."""
    stem = token[:-2] if token.endswith(("'s", "’s")) else ""
    return stem.isalpha() and stem.islower()


_BEARING = {"with", "suffer", "sustain", "treat"}  # "taken to hospital with", "suffered", "treated for"


def _borne_by(w: Words, k: int, start: int) -> bool:
    """An injury noun one person bears, the clause's subject "he" or "she": "he was taken to hospital
    with head injuries", "she suffered two stab wounds" is one hurt (a number before it counts wounds)."""
    return (w.norms[k] in ("injury", "injuries", "wound", "wounds") and w.norms[start] in ("he", "she")
            and any(w.bases[x] & _BEARING for x in w.before(k, 6) if x > start))


def _running_totals(w: Words) -> set[int]:
    """Tokens of a running total to the next comma: "bringing to 40 the number of civilians killed this
    month", "bringing the death toll since May to 60": a series' count, not this event's."""
    out: set[int] = set()
    for k in range(len(w.tokens)):
        if w.norms[k] in _BRINGING:
            end = next((x for x in range(k + 1, len(w.tokens)) if w.tokens[x] in (",", ";", ".")), len(w.tokens))
            if any(w.norms[x] in _TOTALS for x in range(k + 1, min(end, k + 6))):
                out.update(range(k, end))
    return out


def _names_the_death(w: Words, first: int, k: int) -> bool:
    """"a revenge killing", "an apparent honour killing": a noun that names a death, with its article;
    the death is the one the sentence counts elsewhere, if it does."""
    return (w.norms[first] in ("a", "an") and w.norms[k] in _DEATH_NOUNS
            and all(w.tokens[z].isalpha() and w.tokens[z].islower() and w.norms[z] not in _VERB_GROUP
                    and not verbal(w.norms[z]) for z in range(first + 1, k)))


def _set_zero(totals: dict[str, int | None], texts: dict[str, str], keys: tuple[str, ...], text: str) -> None:
    for key in keys:
        if key not in totals:
            totals[key], texts[key] = 0, text


# Words that say the one hurt will live: "his life is not in danger", "out of danger", "not life-threatening",
# "escaped with minor injuries" (no one killed; the injuries, if counted, are counted apart).
_NOT_IN_DANGER = (("not", "in", "danger"), ("out", "of", "danger"), ("no", "longer", "in", "danger"))
_NOT_LETHAL = (("not", "lifethreatening"), ("nonlifethreatening",))
_THOUGHT_TO_BE = {"believed", "thought", "considered", "said", "deemed", "to", "be"}
_NO_ONE = {"neither", "none", "nobody", "no"}  # "neither is in a life-threatening condition"
# "eight were injured, none of them seriously", "he was not seriously hurt": beside an injury word
_SEVERE = {"seriously", "badly", "critically", "gravely", "severely"}
_NOT_SERIOUS = (("none", "of", "them", "seriously"), ("none", "seriously"), ("not", "seriously"))
# The first words of the phrases above, where ``_alive`` tries them
_OPENS_NOT_IN_DANGER, _OPENS_NOT_LETHAL, _OPENS_NOT_SERIOUS = ({p[0] for p in phrases} for phrases in (
    _NOT_IN_DANGER, _NOT_LETHAL, _NOT_SERIOUS))
_ESCAPED_WITH = {"injury", "wound", "cut", "bruise", "life", "scratch"}
# "taken to hospital and released", "treated and discharged": the one hurt went home
_LET_GO = {"released", "discharged"}
_CARED = {"hospital", "treated", "treatment", "hospitalised", "hospitalized"}
_SURVIVOR = {"life", "lives", "condition", "he", "she", "they", "man", "woman", "boy", "girl", "child", "victim",
             "officer", "patient", "soldier"}


def _not_lethal(norms: list[str], k: int) -> tuple[int, int] | None:
    """The span of "not life-threatening", "non-life-threatening", "not believed to be life-threatening" at ``k``."""
    for phrase in _NOT_LETHAL if norms[k] in _OPENS_NOT_LETHAL else ():
        if tuple(norms[k:k + len(phrase)]) == phrase:
            return k, k + len(phrase)
    if norms[k] == "lifethreatening" and "not" in norms[max(0, k - 5):k - 1] \
            and set(norms[norms.index("not", max(0, k - 5)) + 1:k]) <= _THOUGHT_TO_BE:
        return max(0, k - 5), k + 1
    return None


def _alive(w: Words) -> str:
    """The words that say the one hurt will live, or ""."""
    norms = w.norms
    for k in range(len(norms)):
        # each phrase is tried only at its first word: a token that opens none is passed at once
        for phrase in _NOT_IN_DANGER if norms[k] in _OPENS_NOT_IN_DANGER else ():
            if tuple(norms[k:k + len(phrase)]) == phrase and _SURVIVOR & set(norms[max(0, k - 4):k]):
                return w.span_text(max(0, k - 2), k + len(phrase))
        lethal = _not_lethal(norms, k)
        if lethal:
            return w.span_text(*lethal)
        if norms[k] == "lifethreatening" and _NO_ONE & set(norms[max(0, k - 6):k]):
            return w.span_text(max(0, k - 6), k + 1)  # "neither is in a life-threatening condition"
        for phrase in _NOT_SERIOUS if norms[k] in _OPENS_NOT_SERIOUS else ():
            if tuple(norms[k:k + len(phrase)]) == phrase \
                    and any(_cue(w, x) == "injury" for x in range(max(0, k - 6), min(len(norms), k + 6))):
                return w.span_text(k, k + len(phrase))
        if norms[k] in _LET_GO and "and" in norms[max(0, k - 3):k] and _CARED.intersection(norms[max(0, k - 6):k]):
            return w.span_text(max(0, k - 6), k + 1)
        if "escape" in w.bases[k] and norms[k + 1:k + 2] == ["with"]:
            what = next((x for x in range(k + 2, min(len(norms), k + 5)) if w.bases[x] & _ESCAPED_WITH), None)
            if what is not None:
                return w.span_text(k, what + 1)
    return ""


# A short bracketed gloss splits a number from its noun, quote marks around a word split its clause, and an
# age set in commas is a number of years ("two ojek (motorcycle taxi) drivers", 27 assailants were "neutralised",
# "a woman, 34, and her son, 9,", "the victims, aged 19 and 22,"): none says how many.
_GLOSS = re.compile(r"\s*[(\[][^()\[\]]{1,40}[)\]]|(?<=[A-Za-z]),\s(?:aged\s)?\d{1,2}(?:(?:,\s|\sand\s)\d{1,2})*,"
                    r"(?=\s)|[\"“”]")


def read_counts(sentence: str | Words, event: int | None = None) -> Counts:
    """Fatalities and injuries the sentence gives (None: it gives no number). With ``event``, the token
    of the sentence's event trigger outside a background clause, a count in such a clause is another,
    earlier event's ("Youths torched a police post after a driver died in custody"): none of its own."""
    w = sentence if isinstance(sentence, Words) else words(sentence)
    if _GLOSS.search(w.text):  # "two ojek (motorcycle taxi) drivers", 27 assailants were "neutralised"
        w = words(_GLOSS.sub(lambda m: " " if m.group(0) in '"“”' else "", w.text))
    totals: dict[str, int | None] = {}
    texts: dict[str, str] = {}
    running = _running_totals(w)
    used: set[int] = set(running)  # a running total's number counts nothing else
    hurt: set[int] = set()  # the tokens injury counts took
    tolls: list[tuple[int, str]] = []  # "the death toll rose to 7": the total, whatever else is counted
    naming: list[tuple[int | None, str]] = []  # "a revenge killing": the death, if nothing else counts it
    for k in range(len(w.tokens)):
        if k in running or event is not None and _before_event(w, k, event):
            continue
        kind = _cue(w, k)
        if kind is None:
            _unhurt(w, k, totals, texts)
            continue
        # "the collapse that killed 15 people in November": another event's dead; "The death of a rider in a
        # crash set off the riot": what the event grew out of
        past = _earlier_event(w, k) or _a_cause(w, k)
        if past:
            used.update(range(k, past))
            continue
        zero = _zero(w, k)
        if zero is not None:
            _zeros(w, k, kind, zero, totals, texts)
            continue
        found = _count_of_kind(w, k, kind, used, hurt)
        if found is not None:
            value, first, last, text = found
            used.update(range(first, last + 1))
            if kind == "injury":
                hurt.update(range(first, last + 1))
            if kind == "fatal" and _names_the_death(w, first, k):
                naming.append((value, text))
                continue
            if _another_figure(w, k, kind, value, text, totals, tolls):
                continue
            if _part_counted(w, first, last, totals.get(kind), value):
                continue  # "killed three farmers, beheading two of them": the two are among the three
            _add(totals, texts, kind, value, text)
    _settle(w, totals, texts, tolls, naming)
    return Counts(totals.get("fatal"), texts.get("fatal", ""), totals.get("injury"), texts.get("injury", ""))


def _another_figure(w: Words, k: int, kind: str, value: int | None, text: str, totals: dict[str, int | None],
                    tolls: list[tuple[int, str]]) -> bool:
    """A toll's count noted in ``tolls`` (the total, whatever else is counted); whether it is a source's own
    figure beside one told before it, no count ("killed 20, a rights group said; police put the toll at 14")."""
    if kind != "fatal" or w.norms[k] != "toll" or value is None:
        return False
    if w.norms[_toll_verb(w, k, len(w.tokens))] != "at":
        tolls.append((value, text))
        return False
    return totals.get("fatal") is not None


_RELATIVE = {"that", "which"}


def _before_event(w: Words, k: int, event: int) -> bool:
    """A cue at ``k`` in a background clause with a subject and verb of its own ("hours after a resident
    was shot dead", "after a taxi driver died in custody"), the event's trigger at ``event`` outside it:
    what came before the event, not its toll. Not "after killing two" (the event's own act) nor "after
    clashes that killed two" (an event named, which may be the one the sentence tells)."""
    if k not in w.background or event in w.background:
        return False
    opener = k
    while opener - 1 in w.background and w.tokens[opener - 1] not in (",", ";"):
        opener -= 1
    between = range(opener + 1, k + 1)
    return opener + 1 < k and not verbal(w.norms[opener + 1]) \
        and not any(w.norms[x] in RELATIVE for x in between) \
        and any(verbal(w.norms[x]) and x > opener + 1 for x in between)


# Verbs a death names what set off: "The death of a rider set off the trouble", "the killing of a student sparked"
_CAUSING = {"set", "spark", "trigger", "touch", "prompt", "provoke", "ignite", "cause", "fuel", "lead", "unleash"}
_CAUSE_REACH = 14  # words from the death to its verb: "The death of a rider in a road accident on Monday night set"


def _a_cause(w: Words, k: int) -> int:
    """The end of a subject that names a death as what set the event off ("The death of a boda-boda rider in a
    road accident set off the trouble", "The killing of a trader by police sparked two days of protests"): the
    cause's dead, not the event's; 0 when it is none."""
    death = w.norms[k] in _DEATH_NOUNS or w.norms[k][:-1] in _DEATH_NOUNS  # "the deaths of"
    if not death or w.norms[k + 1:k + 2] != ["of"] or not k or w.norms[k - 1] != "the":
        return 0
    start = w.clause_of(k)[0]
    if k - 1 > start and w.tokens[k - 2] not in (",", ";", ":", "—", "-"):
        return 0  # the subject opens its clause
    for x in range(k + 2, min(len(w.tokens), k + _CAUSE_REACH)):
        if w.tokens[x] in (",", ";", ".") or _cue(w, x):
            return 0
        if verbal(w.norms[x]) and not w.norms[x].endswith("ing") and w.tokens[x].islower():
            return x if w.bases[x] & _CAUSING and w.norms[x - 1] not in _PASSIVE_BEFORE else 0
    return 0


_LAST = {"year", "month", "week", "summer", "winter", "spring", "autumn"}


def _year(w: Words, i: int, end: int) -> bool:
    return i < end and w.norms[i].isdigit() and w.tokens[i][0].isdigit() and 1900 <= int(w.norms[i]) <= 2100


def _earlier_event(w: Words, k: int) -> int:
    """The end of a relative clause on a cue that tells another event with a time of its own: "the
    collapse that killed 15 people in November", "the fire which killed 30 last year", "the bombing that
    had killed nine in 2019", "a student who was shot dead last month", "the attack in May 2019, in which a
    cleric was killed" (the event the sentence
    reports has its own day); 0 when it is none."""
    end = next((z for z in range(k + 1, len(w.tokens)) if w.tokens[z] in (",", ";", ".", ":")), len(w.tokens))
    verb = _result_verb(w, k)  # "who was shot dead"
    x = (k if verb is None else verb) - 1
    while x > 0 and w.norms[x] in ("had", "has", "have", "was", "were", "been"):
        x -= 1
    if x >= 0 and (w.norms[x] in _RELATIVE or w.norms[x] == "who" and x < k - 1):  # "that killed 15 in November"
        # "the linebacker who was killed in a crash last month"
        return end if any(_past_time(w, z, end) for z in range(k + 1, end)) else 0
    # "..., in which a cleric was killed", "..., during which 40 people died": a time just before the comma
    opener = next((z for z in range(k - 1, max(-1, k - 9), -1) if w.norms[z] == "which"), None)
    if opener is None or opener < 2 or w.norms[opener - 1] not in ("in", "during") or w.tokens[opener - 2] != ",":
        return 0
    comma = opener - 2
    return end if any(_past_time(w, z, comma, year_only=True) for z in range(max(0, comma - 4), comma)) else 0


def _past_time(w: Words, z: int, end: int, year_only: bool = False) -> bool:
    """A time of its own at ``z``: "in November", "in 2019", "in May 2019", "last year", "two years ago"."""
    nxt = w.norms[z + 1] if z + 1 < end else ""
    if w.norms[z] == "in" and (_year(w, z + 1, end) or nxt == MONTH and (not year_only or _year(w, z + 2, end))):
        return True
    return w.norms[z] == "last" and nxt in _LAST or w.norms[z] in ("years", "months") and nxt == "ago"


def _zeros(w: Words, k: int, kind: str, zero: int, totals: dict[str, int | None], texts: dict[str, str]) -> None:
    """The zeros a negated cue at ``k`` gives, its negation at ``zero`` ("nobody was hurt", "injuring
    nobody")."""
    if w.norms[k] == "toll":
        return  # "the office gave no death toll": no number given, not nobody killed
    keys = ("fatal", "injury") if kind == "both" else (kind,)
    if kind == "injury" and _SEVERE.intersection(w.norms[zero:k]):
        keys = ("fatal",)  # "nobody was seriously hurt": some may be, lightly; none died
    end = k + 1 if zero < k else k + 2 + (w.norms[k + 1] == "no")  # "injuring nobody", "killing no one"
    _set_zero(totals, texts, keys, w.span_text(zero, end))


def _unhurt(w: Words, k: int, totals: dict[str, int | None], texts: dict[str, str]) -> None:
    """"Unharmed" (neither killed nor hurt), "survived" (not killed) at ``k``."""
    if w.norms[k] in _UNHURT or w.norms[k] in _SURVIVED:
        keys = ("fatal",) if w.norms[k] in _SURVIVED else ("fatal", "injury")
        _set_zero(totals, texts, keys, w.span_text(max(0, k - 3), k + 1))
    end = _nobody_there(w, k)
    if end:  # "Nobody was in the building at the time": no one to kill or hurt
        _set_zero(totals, texts, ("fatal", "injury"), w.span_text(k, end))


_THERE = {"in", "inside", "at", "aboard"}


def _nobody_there(w: Words, k: int) -> int:
    """The end of "nobody was in the building", "no one was inside" opening at ``k`` (nobody was where the
    blast or fire struck), or 0."""
    after = k + 2 if w.norms[k:k + 2] == ["no", "one"] else k + 1 if w.norms[k] in ("nobody", "noone") else 0
    if not after or w.norms[after:after + 1] not in (["was"], ["were"]) or w.norms[after + 1:after + 2] == [] \
            or w.norms[after + 1] not in _THERE:
        return 0
    return min(len(w.tokens), after + 4)


def _count_of_kind(w: Words, k: int, kind: str, used: set[int], hurt: set[int]
                   ) -> tuple[int | None, int, int, str] | None:
    """The count a cue of ``kind`` gives; the wounded who later died may be those already counted."""
    found = _count(w, k, used) if kind != "both" else None
    if found is None and kind == "fatal" and _of_wounds(w, k):
        found = _count(w, k, used - hurt)  # the wounded who died: no count of their own
        if found is not None and any(w.norms[x] == "and" or w.tokens[x] == "," for x in range(found[1], k)):
            found = None  # "six were injured, and the gunman later died": not the six
    if found is not None and _made_it(w, k) and found[3].endswith(w.tokens[k]):
        found = (*found[:3], found[3] + w.text[w.ends[k]:w.ends[k + 1]])  # "did not make it"
    return found


def _settle(w: Words, totals: dict[str, int | None], texts: dict[str, str], tolls: list[tuple[int, str]],
            naming: list[tuple[int | None, str]]) -> None:
    """The sentence's last word on its counts: a toll is the total, a noun naming the death counts
    only alone, the one hurt who will live is no death, and nobody hurt is nobody killed."""
    if tolls:
        totals["fatal"], texts["fatal"] = max(tolls)
    if naming and "fatal" not in totals:
        totals["fatal"], texts["fatal"] = naming[0]
    alive = _alive(w)
    if alive:
        _set_zero(totals, texts, ("fatal",), alive)
    if totals.get("injury") == 0 and "fatal" not in totals:  # "nobody was hurt": nobody was killed either
        totals["fatal"], texts["fatal"] = 0, texts["injury"]


def _add(totals: dict[str, int | None], texts: dict[str, str], kind: str, value: int | None, text: str) -> None:
    """Counts of one kind in one sentence add up; a vague one keeps the total unknown."""
    if kind in totals and totals[kind] == 0 and texts.get(kind, "").startswith(("no", "No", "without")):
        totals.pop(kind)
    if kind not in totals:
        totals[kind], texts[kind] = value, text
        return
    previous = totals[kind]
    totals[kind] = None if previous is None or value is None else previous + value
    texts[kind] = f"{texts[kind]}; {text}"
