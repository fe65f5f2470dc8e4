"""Consultations used to name the partner an initiative was referred to; referrals are now their
own records. Each such consultation becomes a referral (nothing is lost)."""

from django.db import migrations


def consultations_to_referrals(apps, schema_editor):
    Consultation = apps.get_model("initiatives", "Consultation")
    Referral = apps.get_model("network", "Referral")
    consultations = Consultation.objects.filter(referred_to__isnull=False).select_related(
        "initiative"
    )
    Referral.objects.bulk_create(
        Referral(
            agency_id=consultation.agency_id,
            initiative_id=consultation.initiative_id,
            neighbourhood_id=consultation.initiative.neighbourhood_id,
            partner_id=consultation.referred_to_id,
            consultation_id=consultation.pk,
            referred_on=consultation.held_on,
            referred_by_id=consultation.advisor_id,
        )
        for consultation in consultations.iterator()
    )


def referrals_to_consultations(apps, schema_editor):
    Consultation = apps.get_model("initiatives", "Consultation")
    Referral = apps.get_model("network", "Referral")
    for referral in Referral.objects.filter(consultation__isnull=False).iterator():
        Consultation.objects.filter(pk=referral.consultation_id).update(
            referred_to_id=referral.partner_id
        )


class Migration(migrations.Migration):
    dependencies = [("network", "0002_offers_referrals_partnerships")]

    operations = [migrations.RunPython(consultations_to_referrals, referrals_to_consultations)]
