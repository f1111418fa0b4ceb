"""Inputs: folders, settings and params, the catalogue, data contracts, loading, the memo."""
