from django import forms


class ActivityPageForm(forms.Form):
    """The cursor of the activity log: show entries older than this one."""

    before = forms.IntegerField(required=False, min_value=1)
