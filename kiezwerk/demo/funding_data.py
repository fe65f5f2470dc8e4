"""The demo grants' budgets, how their money was spent and called: the planned amount per cost
category (adding up to the grant's amount, staff the biggest part), how spending runs over
the period, and who reads which grant."""

from decimal import Decimal

from kiezwerk.funding.enums import CostCategory

# (agency, grant title): {cost category: planned}
BUDGETS = {
    ("best", "Modellprojekt BEST"): {
        CostCategory.STAFF: Decimal("546000.00"),
        CostCategory.SERVICES: Decimal("78000.00"),
        CostCategory.PREMISES: Decimal("54600.00"),
        CostCategory.OVERHEADS: Decimal("46800.00"),
        CostCategory.MATERIAL: Decimal("39000.00"),
        CostCategory.TRAVEL: Decimal("7800.00"),
        CostCategory.OTHER: Decimal("7800.00"),
    },
    ("best-pankow", "BEST Pankow"): {
        CostCategory.STAFF: Decimal("285600.00"),
        CostCategory.SERVICES: Decimal("50400.00"),
        CostCategory.PREMISES: Decimal("33600.00"),
        CostCategory.OVERHEADS: Decimal("21000.00"),
        CostCategory.MATERIAL: Decimal("21000.00"),
        CostCategory.TRAVEL: Decimal("4200.00"),
        CostCategory.OTHER: Decimal("4200.00"),
    },
}

# How often a category has costs in a month (1: every month), and how much of its plan is
# spent by the end of the period (near the plan, below it).
MONTHLY_CHANCE = {
    CostCategory.STAFF: 1.0,
    CostCategory.PREMISES: 1.0,
    CostCategory.OVERHEADS: 1.0,
    CostCategory.SERVICES: 0.45,
    CostCategory.MATERIAL: 0.35,
    CostCategory.TRAVEL: 0.3,
    CostCategory.OTHER: 0.15,
}
SPENT_SHARE = (0.955, 0.99)
# The first months of a grant, as a share of a full month (the team is still being hired).
RAMP_UP = (0.4, 0.65, 0.85)
# Equipment is bought at the start: material costs weigh this much more in the first months.
EQUIPMENT_MONTHS, EQUIPMENT_WEIGHT = 3, 4

# Drawdowns: called for each quarter's spending on this day of the month after the quarter,
# from the EU fund and each co-financier by its share; the money arrives 6 to 10 weeks later.
CALL_DAY = 15
PAYMENT_DAYS = (42, 70)
# Grants whose last call is still outstanding at the demo's end.
LAST_CALL_OUTSTANDING = {("best-pankow", "BEST Pankow")}

# (agency, grant title): e-mail addresses of the funder accounts that read it
READERS = {("best", "Modellprojekt BEST"): ["foerderung@senat.example"]}

# What the grants promised (indicator code -> {year: target}); the actual values come from the
# demo's records. The pilot stayed behind on foundings and jobs in its first full year.
TARGETS = {
    ("best", "Modellprojekt BEST"): {
        "OWN-01": {2003: 80, 2004: 100},
        "OWN-02": {2003: 18, 2004: 20},
        "OWN-03": {2003: 20, 2004: 25},
        "OWN-04": {2003: 500, 2004: 600},
        "OWN-05": {2003: 20, 2004: 20},
        "OWN-09": {2003: 4, 2004: 10},
        "PI3687": {2003: 10, 2004: 25},
    },
    ("best-pankow", "BEST Pankow"): {
        "OWN-01": {2005: 30, 2006: 60, 2007: 30},
        "PI4874": {2005: 12, 2006: 14, 2007: 14},
    },
}
