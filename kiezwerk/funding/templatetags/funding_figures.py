"""`{{ value|euros }}` and `{{ value|percent:2 }}`: a grant's figures as every page shows them
(kiezwerk.core.formats); a dash where there is no value."""

from django import template

from kiezwerk.core import formats
from kiezwerk.core.formats import DASH

register = template.Library()


@register.filter
def euros(value) -> str:
    return DASH if value is None or value == "" else formats.euros(value)


@register.filter
def percent(value, places: int = 1) -> str:
    return DASH if value is None or value == "" else formats.percent(value, int(places))
