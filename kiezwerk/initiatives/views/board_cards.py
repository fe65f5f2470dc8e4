"""The cards of the pipeline board, rendered in Python.

A board shows up to nine columns of eight cards, each card a link and a form with a dozen
values to move it. Through the template engine that took ~5 ms per board (most of the page's
time); formatting a string per card with the same escaping takes well under 1 ms. The markup is
the one of `initiatives/partials/board_column.html` before, and the column around the cards is
still that template.
"""

from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from kiezwerk.initiatives.queries import BoardCard

CARD = (
    '<li class="board-card"><a href="{url}">{name}</a>'
    '<span class="meta">{hood}{advisor}</span>{form}</li>'
)
MOVE_FORM = (
    '<form method="post" action="{url}stage/" hx-post="{url}stage/" hx-target="#board"'
    ' hx-swap="outerHTML">{hidden}'
    '<input type="hidden" name="version" value="{version}">'
    '<input type="hidden" name="note" value="">'
    '<label class="visually-hidden" for="stage-{pk}">{label}</label>'
    '<select id="stage-{pk}" name="to_stage">{options}</select>'
    '<button type="submit" class="button-secondary">{move}</button></form>'
)


def move_form_parts(request: HttpRequest, board_query: str) -> dict[str, str]:
    """What every move form of one board shares, escaped once."""
    hidden = format_html(
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
        '<input type="hidden" name="from" value="board">'
        '<input type="hidden" name="board_query" value="{}">',
        get_token(request),
        board_query,
    )
    return {
        "hidden": hidden,
        "move": escape(_("Move")),
        "new_stage_for": _("New stage for %(name)s"),
    }


def card_html(
    card: BoardCard, *, url: str, can_move: bool, options: str, shared: dict[str, str]
) -> str:
    """One card: its link, neighbourhood and advisor, and (if the user may move it) the form
    with the stage options (`options`, already rendered and safe)."""
    form = ""
    if can_move:
        form = MOVE_FORM.format(
            url=url,
            version=card.stage_version,
            pk=card.pk,
            label=escape(shared["new_stage_for"] % {"name": card.name}),
            options=options,
            **shared,
        )
    return CARD.format(
        url=url,
        name=escape(card.name),
        hood=escape(card.neighbourhood_name or ""),
        advisor=f" · {escape(card.advisor_name)}" if card.advisor_name else "",
        form=form,
    )


def cards_html(cards: list[str]) -> SafeString:
    """The cards of one column, each built by card_html from escaped values."""
    return mark_safe("".join(cards))  # noqa: S308 - every value escaped in card_html  # nosec B308
