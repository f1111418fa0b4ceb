"""Raw tables from an authority's files: CSV in UTF-8 (with or without Excel's byte-order
mark) or Windows-1252, and Excel workbooks, every cell as text with the row number the
analyst's spreadsheet shows."""

from __future__ import annotations

from datetime import date, datetime
from io import BytesIO
from pathlib import Path

import openpyxl
import pytest

from equality_progress.inputs.checking import NOTE, errors, read_checked
from equality_progress.inputs.contracts import CONTRACTS
from equality_progress.inputs.tables import (
    Table,
    cell_text,
    decode,
    notes_below,
    read_csv,
    read_table,
    read_xlsx,
)

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "bad_inputs"


def test_excel_csv_utf8_with_byte_order_mark_is_read():
    frame, problems = read_checked(CORPUS / "byte_order_mark.csv", CONTRACTS["workforce"], "w")
    assert errors(problems) == [] and frame.columns[0] == "employee_id"


def test_windows_1252_csv_is_read_with_its_pound_sign():
    raw = (CORPUS / "latin1_encoding.csv").read_bytes()
    assert b"\xa3" in raw  # '£' as Windows-1252 writes it, not valid UTF-8
    frame, problems = read_checked(CORPUS / "latin1_encoding.csv", CONTRACTS["workforce"], "w")
    assert errors(problems) == []
    assert frame["service_area"].iloc[0] == "Transport £"


def test_a_csv_export_with_title_lines_names_its_own_rows():
    from equality_progress.inputs.tables import read_csv

    raw = "Staff in post report\r\nRun 31/03/2025\r\nEmployee Number,Gender\r\nE1,M\r\nE2,F\r\n"
    table, problems = read_csv(raw.encode("cp1252"), "export.csv", header_row=3)
    assert problems == [] and table.headings == ["Employee Number", "Gender"]
    assert table.rows == [["E1", "M"], ["E2", "F"]] and table.row_numbers == [4, 5]


@pytest.mark.parametrize("raw", [b"", b"  \r\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf\n"])
def test_an_empty_file_is_named_as_empty(raw):
    text, encoding, problems = decode(raw, "workforce.csv")
    assert text is None and [str(p) for p in problems] == ["workforce.csv: the file is empty"]


def test_bytes_neither_utf8_nor_windows_1252_name_their_row_and_byte():
    # 0x81 is undefined in Windows-1252, and not UTF-8 after 'b' (a lone continuation byte)
    text, _, problems = decode(b"a,b\nc,d\ne,\x81\n", "w.csv")
    assert text is None and [(p.row, p.rule) for p in problems] == [(3, "UTF-8")]
    assert "(byte 0x81)" in problems[0].message and "'CSV UTF-8'" in problems[0].message


def test_utf8_is_preferred_and_windows_1252_is_the_fallback():
    assert decode("£5".encode(), "f")[:2] == ("£5", "utf-8")
    assert decode("£5".encode("cp1252"), "f")[:2] == ("£5", "windows-1252")


def test_another_delimiter_is_refused_with_the_one_found():
    table, problems = read_csv(b"a\tb\n1\t2\n", "w.csv")
    assert table is None
    assert problems[0].message.startswith("columns are separated by '\\t', not commas")


def test_cells_are_kept_as_text_and_padding_is_noticed():
    table, _ = read_csv(b"a,b\n1,x\n", "w.csv")
    assert table.rows == [["1", "x"]] and table.row_numbers == [2] and not table.padded
    padded, _ = read_csv(b"a,b\n1, x\n", "w.csv")
    assert padded.rows == [["1", " x"]] and padded.padded


def test_a_missing_header_row_is_named():
    table, problems = read_csv(b"title only\n", "export.csv", header_row=3)
    assert table is None and problems[0].message == "has no row 3 to read headings from"


def test_a_short_row_reads_as_empty_cells():
    assert Table("t", ["a", "b"], [["1"], ["2", "3"]]).column("b") == ["", "3"]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (True, "true"),
        (False, "false"),
        (datetime(2024, 6, 3), "2024-06-03"),
        (datetime(2024, 6, 3, 9, 30), "2024-06-03T09:30:00"),
        (date(1985, 2, 13), "1985-02-13"),
        (37.0, "37"),
        (18.42, "18.42"),
        (7, "7"),
        ("  Grade 7 ", "Grade 7"),
    ],
)
def test_an_excel_cell_as_a_csv_would_hold_it(value, text):
    assert cell_text(value) == text


def _book(*sheets: tuple[str, list[list]]) -> bytes:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets:
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def test_a_sheet_keeps_excels_row_numbers_past_title_and_empty_rows():
    raw = _book(
        (
            "Staff",
            [
                ["Staff in post report"],
                ["Employee Number", "Hours", None],
                ["E1", 37.0],
                [None, None],
                ["E2", 18.5, None],
            ],
        )
    )
    table, problems = read_xlsx(raw, "hr.xlsx", header_row=2)
    assert problems == [] and table.shown == "hr.xlsx"
    assert table.headings == ["Employee Number", "Hours"]
    assert table.rows == [["E1", "37"], ["E2", "18.5"]]
    assert table.row_numbers == [3, 5] and not table.padded


def test_notes_lines_below_the_data_are_left_out_with_a_note():
    """Issue 22 (D7): "Total records: 1470" and "CONFIDENTIAL" below the data, after a blank
    row, gave an error in every column (20 in all); they are notes, left out and named."""
    raw = _book(
        (
            "Staff",
            [
                ["Employee Number", "Hours", "Grade"],
                ["E1", 37.0, "G1"],
                ["E2", 18.5, "G2"],
                [None, None, None],
                ["Total records: 2"],
                ["CONFIDENTIAL - produced by HRSYS. Do not circulate outside HR."],
            ],
        )
    )
    table, problems = read_table(raw, "hr.xlsx", ".xlsx")
    assert table.rows == [["E1", "37", "G1"], ["E2", "18.5", "G2"]]
    assert table.row_numbers == [2, 3]
    (note,) = problems
    assert note.rule == NOTE and str(note) == (
        "hr.xlsx: rows 5 to 6, below the data after a blank row, fill only the first column "
        "('Total records: 2'; 'CONFIDENTIAL - produced by HRSYS. Do ...'): read as notes, not "
        "data, and left out"
    )
    csv = b"id,hours,grade\nE1,37,G1\n,,\nTotal records: 1,,\n"
    table, problems = read_table(csv, "hr.csv", ".csv")
    assert table.rows == [["E1", "37", "G1"]] and table.row_numbers == [2]
    assert [p.rule for p in problems] == [NOTE] and "row 4, below the data" in problems[0].message


@pytest.mark.parametrize(
    "rows",
    [
        [["E1", "37"], ["E2", ""]],  # a last row with one cell, but no blank row above it
        [["E1", "37"], ["", ""], ["E2", "18.5"]],  # a blank row inside the data
        [["", ""], ["Total", ""]],  # nothing but notes: not a table to trim
    ],
)
def test_rows_are_not_taken_for_notes_without_a_blank_row_and_data_above(rows):
    table = Table("hr.csv", ["id", "hours"], [list(r) for r in rows])
    kept, problems = notes_below(table)
    assert kept.rows == rows and problems == []


def test_a_workbook_of_several_sheets_needs_the_sheet_named():
    raw = _book(("Staff", [["a"], ["1"]]), ("Notes", [["n"]]))
    table, problems = read_xlsx(raw, "hr.xlsx")
    assert table is None and "has 2 sheets (Staff, Notes)" in problems[0].message
    table, problems = read_xlsx(raw, "hr.xlsx", sheet="Staf")
    assert table is None and "has no sheet 'Staf' (sheets: Staff, Notes)" in problems[0].message
    table, problems = read_xlsx(raw, "hr.xlsx", sheet="Staff")
    assert problems == [] and table.shown == "hr.xlsx (sheet 'Staff')" and table.rows == [["1"]]


def test_a_file_that_is_no_workbook_and_an_empty_sheet_are_named():
    table, problems = read_xlsx(b"employee_id,grade\n", "workforce.xlsx")
    assert table is None and problems[0].rule == "workbook"
    assert "save it from Excel as 'Excel Workbook (.xlsx)'" in problems[0].message
    table, problems = read_xlsx(_book(("Empty", [])), "w.xlsx")
    assert table is None and [str(p) for p in problems] == ["w.xlsx: the sheet is empty"]


def test_an_ods_is_read_as_a_workbook_is_sheet_by_sheet(tmp_path):
    """An OpenDocument spreadsheet (LibreOffice): its sheets chosen as a workbook's are,
    numbers as a CSV would hold them, rows numbered as the spreadsheet shows them."""
    import pandas as pd

    from equality_progress.inputs.tables import read_ods, read_table

    path = tmp_path / "export.ods"
    with pd.ExcelWriter(path, engine="odf") as writer:
        pd.DataFrame({"employee_id": ["E1", "E2"], "weekly_hours": [37, 18.5]}).to_excel(
            writer, sheet_name="Staff", index=False
        )
        pd.DataFrame({"note": ["x"]}).to_excel(writer, sheet_name="Notes", index=False)
    raw = path.read_bytes()
    table, problems = read_ods(raw, "export.ods")
    assert table is None and problems[0].message.startswith("has 2 sheets (Staff, Notes)")
    table, problems = read_table(raw, "export.ods", ".ods", "Staff")
    assert problems == [] and table.headings == ["employee_id", "weekly_hours"]
    assert table.rows == [["E1", "37"], ["E2", "18.5"]] and table.row_numbers == [2, 3]
    _, wrong = read_ods(raw, "export.ods", "Staf")
    assert (
        wrong[0].message
        == "has no sheet 'Staf' (sheets: Staff, Notes); correct sheet: in the mapping"
    )


def test_an_ods_keeps_none_and_na_as_the_codes_they_are(tmp_path):
    """Issue 22's trial: "None" (no religion) in an .ods was read as an empty cell, and
    published No religion 0 instead of 499. Only an empty cell is empty, as in a workbook."""
    import pandas as pd

    from equality_progress.inputs.tables import read_ods, read_xlsx

    frame = pd.DataFrame({"id": ["E1", "E2", "E3", "E4"], "religion": ["None", "NA", None, "N/A"]})
    path = tmp_path / "export.ods"
    with pd.ExcelWriter(path, engine="odf") as writer:
        frame.to_excel(writer, sheet_name="Staff", index=False)
    table, problems = read_ods(path.read_bytes(), "export.ods")
    assert problems == [] and [r[1] for r in table.rows] == ["None", "NA", "", "N/A"]
    book = tmp_path / "export.xlsx"
    frame.to_excel(book, sheet_name="Staff", index=False)
    assert read_xlsx(book.read_bytes(), "export.xlsx")[0].rows == table.rows  # the same
