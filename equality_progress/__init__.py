"""Annual equality progress reports, computed reproducibly from an authority's own data."""

__version__ = "0.1.0"
