"""What the fuzz tests type into Kiezwerk's forms and files, and how each example runs.

Each example runs in a savepoint that is rolled back (`rolled_back`), so that examples do not
see each other's rows nor count against the public forms' limit per address. Values name the
rows that a test's fixtures create with placeholders (`fill`), because strategies are built
before the fixtures run.
"""

import contextlib
import string

from django.db import transaction
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

FUZZ = settings(
    max_examples=40,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@contextlib.contextmanager
def rolled_back():
    """Run one example in a savepoint and undo all it wrote."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def fill(data: dict, values: dict) -> dict:
    """`data` with each placeholder (a key of `values`) replaced by its value."""
    return {name: values.get(value, value) for name, value in data.items()}


# --- text ------------------------------------------------------------------------------------
# Any character a browser can send (no lone surrogates: they cannot be encoded as UTF-8).
characters = st.characters(blacklist_categories=("Cs",))
SPECIAL = [
    "",
    " ",
    "\t\n\r",
    "\x00",
    "a\x00b",
    "\u202eevil",  # right-to-left override
    "\ufeffbom",
    '=HYPERLINK("https://example.org","x")',
    "+SUM(1;2)",
    "-1+1",
    "@cmd",
    "<script>alert(1)</script>",
    "'; DROP TABLE needs_need; --",
    "{{ request }}",
    "%(name)s %s",
    "../../etc/passwd",
    "🏳️‍🌈👩🏽‍🔧",
    "Ä" * 3000,
    "x" * 100_000,
]


def texts(max_size: int = 300) -> st.SearchStrategy[str]:
    """Free text: anything, control characters, the special cases above, very long text."""
    return st.one_of(
        st.sampled_from(SPECIAL),
        st.text(characters, max_size=max_size),
        st.text(st.characters(whitelist_categories=("Cc", "Cf", "Zl", "Zp")), max_size=20),
        st.integers(min_value=150, max_value=5000).map(lambda n: "ü" * n),
    )


def plain_words(max_size: int = 80) -> st.SearchStrategy[str]:
    """Text a form takes: letters, digits and spaces, not blank."""
    alphabet = string.ascii_letters + string.digits + " äöüßÄÖÜéç-.,"
    return st.text(alphabet, min_size=1, max_size=max_size).filter(str.strip)


def form_data(valid: dict, fuzzed: dict) -> st.SearchStrategy[dict]:
    """A form's data: a valid value for every field (`valid`: name -> strategy), of which none,
    one or several are replaced by fuzz (`fuzzed`: name -> strategy; any text besides), so that
    some examples are saved and the others fail on the fields that were fuzzed."""
    fuzz = {name: st.one_of(fuzzed.get(name, st.nothing()), texts()) for name in valid}
    replaced = st.fixed_dictionaries({}, optional=fuzz)
    return st.builds(lambda base, bad: base | bad, st.fixed_dictionaries(valid), replaced)


# --- numbers as people type them ------------------------------------------------------------
NUMBER_TEXTS = [
    "0",
    "-0",
    "1.234,56",
    "1,234.56",
    "1.234.567,89",
    "12,5",
    "12.5",
    "0,001",
    "1,2,3",
    "1..2",
    "1 000",
    "1\u00a0000,50",
    "€ 100",
    "100 €",
    "-100",
    "+5",
    "1e5",
    "1E-7",
    "1e9999",
    "NaN",
    "nan",
    "Infinity",
    "-inf",
    "9" * 40,
    "0." + "0" * 40 + "1",
    "99999999999,99",
    "9999999999,99",
    "=1+1",
    "0x1F",
    "٣٤٥",  # Arabic-Indic digits
    "１２３",  # full-width digits
]


def decimals_text() -> st.SearchStrategy[str]:
    """An amount as typed: plain and German numbers of any size and precision, and junk."""
    plain = st.decimals(allow_nan=False, allow_infinity=False, places=2, max_value=10**9)
    return st.one_of(
        st.sampled_from(NUMBER_TEXTS),
        plain.map(str),
        plain.map(lambda d: str(d).replace(".", ",")),
        st.decimals(allow_nan=True, allow_infinity=True).map(str),
        st.integers().map(str),
        texts(40),
    )
