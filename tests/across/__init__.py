"""Suites that cut across the package: properties, limits, concurrency, the corpus of bad
inputs, the examples against their published reports, the docs, imports and the wheel."""
