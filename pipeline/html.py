"""HTML -> text with BeautifulSoup: block elements become lines, inline elements
stay inside their line, scripts, styles, navigation and forms are dropped."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, Doctype, NavigableString, ProcessingInstruction, Tag

DROP = {
    "script", "style", "noscript", "template", "nav", "aside", "form",
    "button", "select", "iframe", "svg", "canvas", "object", "embed", "head", "menu",
}
# page banners and footers are dropped, but an article's own header (headline, date) stays
PAGE_ONLY = {"header", "footer"}
DROP_ROLES = {"navigation", "banner", "contentinfo", "search", "menu", "menubar", "complementary"}
BLOCK = {
    "address", "article", "blockquote", "body", "dd", "div", "dl", "dt", "figcaption", "figure",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main", "ol", "p", "pre", "section", "table",
    "tbody", "thead", "tfoot", "tr", "ul", "caption", "center",
}
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_NEWLINES = re.compile(r" *\n[ \n]*")


def html_to_text(html: str) -> tuple[str, str | None]:
    """Return (text, title) of an HTML page."""
    soup = BeautifulSoup(html, "html.parser")
    title = soup.title.get_text(" ", strip=True) if soup.title else None
    for tag in soup.find_all(True):
        if tag.decomposed:
            continue
        if (
            tag.name in DROP
            or (tag.get("role") or "").lower() in DROP_ROLES
            or tag.has_attr("hidden")
            or (tag.name in PAGE_ONLY and tag.find_parent(["article", "main"]) is None)
        ):
            tag.decompose()
    parts: list[str] = []
    root = soup.body or soup
    _walk(root, parts)
    text = "".join(parts)
    text = "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    text = _NEWLINES.sub("\n", text).strip()
    return text + "\n" if text else text, title or None


def _walk(node: Tag, parts: list[str]) -> None:
    for child in node.children:
        if isinstance(child, (Comment, Doctype, ProcessingInstruction)):
            continue
        if isinstance(child, NavigableString):
            parts.append(_SPACES.sub(" ", str(child).replace("\n", " ")))
            continue
        if not isinstance(child, Tag):
            continue
        if child.name == "br":
            parts.append("\n")
            continue
        block = child.name in BLOCK
        if block:
            parts.append("\n")
        _walk(child, parts)
        if block:
            parts.append("\n")
        elif child.name in ("td", "th"):
            parts.append(" ")
