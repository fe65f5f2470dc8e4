"""Template helpers shared by every app."""

from django import template

register = template.Library()


@register.filter
def options(field) -> list[tuple[str, str, bool]]:
    """A select field's options as (value, label, selected), read in one pass (a model
    choice field would otherwise count its rows before listing them)."""
    current = field.value()
    selected = {str(value) for value in current} if isinstance(current, list) else {str(current)}
    return [(str(value), label, str(value) in selected) for value, label in field.field.choices]
