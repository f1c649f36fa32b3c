"""A report as a file to download, for the pages and the API alike."""

from django.http import Http404, HttpResponse
from django.utils.text import slugify

FORMATS = {
    "pdf": ("application/pdf", "pdf"),
    "html": ("text/html; charset=utf-8", "html"),
    "wikitext": ("text/plain; charset=utf-8", "wiki"),
}


def report_response(report, fmt: str) -> HttpResponse:
    """The report as a download: the partner's PDF, its HTML, or the community's wikitext."""
    if fmt not in FORMATS:
        raise Http404
    from partnerkit.impact import rendering  # Loaded on demand: it brings matplotlib.

    if fmt == "pdf":
        body = rendering.partner_report_pdf(report)
    elif fmt == "html":
        body = rendering.partner_report_html(report)
    else:
        body = rendering.community_report_wikitext(report)
    media_type, extension = FORMATS[fmt]
    response = HttpResponse(body, content_type=media_type)
    if fmt != "html":
        name = slugify(report.title)[:80] or "report"
        response["Content-Disposition"] = f'attachment; filename="{name}.{extension}"'
    return response
