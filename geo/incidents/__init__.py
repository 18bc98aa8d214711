"""Stage 6: incidents, what happened where and when, who took part and how many were hurt."""

from geo.incidents.dates import ResolvedDate, background, resolve_date
from geo.incidents.events import EventReader, EventReading, EventTable, default_event_table, read_event_table
from geo.incidents.merge import merge_incidents
from geo.incidents.stage import IncidentStage

__all__ = ["EventReader", "EventReading", "EventTable", "IncidentStage", "ResolvedDate", "background",
           "default_event_table", "merge_incidents", "read_event_table", "resolve_date"]
