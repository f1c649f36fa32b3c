"""Rendering a document's content into what partners and wikis read: Markdown, wikitext,
DOCX, ODT and PDF (printed by WeasyPrint from the HTML of `render_html`).

Every renderer works on `partnerkit.method.documents.Content` alone and never touches the
database. What people typed is always literal: each format has one escaping function that
every piece of user text passes through, so that a "[[link]]", a "{{template}}", a "**" or a
"<script>" shows as typed and takes no effect.
"""

from __future__ import annotations

import base64
import io
import re
from dataclasses import dataclass
from html import escape

from partnerkit.method.documents import Block, Content, Letterhead, Section

FORMATS = ("markdown", "wikitext", "docx", "odt", "pdf")

MEDIA_TYPES = {
    "markdown": "text/markdown; charset=utf-8",
    # Wikitext has no registered media type; as plain text a browser shows it, ready to copy.
    "wikitext": "text/plain; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
    "pdf": "application/pdf",
}

EXTENSIONS = {
    "markdown": "md",
    "wikitext": "wiki",
    "docx": "docx",
    "odt": "odt",
    "pdf": "pdf",
}


def render(content: Content, fmt: str) -> bytes:
    """The document in one of `FORMATS`; text formats are UTF-8."""
    try:
        renderer = _RENDERERS[fmt]
    except KeyError:
        raise ValueError(
            f"unknown document format {fmt!r}; expected one of {', '.join(FORMATS)}"
        ) from None
    return renderer(content)


# Shared -----------------------------------------------------------------------------------

# Characters XML 1.0 cannot hold (DOCX and ODT would be corrupt) and that no document needs.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
# Only ASCII whitespace is folded: a no-break space is typography and stays.
_SPACES = re.compile(r"[ \t\n\r\f\v]+")


def _clean(text: str) -> str:
    """One line of text: no control characters, runs of spaces and line breaks folded."""
    return _SPACES.sub(" ", _NOT_XML.sub("", text or "")).strip()


def _blocks(section: Section) -> list[Block]:
    """The section's paragraphs and lists, cleaned, without what cleaning left empty."""
    blocks = []
    for block in section.blocks:
        if block.is_list:
            items = tuple(item for item in map(_clean, block.items) if item)
            if items:
                blocks.append(Block(items=items))
        elif cleaned := _clean(block.text):
            blocks.append(Block(text=cleaned))
    return blocks


LOGO_HEIGHT_MM = 16
LOGO_MAX_WIDTH_MM = 60


@dataclass(frozen=True)
class _Logo:
    data: bytes
    media_type: str
    width_px: int
    height_px: int

    @property
    def extension(self) -> str:
        return "png" if self.media_type == "image/png" else "jpg"

    def size_mm(self) -> tuple[float, float]:
        """Printed size: a fixed height, narrower where a wide logo would crowd the sender."""
        height = LOGO_HEIGHT_MM
        width = height * self.width_px / self.height_px
        if width > LOGO_MAX_WIDTH_MM:
            width, height = LOGO_MAX_WIDTH_MM, LOGO_MAX_WIDTH_MM * self.height_px / self.width_px
        return round(width, 2), round(height, 2)


def _logo(letterhead: Letterhead | None) -> _Logo | None:
    """The letterhead's logo if it is a readable PNG or JPEG.

    The type comes from the bytes, not from the declared `logo_type`. A logo that cannot be
    read is left out rather than failing the whole document at download time.
    """
    if letterhead is None or not letterhead.logo:
        return None
    from PIL import Image, UnidentifiedImageError  # Pillow comes with WeasyPrint.

    try:
        with Image.open(io.BytesIO(letterhead.logo)) as image:
            kind = image.format
            width, height = image.size
    except (UnidentifiedImageError, OSError, ValueError):
        return None
    media_type = {"PNG": "image/png", "JPEG": "image/jpeg"}.get(kind)
    if media_type is None or not width or not height:
        return None
    return _Logo(letterhead.logo, media_type, width, height)


def _sender(letterhead: Letterhead | None) -> tuple[str, list[str]]:
    if letterhead is None:
        return "", []
    return _clean(letterhead.name), [line for line in map(_clean, letterhead.lines) if line]


# Markdown ---------------------------------------------------------------------------------

# Backslash-escaped wherever they stand: emphasis, code, links and images, headings,
# strikethrough, tables, maths, attribute lists. `<`, `>` and an `&` that would start an
# entity become entities, which also disarms raw HTML and autolinks.
_MD_SPECIAL = re.compile(
    r"[\\`*_\[\]{}#~|$<>]|&(?=#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)"
)
_MD_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
# At the start of a line a bullet ("-", "+") or a number ("1.", "1)") would begin a list.
_MD_LIST_START = re.compile(r"^([0-9]{1,9}(?=[.)])|(?=[-+]))")


def markdown_escape(text: str) -> str:
    """`text` as Markdown that displays exactly as the text, on one line."""
    escaped = _MD_SPECIAL.sub(
        lambda m: _MD_ENTITIES.get(m.group(), "\\" + m.group()), _clean(text)
    )
    return _MD_LIST_START.sub(r"\1\\", escaped, count=1)


def render_markdown(content: Content) -> str:
    chunks: list[str] = []
    if status := markdown_escape(content.status_mark):
        chunks.append(f"**{status}**")
    name, lines = _sender(content.letterhead)
    sender = ([f"**{markdown_escape(name)}**"] if name else []) + [
        markdown_escape(line) for line in lines
    ]
    if sender:
        # Two trailing spaces: the line break that every Markdown dialect understands.
        chunks.append("  \n".join(sender))
    if title := markdown_escape(content.title):
        chunks.append(f"# {title}")
    if subtitle := markdown_escape(content.subtitle):
        chunks.append(f"*{subtitle}*")
    if date_line := markdown_escape(content.date_line):
        chunks.append(date_line)
    for section in content.sections:
        if heading := markdown_escape(section.heading):
            chunks.append(f"## {heading}")
        for block in _blocks(section):
            if block.is_list:
                chunks.append("\n".join(f"- {markdown_escape(item)}" for item in block.items))
            else:
                chunks.append(markdown_escape(block.text))
    return "\n\n".join(chunks) + "\n"


# Wikitext ---------------------------------------------------------------------------------

# Text that MediaWiki could read as markup: links, templates, parser functions, tables and
# language conversion (-{ }-), tags and comments, bold and italics, signatures, behaviour
# switches, entities, line-start markup (lists, indents, headings, rules, table rows, pre),
# magic links and bare URLs (free links use the default $wgUrlProtocols).
_WIKI_RISKY = re.compile(
    r"""
    [\[\]{}<]
    | '' | ~~~ | __
    | &(?:\#[0-9]+|\#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);
    | ^[*\#:;=!|\- ] | ^' | '$ | =$
    | \b(?:ISBN|RFC|PMID)\b
    | \b(?i:bitcoin|ftps?|geo|git|gopher|https?|ircs?|magnet|mailto|matrix|mms|news|nntp
          |redis|sftp|sips?|sms|ssh|svn|tel|telnet|urn|worldwind|xmpp):
    """,
    re.VERBOSE,
)


def wikitext_escape(text: str) -> str:
    """`text` as wikitext that displays exactly as the text, on one line.

    Harmless text stays readable in the page source; anything else goes inside <nowiki>,
    with `&` and `<` as entities there, so that no "</nowiki>" in the text can end it early
    and an entity typed by someone shows as typed.
    """
    text = _clean(text)
    if not _WIKI_RISKY.search(text):
        return text
    inert = text.replace("&", "&amp;").replace("<", "&lt;")
    return f"<nowiki>{inert}</nowiki>"


def render_wikitext(content: Content) -> str:
    chunks: list[str] = []
    if status := wikitext_escape(content.status_mark):
        chunks.append(f"'''{status}'''")
    name, lines = _sender(content.letterhead)
    sender = ([f"'''{wikitext_escape(name)}'''"] if name else []) + [
        wikitext_escape(line) for line in lines
    ]
    if sender:
        chunks.append("<br />\n".join(sender))
    # The page has a title of its own; the document's title opens the text in bold, and the
    # sections are the page's headings.
    if title := wikitext_escape(content.title):
        chunks.append(f"'''{title}'''")
    if subtitle := wikitext_escape(content.subtitle):
        chunks.append(f"''{subtitle}''")
    if date_line := wikitext_escape(content.date_line):
        chunks.append(date_line)
    for section in content.sections:
        if heading := wikitext_escape(section.heading):
            chunks.append(f"== {heading} ==")
        for block in _blocks(section):
            if block.is_list:
                chunks.append("\n".join(f"* {wikitext_escape(item)}" for item in block.items))
            else:
                chunks.append(wikitext_escape(block.text))
    return "\n\n".join(chunks) + "\n"


# HTML and PDF -----------------------------------------------------------------------------

# Codex design token values, as in the web pages; DejaVu Sans is the font Debian installs
# for WeasyPrint and covers Latin, Greek, Cyrillic, Arabic and Hebrew.
_CSS = """
@page {
  size: A4;
  margin: 42mm 20mm 20mm;
  @top-center { content: element(letterhead); vertical-align: bottom; width: 100%;
                padding-bottom: 6mm; }
  @bottom-center { content: counter(page) " / " counter(pages); font-size: 8pt;
                   color: #72777d; }
}
@page :first { @bottom-center { content: none; } }
* { box-sizing: border-box; }
html { font-family: "DejaVu Sans", "Noto Sans", "Liberation Sans", Arial, sans-serif;
       font-size: 10.5pt; line-height: 1.45; color: #202122; }
body { margin: 0 auto; max-width: 170mm; }
.letterhead { position: running(letterhead); display: flex; align-items: center;
              gap: 6mm; padding-bottom: 3mm; border-bottom: 1px solid #a2a9b1;
              font-size: 8.5pt; line-height: 1.35; color: #54595d; }
.letterhead .logo { display: block; flex: none; }
.letterhead .sender { flex: 1 1 auto; min-width: 0; }
.letterhead .sender-name { margin: 0; font-size: 11pt; font-weight: bold; color: #202122; }
.letterhead .sender-lines { margin: 0; }
.status-mark { flex: none; margin-inline-start: auto; padding: 1mm 3mm;
               border: 1.5pt solid #bf3c2c; border-radius: 2px; color: #bf3c2c;
               font-size: 9pt; font-weight: bold; letter-spacing: 0.08em;
               text-transform: uppercase; }
h1 { font-size: 18pt; line-height: 1.2; margin: 0 0 2mm; }
.subtitle { font-size: 12pt; color: #54595d; margin: 0 0 2mm; }
.date-line { margin: 0 0 6mm; }
h2 { font-size: 12.5pt; line-height: 1.25; margin: 7mm 0 2mm; padding-bottom: 1mm;
     border-bottom: 1px solid #c8ccd1; break-after: avoid; }
p { margin: 0 0 2.5mm; orphans: 3; widows: 3; }
ul { margin: 0 0 2.5mm; padding-inline-start: 6mm; }
li { margin-bottom: 1mm; }
@media screen {
  body { padding: 16px; }
  .letterhead { margin-bottom: 8mm; }
}
"""


def render_html(content: Content) -> str:
    """The printable page (A4) that PDF is made from, also fit to preview in a browser."""
    language = escape(_clean(content.language) or "en")
    direction = "rtl" if content.rtl else "ltr"
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{language}" dir="{direction}">',
        '<head><meta charset="utf-8">',
        f"<title>{escape(_clean(content.title))}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
    ]
    parts.extend(_html_letterhead(content.letterhead, _clean(content.status_mark)))
    if title := _clean(content.title):
        parts.append(f"<h1>{escape(title)}</h1>")
    if subtitle := _clean(content.subtitle):
        parts.append(f'<p class="subtitle">{escape(subtitle)}</p>')
    if date_line := _clean(content.date_line):
        parts.append(f'<p class="date-line">{escape(date_line)}</p>')
    for section in content.sections:
        parts.append("<section>")
        if heading := _clean(section.heading):
            parts.append(f"<h2>{escape(heading)}</h2>")
        for block in _blocks(section):
            if block.is_list:
                items = "".join(f"<li>{escape(item)}</li>" for item in block.items)
                parts.append(f"<ul>{items}</ul>")
            else:
                parts.append(f"<p>{escape(block.text)}</p>")
        parts.append("</section>")
    parts.extend(["</body>", "</html>"])
    return "\n".join(parts) + "\n"


def _html_letterhead(letterhead: Letterhead | None, status: str) -> list[str]:
    """The top of every page: logo, sender and the status mark (e.g. "Draft")."""
    name, lines = _sender(letterhead)
    logo = _logo(letterhead)
    if not (name or lines or logo or status):
        return []
    parts = ['<header class="letterhead">']
    if logo:
        width, height = logo.size_mm()
        data = base64.b64encode(logo.data).decode("ascii")
        parts.append(
            f'<img class="logo" src="data:{logo.media_type};base64,{data}" alt=""'
            f' style="width: {width}mm; height: {height}mm">'
        )
    parts.append('<div class="sender">')
    if name:
        parts.append(f'<p class="sender-name">{escape(name)}</p>')
    if lines:
        parts.append(f'<p class="sender-lines">{"<br>".join(map(escape, lines))}</p>')
    parts.append("</div>")
    if status:
        parts.append(f'<p class="status-mark">{escape(status)}</p>')
    parts.append("</header>")
    return parts


def render_pdf(content: Content) -> bytes:
    import weasyprint  # Loaded on demand: it brings Pango with it.

    # The HTML refers to nothing outside itself (the logo is a data: URI), so no base URL.
    return weasyprint.HTML(string=render_html(content)).write_pdf()


# DOCX -------------------------------------------------------------------------------------

STATUS_COLOUR = (0xBF, 0x3C, 0x2C)  # Codex "destructive" red, as in the PDF


def render_docx(content: Content) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt, RGBColor

    document = docx.Document()
    language = _clean(content.language) or "en"
    _docx_language(document, language, rtl=content.rtl)

    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)

    # The letterhead and the status mark sit in the page header, so they repeat on every page.
    header = section.header
    spare = list(header.paragraphs)  # A new header holds one empty paragraph; use it first.

    def header_paragraph():
        paragraph = spare.pop() if spare else header.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        return paragraph

    if status := _clean(content.status_mark):
        paragraph = header_paragraph()
        # In a right-to-left paragraph Word reads "right" as the end side, as wanted.
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run = paragraph.add_run(status.upper())
        run.bold = True
        run.font.color.rgb = RGBColor(*STATUS_COLOUR)
    if logo := _logo(content.letterhead):
        width, height = logo.size_mm()
        header_paragraph().add_run().add_picture(
            io.BytesIO(logo.data), width=Mm(width), height=Mm(height)
        )
    name, lines = _sender(content.letterhead)
    if name:
        run = header_paragraph().add_run(name)
        run.bold = True
        run.font.size = Pt(11)
    for line in lines:
        header_paragraph().add_run(line).font.size = Pt(8.5)

    if title := _clean(content.title):
        document.add_heading(title, level=0)
    if subtitle := _clean(content.subtitle):
        document.add_paragraph(subtitle, style="Subtitle")
    if date_line := _clean(content.date_line):
        document.add_paragraph(date_line)
    for part in content.sections:
        if heading := _clean(part.heading):
            document.add_heading(heading, level=1)
        for block in _blocks(part):
            if block.is_list:
                for item in block.items:
                    document.add_paragraph(item, style="List Bullet")
            else:
                document.add_paragraph(block.text)

    properties = document.core_properties
    properties.title = _clean(content.title)
    properties.language = language
    properties.content_status = _clean(content.status_mark)
    properties.author = name
    properties.comments = ""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _docx_language(document, language: str, *, rtl: bool) -> None:
    """Language of every run and, for right-to-left, the direction of every paragraph, set
    once in the document defaults that all styles inherit."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    defaults = document.styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    if lang is not None:  # The python-docx template has one.
        lang.set(qn("w:val"), language)
        if rtl:
            lang.set(qn("w:bidi"), language)
    if rtl:
        paragraph = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}")
        # w:bidi comes before w:spacing in a paragraph's properties.
        paragraph.insert(0, OxmlElement("w:bidi"))


# ODT --------------------------------------------------------------------------------------


def render_odt(content: Content) -> bytes:
    from odf import dc, draw, style, text
    from odf.opendocument import OpenDocumentText

    document = OpenDocumentText()
    language = _clean(content.language) or "en"
    styles = _OdtStyles(document, language=language, rtl=content.rtl)

    # The letterhead and the status mark sit in the page header, so they repeat on every page.
    header = style.Header()
    if status := _clean(content.status_mark):
        header.addElement(text.P(stylename=styles.status, text=status.upper()))
    logo = _logo(content.letterhead)
    if logo:
        width, height = logo.size_mm()
        href = document.addPicture(
            f"Pictures/logo.{logo.extension}", logo.media_type, logo.data
        )
        frame = draw.Frame(
            stylename=styles.logo_frame, anchortype="as-char", name="Logo",
            width=f"{width}mm", height=f"{height}mm",
        )
        frame.addElement(draw.Image(href=href))
        para = text.P(stylename=styles.sender)
        para.addElement(frame)
        header.addElement(para)
    name, lines = _sender(content.letterhead)
    if name:
        header.addElement(text.P(stylename=styles.sender_name, text=name))
    for line in lines:
        header.addElement(text.P(stylename=styles.sender, text=line))
    if header.childNodes:
        styles.master_page.addElement(header)

    body = document.text
    if title := _clean(content.title):
        body.addElement(text.P(stylename=styles.title, text=title))
    if subtitle := _clean(content.subtitle):
        body.addElement(text.P(stylename=styles.subtitle, text=subtitle))
    if date_line := _clean(content.date_line):
        body.addElement(text.P(stylename=styles.body, text=date_line))
    for section in content.sections:
        if heading := _clean(section.heading):
            body.addElement(text.H(outlinelevel=1, stylename=styles.heading, text=heading))
        for block in _blocks(section):
            if block.is_list:
                bullets = text.List(stylename=styles.bullets)
                for item in block.items:
                    entry = text.ListItem()
                    entry.addElement(text.P(stylename=styles.list_item, text=item))
                    bullets.addElement(entry)
                body.addElement(bullets)
            else:
                body.addElement(text.P(stylename=styles.body, text=block.text))

    document.meta.addElement(dc.Title(text=_clean(content.title)))
    document.meta.addElement(dc.Language(text=language))
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


class _OdtStyles:
    """The named styles of a Partnerkit ODT, under the names LibreOffice itself uses, so a
    reader's "Heading 1" or "Text Body" is the one the document was written with."""

    FONT = "DejaVu Sans"

    def __init__(self, document, *, language: str, rtl: bool):
        from odf import style, text

        styles, automatic = document.styles, document.automaticstyles
        document.fontfacedecls.addElement(style.FontFace(
            name=self.FONT, fontfamily=f"'{self.FONT}'", fontfamilygeneric="swiss",
            fontpitch="variable",
        ))
        primary, _, region = language.partition("-")
        lang = {"language": primary.lower()}
        if region:
            lang["country"] = region.upper()
        if rtl:
            lang.update(languagecomplex=lang["language"], countrycomplex=lang.get("country"))
            lang = {key: value for key, value in lang.items() if value}
        default = style.DefaultStyle(family="paragraph")
        default.addElement(style.TextProperties(
            fontname=self.FONT, fontnamecomplex=self.FONT, fontsize="10.5pt",
            fontsizecomplex="10.5pt", color="#202122", **lang,
        ))
        styles.addElement(default)

        # LibreOffice takes the direction from the paragraph style, not from the defaults, and
        # reads "start" and "end" as left and right whatever the direction: sides are named.
        start, end = ("right", "left") if rtl else ("left", "right")
        standard = self._paragraph(
            styles, "Standard", None,
            {"writingmode": "rl-tb" if rtl else "lr-tb", "textalign": start}, {},
        )
        self.body = self._paragraph(
            styles, "Text_20_body", standard, {"marginbottom": "2.5mm", "lineheight": "140%"},
            {}, displayname="Text body",
        )
        self.title = self._paragraph(
            styles, "Title", standard, {"marginbottom": "2mm"},
            {"fontsize": "20pt", "fontsizecomplex": "20pt", "fontweight": "bold",
             "fontweightcomplex": "bold"},
        )
        self.subtitle = self._paragraph(
            styles, "Subtitle", standard, {"marginbottom": "2mm"},
            {"fontsize": "13pt", "fontsizecomplex": "13pt", "color": "#54595d"},
        )
        heading_base = self._paragraph(
            styles, "Heading", standard, {"margintop": "6mm", "marginbottom": "2mm",
                                          "keepwithnext": "always"}, {},
        )
        self.heading = self._paragraph(
            styles, "Heading_20_1", heading_base, {}, {
                "fontsize": "13pt", "fontsizecomplex": "13pt", "fontweight": "bold",
                "fontweightcomplex": "bold",
            }, displayname="Heading 1", defaultoutlinelevel="1",
        )
        self.list_item = self._paragraph(
            styles, "List_20_Bullet", self.body, {"marginbottom": "1mm"}, {},
            displayname="List Bullet",
        )
        self.sender = self._paragraph(
            styles, "Header", standard, {"marginbottom": "0mm"},
            {"fontsize": "8.5pt", "fontsizecomplex": "8.5pt", "color": "#54595d"},
        )
        self.sender_name = self._paragraph(
            styles, "Letterhead_20_Name", self.sender, {"margintop": "1mm"},
            {"fontsize": "11pt", "fontsizecomplex": "11pt", "fontweight": "bold",
             "fontweightcomplex": "bold", "color": "#202122"},
            displayname="Letterhead Name",
        )
        self.status = self._paragraph(
            styles, "Status_20_Mark", self.sender, {"textalign": end},
            {"fontsize": "10pt", "fontweight": "bold", "fontweightcomplex": "bold",
             "color": "#bf3c2c", "letterspacing": "0.5mm"},
            displayname="Status Mark",
        )

        bullets = text.ListStyle(name="List_20_Bullets", displayname="List Bullets")
        level = text.ListLevelStyleBullet(level=1, bulletchar="•")
        placement = style.ListLevelProperties(listlevelpositionandspacemode="label-alignment")
        placement.addElement(style.ListLevelLabelAlignment(
            labelfollowedby="listtab", listtabstopposition="6mm", textindent="-4mm",
            marginleft="6mm",
        ))
        level.addElement(placement)
        bullets.addElement(level)
        styles.addElement(bullets)
        self.bullets = bullets

        self.logo_frame = style.Style(name="Logo", family="graphic")
        self.logo_frame.addElement(style.GraphicProperties(
            verticalpos="middle", verticalrel="text", wrap="none",
        ))
        automatic.addElement(self.logo_frame)

        layout = style.PageLayout(name="A4")
        layout.addElement(style.PageLayoutProperties(
            pagewidth="210mm", pageheight="297mm", printorientation="portrait",
            margintop="15mm", marginbottom="20mm", marginleft="20mm", marginright="20mm",
            writingmode="rl-tb" if rtl else "lr-tb",
        ))
        header_style = style.HeaderStyle()
        header_style.addElement(style.HeaderFooterProperties(
            minheight="0mm", marginbottom="6mm", borderbottom="0.5pt solid #a2a9b1",
            paddingbottom="2mm",
        ))
        layout.addElement(header_style)
        automatic.addElement(layout)
        self.master_page = style.MasterPage(name="Standard", pagelayoutname=layout)
        document.masterstyles.addElement(self.master_page)

    @staticmethod
    def _paragraph(styles, name, parent, paragraph, text_properties, **extra):
        from odf import style

        attributes = {"name": name, "family": "paragraph", "class": "text", **extra}
        if parent is not None:
            attributes["parentstylename"] = parent
        created = style.Style(**attributes)
        if paragraph:
            created.addElement(style.ParagraphProperties(**paragraph))
        if text_properties:
            created.addElement(style.TextProperties(**text_properties))
        styles.addElement(created)
        return created


_RENDERERS = {
    "markdown": lambda content: render_markdown(content).encode("utf-8"),
    "wikitext": lambda content: render_wikitext(content).encode("utf-8"),
    "docx": render_docx,
    "odt": render_odt,
    "pdf": render_pdf,
}
