"""Calendar arithmetic shared by the apps."""

import calendar
import datetime as dt


def one_month_after(day: dt.date) -> dt.date:
    """The same day of the next month (the last day when the next month is shorter): the
    one-month answer deadlines of the GDPR (Art. 12(3)) and of the accessibility statement."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )
