"""The project's URLs plus a small API with write operations behind the real auth classes, so
that the scope and CSRF rules are tested without depending on any resource's writes."""

from django.urls import path
from ninja import NinjaAPI

from kiezwerk.api import errors
from kiezwerk.api.auth import SessionAuth, TokenAuth
from kiezwerk.urls import urlpatterns as project_urls

probe = NinjaAPI(urls_namespace="probe", auth=[TokenAuth(), SessionAuth()], docs_url=None)
errors.install(probe)


@probe.api_operation(["POST", "PUT", "PATCH", "DELETE"], "/thing")
def write_thing(request):
    return {"written_by": request.user.email}


urlpatterns = [*project_urls, path("probe/", probe.urls)]
