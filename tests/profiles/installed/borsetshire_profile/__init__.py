"""A council profile installed as a Python package: its files are this package's folder."""
