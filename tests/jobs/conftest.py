"""The enterprise of the jobs tests: the `initiative` of tests/conftest.py (Boxhagener Platz,
the advisor's neighbourhood) with its founder as a contact, and its café line."""

from tests.economy.conftest import cafe, district_office, enterprise  # noqa: F401
