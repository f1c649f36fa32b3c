"""Documents as plain data: what a written proposal, a memorandum of understanding, a decline
letter, an announcement and a community update consist of, and the shape every output format
is rendered from.

A document is a title and a list of sections; each section is a heading and a text that
people edit in the browser. The text follows two conventions only — a blank line starts a new
paragraph, a line starting with "- " is an item of a list — so that it is easy to write and
means the same in Markdown, wikitext, DOCX, ODT and PDF. Everything else in it is literal: a
"<b>", a "'''" or a "[[link]]" typed by someone is shown as typed, never interpreted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

BULLET = re.compile(r"^\s*[-•*]\s+")


@dataclass(frozen=True)
class Block:
    """A paragraph (``items`` empty) or a bulleted list (``text`` empty)."""

    text: str = ""
    items: tuple[str, ...] = ()

    @property
    def is_list(self) -> bool:
        return bool(self.items)


def blocks_from_text(text: str) -> tuple[Block, ...]:
    """Split a section's text into paragraphs and lists.

    Lines of one paragraph are joined with a space; consecutive "- " lines form one list.
    """
    blocks: list[Block] = []
    paragraph: list[str] = []
    items: list[str] = []

    def flush_paragraph():
        if paragraph:
            blocks.append(Block(text=" ".join(paragraph)))
            paragraph.clear()

    def flush_items():
        if items:
            blocks.append(Block(items=tuple(items)))
            items.clear()

    for raw in (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        if not line:
            flush_paragraph()
            flush_items()
        elif BULLET.match(raw):
            flush_paragraph()
            items.append(BULLET.sub("", raw).strip())
        elif items and raw[:1].isspace():
            # An indented line continues the item above it.
            items[-1] = f"{items[-1]} {line}"
        else:
            flush_items()
            paragraph.append(line)
    flush_paragraph()
    flush_items()
    return tuple(blocks)


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    text: str

    @property
    def blocks(self) -> tuple[Block, ...]:
        return blocks_from_text(self.text)


@dataclass(frozen=True)
class Letterhead:
    """The sender at the top of every page: the workspace's name, a few lines (address,
    website) and an optional logo (PNG or JPEG bytes)."""

    name: str
    lines: tuple[str, ...] = ()
    logo: bytes | None = None
    logo_type: str = ""  # "image/png" or "image/jpeg"


@dataclass(frozen=True)
class Content:
    """Everything a renderer needs; nothing else of the record reaches the output."""

    title: str
    language: str = "en"
    subtitle: str = ""
    date_line: str = ""  # e.g. "Berlin, 3 December 2026"
    letterhead: Letterhead | None = None
    sections: tuple[Section, ...] = field(default_factory=tuple)
    status_mark: str = ""  # e.g. "Draft" — shown on drafts only
    rtl: bool = False
