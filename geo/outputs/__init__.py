"""Stage 7: writing results out (GeoJSON, maps)."""
