"""What notebook outputs carry for the build to read back: the MIME types, and Typst string
literals that Typst itself reads back as the text (newlines become spaces)."""

import json
import subprocess
import sys

import pytest

from equality_progress.report import mime


@pytest.mark.parametrize(
    ("text", "literal"),
    [
        ("plain", '"plain"'),
        ('say "hi"', '"say \\"hi\\""'),
        ("a\\b", '"a\\\\b"'),
        ("two\nlines", '"two lines"'),
        (None, '""'),
        (12.5, '"12.5"'),
    ],
)
def test_a_literal_escapes_backslashes_and_quotes(text, literal):
    assert mime.tlit(text) == literal


def test_typst_reads_the_literal_back_as_the_text(tmp_path):
    """Typst's own parser, not this module, says what the literal means."""
    import typst

    text = 'a "quoted" back\\slash\nnew line, £ and é, #hash [bracket] $dollar$'
    source = tmp_path / "q.typ"
    source.write_text(f"#metadata({mime.tlit(text)}) <x>\n", encoding="utf-8")
    value = json.loads(typst.query(str(source), "<x>", field="value", one=True))
    assert value == text.replace("\n", " ")


def test_the_mime_types_are_distinct_and_vendor_specific():
    assert mime.TYPST_MIME == "text/x-typst"
    assert mime.SUMMARY_MIME.startswith("application/vnd.equality-progress.")
    assert mime.SUMMARY_MIME.endswith("+json")


def test_the_module_needs_only_the_standard_library():
    """The batch process reads executed notebooks with it, without importing pandas."""
    code = (
        "import sys, equality_progress.report.mime\n"
        "print(sorted(m for m in ('pandas', 'numpy', 'jinja2') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
