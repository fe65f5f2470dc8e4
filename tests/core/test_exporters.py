import io
import zipfile

from kiezwerk.core.exporters import Exporter


class PeopleExporter(Exporter):
    filename = "leute"
    columns = [("name", "Name"), ("note", "Notiz"), ("hours", "Stunden")]

    def __init__(self, rows):
        self._rows = rows

    def rows(self):
        yield from self._rows


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_csv_export_has_header_rows_and_bom():
    exporter = PeopleExporter([{"name": "Jörg Müller", "note": "Café", "hours": 3}])

    text = _body(exporter.csv_response()).decode("utf-8")

    assert text.startswith("\ufeff")
    assert text.lstrip("\ufeff").splitlines() == ["Name;Notiz;Stunden", "Jörg Müller;Café;3"]


def test_csv_export_defuses_formulas_in_user_text():
    exporter = PeopleExporter([{"name": '=HYPERLINK("http://x")', "note": "@SUM(A1)"}])

    text = _body(exporter.csv_response()).decode("utf-8")

    assert "'=HYPERLINK" in text
    assert "'@SUM(A1)" in text


def test_csv_export_streams_and_names_the_file():
    response = PeopleExporter([]).csv_response()

    assert response.streaming
    assert response["Content-Disposition"].startswith('attachment; filename="leute-')
    assert response["Content-Type"] == "text/csv; charset=utf-8"


def test_xlsx_export_writes_user_text_never_as_formula():
    exporter = PeopleExporter([{"name": "=1+1", "note": "Notiz", "hours": 2}])

    response = exporter.xlsx_response()
    workbook = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.read("xl/worksheets/sheet1.xml").decode()

    assert "<f>" not in sheet
    assert "=1+1" in sheet
    assert response["Content-Disposition"].startswith('attachment; filename="leute-')


def test_export_writes_empty_cells_for_missing_values():
    exporter = PeopleExporter([{"name": "Ada"}])

    assert list(exporter.values()) == [["Ada", "", ""]]
