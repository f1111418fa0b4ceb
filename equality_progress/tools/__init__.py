"""Tools that reports never import: the sample-data generator and the init scaffold."""
