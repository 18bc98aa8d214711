"""Stage 6: writing results out (GeoJSON, maps)."""
