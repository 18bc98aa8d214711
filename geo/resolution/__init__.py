"""Stage 3: choosing the place each mention names."""

from geo.resolution.base import Resolver, distance_km
from geo.resolution.context import ContextResolver
from geo.resolution.population import PopulationResolver

RESOLVERS = {"context": ContextResolver, "population": PopulationResolver}

__all__ = ["RESOLVERS", "ContextResolver", "PopulationResolver", "Resolver", "distance_km"]
