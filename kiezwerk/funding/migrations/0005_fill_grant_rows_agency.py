"""Data of the new grant tables: the one co-financier a grant named becomes its first
co-financing row (share 0 %: the share was never recorded; the manager enters it on the grant),
and every row of a grant takes the grant's agency. A migration of its own: on PostgreSQL,
writing rows and altering their tables in one transaction fails on pending trigger events."""

from django.db import migrations

MODELS = ("CoFinancing", "BudgetLine", "Spending", "Drawdown", "Target")


def copy_co_financiers(apps, schema_editor):
    Grant = apps.get_model("funding", "Grant")
    CoFinancing = apps.get_model("funding", "CoFinancing")
    CoFinancing.objects.bulk_create(
        CoFinancing(grant=grant, agency_id=grant.agency_id, name=grant.co_financier, share=0)
        for grant in Grant.objects.exclude(co_financier="")
    )


def fill_agency(apps, schema_editor):
    """Every row of a grant takes the grant's agency."""
    Grant = apps.get_model("funding", "Grant")
    for name in MODELS:
        model = apps.get_model("funding", name)
        for grant_id, agency_id in Grant.objects.values_list("pk", "agency_id"):
            model.objects.filter(grant_id=grant_id).update(agency_id=agency_id)



class Migration(migrations.Migration):

    dependencies = [
        ("funding", "0004_grant_rows_carry_agency"),
    ]

    operations = [
        migrations.RunPython(copy_co_financiers, migrations.RunPython.noop),
        migrations.RunPython(fill_agency, migrations.RunPython.noop),
    ]
