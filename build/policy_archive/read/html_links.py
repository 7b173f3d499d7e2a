"""A page's main content, and the lists of links around it (menus, "recommended articles"), which are
removed: a list of links inside the content is text unless it is furniture its CMS put there."""

from __future__ import annotations

import re

from ..chinese import CJK
from .html_tree import descendants, drop, text_of

# Class or id fragments of the element that holds the text on Chinese government CMSs (TRS, 大汉, 政府网站集约化平台 …).
_CONTENT_HINTS = re.compile(r"(trs_editor|zoom|article|content|con_text|detail|main|text|zwnr|nr_con|view|TRS)", re.IGNORECASE)

_LINK_LIST_TAGS = {"ul", "ol", "dl", "div", "table", "p", "td", "section", "nav", "span"}
_LINK_SHARE = 0.6  # of an element's text that is link text, for it to be a list of links
_LINK_LIST_MIN = 3  # links, for an element to be a menu or a "more articles" list


def drop_link_lists(body):
    """Remove menus and "recommended articles" lists (_link_lists) outside the page's main content, and
    return the main content (_main_content, chosen as if they were gone). Inside it links are text: a
    notice whose body is a list of linked document titles, a 附件 list; only furniture a CMS puts at the
    top or the bottom of its content element is removed there too (_furniture_in_content). A page with no
    content element (the body is its content) has every list removed, as furniture may then be anywhere."""
    lists = _link_lists(body)
    content = _main_content(body, lists)
    in_lists = {node for element in lists for node in element.iter()}
    for element in lists:
        ancestors = set(element.iterancestors())
        if content in ancestors and content is not body:
            if not _furniture_in_content(element, content, in_lists):
                continue
        elif element in set(content.iterancestors()):
            continue  # (holds the content: removing it would remove the text)
        drop(element)
    return content


def _link_lists(body) -> list:
    """Menus and "recommended articles" lists, innermost first: elements whose text is mostly the text of
    three links or more (a site's navigation, 推荐阅读, 上一篇/下一篇) and whose other words make no
    sentence (根据《教育法》、《义务教育法》等规定，… cites laws as links: it is text)."""
    # The links under each element, listed once for the page (in document order). (lxml gives one Python
    # object per element while any is held, so elements can be keys.)
    links_under: dict = {}
    for link in descendants(body, {"a"}):
        for ancestor in link.iterancestors():
            links_under.setdefault(ancestor, []).append(link)
    lists = []
    for element in reversed(descendants(body, _LINK_LIST_TAGS)):
        links = links_under.get(element, ())
        if len(links) < _LINK_LIST_MIN:
            continue
        # Chinese characters only: the dates and separators around the links ([08-15], |) do not count. A
        # menu of menus (each under a label that is no link) is a list too, so the links of lists found inside
        # count: the outer list then holds them (_characters_in_lists counts each once).
        text = len(CJK.findall(text_of(element)))
        linked = sum(len(CJK.findall(text_of(a))) for a in links)
        if text and linked / text >= _LINK_SHARE and not _SENTENCE_MARK.search(_text_outside_links(element)):
            lists.append(element)
    return lists


_SENTENCE_MARK = re.compile("[，。；！？]")
_MENU_LABEL_CHARACTERS = 8  # a menu's labels (首页, 政务公开, 通知公告) are short; document titles are not


def _text_outside_links(element) -> str:
    """The text under element that is not inside a link."""
    pieces = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag != "a":
            pieces.append(_text_outside_links(child))
        pieces.append(child.tail or "")
    return "".join(pieces)


def _furniture_in_content(element, content, in_lists: set) -> bool:
    """Whether a list of links inside the content is furniture its CMS put there: a menu or breadcrumb of
    short labels (首页, 政务公开, 通知公告), wherever it stands, or below all of the content's text a list of
    other articles, each dated ([08-15]). A list of document titles elsewhere is text (a notice whose body
    lists the documents it issues)."""
    links = list(element.iter("a"))
    if sum(len(CJK.findall(text_of(a))) for a in links) <= _MENU_LABEL_CHARACTERS * len(links):
        return True
    _, after = _text_around(element, content, in_lists)
    return not after and len(_LIST_DATE.findall(_text_outside_links(element))) * 2 >= len(links)


_LIST_DATE = re.compile(r"\d{2,4}[-/.]\d{1,2}")


def _text_around(element, content, in_lists: set) -> tuple[int, int]:
    """The Chinese characters of the content before and after element (the text of lists of links aside)."""
    ancestors = set(element.iterancestors())
    inside = set(element.iter())
    before = after = 0
    reached = False
    for node in content.iter():
        reached = reached or node is element
        if node in inside:
            after += len(CJK.findall(node.tail or "")) if node is element else 0
            continue
        own = len(CJK.findall(node.text or "")) if isinstance(node.tag, str) and node not in in_lists else 0
        tail = 0 if node is content or node.getparent() in in_lists else len(CJK.findall(node.tail or ""))
        if reached:
            after += own + tail
        elif node in ancestors:  # (its tail follows all it holds, the list too)
            before, after = before + own, after + tail
        else:
            before += own + tail
    return before, after


def _main_content(body, lists=()):
    """The element that holds the text: the smallest one marked as content (by its tag, class or id) that
    holds most of the page's text, the text of the lists of links (`lists`) not counted; else the body."""
    in_lists = _characters_in_lists(lists)
    best, best_score = body, 0
    total = len(CJK.findall(text_of(body))) - in_lists.get(body, 0)
    for element in descendants(body, {"div", "article", "main", "section", "td"}):
        marker = " ".join([element.get("id") or ""] + (element.get("class") or "").split())
        if element.tag not in ("article", "main") and not _CONTENT_HINTS.search(marker):
            continue
        score = len(CJK.findall(text_of(element))) - in_lists.get(element, 0)
        # The smallest element that still holds most of the page's text is the content; one whose only text is
        # lists of links is a menu's frame, not content (a page whose text is all menus has no content element).
        if score > 0 and score >= total * 0.5 and (best is body or score <= best_score):
            best, best_score = element, score
    return best


def _characters_in_lists(lists) -> dict:
    """For each element that holds lists of links, the Chinese characters of their text (each list counted
    once: one inside another is part of it)."""
    listed = set(lists)
    counts: dict = {}
    for element in lists:
        ancestors = list(element.iterancestors())
        if any(a in listed for a in ancestors):
            continue
        characters = len(CJK.findall(text_of(element)))
        for ancestor in ancestors:
            counts[ancestor] = counts.get(ancestor, 0) + characters
    return counts
