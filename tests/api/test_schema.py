"""Contract test: schemathesis generates requests for every operation of the OpenAPI
description (the other routers' too) and checks that none is a server error and every answer
matches the schema. In process, through the WSGI application, with a manager's write token;
agency paths use the test agency so that the operations get past the 404."""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    negative_data_rejection,
    response_schema_conformance,
)

from tests.api.helpers import token_for
from tests.factories import ConsultationFactory, NeedFactory

EXAMPLES = 6


@pytest.fixture
def keep_connection():
    """The WSGI handler closes the database connection after each request, which would end
    the test's transaction (PostgreSQL); Django's test client does the same as this."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def world(keep_connection, agency, neighbourhoods, initiative, manager):
    NeedFactory(agency=agency, neighbourhood=neighbourhoods[0])
    ConsultationFactory(initiative=initiative)
    return {"Authorization": f"Bearer {token_for(manager)}"}


def _operations():
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler())
    for result in schema.get_all_operations():
        yield result.ok()


def _check(operation, mode, headers, checks, seen: list) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        if case.path_parameters and "slug" in case.path_parameters:
            case.path_parameters["slug"] = "kiez"
        response = case.call(headers=headers)
        case.validate_response(response, checks=checks)
        seen.append(response.status_code)

    run()


@pytest.mark.django_db(transaction=False)
def test_every_operation_keeps_to_the_schema(world):
    operations, seen = list(_operations()), []

    for operation in operations:
        _check(
            operation,
            GenerationMode.POSITIVE,
            world,
            [not_a_server_error, response_schema_conformance],
            seen,
        )
        _check(
            operation,
            GenerationMode.NEGATIVE,
            world,
            [not_a_server_error, negative_data_rejection],
            seen,
        )

    assert len(operations) >= 10
    assert {200, 404, 422} <= set(seen)  # the token got in, and past the agency
