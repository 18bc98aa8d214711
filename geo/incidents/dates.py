"""When an incident happened: a date expression in the sentence, resolved against the
article's date, with its precision.

"on Sunday" is the last Sunday on or before the article's date; "on January 1" and
"1 January" take the article's year (the year before when that lands more than a week after
the article); "yesterday", "last night", "today" are days; "this week" and "last week" are
the Monday of that week (precision ``week``); "this month", "last month", "in April" are the
first of that month (precision ``month``); "this year", "last year", "in 2022" are years.
A sentence with several expressions takes the most precise one (the first on a tie); a
sentence with none happened on the article's date (``date_text`` is then empty).
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
_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("iso", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    ("month_day", re.compile(rf"\b(?P<mon>{_MONTH})\s+{_DAY}\b(?:,?\s+{_YEAR})?")),
    ("day_month", re.compile(rf"\b{_DAY}\s+(?P<mon>{_MONTH})\b(?:,?\s+{_YEAR})?")),
    ("weekday", re.compile(rf"\b(?P<last>last\s+)?(?P<wd>{'|'.join(WEEKDAYS)})\b")),
    ("relative_day", re.compile(r"\b(?P<rel>yesterday|today|tonight|last night|this morning|"
                                r"this afternoon|this evening)\b", re.I)),
    ("relative_week", re.compile(r"\b(?P<rel>this|last|past|previous)\s+week\b", re.I)),
    ("relative_month", re.compile(r"\b(?P<rel>this|last|previous)\s+month\b", re.I)),
    ("in_month", re.compile(rf"(?:\b(?:in|since|during|early|late)\s+|\bmid-)(?P<mon>{_MONTH})\b(?:\s+{_YEAR})?")),
    ("relative_year", re.compile(r"\b(?P<rel>this|last)\s+year\b", re.I)),
    ("in_year", re.compile(rf"\bin\s+{_YEAR}\b")),
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
            except ValueError:  # February 30 and the like
                continue
            if resolved:
                date, precision = resolved
                found.append((PRECISIONS.index(precision), m.start(), date, precision, m.group(0).strip()))
    if found:
        _, _, date, precision, text = min(found)
        return ResolvedDate(date, precision, text)
    return ResolvedDate(article_date, "day" if article_date else None, "")
