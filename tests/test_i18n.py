"""German first: the shipped catalogue is complete, compiled, and matches the source."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

PO = Path(settings.BASE_DIR) / "locale" / "de" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def _ids(catalogue) -> set[str]:
    return {entry.msgid for entry in catalogue if not entry.obsolete}


def test_every_string_has_a_german_translation():
    catalogue = polib.pofile(str(PO))

    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]

    assert (untranslated, fuzzy) == ([], [])


def test_compiled_catalogue_matches_the_source():
    def translations(catalogue) -> dict:
        # Keyed by context too: "Minutes" of a meeting and of a duration are two entries.
        return {(e.msgctxt, e.msgid): e.msgstr for e in catalogue if e.msgstr}

    source = translations(polib.pofile(str(PO)))
    compiled = translations(polib.mofile(str(MO)))

    assert compiled == source


@pytest.mark.skipif(
    shutil.which("xgettext") is None and os.environ.get("CI") != "true",
    reason="gettext not installed: apt-get install gettext",
)
def test_catalogue_holds_every_string_of_the_source(tmp_path):
    root = Path(settings.BASE_DIR)
    shutil.copytree(
        root / "kiezwerk", tmp_path / "kiezwerk", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(root / "manage.py", tmp_path / "manage.py")
    (tmp_path / "locale").mkdir()

    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "de", "-v", "0"],
        cwd=tmp_path,
        check=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "kiezwerk.settings", "SECRET_KEY": "x" * 50},
    )

    fresh = _ids(polib.pofile(str(tmp_path / "locale" / "de" / "LC_MESSAGES" / "django.po")))
    assert len(fresh) > 100
    assert fresh - _ids(polib.pofile(str(PO))) == set(), "run `make messages` and translate"


def test_language_switch_shows_english(client, db):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)

    assert '<html lang="en">' in response.content.decode()
    assert "What is a social enterprise?" in response.content.decode()


def test_pages_are_german_even_for_an_english_browser(client, db):
    response = client.get("/", headers={"Accept-Language": "en-US,en;q=0.9"})

    assert '<html lang="de">' in response.content.decode()


def test_chosen_language_is_kept_across_pages(client, db):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    response = client.get("/accounts/login/", headers={"Accept-Language": "de"})

    assert '<html lang="en">' in response.content.decode()
