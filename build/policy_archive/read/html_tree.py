"""An HTML page as lxml's tree: parsed by libxml2 (depth-capped when the page nests too deep), deep
nesting flattened, and the small helpers that walk it."""

from __future__ import annotations

import itertools

# The page is parsed by libxml2 (lxml) and walked as lxml's tree, where the text after an element is its
# `tail`. (BeautifulSoup built a second tree of Python objects over the same parse: 60% of the time of a
# page, for nothing this reader needs.) The text read is the same as BeautifulSoup's "lxml" builder gave.
_FEED_CHUNK = 512  # characters per feed, as BeautifulSoup fed libxml2 (its push parser is chunk-sensitive)


def parse_html(html: str, capped: bool = False):
    """The page's root element, or None for a page without one (only a comment, say); `capped`: built
    through _DepthCappedTree."""
    from lxml import etree

    html = html.removeprefix("\ufeff")  # (lxml misreads a leading BOM in a str)
    parser = etree.HTMLParser(recover=True, target=_DepthCappedTree() if capped else None)
    try:
        for start in range(0, max(len(html), 1), _FEED_CHUNK):
            parser.feed(html[start : start + _FEED_CHUNK])
        return parser.close()
    except (etree.ParserError, UnicodeDecodeError, LookupError):
        # (Text lxml cannot take as a str, as BeautifulSoup did next: the same text as UTF-8 bytes.)
        parser = etree.HTMLParser(recover=True, encoding="utf-8", target=_DepthCappedTree() if capped else None)
        return etree.fromstring(html.encode("utf-8", "replace"), parser)


# libxml2 builds no element deeper than 256 (and drops all it holds, silently); its parser still reports
# every tag and piece of text to a target. A page that reaches the limit is parsed again through
# _DepthCappedTree, which builds the same tree down to MAX_DEPTH and nothing deeper.
LIBXML_DEPTH_LIMIT = 256


class _DepthCappedTree:
    """An lxml parser target: the page's tree down to MAX_DEPTH; the text nested deeper, each piece as a line
    of its own in the element at MAX_DEPTH (as flatten_deep_nesting leaves it), none lost."""

    def __init__(self):
        from lxml import etree

        self._builder = etree.TreeBuilder()
        self._depth = 0

    def start(self, tag, attrib):
        self._depth += 1
        if self._depth <= MAX_DEPTH:
            self._builder.start(tag, attrib)

    def end(self, tag):
        if self._depth <= MAX_DEPTH:
            self._builder.end(tag)
        self._depth -= 1

    def data(self, data):
        if self._depth <= MAX_DEPTH:
            self._builder.data(data)
        elif data.strip():
            self._builder.data(data.strip())
            self._builder.start("br", {})
            self._builder.end("br")

    def comment(self, text):
        if self._depth <= MAX_DEPTH:
            self._builder.comment(text)

    def close(self):
        return self._builder.close()


def descendants(root, names: set[str]) -> list:
    """The elements under root (not root itself) of these names, in document order."""
    return [element for element in root.iter(*names) if element is not root]


def text_of(element) -> str:
    """All the text under element, in document order (comments are not text)."""
    return "".join(element.itertext())


def stripped_text(element, separator: str = " ") -> str:
    """The pieces of text under element, each stripped, the empty ones left out, joined by separator."""
    return separator.join(piece for piece in (raw.strip() for raw in element.itertext()) if piece)


def drop(element) -> None:
    """Remove element and all it holds. The text after it (lxml keeps it on the element, as its tail)
    stays, as a piece of its own: an empty comment takes the element's place and carries it."""
    from lxml import etree

    parent = element.getparent()
    if parent is None:
        return
    placeholder = etree.Comment()
    placeholder.tail = element.tail
    parent.replace(element, placeholder)


# Real pages nest a few dozen elements deep; a page nested hundreds deep is broken or hostile, and every
# pass over it would cost the square of its depth. Elements deeper than this are unwrapped (their
# content moves up to the element at the limit), which keeps every later step linear.
MAX_DEPTH = 64


def flatten_deep_nesting(root) -> int:
    """Every element at MAX_DEPTH whose content nests deeper keeps its content as plain lines of text
    (one line per piece of text, none lost), so that no later pass sees the depth. Linear: the subtrees
    flattened are disjoint. Returns the depth the tree reached."""
    from lxml import etree

    depth = {}
    at_limit = []
    deepest = 0
    for element in root.iter():  # document order: a parent before its children
        parent = element.getparent()
        level = 1 if parent is None else depth.get(parent, MAX_DEPTH + 1) + 1
        depth[element] = level
        deepest = max(deepest, level)
        if level == MAX_DEPTH and any(isinstance(child.tag, str) for child in element):
            at_limit.append(element)
    for element in at_limit:
        first = (d for d in element.iterdescendants() if isinstance(d.tag, str))
        if not any(depth.get(d, 0) > MAX_DEPTH + 1 for d in itertools.islice(first, 200)):
            continue
        lines = [piece.strip() for piece in element.itertext() if piece.strip()]
        for child in list(element):
            element.remove(child)
        element.text = None
        previous = None
        for line in lines:
            if previous is None:
                element.text = line
            else:
                previous.tail = line
            previous = etree.SubElement(element, "br")
    return deepest
