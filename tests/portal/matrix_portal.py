"""Permission-matrix rows of the agency's public pages and their back office (see
tests/test_permission_matrix.py).

Public pages answer everyone. The back office is management's: other members of the agency
403, the outsider 404, anonymous to the login. Each member of the agency's own team (management,
advisors, evaluation) decides about their own name on the public page."""

from django.utils import timezone

from tests.conftest import PERSONAS

ALL = [*PERSONAS, "anonymous"]
MANAGEMENT = {
    **dict.fromkeys(("advisor", "evaluator", "funder", "founder", "partner"), 403),
    "manager": 200,
    "outsider": 404,
    "anonymous": "login",
}
OWN_TEAM = MANAGEMENT | {"advisor": 200, "evaluator": 200}


def feedback_kwargs(request) -> dict:
    from kiezwerk.portal.models import AccessibilityFeedback

    agency = request.getfixturevalue("agency")
    feedback = AccessibilityFeedback.objects.create(
        agency=agency, message="Der Kontrast ist zu schwach.", consent_at=timezone.now()
    )
    return {"slug": "kiez", "pk": feedback.pk}


def membership_kwargs(request) -> dict:
    advisor = request.getfixturevalue("advisor")
    return {"slug": "kiez", "pk": advisor.memberships.get().pk}


ROWS = {
    "portal:agency": ({"slug": "kiez"}, dict.fromkeys(ALL, 200)),
    "portal:page": ({"slug": "kiez", "kind": "imprint"}, dict.fromkeys(ALL, 200)),
    "portal:accessibility_feedback": ({"slug": "kiez"}, dict.fromkeys(ALL, 200)),
    "portal_admin:pages": ({"slug": "kiez"}, MANAGEMENT),
    "portal_admin:page": ({"slug": "kiez", "kind": "privacy"}, MANAGEMENT),
    "portal_admin:feedback": ({"slug": "kiez"}, MANAGEMENT),
    "portal_admin:feedback_answer": (feedback_kwargs, MANAGEMENT),
    "portal_admin:team": ({"slug": "kiez"}, MANAGEMENT),
    "portal_admin:team_listing": (membership_kwargs, MANAGEMENT),
    "portal_admin:my_listing": ({"slug": "kiez"}, OWN_TEAM),
}

FORM_VIEWS = {
    "portal:accessibility_feedback",
    "portal_admin:page",
    "portal_admin:feedback_answer",
    "portal_admin:team_listing",
    "portal_admin:my_listing",
}
