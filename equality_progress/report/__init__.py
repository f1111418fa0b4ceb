"""The report's content: the model, display blocks, charts, one module per part of the report."""
