"""What happened, read from one sentence: the event type analysts code by, its sub type, the
words that say so, who took part and how many were killed and hurt.

The taxonomy and the words that report each type are a table the team writes
(``geo/tables/event_types.tsv``; a user brings their own with ``--types-file``), and so are
the actors (``geo/tables/actors.tsv``). Its format is documented at the top of the file. A
trigger counts only in a clause the sentence asserts (see ``clauses.py``): "denied attacking",
"could clash", "accused Kosovo of attacking" and "condemned the attack" report no event. Of
several triggers, the table's order decides, except that a clause telling what came before
("after clashes") gives way to the main clause (the table's header has the whole rule). Only the
sentences where some row could hold are parsed.

Confidence: 0.5 for a trigger; +0.2 when its row's conditions named the actors or words it
needed (an attack *on soldiers*), +0.1 for a trigger of several words ("opened fire", "tear
gas"), +0.1 when another trigger in the sentence gives the same event type, +0.1 when the
parser read the clause (``parse=True``); at most 0.95.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from geo.config import project_table, spacy_model
from geo.errors import InputError, PipelineError
from geo.incidents.clauses import (
    Actor,
    Phrase,
    PhraseIndex,
    Roles,
    Words,
    a_charge,
    bases,
    compile_phrases,
    denied,
    normal,
    qualified_subject,
    sets_scene,
    tree_asserted,
    tree_roles,
    window_asserted,
    window_roles,
    words,
)
from geo.incidents.counts import _HEDGES as COUNT_HEDGES
from geo.incidents.counts import number, read_counts
from geo.memory import freeze_loaded

log = logging.getLogger("geo")

_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
ACTOR_KEYS = ("agent", "target", "party", "any")
PHRASE_KEYS = ("near", "with", "beside", "around")
NEAR_BEFORE, NEAR_AFTER = 2, 4
MAX_CONFIDENCE = 0.95


@dataclass(frozen=True)
class EventReading:
    event_type: str
    sub_event_type: str
    evidence: tuple[str, ...]  # the trigger words as written in the sentence
    confidence: float  # 0..1, see the module's docstring
    actors: tuple[str, ...] = ()  # at most two canonical names
    fatalities: int | None = None  # None: the sentence gives no number
    fatalities_text: str = ""
    injuries: int | None = None
    injuries_text: str = ""
    background_only: bool = False  # every trigger found lies in a background clause ("after a night of gunfire")
    # Typed by who attacked alone, for want of a victim ("ADF fighters attacked Mangina"): a toll told next
    # ("18 civilians were killed") says whom (see the stage's folding of casualty reports)
    victim_untold: bool = False
    # The sentence sets the scene ("habit": a habit, a lasting state, the long past; "before": the past
    # perfect), no news of its own: the incident stage keeps it as background when an event follows
    scene: str = ""


# --- Tables ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Condition:
    negated: bool
    key: str  # agent, target, party, any (actor classes) or near, with (phrases)
    classes: frozenset[str] = frozenset()
    phrases: PhraseIndex | None = None


@dataclass(frozen=True)
class Rule:
    """An ``event`` row (``event_type`` set) or a ``not`` row (``event_type`` None; then
    ``sub_event_type`` is its reason)."""

    event_type: str | None
    sub_event_type: str
    phrases: tuple[Phrase, ...]
    conditions: tuple[Condition, ...]
    line: int


@dataclass(frozen=True)
class EventTable:
    """The taxonomy (``event_types``: name -> colour, in legend order) and its rules in
    priority order."""

    path: Path
    event_types: dict[str, str]
    sub_types: dict[str, tuple[str, ...]]
    rules: tuple[Rule, ...]
    tolls: tuple[Phrase, ...] = ()  # triggers that tell only an event's toll ("killed")

    def sub_event_types(self, event_type: str) -> tuple[str, ...]:
        return self.sub_types[event_type]

    def colour(self, event_type: str) -> str:
        return self.event_types[event_type]


@dataclass(frozen=True)
class ActorEntry:
    name: str
    cls: str
    phrases: tuple[Phrase, ...]


@dataclass(frozen=True)
class ActorTable:
    path: Path
    entries: tuple[ActorEntry, ...]

    @property
    def classes(self) -> set[str]:
        return {e.cls for e in self.entries}


def _rows(path: Path) -> list[tuple[int, list[str]]]:
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read ({getattr(exc, 'strerror', None) or exc})") from None
    return [(n, [c.strip() for c in line.split("\t")]) for n, line in enumerate(lines, start=1)
            if line.strip() and not line.startswith("#")]


def _items(text: str, sets: dict[str, list[str]], sep: str, where: str) -> list[str]:
    """A list's items, @sets expanded."""
    out = []
    for item in (i.strip() for i in text.split(sep)):
        if not item:
            continue
        if item.startswith("@") and " " not in item:  # a phrase that begins with a set is a phrase
            if item not in sets:
                raise InputError(f"{where}: unknown set {item} (define it with a 'set' row above)")
            out += sets[item]
        else:
            out.append(item)
    return out


def _phrases(item: str, sets: dict[str, list[str]], where: str) -> list[Phrase]:
    """A phrase's parts; an @set among its words stands for each of its items (an item may name a set
    in turn: "under @owner clothes")."""
    texts = [""]
    for word in item.split():
        if word.startswith("@"):
            if word not in sets:
                raise InputError(f"{where}: unknown set {word} (define it with a 'set' row above)")
            texts = [f"{t} {option}" for t in texts for option in sets[word]]
        else:
            texts = [f"{t} {word}" for t in texts]
    return [p for t in texts for p in (_phrases(t, sets, where) if "@" in t else compile_phrases(t.strip()))]


def _index(items: list[str], sets: dict[str, list[str]], where: str, payload: Any = None) -> PhraseIndex:
    index = PhraseIndex()
    for item in items:
        for phrase in _phrases(item, sets, where):  # an @set inside a phrase, as in triggers
            index.add(phrase, payload)
    return index


def _conditions(text: str, sets: dict[str, list[str]], where: str) -> tuple[Condition, ...]:
    out = []
    for raw in text.split():
        if raw == "-":
            continue
        negated, body = raw.startswith("!"), raw.lstrip("!")
        key, _, value = body.partition(":")
        if key not in ACTOR_KEYS + PHRASE_KEYS or not value:
            raise InputError(f"{where}: bad condition {raw!r} (expected agent:, target:, party:, any:, near:, "
                             "with:, beside: or around: and a |-separated list)")
        items = _items(value, sets, "|", where)
        if key in ACTOR_KEYS:
            out.append(Condition(negated, key, classes=frozenset(items)))
        else:
            out.append(Condition(negated, key, phrases=_index(items, sets, where)))
    return tuple(out)


_SHAPES = {"type": (4, 4, "'type<TAB>event type<TAB>#rrggbb<TAB>sub types'"),
           "set": (3, 3, "'set<TAB>@name<TAB>items'"),
           "event": (4, 5, "'event<TAB>event type<TAB>sub type<TAB>triggers[<TAB>conditions]'"),
           "not": (3, 4, "'not<TAB>reason<TAB>triggers[<TAB>conditions]'"),
           "toll": (2, 2, "'toll<TAB>triggers'")}


def read_event_table(path: Path) -> EventTable:
    """Read an event table (the format is at the top of ``geo/tables/event_types.tsv``); a bad
    row is an InputError naming the file and line."""
    colours: dict[str, str] = {}
    subs: dict[str, tuple[str, ...]] = {}
    sets: dict[str, list[str]] = {}
    rules: list[Rule] = []
    tolls: list[Phrase] = []
    for lineno, cols in _rows(path):
        where = f"{path}:{lineno}"
        kind = cols[0]
        if kind not in _SHAPES:
            raise InputError(f"{where}: a row starts with type, set, event or not (not {kind!r})")
        low, high, shape = _SHAPES[kind]
        if not low <= len(cols) <= high or not all(cols[1:low]):
            raise InputError(f"{where}: expected {shape}")
        if kind == "type":
            if not _COLOUR.fullmatch(cols[2]):
                raise InputError(f"{where}: expected a colour #rrggbb, not {cols[2]!r}")
            colours[cols[1]], subs[cols[1]] = cols[2], tuple(_items(cols[3], {}, ",", where))
        elif kind == "set":
            if not cols[1].startswith("@"):
                raise InputError(f"{where}: a set's name starts with @ (not {cols[1]!r})")
            sets[cols[1]] = _items(cols[2], sets, ",", where)
        elif kind == "toll":
            tolls += [p for item in _items(cols[1], sets, ",", where) for p in _phrases(item, sets, where)]
        else:
            rules.append(_rule(kind, cols, sets, colours, subs, where, lineno))
    if not colours or not any(r.event_type for r in rules):
        raise InputError(f"{path}: no event types (expected 'type' and 'event' rows)")
    return EventTable(Path(path), colours, subs, tuple(rules), tuple(tolls))


def _rule(kind: str, cols: list[str], sets: dict[str, list[str]], colours: dict[str, str],
          subs: dict[str, tuple[str, ...]], where: str, lineno: int) -> Rule:
    if kind == "event":
        event_type, sub, triggers, conditions = cols[1], cols[2], cols[3], cols[4] if len(cols) > 4 else ""
        if event_type not in colours:
            raise InputError(f"{where}: unknown event type {event_type!r} (declare it with a 'type' row above)")
        if sub not in subs[event_type]:
            raise InputError(f"{where}: {sub!r} is not a sub type of {event_type!r}")
    else:
        event_type, sub, triggers, conditions = None, cols[1], cols[2], cols[3] if len(cols) > 3 else ""
    phrases = tuple(p for item in _items(triggers, sets, ",", where) for p in _phrases(item, sets, where))
    if not phrases:
        raise InputError(f"{where}: no triggers")
    return Rule(event_type, sub, phrases, _conditions(conditions, sets, where), lineno)


def read_actor_table(path: Path) -> ActorTable:
    """Read an actor table: ``canonical name<TAB>class<TAB>patterns`` rows."""
    entries = []
    for lineno, cols in _rows(path):
        if len(cols) != 3 or not all(cols):
            raise InputError(f"{path}:{lineno}: expected 'canonical name<TAB>class<TAB>patterns'")
        phrases = tuple(p for item in cols[2].split(",") if item.strip() for p in compile_phrases(item.strip()))
        entries.append(ActorEntry(cols[0], cols[1], phrases))
    if not entries:
        raise InputError(f"{path}: no actors")
    return ActorTable(Path(path), tuple(entries))


@lru_cache(maxsize=1)
def default_event_table() -> EventTable:
    """The team's table, ``geo/tables/event_types.tsv``."""
    return read_event_table(project_table("event_types.tsv"))


@lru_cache(maxsize=1)
def default_actor_table() -> ActorTable:
    return read_actor_table(project_table("actors.tsv"))


# --- Reading sentences ----------------------------------------------------------------------

NOT_ACTOR_CLASSES = {"site"}  # tested by conditions, never listed as an event's actors
QUALIFIED = {"state", "armed", "external", "protesters", "rioters"}  # "Serbian police", "Serb protesters"
FORCES = {"state", "armed", "external"}
SPEAKING = {"officials", "political"}  # who speaks for a named group ("Taliban officials") bears no arms
GUARDS = {"guard", "watchman"}  # a guard of a civilian place ("school guard") is no force
# "a gang of 20 youths", "a group of about 50 people": unarmed people acting together (their violence is a
# mob's), whatever the collective noun alone would name ("gang" alone is an armed gang)
COLLECTIVES = {"gang", "group", "band", "bunch", "pack", "crowd", "mob"}
MOB_SIZE = 10  # so many or more gathered make a mob
MANY = {"dozens", "scores", "hundreds", "thousands"}
FORMER = {"former", "retired"}  # "a former rebel commander" bears no arms: a civilian
PROTESTING = {"protesting", "demonstrating", "marching", "rallying", "picketing", "striking", "blocking"}
_NOT_QUALIFIERS = {"the", "a", "an", "on", "in", "at", "but", "and", "when", "after", "before", "as", "while",
                   "then", "later", "earlier", "meanwhile", "also", "some", "several", "many", "yesterday", "today",
                   "tonight", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "<month>",
                   "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozens", "hundreds",
                   "thousands", "armed", "unidentified", "unknown", "local", "other", "police", "security", "if"}


@dataclass
class _Trigger:
    start: int
    end: int
    rules: list[int]


@dataclass
class _Sentence:
    words: Words
    triggers: list[tuple[int, int, int]]  # (start, end, rule) of every match
    doc: Any = None
    actors: list[Actor] = field(default_factory=list)
    found: dict[int, list[tuple[int, int, Any]]] = field(default_factory=dict)  # a condition's matches, by id
    vetoed: list[tuple[int, int]] = field(default_factory=list)  # phrases "not" rows matched
    around: tuple[str, ...] = ()  # the sentences before and after it in its paragraph, for "around:" conditions
    _around_words: list[Words] | None = None

    def anywhere(self, condition: Condition) -> list[tuple[int, int, Any]]:
        """The matches of a condition's phrases in the whole sentence, found once; words inside a phrase
        a "not" row matched ("the release of detained colleagues"), in a recalled past ("unlike last year, when
        police arrested ...") or denied ("no arrests") are no evidence either."""
        key = id(condition)
        if key not in self.found:
            self.found[key] = [m for m in condition.phrases.find(self.words)
                               if not _in_name(self.actors, m[0], m[1]) and not _street_name(self.words, m[0], m[1])
                               and not _denied_noun(self.words, m[0]) and m[0] not in self.words.past
                               and not any(va <= m[0] and m[1] <= vb for va, vb in self.vetoed)]
        return self.found[key]

    def told_around(self, condition: Condition) -> bool:
        """Whether the sentence before or after this one holds one of the condition's phrases (not denied
        there: "No arrests were made")."""
        if self._around_words is None:
            self._around_words = [words(text) for text in self.around if text]
        return any(not _denied_noun(w, a) and a not in w.past
                   for w in self._around_words for a, _, _ in condition.phrases.find(w))


_HYPHENED_WORD = re.compile(r"\w+(?:-\w+)*")  # might_report's words: "shoot-out" whole


class _NeededForms(dict):
    """By a word as written, those of its base forms that some trigger needs (``needed``): mostly none.
    Each word is worked out once."""

    def __init__(self, needed: frozenset[str]) -> None:
        super().__init__()
        self.needed = needed

    def __missing__(self, word: str) -> frozenset[str]:
        if len(self) >= _NEEDED_FORMS_KEPT:
            self.clear()
        forms = self[word] = self.needed.intersection(bases(normal(word))) or _NO_FORMS  # one empty set for all
        return forms


_NEEDED_FORMS_KEPT = 100_000
_NO_FORMS: frozenset[str] = frozenset()


class EventReader:
    """Reads sentences with an event table and an actor table. ``parse``: run spaCy's parser
    (loaded once, lazily) on the sentences a trigger marked, for their roles and assertion."""

    def __init__(self, table: EventTable | None = None, actors: ActorTable | None = None,
                 parse: bool = False) -> None:
        self.table = table or default_event_table()
        self.actor_table = actors or default_actor_table()
        self.parse = parse
        self._nlp: Any = None
        known = self.actor_table.classes
        self._triggers = PhraseIndex()
        for n, rule in enumerate(self.table.rules):
            for c in rule.conditions:
                if c.key in ACTOR_KEYS and not c.classes <= known:
                    raise InputError(f"{self.table.path}:{rule.line}: unknown actor class "
                                     f"{', '.join(sorted(c.classes - known))} (the actor table has "
                                     f"{', '.join(sorted(known))})")
            for phrase in rule.phrases:
                self._triggers.add(phrase, n)
        self._actors = PhraseIndex()
        for order, entry in enumerate(self.actor_table.entries):
            for phrase in entry.phrases:
                self._actors.add(phrase, (order, entry))
        self._tolls = PhraseIndex()
        for phrase in self.table.tolls:
            self._tolls.add(phrase, None)
        self._keys = self._triggers.key_words(lambda n: self.table.rules[n].event_type is not None)
        self._needed_forms = _NeededForms(frozenset().union(*(n for needs in self._keys.values() for n in needs)))
        self._own_words = [_own_words(rule) for rule in self.table.rules]  # by row, for _holds
        self._any_prefix = bool(self._triggers._prefixed)

    def read(self, sentence: str, around: tuple[str, ...] = ()) -> EventReading | None:
        """What the sentence reports happened; None when it reports no event. ``around``: the sentences
        before and after it in its paragraph, where a row's "around:" condition may find its words."""
        return self.read_all([sentence], [around])[0]

    def read_all(self, sentences: Sequence[str], around: Sequence[tuple[str, ...]] = ()) -> list[EventReading | None]:
        """Each sentence read (``around``: the sentences before and after each in its paragraph)."""
        found = [self._triggered(s, around[k] if k < len(around) else ()) for k, s in enumerate(sentences)]
        if self.parse:
            marked = [k for k, f in enumerate(found) if f is not None]
            for k, doc in zip(marked, self._nlp_pipe([sentences[k] for k in marked]), strict=True):
                found[k].doc = doc
        return [self._reading(f) if f is not None else None for f in found]

    def might_report(self, sentence: str) -> bool:
        """A cheap test: does the sentence hold a word some trigger needs?"""
        if self._any_prefix:
            return True
        # Only the forms some trigger needs: a trigger's words are all held or not, whatever else is.
        held = frozenset().union(*map(self._needed_forms.__getitem__, _HYPHENED_WORD.findall(sentence)))
        return any(needed <= held for key in held & self._keys.keys() for needed in self._keys[key])

    def _nlp_pipe(self, texts: list[str]) -> list[Any]:
        if not texts:
            return []
        if self._nlp is None:
            import spacy

            try:  # tagger and parser only: NER is the recogniser's, inflections are ours
                self._nlp = spacy.load(spacy_model(), exclude=["ner", "lemmatizer", "senter"])
            except OSError as exc:
                raise PipelineError(f"spaCy pipeline {spacy_model()!r} cannot be loaded ({exc})") from None
            freeze_loaded()
        return list(self._nlp.pipe(texts, batch_size=64))

    def _triggered(self, sentence: str, around: tuple[str, ...] = ()) -> _Sentence | None:
        if not self.might_report(sentence):
            return None
        w = words(sentence)
        rules = self.table.rules
        triggers = self._triggers.find(w)
        if not any(rules[n].event_type for _, _, n in triggers):
            return None  # only words of 'not' rows ("died", "served"): nothing to read, nothing to parse
        s = _Sentence(w, triggers, around=around)
        s.actors = self._find_actors(w)
        # Parse only a sentence where some trigger has a row whose conditions on words and actors hold
        # (who acts and who is acted on wait for the parse): the others report no event either way.
        if not any(rules[n].event_type and self._holds(n, s, a, b, roles=False) for a, b, n in triggers):
            return None
        return s

    # Actors ------------------------------------------------------------------------------

    def _find_actors(self, w: Words) -> list[Actor]:
        matches = sorted(self._actors.find(w), key=lambda m: (m[0] - m[1], m[2][0], m[0]))
        taken: set[int] = set()
        chosen: list[tuple[int, int, ActorEntry]] = []
        for start, end, (_, entry) in matches:
            if taken.isdisjoint(range(start, end)):
                taken.update(range(start, end))
                chosen.append((start, end, entry))
        out: list[Actor] = []
        for start, end, entry in sorted(chosen, key=lambda m: m[0]):
            name = entry.name
            if out and out[-1].end == start and name.islower():
                prev = out.pop()
                if not prev.name.islower():  # "KFOR troops" is KFOR; "Hamas officials" hold an office
                    if entry.cls in SPEAKING:
                        out.append(Actor(prev.start, end, f"{prev.name} {name}", entry.cls))
                    else:
                        out.append(Actor(prev.start, end, prev.name, prev.cls))
                    continue
                start = prev.start  # "cattle thief": the last noun names who
                if prev.cls == "site" and entry.cls in FORCES and w.bases[end - 1] & GUARDS:
                    out.append(Actor(start, end, "civilians", "civilians"))  # "a church guard" guards it privately
                    continue
            name, start, cls = _protesting(w, name, start, end, entry.cls)
            q = start - 1
            # "a former army officer": "former" may open the run of nouns merged above, or stand before it
            if cls in FORCES and (q >= 0 and w.norms[q] in FORMER or w.norms[start] in FORMER):
                start = start if w.norms[start] in FORMER else q  # never before the sentence, nor over "a"
                name, cls = "civilians", "civilians"
            elif cls == "civilians" and q >= 0 and w.norms[q] == "armed":
                name, start, cls = f"armed {w.tokens[start:end][-1]}", q, "armed"  # "armed herders"
            elif name.islower() and cls in QUALIFIED and q >= 0 and _qualifier(w, q) and not (out and out[-1].end > q):
                name, start = f"{w.tokens[q]} {name}", q  # "Serbian police"
            name, start, cls = _gathered(w, out, name, start, cls)
            out.append(Actor(start, end, name, cls))
        return out

    # Reading -----------------------------------------------------------------------------

    def _reading(self, s: _Sentence) -> EventReading | None:
        w, rules = s.words, self.table.rules
        vetoes: list[tuple[int, int]] = []
        spans: dict[tuple[int, int], list[int]] = {}
        for start, end, n in s.triggers:
            if rules[n].event_type is None:
                if self._holds(n, s, start, end):
                    vetoes.append((start, end))
            elif start in w.past or start in w.unreal:
                continue  # "the 1941 massacre, in which troops shot thousands": recalled, not reported
            elif not _proper_name(w, start) and not _inside_actor(s.actors, start, end):
                spans.setdefault((start, end), []).append(n)
        phrases = [(a, b) for a, b in vetoes if b - a > 1]
        if phrases:  # conditions read from here on skip the phrases "not" rows matched (a lone word stays)
            s.vetoed, s.found = phrases, {}
            # and so do the other "not" rows: "a blast that residents mistook for a rocket attack" tells no
            # violence against a boiler's explosion being an accident
            vetoes += [(a, b) for a, b, n in s.triggers if rules[n].event_type is None and (a, b) not in vetoes
                       and self._holds(n, s, a, b)]
        live = [_Trigger(a, b, sorted(ns)) for (a, b), ns in spans.items()
                if not any(va <= a and b <= vb for va, vb in vetoes)]
        decided: list[tuple[int, _Trigger]] = []
        for t in sorted(live, key=lambda t: t.start):
            if not self._asserted(s, t):
                continue
            n = next((n for n in t.rules if self._holds(n, s, t.start, t.end)), None)
            if n is not None:
                decided.append((n, t))
        # A longer trigger that reports something hides a shorter one inside it ("stun grenade" hides
        # "grenade"); one whose rows do not hold hides nothing ("fired tear gas" beside deaths leaves "tear gas").
        decided = [(n, t) for n, t in decided if not any(o is not t and o.start <= t.start and t.end <= o.end
                                                         and o.end - o.start > t.end - t.start for _, o in decided)]
        if not decided:
            return None
        tolls = {(a, b) for a, b, _ in self._tolls.find(w)}
        # What happened: the earliest row, but a trigger in a background clause ("after clashes") gives
        # way to one outside it that tells more than a toll ("police arrested 20", not "two were killed").
        told = any(t.start not in w.background and (t.start, t.end) not in tolls for _, t in decided)
        n, best = min(decided, key=lambda d: (told and d[1].start in w.background, d[0], d[1].start))
        rule = rules[n]
        same = [t for m, t in decided if rules[m].event_type == rule.event_type]
        evidence = tuple(dict.fromkeys(w.span_text(t.start, t.end) for t in sorted(same, key=lambda t: t.start)))
        counts = read_counts(w, best.start)  # not the dead of what came before it ("after a man died")
        # a row that only rules out whom it was done to ("!target:@unarmed") decided it for want of a victim;
        # one that rules out people ("!target:civilians") for a place acted on too ("torched houses")
        target = self._roles(s, best.start, best.end).target
        ruled_out = {cls for c in rule.conditions if c.key == "target" and c.negated for cls in c.classes}
        victim_untold = bool(ruled_out) and not any(
            c.key in ("target", "party") and not c.negated for c in rule.conditions) \
            and (target is None or target.cls in NOT_ACTOR_CLASSES and "civilians" in ruled_out)
        return EventReading(rule.event_type, rule.sub_event_type, evidence,
                            self._confidence(rule, best, len(same), s.doc is not None),
                            self._actor_names(s, best), counts.fatalities, counts.fatalities_text,
                            counts.injuries, counts.injuries_text,
                            background_only=all(t.start in w.background for _, t in decided),
                            victim_untold=victim_untold, scene=sets_scene(w, [t.start for _, t in decided], s.doc,
                                                                   frozenset(a.end - 1 for a in s.actors)))

    def _confidence(self, rule: Rule, best: _Trigger, agreeing: int, parsed: bool) -> float:
        value = 0.5
        value += 0.2 if any(not c.negated for c in rule.conditions) else 0.0
        value += 0.1 if best.end - best.start > 1 else 0.0
        value += 0.1 if agreeing > 1 else 0.0
        value += 0.1 if parsed else 0.0
        return round(min(value, MAX_CONFIDENCE), 2)

    def _actor_names(self, s: _Sentence, best: _Trigger) -> tuple[str, ...]:
        roles = self._roles(s, best.start, best.end)
        start, end = s.words.segment_of(best.start)
        around = [a for a in s.actors if start <= a.start < end]
        names = [a.name for a in (*roles.parties, *around, *s.actors) if a.cls not in NOT_ACTOR_CLASSES]
        return tuple(dict.fromkeys(names))[:2]

    def _asserted(self, s: _Sentence, t: _Trigger) -> bool:
        root = self._root(s, t)
        if root is not None:
            span = s.doc.char_span(s.words.starts[t.start], s.words.ends[t.end - 1], alignment_mode="expand")
            return tree_asserted(root, range(span.start, span.end)) and window_asserted(s.words, t.start,
                                                                                         governors=False)
        return window_asserted(s.words, t.start)

    def _root(self, s: _Sentence, t: _Trigger) -> Any:
        if s.doc is None:
            return None
        span = s.doc.char_span(s.words.starts[t.start], s.words.ends[t.end - 1], alignment_mode="expand")
        return span.root if span is not None else None

    def _roles(self, s: _Sentence, start: int, end: int) -> Roles:
        window = window_roles(s.words, start, end, s.actors)
        root = self._root(s, _Trigger(start, end, []))
        if root is None:
            return window
        tree = tree_roles(root, s.words, s.actors)  # the parse's, and the window's where it has none
        agent, target = tree.agent or window.agent, tree.target or window.target
        return Roles(agent, target, tuple(dict.fromkeys(a for a in (agent, target, *tree.parties, *window.parties)
                                                        if a is not None)))

    def _holds(self, n: int, s: _Sentence, start: int, end: int, roles: bool = True) -> bool:
        """Whether the conditions of row ``n`` (of the table's rules) hold for the trigger at start..end;
        with ``roles`` False, its conditions on who acts and who is acted on only ask for an actor of their
        classes."""
        rule = self.table.rules[n]
        found_roles: Roles | None = None
        for c in rule.conditions:
            if c.key in ("agent", "target", "party"):
                if not roles:  # not yet known; but a role's class must be some actor's
                    if not c.negated and not any(a.cls in c.classes for a in s.actors):
                        return False
                    continue
                found_roles = found_roles or self._roles(s, start, end)
                found = {"agent": [found_roles.agent], "target": [found_roles.target],
                         "party": found_roles.parties}[c.key]
                ok = any(a is not None and a.cls in c.classes for a in found)
            elif c.key == "any":  # who says so (", police said") takes no part
                ok = any(a.cls in c.classes and s.words.segments[a.start] not in s.words.attributions
                         for a in s.actors)
            elif c.key == "beside":  # in the sentence, outside its background clauses or in the trigger's own
                # what rules a row out must be told, not urged or feared ("called on all sides to keep schools
                # out of the fighting" tells no fight)
                ok = any(not start <= a < end and (a not in s.words.background or _one_background(s.words, a, start))
                         and (not c.negated or window_asserted(s.words, a))
                         for a, _, _ in s.anywhere(c))
            elif c.key == "around":  # in the sentence, or one beside it ("Two bodies were found ... One had a
                # bullet wound to the head")
                ok = bool(s.anywhere(c)) or s.told_around(c)
            elif c.key == "near":
                ok = _near(s, c, start, end)
            elif c.negated and rule.event_type:  # words an event row's trigger itself names rule nothing out
                # ("a strike on a motorcycle" is no road accident); a "not" row's stay ("shoot" is violence);
                # nor does a charge ("arrested four men for rioting" is an arrest, no riot's)
                own = self._own_words[n]
                ok = any(not (start <= a and b <= end and all(s.words.bases[x] & own for x in range(a, b)))
                         and not a_charge(s.words, a) for a, b, _ in s.anywhere(c))
            elif c.negated:  # what rules a "not" row out must not be denied ("denied that fighting had broken
                # out, saying the explosions came from a quarry blasting rock")
                ok = any(not denied(s.words, a) for a, _, _ in s.anywhere(c))
            else:
                ok = bool(s.anywhere(c))
            if ok == c.negated:
                return False
        return True


_SENTENCE_OPENERS = {"“", '"', ":", "—", "–", "(", "-", "'", "‘"}
_SPEAKS = {"said", "says", "told", "added", "stated", "noted", "wrote", "explained"}


def _near(s: _Sentence, c: Condition, start: int, end: int) -> bool:
    """Whether one of the condition's phrases stands near the trigger at start..end, in its clause: two words
    before it or four after. A name beside the trigger is no word of its own ("marched from the Eternal Flame");
    the subject a participle phrase qualifies is beside its verb ("a drone launched from the river bank hit")."""
    seg_start, seg_end = s.words.segment_of(start)
    lo, hi = max(seg_start, start - NEAR_BEFORE), min(seg_end, end + NEAR_AFTER)
    if any(not (start <= a < end) and not _in_name(s.actors, a, b) and not _proper_name(s.words, a)
           for a, b, _ in c.phrases.find(s.words, (lo, hi))):
        return True
    subject = qualified_subject(s.words, start, end, seg_start)
    return subject is not None and any(a == subject for a, _, _ in c.phrases.find(s.words, (subject, subject + 1)))


def _own_words(rule: Rule) -> frozenset[str]:
    """The words a row's triggers name (not what their gaps let in)."""
    return frozenset(value for phrase in rule.phrases for mode, value in phrase if mode != "gap")


def _one_background(w: Words, a: int, b: int) -> bool:
    """Tokens a and b lie in one background clause ("after the club won the cup with a penalty shoot-out")."""
    lo, hi = min(a, b), max(a, b)
    return all(k in w.background for k in range(lo, hi + 1))


def _inside_actor(actors: list[Actor], start: int, end: int) -> bool:
    """A trigger inside a longer actor's name is part of the name: "riot police" is no riot."""
    return any(a.start <= start and end <= a.end and a.end - a.start > end - start for a in actors)


def _in_name(actors: list[Actor], start: int, end: int) -> bool:
    """Words inside an actor's name before its last word qualify it: "riot police" is no riot
    (but "troops" in "Ukrainian troops" are troops)."""
    return any(a.start <= start and end < a.end for a in actors)


# Words that end a street's name: "Court Street", "Church Road" name no court and no church
STREET_NOUNS = frozenset({"street", "road", "avenue", "boulevard", "highway", "lane", "drive", "square"})


def _street_name(w: Words, start: int, end: int) -> bool:
    """Capitalised words inside a sentence just before a street noun in title case are the street's name."""
    return (start > 0 and end < len(w.tokens) and w.tokens[end].istitle() and w.norms[end] in STREET_NOUNS
            and all(w.tokens[k][:1].isupper() for k in range(start, end)))


# "no arrests were made", "without a single arrest", "not a shot was fired": what the sentence says did not happen
_NONE_OF = {"no", "without", "not"}
_NONE_FILLERS = {"a", "an", "any", "single"}


def _denied_noun(w: Words, k: int) -> bool:
    """Whether the phrase at token k is denied by "no", "without" or "not a single" just before it."""
    j = k - 1
    while j >= 0 and k - j <= 3 and w.norms[j] in _NONE_FILLERS:
        j -= 1
    return j >= 0 and w.norms[j] in _NONE_OF and (w.norms[j] != "not" or j < k - 1)


def _proper_name(w: Words, k: int) -> bool:
    """A capitalised trigger word inside a sentence is a name ("Councilman Bill Banning", "Battle
    Creek", "Lynch said"); an acronym (IED) and a headline's words are not."""
    token = w.tokens[k]
    if not token[:1].isupper() or token.isupper() and len(token) <= 5:
        return False
    if k == 0 or w.tokens[k - 1] in _SENTENCE_OPENERS:
        return k + 1 < len(w.norms) and w.norms[k + 1] in _SPEAKS
    return not w.headline


def _protesting(w: Words, name: str, start: int, end: int, cls: str) -> tuple[str, int, str]:
    """Unarmed people protesting are protesters: "women protesting outside a school", "residents protesting
    power cuts", "striking miners", "marching students" (not "blocking": a thing in the way)."""
    if cls not in ("civilians", "community"):
        return name, start, cls
    if end < len(w.norms) and w.norms[end] in PROTESTING:
        return name, start, "protesters"
    if start and w.norms[start - 1] in PROTESTING - {"blocking"}:
        return "protesters", start - 1, "protesters"
    return name, start, cls


def _gathered(w: Words, out: list[Actor], name: str, start: int, cls: str) -> tuple[str, int, str]:
    """People many of whom a collective gathers are a community acting together; the collective's own
    reading ("gang": armed), already in ``out``, gives way to them."""
    k = _collective(w, start) if cls in ("civilians", "community") else None
    if k is None:
        return name, start, cls
    while out and out[-1].end > k:
        out.pop()
    return "community", k, "community"


def _collective(w: Words, start: int) -> int | None:
    """The token of a collective noun that gathers many of the people named at ``start`` ("a *gang* of
    around 20 youths"), or None; a few ("a group of men", "a gang of three") attack as anyone does."""
    k, many = start - 1, False
    while k >= 0 and (w.norms[k] == "of" and k and w.norms[k - 1] in MANY  # "a gang of dozens of youths"
                      or w.norms[k] != "of" and (w.norms[k] in COUNT_HEDGES or number(w, k) is not None)):
        count = number(w, k) if w.norms[k] != "of" else None
        many = many or w.norms[k] in MANY or count is not None and (count[0] or 0) >= MOB_SIZE
        k -= 1
    if not many or k < 1 or w.norms[k] != "of" or not w.bases[k - 1] & COLLECTIVES:
        return None
    return k - 1


def _qualifier(w: Words, q: int) -> bool:
    """A capitalised word that names whose a generic actor is ("Serbian" police)."""
    token = w.tokens[q]
    return token[:1].isupper() and token.replace("-", "").isalpha() and w.norms[q] not in _NOT_QUALIFIERS
