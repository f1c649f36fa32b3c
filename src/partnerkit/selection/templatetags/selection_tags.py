from django.template import Library
from django.utils.formats import number_format

register = Library()


@register.filter
def percent(value, digits=0):
    """0.237 → "24 %" (in the reader's number format); empty for no value."""
    if value is None or value == "":
        return ""
    return f"{number_format(float(value) * 100, int(digits))} %"
