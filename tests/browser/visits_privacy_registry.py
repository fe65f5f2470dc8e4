"""The record of processing activities for the accessibility scan
(tests/browser/test_accessibility.py), as the manager."""

from tests.browser.visit import Visit

VISITS = [
    Visit(
        "privacy_processing",
        "/backoffice/kiez/privacy/processing/",
        "manager",
        shows="main #controller",
    ),
]
