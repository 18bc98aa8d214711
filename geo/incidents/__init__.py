"""Stage 6: incidents, what happened where and when (types, dates, merging sources)."""

from geo.incidents.dates import ResolvedDate, resolve_date
from geo.incidents.extract import INCIDENT_COLUMNS, incidents_from_mentions
from geo.incidents.types import Classification, Lexicon, default_lexicon, read_lexicon

__all__ = ["INCIDENT_COLUMNS", "Classification", "Lexicon", "ResolvedDate", "default_lexicon",
           "incidents_from_mentions", "read_lexicon", "resolve_date"]
