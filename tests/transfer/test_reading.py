"""Reading files as people have them: encodings, delimiters, XLSX from a spreadsheet
program, JSON; and clear refusals of files that are not tables."""

import codecs
import io
import zipfile

import pytest

from partnerkit.transfer.reading import MAX_ROWS, FileProblem, read_table
from tests.transfer.conftest import csv_bytes, fixture_bytes

ROWS = [["Name", "Kind", "Place"], ["Göteborgs konstmuseum", "museum", "Göteborg"], ["Åbo Akademi", "higher_education", "Åbo"]]


def test_utf8_is_read_and_named():
    table = read_table(csv_bytes(ROWS), file_name="a.csv")
    assert table.encoding == "UTF-8"
    assert table.headers == ["Name", "Kind", "Place"]
    assert table.rows[0] == ["Göteborgs konstmuseum", "museum", "Göteborg"]
    assert table.row_numbers == [2, 3]


def test_utf8_with_bom_loses_the_bom():
    table = read_table(codecs.BOM_UTF8 + csv_bytes(ROWS), file_name="a.csv")
    assert table.encoding == "UTF-8 with BOM"
    assert table.headers[0] == "Name"


def test_latin1_and_windows_1252_are_recognised():
    assert read_table(csv_bytes(ROWS, encoding="latin-1")).encoding == "Windows-1252"
    table = read_table(csv_bytes(ROWS, encoding="latin-1"))
    assert table.rows[1] == ["Åbo Akademi", "higher_education", "Åbo"]


def test_utf16_from_excel_unicode_text_is_read():
    data = "Name\tKind\nÅbo Akademi\thigher_education\n".encode("utf-16")
    table = read_table(data)
    assert (table.encoding, table.delimiter) == ("UTF-16", "\t")
    assert table.rows == [["Åbo Akademi", "higher_education"]]


def test_the_real_imls_file_in_windows_1252_keeps_its_apostrophes_and_dashes():
    table = read_table(fixture_bytes("imls_museums_2018_excerpt.csv"), file_name="imls.csv")
    assert table.encoding == "Windows-1252"
    assert table.delimiter == ","
    assert len(table.headers) == 57
    names = [row[table.headers.index("COMMONNAME")] for row in table.rows]
    assert "ZING ZUMM CHILDREN’S MUSEUM OF JACKSONVILLE" in names
    assert "ALBRIGHT–KNOX ART GALLERY" in names
    # Single spaces meaning "empty" and trailing non-breaking spaces are gone.
    assert table.rows[2][table.headers.index("WEBURL")] == ""
    assert "JAMES E. LEWIS MUSEUM\xa0OF ART" in names
    assert table.row_numbers[:3] == [2, 3, 4]


def test_semicolons_and_tabs_are_found():
    assert read_table(csv_bytes(ROWS, delimiter=";")).delimiter == ";"
    table = read_table(fixture_bytes("wikidata_isil_lookup_excerpt.tsv"), file_name="x.tsv")
    assert table.delimiter == "\t"
    assert table.headers == ["?item", "?itemLabel", "?isil", "?gndId", "?dbsId"]
    assert table.rows[1][1] == "Dänische Königliche Bibliothek"


def test_commas_inside_values_do_not_confuse_semicolon_files():
    data = "Name;Description\nNordic Museum;Costumes, photographs, toys\nRoyal Library;Books, maps\n"
    table = read_table(data.encode())
    assert table.delimiter == ";"
    assert table.rows[0] == ["Nordic Museum", "Costumes, photographs, toys"]


def test_short_rows_are_padded_with_a_note_naming_the_row():
    table = read_table(fixture_bytes("salesforce_accounts_contacts.csv"))
    assert table.encoding == "UTF-8 with BOM"
    assert len(table.rows) == 14
    assert all(len(row) == 9 for row in table.rows)
    assert [number for number, _note in table.notes] == list(range(8, 16))
    assert "only 3 values for 9 columns" in table.notes[0][1]


def test_blank_lines_are_skipped_but_still_counted():
    table = read_table(b"Name,Kind\n\nA,museum\n\nB,library\n")
    assert table.row_numbers == [3, 5]


def test_the_xlsx_made_by_libreoffice_gives_dates_and_whole_numbers():
    table = read_table(fixture_bytes("partnerships_libreoffice.xlsx"), file_name="p.xlsx")
    assert table.format == "xlsx"
    assert table.sheet == "partnerships_libreoffice"
    first = dict(zip(table.headers, table.rows[0]))
    assert first["Impact"] == "4"
    assert first["Next step due"] == "2026-03-15"
    assert first["Goal types"] == "content_acquisition; outreach_recruitment"
    assert table.rows[1][table.headers.index("Impact")] == ""


def test_an_xlsx_sheet_can_be_chosen_and_a_wrong_one_is_named():
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = "Notes"
    workbook.active.append(["just notes"])
    second = workbook.create_sheet("Partners")
    second.append(["Name", "Kind"])
    second.append(["Nordic Museum", "museum"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = read_table(buffer.getvalue(), sheet="partners")
    assert (table.sheet, table.sheet_names) == ("Partners", ["Notes", "Partners"])
    with pytest.raises(FileProblem, match="no sheet “Budget”; the sheets are: Notes, Partners"):
        read_table(buffer.getvalue(), sheet="Budget")


def test_json_lists_and_partnerkit_exports_are_read():
    table = read_table(b'[{"name": "A", "tags": ["x", "y"], "archived": false}, {"name": "B", "kind": "museum"}]')
    assert table.headers == ["name", "tags", "archived", "kind"]
    assert table.rows == [["A", "x; y", "no", ""], ["B", "", "", "museum"]]
    assert (table.unit, table.row_numbers) == ("record", [1, 2])
    wrapped = read_table(b'{"kind": "partners", "rows": [{"name": "A"}]}', file_name="e.json")
    assert wrapped.rows == [["A"]]


def test_a_csv_cell_protected_against_formulas_comes_back_as_written():
    table = read_table(b"Name,Notes\nA,'=1+1\nB,'-- draft\n")
    assert [row[1] for row in table.rows] == ["=1+1", "-- draft"]


def _zip(names: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in names.items():
            archive.writestr(name, text)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "file_name", "message"),
    [
        (b"", "a.csv", "The file is empty."),
        (b"\n\n  \n", "a.csv", "The file is empty."),
        (b"Name,Kind\n", "a.csv", "The file has column names but no rows."),
        (b"%PDF-1.7 ...", "a.pdf", "This is a PDF document"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "a.xls", "old Excel (.xls)"),
        (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "a.png", "does not look like a CSV, XLSX or JSON"),
        (_zip({"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"}),
         "a.ods", "OpenDocument spreadsheet (.ods)"),
        (_zip({"readme.txt": "hello"}), "a.zip", "ZIP archive, not a spreadsheet"),
        (_zip({"xl/workbook.xml": "not xml"}), "a.xlsx", "XLSX file is damaged"),
        (b"PK\x03\x04broken", "a.xlsx", "damaged"),
        (b"Nordic Museum,museum,https://www.nordiskamuseet.se/\n", "a.csv",
         "Row 1 should name the columns, but “https://www.nordiskamuseet.se/” looks like data"),
        (b"Name,Kind\nA,museum\nB,library,Stockholm,extra\n", "a.csv",
         "Row 3 has 4 values but the header (row 1) names 2 columns"),
        (b'Name,Kind\n"A,museum\n', "a.csv", "Row 2 cannot be read as CSV"),
        (b"[1, 2]", "a.json", "Record 1 is not an object"),
        (b"{not json", "a.json", "not valid JSON"),
        (b"[]", "a.json", "holds no records"),
    ],
)
def test_broken_files_are_refused_with_a_reason(data, file_name, message):
    with pytest.raises(FileProblem) as refusal:
        read_table(data, file_name=file_name)
    assert message in str(refusal.value)


def test_files_over_20_mb_are_refused_before_reading():
    data = b"Name,Kind\n" + b"Some organisation,museum\n" * 900_000
    assert len(data) > 20 * 1024 * 1024
    with pytest.raises(FileProblem, match="larger than 20 MB"):
        read_table(data)


def test_more_than_50000_rows_are_refused():
    data = b"Name\n" + b"x\n" * (MAX_ROWS + 1)
    with pytest.raises(FileProblem, match="more than 50,000 rows"):
        read_table(data)
    assert len(read_table(b"Name\n" + b"x\n" * MAX_ROWS).rows) == MAX_ROWS


def test_empty_and_repeated_column_names_get_names():
    table = read_table(b"Name,,Last Name,Last Name\nA,x,B,C\n")
    assert table.headers == ["Name", "Column B", "Last Name", "Last Name (2)"]


def test_excels_delimiter_line_is_followed_and_not_counted():
    table = read_table(b"sep=;\r\nName;Notes\r\nA;one, two\r\n")
    assert (table.delimiter, table.headers, table.row_numbers) == (";", ["Name", "Notes"], [2])
