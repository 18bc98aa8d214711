"""Stage 4: the geometry a mention means (points, polygons, parts of them, border lines)."""

from geo.geometry.stage import BORDER_CODE, GeometryStage

__all__ = ["BORDER_CODE", "GeometryStage"]
