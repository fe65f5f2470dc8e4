"""Permissions of the data-protection pages. Each part keeps its predicates in its own
`rules_<part>.py`; this module is what rules' autodiscovery loads."""

from kiezwerk.privacy import (  # noqa: F401
    rules_common,
)
