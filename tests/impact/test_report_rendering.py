"""Rendering an impact report: the partner's printed report (HTML, and the PDF made from it)
with its charts, and the community's report page in wikitext.

The reports are made in the database with figures written by hand in the shape
``impact.reports`` documents, and the outputs are read back with independent tools: Poppler's
pdftotext and pdftoppm, Pillow for the pictures of the pages, and mwparserfromhell.
"""

import re
import shutil
import subprocess
from datetime import date

import mwparserfromhell
import pytest
from PIL import Image

from partnerkit.impact import charts, rendering
from partnerkit.impact.models import Report, ReportKind
from partnerkit.partners.models import Contact
from partnerkit.partnerships.models import Partnership
from partnerkit.partnerships.services import partnership_create

PERIOD_MONTHS = ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"]
EARLIER_MONTHS = ["2025-09", "2025-10", "2025-11", "2025-12"]
# 1,500 + 1,800 + 2,000 + 2,200 + 2,345 + 2,500 = 12,345 views in the period.
PERIOD_VIEWS = [1500, 1800, 2000, 2200, 2345, 2500]
LONG_TITLE = "Everyday life in rural Sweden in the first half of the twentieth century"


def figures(**changes) -> dict:
    """What ``reports.build_figures`` would have frozen for the first half of 2026."""
    shown = {
        "partnership": {"title": "Photographs of Swedish life", "partner": "Nordic Museum"},
        "period": {"start": "2026-01-01", "end": "2026-06-30"},
        "since": "2025-09",
        "generated_at": "2026-07-02T08:30:00+00:00",
        "totals": [
            {"metric": "media_files", "label": "Media files",
             "definition": "Files in the category and its subcategories (seven levels), "
                           "each counted once.",
             "value": 1204, "origins": ["Commons Impact Metrics"]},
            {"metric": "files_used", "label": "Files in use",
             "definition": "Files shown on at least one article of any wiki.",
             "value": 321, "origins": ["Commons Impact Metrics"]},
            {"metric": "pages", "label": "Articles using them",
             "definition": "Articles, on any wiki, showing at least one of the files.",
             "value": 587, "origins": ["computed from the Commons API and page views"]},
            {"metric": "page_views", "label": "Page views",
             "definition": "Views by people, in the month, of the articles showing the files, "
                           "on every wiki.",
             "value": 98765, "origins": ["Commons Impact Metrics"]},
        ],
        "views_by_month": (
            [{"month": month, "views": views}
             for month, views in zip(EARLIER_MONTHS, [400, 600, 800, 1000], strict=True)]
            + [{"month": month, "views": views}
               for month, views in zip(PERIOD_MONTHS, PERIOD_VIEWS, strict=True)]
        ),
        "views_in_period": 12345,
        "files_used_by_month": [
            {"month": month, "value": 200 + 12 * number}
            for number, month in enumerate(EARLIER_MONTHS + PERIOD_MONTHS)
        ],
        "top_pages": [
            {"wiki": "sv.wikipedia.org", "title": "Nordiska museet", "views": 4321, "files": 5},
            {"wiki": "de.wikipedia.org", "title": "Mittsommer", "views": 2100, "files": 2},
            {"wiki": "en.wikipedia.org", "title": LONG_TITLE, "views": 950, "files": 1},
        ],
        "top_files": [
            {"title": "File:Midsummer pole in Dalarna, 1932.jpg", "pages": 27},
            {"title": "File:Kitchen in Skansen.jpg", "pages": 9},
        ],
        "sources": [
            {"label": "Category:Photographs by Nordiska museet", "kind": "category",
             "origins": ["Commons Impact Metrics"], "refreshed_at": "2026-07-02T08:15+00:00",
             "problems": []},
        ],
        "missing": ["Views on wikis outside Wikimedia are not counted."],
    }
    shown.update(changes)
    return shown


EMPTY = figures(
    views_by_month=[], files_used_by_month=[], views_in_period=0, top_pages=[], top_files=[],
    missing=[
        "Category:Photographs by Nordiska museet has not been counted yet; refresh the figures."
    ],
)


@pytest.fixture
def partnership(north, alice, museum):
    return partnership_create(
        workspace=north, partner=museum, by=alice, title="Photographs of Swedish life",
        owner=alice, started_on=date(2025, 9, 1),
    )


def make_report(partnership, by, *, shown=None, **narrative) -> Report:
    values = {
        "title": "Our photographs on Wikipedia, first half of 2026",
        "summary": "Your photographs were seen more than ever.\n\nThank you for the second batch.",
        "highlights": "The midsummer pole is on 27 articles.\nIt opens the Swedish article.",
        "next_steps": "A photo drive in the autumn.",
        "thanks": "Thanks to the volunteers of the upload weekend.",
        **narrative,
    }
    return Report.objects.create(
        workspace=partnership.workspace, partnership=partnership, kind=ReportKind.PARTNER,
        period_start=date(2026, 1, 1), period_end=date(2026, 6, 30),
        figures=figures() if shown is None else shown, created_by=by, **values,
    )


@pytest.fixture
def report(partnership, alice):
    return make_report(partnership, alice)


# Reading the outputs back -------------------------------------------------------------------


def tool(name: str) -> str:
    """A program the set-up script installs: missing, the test fails instead of skipping."""
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed; `./dev setup` installs it (poppler-utils)")
    return path


def pdf_of(report, tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(rendering.partner_report_pdf(report))
    return path


def pdf_text(path) -> str:
    done = subprocess.run([tool("pdftotext"), str(path), "-"], capture_output=True, text=True,
                          timeout=60, check=True)
    return " ".join(done.stdout.split())


def page_pictures(path, out_dir) -> list[Image.Image]:
    subprocess.run([tool("pdftoppm"), "-png", "-r", "60", str(path), str(out_dir / "page")],
                   capture_output=True, timeout=120, check=True)
    pictures = sorted(out_dir.glob("page*.png"))
    assert pictures
    return [Image.open(picture).convert("RGB") for picture in pictures]


def pixels_of(pictures: list[Image.Image], colour: str, *, tolerance: int = 8) -> int:
    """How many pixels of the pages have ``colour`` ("#3366cc"), give or take anti-aliasing."""
    wanted = tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))
    count = 0
    for picture in pictures:
        for pixel, times in picture.getcolors(maxcolors=picture.width * picture.height):
            if all(abs(a - b) <= tolerance for a, b in zip(times, wanted, strict=True)):
                count += pixel
    return count


def wikicode(report):
    return mwparserfromhell.parse(rendering.community_report_wikitext(report))


def tables_of(code) -> list:
    return [tag for tag in code.filter_tags(recursive=True) if str(tag.tag) == "table"]


def rows_of(table) -> list[list[str]]:
    """The cells of each row of a wikitable, as their text shows; cells before the first
    "|-" make the first row."""
    def text(cell) -> str:
        return " ".join(cell.contents.strip_code(normalize=True, collapse=True).split())

    rows, first = [], []
    for node in table.contents.filter_tags(recursive=False):
        if str(node.tag) in ("td", "th"):
            first.append(text(node))
        elif str(node.tag) == "tr":
            rows.append([text(cell) for cell in node.contents.filter_tags(recursive=False)
                         if str(cell.tag) in ("td", "th")])
    return [first, *rows] if first else rows


# The partner's report: PDF --------------------------------------------------------------------


@pytest.mark.django_db
def test_the_pdf_shows_the_period_the_figures_with_their_sources_and_the_top_pages(
    report, tmp_path, caplog
):
    text = pdf_text(pdf_of(report, tmp_path))
    # WeasyPrint understood all of it: no property it ignored, no anchor defined twice.
    assert [r.getMessage() for r in caplog.records if r.levelname == "WARNING"] == []
    for expected in (
        "Wikimedia North", "Nordic Museum", "Photographs of Swedish life",
        "Our photographs on Wikipedia, first half of 2026",
        "Jan. 1, 2026 – June 30, 2026",
        "Your photographs were seen more than ever.", "It opens the Swedish article.",
        "12,345", "Page views in the report's period",
        "1,204", "Media files", "Files in the category and its subcategories",
        "321", "Files in use", "587", "Articles using them", "98,765",
        "Source: Commons Impact Metrics", "Source: computed from the Commons API and page views",
        "Nordiska museet", "sv.wikipedia.org", "4,321", "Mittsommer",
        "Midsummer pole in Dalarna, 1932.jpg", "27",
        "What these figures do not cover", "Views on wikis outside Wikimedia are not counted.",
        "Category:Photographs by Nordiska museet",
        "Figures taken on July 2, 2026 at 08:30 UTC.", "not by crawlers",
        "A photo drive in the autumn.", "Thanks to the volunteers of the upload weekend.",
    ):
        assert expected in text, expected
    # The charts' words are text in the PDF: month names, the legend, the axis.
    assert "Before this report's period" in text and "In this report's period" in text
    # Page numbers in the footer of every page.
    pages = int(re.search(r"(\d+) ?/ ?(\d+)$", text).group(2))
    assert re.search(rf"\b1 ?/ ?{pages}\b", text)


@pytest.mark.django_db
def test_the_pdf_draws_the_views_with_the_period_in_the_stronger_colour(report, tmp_path):
    pictures = page_pictures(pdf_of(report, tmp_path), tmp_path)
    period = pixels_of(pictures, charts.PERIOD)
    earlier = pixels_of(pictures, charts.EARLIER)
    # Six bars of the period, the tallest of the chart, and four shorter ones before it.
    assert period > 2000, period
    assert earlier > 400, earlier
    assert period > earlier
    assert pixels_of(pictures, charts.FILES) > 150  # the line of files in use
    assert pixels_of(pictures, charts.PAGES) > 400  # the bars of the most viewed articles


@pytest.mark.django_db
def test_a_report_without_months_says_so_and_shows_what_is_missing(partnership, alice, tmp_path):
    report = make_report(partnership, alice, shown=EMPTY)
    path = pdf_of(report, tmp_path)
    text = pdf_text(path)
    assert text.count("No complete month yet") == 2  # views, and files in use
    assert "What these figures do not cover" in text
    assert "has not been counted yet; refresh the figures." in text
    assert "Most viewed articles" not in text
    pictures = page_pictures(path, tmp_path)
    assert pixels_of(pictures, charts.PERIOD) < 50
    assert pixels_of(pictures, charts.EARLIER) < 50


@pytest.mark.django_db
def test_a_report_with_nothing_missing_has_no_missing_box(partnership, alice):
    report = make_report(partnership, alice, shown=figures(missing=[]))
    assert "What these figures do not cover" not in rendering.partner_report_html(report)
    assert "What these figures do not cover" not in rendering.community_report_wikitext(report)


# The partner's report: HTML and charts --------------------------------------------------------


@pytest.mark.django_db
def test_the_html_is_one_document_with_the_charts_inline_and_described(report):
    html = rendering.partner_report_html(report)
    assert html.lstrip().startswith("<!DOCTYPE html>")
    assert html.rstrip().endswith("</html>")
    assert html.count("<svg ") == 3
    for chart_id in ("views-chart", "files-chart", "pages-chart"):
        assert f'id="{chart_id}"' in html
        assert f'<title id="{chart_id}-title">' in html
        assert f'<desc id="{chart_id}-desc">' in html
    assert 'role="img"' in html
    # Nothing outside the document: no stylesheet, picture or font to fetch.
    assert "src=" not in html and "<link" not in html
    # The chart's description says the period's total in words.
    assert "with 12,345 views, are in the darker colour" in html
    # The month table marks the period's months.
    assert html.count('class="in-period"') == len(PERIOD_MONTHS)


@pytest.mark.django_db
def test_what_people_typed_in_the_narrative_is_escaped_in_the_html(partnership, alice):
    report = make_report(
        partnership, alice,
        highlights="<script>alert('x')</script> & <b>bold</b>\n\nSecond paragraph",
        summary='First line\nsecond line "quoted"',
    )
    html = rendering.partner_report_html(report)
    assert "<script>" not in html and "<b>bold" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in html
    # Blank lines separate paragraphs; a single line break stays a line break.
    assert "<p>Second paragraph</p>" in html
    assert "<p>First line<br>second line &quot;quoted&quot;</p>" in html


@pytest.mark.django_db
def test_long_titles_are_shortened_on_the_chart_and_whole_in_the_table(report):
    html = rendering.partner_report_html(report)
    chart = html[html.index('id="pages-chart"'):]
    chart = chart[:chart.index("</svg>")]
    shortened = charts.page_label({"wiki": "en.wikipedia.org", "title": LONG_TITLE})
    assert shortened.endswith("… (en.wikipedia)")
    assert len(shortened) < len(LONG_TITLE)
    assert shortened in chart
    assert f">{LONG_TITLE}</a>" in html


def test_the_same_data_always_gives_the_same_chart():
    months = [("2025-12", 1000), ("2026-01", 12345), ("2026-03", 800)]
    first = charts.views_chart(months, highlighted={"2026-01"}).svg
    assert first == charts.views_chart(months, highlighted={"2026-01"}).svg
    assert "<dc:date>" not in first and "<metadata>" not in first
    assert "12,000" in first  # thousands separators on the axis
    # A "$" in a title is a dollar, not the start of a formula.
    pages = charts.top_pages_chart([{"wiki": "en.wikipedia.org", "title": "A $5 and $6 deal",
                                     "views": 3, "files": 1}])
    assert "A $5 and $6 deal (en.wikipedia)" in pages.svg


def test_a_chart_without_months_says_so_in_words():
    empty = charts.views_chart([]).svg
    assert "No complete month yet" in empty
    assert "<desc" in empty


# The community's report: wikitext -------------------------------------------------------------


@pytest.mark.django_db
def test_the_wikitext_has_the_narrative_the_tables_and_the_links(report):
    text = rendering.community_report_wikitext(report)
    code = mwparserfromhell.parse(text)
    assert [str(heading.title).strip() for heading in code.filter_headings()] == [
        "Our photographs on Wikipedia, first half of 2026", "Summary", "Highlights",
        "Next steps", "Thank you", "Figures", "Page views per month", "Most viewed articles",
        "Most used files", "What these figures do not cover",
    ]
    assert "Your photographs were seen more than ever.\n\nThank you for the second batch." in text
    assert "The midsummer pole is on 27 articles.<br />\nIt opens the Swedish article." in text
    totals, months, pages = tables_of(code)
    assert rows_of(totals)[0] == ["Figure", "Value", "Definition", "Source"]
    assert rows_of(totals)[1][:2] == ["Page views in the report's period", "12,345"]
    assert ["Media files", "1,204",
            "Files in the category and its subcategories (seven levels), each counted once.",
            "Commons Impact Metrics"] in rows_of(totals)
    assert rows_of(months)[0] == ["Month", "Page views", "Files in use"]
    assert rows_of(months)[1] == ["September 2025", "400", "200"]
    assert ["March 2026", "2,000", "272"] in rows_of(months)
    assert len(rows_of(months)) == 1 + len(EARLIER_MONTHS) + len(PERIOD_MONTHS)
    assert rows_of(pages)[1] == ["Nordiska museet", "sv.wikipedia.org", "4,321", "5"]
    links = [(str(link.title), str(link.text)) for link in code.filter_wikilinks()]
    assert links == [
        (":w:sv:Nordiska museet", "Nordiska museet"),
        (":w:de:Mittsommer", "Mittsommer"),
        (f":w:en:{LONG_TITLE}", LONG_TITLE),
        (":File:Midsummer pole in Dalarna, 1932.jpg", "Midsummer pole in Dalarna, 1932.jpg"),
        (":File:Kitchen in Skansen.jpg", "Kitchen in Skansen.jpg"),
    ]
    assert "* Views on wikis outside Wikimedia are not counted." in text
    assert "not by crawlers" in text
    assert code.filter_templates() == []


@pytest.mark.django_db
def test_other_projects_link_by_their_interwiki_prefix_and_other_wikis_by_address(
    partnership, alice
):
    report = make_report(partnership, alice, shown=figures(top_pages=[
        {"wiki": "fr.wikivoyage.org", "title": "Stockholm", "views": 3, "files": 1},
        {"wiki": "commons.wikimedia.org", "title": "Commons:GLAM", "views": 2, "files": 1},
        {"wiki": "wiki.example.org", "title": "Midsommar fest", "views": 1, "files": 1},
    ]))
    code = wikicode(report)
    assert [str(link.title) for link in code.filter_wikilinks()][:2] == [
        ":voy:fr:Stockholm", ":c:Commons:GLAM",
    ]
    external = [(str(link.url), str(link.title)) for link in code.filter_external_links()]
    assert external == [("https://wiki.example.org/wiki/Midsommar_fest", "Midsommar fest")]


HOSTILE_TITLES = ["A|B", "X]]Y", "{{delete}}", "'''Loud'''", "<script>x</script>",
                  "~~~~", "__NOTOC__", "a || b !! c"]


@pytest.mark.django_db
def test_hostile_titles_and_narrative_cannot_break_the_wikitext(partnership, alice):
    report = make_report(
        partnership, alice,
        title="Report {{delete}} [[Category:X]]",
        summary="{{delete}} [[Category:X]] ~~~~ '''bold''' <ref>x</ref>\n* not a list\n{| table",
        highlights="", next_steps="", thanks="",
        shown=figures(
            partnership={"title": "Photos ]] | {{x}}", "partner": "Museum '''''"},
            top_pages=[{"wiki": "en.wikipedia.org", "title": title, "views": 10 - n, "files": 1}
                       for n, title in enumerate(HOSTILE_TITLES)],
            top_files=[{"title": "File:Odd|name]].jpg", "pages": 3},
                       {"title": "File:It's ''fine''.jpg", "pages": 2}],
            missing=["{{delete}} | [[X]]"],
            totals=[{"metric": "pages", "label": "Articles || {{x}}", "definition": "! a !! b",
                     "value": 5, "origins": ["[[x]]"]}],
        ),
    )
    code = wikicode(report)
    assert code.filter_templates() == []
    assert code.filter_external_links() == []
    # Only the titles a wiki page can have are linked, each to what it says.
    links = [(str(link.title), link.text.strip_code(normalize=True)) for link in
             code.filter_wikilinks()]
    assert links == [
        (":w:en:&#39;&#39;&#39;Loud&#39;&#39;&#39;", "'''Loud'''"),
        (":File:It&#39;s &#39;&#39;fine&#39;&#39;.jpg", "It's ''fine''.jpg"),
    ]
    tags = code.filter_tags()
    assert not any(str(tag.tag) in ("ref", "script") for tag in tags)
    # Bold and italics only where the report puts them: the partnership, the period's
    # months, the closing note.
    bold = [tag.contents.strip_code(normalize=True) for tag in tags if str(tag.tag) == "b"]
    assert bold == ["Photos ]] | {{x}}", *(charts.month_name(m) for m in PERIOD_MONTHS)]
    italics = [tag.contents.strip_code(normalize=True) for tag in tags if str(tag.tag) == "i"]
    assert len(italics) == 1 and "not by crawlers" in italics[0]
    totals, _months, pages = tables_of(code)
    assert rows_of(totals)[2] == ["Articles || {{x}}", "5", "! a !! b", "[[x]]"]
    page_rows = rows_of(pages)[1:]
    assert [row[0] for row in page_rows] == HOSTILE_TITLES
    assert all(len(row) == 4 for row in page_rows)
    text = code.strip_code(normalize=True)
    assert "{{delete}} [[Category:X]] ~~~~ '''bold''' <ref>x</ref>" in text
    assert "* not a list" in text and "{| table" in text
    assert "Odd|name]].jpg" in text
    # Nothing at the start of a line turns into a list, a table or a heading.
    assert [heading.level for heading in code.filter_headings()] == [2, 3, 3, 3, 3, 3, 3]


# Privacy ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_nothing_private_of_the_partnership_or_its_contacts_shows(report, tmp_path):
    markers = {
        "batna": "MARKER-BATNA-7f3a", "plan_b": "MARKER-PLANB-91c2",
        "impact_reason": "MARKER-IMPACT-REASON-44d0",
    }
    Partnership.objects.filter(pk=report.partnership_id).update(**markers)
    Contact.objects.filter(partner=report.partnership.partner).update(
        email="marker-contact-e8b1@example.org", phone="+46 8 MARKER 5190",
        notes="MARKER-CONTACT-NOTES-2b6e",
    )
    private = [*markers.values(), "marker-contact-e8b1@example.org", "MARKER 5190",
               "MARKER-CONTACT-NOTES-2b6e", "Ingrid", "budget cuts"]
    report = Report.objects.get(pk=report.pk)
    outputs = {
        "html": rendering.partner_report_html(report),
        "pdf": pdf_text(pdf_of(report, tmp_path)),
        "wikitext": rendering.community_report_wikitext(report),
    }
    for name, output in outputs.items():
        for marker in private:
            assert marker not in output, (name, marker)
