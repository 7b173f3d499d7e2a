"""A page's labelled fields, read as metadata evidence: an information-disclosure table's row (索引号 | … |),
【颁发部门】 blocks, 'label：value' lines at a page's head, a flattened table's labels run into their values
(发布日期2020-09-30), a law database's citation code. The labels and the fields they fill are data
(boilerplate.yaml `metadata_labels`)."""

from __future__ import annotations

import re
from functools import lru_cache

from .knowledge import boilerplate


def _label(cell: str) -> str:
    return re.sub(r"\s+", "", cell).rstrip(":：")


def parse_disclosure_row(line: str) -> list[tuple[str, str]] | None:
    """'索 引 号 | 1137…/2023-01985 | 公开方式 | 主动公开 |' -> [(index_number, …), (disclosure, …)]."""
    if "|" not in line:
        return None
    labels = boilerplate().metadata_labels
    cells = [c.strip() for c in line.split("|")]
    while cells and not cells[-1]:
        cells.pop()
    # A disclosure row alternates label | value; a task table that merely has a 名称 column does not.
    if not cells or any(_label(cells[i]) not in labels for i in range(0, len(cells), 2)):
        return None
    return [(labels[_label(cells[i])], cells[i + 1] if i + 1 < len(cells) else "") for i in range(0, len(cells), 2)]


# A list item's mark, as pages and Markdown exports print the fields of a disclosure table ("- 发文机关：…").
_BULLET = re.compile(r"^(?:[•·●■▪◆]|[-*+](?=\s))\s*")
_BULLET_MARKS = "•·●■▪◆-*+"


def unbulleted(line: str) -> str:
    """The line without its list item's mark (only a line starting with one of the marks has one)."""
    return _BULLET.sub("", line) if line[:1] in _BULLET_MARKS else line


# A value that says there is none.
_NO_VALUE = re.compile(r"[无暂无空—\-/／]*|暂无|无")


@lru_cache(maxsize=1)
def _label_pattern() -> re.Pattern:
    """Any known label, its characters perhaps spaced out (名 称：), followed by a colon."""
    labels = sorted(boilerplate().metadata_labels, key=len, reverse=True)
    spaced = ("\\s*".join(map(re.escape, label)) for label in labels)
    return re.compile(f"({'|'.join(spaced)})\\s*[:：]\\s*")


@lru_cache(maxsize=1)
def _bare_label_pattern() -> re.Pattern:
    """A known label and its value separated by spaces only, as disclosure tables read when flattened."""
    labels = sorted(boilerplate().metadata_labels, key=len, reverse=True)
    return re.compile(f"(?:(?<=\\s)|^)({'|'.join(map(re.escape, labels))})(?:\\s+|$)")


_BRACKET_LABEL = re.compile(r"[【\[]\s*([^】\]]{2,8}?)\s*[】\]]\s*[:：]?\s*")


def _bracket_fields(line: str, labels: dict) -> list[tuple[str, str]] | None:
    """'【颁发部门】 吉林市教育局' -> [(issuer, …)]; a flattened table '[ 索引号 ]1150…[ 发文字号 ]开州府发〔2022〕9号
    [ 发布机构 ]…' -> one pair a label."""
    marks = [m for m in _BRACKET_LABEL.finditer(line) if _label(m.group(1)) in labels]
    if not marks or marks[0].start() != 0:
        return None
    return _labelled_values(line, marks, labels)


def _labelled_values(line: str, marks: list[re.Match], labels: dict) -> list[tuple[str, str]]:
    """(field, value) for each label found in the line: its value runs to the next label; a value that
    says there is none is empty."""
    pairs = []
    for k, mark in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(line)
        value = line[mark.end() : end].strip()
        pairs.append((labels[_label(mark.group(1))], "" if _NO_VALUE.fullmatch(value) else value))
    return pairs


_NUMBERED_FIELD = re.compile(r"^\d{1,2}\s*[.、．]\s*(?=[【\[])")
# A date field whose label and value a flattened table ran together (no colon): the value must be a date.
_GLUED_DATE = re.compile(
    r"(成文日期|发文日期|印发日期|发布日期|公开日期|实施日期|生效日期|施行日期)\s*((?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?)"
)


_ANYWHERE_WORDS = ("法宝引证码", "原文链接")  # labels a law database prints at a document's end
_ANYWHERE_WORD = re.compile("|".join(_ANYWHERE_WORDS))
_ANYWHERE_LABEL = re.compile(rf"({'|'.join(_ANYWHERE_WORDS)})\s*[:：]\s*(\S.{{0,300}})")


def parse_labelled_line(line: str, at_head: bool) -> list[tuple[str, str]] | None:
    """【颁发部门】 吉林市教育局 -> [(issuer, 吉林市教育局)]; at the head of a page also lines of one or more
    'label：value' pairs: '索引号：1137…/2017-1013698 文 号：无' -> [(index_number, …), (doc_number, '')]."""
    labels = boilerplate().metadata_labels
    bare = unbulleted(line)  # ('- 【发布日期】1989-12-02': a list of a database's fields)
    bare = _NUMBERED_FIELD.sub("", bare)  # ('5. 【颁布单位】…': the same list, numbered)
    fields = _bracket_fields(bare, labels) if bare[:1] in "【[" else None
    if fields:
        return fields
    anywhere = _ANYWHERE_LABEL.fullmatch(line) if _ANYWHERE_WORD.search(line) else None
    if anywhere:
        # A law database's export ends with its citation code and the link to its page.
        return [(labels[_label(anywhere.group(1))], anywhere.group(2).strip())]
    if not at_head:
        return None
    glued = _GLUED_DATE.fullmatch(bare)
    if glued and glued.group(1) in labels:
        # '发布日期2020-09-30': a disclosure table flattened with its label and value run together.
        return [(labels[glued.group(1)], glued.group(2))]
    matches = list(_label_pattern().finditer(bare))
    if not matches or matches[0].start() != 0:
        # '成文日期 2022-09-03 废止日期' / '发文字号 济兖政办发〔2022〕1号 有效性 有效': two labels or more.
        matches = list(_bare_label_pattern().finditer(bare))
        if len(matches) < 2 or matches[0].start() != 0:
            return None
    return _labelled_values(bare, matches, labels)


# A law database's article card run into one line with the text: 'X文章属性•【制定机关】…•【主题分类】基础教育正文X…'.
_ATTRIBUTES = re.compile(r"文章属性\s*[•·]?\s*(?=【)")
_BODY_MARK = re.compile(r"正文\s*")
_CARD_LABEL = re.compile(r"【\s*([^】]{2,8}?)\s*】")  # (not [2005]: a 文号's year in square brackets)


def split_attribute_card(line: str) -> tuple[str, list[tuple[str, str]], str] | None:
    """(the title before the card, the card's fields, the text after its 正文 mark), where a page flattened a
    law database's 文章属性 card into the line between the document's title and its text; else None."""
    card = _ATTRIBUTES.search(line)
    if card is None:
        return None
    labels = {**boilerplate().metadata_labels, **_CARD_LABELS}
    marks = list(_CARD_LABEL.finditer(line, card.end()))
    body = _BODY_MARK.search(line, marks[-1].end()) if sum(_label(m.group(1)) in labels for m in marks) >= 2 else None
    if body is None:
        return None
    # (Each value runs to the next 【label】, known or not; the unknown ones are the card's and dropped.)
    values = _labelled_values(line[: body.start()], marks, {_label(m.group(1)): _label(m.group(1)) for m in marks})
    fields = [(labels[name], value.rstrip("•· ")) for name, value in values if name in labels]
    return line[: card.start()].strip(), fields, line[body.end() :].strip()


# The card's own names of fields ('字号' is its 文号; elsewhere a page's font-size widget).
_CARD_LABELS = {"字号": "doc_number", "效力等级": "category"}


def preload() -> None:
    _label_pattern()
    _bare_label_pattern()
