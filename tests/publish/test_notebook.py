"""The published notebook: what differs between runs or machines is stripped."""

import nbformat

from equality_progress.publish.notebook import clean_notebook


def test_clean_notebook_strips_timings_and_paths():
    nb = nbformat.v4.new_notebook()
    nb.metadata["papermill"] = {
        "start_time": "t",
        "end_time": "t",
        "duration": 1.0,
        "input_path": "/home/me/x.ipynb",
        "output_path": "/tmp/y",
        "parameters": {"year": "2024-25"},
    }
    cell = nbformat.v4.new_code_cell("x")
    cell.metadata.update(
        {"papermill": {"duration": 1}, "execution": {"iopub": "t"}, "tags": ["injected-parameters"]}
    )
    nb.cells = [cell]
    out = clean_notebook(nb)
    assert out.metadata["papermill"] == {"parameters": {"year": "2024-25"}}
    assert out.cells[0].metadata == {"tags": ["injected-parameters"]}
    assert out.cells[0].id == "injected-parameters"
