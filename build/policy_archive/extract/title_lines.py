"""One line read as a title: the wrapping a page or a reposting site puts around it taken off (名称：…, 转发：…,
《…》, a breadcrumb, a ticker, a column's name, a list's number, a sharing site's file name and word count) with the
文号 it carries, whether the rest looks like a title, and the revision note a rule's title may end with. titles.py
chooses among such lines."""

from __future__ import annotations

import re
from functools import lru_cache

from ..clean import CJK_CHAR
from ..knowledge import vocabulary
from .doc_numbers import split_doc_number
from .doc_types import doc_type, strip_title_suffix
from .lexicon import DATE_TEXT, SECTION_START, is_date_line
from .organs import ORGAN_BEFORE_TITLE, split_names
from .places import starts_with_place

_REVISION = re.compile(
    r"(?<!\s)\s*+[（(]\s*(?:19|20)\d{2}\s*年?\s*(?:\d{1,2}\s*月\s*(?:\d{1,2}\s*日\s*)?)?(?:起?(?:实施|施行)|修订|修正|修改|修订版|修正版|修正文本)\s*[)）]$"
)


def strip_revision(title: str) -> str:
    """'山东省未成年人保护条例（2023年修订）' -> '山东省未成年人保护条例': the version a page names after a
    regulation's title is not part of it (the dates say which version this is)."""
    return _REVISION.sub("", title)


# --- what a title looks like ---------------------------------------------------------------------------
ITEM_START = re.compile(r"\d{1,3}\s*(?:[.、．]|[)）](?=\S))(?!\d)")


def looks_like_title(text: str) -> bool:
    """A document's name: short, not a sentence or an item, and ending in a document type (…工作要点,
    …的通知) or naming what it issues (关于…). A bare type or a site's column name (通知公告) is not one."""
    if len(text) > 120 or len(text) < 4 or "。" in text or text.endswith(("：", ":", "，", "；", "、")):
        return False
    if re.search(r"[！!]|[？?]\S", text):
        return False  # a headline's exclamation ('…吉林省发布最新公告！关于…'): an official title exclaims nothing
    if NOT_TITLE_WORDS.search(text):
        return False  # a page's crumb (首页 公告公示) or a disclosure table's row (索引号…分类…报告)
    if SECTION_START.match(text) or ITEM_START.match(text) or is_date_line(text):
        return False
    kind, _ = doc_type(text)
    stem = strip_title_suffix(text)
    if kind and (len(stem) > len(kind) + 3 or (len(stem) > len(kind) + 1 and starts_with_place(stem))):
        return True
    return "关于" in text and any(marker in text for marker in vocabulary()["title_markers"])


NOT_TITLE_WORDS = re.compile(r"^\s*(?:首\s*页|当前位置|您的位置)|索\s*引\s*号|发\s*布\s*机\s*构|主\s*题\s*词")


# --- a title line as reposting sites and CMSs wrap it ---------------------------------------------------
_LABEL = re.compile(
    r"^[•·●■▪◆\-*\s]*(?:(?:名\s*称|标\s*题|文件名称|题\s*名|文章标题)\s*[:：|]?|(?:当前滚动|滚动新闻|最新消息|头条新闻)\s*[:：])\s*"
)
_TAG = re.compile(r"^[〔\[【［][^〕\]】］]{1,8}[〕\]】］]\s*(?=\S)")
# A filing record's head before a title: an empty 文号 and a page count ('桂机（）号共4页').
# A list's item number before a title: '（三）义务教育领域基层政务公开标准目录'.
_ITEM_NUMBER = re.compile(r"^[（(][一二三四五六七八九十]{1,3}[)）]\s*(?=\S{6})")
# A news column's name glued before a headline: '关注丨秀山县…延迟开学', '要闻|…'.
_COLUMN_PREFIX = re.compile(r"^[\u4e00-\u9fff]{2,4}\s*[丨｜|]\s*(?=\S{6})")
RECORD_HEAD = re.compile(r"^[\u4e00-\u9fff]{1,8}\s*[〔\[（(]\s*[〕\]）)]\s*号\s*(?:共\s*\d{1,3}\s*页)?\s*")
CRUMB = re.compile(r"[>»›＞]")
_TRAILING_INFO = re.compile(
    rf"(?<!\s)\s*+(?:[|｜]|(?:发布|更新|发表|成文)?(?:日期|时间)\s*[:：]|(?:信息)?来源\s*[:：]|[【\[]?\s*字号\s*[:：]|{DATE_TEXT}\s*$).*$"
)
_REPOST = re.compile(r"^(?:转发|转载|转)\s*[:：]\s*|^转发(?=《[^《》]+》$)")
# A site's greeting glued before a title ('南宁市教育局欢迎您！关于印发…'), a site's note after it ('（全文）'),
# the file extension of a title given as a file name ('黑龙江省职业教育条例.doc').
_GREETING = re.compile(r"^[^，。！!]{2,20}欢迎您[！!]\s*")
_SITE_NOTE = re.compile(
    r"\s*[（(](?:全文|原文|正文|附全文)[)）]$"
    # a document-sharing site's file name: '2024年县教育局工作计划范文.docx', '…方案.doc_第1页'
    r"|(?:范文|模板|精选)?\.{1,2}(?:docx?|wps|pdf|txt|pptx?)(?:VIP)?(?:_第\d+页)?$"
    # its word count: '2022年教育工作要点4800字(全文4818字)'
    r"|(?<=[\u4e00-\u9fff])\d{3,5}字(?:\s*[（(]全文\d{3,6}字[)）])?$"
    # a page title's site name after an underscore: '鲁山县召开2023年教育体育工作会议_风闻'
    r"|(?<=[\u4e00-\u9fff）)])_[^_\s]{1,12}$",
    re.IGNORECASE,
)
# A document-sharing site's selling word before a title ('最新浙江省宁波市教育督导条例'): taken off only where
# what follows begins as a title does (a place, 关于, a year), so that 最新 inside a title stays.
_SELLING_WORD = re.compile(r"^(?:最新|最全|热门|精选|推荐|原创|独家)")
_TITLE_START = re.compile(r"关于|(?:19|20)\d\d年")
# A character the page could not encode, left as a question mark after the title ('政府工作报告 ?').
DEBRIS_END = re.compile(r"\s+[?？]+$")
# A title printed letter-spaced: '政 府 工 作 报 告', '通 知'.
_LETTER_SPACED = re.compile(rf"[{CJK_CHAR}](?: [{CJK_CHAR}]){{1,11}}")


@lru_cache(maxsize=8192)
def unwrap_title(text: str) -> tuple[str, str | None]:
    """The title inside a line's wrapping, and a 文号 it carried. '名称：X发布日期：…' -> X;
    '〔政策〕X' -> X; '首页»…»X' -> X; '转发：X' -> X; '《X》' -> X; 'X（川财教〔2011〕224号）' -> X, 文号.
    (Cached: the head's lines are unwrapped for the title, its joins and the 文号.)"""
    text = _LABEL.sub("", re.sub(r"^[•·●■▪◆❶-❿➀-➉]\s*", "", text))
    text = DEBRIS_END.sub("", text)
    if _LETTER_SPACED.fullmatch(text):
        text = text.replace(" ", "")
    text = _GREETING.sub("", text)
    organ = ORGAN_BEFORE_TITLE.match(text)
    if organ and split_names(organ.group(1), bare=True) and looks_like_title(text[organ.end() :]):
        text = text[organ.end() :]  # (the organ is an issuer candidate: issuers.candidates reads it)
    selling = _SELLING_WORD.match(text)
    if selling and (starts_with_place(text[selling.end() :]) or _TITLE_START.match(text, selling.end())):
        text = text[selling.end() :]
    if CRUMB.search(text) and ("首页" in text or "位置" in text or len(CRUMB.findall(text)) >= 2):
        text = CRUMB.split(text)[-1]
    text = _TAG.sub("", text)
    text = _COLUMN_PREFIX.sub("", text)
    text = _ITEM_NUMBER.sub("", text)
    text = RECORD_HEAD.sub("", text)
    if "|" in text or "｜" in text:
        # A table row of a page ('词条 | 甘肃省“十一五”教育事业发展规划 |'): the cell that is a title.
        cells = [c.strip() for c in re.split(r"[|｜]", text) if c.strip()]
        # (In a row of several cells, a 《…》 cell is a law the row cites, not the page's title.)
        titled = [c for c in cells if looks_like_title(c) and not (len(cells) >= 3 and c.startswith("《"))]
        text = titled[0] if len(titled) == 1 else text
    text = _TRAILING_INFO.sub("", text).strip()
    text = _REPOST.sub("", text)
    text = _SITE_NOTE.sub("", text)
    if text.endswith(("?", "？")) and doc_type(text.rstrip("?？"))[0]:
        text = text.rstrip("?？")  # an official title asks nothing: a character the page lost ('政府工作报告？')
    number, text = split_doc_number(text)
    whole = re.fullmatch(r"(?:[^《》：:]{1,8}[:：]\s*)?《([^《》]+)》(?:全文|原文|正文)?(?:公布|发布)?", text)
    if whole:
        text = whole.group(1)
    return text.strip(" |｜"), number
