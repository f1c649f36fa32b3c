"""Rendering a document into Markdown, wikitext, HTML/PDF, DOCX and ODT.

The outputs are read back with independent tools: a CommonMark parser, the wikitext parser
mwparserfromhell, python-docx and odfpy, Poppler's pdftotext and pdftoppm, and LibreOffice,
which must open the DOCX and ODT files and print them.
"""

import html
import io
import re
import shutil
import subprocess

import docx
import mwparserfromhell
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from odf import opendocument, teletype
from odf import text as odf_text
from odf.element import Element
from odf.namespaces import TEXTNS
from PIL import Image

from partnerkit.documents import rendering
from partnerkit.method.documents import BULLET, Content, Letterhead, Section


def png_logo(width=90, height=40) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (51, 102, 204)).save(buffer, "PNG")
    return buffer.getvalue()


LETTERHEAD = Letterhead(
    name="Wikimedia North", lines=("Harbour Street 1, Hamburg", "north.example.org"),
    logo=png_logo(), logo_type="image/png",
)
PURPOSE = Section("purpose", "Purpose", (
    "We propose a photo drive at the museum.\n\n"
    "What we bring:\n- volunteers with cameras\n- an upload workshop"
))
PROVIDES = Section("provides", "What each side provides", (
    "The museum opens its store rooms.\n\n- a room for two days\n- a curator as guide"
))
PROPOSAL = Content(
    title="Proposal for the Harbour Museum", subtitle="A written proposal",
    date_line="Hamburg, 3 December 2026", letterhead=LETTERHEAD,
    sections=(PURPOSE, PROVIDES), status_mark="Draft",
)
# What a reader must find, in this order, in every format.
IN_ORDER = [
    "Proposal for the Harbour Museum", "A written proposal", "Hamburg, 3 December 2026",
    "Purpose", "We propose a photo drive at the museum.", "What we bring:",
    "volunteers with cameras", "an upload workshop", "What each side provides",
    "The museum opens its store rooms.", "a room for two days", "a curator as guide",
]

HOSTILE = [
    "{{delete}}", "[[Category:X]]", "[http://x y]", "~~~~", "'''bold'''",
    "<script>alert(1)</script>", "</nowiki>{{delete}}", "__NOTOC__", "<ref>x</ref>",
    "{| class=wikitable", "&nbsp;", "ISBN 9783161484100", "-{zh-hans:x}-",
]
HOSTILE_CONTENT = Content(
    title="Plan {{delete}} ~~~~",
    letterhead=Letterhead(name="[[User:X]]", lines=("[http://x y]", "__NOTOC__")),
    sections=(
        Section("a", "Purpose [[Category:X]]", "\n\n".join(HOSTILE[:7])),
        Section("b", "'''Loud''' <ref>x</ref>", "\n".join(f"- {t}" for t in HOSTILE[7:])),
    ),
)


def assert_in_order(text: str, pieces: list[str]) -> None:
    text = " ".join(text.split())
    position = 0
    for piece in pieces:
        found = text.find(piece, position)
        assert found >= 0, f"{piece!r} missing after position {position} in {text!r}"
        position = found + len(piece)


def tool(name: str) -> str:
    """A program the set-up script installs: missing, the test fails instead of skipping."""
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed; `./dev setup` installs it")
    return path


def pdf_text(path) -> str:
    done = subprocess.run([tool("pdftotext"), str(path), "-"], capture_output=True,
                          text=True, timeout=60, check=True)
    return done.stdout


def assert_prints(pdf_path, out_dir) -> None:
    """Every page turns into a picture, and the pictures are not blank."""
    info = subprocess.run([tool("pdfinfo"), str(pdf_path)], capture_output=True, text=True,
                          timeout=60, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))
    subprocess.run([tool("pdftoppm"), "-png", "-r", "50", str(pdf_path), str(out_dir / "page")],
                   capture_output=True, timeout=120, check=True)
    pictures = sorted(out_dir.glob("page*.png"))
    assert len(pictures) == pages >= 1
    darkest = min(Image.open(picture).convert("L").getextrema()[0] for picture in pictures)
    assert darkest < 128


# Formats ------------------------------------------------------------------------------------


def test_every_format_has_a_media_type_and_an_extension():
    assert set(rendering.MEDIA_TYPES) == set(rendering.EXTENSIONS) == set(rendering.FORMATS)
    assert [rendering.EXTENSIONS[f] for f in rendering.FORMATS] == [
        "md", "wiki", "docx", "odt", "pdf"]


def test_an_unknown_format_is_refused_by_name():
    with pytest.raises(ValueError, match="'rtf'"):
        rendering.render(PROPOSAL, "rtf")


# Markdown -----------------------------------------------------------------------------------

COMMONMARK = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def test_markdown_has_the_title_headings_paragraphs_and_lists_in_order():
    markdown = rendering.render(PROPOSAL, "markdown").decode("utf-8")
    assert_in_order(markdown, ["Wikimedia North", *IN_ORDER])
    assert "# Proposal for the Harbour Museum\n" in markdown
    assert "## What each side provides\n" in markdown
    assert "- a room for two days\n- a curator as guide\n" in markdown


def test_markdown_and_html_typed_by_people_show_as_typed():
    typed = [
        "<img src=x onerror=alert(1)>", "[link](javascript:alert(1))", "**bold**",
        "# heading", "1. first", "> quote", "`code`", "&copy;", "~~gone~~", "| a | b |",
    ]
    content = Content(
        title="Notice", subtitle="**loud**",
        sections=(Section("a", "Plan <b>x</b>", "\n\n".join(typed)),
                  Section("b", "Items", "\n".join(f"- {t}" for t in typed))),
    )
    page = COMMONMARK.render(rendering.render(content, "markdown").decode("utf-8"))
    for tag in ("<img", "<a ", "<strong>", "<b>", "<ol", "<blockquote", "<code", "<del", "<s>",
                "<table"):
        assert tag not in page
    assert page.count("<h1>") == 1 and page.count("<h2>") == 2
    assert page.count("<ul>") == 1 and page.count("<li>") == len(typed)
    shown = html.unescape(re.sub(r"<[^>]+>", "", page))
    for text in typed:
        assert shown.count(text) == 2


one_line = st.lists(
    st.one_of(
        st.sampled_from(list("\\`*_[]{}()#+-.!|~<>&;:=$'\"/ 0123456789") + [
            "&amp;", "&#65;", "</nowiki>", "{{", "[[", "ISBN 1", "http://", "1. ", "- "]),
        st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]),
    ),
    min_size=1,
).map(lambda parts: " ".join("".join(parts).split()))


@settings(max_examples=300, deadline=None)
@given(one_line)
def test_any_text_comes_out_of_markdown_exactly_as_typed(text):
    assume(text and not BULLET.match(text))
    content = Content(title=text, subtitle=text, sections=(Section("a", text, text),))
    shown = escapeHtml(text)
    assert COMMONMARK.render(rendering.render(content, "markdown").decode("utf-8")) == (
        f"<h1>{shown}</h1>\n<p><em>{shown}</em></p>\n<h2>{shown}</h2>\n<p>{shown}</p>\n")


# Wikitext -----------------------------------------------------------------------------------


def displayed(wikicode) -> str:
    """What a reader sees of plain text and <nowiki> (entities decoded there); markup fails."""
    shown = []
    for node in wikicode.nodes:
        if isinstance(node, mwparserfromhell.nodes.Text):
            shown.append(node.value)
        elif isinstance(node, mwparserfromhell.nodes.Tag) and node.tag == "nowiki":
            shown.append(re.sub(r"&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z0-9]+);",
                                lambda m: html.unescape(m.group()), str(node.contents)))
        else:
            raise AssertionError(f"markup in user text: {node!r}")
    return "".join(shown)


def test_wikitext_has_the_title_headings_paragraphs_and_lists_in_order():
    wikitext = rendering.render(PROPOSAL, "wikitext").decode("utf-8")
    assert_in_order(wikitext, ["Wikimedia North", *IN_ORDER])
    code = mwparserfromhell.parse(wikitext)
    assert [(h.level, str(h.title).strip()) for h in code.filter_headings()] == [
        (2, "Purpose"), (2, "What each side provides")]
    items = [tag for tag in code.filter_tags() if tag.wiki_markup == "*"]
    assert len(items) == 4
    assert "* a room for two days\n* a curator as guide\n" in wikitext


def test_wiki_markup_typed_by_people_stays_inert():
    wikitext = rendering.render(HOSTILE_CONTENT, "wikitext").decode("utf-8")
    code = mwparserfromhell.parse(wikitext)
    assert code.filter_templates() == []
    assert code.filter_wikilinks() == []
    assert code.filter_external_links() == []
    assert code.filter_arguments() == [] and code.filter_comments() == []
    assert {str(tag.tag) for tag in code.filter_tags()} <= {"nowiki", "b", "li", "br"}
    assert [(h.level, displayed(h.title).strip()) for h in code.filter_headings()] == [
        (2, "Purpose [[Category:X]]"), (2, "'''Loud''' <ref>x</ref>")]
    # Outside <nowiki> only the renderer's own markup is left.
    bare = re.sub(r"<nowiki>.*?</nowiki>", "", wikitext)
    assert not re.search(r"[\[\]{}&]|~~~|__|<(?!br />)", bare)
    assert len(re.findall("^\\* ", wikitext, re.MULTILINE)) == len(HOSTILE) - 7
    paragraphs = [displayed(mwparserfromhell.parse(chunk)) for chunk in wikitext.split("\n\n")
                  if not chunk.startswith(("'''", "== ", "* "))]
    assert paragraphs == HOSTILE[:7]
    items = [displayed(mwparserfromhell.parse(line[2:])) for line in wikitext.splitlines()
             if line.startswith("* ")]
    assert items == HOSTILE[7:]


@settings(max_examples=300, deadline=None)
@given(one_line)
def test_any_text_comes_out_of_wikitext_exactly_as_typed(text):
    assume(text and not BULLET.match(text))
    sections = (Section("a", text, text), Section("b", "", f"- {text}"))
    content = Content(title=text, sections=sections)
    title, heading, paragraph, item = rendering.render(content, "wikitext").decode().split("\n\n")
    assert title.startswith("'''") and title.endswith("'''")
    assert displayed(mwparserfromhell.parse(title[3:-3])) == text
    [parsed] = mwparserfromhell.parse(heading).filter_headings()
    assert parsed.level == 2 and displayed(parsed.title).strip() == text
    assert displayed(mwparserfromhell.parse(paragraph)) == text
    assert item.startswith("* ") and displayed(mwparserfromhell.parse(item[2:-1])) == text


# HTML and PDF -------------------------------------------------------------------------------


def test_html_escapes_what_people_typed_and_marks_drafts():
    page = rendering.render_html(HOSTILE_CONTENT)
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<ref>" not in page
    draft = rendering.render_html(PROPOSAL)
    assert '<p class="status-mark">Draft</p>' in draft
    assert '<html lang="en" dir="ltr">' in draft
    assert 'src="data:image/png;base64,' in draft
    assert 'class="status-mark"' not in rendering.render_html(Content(title="Final"))


def test_pdf_has_the_letterhead_title_headings_and_text_in_order(tmp_path):
    pdf = tmp_path / "proposal.pdf"
    pdf.write_bytes(rendering.render(PROPOSAL, "pdf"))
    assert pdf.read_bytes().startswith(b"%PDF-")
    text = pdf_text(pdf)
    assert_in_order(text, ["Wikimedia North", *IN_ORDER])
    assert "DRAFT" in text
    assert_prints(pdf, tmp_path)


def test_a_long_pdf_repeats_the_letterhead_and_prints_every_page(tmp_path):
    long = Content(title="Report", letterhead=LETTERHEAD, status_mark="Draft", sections=tuple(
        Section(str(n), f"Part {n}", "A sentence about the partnership. " * 60)
        for n in range(8)))
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(rendering.render(long, "pdf"))
    text = pdf_text(pdf)
    pages = text.split("\f")[:-1]
    assert len(pages) > 1
    assert all("Wikimedia North" in page and "DRAFT" in page for page in pages)
    assert_prints(pdf, tmp_path)


ARABIC = Content(
    title="مقترح شراكة مع المتحف", language="ar", rtl=True, date_line="القاهرة، ٣ ديسمبر ٢٠٢٦",
    letterhead=Letterhead(name="ويكيميديا مصر", lines=("القاهرة",), logo=png_logo()),
    sections=(Section("a", "الغرض", "نقترح تنظيم حملة تصوير في المتحف.\n\n- متطوعون\n- كاميرات"),),
)


def test_a_right_to_left_document_is_laid_out_right_to_left(tmp_path):
    assert '<html lang="ar" dir="rtl">' in rendering.render_html(ARABIC)
    pdf = tmp_path / "arabic.pdf"
    pdf.write_bytes(rendering.render(ARABIC, "pdf"))
    assert_prints(pdf, tmp_path)


# DOCX and ODT -------------------------------------------------------------------------------


def test_docx_has_the_letterhead_in_the_header_and_word_styles_in_the_body():
    document = docx.Document(io.BytesIO(rendering.render(PROPOSAL, "docx")))
    header = document.sections[0].header
    assert [p.text for p in header.paragraphs] == [
        "DRAFT", "", "Wikimedia North", "Harbour Street 1, Hamburg", "north.example.org"]
    assert header.part.element.xpath(".//pic:pic")  # the logo
    body = [(p.style.name, p.text) for p in document.paragraphs]
    assert_in_order(" ".join(text for _, text in body), IN_ORDER)
    assert ("Title", "Proposal for the Harbour Museum") in body
    assert ("Heading 1", "What each side provides") in body
    assert ("List Bullet", "a curator as guide") in body
    assert document.core_properties.title == "Proposal for the Harbour Museum"
    assert document.core_properties.language == "en"
    assert round(document.sections[0].page_width.mm) == 210


PARAGRAPH, HEADING = (TEXTNS, "p"), (TEXTNS, "h")


def odt_paragraphs(element: Element):
    """Paragraphs and headings in document order, nested ones (list items) included."""
    for child in element.childNodes:
        if child.qname in (PARAGRAPH, HEADING):
            yield child
        elif child.nodeType == child.ELEMENT_NODE:
            yield from odt_paragraphs(child)


def test_odt_has_the_letterhead_in_the_header_and_real_headings_and_lists():
    document = opendocument.load(io.BytesIO(rendering.render(PROPOSAL, "odt")))
    header = [teletype.extractText(p) for p in odt_paragraphs(document.masterstyles)]
    assert header == [
        "DRAFT", "", "Wikimedia North", "Harbour Street 1, Hamburg", "north.example.org"]
    assert any(name.startswith("Pictures/logo") for name in document.Pictures)
    body = list(odt_paragraphs(document.text))
    assert_in_order(" ".join(map(teletype.extractText, body)), IN_ORDER)
    headings = document.text.getElementsByType(odf_text.H)
    assert [(h.getAttribute("outlinelevel"), teletype.extractText(h)) for h in headings] == [
        ("1", "Purpose"), ("1", "What each side provides")]
    lists = document.text.getElementsByType(odf_text.List)
    assert [len(items.getElementsByType(odf_text.ListItem)) for items in lists] == [2, 2]


@pytest.fixture(scope="module")
def libreoffice(tmp_path_factory):
    """Converts a file to PDF with LibreOffice headless, on a profile of this test run."""
    soffice = tool("soffice")
    profile = tmp_path_factory.mktemp("libreoffice-profile")

    def to_pdf(path):
        out = path.parent / "pdf"
        done = subprocess.run(
            [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
             "--convert-to", "pdf", "--outdir", str(out), str(path)],
            capture_output=True, text=True, timeout=120, check=False,
        )
        pdf = out / f"{path.stem}.pdf"
        assert done.returncode == 0 and pdf.exists(), done.stdout + done.stderr
        return pdf

    return to_pdf


@pytest.mark.libreoffice
@pytest.mark.parametrize("fmt", ["docx", "odt"])
@pytest.mark.parametrize("content", [PROPOSAL, ARABIC], ids=["english", "arabic"])
def test_libreoffice_opens_and_prints_the_document(libreoffice, tmp_path, fmt, content):
    path = tmp_path / f"document.{fmt}"
    path.write_bytes(rendering.render(content, fmt))
    pdf = libreoffice(path)
    if content is PROPOSAL:
        assert_in_order(pdf_text(pdf), ["Wikimedia North", *IN_ORDER])
    assert_prints(pdf, tmp_path)
