"""Showing a service's ValidationError on a page: next to the form's fields, or as messages."""

from django.contrib import messages
from django.core.exceptions import ValidationError


def add_errors(form, error: ValidationError) -> None:
    """Put a service's errors next to the form's fields (or above the form)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, problems in error.message_dict.items():
        form.add_error(name if name in form.fields else None, problems)


def error_messages(request, error: ValidationError) -> None:
    """A service's errors as messages on the next page (for forms of one button)."""
    for problem in error.messages:
        messages.error(request, problem)
