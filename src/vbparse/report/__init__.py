"""The report: cover, sections and goal tree, values, checks and provenance, built into the typed model."""
