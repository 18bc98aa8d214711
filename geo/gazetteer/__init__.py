"""The gazetteer: named places in SQLite, looked up by folded name."""

from geo.gazetteer.store import Gazetteer, open_gazetteer

__all__ = ["Gazetteer", "open_gazetteer"]
