"""Fill the month summaries from the figures saved before they existed."""

from django.db import migrations


def fill(apps, schema_editor):
    from kiezwerk.economy.summaries import rebuild

    rebuild(registry=apps)


class Migration(migrations.Migration):
    dependencies = [("economy", "0003_add_month_summaries")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
