"""Requests from other neighbourhoods for the demand tests and visits."""

from django.contrib.auth.models import Permission

from kiezwerk.needs import services
from tests.factories import DistrictFactory, NeedCategoryFactory, UserFactory


def make_demand(district_name: str = "Neukölln", **fields):
    """A request received through the public form (`services.receive_demand`)."""
    values = {
        "district": DistrictFactory(name=district_name),
        "neighbourhood_name": "Rollbergsiedlung",
        "postcode": "",
        "category": NeedCategoryFactory(name="Kinderbetreuung"),
        "description": "Es fehlt eine Kita mit langen Öffnungszeiten.",
        "requester_kind": "resident",
        "name": "Jana Fiktiv",
        "email": "jana@example.test",
        "phone": "",
    }
    return services.receive_demand(**{**values, **fields})


def planner_user():
    """The city department: holds the network overview permission, no membership."""
    user = UserFactory(name="Senatsverwaltung Planung", email="planung@berlin.test")
    user.user_permissions.add(
        Permission.objects.get(
            codename="view_network_overview", content_type__app_label="reporting"
        )
    )
    return user
