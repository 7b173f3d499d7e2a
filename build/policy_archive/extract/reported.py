"""The document a page's own lead sentence names, where the page goes on to print it: a news item's
大连市教育局发布了关于做好中小学招生入学工作的通知 above the notice's addressees, a journal's
中共云南省委高校工委、云南省教育厅向全省教育系统发出《关于印发2017年工作要点的通知》（云高工办〔2017〕1号）…
本刊特予全文转载. Its title, the organs that issued it and its 文号, as that sentence states them; or the organs a lead that
ends with its verb names right above the title (刚刚，十堰市教育局发布 / 关于十堰市2022年中小学放寒假的通知)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import is_addressee

# (who)(向 whom)发布了《title》|关于…的通知 (（文号）)
_REPORTED = re.compile(
    r"(?:向[^，。；《》]{1,20}?)?(?:发布|发出|印发|下发|出台)了?\s*"
    r"(?:《([^《》]{4,80})》|(关于[^。，；《》]{2,60}?的(?:通知|意见|决定|通报|公告|公示|办法|方案)))"
    r"(?:\s*[（(]([^（）()]{4,30}?号)[)）])?"
)
# The lead says the page reprints the document in full.
_REPRINTED = re.compile(r"全文(?:转载|刊发|刊登|如下)|原文如下|予以转载")
_LEAD_LINES = 2
_CHANNEL = re.compile(r"(?:在其)?(?:官网|官方网站|官方微信|官方微博|官微|网站|微信公众号)(?:上)?$")


@dataclass(frozen=True)
class Reported:
    title: str
    organs: str  # the words before the verb: the organs that issued it, as the sentence names them
    doc_number: str | None
    line: int
    text: str


def reported_document(paragraphs: tuple[str, ...], printed: bool = True) -> Reported | None:
    """The document one of the first lines reports issued, when the next line opens it (its addressees) or
    the lead says it is reprinted in full; else None (a sentence citing another document is not the page's).
    With printed=False, also the document a news item's lead reports without printing it."""
    for i, text in enumerate(paragraphs[:_LEAD_LINES]):
        match = _REPORTED.search(text)
        if match is None:
            continue
        follows = i + 1 < len(paragraphs) and is_addressee(paragraphs[i + 1])
        if printed and not follows and not _REPRINTED.search(text):
            continue
        subject = re.split(r"[，。；,;]", text[: match.start()])[-1].strip()
        subject = _CHANNEL.sub("", subject)  # (福州市教育局官网发布…: the organ, through its site)
        return Reported(match.group(1) or match.group(2), subject, match.group(3), i, text)
    return None


# '刚刚，十堰市教育局发布' / '市教育局印发：': a lead that ends with its verb, the title on the next lines.
_ANNOUNCES = re.compile(r"([^，。；,;：:]{2,40}?)(?:正式|刚刚|近日|日前)?(?:发布|印发|下发|发出)了?\s*[:：!！]?$")


def announcing_organs(paragraphs: tuple[str, ...], title_line: int) -> tuple[str, int] | None:
    """(the words before the verb, their line) of the lead that ends right above the title's first line."""
    for i in range(max(0, title_line - 2), title_line):
        match = _ANNOUNCES.search(paragraphs[i]) if len(paragraphs[i]) <= 60 else None
        if match and all(not p.strip() or len(p) <= 40 for p in paragraphs[i + 1 : title_line]):
            return match.group(1).strip(), i
    return None
