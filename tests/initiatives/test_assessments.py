import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from kiezwerk.core.models import ActivityLogEntry
from kiezwerk.initiatives.enums import CRITERIA, EMES_INDICATORS
from kiezwerk.initiatives.models import CriteriaAssessment, EmesProfile
from kiezwerk.initiatives.queries import assessments_of
from tests.conftest import client_for, count_queries

SVG = "{http://www.w3.org/2000/svg}"
ALL_MET = {f"{key}_rating": "met" for key, _q in CRITERIA} | {
    f"{key}_evidence": f"Beleg {key}" for key, _q in CRITERIA
}


def url(name: str, initiative) -> str:
    return reverse(f"initiatives:{name}", kwargs={"slug": "kiez", "pk": initiative.pk})


def criteria_check(initiative, *, on=dt.date(2003, 5, 1), actor=None, **ratings):
    fields = {f"{key}_rating": "met" for key, _q in CRITERIA} | ratings
    return CriteriaAssessment.objects.create(
        agency=initiative.agency, initiative=initiative, assessed_on=on, assessed_by=actor, **fields
    )


def emes_profile(initiative, *, on=dt.date(2003, 5, 1), score=2, actor=None, **scores):
    fields = dict.fromkeys((key for key, _label in EMES_INDICATORS), score) | scores
    return EmesProfile.objects.create(
        agency=initiative.agency, initiative=initiative, assessed_on=on, assessed_by=actor, **fields
    )


def emes_data(score=2, **changes) -> dict:
    data = {key: score for key, _label in EMES_INDICATORS}
    return data | {"assessed_on": "2004-03-01", "note": "Nach dem Jahresgespräch"} | changes


# --- criteria check -------------------------------------------------------------------------


def test_criteria_form_asks_each_question_in_its_own_group(advisor, initiative):
    response = client_for(advisor).get(url("assess_criteria", initiative))

    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("<fieldset") == 4
    assert page.count("<legend>") == 4
    assert "<legend>Befriedigt un(ter)versorgte Bedürfnisse im Quartier" in page
    assert page.count('type="radio"') == 4 * 4
    for key, _q in CRITERIA:
        assert f'for="id_{key}_evidence"' in page
    assert 'for="id_assessed_on"' in page


def test_advisor_saves_a_signed_criteria_check(advisor, initiative):
    data = ALL_MET | {"profit_rating": "partly", "assessed_on": "2004-03-01"}

    response = client_for(advisor).post(url("assess_criteria", initiative), data)

    check = CriteriaAssessment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("detail", initiative)
    assert (check.agency_id, check.initiative, check.assessed_by) == (
        initiative.agency_id,
        initiative,
        advisor,
    )
    assert (check.assessed_on, check.profit_rating, check.needs_evidence) == (
        dt.date(2004, 3, 1),
        "partly",
        "Beleg needs",
    )


def test_criteria_check_is_written_to_the_activity_log(manager, initiative):
    client_for(manager).post(
        url("assess_criteria", initiative), ALL_MET | {"assessed_on": "2004-03-01"}
    )

    entry = ActivityLogEntry.objects.get(verb="initiatives.criteria_assessed")
    assert (entry.actor, entry.object_id) == (manager, str(initiative.pk))
    assert entry.data == {
        "needs_rating": "met",
        "goals_rating": "met",
        "profit_rating": "met",
        "financing_rating": "met",
        "assessed_on": "2004-03-01",
    }


def test_new_criteria_check_keeps_the_earlier_one(advisor, initiative):
    earlier = criteria_check(initiative, on=dt.date(2003, 1, 10), financing_rating="not_met")

    client_for(advisor).post(
        url("assess_criteria", initiative), ALL_MET | {"assessed_on": "2004-03-01"}
    )

    checks = list(CriteriaAssessment.objects.filter(initiative=initiative))
    assert [check.assessed_on for check in checks] == [dt.date(2004, 3, 1), dt.date(2003, 1, 10)]
    assert checks[1] == earlier
    assert checks[1].financing_rating == "not_met"


def test_criteria_form_starts_from_the_latest_check(advisor, initiative):
    criteria_check(initiative, goals_rating="not_met", goals_evidence="Kein Ziel benannt")

    response = client_for(advisor).get(url("assess_criteria", initiative))

    form = response.context["form"]
    assert form["goals_rating"].value() == "not_met"
    assert form["goals_evidence"].value() == "Kein Ziel benannt"
    assert form["assessed_on"].value() == timezone.localdate()


def test_met_rating_without_evidence_is_refused(advisor, initiative):
    data = ALL_MET | {"needs_evidence": "", "assessed_on": "2004-03-01"}

    response = client_for(advisor).post(url("assess_criteria", initiative), data)

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "needs_evidence": ["Bitte nennen Sie die Belege für diese Bewertung."]
    }
    assert not CriteriaAssessment.objects.exists()


def test_missing_rating_is_refused_and_tied_to_its_group(advisor, initiative):
    data = {**ALL_MET, "assessed_on": "2004-03-01"}
    del data["goals_rating"]

    response = client_for(advisor).post(url("assess_criteria", initiative), data)

    page = response.content.decode()
    assert response.status_code == 400
    assert response.context["form"].errors["goals_rating"] == ["Bitte wählen Sie eine Bewertung."]
    assert 'aria-describedby="id_goals_rating_error"' in page
    assert 'id="id_goals_rating_error"' in page


def test_unknown_rating_needs_no_evidence(advisor, initiative):
    data = {f"{key}_rating": "unknown" for key, _q in CRITERIA} | {"assessed_on": "2004-03-01"}

    response = client_for(advisor).post(url("assess_criteria", initiative), data)

    assert response.status_code == 302


def test_assessment_date_in_the_future_is_refused(advisor, initiative):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)

    response = client_for(advisor).post(
        url("assess_criteria", initiative), ALL_MET | {"assessed_on": tomorrow.isoformat()}
    )

    assert response.context["form"].errors == {
        "assessed_on": ["Das Datum darf nicht in der Zukunft liegen."]
    }


def test_evaluator_may_not_check_criteria(evaluator, initiative):
    response = client_for(evaluator).post(
        url("assess_criteria", initiative), ALL_MET | {"assessed_on": "2004-03-01"}
    )

    assert response.status_code == 403
    assert not CriteriaAssessment.objects.exists()


def test_criteria_form_refuses_other_methods(advisor, initiative):
    assert client_for(advisor).delete(url("assess_criteria", initiative)).status_code == 405


def test_criteria_form_needs_constant_queries(advisor, initiative):
    criteria_check(initiative)
    one = count_queries(lambda: client_for(advisor).get(url("assess_criteria", initiative)))
    for _ in range(5):
        criteria_check(initiative)

    assert count_queries(lambda: client_for(advisor).get(url("assess_criteria", initiative))) == one


# --- EMES profile ---------------------------------------------------------------------------


def test_emes_form_has_a_group_of_four_scores_per_indicator(advisor, initiative):
    response = client_for(advisor).get(url("record_emes", initiative))

    page = response.content.decode()
    assert page.count("<fieldset") == 9
    assert page.count('type="radio"') == 9 * 4
    assert "0 – gar nicht" in page
    assert "3 – vollständig" in page
    assert "Dies ist ein Profil, kein Urteil" in page


def test_advisor_records_an_emes_profile(advisor, initiative):
    response = client_for(advisor).post(
        url("record_emes", initiative), emes_data(paid_work=0, autonomy=3)
    )

    profile = EmesProfile.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("detail", initiative)
    assert (profile.paid_work, profile.autonomy, profile.participation) == (0, 3, 2)
    assert (profile.assessed_by, profile.agency_id, profile.note) == (
        advisor,
        initiative.agency_id,
        "Nach dem Jahresgespräch",
    )


def test_emes_profile_is_written_to_the_activity_log(advisor, initiative):
    client_for(advisor).post(url("record_emes", initiative), emes_data(paid_work=1))

    entry = ActivityLogEntry.objects.get(verb="initiatives.emes_assessed")
    assert entry.actor == advisor
    assert entry.data == {key: 2 for key, _label in EMES_INDICATORS} | {
        "paid_work": 1,
        "assessed_on": "2004-03-01",
    }


def test_new_emes_profile_keeps_the_earlier_one(advisor, initiative):
    emes_profile(initiative, on=dt.date(2003, 1, 1), score=1)

    client_for(advisor).post(url("record_emes", initiative), emes_data(score=3))

    scores = list(EmesProfile.objects.values_list("assessed_on", "autonomy"))
    assert scores == [(dt.date(2004, 3, 1), 3), (dt.date(2003, 1, 1), 1)]


@pytest.mark.parametrize("score", ["4", "-1", "9", "zwei", "1.5"])
def test_emes_score_outside_0_to_3_is_refused(advisor, initiative, score):
    response = client_for(advisor).post(url("record_emes", initiative), emes_data(autonomy=score))

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "autonomy": ["Bitte wählen Sie einen Wert von 0 bis 3."]
    }
    assert not EmesProfile.objects.exists()


def test_emes_profile_needs_every_score(advisor, initiative):
    data = emes_data()
    del data["paid_work"]

    response = client_for(advisor).post(url("record_emes", initiative), data)

    assert set(response.context["form"].errors) == {"paid_work"}
    assert 'aria-describedby="id_paid_work_error"' in response.content.decode()


def test_emes_form_starts_from_the_latest_profile(advisor, initiative):
    emes_profile(initiative, score=1, autonomy=3)

    response = client_for(advisor).get(url("record_emes", initiative))

    assert response.context["form"]["autonomy"].value() == 3
    assert response.context["form"]["paid_work"].value() == 1


def test_evaluator_may_not_record_an_emes_profile(evaluator, initiative):
    response = client_for(evaluator).post(url("record_emes", initiative), emes_data())

    assert response.status_code == 403
    assert not EmesProfile.objects.exists()


def test_emes_form_refuses_other_methods(advisor, initiative):
    assert client_for(advisor).delete(url("record_emes", initiative)).status_code == 405


def test_emes_form_needs_constant_queries(advisor, initiative):
    emes_profile(initiative)
    one = count_queries(lambda: client_for(advisor).get(url("record_emes", initiative)))
    for _ in range(5):
        emes_profile(initiative)

    assert count_queries(lambda: client_for(advisor).get(url("record_emes", initiative))) == one


# --- EMES chart -----------------------------------------------------------------------------


def parse_svg(content: bytes) -> ET.Element:
    return ET.fromstring(content)  # noqa: S314 - our own output, parsed to check it is valid


def _chart(user, initiative):
    return client_for(user).get(url("emes_chart", initiative))


def test_chart_is_valid_svg_with_a_title_and_description(evaluator, initiative):
    emes_profile(initiative, on=dt.date(2004, 3, 1))

    response = _chart(evaluator, initiative)

    root = parse_svg(response.content)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root[0].tag == f"{SVG}title"
    assert root[0].text == "EMES-Profil vom 01.03.2004"
    assert root[1].tag == f"{SVG}desc"
    assert "Kontinuierliche Produktion von Gütern oder Dienstleistungen: 2" in root[1].text


def test_chart_keeps_its_text_as_text(evaluator, initiative):
    emes_profile(initiative)

    root = parse_svg(_chart(evaluator, initiative).content)

    texts = " ".join(element.text or "" for element in root.iter(f"{SVG}text"))
    assert "Profil vom 01.05.2003" in texts
    assert "Kontinuierliche" in texts


def test_chart_compares_with_the_previous_profile(evaluator, initiative):
    emes_profile(initiative, on=dt.date(2003, 5, 1), score=1)
    emes_profile(initiative, on=dt.date(2004, 3, 1), score=3)
    emes_profile(initiative, on=dt.date(2002, 1, 1), score=0)

    root = parse_svg(_chart(evaluator, initiative).content)

    description = root.find(f"{SVG}desc").text
    assert "Vorheriges Profil vom 01.05.2003, als gestrichelte Linie" in description
    assert "2002" not in description


def test_chart_is_the_same_every_time(evaluator, initiative):
    emes_profile(initiative)

    assert _chart(evaluator, initiative).content == _chart(evaluator, initiative).content


def test_chart_is_not_cached_and_runs_no_script(evaluator, initiative):
    emes_profile(initiative)

    response = _chart(evaluator, initiative)

    policy = response["Content-Security-Policy"]
    assert "script-src 'none'" in policy
    assert "default-src 'none'" in policy
    assert "no-store" in response["Cache-Control"]
    assert b"<script" not in response.content


def test_chart_without_a_profile_is_not_found(evaluator, initiative):
    assert _chart(evaluator, initiative).status_code == 404


def test_founder_gets_no_chart(founder, founder_contact, initiative):
    emes_profile(initiative)

    assert _chart(founder, initiative).status_code == 403


def test_chart_refuses_other_methods(evaluator, initiative):
    emes_profile(initiative)

    assert client_for(evaluator).post(url("emes_chart", initiative)).status_code == 405


def test_chart_needs_constant_queries(evaluator, initiative):
    emes_profile(initiative)
    emes_profile(initiative)
    two = count_queries(lambda: _chart(evaluator, initiative))
    for _ in range(10):
        emes_profile(initiative)

    assert count_queries(lambda: _chart(evaluator, initiative)) == two


# --- the sections of the detail page --------------------------------------------------------


def _section(template: str, initiative, *, internal=True, can_change=True, history=None) -> str:
    context = {
        "initiative": initiative,
        "can_see_internal": internal,
        "can_change": can_change,
        **(history if history is not None else assessments_of(initiative)),
    }
    return render_to_string(f"initiatives/partials/{template}.html", context)


def test_founders_see_nothing_of_criteria_and_emes(initiative):
    criteria_check(initiative)
    emes_profile(initiative)

    assert _section("criteria", initiative, internal=False, can_change=False).strip() == ""
    assert _section("emes", initiative, internal=False, can_change=False).strip() == ""


def test_criteria_section_shows_the_latest_check_as_text(advisor, initiative):
    criteria_check(
        initiative,
        on=dt.date(2004, 3, 1),
        actor=advisor,
        profit_rating="partly",
        profit_evidence="Ausschüttung 2003",
    )

    html = _section("criteria", initiative)

    assert "3 von 4 Kriterien eines Sozialen Unternehmens erfüllt" in html
    assert "Prüfung vom 01.03.2004" in html
    assert "unterzeichnet von Ayşe Demir" in html
    assert "<td>teilweise erfüllt</td>" in html
    assert "Ausschüttung 2003" in html
    assert "<details>" not in html


def test_criteria_section_says_when_all_are_met(initiative):
    criteria_check(initiative)

    assert "4 von 4 Kriterien eines Sozialen Unternehmens erfüllt" in _section(
        "criteria", initiative
    )


def test_criteria_section_folds_earlier_checks_away(initiative):
    criteria_check(initiative, on=dt.date(2004, 3, 1))
    criteria_check(initiative, on=dt.date(2003, 3, 1))
    criteria_check(initiative, on=dt.date(2002, 3, 1))

    html = _section("criteria", initiative)

    details = html[html.index("<details>") :]
    assert "2 frühere Prüfungen" in details
    assert "Prüfung vom 01.03.2003" in details
    assert "Prüfung vom 01.03.2002" in details
    assert "Prüfung vom 01.03.2004" not in details


def test_criteria_section_links_to_the_form_only_for_those_who_may_change(initiative):
    link = url("assess_criteria", initiative)

    assert link in _section("criteria", initiative, can_change=True)
    assert link not in _section("criteria", initiative, can_change=False)


def test_emes_section_has_the_chart_and_its_data_beside_it(advisor, initiative):
    emes_profile(initiative, on=dt.date(2003, 5, 1), score=1, actor=advisor)
    emes_profile(initiative, on=dt.date(2004, 3, 1), score=3, paid_work=2)

    html = _section("emes", initiative)

    assert f'src="{url("emes_chart", initiative)}"' in html
    assert 'alt="Netzdiagramm des EMES-Profils vom 01.03.2004 im Vergleich' in html
    assert '<th scope="col">01.03.2004</th>' in html
    assert '<th scope="col">01.05.2003</th>' in html
    row = html[html.index("Mindestmaß an bezahlter Arbeit") :]
    assert re.findall(r"<td>(\d)</td>", row[: row.index("</tr>")]) == ["2", "1"]
    assert "Verlauf: 2 Profile" in html
    assert "Ayşe Demir" in html
    assert "kein Urteil" in html


def test_emes_section_with_one_profile_has_one_column_of_scores(initiative):
    emes_profile(initiative, on=dt.date(2004, 3, 1))

    html = _section("emes", initiative)

    assert html.count('<th scope="col">') == 5
    assert "Verlauf: ein Profil" in html


def test_emes_section_without_profile_says_so(initiative):
    html = _section("emes", initiative)

    assert "Es wurde noch kein EMES-Profil erfasst." in html
    assert "<img" not in html


def test_sections_read_the_history_in_two_queries(django_assert_num_queries, initiative):
    for year in (2002, 2003, 2004):
        criteria_check(initiative, on=dt.date(year, 1, 1))
        emes_profile(initiative, on=dt.date(year, 1, 1))

    with django_assert_num_queries(2):
        history = assessments_of(initiative)
        _section("criteria", initiative, history=history)
        _section("emes", initiative, history=history)
