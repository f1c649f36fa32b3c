"""Reading the spreadsheets people have: CSV (any of the usual delimiters and encodings), XLSX
and JSON, into one plain table of text cells.

Nothing here knows about partners: the table has column names, rows of strings and the row
numbers a person sees in a spreadsheet program (the header is row 1), so every later message
can point at the right row. A file that cannot be read raises FileProblem with a message for
the person who chose it.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 50_000
DELIMITERS = (",", ";", "\t", "|")
DELIMITER_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "vertical bars"}
# Exports protect cells that a spreadsheet program would run as a formula with a leading
# apostrophe (see exports.py); reading a CSV takes that apostrophe off again.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


class FileProblem(ValueError):
    """The file cannot be read as a table; the message says why and what to do."""


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]
    row_numbers: list[int]
    format: str  # "csv", "xlsx" or "json"
    encoding: str = ""
    delimiter: str = ""
    sheet: str = ""
    sheet_names: list[str] = field(default_factory=list)
    # Remarks about single rows found while reading: (row number, message).
    notes: list[tuple[int, str]] = field(default_factory=list)

    @property
    def unit(self) -> str:
        """What the file calls a row: records of a JSON file have no header row."""
        return "record" if self.format == "json" else "row"

    def describe(self) -> str:
        parts = [self.format.upper()]
        if self.sheet:
            parts.append(f"sheet “{self.sheet}”")
        if self.encoding:
            parts.append(self.encoding)
        if self.delimiter:
            parts.append(f"separated by {DELIMITER_NAMES.get(self.delimiter, self.delimiter)}")
        return ", ".join(parts)


def read_table(data: bytes, *, file_name: str = "", sheet: str | None = None) -> Table:
    """The table in ``data``; FileProblem when it is not a CSV, XLSX or JSON table."""
    if not data:
        raise FileProblem("The file is empty.")
    if len(data) > MAX_BYTES:
        raise FileProblem(
            f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB; split it into smaller files."
        )
    if data.startswith(b"PK\x03\x04"):
        return _read_zip(data, sheet)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise FileProblem(
            "This is an old Excel (.xls) file; save it as XLSX or CSV in your spreadsheet "
            "program and import that."
        )
    if data.startswith(b"%PDF"):
        raise FileProblem("This is a PDF document, not a table; import a CSV, XLSX or JSON file.")
    text, encoding = decode(data)
    if "\x00" in text:
        raise FileProblem("This does not look like a CSV, XLSX or JSON file.")
    stripped = text.lstrip()
    if stripped.startswith(("[", "{")) and (
        file_name.lower().endswith(".json") or _parses_as_json(stripped)
    ):
        return _read_json(stripped, encoding)
    if file_name.lower().endswith(".json"):
        raise FileProblem("The file is not valid JSON.")
    return _read_csv(text, encoding)


# --------------------------------------------------------------------------------------
# Text: encodings and CSV
# --------------------------------------------------------------------------------------


def decode(data: bytes) -> tuple[str, str]:
    """The text and the name of its encoding: UTF-8 (with or without a byte-order mark),
    UTF-16 with a byte-order mark (Excel's "Unicode text"), else Windows-1252, else Latin-1.

    Windows-1252 is the usual encoding of files saved by older spreadsheet programs in
    Western Europe and the Americas; it differs from Latin-1 only in bytes 0x80–0x9F, where
    Latin-1 has control characters, so it is tried first.
    """
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "UTF-8 with BOM"
        except UnicodeDecodeError as error:
            raise FileProblem(
                f"The file says it is UTF-8 but byte {error.start + 3} is not; save it again "
                "as UTF-8."
            ) from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            raise FileProblem("The file says it is UTF-16 but is not; save it as UTF-8.") from None
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "Latin-1"


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first records into the most consistent columns."""
    sample = text[:65536]
    truncated = len(text) > len(sample)
    best, best_score = ",", (-1.0, 0)
    for delimiter in DELIMITERS:
        try:
            records = []
            for record in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter):
                records.append(record)
                if len(records) > 50:
                    break
        except csv.Error:
            continue
        if truncated and len(records) <= 50:
            records = records[:-1]  # may be cut in the middle
        widths = [len(_trim(record)) for record in records if any(c.strip() for c in record)]
        if not widths or widths[0] < 2:
            continue
        consistent = sum(1 for width in widths if width == widths[0]) / len(widths)
        score = (consistent, widths[0])
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_csv(text: str, encoding: str) -> Table:
    # Excel may write its delimiter on a first line of its own ("sep=;"), which it then
    # hides: the header is still row 1 for the person.
    first, newline, rest = text.partition("\n")
    if re.fullmatch(r"sep=.\r?", first) and newline:
        delimiter, text = first[4], rest
    else:
        delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records = _records(reader)
    table = _build_table(records, format="csv", unescape=True)
    table.encoding = encoding
    table.delimiter = delimiter
    return table


def _records(reader):
    number = 0
    try:
        for record in reader:
            number += 1
            yield number, record
    except csv.Error as error:
        raise FileProblem(
            f"Row {number + 1} cannot be read as CSV ({error}); check its quotes."
        ) from None


# --------------------------------------------------------------------------------------
# XLSX
# --------------------------------------------------------------------------------------


def _read_zip(data: bytes, sheet: str | None) -> Table:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except zipfile.BadZipFile:
        raise FileProblem("The file looks like a spreadsheet but is damaged.") from None
    if "xl/workbook.xml" in names:
        return _read_xlsx(data, sheet)
    if "content.xml" in names and "mimetype" in names:
        raise FileProblem(
            "This is an OpenDocument spreadsheet (.ods); save it as XLSX or CSV and import that."
        )
    raise FileProblem("This is a ZIP archive, not a spreadsheet; import a CSV, XLSX or JSON file.")


def _read_xlsx(data: bytes, sheet: str | None) -> Table:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds of errors for broken files
        raise FileProblem("The XLSX file is damaged and cannot be read.") from None
    try:
        sheet_names = list(workbook.sheetnames)
        if not sheet_names:
            raise FileProblem("The XLSX file has no sheets.")
        if sheet:
            chosen = next((n for n in sheet_names if n == sheet), None) or next(
                (n for n in sheet_names if n.casefold() == sheet.strip().casefold()), None
            )
            if chosen is None:
                raise FileProblem(
                    f"There is no sheet “{sheet}”; the sheets are: {', '.join(sheet_names)}."
                )
        else:
            chosen = sheet_names[0]
        worksheet = workbook[chosen]
        # Some programs write wrong sizes into the file; read what is really there.
        worksheet.reset_dimensions()
        records = (
            (number, [_cell_text(value) for value in values])
            for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1)
        )
        table = _build_table(records, format="xlsx", unescape=False)
    finally:
        workbook.close()
    table.sheet = chosen
    table.sheet_names = sheet_names
    return table


def _cell_text(value) -> str:
    """A cell as text: whole numbers without ".0", dates as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


# --------------------------------------------------------------------------------------
# JSON
# --------------------------------------------------------------------------------------


def _parses_as_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def _read_json(text: str, encoding: str) -> Table:
    try:
        data = json.loads(text)
    except ValueError as error:
        raise FileProblem(f"The file is not valid JSON ({error}).") from None
    if isinstance(data, dict):
        # Partnerkit's own export keeps the records under "rows"; other tools use "records",
        # "data" or the name of what they hold.
        lists = [value for value in data.values() if isinstance(value, list)]
        if isinstance(data.get("rows"), list):
            data = data["rows"]
        elif len(lists) == 1:
            data = lists[0]
        else:
            raise FileProblem(
                "The JSON file should hold a list of records, or an object with the list "
                "under “rows”."
            )
    if not isinstance(data, list):
        raise FileProblem("The JSON file should hold a list of records.")
    if not data:
        raise FileProblem("The JSON file holds no records.")
    if len(data) > MAX_ROWS:
        raise FileProblem(
            f"The file has more than {MAX_ROWS:,} records; split it into smaller files."
        )
    headers: dict[str, None] = {}
    for number, record in enumerate(data, start=1):
        if not isinstance(record, dict):
            raise FileProblem(f"Record {number} is not an object with named values.")
        headers.update(dict.fromkeys(str(key) for key in record))
    names = list(headers)
    rows = [[_json_text(record.get(name)) for name in names] for record in data]
    return Table(
        headers=names,
        rows=rows,
        row_numbers=list(range(1, len(rows) + 1)),
        format="json",
        encoding=encoding,
    )


def _json_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "; ".join(_json_text(item) for item in value if item not in (None, ""))
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# --------------------------------------------------------------------------------------
# From records to a table
# --------------------------------------------------------------------------------------


_LOOKS_LIKE_DATA = re.compile(
    r"^(?:https?://|www\.)\S+$"  # a web address
    r"|^[^@\s]+@[^@\s]+\.[^@\s]+$"  # an e-mail address
    r"|^[+-]?\d+(?:[.,]\d+)?$"  # a number
    r"|^\d{4}-\d{2}-\d{2}"  # a date
    r"|^Q[1-9]\d*$",  # a Wikidata item
    re.IGNORECASE,
)


def _build_table(records, *, format: str, unescape: bool) -> Table:
    header_number, header = None, None
    for number, record in records:
        if any(cell.strip() for cell in record):
            header_number, header = number, _trim([cell.strip() for cell in record])
            break
    if header is None:
        raise FileProblem("The file is empty.")
    for cell in header:
        if _LOOKS_LIKE_DATA.match(cell):
            raise FileProblem(
                f"Row {header_number} should name the columns, but “{cell[:60]}” looks like "
                "data; add a header row with names such as Name, Kind, Website."
            )
    headers = _unique_names(header)
    width = len(headers)
    rows, row_numbers, notes = [], [], []
    for number, record in records:
        cells = _trim([cell.strip() for cell in record])
        if not cells:
            continue
        if len(cells) > width:
            raise FileProblem(
                f"Row {number} has {len(cells)} values but the header (row {header_number}) "
                f"names {width} columns; check the delimiter and the quotes in that row."
            )
        if format == "csv" and len(record) < width:
            # Values may have moved left when one in the middle was left out.
            notes.append(
                (
                    number,
                    f"only {len(record)} values for {width} columns; "
                    + (
                        "the last is taken as empty."
                        if width - len(record) == 1
                        else f"the last {width - len(record)} are taken as empty."
                    )
                    + " Check that the values are in the right columns.",
                )
            )
        cells += [""] * (width - len(cells))
        if unescape:
            cells = [_unescape(cell) for cell in cells]
        rows.append(cells)
        row_numbers.append(number)
        if len(rows) > MAX_ROWS:
            raise FileProblem(
                f"The file has more than {MAX_ROWS:,} rows; split it into smaller files."
            )
    if not rows:
        raise FileProblem("The file has column names but no rows.")
    return Table(headers=headers, rows=rows, row_numbers=row_numbers, format=format, notes=notes)


def _trim(cells: list[str]) -> list[str]:
    """Without empty cells at the end, which programs add or leave out at will."""
    end = len(cells)
    while end and not cells[end - 1].strip():
        end -= 1
    return cells[:end]


def _unique_names(header: list[str]) -> list[str]:
    names, seen = [], {}
    for position, cell in enumerate(header, start=1):
        name = cell or f"Column {column_letters(position)}"
        count = seen.get(name.casefold(), 0) + 1
        seen[name.casefold()] = count
        names.append(name if count == 1 else f"{name} ({count})")
    return names


def column_letters(position: int) -> str:
    """A, B, …, Z, AA, … as spreadsheet programs name columns."""
    letters = ""
    while position:
        position, remainder = divmod(position - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _unescape(cell: str) -> str:
    if len(cell) > 1 and cell[0] == "'" and cell[1] in FORMULA_STARTS:
        return cell[1:]
    return cell
