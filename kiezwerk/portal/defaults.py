"""The text of a public page that management has not written yet, generated from the
agency's data, so that a fresh installation has no empty page. Markdown, like written pages:
management starts editing from it, and one renderer shows both.
"""

from collections.abc import Callable

from django.utils.translation import gettext as _

from kiezwerk.agencies.models import Agency
from kiezwerk.portal.enums import PageKind


def default_page(agency: Agency, kind: str, neighbourhoods: list) -> tuple[str, str]:
    """(title, Markdown) of the default text of the agency's page `kind`."""
    body = BUILDERS[kind](agency, neighbourhoods)
    return str(PageKind(kind).label), "\n\n".join(part for part in body if part)


def _address(agency: Agency) -> str:
    lines = [agency.legal_entity or agency.name, agency.street, f"{agency.postcode} {agency.city}"]
    return "  \n".join(line.strip() for line in lines if line.strip())


def _contact(agency: Agency) -> list[str]:
    return [
        _("Phone: %(phone)s") % {"phone": agency.phone} if agency.phone else "",
        _("E-mail: <%(email)s>") % {"email": agency.email} if agency.email else "",
    ]


def _neighbourhood_list(neighbourhoods: list) -> str:
    return "\n".join(f"- {n.name} ({n.district})" for n in neighbourhoods)


def _about(agency: Agency, neighbourhoods: list) -> list[str]:
    return [
        agency.description
        or _(
            "We help residents found social enterprises that meet needs of the neighbourhood "
            "which nobody meets yet, and we bring in the resources of a network of partners. "
            "Our aim: additional jobs where people live."
        ),
        "## " + _("Where we work"),
        _neighbourhood_list(neighbourhoods),
    ]


def _plain_language(agency: Agency, neighbourhoods: list) -> list[str]:
    """Easy-to-read language (Leichte Sprache): short sentences, one idea per line, no
    brackets; the German text is in the catalogue."""
    street = f"{agency.street}  \n{agency.postcode} {agency.city}" if agency.street else ""
    return [
        "## " + _("Who are we?"),
        _("We are the %(name)s.") % {"name": agency.short_name or agency.name},
        _("We work in these parts of the city:"),
        "\n".join(f"- {n.name}" for n in neighbourhoods),
        "## " + _("What do we do?"),
        _(
            "Some people have an idea for their part of the city.\n\n"
            "For example: a café for everybody.\n\n"
            "Or: help for old people.\n\n"
            "The people want to start a business.\n\n"
            "We help them with it.\n\n"
            "The business helps the people in the part of the city.\n\n"
            "And there are new jobs."
        ),
        "## " + _("How can you talk to us?"),
        _("Please call us.") if agency.phone else "",
        _("Our phone number is: %(phone)s") % {"phone": agency.phone} if agency.phone else "",
        _("You can also write us an e-mail.") if agency.email else "",
        _("Our e-mail address is: %(email)s") % {"email": agency.email} if agency.email else "",
        _("Then we agree on a date with you."),
        "## " + _("Where is our office?") if street else "",
        _("Our address is:") if street else "",
        street,
    ]


def _imprint(agency: Agency, neighbourhoods: list) -> list[str]:
    return [
        "## " + _("Provider of this website"),
        _address(agency),
        *_contact(agency),
        _("%(agency)s is run by %(entity)s.")
        % {"agency": agency.name, "entity": agency.legal_entity}
        if agency.legal_entity
        else "",
    ]


def _privacy(agency: Agency, neighbourhoods: list) -> list[str]:
    return [
        "## " + _("Who is responsible"),
        _address(agency),
        *_contact(agency),
        "## " + _("What our forms collect and why"),
        _(
            "- **Appointment request:** your name, phone number or e-mail address, your "
            "neighbourhood and a short description, to arrange the consultation with you.\n"
            "- **Reporting or supporting a need:** the need you describe and, if you give them, "
            "your contact details, to look at the need and to ask you questions.\n"
            "- **Request from another neighbourhood:** where, what is needed and your contact "
            "details, to answer you and to pass the request on to an agency that works there.\n"
            "- **Accessibility feedback:** your message and, if you give them, your name and "
            "e-mail address, to answer you."
        ),
        _(
            "We use these data only for the purpose you gave them for, and only with your "
            "consent (Art. 6 (1) (a) GDPR). You can withdraw your consent at any time; write "
            "to us. We delete the data when we no longer need them for this purpose."
        ),
        "## " + _("What the website itself stores"),
        _(
            "This website loads nothing from other servers and uses no tracking. It sets a "
            "cookie that protects the forms against misuse and, if you choose a language, a "
            "cookie with that language. To limit how often a form can be sent, we keep an "
            "encrypted code of your internet address for one day, never the address itself."
        ),
        "## " + _("Your rights"),
        _(
            "You have the right to information about your data, to correct, delete and "
            "restrict them, to take them with you and to object. You can complain to the "
            "Berlin Commissioner for Data Protection and Freedom of Information."
        ),
    ]


def _accessibility(agency: Agency, neighbourhoods: list) -> list[str]:
    return [
        _(
            "We want everybody to be able to use this website. We check every page "
            "automatically against the Web Content Accessibility Guidelines (WCAG 2.1, level "
            "AA) and try it with the keyboard only."
        ),
        "## " + _("Known barriers"),
        _("We do not know of any barriers at the moment. Please tell us if you find one."),
        "## " + _("Feedback and contact"),
        _("Use the feedback form below, call or write to us. We answer within one month."),
        *_contact(agency),
        "## " + _("Enforcement"),
        _(
            "If we do not answer you, or you are not satisfied with our answer, you can turn "
            "to the enforcement office for digital accessibility of the State of Berlin."
        ),
    ]


def _appointments_info(agency: Agency, neighbourhoods: list) -> list[str]:
    return [
        _(
            "We advise by appointment, by phone or in person in the neighbourhood. Request an "
            "appointment online or call us; we will get back to you."
        ),
        *_contact(agency),
    ]


BUILDERS: dict[str, Callable[[Agency, list], list[str]]] = {
    PageKind.ABOUT: _about,
    PageKind.PLAIN_LANGUAGE: _plain_language,
    PageKind.IMPRINT: _imprint,
    PageKind.PRIVACY: _privacy,
    PageKind.ACCESSIBILITY: _accessibility,
    PageKind.APPOINTMENTS_INFO: _appointments_info,
}
