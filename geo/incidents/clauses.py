"""The words of a sentence and what its clauses assert, for event typing.

A sentence becomes ``Words``: its tokens with their base forms (``bases``: "fired" may be
"fire", "shots" "shot" and "shoot", "were beaten" "beat"), hyphens dropped ("shoot-out" is
"shootout"), and each token's clause (``segment``: a new one at ";", brackets and words such as
"which", "after", "when", "if"). Phrases from the tables (``compile_phrases``) match on base
forms. Whether a trigger is asserted and who acts and who is acted on are read in two ways: by
token windows (``window_asserted``, ``window_roles``), which serve ``--fast``; and, where a
dependency parse is given, from the tree (``tree_asserted``, ``tree_roles``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from geo.incidents.dates import LONG_SPANS
from geo.recognition import headline_case

# A number in thousands ("1,200") is one token; a word with its hyphens or apostrophes; a sign.
_TOKEN = re.compile(r"\d{1,3}(?:,\d{3})+(?![\d,])|\w+(?:[-'’]\w+)*|[^\w\s]")
MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"}
MONTH = "<month>"  # a month's name in title case, never the word "march" or the modal "may"
GAP = 4  # "..." in a phrase: up to this many words between
# A match's score ("beat France 27-19", "a 3-2 win"): a word of sport, as the table's @sports lists it
SCORE = "<score>"
_SCORE = re.compile(r"\d{1,3}-\d{1,3}$")
_SCORED = {"win", "wins", "victory", "defeat", "draw", "loss", "won", "lost", "drew", "beat", "beaten", "defeated",
           "lead", "led", "trailing", "trail", "thrashing", "rout", "scoreline", "aggregate"}

# Past forms and plurals the suffix rules cannot undo.
IRREGULAR = {
    "shot": "shoot", "fought": "fight", "beaten": "beat", "threw": "throw", "thrown": "throw", "struck": "strike",
    "took": "take", "taken": "take", "stole": "steal", "stolen": "steal", "blew": "blow", "blown": "blow",
    "overran": "overrun", "fled": "flee", "burnt": "burn", "broke": "break", "broken": "break", "tore": "tear",
    "torn": "tear", "slew": "slay", "slain": "slay", "hid": "hide", "hidden": "hide", "withdrew": "withdraw",
    "withdrawn": "withdraw", "drove": "drive", "driven": "drive", "overtook": "overtake", "retook": "retake",
    "retaken": "retake", "seized": "seize", "laid": "lay", "lay": "lie", "died": "die", "dying": "die",
    "men": "man", "women": "woman", "children": "child", "people": "person", "held": "hold", "caught": "catch",
    "brought": "bring", "went": "go", "gone": "go", "sought": "seek", "met": "meet", "left": "leave", "lost": "lose",
    "began": "begin", "begun": "begin", "rang": "ring", "shook": "shake", "shaken": "shake", "fell": "fall",
    "fallen": "fall", "made": "make", "said": "say", "told": "tell", "came": "come", "ran": "run", "rode": "ride",
    "hit": "hit", "set": "set", "put": "put", "hurt": "hurt", "cut": "cut", "beat": "beat", "spread": "spread",
    "sent": "send",
    "stood": "stand", "wrote": "write", "written": "write", "spoke": "speak", "spoken": "speak", "led": "lead",
    "forbade": "forbid", "forbidden": "forbid", "bled": "bleed", "fed": "feed", "found": "find", "built": "build",
    "pled": "plead", "wounded": "wound", "sat": "sit", "mice": "mouse", "feet": "foot", "teeth": "tooth",
    "knives": "knife", "wives": "wife", "lives": "life", "thieves": "thief", "militiamen": "militiaman",
    "mistook": "mistake", "mistaken": "mistake", "dug": "dig", "grew": "grow", "grown": "grow",
}
_NOUNS = ("man", "woman", "child", "person", "mouse", "foot", "tooth", "knife", "wife", "life", "thief", "militiaman")
_IRREGULAR_PAST = {w for w, b in IRREGULAR.items() if b not in _NOUNS}
_IRREGULAR_PLURALS = {w for w, b in IRREGULAR.items() if b in _NOUNS}


def plural(word: str) -> bool:
    """A plural noun form, regular or not: "riders", "men", "policemen", "children" (not "press")."""
    return word.endswith("s") and not word.endswith("ss") or word.endswith("men") or word in _IRREGULAR_PLURALS


# Words that end like an inflection but are words of their own: "firefighting" is no firefight.
LEXICALISED = {"firefighting", "firefighter", "firefighters", "bombshell", "bombshells", "shellfish"}


# Stems that take "-es" in the plural or the third person ("clashes", "marches", "buses", "heroes"); "routes"
# is no "rout", "fires" no "fir"
_ES_STEMS = ("s", "x", "z", "ch", "sh", "o")


@lru_cache(maxsize=100_000)
def bases(word: str) -> frozenset[str]:
    """The forms a lower-case word may be an inflection of, itself included."""
    if word in LEXICALISED:  # its plural is its own word's ("firefighters": firefighter)
        return frozenset((word, word[:-1])) if word.endswith("s") else frozenset((word,))
    out = {word}
    stems = [word]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        stems += [word[:-1]] + ([word[:-2]] if word.endswith("es") and word[:-2].endswith(_ES_STEMS) else [])
        if word.endswith("ies"):
            stems.append(word[:-3] + "y")
    for w in stems:
        out.add(w)
        if len(w) > 4 and w.endswith("ed"):
            out.update((w[:-2], w[:-1]))
            if w[-3] == w[-4]:
                out.add(w[:-3])  # stabbed, kidnapped
            if w.endswith("ied"):
                out.add(w[:-3] + "y")
        if len(w) > 5 and w.endswith("ing"):
            stem = w[:-3]
            out.update((stem, stem + "e"))
            if stem[-1] == stem[-2]:
                out.add(stem[:-1])  # shelling is shell, but also stopping is stop
        if w.endswith("men"):
            out.add(w[:-3] + "man")  # policemen
    out.update([IRREGULAR[w] for w in out if w in IRREGULAR])
    out.update(v for w in list(out) for v in spellings(w))
    return frozenset(out)


# British and American spellings of one word, by the endings that differ: a table lists a word once and
# matches it either way ("neighbour": neighbors; "mobilise": mobilized; "centre": center; "traveller": traveler).
_SPELLING_PAIRS = (("our", "or"), ("ourhood", "orhood"), ("ourer", "orer"), ("ise", "ize"), ("isation", "ization"),
                   ("yse", "yze"), ("tre", "ter"), ("ogue", "og"), ("gramme", "gram"), ("eller", "eler"),
                   ("ipper", "iper"))
_SPELLING_STEM = 3  # letters before the ending: "hour", "door" and "prize" keep theirs
_SPELLING_SHORT = (("fence", "fense"), ("cence", "cense"))  # "defence", "offence", "licence": two letters before
# Each ending, both ways, with the other ending and the letters it needs before it; read by the ending's length
_OTHER_ENDING = {have: (other, stem) for pairs, stem in ((_SPELLING_PAIRS, _SPELLING_STEM), (_SPELLING_SHORT, 2))
                 for uk, us in pairs for have, other in ((uk, us), (us, uk))}
_ENDING_LENGTHS = sorted({len(e) for e in _OTHER_ENDING})


def spellings(word: str) -> tuple[str, ...]:
    """The word in the other spelling, British or American, when its ending has one."""
    out = []
    for n in _ENDING_LENGTHS:
        found = _OTHER_ENDING.get(word[-n:])
        if found is not None and len(word) - n >= found[1]:
            out.append(word[:-n] + found[0])
    return tuple(out)


def verbal(word: str) -> bool:
    """An inflected verb form: -ed, -ing or an irregular past ("fired", "firing", "shot")."""
    return word.endswith(("ed", "ing")) or word in _IRREGULAR_PAST


@lru_cache(maxsize=100_000)
def normal(word: str) -> str:
    """Lower case, hyphens and apostrophes dropped: "Shoot-out" is "shootout"."""
    return word.lower().replace("-", "").replace("'", "").replace("’", "")


_SEGMENT_PUNCT = {";", ":", "(", ")", "[", "]", "—", "–", '"', "“", "”"}
SUBORDINATORS = {"which", "who", "whom", "whose", "while", "whereas", "but", "although", "though", "after",
                 "when", "before", "because", "since", "where", "amid", "amidst", "following", "during", "as",
                 "until", "unless", "if", "whether", "despite"}
CONDITIONAL = {"if", "unless", "whether"}
REASON_PREPOSITIONS = {"for", "of"}
# Spans of time: "a night of rioting", "three days of fighting", "stood for two hours": how long an act went on,
# no charge ("arrested for attacking", "accused of rioting"); base forms, a token's bases meet them
DURATIONS = {"minute", "hour", "day", "night", "week", "weekend", "month", "year", "evening", "morning", "afternoon"}
RELATIVE = {"who", "which", "that", "whom"}


@dataclass
class Words:
    """A sentence's tokens: text, character offsets, normal form, base forms and clause."""

    text: str
    tokens: list[str]
    starts: list[int]
    ends: list[int]
    norms: list[str]
    bases: list[frozenset[str]]
    segments: list[int]  # each token's clause
    segment_starts: list[int]  # the first token of each run of one clause's tokens
    attributions: frozenset[int] = frozenset()  # clauses that say who said it (", police said")
    background: frozenset[int] = frozenset()  # tokens of clauses that tell what came before ("after clashes")
    headline: bool = False  # most longer words capitalised: "Car Bomb Kills 20 in Baghdad"
    past: frozenset[int] = frozenset()  # tokens of a clause about a past event named by its year (``_named_past``)
    unreal: frozenset[int] = frozenset()  # tokens of a counterfactual or a refuted claim (``_unreal``)
    _runs: list[tuple[int, int]] = field(default_factory=list, repr=False)

    @cached_property
    def held(self) -> frozenset[str]:
        """Every base form of every token: what a phrase's words are tested against before it is matched."""
        return frozenset().union(*self.bases)

    def segment_of(self, i: int) -> tuple[int, int]:
        """The run of tokens of one clause around token i."""
        if not self._runs:  # computed once: phrase matching asks for every token
            for run, start in enumerate(self.segment_starts):
                end = self.segment_starts[run + 1] if run + 1 < len(self.segment_starts) else len(self.tokens)
                self._runs.extend([(start, end)] * (end - start))
        return self._runs[i]

    def clause_of(self, i: int) -> tuple[int, int]:
        """The span of token i's clause, across a clause set inside it by commas ("Two aid workers,
        who had been handing out food, were shot dead"); ``same_clause`` tells its own tokens."""
        seg = self.segments[i]
        return self.segments.index(seg), len(self.segments) - self.segments[::-1].index(seg)

    def same_clause(self, i: int, k: int) -> bool:
        return self.segments[i] == self.segments[k]

    def before(self, i: int, n: int) -> list[int]:
        """Up to n tokens of i's clause before it, nearest last, the clauses set inside it skipped."""
        start = self.clause_of(i)[0]
        out = [k for k in range(i - 1, start - 1, -1) if self.segments[k] == self.segments[i]][:n]
        return out[::-1]

    def span_text(self, i: int, j: int) -> str:
        return self.text[self.starts[i]:self.ends[j - 1]]


# Openers of a clause that tells what came before the event, its background: "Police arrested 20
# people after clashes", "Following the attack, ...", "detained two men over the attack". Such a
# clause runs to the next comma or clause. So does a relative clause in the past perfect ("militias whose
# fighters had clashed last month signed a truce"), up to the main clause's verb.
BACKGROUND_OPENERS = {"after", "following", "since", "before"}
# "before dawn", "after midnight" tell when the event happened, not what came before it
TIMES_OF_DAY = {"dawn", "daybreak", "sunrise", "sunset", "dusk", "nightfall", "midnight", "noon", "midday"}
# Participles after a comma that tell what the event brought to an end (", ending three days of clashes") or
# the reason given for it (", citing near-daily shelling")
BACKGROUND_PARTICIPLES = {"ending", "citing"}
# "amid clashes" and "as fighting intensified" tell the circumstances of the event, not the event: "as"
# opens such a clause when a verb of spreading or lasting ends it (not "as police fired on the crowd")
CIRCUMSTANCE_OPENERS = {"amid", "amidst"}
SPREADING = {"intensify", "escalate", "rage", "spread", "continue", "worsen", "mount", "grow", "flare", "persist",
             "drag", "deepen", "heighten", "resume"}
BACKGROUND_PHRASES = (("in", "the", "wake", "of"), ("in", "response", "to"), ("in", "retaliation", "for"),
                      ("in", "connection", "with"), ("on", "suspicion", "of"), ("over", "the"), ("over", "a"),
                      ("over", "an"), ("over", "last"))
_PHRASE_HEADS = {p[0] for p in BACKGROUND_PHRASES}
_CLAUSE_STOPS = {",", ";", ".", "!", "?"}


def _background(norms: list[str], tokens: list[str], segment_starts: list[int]) -> frozenset[int]:
    """The tokens of background clauses: from an opener to the next comma, clause or end."""
    out: set[int] = set()
    ends = set(segment_starts)
    for i, norm in enumerate(norms):
        if norm in BACKGROUND_OPENERS:
            opens = not (norm == "following" and i and norms[i - 1] in _DETERMINERS)  # not "the following day"
            opens = opens and not (i + 1 < len(norms) and norms[i + 1] in TIMES_OF_DAY)  # "before dawn": when
        elif norm in BACKGROUND_PARTICIPLES:
            opens = bool(i) and tokens[i - 1] == ","
        elif norm in CIRCUMSTANCE_OPENERS:
            opens = True
        elif norm == "as":
            opens = _spreads(norms, tokens, i)
        else:
            opens = norm in _PHRASE_HEADS and any(tuple(norms[i:i + len(p)]) == p for p in BACKGROUND_PHRASES)
        if not opens or i in out:
            continue
        phrase = norm in _PHRASE_HEADS and norm not in BACKGROUND_OPENERS
        k = i
        while k < len(tokens) and (k == i or k not in ends) and tokens[k] not in _CLAUSE_STOPS:
            if phrase and k > i + 2 and _main_verb(norms, tokens, k):
                break  # "a crowd angry over the killing of a volunteer torched two jeeps": the crowd's act
            out.add(k)
            k += 1
    for i, norm in enumerate(norms):
        if norm in INNER_OPENERS and i not in out:
            out.update(_perfect_relative(norms, tokens, i))
    return frozenset(out)


# A background phrase ("over the killing of ...") is a noun phrase, no clause: a past verb after it that takes
# an object ("torched two jeeps", "stormed the office") is the sentence's own verb, where the phrase ends
_OBJECT_NUMBERS = {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozens",
                   "several", "hundreds", "scores"}


_PARTICLES = {"off", "up", "out", "down"}  # "went off", "blew up": a phrasal verb, whatever follows it


def _main_verb(norms: list[str], tokens: list[str], k: int) -> bool:
    return (verbal(norms[k]) and not norms[k].endswith("ing") and k + 1 < len(tokens)
            and (norms[k + 1] in _DETERMINERS or norms[k + 1] in _OBJECT_NUMBERS or tokens[k + 1][:1].isdigit()
                 or norms[k + 1] in _PARTICLES and norms[k - 1] not in _PASSIVE_AUX))


YEAR_TOKEN = re.compile(r"(?:1[0-9]|20)\d\d(?:-\d\d(?:\d\d)?)?$")
_PAST_OPENERS = {"which", "when", "where", "whom"}
_PAST_REACH = 5  # words from the year to the event's head: "the 1995 Srebrenica massacre"
# ... and to its relative clause: "the 1995 Srebrenica massacre, in which", "the 2023 attack on police in X, in which"
_RELATIVE_REACH = 10
# Relative pronouns right after a noun ("the group that fought ...", "a man who led ...", "the spot where troops
# fired on ..."); not "said that"
_NOUN_RELATIVES = {"that", "who", "whom", "where"}


def _named_past(norms: list[str], tokens: list[str]) -> frozenset[int]:
    """The relative clause that tells a past event named by its year, which news only recalls: "the
    anniversary of the 1941 massacre, in which German troops shot thousands", or dated in it by its own year
    ("the massacre, in which troops killed 8,000 men in July 1995"), as is a relative clause that says who
    someone is by a deed of a dated past ("the group that fought in the valley in 2001", "the villagers who were
    killed when troops attacked on April 16, 1993"); and what happened many years before ("70 years after troops
    overran the garrison", "108 years since the battle in which ...", "the soldiers who stormed the beaches 80 years
    ago"). Each to the next comma or clause stop; and the event the year names ("the 1982 Hama massacre")."""
    out: set[int] = set()
    for i in range(len(tokens) - 2):
        if norms[i] == "the" and YEAR_TOKEN.match(tokens[i + 1]):
            out.update(_year_named(norms, tokens, i))
        elif norms[i] == "the" and norms[i + 1] == MONTH and YEAR_TOKEN.match(tokens[i + 2]):
            out.update(_year_named(norms, tokens, i + 1))  # "the September 2023 attack, in which"
    for k in range(2, len(tokens)):
        if norms[k] in _PAST_OPENERS and "," in (tokens[k - 1], tokens[k - 2]):
            start = k - 1 if tokens[k - 1] != "," else k  # ", in which ..." and ", when ..."
            end = _clause_end(tokens, k)
            after_year = tokens[k - 1] == "," and k > 2 and (
                YEAR_TOKEN.match(tokens[k - 2]) is not None and norms[k - 3] in ("in", "of", "to", "since", "until")
                or norms[k - 3:k - 1] == ["last", "year"] or norms[k - 3:k - 1] == ["years", "ago"])
            if _dated_past(tokens, norms, k + 2, end) or after_year:
                # "..., in which troops killed 8,000 men in July 1995"; "a police officer in 2022, when a bomb was
                # left"; "unlike last year, when police arrested a hundred"
                out.update(range(start, end))
        elif norms[k] in _NOUN_RELATIVES and tokens[k - 1].isalpha() and not verbal(norms[k - 1]):
            end = _clause_end(tokens, k)  # "the guerrilla group that fought in the valley in 2001": who it is
            if _dated_past(tokens, norms, k + 2, end):
                # to its date: the main verb may follow with no comma ("... in 2001 killed 12 people on Tuesday")
                dated = _dating_end(tokens, norms, k + 2, end)
                out.update(range(k, dated))
                if dated == end and norms[end + 1:end + 2] and norms[end + 1].endswith("ing") \
                        and verbal(norms[end + 1]) and tokens[end] == ",":
                    out.update(range(end, _clause_end(tokens, end + 1)))  # "... on May 4, 1970, killing four"
        elif norms[k] in _SPAN_FROM and norms[k - 1] in LONG_SPANS and norms[k - 2] not in _FEW:
            out.update(range(k, _recalled_end(tokens, norms, k)))  # "70 years after troops overran the garrison"
    return frozenset(out)


_SPAN_FROM = {"after", "before", "since"}  # "70 years after", "108 years since the battle"
_COORDINATING = {"and", "but", "while"}


def _recalled_end(tokens: list[str], norms: list[str], k: int) -> int:
    """The end of what a span of years at token k recalls: its clause, or, where the event is told by a relative
    clause ("108 years since the battle in which troops, fighting in deep snow, held off an offensive"), that
    clause with its asides, up to a stop or a comma before a coordinator."""
    end = _clause_end(tokens, k)
    if not any(norms[x] in _PAST_OPENERS for x in range(k + 1, end)):
        return end
    return next((e for e in range(end, len(tokens)) if tokens[e] in _CLAUSE_STOPS and tokens[e] != ","
                 or tokens[e] == "," and norms[e + 1:e + 2] and norms[e + 1] in _COORDINATING), len(tokens))


def _year_named(norms: list[str], tokens: list[str], i: int) -> set[int]:
    """After "the YEAR" at token i: the event the year names ("a study of the 1982 Hama massacre", "the 1999
    NATO bombing"), up to its first word in lower case, and its relative clause ("the 1995 massacre, in which")."""
    out: set[int] = set()
    for k in range(i + 2, min(len(tokens), i + 2 + _RELATIVE_REACH)):
        if norms[k] in _PAST_OPENERS:
            k = k - 1 if norms[k - 1] in ("in", "during", "on", "at", "of") else k
            end = next((e for e in range(k + 1, len(tokens)) if tokens[e] in _CLAUSE_STOPS), len(tokens))
            out.update(range(k, end))
            break
        if tokens[k] in _CLAUSE_STOPS and tokens[k] != ",":
            break
    head = next((h for h in range(i + 2, min(len(tokens), i + 2 + _PAST_REACH)) if not tokens[h][:1].isupper()),
                None)
    if head is not None and tokens[head].isalpha():
        out.update(range(i + 2, head + 1))
    return out


def _dating_end(tokens: list[str], norms: list[str], a: int, b: int) -> int:
    """The token after the last word that dates a clause in tokens a..b (its year, or "ago"), else b."""
    dated = [y + 1 for y in range(max(a, 2), b) if _dated_year(tokens, norms, y) or norms[y] == "ago"]
    return max(dated, default=b)


def _dated_past(tokens: list[str], norms: list[str], a: int, b: int) -> bool:
    """Whether tokens a..b date a clause in a past of its own: a year ("in July 1995", "in 1993") or many years
    ago ("who stormed the beaches 80 years ago", "decades ago"; not "two years ago")."""
    return any(_dated_year(tokens, norms, y) for y in range(max(a, 1), b)) \
        or any(norms[y] == "ago" and norms[y - 1] in LONG_SPANS
               and (norms[y - 1] != "years" or norms[y - 2] not in _FEW) for y in range(max(a, 2), b))


# A counterfactual: a modal perfect ("would have been flattened", "could have been prevented") with a condition
# told by "had" before its subject ("had the navy kept shelling it", "Had troops fired, ...")
_UNREAL_MODALS = {"would", "could", "might", "should"}
_PERFECT_REACH = 5  # words from the modal to the condition's "had": "could have been prevented had"
_HAD_NOT_INVERTED = {"been", "to", "not", "never", "already", "just", "also", "long", "only", "since", "once",
                     "repeatedly", "previously", "earlier", "recently", "reportedly", "allegedly"}
# A claim refuted by its own sentence: "A report that gunmen had ambushed a convoy ... was false", "Early
# reports that a bomb had exploded ... were wrong"
_CLAIM_NOUNS = {"report", "reports", "claim", "claims", "rumour", "rumours", "rumor", "rumors", "allegation",
                "allegations", "story", "stories", "suggestion", "suggestions", "post", "posts"}
_COPULAS = {"was", "were", "is", "are", "proved", "proven", "been"}
_FALSE = {"false", "wrong", "untrue", "unfounded", "baseless", "groundless", "fake", "fabricated", "incorrect",
          "inaccurate", "erroneous", "mistaken", "misleading"}

# Verbs that reject a claim: "rejecting claims by a rights group that guards had opened fire"
_REJECTING = {"reject", "deny", "dismiss", "refute", "rebut", "contradict", "disprove"}
_CLAIMANT_REACH = 6  # words from the claim noun to its "that": "claims by a local rights group that"


def _unreal(norms: list[str], tokens: list[str]) -> frozenset[int]:
    """Tokens of clauses that tell what did not happen: the condition of a counterfactual ("the old town would
    have been flattened had the navy kept shelling it"), to its clause's end; and a claim its own sentence calls
    false ("a report that gunmen had ambushed a convoy ... was false"), from "that" to the verdict."""
    out: set[int] = set()
    perfect = any(norms[k] in _UNREAL_MODALS and "have" in norms[k + 1:k + 3] for k in range(len(norms) - 1))
    for k, norm in enumerate(norms):
        if perfect and norm == "had" and k + 1 < len(norms) and tokens[k + 1].isalpha() \
                and norms[k + 1] not in _HAD_NOT_INVERTED and not verbal(norms[k + 1]) \
                and (k == 0 or tokens[k - 1] == "," or any(norms[m] in _UNREAL_MODALS and norms[m + 1] == "have"
                                                         for m in range(max(0, k - _PERFECT_REACH), k - 1))):
            out.update(range(k, _clause_end(tokens, k)))
        if norm in _CLAIM_NOUNS and k + 1 < len(norms) and norms[k + 1] == "that":
            for c in range(k + 2, len(norms) - 1):
                if tokens[c] in (";", ".", "?", "!"):
                    break
                if norms[c] in _COPULAS and (norms[c + 1] in _FALSE or norms[c + 1].endswith("ly")
                                             and norms[c + 2:c + 3] and norms[c + 2] in _FALSE):
                    out.update(range(k + 1, c))
                    break
        if norm in _CLAIM_NOUNS and any(bases(norms[r]) & _REJECTING for r in range(max(0, k - 2), k)):
            that = next((c for c in range(k + 1, min(len(norms), k + _CLAIMANT_REACH + 1))
                         if norms[c] == "that" or tokens[c] in _CLAUSE_STOPS), None)
            if that is not None and norms[that] == "that":  # "rejecting claims by a rights group that ..."
                out.update(range(that, _clause_end(tokens, that)))
    return frozenset(out)


def _clause_end(tokens: list[str], k: int) -> int:
    """The next clause stop after token k; the comma inside a number ("8,000") or a date ("April 16, 1993")
    is none."""
    return next((e for e in range(k + 1, len(tokens)) if tokens[e] in _CLAUSE_STOPS
                 and not (tokens[e] == "," and tokens[e - 1].isdigit() and tokens[e + 1:e + 2]
                          and tokens[e + 1][0].isdigit())), len(tokens))


def _dated_year(tokens: list[str], norms: list[str], y: int) -> bool:
    """A year at token y that dates its clause: "in 1993", "in July 1995", "of 1992", "on April 16, 1993"."""
    return bool(YEAR_TOKEN.match(tokens[y])) and (
        norms[y - 1] in _PAST_DATING
        or y >= 3 and tokens[y - 1] == "," and tokens[y - 2].isdigit() and norms[y - 3] == MONTH)


_PAST_DATING = {"<month>", "in", "of"}  # "in July 1995", "in 1993": a clause's own year (a month's norm is <month>)
_FEW = {"a", "one", "1", "two", "2", "few", "several"}  # "two years after" may still be news of the report's war


def _spreads(norms: list[str], tokens: list[str], i: int) -> bool:
    """An "as" clause whose verb tells fighting spreading or lasting, within its first words."""
    for k in range(i + 1, min(len(norms), i + 8)):
        if tokens[k] in _CLAUSE_STOPS:
            return False
        if verbal(norms[k]) and bases(norms[k]) & SPREADING:
            return True
    return False


_CONTINUES = {"had", "has", "have", "been", "was", "were", "be", "and", "or", "then"}
_PRESENT_PERFECT = {"has", "have"}
# words from the opener to its "has": ", where fighting between ELN guerrillas and FARC dissidents has driven"
_PRESENT_PERFECT_REACH = 10


def _perfect_relative(norms: list[str], tokens: list[str], i: int) -> range:
    """A relative clause in the past perfect tells what came before: "two militias whose fighters
    had clashed last month signed a truce"; one in the present perfect after a comma, what has
    gone on up to the news (", where raids on villages have grown more frequent"). It runs from
    its opener to a comma or to the next finite verb, the main clause's."""
    k = next((k for k in range(i + 1, min(len(norms), i + 5)) if norms[k] == "had" or tokens[k] in _CLAUSE_STOPS),
             None)
    if (k is None or norms[k] != "had") and i and tokens[i - 1] == ",":
        k = next((k for k in range(i + 1, min(len(norms), i + _PRESENT_PERFECT_REACH))
                  if norms[k] in _PRESENT_PERFECT or tokens[k] in _CLAUSE_STOPS
                  or verbal(norms[k]) and not norms[k].endswith("ing")), None)
        k = k if k is not None and norms[k] in _PRESENT_PERFECT else None
    if k is None or norms[k] not in _PERFECT_AUX:
        return range(0)
    k += 1
    while k < len(norms) and (norms[k] in _ADVERBS or norms[k] == "been"):
        k += 1
    if k >= len(norms) or not verbal(norms[k]) or norms[k].endswith("ing"):
        return range(0)  # "who had two children": no past perfect
    end = k + 1
    while end < len(norms) and tokens[end] not in _CLAUSE_STOPS and not (
            (verbal(norms[end]) and not norms[end].endswith("ing") or norms[end] in _FINITE_BE)
            and norms[end - 1] not in _CONTINUES):
        end += 1
    return range(i, end)


_FINITE_BE = {"was", "were"}  # "six women who had gone to fetch water were taken": the main clause's verb


def _close_perfect_relatives(tokens: list[str], norms: list[str], segments: list[int]) -> list[int]:
    """A relative clause in the past perfect with no comma to close it ends at the main clause's verb, and the
    clause it interrupts goes on there: "six women who had gone to fetch water outside the town were taken"."""
    out = list(segments)
    for i in range(1, len(tokens)):
        if norms[i] not in INNER_OPENERS or out[i] == out[i - 1]:
            continue
        end = _perfect_relative(norms, tokens, i).stop
        if not end or end >= len(tokens) or tokens[end] in _CLAUSE_STOPS or out[end] != out[i]:
            continue
        for k in range(end, len(tokens)):
            if out[k] != out[i]:
                break
            out[k] = out[i - 1]
    return out


REPORTING_WORDS = {"said", "says", "told", "reported", "according", "added", "stated", "confirmed", "announced"}
# What came to light is news, as what was said is: "It emerged on Thursday that police had arrested a man"
DISCLOSED = {"emerged", "revealed", "disclosed", "transpired"}


def _attributions(norms: list[str], tokens: list[str]) -> list[int]:
    """Commas that open an attribution (", police said", ", according to officials"): the
    people quoted are no party to the event."""
    out = []
    for c, token in enumerate(tokens):
        if token != ",":
            continue
        for k in range(c + 1, min(len(tokens), c + 6)):
            if tokens[k] == ",":
                break
            if norms[k] in REPORTING_WORDS:
                out.append(c)
                break
    return out


# "as many as nine", "as few as two": a hedge on a number, no clause
_AS_MUCH = {"many", "much", "few"}


def _hedge_as(norms: list[str], found: list[re.Match], n: int) -> bool:
    """Whether the "as" at token ``n`` is one of "as many as" (the norms so far are those before it)."""
    if norms[-1:] and norms[-1] in _AS_MUCH and norms[-2:-1] == ["as"]:
        return True  # the second "as"
    return normal(found[n].group(0)) == "as" and n + 2 < len(found) \
        and normal(found[n + 1].group(0)) in _AS_MUCH and normal(found[n + 2].group(0)) == "as"


def words(sentence: str) -> Words:
    tokens, starts, ends, norms, segments, segment_starts = [], [], [], [], [], [0]
    found = list(_TOKEN.finditer(sentence))
    for n, m in enumerate(found):
        token = m.group(0)
        norm = normal(token)
        if norm in MONTHS and (token.istitle() and (tokens or norm not in ("march", "may"))
                              or n + 1 < len(found) and found[n + 1].group(0).isdigit()):
            norm = MONTH  # "in March", "march 31"; not "they march", nor "may clash"
        i = len(tokens)
        if i and (token in _SEGMENT_PUNCT or norm in SUBORDINATORS and not _hedge_as(norms, found, n)):
            segment_starts.append(i)
        tokens.append(token)
        starts.append(m.start())
        ends.append(m.end())
        norms.append(norm)
        segments.append(len(segment_starts) - 1)
    cuts = _attributions(norms, tokens)
    attributed: set[int] = set()
    if cuts:
        segment_starts = sorted(set(segment_starts) | set(cuts))
        seg, segments = -1, []
        for i in range(len(tokens)):
            while seg + 1 < len(segment_starts) and segment_starts[seg + 1] <= i:
                seg += 1
            segments.append(seg)
        attributed = {segment_starts.index(c) for c in cuts}
        segments = _close_attributions(tokens, norms, segments, cuts)
    segments = _close_perfect_relatives(tokens, norms, _close_inner_clauses(tokens, norms, segments))
    runs = [i for i in range(len(tokens)) if i == 0 or segments[i] != segments[i - 1]] or [0]
    return Words(sentence, tokens, starts, ends, norms, _bases(tokens, norms), segments, runs,
                 frozenset(attributed), _background(norms, tokens, runs), headline_case(tokens),
                 past=_named_past(norms, tokens), unreal=_unreal(norms, tokens))


def _bases(tokens: list[str], norms: list[str]) -> list[frozenset[str]]:
    """Each token's base forms; a score's also ``SCORE``."""
    out = [bases(n) for n in norms]
    for k, token in enumerate(tokens):
        if token[:1].isdigit() and _SCORE.match(token) and _scored(tokens, norms, k):
            out[k] = out[k] | {SCORE}
    return out


def _scored(tokens: list[str], norms: list[str], k: int) -> bool:
    """A pair of numbers is a score after a side's name ("beat Italy 27-19") or beside a result ("won 3-1",
    "a 3-2 win"); not a range of days or people ("on 12-13 March", "killed 10-12 villagers")."""
    before = tokens[k - 1] if k else ""
    after = norms[k + 1] if k + 1 < len(norms) else ""
    if after == MONTH:
        return False
    return (k > 1 and before.isalpha() and before[0].isupper()) or (k > 0 and norms[k - 1] in _SCORED) \
        or after in _SCORED


_ATTRIBUTION_REACH = 8  # words from the reporting word to the comma that closes it: ", according to ... ,"


def _close_attributions(tokens: list[str], norms: list[str], segments: list[int], cuts: list[int]) -> list[int]:
    """An attribution set in commas inside a clause ends at its second comma, and the clause it
    interrupts goes on after it: "On Sunday, residents said, militiamen and troops fought ...", "Gunmen
    opened fire, according to the mayor, killing two". Only a short attribution closes: its speaker
    after the reporting word, no verb nor number there (not ", police said two men were shot, and ...")."""
    out = list(segments)
    for c in cuts:
        say = next(k for k in range(c + 1, len(tokens)) if norms[k] in REPORTING_WORDS)
        close = None
        for k in range(say + 1, min(len(tokens), say + 2 + _ATTRIBUTION_REACH)):
            if tokens[k] == ",":
                close = k
                break
            if out[k] != out[c] or not tokens[k].isalpha() or verbal(norms[k]) and norms[k] != "according":
                break
        if close is None or close + 1 >= len(tokens) or out[close + 1] != out[c] or c == 0:
            continue
        for k in range(close + 1, len(tokens)):
            if out[k] != out[c]:
                break
            out[k] = out[c - 1]  # the clause before the opening comma
    return out


INNER_OPENERS = {"who", "which", "whom", "whose", "where"}


def _close_inner_clauses(tokens: list[str], norms: list[str], segments: list[int]) -> list[int]:
    """A relative clause set in commas ends at its second comma, and the clause it interrupts goes
    on after it: "Two aid workers, who had been handing out food, were shot dead"."""
    out = list(segments)
    for t in range(1, len(tokens)):
        if out[t] == out[t - 1]:
            continue
        opener = t + 1 if tokens[t] == "," else t
        comma = t if tokens[t] == "," else t - 1
        if opener >= len(tokens) or norms[opener] not in INNER_OPENERS or tokens[comma] != ",":
            continue
        seg = out[t]
        close = next((k for k in range(opener + 1, len(tokens)) if out[k] == seg and tokens[k] == ","), None)
        if close is None or close + 1 >= len(tokens) or out[close + 1] != seg:
            continue
        for k in range(close + 1, len(tokens)):
            if out[k] != seg:
                break
            out[k] = out[comma - 1]  # the clause before the opening comma
    return out


# --- Phrases ------------------------------------------------------------------------------

Part = tuple[str, str]  # (mode, value): base, verb (inflected forms only), exact, prefix, gap
Phrase = tuple[Part, ...]


def compile_phrases(text: str) -> list[Phrase]:
    """A table's phrase as parts; two or three plain words also as the one word they make
    ("air strike" matches "airstrike" and "air-strike")."""
    variants: list[list[Part]] = [[]]
    for raw in text.lower().split():
        if raw == "...":
            options = [[("gap", "")]]
        elif raw.startswith("="):
            options = [[("exact", normal(raw[1:]))]]
        elif raw.endswith("*"):
            options = [[("prefix", normal(raw[:-1]))]]
        else:
            mode = "verb" if raw.endswith("+") else "base"
            word = raw.rstrip("+")
            options = [[(mode, normal(word))]]
        variants = [v + o for v in variants for o in options]
    out = [tuple(v) for v in variants if v and v[0][0] != "gap" and v[-1][0] != "gap"]
    if out and 2 <= len(out[0]) <= 3 and all(mode == "base" for mode, _ in out[0]):
        out.append((("base", "".join(value for _, value in out[0])),))
    return out


def part_matches(part: Part, w: Words, k: int) -> bool:
    mode, value = part
    if mode == "base":
        return value in w.bases[k]
    if mode == "verb":  # a headline's verbs are in the present: "Gunmen Storm Village"
        return value in w.bases[k] and (w.norms[k] != value and verbal(w.norms[k])
                                        or w.headline and w.tokens[k][:1].isupper()
                                        or _bare_participle(w, k))
    if mode == "exact":
        return w.norms[k] == value
    return mode == "prefix" and w.norms[k].startswith(value)


def _bare_participle(w: Words, k: int) -> bool:
    """A past participle that is written as its verb ("were hit", "had cut"): after an auxiliary, not the present."""
    return w.norms[k] in _IRREGULAR_PAST and k > 0 and (w.norms[k - 1] in _BE or w.norms[k - 1] in _PERFECT_AUX)


def match_at(phrase: Phrase, w: Words, k: int, limit: int) -> int | None:
    """The end of ``phrase`` matched from token ``k`` (not past ``limit``), or None."""
    if not phrase:
        return k
    part = phrase[0]
    if part[0] == "gap":
        for skip in range(GAP + 1):
            end = match_at(phrase[1:], w, k + skip, limit)
            if end is not None:
                return end
        return None
    if k >= limit or not part_matches(part, w, k):
        return None
    return match_at(phrase[1:], w, k + 1, limit)


_WORDLIKE = re.compile(r"\w+")


class PhraseIndex:
    """Phrases indexed by their first word, each with a payload; ``find`` gives every match."""

    def __init__(self) -> None:
        self._by_word: dict[str, list[tuple[Phrase, Any]]] = {}
        self._first_words: set[str] = set()  # the keys of _by_word, as a set: a sentence's words meet it at once
        self._prefixed: list[tuple[Phrase, Any]] = []
        self._needed: dict[int, frozenset[str]] = {}  # by id(phrase): the words it cannot match without

    def add(self, phrase: Phrase, payload: Any) -> None:
        mode, value = phrase[0]
        self._needed[id(phrase)] = _needed(phrase)
        if mode == "prefix":
            self._prefixed.append((phrase, payload))
        else:
            self._by_word.setdefault(value, []).append((phrase, payload))
            self._first_words.add(value)

    def key_words(self, keep: Callable[[Any], bool] = lambda payload: True) -> dict[str, list[frozenset[str]]]:
        """The words each phrase whose payload ``keep`` accepts needs, by its longest: a sentence
        holds a match only if, for some key word it holds, it holds all the words of one of that
        key's phrases ("for questioning" needs "for" and "questioning"; "would" alone is none)."""
        out: dict[str, list[frozenset[str]]] = {}
        for entries in self._by_word.values():
            for phrase, payload in entries:
                needed = self._needed[id(phrase)]
                if keep(payload) and needed:
                    out.setdefault(max(needed, key=len), []).append(needed)
        return out

    def candidates(self, w: Words, k: int) -> list[tuple[Phrase, Any]]:
        found = [c for b in w.bases[k] for c in self._by_word.get(b, ())]
        if self._prefixed:
            found += [c for c in self._prefixed if part_matches(c[0][0], w, k)]
        return found

    def find(self, w: Words, within: tuple[int, int] | None = None) -> list[tuple[int, int, Any]]:
        """(start, end, payload) of every match, each inside one segment. A phrase some of whose
        words the sentence lacks is not tried (a set test, cheaper than matching it)."""
        lo, hi = within or (0, len(w.tokens))
        held = w.held
        out: list[tuple[int, int, Any]] = []
        # The held words some phrase starts with: a token with none of them starts no phrase (but a prefix's).
        starts = held & self._first_words
        if not starts and not self._prefixed:
            return out
        for k in range(lo, hi):
            if not self._prefixed and starts.isdisjoint(w.bases[k]):
                continue
            limit = None
            for phrase, payload in self.candidates(w, k):
                if not self._needed[id(phrase)] <= held:
                    continue
                if limit is None:
                    limit = min(hi, w.segment_of(k)[1])
                end = match_at(phrase, w, k, limit)
                if end is not None:
                    out.append((k, end, payload))
        return out


def _needed(phrase: Phrase) -> frozenset[str]:
    """The words a phrase cannot match without (its parts but gaps and prefixes)."""
    return frozenset(value for mode, value in phrase if mode not in ("gap", "prefix") and _WORDLIKE.fullmatch(value))


# --- Assertion: negation, modality, statements ---------------------------------------------

NEGATORS = {"no", "not", "never", "without", "nobody", "none", "neither", "nor", "cannot", "denied"}
NEGATED_SUBJECTS = {"none", "nobody", "noone", "neither"}  # "none of its soldiers had fired"
MODALS = {"could", "would", "might", "may", "should", "will", "shall", "can", "must", "ll"}
# Verbs and nouns under which a trigger reports talk, intent or fear, not an event.
GOVERNORS = {
    "accuse", "blame", "deny", "condemn", "denounce", "urge", "call", "warn", "threaten", "threat", "demand",
    "appeal", "vow", "pledge", "promise", "plan", "intend", "seek", "want", "fear", "risk", "prevent", "avoid",
    "foil", "thwart", "against", "claim", "allegation", "rumour", "rumor", "refute", "reject", "plot", "prepare",
    "aim", "ready", "refuse", "ban", "cancel", "postpone", "possible", "possibility", "potential", "danger",
    "anniversary", "commemorate", "commemoration", "memorial", "remember", "recall", "mark", "prohibit", "forbid",
    "deter", "criticise", "criticize", "protest", "oppose", "discuss", "debate", "lawsuit", "trial", "convict",
    "sentence", "charge", "suspect", "likely", "unlikely", "expect", "schedule", "jail", "plead", "guilty", "acquit",
    "indict", "prosecute", "testify", "protect", "known", "complain", "complaint", "refrain",
}
GOVERNOR_WINDOW = 8
CLOSE_WINDOW = 4
# Prepositions of cause: what a charge or a call is over (``tree_asserted``, ``window_asserted``)
_CAUSAL = {"over"}
# What a claim asserts: "claimed responsibility for the attack", "the clashes claimed the lives of three"
_CLAIMED_RESPONSIBILITY = {"responsibility", "credit", "life", "lives"}
# The claimant itself: "claimed to have retaken", "claimed (that) it had captured", "claimed its fighters ...".
_OWN = {"it", "they", "we", "its", "their", "our"}
# Governors that also describe a person ("the suspect", "suspected militants", "a man charged with the
# attack"): they govern a trigger through their complement ("suspected of", "accused X of", "charged
# with", "suspect that"). Before a passive main verb ("... was arrested") they, and any governor that is
# no verb ("a memorial plaque was smashed"), describe its subject.
_DESCRIBING = {"suspect", "suspects", "suspected", "accused", "charged", "convicted", "indicted"}
_COMPLEMENT = {"of", "that", "with", "for", "over"}  # "charged over the killing"
_PASSIVE_AUX = {"was", "were", "is", "are", "been", "be"}


def _negator(norm: str) -> bool:
    return norm in NEGATORS or norm.endswith("nt") and norm in {"didnt", "dont", "doesnt", "wasnt", "werent",
                                                                 "hasnt", "havent", "hadnt", "isnt", "arent",
                                                                 "wont", "couldnt", "wouldnt", "cant"}


def _governs(w: Words, k: int, trigger: int) -> bool:
    if not (w.bases[k] & GOVERNORS):
        return False
    if "claim" in w.bases[k]:  # "claimed responsibility for the attack" asserts it, and so does a claim of its own act
        after = [w.norms[x] for x in range(k + 1, trigger)]
        after = after[1:] if after[:1] == ["that"] else after
        return not (_CLAIMED_RESPONSIBILITY.intersection(after) or after[:1] and after[0] in _OWN
                    or after[:2] == ["to", "have"])
    if k == trigger - 1 and k and w.norms[k - 1] in _DETERMINERS and not verbal(w.norms[k]) \
            and verbal(w.norms[trigger]):
        return False  # "its charge went off": the noun is the verb's subject, no charge laid
    between = w.norms[k + 1:trigger]
    if any(w.tokens[x] == "," and w.norms[x + 1].endswith("ing") and verbal(w.norms[x + 1])
           for x in range(k + 1, trigger)) and verbal(w.norms[k]):
        return False  # "demanded higher pay, standing with placards": what they did as they demanded it
    if w.norms[trigger - 1] in _PASSIVE_AUX and "that" not in between \
            and (w.norms[k] in _DESCRIBING or not verbal(w.norms[k]) or w.norms[k].endswith("ing")):
        return False  # "the suspect was arrested", "a memorial plaque was smashed", "women protesting ... were
        # beaten": the subject's description
    if w.norms[k] in _DESCRIBING:
        return bool(_COMPLEMENT.intersection(between))  # not "suspected militants attacked"
    return True


_QUOTES = {'"', "“", "”"}


def a_charge(w: Words, i: int) -> bool:
    """Whether the word at token ``i`` names what someone is held or blamed for, not an act the sentence tells:
    "arrested for attacking", "accused of rioting", "held for looting and rioting" (not "a night of rioting")."""
    if not (i > 0 and w.norms[i].endswith("ing")):
        return False
    if i > 3 and w.norms[i - 1] in ("and", "or") and w.norms[i - 2].endswith("ing") and w.norms[i - 3] == "for":
        return a_charge(w, i - 2)  # "for looting and rioting" (but "a routine of sniping and shelling")
    return w.norms[i - 1] in REASON_PREPOSITIONS and not (i > 1 and w.bases[i - 2] & DURATIONS)


def denied(w: Words, i: int) -> bool:
    """Whether a rejecting verb before token ``i`` in its clause governs it: "denied that fighting had broken out",
    "rejected reports that troops had fired"."""
    return any(w.bases[k] & _REJECTING for k in w.before(i, GOVERNOR_WINDOW))


def window_asserted(w: Words, i: int, governors: bool = True) -> bool:
    """Whether the trigger at token ``i`` is asserted, by the words before it in its clause:
    no negation or modal close before it, no statement verb over it (within eight words, punctuation
    uncounted, or anywhere before a phrase of cause or purpose the trigger heads: "indicted ... on Thursday
    over the abduction"), not in an "if" clause."""
    start, _ = w.clause_of(i)
    if w.norms[start] in CONDITIONAL:
        return False
    if i > start and a_charge(w, i):
        return False
    close = w.before(i, CLOSE_WINDOW)
    if w.tokens[start] in _QUOTES and start:  # 'would "wage battle"': the quote marks words, the modal governs them
        close = list(range(max(0, start - CLOSE_WINDOW), start)) + close
    for k in close:
        if _negator(w.norms[k]) or w.norms[k] in MODALS and w.tokens[k].islower():
            return False
    if _modal_subject(w, i) or _unspecified(w, i) or _disowned(w, i):
        return False
    wide = [k for k in w.before(i, GOVERNOR_WINDOW + CLOSE_WINDOW) if w.tokens[k][0].isalnum()][-GOVERNOR_WINDOW:]
    if any(w.norms[k] in NEGATED_SUBJECTS for k in wide):
        return False
    infinitive = _coordinated_infinitive(w, i)
    if infinitive is not None:  # "plotting to seize the airport and kidnap officials": the first verb's governor
        wide = sorted(set(wide) | set(w.before(infinitive, GOVERNOR_WINDOW)))
    adjunct = _adjunct(w, i)
    if adjunct is not None:  # what it is over or in protest at is governed by the clause's verb, however far
        wide = sorted(set(wide) | set(w.before(adjunct, adjunct + 1)))
    return not (governors and any(_governs(w, k, i) for k in wide))


# "had nothing to do with the killings": a disavowal of the event, which the negators' close window is too
# short to reach ("no part in", "no role in" are the negators' own)
_DISOWNING = ("nothing", "to", "do", "with")


def _disowned(w: Words, i: int) -> bool:
    """Whether "nothing to do with" stands before the trigger at token ``i`` in its clause, a determiner or
    two between ("had nothing to do with the weekend's killings")."""
    norms = [w.norms[k] for k in w.before(i, len(_DISOWNING) + 3)]
    return any(tuple(norms[j:j + len(_DISOWNING)]) == _DISOWNING for j in range(len(norms) - len(_DISOWNING) + 1))


_SUBJECT_REACH = 10  # words from a noun trigger to its verb: "a drone attack on the oil terminal at X would"
_INDEFINITE = {"a", "an", "any"}


def _modal_subject(w: Words, i: int) -> bool:
    """A noun trigger that is the subject of a hypothesis: of "would" after an indefinite article ("a successful
    drone attack on the port would cripple exports"), or of a modal perfect ("the massacre could have been
    prevented"); not of "could be heard", which tells what was heard."""
    if verbal(w.norms[i]):
        return False
    indefinite = any(w.norms[k] in _INDEFINITE for k in range(max(0, i - 3), i))
    for k in range(i + 1, min(len(w.tokens), i + _SUBJECT_REACH)):
        if w.tokens[k] in _CLAUSE_STOPS or not w.same_clause(k, i) or verbal(w.norms[k]):
            return False
        if w.norms[k] in _UNREAL_MODALS and w.tokens[k].islower():
            return w.norms[k] == "would" and indefinite or "have" in w.norms[k + 1:k + 3]
    return False


# "any attack on its territory" names no attack that happened; "hit like a bomb" compares with one
_SIMILE = {"like"}


def _unspecified(w: Words, i: int) -> bool:
    """A noun trigger that names no event: after "any" ("would respond to any attack", "any armed attack"), or
    the term of a comparison ("hit like a bomb", "like an earthquake"), at most one word between."""
    if verbal(w.norms[i]):
        return False
    before = w.before(i, 3)
    if any(w.norms[k] == "any" for k in before[-2:]):
        return True
    return any(w.norms[k] in _SIMILE and k + 1 < i and w.norms[k + 1] in ("a", "an") for k in before)


def _coordinated_infinitive(w: Words, i: int) -> int | None:
    """The "to" of an infinitive a bare verb trigger is joined to by "and" ("to seize the airport and kidnap
    officials"), within its clause: what governs the one governs the other."""
    if i < 2 or w.norms[i - 1] != "and" or verbal(w.norms[i]):
        return None
    start = w.clause_of(i)[0]
    return next((k for k in range(i - 2, start - 1, -1) if w.norms[k] == "to" and w.same_clause(k, i)
                 and not verbal(w.norms[k + 1])), None)


_ADJUNCT_REACH = 6  # words from "over" to its noun: "over last year's student protests"


def _adjunct(w: Words, i: int) -> int | None:
    """The opener of a phrase the trigger heads that hangs from the clause's verb: "indicted two men on Thursday
    over the abduction" (what the act is over), "threatened to shut the road in protest" (its purpose)."""
    if i and w.norms[i - 1] == "in" and "protest" in w.bases[i]:
        return i - 1
    for k in range(i - 1, max(-1, i - 1 - _ADJUNCT_REACH), -1):
        if w.tokens[k] in _CLAUSE_STOPS or not w.same_clause(k, i):
            return None
        if w.norms[k] in _CAUSAL or w.norms[k] in _SHARE and k >= 2 and w.norms[k - 2] == "for":
            return k  # "sentenced ... for his part in the killing": the share in it a court judged
    return None


_SHARE = {"part", "role", "involvement", "participation"}


# --- Roles: who acts, who is acted on --------------------------------------------------------

@dataclass(frozen=True)
class Actor:
    start: int  # token indices
    end: int
    name: str
    cls: str


@dataclass(frozen=True)
class Roles:
    agent: Actor | None
    target: Actor | None
    parties: tuple[Actor, ...]  # agent, target and anyone the trigger is "with" or "between"


_BE = {"was", "were", "been", "being", "is", "are", "be", "got", "get", "gets"}
_ADVERBS = {"reportedly", "allegedly", "also", "later", "fatally", "seriously", "badly", "critically", "then",
            "subsequently", "apparently", "both", "all", "not", "never"}
_PARTY_WORDS = {"with", "between", "and", "against"}
ROLE_WINDOW = 10
OF_REACH = 5  # words between "of" and the actor it qualifies: "a crowd of about two hundred men"
# Who hears, sees or tells of an act does not do it: "residents describing gunfire", "villagers heard shots"
WITNESSING = {"describe", "describes", "described", "describing", "report", "reports", "reported", "reporting",
              "hear", "hears", "heard", "hearing", "see", "sees", "saw", "seen", "seeing", "witness", "witnessed",
              "witnessing", "recount", "recounted", "recounting", "film", "filmed", "filming"}


def passive(w: Words, i: int) -> bool:
    """A trigger verb in the passive: "were beaten", "was reportedly shot"."""
    if not verbal(w.norms[i]) or w.norms[i].endswith("ing"):
        return False
    if i + 1 < len(w.norms) and w.norms[i + 1] == "by":
        return True  # "80-year-old killed by ...": a passive without its verb "to be"
    k = i - 1
    while k >= 0 and w.norms[k] in _ADVERBS:
        k -= 1
    return k >= 0 and w.norms[k] in _BE


_DETERMINERS = {"a", "an", "the", "this", "that", "these", "those", "its", "their", "his", "her", "another", "new",
                "latest"}


def noun(w: Words, i: int) -> bool:
    """A trigger used as a noun: a determiner within the two words before it ("an attack", "the
    deadly clashes")."""
    return not verbal(w.norms[i]) and any(w.norms[k] in _DETERMINERS for k in range(max(0, i - 2), i))


def _after_by(w: Words, k: int) -> bool:
    """Token k follows "by", perhaps after a determiner: "by a mob", "by the police"."""
    k -= 1
    if k > 0 and w.norms[k] in _DETERMINERS:
        k -= 1
    return k >= 0 and w.norms[k] == "by"


def _participle(w: Words, i: int) -> bool:
    """A participle clause after a comma (", killing two"), or one joined by "and" to such a clause
    (", killing two and setting houses on fire"): its subject is the sentence's."""
    if not w.norms[i].endswith("ing") or not i:
        return False
    if w.tokens[i - 1] == ",":
        return True
    return w.norms[i - 1] == "and" and any(w.tokens[k - 1] == "," and w.norms[k].endswith("ing") and verbal(w.norms[k])
                                           for k in range(1, i - 1))


def _subjectless(w: Words, i: int) -> int | None:
    """A past verb straight after a comma or "and" that follows a verb of its clause has no subject of its
    own ("residents caught two men, beat them and set one on fire"; "soldiers fired at rebels and killed
    three"): the clause's first verb, whose subject it shares (or that verb's, in a chain); None otherwise."""
    if not i or w.tokens[i - 1] not in (",", "and") or not verbal(w.norms[i]) or w.norms[i].endswith("ing"):
        return None
    start = w.clause_of(i)[0]
    first = next((k for k in range(start, i - 1) if verbal(w.norms[k]) and not w.norms[k].endswith("ing")), None)
    if first is not None and first < i:  # a chain: "surrounded a truck, dragged out its driver and beat him"
        earlier = _subjectless(w, first)
        return earlier if earlier is not None and earlier < first else first
    return first


def _in_phrase(w: Words, i: int, start: int) -> bool:
    """A noun trigger in an "in" or "during" phrase ("in an early morning raid"): the act of the clause's subject."""
    if verbal(w.norms[i]):
        return False
    k = next((k for k in range(i - 1, max(start, i - 5) - 1, -1) if w.norms[k] in ("in", "during")), None)
    return k is not None and k + 1 < i and w.norms[k + 1] in _DETERMINERS


# Words that may follow a participle with no object: "bound and shot, from a ditch"
_PARTICIPLE_PREPOSITIONS = {"from", "in", "at", "near", "on", "by", "with", "outside", "inside", "into", "under",
                            "beside", "behind", "along", "across", "over", "through", "off", "towards", "toward"}
_AFTER_PARTICIPLE = _PARTICIPLE_PREPOSITIONS | {"and", "or"}


def _qualifying_participle(w: Words, i: int, actors: Sequence[Actor]) -> Actor | None:
    """The actor a past participle set off by a comma after it qualifies ("the bodies of three men, bound
    and shot, from an inlet", "three farmers, shot in the back, were found"): acted on, by no one the
    sentence names but after "by". None when the verb takes an object ("caught two men, beat them")."""
    if not verbal(w.norms[i]) or w.norms[i].endswith("ing"):
        return None
    comma = i - 1 if i and w.tokens[i - 1] == "," else i - 3 if i > 2 and w.norms[i - 1] in ("and", "or") \
        and w.tokens[i - 3] == "," else None  # ", bound and shot"
    if comma is None or i + 1 < len(w.tokens) and w.tokens[i + 1][:1].isalnum() \
            and w.norms[i + 1] not in _AFTER_PARTICIPLE:
        return None
    return next((a for a in actors if a.end == comma), None)


_QUALIFIER_REACH = 8  # words from a verb back to the participle that qualifies its subject


def qualified_subject(w: Words, i: int, j: int, start: int) -> int | None:
    """The noun a participle phrase right before the verb at tokens i..j qualifies, from token ``start`` on: "a
    drone launched from the river bank hit a fuel tanker": the drone is the verb's subject, however long the
    phrase; None if the verb takes no object right after it (not "a shell left over from the war found by
    farmers") or no such phrase stands before it (another verb between, a verb with an object: "helicopters
    struck mock targets", or no noun before the participle)."""
    following, norm = (w.tokens[j], w.norms[j]) if j < len(w.tokens) else ("", "")
    if not (norm in _DETERMINERS or norm in _OBJECT_NUMBERS or following[:1].isupper() or following[:1].isdigit()):
        return None
    for k in range(i - 1, max(start, i - 1 - _QUALIFIER_REACH), -1):
        if not verbal(w.norms[k]):
            continue
        if w.norms[k].endswith("ing") or k - 1 < start or not w.tokens[k - 1].isalpha() \
                or w.norms[k + 1] not in _PARTICIPLE_PREPOSITIONS \
                or w.norms[k - 1] in _BE or w.norms[k - 1] in _PERFECT_AUX or w.norms[k - 1] in _DETERMINERS:
            return None
        return k - 1
    return None


# Who backs or is followed by the subject qualifies it, between it and its verb: "troops backed by militias"
_BACKERS = {("backed", "by"), ("supported", "by"), ("aided", "by"), ("assisted", "by"), ("loyal", "to"),
            ("allied", "to"), ("allied", "with")}


def window_roles(w: Words, i: int, j: int, actors: Sequence[Actor]) -> Roles:
    """Roles by position: the nearest actor before the trigger in its clause acts, the first
    after it is acted on; a passive swaps them ("by" names the agent)."""
    start, end = w.clause_of(i)
    near = set(w.before(i, ROLE_WINDOW + 1))
    before = [a for a in actors if a.end <= i and a.end - 1 in near and w.same_clause(a.start, i)]
    of = next((k for k in range(before[-1].start - 1, max(-1, before[-1].start - OF_REACH - 1), -1)
               if w.norms[k] == "of"), None) if len(before) > 1 else None
    if of is not None and before[-2].end == of:
        before.pop()  # "supporters of two rival parties clashed", "a crowd of about two hundred men": the first did
    elif len(before) > 1 and any(tuple(w.norms[k:k + 2]) in _BACKERS for k in range(before[-2].end, before[-1].start)):
        before.pop()  # "army troops backed by clan militias retook the town": the troops did
    # acted on: the first actor after the trigger, or inside its gap ("burned two farmers alive")
    after = [a for a in actors if i < a.start < end and a.start - j <= ROLE_WINDOW and w.same_clause(a.start, i)]
    by = next((a for a in after if _after_by(w, a.start)), None)
    rest = [a for a in after if a is not by]
    # who said it is no subject of what it said: "police said two men were shot", "a ministry spokesman said ..."
    subjects = [a for a in before if not REPORTING_WORDS.intersection(w.norms[a.end:i])]
    qualified = _qualifying_participle(w, i, actors)
    if qualified is not None:  # "the bodies of two men, bound and shot,": the men were shot
        agent, target = by, qualified
    elif passive(w, i):  # the clause's subject: its first actor not followed by "said"
        agent, target = by, (subjects[0] if subjects else None)
    elif _in_phrase(w, i, start):  # "police arrested six members of a gang in a dawn raid": the subject's raid
        agent = by or next((a for a in actors if start <= a.start and a.end <= i and a.cls != "site"), None)
        target = rest[0] if rest else None
    elif noun(w, i):  # "killed five villagers in an attack": the attack is the subject's
        agent, target = by or (subjects[0] if subjects else None), (rest[0] if rest else None)
    else:  # a place acts on nothing: "crowds looted shops and clashed with police" is the crowds' clash
        acting = [a for a in before if a.cls != "site" and not WITNESSING.intersection(w.norms[a.end:i])]
        agent, target = (acting[-1] if acting else by), (rest[0] if rest else None)
        if _participle(w, i):  # ", killing two", ", killing two and burning ...": the clause's subject
            agent = next((a for a in actors if a.end <= i and a.cls != "site"), agent)
        elif (verb := _subjectless(w, i)) is not None:  # "caught two men, beat them": the first verb's subject
            agent = next((a for a in reversed(actors) if a.end <= verb and a.cls != "site"), agent)
    if agent is None and w.norms[start] in RELATIVE:  # "protesters who threw stones"
        agent = next((a for a in reversed(actors) if a.end <= start and start - a.end <= 1), None)
    parties = [a for a in rest if a.start and w.norms[a.start - 1] in _PARTY_WORDS]
    return Roles(agent, target, tuple(a for a in (agent, target, *parties) if a is not None))


# --- From a dependency parse ----------------------------------------------------------------

_CHAIN = {"xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj", "nsubj", "nsubjpass", "acomp", "attr", "advcl",
          "conj", "oprd", "appos", "compound", "acl"}
# What something is done over is presupposed (_CAUSAL), but a charge or a call over it tells no event of its own:
# "police detained two men over the attack" asserts it, "prosecutors indicted two men over the attack" does not
_PRESUPPOSING = {"after", "amid", "amidst", "during", "following", "since", "before", "despite", "over"}
_REPORTING = {"say", "tell", "report", "add", "state", "confirm", "announce"}
_TARGET_PREPS = {"on", "at", "against", "upon", "into", "targeting"}


def _doubted(token: Any, own: range = range(0)) -> bool:
    """A negation, a modal or an "if" on this word itself; a modal inside the trigger (``own``, the
    trigger's token offsets: "would merge" announced) is part of what it reports."""
    for child in token.children:
        if child.dep_ == "neg" or child.dep_ == "det" and child.lower_ == "no":
            return True
        if child.dep_ == "aux" and child.tag_ == "MD" and child.i not in own \
                or child.dep_ == "mark" and child.lower_ in CONDITIONAL:
            return True
        if child.dep_ in ("amod", "compound") and bases(normal(child.text)) & GOVERNORS:  # "planned protest"
            return True
        if child.dep_ in ("nsubj", "nsubjpass") and (child.lower_ in NEGATED_SUBJECTS or any(
                g.dep_ == "det" and g.lower_ == "no" for g in child.children)):
            return True  # "no shots were fired", "none of its soldiers fired"
    return False


def tree_asserted(root: Any, own: range = range(0)) -> bool:
    """Whether the parse asserts the trigger: no negation or modal on it or on the verbs it
    hangs from, and no statement verb over it (walking up through complements, stopping at a
    reporting verb or at "after", "amid", "during")."""
    token = root
    if _doubted(token, own):
        return False
    if token.dep_ == "pcomp" and token.head.lower_ in REASON_PREPOSITIONS and not _duration(token):
        return False
    while token.dep_ in _CHAIN and token.head is not token:
        if token.dep_ == "prep" and token.lower_ in _CAUSAL:
            return not _governed_above(token)  # "indicted ... over the abduction": what the case is over
        if token.dep_ == "prep" and token.lower_ in _PRESUPPOSING or _after_semicolon(token):
            return True
        below, token = token, token.head
        forms = bases(normal(token.text))
        if forms & _REPORTING and token.pos_ in ("VERB", "AUX"):  # "police said ...", not "reports that ..."
            return True
        if "claim" in forms and token.pos_ == "VERB" and (_own_act(below) or any(
                c.dep_ == "dobj" and c.lower_ in _CLAIMED_RESPONSIBILITY for c in token.children)):
            return True
        if _describes(token, below) or _reduced_relative(token, below):
            continue  # "armed men suspected to be from a militia abducted ...": who they are, not a charge
        if _trailing_attribution(token, root):
            return True  # "... abducted five men, their relatives denounced.": who tells it, not what it is
        if forms & GOVERNORS and _accompanying(below):
            continue  # "demanded his dismissal, standing with placards": what they did as they demanded it
        if forms & GOVERNORS or _doubted(token) and not _contrasted(below, token):
            return False
    return True


def _contrasted(token: Any, head: Any) -> bool:
    """A conjunct with a subject of its own set against the verb it is joined to by "but" or "yet": that
    verb's negation is not its own ("No one was killed, but 23 people were treated after youths fought").
    Joined by "and" it goes on in the same vein ("No shots were fired and nobody was hurt"); a verb that
    governs both ("feared that X but Y") is met higher up."""
    return token.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children) \
        and any(c.dep_ == "cc" and c.lower_ in ("but", "yet") for c in head.children)


def _accompanying(token: Any) -> bool:
    """A participle set off by a comma that tells what a verb's subject did beside it (", standing with
    placards"), not what the verb says, demands or fears."""
    return (token.dep_ == "advcl" and token.tag_ == "VBG" and token.i > 0
            and token.doc[token.i - 1].text == "," and token.i > token.head.i)


def _governed_above(token: Any) -> bool:
    """A statement, a charge or a plea over the verbs a word hangs from ("called on them to free everyone held
    over the protests", "acquitted over the shooting"), up to a reporting verb or the root."""
    while token.dep_ in _CHAIN and token.head is not token:
        token = token.head
        forms = bases(normal(token.text))
        if forms & _REPORTING and token.pos_ in ("VERB", "AUX"):
            return False
        if forms & GOVERNORS or _doubted(token):
            return True
    return False


def _duration(token: Any) -> bool:
    """A participle the parse hung under "for" with a span of time before it ("stood for two hours holding
    placards"): "for" measures the time, it names no charge ("arrested for attacking")."""
    return any(c.dep_ == "npadvmod" and bases(c.lower_) & DURATIONS for c in token.children)


def _describes(token: Any, below: Any) -> bool:
    """A describing word with a "to be" complement ("men suspected to be from a group") tells who
    someone is: a verb the parse hung under it or beside it ("... abducted three men") is no charge,
    unless reached through a complement of its own ("suspected of", "suspected that")."""
    own_complement = below.dep_ in ("prep", "pcomp") or below.dep_ == "ccomp" and any(
        c.dep_ == "mark" for c in below.children)  # "suspected that ..."; a bare ccomp is the main verb misparsed
    return (token.lower_ in _DESCRIBING and not own_complement
            and any(c.dep_ == "xcomp" and c.lower_ == "be" for c in token.children))


def _reduced_relative(token: Any, below: Any) -> bool:
    """A participle right after its noun and before its preposition, with no auxiliary ("villagers
    opposed to the quarry blocked the road"), that the parse made the main verb: the finite verb hung
    under it with no subject nor marker of its own is the sentence's main verb, the participle only
    says who its subject is."""
    subject = _child(token, "nsubj")
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return (token.tag_ in ("VBN", "VBD") and subject is not None and subject.i == token.i - 1
            and following is not None and following.head.i == token.i and following.dep_ in ("prep", "agent")
            and not any(c.dep_ in ("aux", "auxpass") for c in token.children)
            and below.dep_ in ("advcl", "ccomp", "dep") and below.tag_ == "VBD" and below.i > token.i
            and not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in below.children))


def _trailing_attribution(token: Any, trigger: Any) -> bool:
    """A verb closing the sentence after a comma with a subject of its own ("..., their relatives
    denounced.") tells who reports what came before it, whatever the parse hung under it."""
    if token.i <= trigger.i or token.pos_ not in ("VERB", "AUX"):
        return False
    if any(t.pos_ != "PUNCT" for t in token.doc[token.i + 1:]):
        return False
    subjects = [c for c in token.children if c.dep_ == "nsubj"]  # the parse may give it the event's subject too
    subject = subjects[-1] if subjects else None
    return subject is not None and trigger.i < subject.i and any(
        t.text == "," for t in token.doc[trigger.i:subject.left_edge.i])


def _after_semicolon(token: Any) -> bool:
    """A clause joined to the next by ";" is a sentence of its own: "stabbed; his life is not in danger"."""
    lo, hi = sorted((token.i, token.head.i))
    return any(t.text == ";" for t in token.doc[lo:hi])


def _own_act(complement: Any) -> bool:
    """A claimant's own act: "claimed to have retaken" (no subject of its own), "claimed it had
    captured", "claimed its fighters had taken"."""
    if complement.dep_ == "xcomp":
        return True
    subject = _child(complement, "nsubj", "nsubjpass")
    return subject is not None and (subject.lower_ in _OWN or any(
        c.dep_ == "poss" and c.lower_ in _OWN for c in subject.children))


def _actor_in(token: Any, by_char: dict[int, Actor], actors: Sequence[Actor], w: Words) -> Actor | None:
    """The actor a parse token stands for: the one it is in, else the first in its subtree."""
    if token is None:
        return None
    if token.idx in by_char:
        return by_char[token.idx]
    lo, hi = token.left_edge.idx, token.right_edge.idx + len(token.right_edge)
    return next((a for a in actors if lo <= w.starts[a.start] and w.ends[a.end - 1] <= hi), None)


def _child(token: Any, *deps: str) -> Any:
    return next((c for c in token.children if c.dep_ in deps), None)


def _prep_object(token: Any, preps: set[str]) -> Any:
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in preps:
            return _child(prep, "pobj")
    return None


def tree_roles(root: Any, w: Words, actors: Sequence[Actor]) -> Roles:
    """Roles from the parse: the subject (or a passive's "by" object, or the noun's owner, or
    the subject of the verb a noun is the object of: "launched an attack") acts; the object (or
    a passive's subject, the noun a participle qualifies, or what "on"/"at"/"against" names) is
    acted on. A participle or conjunct without a subject takes its head's ("..., killing two").
    Of each role's candidates, the first that is an actor counts."""
    by_char = {w.starts[k]: a for a in actors for k in range(a.start, a.end)}

    def first(tokens: list[Any]) -> Actor | None:
        return next((a for a in (_actor_in(t, by_char, actors, w) for t in tokens if t is not None) if a), None)

    by_phrase = _child(root, "agent")
    agents = [_child(by_phrase, "pobj") if by_phrase is not None else None, _child(root, "nsubj")]
    if root.pos_ in ("NOUN", "PROPN"):
        agents += [_child(root, "poss", "compound", "amod"), _prep_object(root, {"by"})]
        if root.dep_ == "dobj" and root.head.lower_ not in WITNESSING:
            agents.append(_child(root.head, "nsubj"))  # "militants launched an attack"
        elif root.dep_ == "pobj" and root.head.lower_ in ("in", "during") and root.head.head.pos_ == "VERB":
            agents.append(_child(root.head.head, "nsubj"))  # "police arrested six men in a dawn raid"
    head = root
    while head.dep_ in ("advcl", "xcomp", "conj", "relcl") and head.head is not head:
        head = head.head
        subject = _child(head, "nsubj")
        agents.append(head if head.dep_ == "relcl" or subject is not None and subject.lower_ in RELATIVE else subject)
    if root.dep_ == "relcl":
        agents.append(root.head)  # "protesters who threw stones"
    targets = [_child(root, "nsubjpass"), _child(root, "dobj"), _prep_object(root, _TARGET_PREPS)]
    if root.dep_ == "acl" and root.tag_ == "VBN":
        targets.append(root.head)  # "civilians shot by troops"
    agent, target = first(agents), first(targets)
    others = []
    for prep in root.children:
        if prep.dep_ == "prep" and prep.lower_ in ("with", "between", "against"):
            obj = _child(prep, "pobj")
            while obj is not None:
                others.append(_actor_in(obj, by_char, actors, w))
                obj = _child(obj, "conj")
    return Roles(agent, target, tuple(a for a in dict.fromkeys((agent, target, *others)) if a is not None))


# A sentence that sets the scene tells no news of its own. A habit or a lasting state ("gunfire at
# weddings is common", "every summer ... so do the protests", "has been fought over for three years",
# something long past ("cleared of mines years ago") is a "habit"; what came before the news, in the past
# perfect ("the gate had been reinforced last month"), is "before". The incident stage keeps such a
# sentence as background when the report tells an event of its own after it.
SCENE_HABIT = re.compile(
    r"\b(?:every|each)\s+(?:summer|winter|spring|autumn|year|month|week|weekend|night|day|morning|evening|time"
    r"|season|election|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b"
    r"|\b(?:usually|often|regularly|routinely|frequently|typically|habitually|seldom|rarely)\b"
    r"|\b(?:the|an)\s+occasional\b|\b(?:a|the|its|their)\s+(?:\w+\s+)?routine\s+of\b"  # "a routine of sniping"
    r"|\b(?-i:daily|nightly)\b"  # not a paper's name ("the Daily Nation reported")
    r"|\b(?:is|are|was|were|has\s+been|have\s+been)\s+(?:\w+\s+)?common(?:place)?\b"
    r"|\bfor\s+(?:(?:the\s+)?(?:past|last)\s+)?(?:(?:more\s+than|over|nearly|almost|some)\s+)?"
    r"(?:(?:a\s+few|several|many|two|three|four|five|six|\d+)\s+)?"
    r"(?:weeks|months|years|decades)\b|\b(?:years|decades|long)\s+ago\b"
    # "for most of the year" lasts; "for most of the day" is how long the day's event went on
    r"|\bfor\s+most\s+of\b(?!\s+(?:the|that|this)\s+(?:day|night|morning|afternoon|evening)\b)"
    r"|\bhave\s+a\s+way\s+of\b"
    r"|\b(?:has|have)\s+(?:lived|been\s+living|been)\s+under\s+(?:an?\s+)?(?:\w+\s+)?(?:curfew|blockade|siege"
    r"|occupation|lockdown)\b"  # a lasting state: "has lived under an unofficial curfew since ..."
    # ... and one told by what it has done: "the state of emergency in the region has restored order"
    r"|\b(?:state\s+of\s+emergency|curfew|martial\s+law|lockdown|blockade|siege)\s+(?:\S+\s+){0,4}?(?:has|have)\s+"
    r"(?:restored|brought|helped|reduced|curbed|failed|calmed|improved|eased|crippled|paralysed|paralyzed|hurt|hit"
    r"|disrupted|devastated|kept)\b"
    r"|\b(?:grown|grew|got|gotten|become|became|are|is|was|were|been)\s+(?:\w+\s+)?(?:used|accustomed)\s+to\b", re.I)
_PERFECT_SKIPS = {"been", "already", "long", "only", "just", "never", "repeatedly", "also", "twice", "once"}


def _past_perfect(w: Words, i: int) -> bool:
    """Token i's verb is in the past perfect ("had been reinforced", "had joined the protests", "marches had
    passed off with tear gas"): the verb of a "had" group nearest it in its clause is that group's, and is
    its own: not reported speech ("police said gunmen had opened fire", where the past perfect is the
    news), nor a relative clause's ("two women who had been selling fish there were killed")."""
    start, end = w.clause_of(i)
    groups: dict[int, int] = {}  # each "had" group's verb -> its "had"
    for k in range(start, end):
        if w.norms[k] != "had" or w.segments[k] != w.segments[i]:
            continue
        opener = w.clause_of(k)[0]
        if w.norms[opener] in INNER_OPENERS and i not in _perfect_relative(w.norms, w.tokens, opener):
            continue
        j = k + 1
        while j < end and (w.norms[j] in _PERFECT_SKIPS or w.norms[j].endswith("ly")):
            j += 1
        told = REPORTING_WORDS.intersection(w.norms[start:k]) or DISCLOSED.intersection(w.norms[start:k])
        if j < end and verbal(w.norms[j]) and not told:
            groups[j] = k
    if not groups:
        return False
    if any(k <= i <= j for j, k in groups.items()):
        return True
    verbs = [k for k in range(start, end) if w.segments[k] == w.segments[i] and verbal(w.norms[k])
             and not w.norms[k].endswith("ing")]
    # "had nothing to do with the killings": a "had" group whose word after it only looks like a verb
    nearest = min(verbs, key=lambda k: (abs(k - i), k > i), default=None)
    return nearest in groups


_PRESENT = {"VBZ", "VBP"}
_PERFECT_AUX = {"has", "have", "had"}


def _simple_present(doc: Any) -> bool:
    """A parsed sentence told in the simple present alone, a general truth ("It is from across the river
    that the shells come."): its root is in the present, and no verb is past, perfect or progressive
    ("are blocking the road" is going on)."""
    if doc is None or not any(t.dep_ == "ROOT" and t.tag_ in _PRESENT for t in doc):
        return False
    for t in doc:
        if t.tag_ in ("VBD", "MD") or t.tag_ == "VBG" and any(c.dep_ == "aux" for c in t.children):
            return False
        if t.tag_ == "VBN" and any(c.dep_ in ("aux", "auxpass") and c.lower_ in _PERFECT_AUX | {"was", "were"}
                                   for c in t.children):
            return False
    return True


def _present_verb(w: Words, i: int, doc: Any, subjects: frozenset[int]) -> bool:
    """Token i is a verb in the simple present: the parse's (VBP, VBZ), or, unparsed, a bare verb right after
    the plural people who do it ("as gangs fight over smuggling routes", "they attack")."""
    if doc is not None:
        token = next((t for t in doc if t.idx == w.starts[i]), None)
        return token is not None and token.tag_ in _PRESENT and token.pos_ == "VERB"
    return i > 0 and not verbal(w.norms[i]) and not w.norms[i].endswith("s") \
        and (i - 1 in subjects and plural(w.norms[i - 1]) or w.norms[i - 1] == "they")


def sets_scene(w: Words, triggers: Sequence[int], doc: Any = None, subjects: frozenset[int] = frozenset()) -> str:
    """Whether the sentence sets the scene rather than tells news: "habit" (see ``SCENE_HABIT``; or, where
    parsed, the simple present alone; or every trigger a verb in the simple present, "as gangs fight over
    smuggling routes": what goes on), "before" (every trigger in a clause of the past perfect) or "". A
    headline's present is news. ``subjects``: the last tokens of the actors the sentence names."""
    if w.headline or not triggers:
        return ""
    if SCENE_HABIT.search(w.text) or _simple_present(doc) or all(_present_verb(w, i, doc, subjects)
                                                                  for i in triggers):
        return "habit"
    return "before" if all(_past_perfect(w, i) for i in triggers) else ""
