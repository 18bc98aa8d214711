"""The supported services, each registered here once (its module says how to call and read it)."""

from __future__ import annotations

from geo.errors import InputError
from geo.resolution.online import arcgis, nominatim, photon
from geo.resolution.online.base import Service

SERVICES: dict[str, Service] = {s.name: s for s in (nominatim.SERVICE, photon.SERVICE, arcgis.SERVICE)}


def service(name: str) -> Service:
    """The supported service of that name; an InputError naming the choices otherwise."""
    found = SERVICES.get(name.strip().lower())
    if found is None:
        raise InputError(f"unknown online geocoder {name!r}; choose one of {', '.join(SERVICES)}")
    return found
