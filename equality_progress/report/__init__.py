"""The report's content: one authority-year assembled, display blocks, charts, and one
module per part of the report."""
