"""geo: an offline-first geoparser and incident-map maker for news about a region."""

__version__ = "0.1.0"
