"""When an incident happened: a date expression in the sentence, resolved against the
article's date, with its precision.

"on Sunday" is the last Sunday on or before the article's date; "on January 1" and
"1 January" take the article's year (the year before when that lands more than a week after
the article); "yesterday", "last night", "today" are days; "this week" and "last week" are
the Monday of that week (precision ``week``); "this month", "last month", "in April" are the
first of that month (precision ``month``); "this year", "last year", "in 2022", "in the summer of 1992" are
years.
A sentence with several expressions takes the most precise one (the first on a tie); a
sentence with none happened on the article's date (``date_text`` is then empty).

A sentence is background (``background``), not news of the article, when the period its date
names ends more than a year before the article's date ("in 2003" in a 2009 report), or when it
names a historical period ("since 1999", "during the 1998-99 war", "World War I", "in the
1990s", "the 1992-95 siege", "ten years ago", "a decade ago") and does not date itself within the year, or when
it sums up a span in the present perfect ("clashes have killed more than 40 people since late
July", "have held repeated sit-ins this year"), or when it tells a court's judgment over a deed of such a past
("was jailed on Friday for the attempted murder of an officer in 2021").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
PRECISIONS = ("day", "week", "month", "year")

_MONTH = "|".join(MONTHS) + "|" + "|".join(m[:3] + r"\." for m in MONTHS if len(m) > 4)
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<y>(?:19|20)\d\d)"
_PART_OF_YEAR = "early|late|spring|summer|autumn|fall|winter"
_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("iso", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    ("month_day", re.compile(rf"\b(?P<mon>{_MONTH})\s+{_DAY}\b(?:,?\s+{_YEAR})?")),
    ("day_month", re.compile(rf"\b{_DAY}\s+(?P<mon>{_MONTH})\b(?:,?\s+{_YEAR})?")),
    ("weekday", re.compile(rf"\b(?P<last>last\s+)?(?P<wd>{'|'.join(WEEKDAYS)})\b")),
    ("relative_day", re.compile(r"\b(?P<rel>yesterday|today|tonight|last night|this morning|"
                                r"this afternoon|this evening)\b", re.I)),
    ("relative_week", re.compile(r"\b(?P<rel>this|last|past|previous)\s+week\b", re.I)),
    ("relative_month", re.compile(r"\b(?P<rel>this|last|previous)\s+month\b", re.I)),
    ("in_month", re.compile(rf"(?:\b(?i:in|since|during|early|late)\s+|\b(?i:mid)-)(?P<mon>{_MONTH})\b"
                            rf"(?:\s+{_YEAR})?")),
    ("relative_year", re.compile(r"\b(?P<rel>this|last)\s+year\b", re.I)),
    # "In 2003" opens many a sentence; "in the summer of 1992", "in early 2023", "during the winter of 2022" name
    # a part of a year: the year, at its precision
    ("in_year", re.compile(rf"\b(?i:in|during)\s+(?:(?i:the\s+(?:{_PART_OF_YEAR})\s+of)\s+"
                           rf"|(?i:(?:{_PART_OF_YEAR})(?:\s+of)?|mid-?)\s*)?{_YEAR}\b")),
]


@dataclass(frozen=True)
class ResolvedDate:
    date: dt.date | None
    precision: str | None
    text: str  # the expression in the sentence ("on Sunday"), empty when the article's date is used


def _month_number(name: str) -> int:
    name = name.rstrip(".")[:3].lower()
    return [m[:3].lower() for m in MONTHS].index(name) + 1


def _year_for(month: int, day: int, year: str | None, ref: dt.date) -> int:
    if year:
        return int(year)
    try:
        guess = dt.date(ref.year, month, day)
    except ValueError:
        return ref.year
    return ref.year - 1 if guess > ref + dt.timedelta(days=7) else ref.year


_ABSOLUTE = ("iso", "month_day", "day_month", "in_year")


def _resolve(kind: str, m: re.Match, ref: dt.date | None) -> tuple[dt.date, str] | None:
    g = m.groupdict()
    if kind in _ABSOLUTE or (kind == "in_month" and g.get("y")):
        return _absolute(kind, g, ref)
    return _relative(kind, g, ref) if ref is not None else None


def _absolute(kind: str, g: dict, ref: dt.date | None) -> tuple[dt.date, str] | None:
    """Dates that name their day, month or year (the year may come from the article)."""
    if kind == "iso":
        return dt.date(int(g["y"]), int(g["m"]), int(g["d"])), "day"
    if kind in ("month_day", "day_month"):
        if ref is None and not g.get("y"):
            return None
        month, day = _month_number(g["mon"]), int(g["d"])
        return dt.date(_year_for(month, day, g.get("y"), ref or dt.date.today()), month, day), "day"
    if kind == "in_year":
        return dt.date(int(g["y"]), 1, 1), "year"
    return dt.date(int(g["y"]), _month_number(g["mon"]), 1), "month"  # "in April 2023"


def _relative(kind: str, g: dict, ref: dt.date) -> tuple[dt.date, str] | None:
    """Dates counted from the article's: "on Sunday", "last week", "in April"."""
    rel = (g.get("rel") or "").lower()
    if kind == "weekday":
        back = (ref.weekday() - WEEKDAYS.index(g["wd"])) % 7
        if g.get("last") and back == 0:
            back = 7
        return ref - dt.timedelta(days=back), "day"
    if kind == "relative_day":
        return ref - dt.timedelta(days=1 if rel in ("yesterday", "last night") else 0), "day"
    if kind == "relative_week":
        monday = ref - dt.timedelta(days=ref.weekday())
        return monday - dt.timedelta(days=0 if rel == "this" else 7), "week"
    if kind == "relative_month":
        first = ref.replace(day=1)
        return (first if rel == "this" else (first - dt.timedelta(days=1)).replace(day=1)), "month"
    if kind == "in_month":
        month = _month_number(g["mon"])
        return dt.date(ref.year - (month > ref.month), month, 1), "month"
    if kind == "relative_year":
        return dt.date(ref.year - (rel == "last"), 1, 1), "year"
    return None


_ANY_MONTH = re.compile(rf"\b(?:{_MONTH})")
_RELATIVE_DAY = ("yesterday", "today", "tonight", "night", "morning", "afternoon", "evening")


def _worth_trying(kind: str, sentence: str, lowered: str, has_digit: bool, has_month: bool) -> bool:
    """A cheap test that a pattern can match at all (most sentences have no date)."""
    if kind in ("iso", "in_year"):
        return has_digit
    if kind in ("month_day", "day_month"):
        return has_digit and has_month
    if kind == "in_month":
        return has_month
    if kind == "weekday":
        return "day" in sentence
    if kind == "relative_day":
        return any(w in lowered for w in _RELATIVE_DAY)
    return kind.split("_")[1] in lowered  # relative_week, relative_month, relative_year


def resolve_date(sentence: str, article_date: dt.date | None) -> ResolvedDate:
    """The date a sentence reports, resolved against the article's date."""
    found: list[tuple[int, int, dt.date, str, str]] = []
    lowered = sentence.lower()
    has_digit = any(c.isdigit() for c in sentence)
    has_month = bool(_ANY_MONTH.search(sentence))
    for kind, pattern in _PATTERNS:
        if not _worth_trying(kind, sentence, lowered, has_digit, has_month):
            continue
        for m in pattern.finditer(sentence):
            try:
                resolved = _resolve(kind, m, article_date)
            except (ValueError, OverflowError):  # February 30; "yesterday" of 1 January of year 1
                continue
            if resolved:
                date, precision = resolved
                found.append((PRECISIONS.index(precision), m.start(), date, precision, m.group(0).strip()))
    if found:
        _, _, date, precision, text = min(found)
        return ResolvedDate(date, precision, text)
    return ResolvedDate(article_date, "day" if article_date else None, "")


# Spans back from the news that are history, however they are counted: "ten years ago", "a hundred years
# ago", "years ago", "a decade ago", "half a century ago", "a generation ago" (not "a year ago", "months ago").
LONG_SPANS = frozenset({"years", "decade", "decades", "century", "centuries", "generation", "generations"})
_LONG_AGO = rf"(?i:\b(?:{'|'.join(sorted(LONG_SPANS))})\s+ago\b)"
_HISTORICAL_NAMES = re.compile(
    r"\bWorld\s+War\s+(?:I{1,2}|One|Two|1|2)\b|\b(?:First|Second|Great)\s+World\s+War\b|\bWWI{1,2}\b|\bWW[12]\b"
    r"|\b(?:Cold|Vietnam|Korean|Gulf|Balkan|Yugoslav|Bosnian|Kosovo|Croatian|Napoleonic|Revolutionary)\s+[Ww]ars?\b"
    r"|\bthe\s+Civil\s+War\b|\bthe\s+Holocaust\b|\b\d{1,2}(?:st|nd|rd|th)\s+century\b"
    rf"|{_LONG_AGO}")
# "Thirty years ago this week", "A decade ago today": the present phrase dates the anniversary; the event lies
# the years before it
_AGO_BEFORE = re.compile(rf"{_LONG_AGO}\s*,?\s*$")
_SINCE_YEAR = re.compile(r"\bsince\s+(?:the\s+)?(?P<y>(?:19|20)\d\d)\b(?!\s*[-–])")
_YEAR_RANGE = re.compile(r"\b(?P<a>(?:19|20)\d\d)\s*[-–/]\s*(?P<b>\d{2}|(?:19|20)\d\d)\b")
# "in 1389", "of 1912": years before 1900 are history whatever the article's date
_OLD_YEAR = re.compile(r"\b(?:in|of|since|from|until|by)\s+(?:the\s+)?(?P<y>1[0-8]\d\d)\b")
# "the 1995 massacre", "the 1999 NATO bombing": a year naming an event
_YEAR_OF_EVENT = re.compile(r"\b[Tt]he\s+(?P<y>(?:19|20)\d\d)\s+(?!(?:and|to|or|in|on|at)\b)[A-Za-z]")
_DECADE = re.compile(r"\b(?:the\s+|early\s+|late\s+|mid-)(?P<y>(?:19|20)\d0)s\b")
# "the worst violence since 1999" compares with the past; the event itself is news.
_COMPARISON = re.compile(r"\b(?:first|worst|deadliest|biggest|largest|highest|heaviest|most|fiercest|bloodiest|"
                         r"serious|time|ever)\W+(?:\w+\W+){0,2}$", re.I)


def _period_end(when: ResolvedDate) -> dt.date | None:
    """The last day of the period a resolved date names (its day, week, month or year)."""
    if when.date is None:
        return None
    if when.precision == "year":
        return when.date.replace(month=12, day=31)
    if when.precision == "month":
        if when.date.month == 12:
            return when.date.replace(day=31)
        return when.date.replace(month=when.date.month + 1, day=1) - dt.timedelta(days=1)
    if when.precision == "week":
        return when.date + dt.timedelta(days=min(6, (dt.date.max - when.date).days))
    return when.date


def _year_before(day: dt.date) -> dt.date:
    if day.year == dt.MINYEAR:
        return dt.date.min
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # February 29
        return day.replace(year=day.year - 1, day=28)


def _historical_years(sentence: str) -> list[int]:
    """The last year of each historical period the sentence names by its years."""
    years = []
    for m in _SINCE_YEAR.finditer(sentence):
        if not _COMPARISON.search(sentence[:m.start()]):
            years.append(int(m.group("y")))
    for m in _YEAR_RANGE.finditer(sentence):
        a, b = m.group("a"), m.group("b")
        years.append(int(b) if len(b) == 4 else int(a[:2] + b) + (100 if int(b) < int(a[2:]) else 0))
    years += [int(m.group("y")) + 9 for m in _DECADE.finditer(sentence)]
    years += [int(m.group("y")) for pattern in (_OLD_YEAR, _YEAR_OF_EVENT) for m in pattern.finditer(sentence)]
    return years


# A running total or a habit over a span, in the present perfect: "clashes have killed more than 40
# people since late July", "relatives have held repeated sit-ins this year". It sums up what came before
# the news, in the clause of its verb; "have been holding a sit-in since Sunday" (the progressive) is going on,
# and news, and so is "have killed 12 people, bringing the toll this year to 40".
_RUNNING = re.compile(
    r"\b(?:have|has)\s+(?!been\s+\w+ing\b)(?:\w+ly\s+)?(?:been\s+)?\w+\b[^.;,]*?"
    rf"(?:\bsince\s+(?:(?:late|early|mid)\b|the\s+(?:start|beginning|end)\b|last\b|{_MONTH}|(?:19|20)\d\d\b)"
    r"|\bthis\s+year\b|\bso\s+far\b|\bin\s+recent\s+(?:days|weeks|months|years)\b"
    r"|\bover\s+the\s+(?:past|last)\s+\w+|\brepeated\b)", re.I)


# A court's judgment ("was jailed ... for the attempted murder ... in 2022", "sentenced ... for a 2021 drive-by
# shooting", "the retrial ... over the 2019 riot"): the deed it judged is of its own past, the judgment no event;
# not one said of who someone is ("the gunman, who was jailed in 2015, opened fire")
_JUDGED = re.compile(r"\b(?:jailed|sentenced|convicted|acquitted|retrial|trial|pleaded\s+guilty)\b", re.I)
_RELATIVE_BEFORE = re.compile(r"\b(?:who|whom|which|that)\s+(?:\w+\s+){0,2}$", re.I)
_ANY_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _judged_past(sentence: str, reference: dt.date) -> bool:
    """Whether the sentence tells a court's judgment over a deed of a year before the year before the article."""
    m = _JUDGED.search(sentence)
    if m is None or _RELATIVE_BEFORE.search(sentence[:m.start()]):
        return False
    cutoff = _year_before(reference).year
    return any(int(y.group(0)) < cutoff for y in _ANY_YEAR.finditer(sentence, m.end()))


def _anniversary(sentence: str, date_text: str) -> bool:
    """Whether the sentence's date follows a span of years ago ("Thirty years ago this week, ...")."""
    at = sentence.find(date_text)
    return at > 0 and _AGO_BEFORE.search(sentence[:at]) is not None


def background(sentence: str, when: ResolvedDate, article_date: dt.date | None) -> bool:
    """Whether the sentence tells background rather than news of the article: its date's
    period ends more than a year before the article's, or it names a historical period and
    does not date itself within the year before the article, or it sums up a span in the present
    perfect ("have killed more than 40 people since late July")."""
    if _RUNNING.search(sentence.split(";")[0]):
        return True
    first_clause = sentence.split(";")[0]
    if first_clause != sentence:  # "Dubrovnik was shelled in 1991; today ...": the first clause's own date
        own = resolve_date(first_clause, article_date)
        when = own if own.text else when
    end = _period_end(when)
    cutoff = _year_before(article_date) if article_date else None
    if end is not None and cutoff is not None and end < cutoff:
        return True
    if when.text and _anniversary(sentence, when.text) or _judged_past(sentence, article_date or dt.date.today()):
        return True
    if when.text and (cutoff is None or end is None or end >= cutoff):
        return False  # "on Sunday, the worst violence since 1999": the sentence dates itself
    if _HISTORICAL_NAMES.search(sentence):
        return True
    reference = article_date or dt.date.today()
    return any(year < _year_before(reference).year for year in _historical_years(sentence))
