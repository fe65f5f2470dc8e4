"""The Kiezwerk API, version 1: one NinjaAPI under /api/v1/ with its OpenAPI description at
/api/v1/openapi.json and the interactive docs at /api/v1/docs (self-hosted Swagger UI).

Every router lives in a `routers_*.py` module: import it below and add it at the bottom.
Operation (function) names must be unique in the whole API: they become the URL names
"api:<function name>"."""

from functools import wraps

from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import URLPattern, path
from django.views.decorators.http import require_GET
from ninja import NinjaAPI
from ninja.openapi.docs import Swagger

from kiezwerk.api import (
    errors,
    routers_agencies,
    routers_figures,
    routers_funding,
    routers_initiatives,
    routers_jobs,
    routers_needs,
    routers_network,
)
from kiezwerk.api.auth import SessionAuth, TokenAuth


class _Docs(Swagger):
    """Swagger UI from the ninja app's own static files, in a page of ours (language,
    landmark, a link to the JSON): no CDN, no inline script or style."""

    template = "api/docs.html"
    # Swagger UI nests interactive elements (axe: nested-interactive) in the schema models
    # section (hidden; every schema still shows beside its operation) and with deep links in
    # the operations' summary buttons (off).
    default_settings = {
        **Swagger.default_settings,
        "deepLinking": False,
        "defaultModelsExpandDepth": -1,
    }


class _Api(NinjaAPI):
    def _get_urls(self):
        """/api/v1/ itself leads to the docs (ninja's own root view is an HTML 404); every
        view answers a wrong method with a JSON 405 instead of an empty one."""
        *urls, _root = super()._get_urls()
        urls = [*urls, path("", require_GET(_to_docs), name="api-root")]
        return [
            URLPattern(url.pattern, self._json_405(url.callback), url.default_args, url.name)
            for url in urls
        ]

    def _json_405(self, view):
        """The view, with its 405 (ninja's PathView or `require_GET`, both empty-bodied
        `HttpResponseNotAllowed`) turned into the API's JSON error."""

        @wraps(view)  # keeps ninja's csrf_exempt
        def view_with_json_405(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            if isinstance(response, HttpResponseNotAllowed):
                return errors.method_not_allowed(self, request, response)
            return response

        return view_with_json_405


def _to_docs(request):
    return redirect("api:openapi-view")


api = _Api(
    version="1",
    title="Kiezwerk API",
    description=(
        "Personal API tokens are created under *My data → API tokens* in the back office; "
        "send them as `Authorization: Bearer kw_…`. Errors are JSON "
        '`{"code", "message", "field"}`; another agency\'s objects are 404.'
    ),
    urls_namespace="api",
    auth=[TokenAuth(), SessionAuth()],
    docs=_Docs(),
    docs_url="/docs",
    docs_decorator=require_GET,
    openapi_url="/openapi.json",
)
errors.install(api)

api.add_router("", routers_agencies.router)
api.add_router("", routers_needs.router)
api.add_router("", routers_initiatives.router)
api.add_router("", routers_figures.router)
api.add_router("", routers_funding.router)
api.add_router("", routers_jobs.router)
api.add_router("", routers_network.router)
