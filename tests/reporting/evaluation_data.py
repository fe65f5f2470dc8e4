"""The fixed dataset of tests/funding/test_indicators.py (the year 2003 of `kiez`, with records
of 2002 and 2004, of another agency and archived ones), for the evaluation dashboard's tests.
Import the fixtures from here: `from tests.reporting.evaluation_data import *`."""

from tests.funding.test_indicators import (  # noqa: F401  (fixtures)
    EXPECTED,
    case_work,
    dataset,
    deliveries,
    events,
    figures,
    firms,
    hoods,
    needs,
    positions,
)
