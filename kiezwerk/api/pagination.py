"""Page-number pagination for every list: `?page=1&page_size=25` (at most 100) answers
{"count", "page", "pages", "results"} in two queries (the count and the page), whatever the
page. A page after the last is empty. Use it as `@paginate(Pages)` under the route decorator,
with `response={200: list[ItemOut], **READ_ERRORS}`, returning an ordered queryset."""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase, paginate

__all__ = ["MAX_PAGE_SIZE", "PAGE_SIZE", "Pages", "paginate"]

PAGE_SIZE = 25
MAX_PAGE_SIZE = 100


class Pages(PaginationBase):
    class Input(Schema):
        page: int = Field(1, ge=1, le=1_000_000)
        page_size: int = Field(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)

    class Output(Schema):
        count: int
        page: int
        pages: int
        results: list[Any]

    items_attribute = "results"

    def paginate_queryset(
        self, queryset: QuerySet, pagination: Input, request: HttpRequest, **params: Any
    ) -> dict:
        count = self._items_count(queryset)
        pages = max(1, -(-count // pagination.page_size))
        offset = (pagination.page - 1) * pagination.page_size
        results = queryset[offset : offset + pagination.page_size] if offset < count else []
        return {"count": count, "page": pagination.page, "pages": pages, "results": results}
