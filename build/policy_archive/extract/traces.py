"""Traces of a value the choosers did not read: a title the head shows (a type of document near a line's start,
a news lead naming the document, a first line that does not start a body), a year or a day the text prints
outside what it cites. The doubts about a missing value are read from these (extract.doubts)."""

from __future__ import annotations

import re
from functools import lru_cache

from ..knowledge import vocabulary
from .lexicon import MASKED_YEAR, is_addressee

# What opens a head line before a title glued to it: a sharing site's page count and item number.
_DEBRIS = re.compile(r"^(?:第\d{1,3}页共\d{1,3}页|编号[:：]\s*\d{1,12})")
# A news lead that names the document it reports: 发布了《…》, 发出《…》, 印发了关于…的通知.
_REPORTED = re.compile(r"(?:发布|发出|印发|下发|出台)了?\s*(《[^《》]{2,80}》|关于[^。，；《》]{2,60})")
# A page's information bar under its title: 来源：…, 发布时间：…, 作者：….
INFO_BAR = re.compile(r"^\s*(?:来源|信息来源|发布时间|发布日期|发文时间|作者|文章来源)\s*[:：]")
# What a line says that names no title of its own: the titles it cites (《…》), the phrases that announce the
# text (通知如下, 予以公示).
_ANNOUNCING = re.compile(r"《[^《》]{0,120}》|(?:予以|进行|现)?(?:公示|通知|公告)如下|(?:予以|进行)公示|特此(?:通知|公告|公示)")
# How a text kept from its body on starts: the rule it follows (根据《…》, 按照, 为了), an article or chapter, an
# item (一、), a 文号, a table's row, the announcing phrase (现将…), a date or a news lead (8月26日，…).
_BODY_START = re.compile(
    r"\s*(?:根据|依据|按照|为了?|经|现将|近日|日前|今年|[^，。]{0,12}[:：]$|第[一二三四五六七八九十百\d]+[章条节]|目\s*录"
    r"|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}[、.．]|\||序号"
    r"|[\u4e00-\u9fff]{1,8}[〔\[【]\s*(?:19|20)\d{2}|(?:19|20)?\d{2,4}年\d{1,2}月\d{1,2}日|\d{1,2}月\d{1,2}日)"
)
_OWN_TITLE_SPAN = 30  # a type named this near a head line's start ends the line's title
_SENTENCE_MIN = 50  # a first line this long with a comma or stop in it is a sentence, no title


def typed_head(view, title=None) -> bool:
    """A title, or one of the first lines, names a type of document near its start (…工作总结, 嘉奖令) or a
    news lead names the document it reports (发布了《…公示》): the document has a title that was not read. A
    line that starts as a body does (根据有关规定，…, 第一章 总则) names none there."""
    if title:
        return bool(type_named().search(title))
    head = view.paragraphs[:3]
    starts = [_DEBRIS.sub("", _ANNOUNCING.sub("", p[:200])) for p in head if not _BODY_START.match(p)]
    reported = [m.group(1) for p in head for m in _REPORTED.finditer(p)]
    if any(type_named().search(text) for text in reported):
        return True
    return any(m.end() <= _OWN_TITLE_SPAN for text in starts for m in _title_end().finditer(text, 0, _OWN_TITLE_SPAN + 10))


def starts_with_body(line: str) -> bool:
    """The line is a body's: a sentence, an addressee line, or a body's opening (_BODY_START)."""
    return (
        bool(_BODY_START.match(line))
        or is_addressee(line)
        or (len(line) > _SENTENCE_MIN and bool(re.search(r"[，。；：]", line[:_SENTENCE_MIN])))
    )


@lru_cache(maxsize=1)
def type_named() -> re.Pattern:
    """The types of document (the knowledge table's) of two characters or more, as a line would name them."""
    names = sorted((t["name"] for t in vocabulary()["doc_types"] if len(t["name"]) > 1), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names)))


@lru_cache(maxsize=1)
def _title_end() -> re.Pattern:
    """A type of document where a title ends: at the end of a line or a clause, or glued to what follows the
    title (a year, an addressee 各…, a sharing site's 小编), never inside a word (公示期内) nor as the text names itself (本办法)."""
    return re.compile(f"(?<![本此该])(?:{type_named().pattern})(?=$|[^\\u4e00-\\u9fff]|各|小编|范文|范本|模板)")


# A year the text names of its own: not in a title it cites (《…》), a 文号's brackets or an edition (2022年版).
_OWN_YEAR = re.compile(
    r"(?<![\d〔\[【（(])(?:19|20)\d{2}(?:\s*年(?!版)|-\d{1,2}-\d{1,2}|\s*[-—–至]\s*(?:19|20)\d{2}\s*学?年)|[一二][〇○零Ｏ一二三四五六七八九]{3}年"
)
_CITED = re.compile(r"《[^《》]{0,120}》|[〔\[【]\s*(?:19|20)\d{2}\s*[〕\]】]")


# A day in full, in figures or in Chinese numerals: 2020年4月7日, 二〇〇六年十二月六日.
_FULL_DAY = re.compile(
    r"(?:(?:19|20)\d{2}|[一二][〇○零Ｏ一二三四五六七八九]{3})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日"
)


def prints_a_day(view) -> bool:
    """The text prints a day in full outside the titles it cites: a notice's date may stand there."""
    return bool(_FULL_DAY.search(_CITED.sub("", "".join(view.paragraphs[:200])[:60_000])))


def names_a_year(view) -> bool:
    """The text prints a year of its own (2021年, 2021-03-05) or masks one (20XX年), outside its citations."""
    text = _CITED.sub("", "".join(view.paragraphs[:60])[:20_000])
    return bool(_OWN_YEAR.search(text) or MASKED_YEAR.search(text) or re.search(r"[xX×]{2}\s*年", text))
