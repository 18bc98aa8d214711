"""How much detail a polygon keeps.

1:10m country polygons are more than a news map needs: parts ("northern Kosovo"), borders
and shapes are cut from them simplified to about 200 m. A whole country or macro-region is
drawn (and written) coarser still, at 1% of its radius (Serbia about 2 km, the United
States about 20 km), which keeps its outline and cuts the GeoJSON of a country mention
several times over. ``geo data build`` stores both for the countries, so no run simplifies
them again; the geometry stage does the same for the regions it unites.
"""

from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from geo.geometry.parts import KM_PER_DEGREE, radius_km

DETAIL_DEGREES = 0.002  # about 200 m
OUTLINE_SHARE = 0.01


def simplified(geometries: np.ndarray) -> np.ndarray:
    """The shapes at 200 m (vectorised over an array of geometries)."""
    return shapely.simplify(np.asarray(geometries, dtype=object), DETAIL_DEGREES, preserve_topology=True)


def outline_tolerance(shape: BaseGeometry) -> float:
    return max(DETAIL_DEGREES, OUTLINE_SHARE * round(radius_km(shape), 1) / KM_PER_DEGREE)


def outlines(geometries: np.ndarray) -> np.ndarray:
    """The whole shapes as they are drawn: each at 1% of its own radius."""
    geometries = np.asarray(geometries, dtype=object)
    tolerances = np.array([outline_tolerance(g) if g is not None and not g.is_empty else DETAIL_DEGREES
                           for g in geometries])
    return shapely.simplify(geometries, tolerances, preserve_topology=True)
