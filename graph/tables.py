"""Tables for spreadsheets: CSV with a BOM (Excel shows the Chinese) and XLSX (openpyxl).

Cells come from report text, which is untrusted: a cell starting with = + - @ would run as a
formula in a spreadsheet (CSV injection), so every CSV goes through graph/export.py:csv_bytes,
which writes such text with a leading apostrophe, and XLSX cells are always strings.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence

from policykg.graph.export import csv_bytes, safe_cell


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ";".join(cell_text(v) for v in value)
    return str(value)


def csv_table(columns: Sequence[tuple[str, str]], rows: Iterable[Mapping[str, object]]) -> bytes:
    """UTF-8 CSV with BOM; header = the columns' display names."""
    return csv_bytes([title for _, title in columns], ([cell_text(row.get(key)) for key, _ in columns] for row in rows))


def safe_csv(body: bytes) -> bytes:
    """A CSV someone else wrote (a SPARQL result), rewritten by the one writer: formula-safe cells."""
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
    return csv_bytes(rows[0] if rows else [], rows[1:], bom=False)


def safe_tsv(body: bytes) -> bytes:
    """A SPARQL TSV result with formula-safe cells (inside a quoted literal too: Excel drops the quotes)."""
    out = []
    for line in body.decode("utf-8").split("\n"):
        cells = []
        for cell in line.split("\t"):
            if cell.startswith('"'):
                cell = '"' + safe_cell(cell[1:])
            cells.append(safe_cell(cell))
        out.append("\t".join(cells))
    return "\n".join(out).encode("utf-8")


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
