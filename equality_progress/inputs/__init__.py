"""Inputs: settings and params, the catalogue, data contracts, reading and checking each
file and the files together, and the memo of checked inputs."""
