"""The registry's entries for every model that is not itself about one person: case work,
network, forums, economy, jobs, funding, reports, the activity log and consents. The person
models are in `registry.py`, the third-party tables in `registry_third_party.py`;
`registry.REGISTRY` joins them.

How fields are classified:
- Free text that staff write about a case, a forum or a referral may describe people (notes,
  minutes, evidence, reasons): personal, about the founders, attendees or residents it
  concerns. Structured case data (stages, dates, counts, amounts) of an initiative, an
  organisation, are not.
- A link to the member of staff who advised, recorded or handled something is staff data
  (`staff`). On a person's own record (`registry.PERSONS`) such links are named in
  `not_personal`: those fields describe the person, and the staff data they hold is declared
  here, on the case records and on `accounts.User` / `agencies.Membership`.
- A many-to-many field with an explicit link table stores nothing itself: its table (e.g.
  `agencies.TeamAssignment`) carries the classification.
- Organisations' names, addresses and contacts are not personal; a partner's contact person
  is (`identifies`, though the row is an organisation).
"""

from django.utils.translation import gettext_lazy as _

from kiezwerk.privacy.registry_types import Basis, Category, Entry, Personal, Purpose, Retention
from kiezwerk.privacy.registry_types import Subject as S

C, P, B, R = Category, Purpose, Basis, Retention
ANYONE = tuple(S.values)
PUBLIC = _("the public, on the agency's pages")
LISTED = _("the public, on the agency's page: name and function, only with consent")
DIRECTORY = _("the public, in the directory, only if the enterprise chose to be listed")


def names(names: str) -> tuple[str, ...]:
    """Field names written as one string, separated by spaces."""
    return tuple(names.split())


def staff(purpose: str, retention: str, *, basis: str = B.LEGITIMATE) -> Personal:
    """A link to the member of staff who did something: theirs, not the subject's."""
    return Personal(C.STAFF, purpose, basis, retention, export=False, subjects=(S.STAFF,))


def _case_text(retention: str = R.COUNSELLING) -> Personal:
    """What an advisor wrote about an initiative: may describe its founders."""
    return Personal(C.COUNSELLING, P.COUNSELLING, B.PUBLIC_TASK, retention)


_LINKS = "id agency"  # the row's key and its tenant, in every agency-owned table
_TIMES = "created_at updated_at"

CORE = {
    "core.ActivityLogEntry": Entry(
        subjects=ANYONE,
        source=_("written by Kiezwerk when someone changes a record"),
        fields={
            "actor": staff(P.SECURITY, R.LOG),
            "object_repr": Personal(C.IDENTITY, P.SECURITY, B.LEGITIMATE, R.LOG),
            "data": Personal(C.USAGE, P.SECURITY, B.LEGITIMATE, R.LOG),
        },
        not_personal=names("id created_at agency verb content_type object_id"),
    ),
    "api.ApiToken": Entry(
        subjects=(S.STAFF,),
        source=_("from the account holder, who creates and revokes their own tokens"),
        fields={
            "user": Personal(C.ACCOUNT, P.ACCOUNTS, B.CONTRACT, R.ACCOUNT),
            "name": Personal(C.ACCOUNT, P.ACCOUNTS, B.CONTRACT, R.ACCOUNT),
            "last_used_at": Personal(C.USAGE, P.SECURITY, B.LEGITIMATE, R.ACCOUNT),
        },
        not_personal=names("id prefix key_hash scope expires_at created_at revoked_at"),
    ),
    "core.PublicSubmission": Entry(
        subjects=(S.RESIDENTS,),
        source=_("the keyed hash of the address a public form was sent from"),
        fields={
            "address_hash": Personal(C.USAGE, P.SECURITY, B.LEGITIMATE, R.DAY, export=False),
        },
        not_personal=names("id scope sent_at"),
    ),
    "core.Consent": Entry(
        subjects=(S.RESIDENTS, S.FOUNDERS, S.ATTENDEES, S.JOB_HOLDERS, S.STAFF),
        source=_("from the person, when giving or withdrawing a consent"),
        fields={
            **dict.fromkeys(
                names("object_id purpose text_version given_at channel withdrawn_at"),
                Personal(C.CONSENT, P.DATA_PROTECTION, B.ACCOUNTABILITY, R.PROOF),
            ),
            "withdrawal_channel": Personal(C.CONSENT, P.DATA_PROTECTION, B.ACCOUNTABILITY, R.PROOF),
            "recorded_by": staff(P.DATA_PROTECTION, R.PROOF),
            "withdrawn_by": staff(P.DATA_PROTECTION, R.PROOF),
        },
        not_personal=names("id agency content_type"),
    ),
}

AGENCIES = {
    "agencies.District": Entry(fields={}, not_personal=names(f"id {_TIMES} name city")),
    "agencies.Agency": Entry(
        fields={},
        not_personal=names(
            f"id {_TIMES} archived_at name short_name slug legal_entity street postcode city "
            "phone email description"
        ),
    ),
    "agencies.Neighbourhood": Entry(
        fields={},
        not_personal=names(f"{_LINKS} {_TIMES} archived_at district name slug kind description"),
    ),
    "agencies.Membership": Entry(
        subjects=(S.STAFF,),
        source=_("from the agency's management"),
        fields={
            "user": Personal(C.STAFF, P.ACCOUNTS, B.CONTRACT, R.ACCOUNT),
            "role": Personal(C.STAFF, P.ACCOUNTS, B.CONTRACT, R.ACCOUNT),
            "title": Personal(C.STAFF, P.ACCOUNTS, B.CONTRACT, R.ACCOUNT),
            **dict.fromkeys(
                names("listed_publicly listing_consent"),
                Personal(C.CONSENT, P.PORTAL, B.CONSENT, R.ACCOUNT, recipients=(LISTED,)),
            ),
        },
        not_personal=names(f"{_LINKS} {_TIMES} archived_at neighbourhoods"),
    ),
    "agencies.TeamAssignment": Entry(
        subjects=(S.STAFF,),
        source=_("from the agency's management"),
        fields={
            "membership": Personal(C.STAFF, P.ACCOUNTS, B.CONTRACT, R.ACCOUNT),
            "neighbourhood": Personal(C.STAFF, P.ACCOUNTS, B.CONTRACT, R.ACCOUNT),
        },
        not_personal=names(f"{_LINKS} {_TIMES}"),
    ),
}

NEEDS = {
    "needs.NeedCategory": Entry(fields={}, not_personal=names(f"id {_TIMES} name")),
    # Needs describe groups ("single parents in the estate"), never a person; public ones
    # are moderated before they show.
    "needs.Need": Entry(
        fields={},
        not_personal=names(
            f"{_LINKS} {_TIMES} archived_at neighbourhood category title description affected "
            "source raised_on evidence status status_reason closed_on supporters is_public "
            "from_portal merged_into"
        ),
    ),
    "needs.NeedSupport": Entry(
        subjects=(S.RESIDENTS,),
        source=_("the keyed hash of the address a need was supported from"),
        fields={
            "address_hash": Personal(C.USAGE, P.PORTAL, B.LEGITIMATE, R.DAY, export=False),
        },
        not_personal=names(f"{_LINKS} need day"),
    ),
}

INITIATIVES = {
    "initiatives.Initiative": Entry(
        subjects=(S.FOUNDERS,),
        source=_("from the founders, in counselling"),
        fields={
            "advisor": staff(P.COUNSELLING, R.COUNSELLING, basis=B.CONTRACT),
            # The enterprise's public contact is often a founder's own phone or address.
            "public_phone": Personal(
                C.CONTACT, P.PORTAL, B.CONSENT, R.COUNSELLING, recipients=(DIRECTORY,)
            ),
            "public_email": Personal(
                C.CONTACT,
                P.PORTAL,
                B.CONSENT,
                R.COUNSELLING,
                identifies=True,
                recipients=(DIRECTORY,),
            ),
        },
        not_personal=names(
            f"{_LINKS} {_TIMES} archived_at neighbourhood name idea stage stage_changed_at "
            "stage_version last_contact_on legal_form founded_on registry_number "
            "business_lines is_public public_description opening_hours public_address website "
            "directory_category served_neighbourhoods needs external_ref"
        ),
    ),
    "initiatives.ServedNeighbourhood": Entry(
        fields={}, not_personal=names(f"{_LINKS} initiative neighbourhood")
    ),
    "initiatives.InitiativeNeed": Entry(fields={}, not_personal=names(f"{_LINKS} initiative need")),
    "initiatives.StageChange": Entry(
        subjects=(S.FOUNDERS,),
        source=_("written by the advisor"),
        fields={"note": _case_text(), "changed_by": staff(P.COUNSELLING, R.COUNSELLING)},
        not_personal=names(f"{_LINKS} initiative from_stage to_stage changed_at"),
    ),
    "initiatives.Consultation": Entry(
        subjects=(S.FOUNDERS,),
        source=_("written by the advisor, in counselling"),
        fields={"notes": _case_text(), "advisor": staff(P.COUNSELLING, R.COUNSELLING)},
        not_personal=names(
            f"{_LINKS} {_TIMES} initiative held_on duration_minutes topic follow_up_on needs_raised"
        ),
    ),
    "initiatives.ConsultationNeed": Entry(
        fields={}, not_personal=names(f"{_LINKS} consultation need")
    ),
    "initiatives.Milestone": Entry(
        fields={}, not_personal=names(f"{_LINKS} {_TIMES} initiative title due_on done_on")
    ),
    # Uploaded papers of a case: business plans, CVs, certificates; their names too.
    "initiatives.Document": Entry(
        subjects=(S.FOUNDERS,),
        source=_("from the founders or the advisor, in counselling"),
        fields={
            "title": _case_text(),
            "file": _case_text(),
            "original_name": _case_text(),
            "uploaded_by": staff(P.COUNSELLING, R.COUNSELLING),
        },
        not_personal=names(
            f"{_LINKS} {_TIMES} archived_at initiative kind content_type size shared_with_founders"
        ),
    ),
    "initiatives.CriteriaAssessment": Entry(
        subjects=(S.FOUNDERS,),
        source=_("written by the advisor"),
        fields={
            **dict.fromkeys(
                names("needs_evidence goals_evidence profit_evidence financing_evidence"),
                _case_text(),
            ),
            "assessed_by": staff(P.COUNSELLING, R.COUNSELLING),
        },
        not_personal=names(
            f"{_LINKS} {_TIMES} initiative assessed_on needs_rating goals_rating "
            "profit_rating financing_rating"
        ),
    ),
    "initiatives.EmesProfile": Entry(
        subjects=(S.FOUNDERS,),
        source=_("written by the advisor"),
        fields={"note": _case_text(), "assessed_by": staff(P.COUNSELLING, R.COUNSELLING)},
        not_personal=names(
            f"{_LINKS} {_TIMES} initiative assessed_on continuous_activity economic_risk "
            "paid_work explicit_aim citizen_initiative limited_profit autonomy "
            "not_capital_based participation"
        ),
    ),
}

_REFERRED_TO = _("the partner organisation the initiative is referred to")

NETWORK = {
    "network.Partner": Entry(
        subjects=(S.PARTNER_CONTACTS,),
        source=_("from the partner organisation"),
        fields={
            "contact_name": Personal(
                C.IDENTITY, P.NETWORK, B.LEGITIMATE, R.PARTNER, identifies=True
            ),
            "email": Personal(C.CONTACT, P.NETWORK, B.LEGITIMATE, R.PARTNER, identifies=True),
            "phone": Personal(C.CONTACT, P.NETWORK, B.LEGITIMATE, R.PARTNER),
        },
        not_personal=names(
            f"{_LINKS} {_TIMES} archived_at name kind is_network_member member_since street "
            "postcode city website description neighbourhoods accounts"
        ),
    ),
    "network.PartnerNeighbourhood": Entry(
        fields={}, not_personal=names(f"{_LINKS} partner neighbourhood")
    ),
    "network.PartnerAccount": Entry(
        subjects=(S.PARTNER_CONTACTS,),
        source=_("from the agency's management"),
        fields={"user": Personal(C.ACCOUNT, P.NETWORK, B.LEGITIMATE, R.PARTNER)},
        not_personal=names(f"{_LINKS} partner"),
    ),
    "network.Offer": Entry(
        fields={},
        not_personal=names(
            f"{_LINKS} {_TIMES} archived_at partner kind title description capacity "
            "valid_from valid_until stages categories neighbourhoods"
        ),
    ),
    "network.OfferCategory": Entry(fields={}, not_personal=names(f"{_LINKS} offer category")),
    "network.OfferNeighbourhood": Entry(
        fields={}, not_personal=names(f"{_LINKS} offer neighbourhood")
    ),
    "network.Referral": Entry(
        subjects=(S.FOUNDERS,),
        source=_("written by the advisor"),
        recipients=(_REFERRED_TO,),
        fields={
            "note": _case_text(),
            "status_reason": _case_text(),
            "referred_by": staff(P.NETWORK, R.COUNSELLING),
        },
        not_personal=names(
            f"{_LINKS} {_TIMES} initiative neighbourhood partner offer consultation "
            "referred_on status"
        ),
    ),
    "network.Delivery": Entry(
        subjects=(S.FOUNDERS,),
        source=_("from the partner organisation or the advisor"),
        fields={
            "note": _case_text(),
            "recorded_by": Personal(
                C.STAFF,
                P.NETWORK,
                B.LEGITIMATE,
                R.COUNSELLING,
                export=False,
                subjects=(S.STAFF, S.PARTNER_CONTACTS),
            ),
        },
        not_personal=names(
            f"{_LINKS} {_TIMES} referral partner neighbourhood kind delivered_on year month "
            "hours value"
        ),
    ),
    "network.Partnership": Entry(
        fields={},
        not_personal=names(
            f"{_LINKS} {_TIMES} archived_at neighbourhood title purpose agreed_on ends_on "
            "status partners initiatives"
        ),
    ),
    "network.PartnershipPartner": Entry(
        fields={}, not_personal=names(f"{_LINKS} partnership partner")
    ),
    "network.PartnershipInitiative": Entry(
        fields={}, not_personal=names(f"{_LINKS} partnership initiative")
    ),
}

FORUMS = {
    # Minutes and follow-ups ("who does what by when") name the people who spoke or took on
    # a task; the agenda only plans the evening.
    "forums.Forum": Entry(
        subjects=(S.ATTENDEES,),
        source=_("written by the agency's staff at the forum"),
        fields={
            "minutes": Personal(C.PARTICIPATION, P.EVENTS, B.PUBLIC_TASK, R.EVENT),
            "follow_ups": Personal(C.PARTICIPATION, P.EVENTS, B.PUBLIC_TASK, R.EVENT),
        },
        not_personal=names(
            f"{_LINKS} {_TIMES} archived_at neighbourhood kind title starts_at ends_at year "
            "place agenda residents_count initiatives_count partners_count "
            "public_bodies_count is_public needs_raised initiatives_sparked "
            "partnerships_agreed"
        ),
    ),
    "forums.ForumNeed": Entry(fields={}, not_personal=names(f"{_LINKS} forum need")),
    "forums.ForumInitiative": Entry(fields={}, not_personal=names(f"{_LINKS} forum initiative")),
    "forums.ForumPartnership": Entry(fields={}, not_personal=names(f"{_LINKS} forum partnership")),
}

ECONOMY = {
    "economy.BusinessLine": Entry(
        fields={},
        not_personal=names(
            f"{_LINKS} {_TIMES} archived_at initiative name service description public_clients"
        ),
    ),
    "economy.LineClient": Entry(fields={}, not_personal=names(f"{_LINKS} line partner")),
    "economy.ValuationRate": Entry(
        fields={}, not_personal=names(f"{_LINKS} {_TIMES} year rate method")
    ),
    "economy.MonthFigures": Entry(
        fields={},
        not_personal=names(
            f"{_LINKS} {_TIMES} initiative neighbourhood year month line costs "
            "volunteer_hours volunteers reciprocal hour_rate rate_method version"
        ),
    ),
    "economy.Revenue": Entry(
        fields={},
        not_personal=names(
            f"{_LINKS} initiative neighbourhood year month line source client amount"
        ),
    ),
    "economy.MonthSummary": Entry(
        fields={},
        not_personal=names(
            f"{_LINKS} neighbourhood year month public market grants donations costs hours "
            "volunteer_value unvalued_hours"
        ),
    ),
    "economy.ClientSummary": Entry(
        fields={}, not_personal=names(f"{_LINKS} neighbourhood year month client amount")
    ),
    "economy.ClosedMonth": Entry(
        subjects=(S.STAFF,),
        fields={"closed_by": staff(P.FUNDING_EVIDENCE, R.FUNDING)},
        not_personal=names(f"{_LINKS} initiative year month closed_at"),
    ),
    # Who received a share of the profit ("the two founding members") may be named.
    "economy.Distribution": Entry(
        subjects=(S.FOUNDERS,),
        source=_("from the enterprise"),
        fields={"recipients": Personal(C.COUNSELLING, P.COUNSELLING, B.PUBLIC_TASK, R.FUNDING)},
        not_personal=names(
            f"{_LINKS} {_TIMES} archived_at initiative year month amount explanation"
        ),
    ),
    "economy.EconomySettings": Entry(
        fields={}, not_personal=names(f"{_LINKS} {_TIMES} dependency_threshold")
    ),
}

JOBS = {
    # The job, not its holder: the person's data is in jobs.Holder, erased on its own while
    # the figures stay.
    "jobs.Position": Entry(
        fields={},
        not_personal=names(
            f"{_LINKS} {_TIMES} archived_at initiative neighbourhood line title contract_type "
            "instrument instrument_note weekly_hours full_time_hours fte start_date end_date "
            "origin additional justification external_ref"
        ),
    ),
    "jobs.AdditionalityWorksheet": Entry(
        subjects=(S.STAFF,),
        fields={"created_by": staff(P.FUNDING_EVIDENCE, R.FUNDING)},
        not_personal=names(
            f"{_LINKS} {_TIMES} year version gross_jobs gross_fte leakage leakage_known "
            "deadweight deadweight_reason displacement displacement_reason substitution "
            "substitution_reason multiplier multiplier_reason net_jobs net_fte"
        ),
    ),
}

APPOINTMENTS = {
    "appointments.ConsultationSlot": Entry(
        subjects=(S.STAFF,),
        recipients=(PUBLIC,),
        fields={"advisor": staff(P.APPOINTMENTS, R.ACCOUNT, basis=B.CONTRACT)},
        not_personal=names(
            f"{_LINKS} {_TIMES} archived_at neighbourhood weekday start_time "
            "duration_minutes mode valid_from valid_until"
        ),
    ),
    # Why a consultation hour is cancelled may name an advisor's absence.
    "appointments.SlotException": Entry(
        subjects=(S.STAFF,),
        fields={"note": Personal(C.STAFF, P.APPOINTMENTS, B.LEGITIMATE, R.EVENT, export=False)},
        not_personal=names(f"{_LINKS} {_TIMES} slot date cancelled start_time"),
    ),
}

FUNDING = {
    "funding.Programme": Entry(
        fields={},
        not_personal=names(f"id {_TIMES} name fund funder description start_date end_date"),
    ),
    "funding.Grant": Entry(
        subjects=(S.STAFF,),
        source=_("from the agency's management"),
        fields={"readers": Personal(C.ACCOUNT, P.FUNDING_EVIDENCE, B.LEGAL, R.FUNDING)},
        not_personal=names(
            f"{_LINKS} {_TIMES} archived_at programme title start_date end_date amount eu_share"
        ),
    ),
    "funding.CoFinancing": Entry(
        fields={}, not_personal=names(f"{_LINKS} {_TIMES} grant name share")
    ),
    "funding.BudgetLine": Entry(
        fields={}, not_personal=names(f"{_LINKS} {_TIMES} grant category planned")
    ),
    # A bookkeeping line's note may name the payee (a salary, a fee).
    "funding.Spending": Entry(
        subjects=(S.STAFF,),
        source=_("from the agency's bookkeeping"),
        recipients=(_("the funder, when it audits the grant's spending"),),
        fields={"note": Personal(C.EMPLOYMENT, P.FUNDING_EVIDENCE, B.LEGAL, R.FUNDING)},
        not_personal=names(f"{_LINKS} {_TIMES} grant category year month amount"),
    ),
    "funding.Drawdown": Entry(
        fields={},
        not_personal=names(f"{_LINKS} {_TIMES} grant source requested_on amount received_on"),
    ),
    "funding.Indicator": Entry(
        fields={},
        not_personal=names(
            f"id {_TIMES} archived_at code name definition unit standard level query"
        ),
    ),
    "funding.Target": Entry(
        fields={}, not_personal=names(f"{_LINKS} {_TIMES} grant indicator year value")
    ),
}

# Reports hold figures and the names of organisations only (tested in tests/reporting/).
REPORTING = {
    "reporting.SocialCapitalSnapshot": Entry(
        fields={},
        not_personal=names(f"{_LINKS} neighbourhood year fingerprint figures computed_at"),
    ),
    "reporting.FunderReport": Entry(
        subjects=(S.STAFF,),
        fields={"requested_by": staff(P.FUNDING_EVIDENCE, R.FUNDING)},
        not_personal=names(
            f"{_LINKS} {_TIMES} archived_at grant start end version commentary status "
            "progress error requested_at generated_at pdf xlsx csv pdf_size xlsx_size csv_size"
        ),
    ),
    "reporting.SocialReport": Entry(
        subjects=(S.STAFF,),
        fields={"created_by": staff(P.FUNDING_EVIDENCE, R.FUNDING)},
        not_personal=names(f"{_LINKS} {_TIMES} archived_at title start end texts version"),
    ),
}

PORTAL = {
    # The imprint and the privacy notice name the people responsible for the agency.
    "portal.PortalPage": Entry(
        subjects=(S.STAFF,),
        source=_("written by the agency's management"),
        recipients=(PUBLIC,),
        fields={
            "body_markdown": Personal(
                C.IDENTITY, P.PORTAL, B.ACCOUNTABILITY, R.ACCOUNT, export=False
            ),
            "updated_by": staff(P.PORTAL, R.ACCOUNT),
        },
        not_personal=names(f"{_LINKS} {_TIMES} kind title published version"),
    ),
}

PRIVACY = {
    # A request names its person; it is kept as proof that it was answered, so it is not a
    # person record that an erasure would empty.
    "privacy.DataSubjectRequest": Entry(
        subjects=ANYONE,
        source=_("from the person, or from staff who took the request"),
        fields={
            "subject_name": Personal(
                C.IDENTITY, P.DATA_PROTECTION, B.ACCOUNTABILITY, R.PROOF, identifies=True
            ),
            "subject_email": Personal(
                C.CONTACT, P.DATA_PROTECTION, B.ACCOUNTABILITY, R.PROOF, identifies=True
            ),
            "note": Personal(C.REQUEST, P.DATA_PROTECTION, B.ACCOUNTABILITY, R.PROOF),
            "records": Personal(C.REQUEST, P.DATA_PROTECTION, B.ACCOUNTABILITY, R.PROOF),
            "created_by": staff(P.DATA_PROTECTION, R.PROOF),
            "closed_by": staff(P.DATA_PROTECTION, R.PROOF),
        },
        not_personal=names(f"{_LINKS} {_TIMES} kind received_on due_on status closed_at"),
    ),
}

OURS = {
    **CORE,
    **AGENCIES,
    **NEEDS,
    **INITIATIVES,
    **NETWORK,
    **FORUMS,
    **ECONOMY,
    **JOBS,
    **APPOINTMENTS,
    **FUNDING,
    **REPORTING,
    **PORTAL,
    **PRIVACY,
}
