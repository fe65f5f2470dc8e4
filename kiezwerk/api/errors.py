"""Every error of the API is JSON: {"code": stable code, "message": translated, "field": name
or null}; validation errors are 422 {"code": "invalid", "message", "errors": [...]}.

Routers raise `ApiError(status, code, message, field=...)`, or Django's `Http404` /
`PermissionDenied` / `ValidationError` (from services), which become the same JSON here. A
method that an address does not serve is 405 {"code": "method_not_allowed"} with the Allow
header (`method_not_allowed`, which base.py applies to every view of the API)."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.field = status, code, message, field


class ErrorOut(Schema):
    code: str
    message: str
    field: str | None = None


class FieldErrorOut(Schema):
    field: str | None
    code: str
    message: str


class ValidationErrorOut(Schema):
    code: str
    message: str
    errors: list[FieldErrorOut]


# Merge into an operation's `response=`: {200: Out, **READ_ERRORS} (or WRITE_ERRORS).
READ_ERRORS: dict[int, Any] = {
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    422: ValidationErrorOut,
}
WRITE_ERRORS: dict[int, Any] = {**READ_ERRORS, 400: ErrorOut, 409: ErrorOut}


def not_found() -> ApiError:
    return ApiError(404, "not_found", _("Not found."))


def _pydantic_message(error: dict) -> str:
    messages = {
        "missing": _("This field is required."),
        "int_parsing": _("Enter a whole number."),
        "int_type": _("Enter a whole number."),
        "decimal_parsing": _("Enter a number."),
        "float_parsing": _("Enter a number."),
        "date_from_datetime_parsing": _("Enter a valid date."),
        "date_parsing": _("Enter a valid date."),
        "datetime_parsing": _("Enter a valid date and time."),
        "bool_parsing": _("Enter true or false."),
        "enum": _("Select a valid choice."),
        "literal_error": _("Select a valid choice."),
        "string_too_long": _("This text is too long."),
        "string_too_short": _("This text is too short."),
        "greater_than_equal": _("This number is too small."),
        "greater_than": _("This number is too small."),
        "less_than_equal": _("This number is too large."),
        "less_than": _("This number is too large."),
    }
    return messages.get(error.get("type", ""), _("This value is not valid."))


def _field_of(error: dict) -> str | None:
    # loc is ("query", "page") / ("body", "payload", "name") / ("path", "slug"): drop the place
    # and the payload argument, keep the field path.
    loc = [str(part) for part in error.get("loc", ())][1:]
    if len(loc) > 1 and loc[0] in ("payload", "data", "body", "filters"):
        loc = loc[1:]
    return ".".join(loc) or None


def _json(api, request: HttpRequest, status: int, data: dict) -> HttpResponse:
    return api.create_response(request, data, status=status)


def _error(api, request, status: int, code: str, message: str, field=None) -> HttpResponse:
    return _json(api, request, status, {"code": code, "message": message, "field": field})


def method_not_allowed(api, request: HttpRequest, refused: HttpResponse) -> HttpResponse:
    """ninja's or Django's empty-bodied 405 (a method the address does not serve) as a JSON
    error, with its Allow header kept."""
    message = _("The method %(method)s is not allowed here. Allowed: %(allowed)s.") % {
        "method": request.method,
        "allowed": refused["Allow"],
    }
    response = _error(api, request, 405, "method_not_allowed", message)
    response["Allow"] = refused["Allow"]
    return response


def _validation(api, request, errors: list[dict]) -> HttpResponse:
    data = {"code": "invalid", "message": _("The input is not valid."), "errors": errors}
    return _json(api, request, 422, data)


def _django_errors(exc: DjangoValidationError) -> list[dict]:
    if hasattr(exc, "error_dict"):
        return [
            {
                "field": None if name == "__all__" else name,
                "code": e.code or "invalid",
                "message": " ".join(e.messages),
            }
            for name, errors in exc.error_dict.items()
            for e in errors
        ]
    return [
        {"field": None, "code": e.code or "invalid", "message": " ".join(e.messages)}
        for e in exc.error_list
    ]


_HTTP_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    429: "throttled",
}


def install(api) -> None:
    """Register the JSON error handlers on the NinjaAPI instance."""

    def on_api_error(request, exc: ApiError):
        return _error(api, request, exc.status, exc.code, exc.message, exc.field)

    def on_validation(request, exc: NinjaValidationError):
        errors = [
            {
                "field": _field_of(e),
                "code": e.get("type", "invalid"),
                "message": _pydantic_message(e),
            }
            for e in exc.errors
        ]
        return _validation(api, request, errors)

    def on_django_validation(request, exc: DjangoValidationError):
        return _validation(api, request, _django_errors(exc))

    def on_authentication(request, exc):
        message = _("Log in or send a valid API token (Authorization: Bearer …).")
        return _error(api, request, 401, "not_authenticated", message)

    def on_forbidden(request, exc):
        return _error(api, request, 403, "forbidden", _("You may not do this."))

    def on_not_found(request, exc):
        return _error(api, request, 404, "not_found", _("Not found."))

    def on_http_error(request, exc: HttpError):
        code = _HTTP_CODES.get(exc.status_code, "error")
        return _error(api, request, exc.status_code, code, str(exc.message))

    def on_throttled(request, exc):
        return _error(api, request, 429, "throttled", _("Too many requests. Try again later."))

    api.add_exception_handler(ApiError, on_api_error)
    api.add_exception_handler(NinjaValidationError, on_validation)
    api.add_exception_handler(DjangoValidationError, on_django_validation)
    api.add_exception_handler(AuthenticationError, on_authentication)
    api.add_exception_handler(AuthorizationError, on_forbidden)
    api.add_exception_handler(PermissionDenied, on_forbidden)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(Throttled, on_throttled)
    api.add_exception_handler(HttpError, on_http_error)
