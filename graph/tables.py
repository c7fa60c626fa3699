"""The one writer of tables for spreadsheets: CSV with a BOM (Excel shows the Chinese) and XLSX (openpyxl).

Cells come from report text, which is untrusted: a cell starting with = + - @ would run as a
formula in a spreadsheet (CSV injection). Every CSV people open (build's tables, tracking.csv,
`query --format csv`, the workbench's downloads) is written by csv_bytes here, which writes such
text with a leading apostrophe and the byte-order mark when asked; a CSV or TSV someone else wrote
(a SPARQL result) is rewritten by safe_csv / safe_tsv; XLSX cells are always strings.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence

BOM = "\ufeff"  # UTF-8 byte-order mark: Excel and WPS then read the file as UTF-8


def _text(value: object) -> str:
    """A record's value as its cell reads: none empty, booleans lower-case, 3.0 as 3, lists joined by ';'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.10g}" if value != int(value) or abs(value) >= 1e16 else str(int(value))
    if isinstance(value, (list, tuple)):
        return ";".join(_text(v) for v in value)
    return str(value)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def safe_cell(text: str) -> str:
    """Text a spreadsheet shows as text: a leading = + - @ TAB or CR would start a formula.

    Report text is untrusted (CSV injection), so such a cell gets a leading apostrophe, which
    Excel and WPS hide; plain numbers such as -3.5, and a lone sign (the comparator "="), which
    has nothing to compute, are left as they are.
    """
    if len(text) > 1 and text.startswith(_FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]], *, bom: bool = True) -> bytes:
    """The one CSV writer for files people open: UTF-8 (BOM for Excel), CRLF, formula-safe cells."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_cell(_text(v)) for v in header])
    for row in rows:
        writer.writerow([safe_cell(_text(v)) for v in row])
    return ((BOM if bom else "") + buffer.getvalue()).encode("utf-8")


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ";".join(cell_text(v) for v in value)
    return str(value)


def csv_table(columns: Sequence[tuple[str, str]], rows: Iterable[Mapping[str, object]]) -> bytes:
    """UTF-8 CSV with BOM; header = the columns' display names."""
    return csv_bytes([title for _, title in columns], ([cell_text(row.get(key)) for key, _ in columns] for row in rows))


def safe_csv(body: bytes, *, bom: bool = False) -> bytes:
    """A CSV someone else wrote (a SPARQL result), rewritten by the one writer: formula-safe cells."""
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
    return csv_bytes(rows[0] if rows else [], rows[1:], bom=bom)


def safe_tsv(body: bytes, *, bom: bool = False) -> bytes:
    """A SPARQL TSV result with formula-safe cells (inside a quoted literal too: Excel drops the quotes)."""
    out = []
    for line in body.decode("utf-8").split("\n"):
        cells = []
        for cell in line.split("\t"):
            if cell.startswith('"'):
                cell = '"' + safe_cell(cell[1:])
            cells.append(safe_cell(cell))
        out.append("\t".join(cells))
    return ((BOM if bom else "") + "\n".join(out)).encode("utf-8")


def xlsx_table(
    columns: Sequence[tuple[str, str]], rows: Iterable[Mapping[str, object]], sheet: str = "Sheet1"
) -> bytes:
    """One-sheet workbook; every cell a string (never a formula), header row frozen."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    ws = book.create_sheet(sheet)
    ws.freeze_panes = "A2"

    def text_cell(value: str) -> WriteOnlyCell:
        cell = WriteOnlyCell(ws, value=value)
        cell.data_type = "s"  # openpyxl would take "=..." for a formula
        return cell

    ws.append([text_cell(title) for _, title in columns])
    for row in rows:
        ws.append([text_cell(cell_text(row.get(key))) for key, _ in columns])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
