"""Which incidents (or place mentions) a map or an export shows: a date range, event types,
and whether background counts.

An incident is kept when its own date lies in the range; a place mention (``--places``)
when its article's date does. Anything without a date is left out once a bound is given:
it cannot be said to lie in the range. A type names an event type or a sub-event type.
Background (events a year or more before their article, or of a named historical period) is
left out unless asked for.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from geo.errors import InputError

if TYPE_CHECKING:
    import geopandas as gpd

    from geo.incidents.events import EventTable


@dataclass(frozen=True)
class Selection:
    since: dt.date | None = None
    until: dt.date | None = None
    types: tuple[str, ...] = ()
    background: bool = False

    def check(self, table: EventTable) -> Selection:
        """The selection itself, once every type it names is one of the table's event types
        or sub-event types."""
        known = [*table.event_types, *(s for t in table.event_types for s in table.sub_event_types(t))]
        unknown = [t for t in self.types if t not in known]
        if unknown:
            raise InputError(f"--type {unknown[0]!r}: choose an event type ({', '.join(table.event_types)}) "
                             "or one of their sub-event types")
        return self

    def _in_range(self, dates: pd.Series) -> pd.Series:
        days = dates.astype(object).where(dates.notna(), "").astype(str).str.slice(0, 10)
        keep = pd.Series(True, index=dates.index)
        if self.since or self.until:
            keep &= days != ""
        if self.since:
            keep &= days >= self.since.isoformat()
        if self.until:
            keep &= days <= self.until.isoformat()
        return keep

    def incidents(self, frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
        """The incidents of the selected types dated within the range."""
        keep = self._in_range(frame["date"])
        if self.types:
            keep &= frame["event_type"].isin(self.types) | frame["sub_event_type"].isin(self.types)
        if not self.background and "background" in frame.columns:
            keep &= ~frame["background"].fillna(False).astype(bool)
        return frame[keep]

    def mentions(self, frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
        """The place mentions of articles dated within the range (types do not apply)."""
        return frame[self._in_range(frame["date"])]
