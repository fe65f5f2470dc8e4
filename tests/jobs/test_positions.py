"""The enterprise's jobs pages: the list of positions with the jobs per year, recording and
changing a position with or without its holder's data, archiving one, and who may."""

import json
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from kiezwerk.core.models import ActivityLogEntry
from kiezwerk.economy import services as economy
from kiezwerk.jobs import services
from kiezwerk.jobs.enums import ContractType, Instrument, Origin, PriorStatus
from kiezwerk.jobs.models import Holder, Position
from tests.conftest import client_for, count_queries
from tests.factories import NeedCategoryFactory
from tests.jobs.positions import holder, position


def _url(name: str, enterprise, **kwargs) -> str:
    return reverse(f"jobs:{name}", kwargs={"slug": "kiez", "pk": enterprise.pk, **kwargs})


def _list(enterprise) -> str:
    return _url("positions", enterprise)


def _edit(found: Position) -> str:
    return _url("position_edit", found.initiative, position=found.pk)


def _archive(found: Position) -> str:
    return _url("position_archive", found.initiative, position=found.pk)


def _de(text: str) -> str:
    """`text` as the German interface shows it (the catalogue may not have it yet)."""
    with translation.override("de"):
        return translation.gettext(text)


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _data(**fields) -> dict:
    """A valid position as the form sends it (German numbers), without holder data."""
    return {
        "title": "Köchin",
        "line": "",
        "contract_type": ContractType.PART_TIME,
        "instrument": "",
        "instrument_note": "",
        "weekly_hours": "30",
        "full_time_hours": "40",
        "start_date": "2005-03-01",
        "end_date": "",
        "origin": Origin.CREATED,
        "justification": "",
        "holder-residence": "unknown",
        **fields,
    }


def _holder(**fields) -> dict:
    return {
        "holder-pseudonym": "K-017",
        "holder-prior_status": PriorStatus.LONG_TERM_UNEMPLOYED,
        "holder-age_band": "25_54",
        "holder-gender": "female",
        "holder-residence": "inside",
        "holder-disadvantages": ["single_parent", "low_education"],
        "holder-legal_basis": "consent",
        **fields,
    }


def _errors(response) -> dict:
    """{field: messages} of both forms (holder fields with their prefix)."""
    context = response.context
    found = {name: list(errors) for name, errors in context["form"].errors.items()}
    for name, errors in context["holder_form"].errors.items():
        found[f"holder-{name}"] = list(errors)
    return found


# ------------------------------------------------------------------------------------------
# Recording


def test_position_is_recorded_without_holder_data(enterprise, founder):
    response = client_for(founder).post(_url("position_create", enterprise), _data())

    found = Position.objects.get()
    assert (response.status_code, response["Location"]) == (302, _list(enterprise))
    assert (found.title, found.initiative, found.agency, found.weekly_hours, found.fte) == (
        "Köchin",
        enterprise,
        enterprise.agency,
        Decimal("30"),
        Decimal("0.750"),
    )
    assert Holder.objects.count() == 0
    assert _messages(response) == [_de("The position has been recorded.")]


def test_position_is_recorded_with_holder_data(enterprise, cafe, founder):
    data = _data(line=cafe.pk) | _holder()

    response = client_for(founder).post(_url("position_create", enterprise), data)

    assert response.status_code == 302
    found = Holder.objects.get()
    assert (found.position.line, found.agency, found.pseudonym, found.residence) == (
        cafe,
        enterprise.agency,
        "K-017",
        "inside",
    )
    with translation.override("en"):
        disadvantages = found.disadvantages()
    assert disadvantages == [
        "single adult household with dependent children",
        "at most lower secondary education (ISCED 0–2)",
    ]
    entry = ActivityLogEntry.objects.get(verb="jobs.position_recorded")
    assert "K-017" not in json.dumps(entry.data)


def test_fte_follow_from_german_decimal_hours(enterprise, founder):
    data = _data(weekly_hours="19,5", full_time_hours="39")

    client_for(founder).post(_url("position_create", enterprise), data)

    found = Position.objects.get()
    assert (found.weekly_hours, found.full_time_hours, found.fte) == (
        Decimal("19.5"),
        Decimal("39"),
        Decimal("0.500"),
    )


def test_subsidised_position_needs_its_instrument(enterprise, founder):
    data = _data(contract_type=ContractType.SUBSIDISED)

    response = client_for(founder).post(_url("position_create", enterprise), data)

    assert response.status_code == 400
    assert _errors(response) == {
        "instrument": [_de("Subsidised employment needs the instrument that pays for it.")]
    }
    assert Position.objects.count() == 0


def test_subsidised_position_with_another_instrument_needs_its_name(enterprise, founder):
    data = _data(contract_type=ContractType.SUBSIDISED, instrument=Instrument.OTHER)

    response = client_for(founder).post(_url("position_create", enterprise), data)

    assert _errors(response) == {"instrument_note": [_de("Please name the instrument.")]}


def test_subsidised_position_is_listed_with_its_instrument(enterprise, founder):
    data = _data(
        contract_type=ContractType.SUBSIDISED,
        instrument=Instrument.OTHER,
        instrument_note=" Landesprogramm ÖBS ",
    )

    client_for(founder).post(_url("position_create", enterprise), data)
    page = client_for(founder).get(_list(enterprise)).content.decode()

    assert Position.objects.get().instrument_note == "Landesprogramm ÖBS"
    assert "(Landesprogramm ÖBS)" in page


def test_instrument_is_refused_for_other_contracts(enterprise, founder):
    data = _data(instrument=Instrument.EGZ, instrument_note="Jobcenter")

    response = client_for(founder).post(_url("position_create", enterprise), data)

    assert response.status_code == 400
    assert _errors(response) == {
        "instrument": [_de("Only subsidised employment has an instrument: please leave it empty.")],
        "instrument_note": [_de("Name an instrument here only when you chose “other instrument”.")],
    }


def test_additional_position_needs_a_justification(enterprise, founder):
    data = _data(additional="on", justification="  ")

    response = client_for(founder).post(_url("position_create", enterprise), data)

    assert response.status_code == 400
    assert _errors(response) == {
        "justification": [
            _de("Please say why the job would not exist without the enterprise and its support.")
        ]
    }
    assert Position.objects.count() == 0


def test_position_cannot_end_before_it_starts(enterprise, founder):
    data = _data(start_date="2005-03-01", end_date="2005-02-28")

    response = client_for(founder).post(_url("position_create", enterprise), data)

    assert _errors(response) == {"end_date": [_de("The end cannot be before the start.")]}


@pytest.mark.parametrize("hours", ["0", "80,5", "viel"])
def test_hours_out_of_range_are_refused(enterprise, founder, hours):
    response = client_for(founder).post(
        _url("position_create", enterprise), _data(weekly_hours=hours)
    )

    assert (response.status_code, list(_errors(response))) == (400, ["weekly_hours"])


def test_holder_data_begun_need_code_status_age_gender_and_legal_basis(enterprise, founder):
    data = _data() | {"holder-disadvantages": ["disability"]}

    response = client_for(founder).post(_url("position_create", enterprise), data)

    needed = _de(
        "Needed when you give details about the person. Or leave the whole part about the "
        "person empty."
    )
    assert response.status_code == 400
    assert _errors(response) == {
        f"holder-{name}": [needed]
        for name in ("pseudonym", "prior_status", "age_band", "gender", "legal_basis")
    }
    assert (Position.objects.count(), Holder.objects.count()) == (0, 0)


def test_holder_code_is_unique_in_the_agency(enterprise, founder, manager):
    position(enterprise, manager, start="2004-01-01", holder=holder("K-017"))

    response = client_for(founder).post(_url("position_create", enterprise), _data() | _holder())

    assert _errors(response) == {
        "holder-pseudonym": [
            _de("This code is already used for another position. Please choose another one.")
        ]
    }
    assert Position.objects.count() == 1


def test_form_offers_the_enterprises_active_lines_only(enterprise, cafe, founder, manager):
    kita = economy.add_line(enterprise, actor=manager, name="Kita", service=cafe.service)
    economy.archive_line(kita, actor=manager)

    response = client_for(founder).get(_url("position_create", enterprise))

    offered = [str(label) for _value, label in response.context["form"].fields["line"].choices]
    assert offered == [_de("none in particular"), "Café"]


def test_line_of_another_enterprise_is_refused(enterprise, founder, other_founder, manager):
    shop = _shop(other_founder)
    line = economy.add_line(shop, actor=manager, name="Werkstatt", service=NeedCategoryFactory())

    response = client_for(founder).post(_url("position_create", enterprise), _data(line=line.pk))

    assert (response.status_code, list(_errors(response))) == (400, ["line"])


def _shop(other_founder):
    """The other founder's enterprise."""
    return other_founder.contact_roles.get().initiative


def test_form_says_that_no_names_are_stored(enterprise, founder):
    page = client_for(founder).get(_url("position_create", enterprise)).content.decode()

    assert _de("No names: use a code your enterprise can match to its own records.") in page
    assert "holder-legal_basis" in page


# ------------------------------------------------------------------------------------------
# Changing


@pytest.fixture
def cook(enterprise, manager):
    return position(
        enterprise,
        manager,
        title="Koch",
        start="2005-03-01",
        hours=30,
        holder=holder("K-1", prior_status=PriorStatus.UNEMPLOYED),
    )


def test_edit_form_is_filled_in_with_the_position_and_its_holder(cook, founder):
    response = client_for(founder).get(_edit(cook))

    assert response.status_code == 200
    assert response.context["form"]["weekly_hours"].value() == Decimal("30")
    assert response.context["holder_form"]["pseudonym"].value() == "K-1"
    assert 'value="30,00"' in response.content.decode()


def test_edit_logs_the_holder_fields_changed_by_name_only(cook, founder):
    data = _data(title="Koch", weekly_hours="35") | _holder(
        **{"holder-pseudonym": "K-99", "holder-disadvantages": []}
    )

    response = client_for(founder).post(_edit(cook), data)

    assert response.status_code == 302
    assert _messages(response) == [_de("Your changes to the position have been saved.")]
    entry = ActivityLogEntry.objects.get(verb="jobs.position_changed")
    assert entry.data["weekly_hours"] == "35.00"
    assert entry.data["holder"] == [
        "pseudonym",
        "prior_status",
        "residence",
        "legal_basis",
    ]
    logged = json.dumps(entry.data)
    assert all(value not in logged for value in ("K-99", "K-1", "long_term", "consent"))
    assert Holder.objects.get().pseudonym == "K-99"


def test_holder_data_once_stored_cannot_be_left_empty(cook, founder):
    data = _data(title="Koch") | {"holder-pseudonym": ""}

    response = client_for(founder).post(_edit(cook), data)

    assert response.status_code == 400
    assert "holder-pseudonym" in _errors(response)
    assert Holder.objects.get().pseudonym == "K-1"


def test_holder_data_can_be_added_later(enterprise, founder, manager):
    found = position(enterprise, manager, start="2005-03-01")

    client_for(founder).post(_edit(found), _data(title="Koch") | _holder())

    assert Holder.objects.get().position == found


def test_invalid_edit_changes_nothing(cook, founder):
    response = client_for(founder).post(_edit(cook), _data(title="", weekly_hours="12"))

    cook.refresh_from_db()
    assert response.status_code == 400
    assert (cook.title, cook.weekly_hours) == ("Koch", Decimal("30"))
    assert response.context["position"].title == "Koch"


def test_edit_keeps_an_archived_line(enterprise, cafe, founder, manager):
    found = position(enterprise, manager, start="2005-03-01", line=cafe)
    economy.archive_line(cafe, actor=manager)

    response = client_for(founder).post(_edit(found), _data(title="Koch", line=cafe.pk))

    assert response.status_code == 302


def test_archived_position_cannot_be_edited(cook, founder, manager):
    services.archive_position(cook, actor=manager)

    assert client_for(founder).get(_edit(cook)).status_code == 404
    assert client_for(founder).post(_archive(cook)).status_code == 404


def test_position_of_another_enterprise_is_404(cook, other_founder, manager):
    shop = _shop(other_founder)
    url = _url("position_edit", shop, position=cook.pk)

    assert client_for(manager).get(url).status_code == 404
    assert client_for(other_founder).get(_edit(cook)).status_code == 404


# ------------------------------------------------------------------------------------------
# Archiving


def test_archive_asks_for_confirmation_first(cook, founder):
    response = client_for(founder).get(_archive(cook))

    assert response.status_code == 200
    assert '<form method="post">' in response.content.decode()
    assert Position.objects.active().count() == 1


def test_archive_removes_the_position_from_the_list_and_the_figures(cook, founder):
    response = client_for(founder).post(_archive(cook))

    assert (response.status_code, response["Location"]) == (302, _list(cook.initiative))
    assert _messages(response) == [
        _de("The position “%(title)s” has been archived. It no longer counts in any figure.")
        % {"title": "Koch"}
    ]
    page = client_for(founder).get(_list(cook.initiative))
    assert (page.context["current"], page.context["ended"], page.context["years"]) == ([], [], [])


@pytest.mark.parametrize(("persona", "expected"), [("evaluator", 403), ("outsider", 404)])
def test_archive_is_refused_to_those_who_may_not_record(request, cook, persona, expected):
    response = client_for(request.getfixturevalue(persona)).post(_archive(cook))

    assert response.status_code == expected
    assert Position.objects.active().count() == 1


# ------------------------------------------------------------------------------------------
# The list


def test_list_shows_current_and_ended_positions_with_their_holders(enterprise, founder, manager):
    cook = position(enterprise, manager, start="2005-03-01", holder=holder("K-1"))
    waiter = position(enterprise, manager, title="Kellner", start="2004-01-01", end="2005-06-30")

    response = client_for(founder).get(_list(enterprise))

    current, ended = response.context["current"], response.context["ended"]
    assert [row.position for row in current] == [cook]
    assert [row.position for row in ended] == [waiter]
    assert (current[0].holder.pseudonym, ended[0].holder) == ("K-1", None)
    page = response.content.decode()
    assert "K-1," in page
    assert _de("long-term unemployed") in page
    assert _edit(cook) in page


def test_list_shows_created_and_maintained_jobs_per_year(enterprise, founder, manager):
    position(enterprise, manager, start="2005-03-01", hours="19.5", full_time_hours=39)
    position(
        enterprise,
        manager,
        title="Leitung",
        start="2003-01-01",
        end="2005-12-31",
        origin=Origin.MAINTAINED,
        additional=True,
        justification="Ohne die Beratung wäre der Verein aufgelöst worden.",
    )

    response = client_for(founder).get(_list(enterprise))

    rows = [(row.year, row.cells) for row in response.context["years"]]
    assert rows == [
        (2003, ["0", "0,00", "1", "1,00", "1", "1,00", "1", "1,00"]),
        (2004, ["0", "0,00", "1", "1,00", "1", "1,00", "1", "1,00"]),
        (2005, ["1", "0,50", "1", "1,00", "2", "1,50", "1", "1,00"]),
    ]
    assert '<caption id="years-caption">' in response.content.decode()


def test_list_has_no_edit_links_for_the_evaluator(cook, evaluator):
    response = client_for(evaluator).get(_list(cook.initiative))

    assert response.status_code == 200
    page = response.content.decode()
    assert _edit(cook) not in page
    assert _url("position_create", cook.initiative) not in page


def test_list_without_positions_says_so(enterprise, founder):
    response = client_for(founder).get(_list(enterprise))

    assert response.context["years"] == []
    assert _de("The enterprise has no current position.") in response.content.decode()


def test_list_queries_do_not_grow_with_positions(enterprise, cafe, founder, manager):
    client = client_for(founder)
    position(enterprise, manager, start="2005-03-01", line=cafe, holder=holder("K-0"))
    one = count_queries(lambda: client.get(_list(enterprise)))
    for number in range(1, 5):
        position(
            enterprise,
            manager,
            start=f"200{number}-03-01",
            end="2006-12-31" if number % 2 else None,
            line=cafe,
            holder=holder(f"K-{number}"),
        )

    many = count_queries(lambda: client.get(_list(enterprise)))

    assert one == many


def test_case_page_links_to_the_jobs(enterprise, founder, other_founder):
    case = reverse("initiatives:detail", kwargs={"slug": "kiez", "pk": enterprise.pk})
    shop = _shop(other_founder)
    other_case = reverse("initiatives:detail", kwargs={"slug": "kiez", "pk": shop.pk})

    assert _list(enterprise) in client_for(founder).get(case).content.decode()
    page = client_for(other_founder).get(other_case).content.decode()
    assert (_list(shop) in page, _list(enterprise) in page) == (True, False)
