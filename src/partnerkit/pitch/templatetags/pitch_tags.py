"""The pitch card on the partnership page: readiness and the summary's timing, one query."""

from django.template import Library

from partnerkit.method import pitch as method
from partnerkit.pitch import selectors
from partnerkit.pitch.models import Pitch

register = Library()


@register.simple_tag
def pitch_card(partnership):
    pitch = Pitch.objects.filter(partnership_id=partnership.pk).first()
    marks = selectors.answered(partnership, pitch)
    return {
        "pitch": pitch,
        "answered": sum(1 for value in marks.values() if value),
        "total": len(method.READINESS_QUESTIONS),
        "open": method.unanswered(marks),
        "timing": method.summary_timing(pitch.summary if pitch else ""),
    }
