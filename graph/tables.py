"""Tables for spreadsheets: CSV with a BOM (Excel shows the Chinese) and XLSX (openpyxl).

Cells come from report text, which is untrusted: a cell starting with = + - @ would run as a
formula in a spreadsheet (CSV injection), so such text is written with a leading apostrophe in
CSV and always as a string cell in XLSX.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence

from policykg.graph.export import csv_bytes

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ";".join(cell_text(v) for v in value)
    return str(value)


def safe_csv_cell(text: str) -> str:
    """Text a spreadsheet shows as text: defuse a leading formula character."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_table(columns: Sequence[tuple[str, str]], rows: Iterable[Mapping[str, object]]) -> bytes:
    """UTF-8 CSV with BOM; header = the columns' display names."""
    return csv_bytes(
        [title for _, title in columns],
        ([safe_csv_cell(cell_text(row.get(key))) for key, _ in columns] for row in rows),
    )


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
