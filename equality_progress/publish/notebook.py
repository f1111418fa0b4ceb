"""The executed notebook as published (``report.ipynb``, the audit trail): what differs
between runs or machines stripped, and the run summary its last cell hands to the batch.
Standard library only, like :mod:`equality_progress.report.mime`, so that the batch process
reads executed notebooks without importing pandas."""

from __future__ import annotations

from equality_progress.report.mime import SUMMARY_MIME


def clean_notebook(nb):  # noqa: ANN001, ANN201 (nbformat.NotebookNode, imported lazily)
    """Strip what differs between runs or machines: timestamps, durations, paths."""
    pm = nb.metadata.get("papermill", {})
    for key in (
        "start_time",
        "end_time",
        "duration",
        "input_path",
        "output_path",
        "environment_variables",
        "exception",
    ):
        pm.pop(key, None)
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.id = "injected-parameters"  # papermill gives it a random id
    return nb


def run_summary(nb) -> dict:  # noqa: ANN001
    """The status counts and warnings the notebook's last cell hands to the batch."""
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if SUMMARY_MIME in data:
                return data[SUMMARY_MIME]
    return {"status_counts": {}, "warnings": []}
