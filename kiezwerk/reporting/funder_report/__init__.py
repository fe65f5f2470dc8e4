"""The funder report (Sachbericht) of a grant for a reporting period: `build` computes its
content (content.py), `write_pdf`, `write_xlsx` and `write_csv` write it as a file. Build and
write under the same active language (German for funders); the writers run no query."""

from kiezwerk.reporting.funder_report.content import COMMENTARY_FIELDS, ReportContent, build
from kiezwerk.reporting.funder_report.csv import write_csv
from kiezwerk.reporting.funder_report.pdf import write_pdf
from kiezwerk.reporting.funder_report.xlsx import write_xlsx

__all__ = ["COMMENTARY_FIELDS", "ReportContent", "build", "write_csv", "write_pdf", "write_xlsx"]
