"""A regulation's history: the adoption, approval, promulgation, entry into force, amendment and revision lines
printed under its title, read into events (date, action, body, instrument), and the final article's 施行 clause.

A history line may hold several events ("…批准2015年9月24日…公告公布", "…公告公布施行根据2018年9月7日…修正"):
it is cut at each date, and each piece is one date, the body that acted, the instrument that made the change
(《关于修改…的决定》, 政府令第N号) and the verbs it ends with. The verb a piece ends with is its action: in
"…会议通过的《…修正案》修正" the regulation was amended (修正), not adopted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .evidence import View
from .lexicon import DATE_TEXT, SECTION_START, ascii_digits, parse_date

# The actions a history states, and how the text names each.
ACTIONS = ("通过", "批准", "公布", "施行", "修正", "修订")
_VERBS = {
    "通过": "通过",
    "批准": "批准",
    "公布": "公布",
    "发布": "公布",
    "施行": "施行",
    "实施": "施行",
    "修正": "修正",
    "修订": "修订",
    "修改": "修正",
}
# Actions that make a version (the 施行 that follows one does not).
MAKING = ("通过", "批准", "公布", "修正", "修订")

_DATE = re.compile(DATE_TEXT)
# What a piece ends with: its verbs (第二次修正, 公告公布施行, 批准), one word at a time from the end (a run
# `(…)+$` searched for would be tried from every position of the line: its square in time).
_ENDING_WORD = re.compile(r"(?:第[一二三四五六七八九十]{1,3}次)?(?:修正|修订|修改)$|(?:通过|批准|公布|发布|施行|实施|公告)$")
_ENDING_WORD_MAX = 8  # 第十一次修正: the longest ending word
_VERB = re.compile(r"修正|修订|修改|通过|批准|公布|发布|施行|实施")
# The instrument that made a change, and what stands around a piece without being its body.
_INSTRUMENT = re.compile(
    r"《[^《》]{2,120}》|关于修改[^。；《》]{0,20}《[^《》]{2,80}》[^。；《》]{0,30}?的决定|[\u4e00-\u9fff]{2,30}令第?[\d一二三四五六七八九十百]+号"
)
# What stands after a piece without being part of it, one item at a time from the end (as _ENDING_WORD).
_TRAILING_ITEM = re.compile(r"(?:根据|自|于|起|\[\d{1,2}\]|［\d{1,2}］|[）)（(\s　,，、;；。|｜])$")
_TRAILING_ITEM_MAX = 4  # [12]
_LEADING = re.compile(r"^(?:[）)（(\s　,，、;；。]|根据|于|已经|已由|已于|已|经|由)+")
_ORDER_ORGAN = re.compile(r"^([\u4e00-\u9fff]{2,30}?)令第?[\d一二三四五六七八九十百]+号$")
_CLAUSE_END = re.compile(r"[，,。；;]")
_DECORATION = re.compile(r"(?:通过|批准)?的$|审议$|公告(?:第?[\d一二三四五六七八九十]+号)?$|发布$")
# Where lines broken inside words are read joined: a date and the meeting that acted on it, close together in
# one clause (a page's 更新时间 above a notice's "…已经局办公会议审议通过" is no history).
_DATED_MEETING = re.compile(rf"(?:{DATE_TEXT})[^。；;，,]{{0,40}}会议|会议[^。；;，,]{{0,6}}(?:{DATE_TEXT})")
_LINE_MAX = 400  # a history line is short; a longer paragraph is text
_JOINED_MAX = 2 * _LINE_MAX  # the head's lines read joined, where an export broke them inside words
_HISTORY_WINDOW = 12  # lines below the head where a history may still stand


def _run_start(text: str, item: re.Pattern, longest: int) -> int:
    """Where the run of `item`s that `text` ends with starts (len(text) when it ends with none), taken one item
    at a time from the end, each searched for in the last `longest` characters: linear in the run's length."""
    end = len(text)
    while end and (match := item.search(text, max(0, end - longest), end)):
        end = match.start()
    return end


def _ending_start(text: str) -> int | None:
    """Where the verbs a piece ends with start, or None when it ends with none."""
    start = _run_start(text, _ENDING_WORD, _ENDING_WORD_MAX)
    return start if start < len(text) else None


def _strip_trailing(text: str) -> str:
    return text[: _run_start(text, _TRAILING_ITEM, _TRAILING_ITEM_MAX)]


@dataclass(frozen=True)
class Event:
    date: str  # YYYY-MM-DD
    action: str  # one of ACTIONS
    body: str | None = None  # who acted: the meeting, the standing committee, the government
    instrument: str | None = None  # the decision or order that made the change
    text: str = ""  # the line it was read from
    where: str = "history"  # history (the lines under the title) or body (the final article)

    def as_row(self) -> dict:
        return {"date": self.date, "action": self.action, "body": self.body, "instrument": self.instrument}


def _pieces(line: str):
    """(date text, the text after it up to the next date, the clause before it) of one line: the clause before a
    date names the body where the date stands after it ('…会议于2004年12月30日通过,广东省…会议于2005年1月19日批准')."""
    dates = list(_DATE.finditer(line))
    for k, match in enumerate(dates):
        end = dates[k + 1].start() if k + 1 < len(dates) else len(line)
        if k == 0:
            before = line[: match.start()]
        else:
            clauses = _CLAUSE_END.split(line[dates[k - 1].end() : match.start()])
            before = clauses[-1] if len(clauses) > 1 else ""
        yield match.group(0), line[match.end() : end], before


def _read_piece(date_text: str, after: str, before: str, line: str, problems: list[str]) -> list[Event]:
    date, problem = parse_date(date_text)
    if date is None or problem:
        problems.append(f"history line date {date_text!r} rejected: {problem or 'not a whole date'}")
        return []
    # The date's own clause: in "…会议通过，现予公布，自…起施行" the 公布 is the notice's, not this date's.
    rest = _strip_trailing(_CLAUSE_END.split(after, maxsplit=1)[0])
    ending = _ending_start(rest)
    if ending is None:
        return []
    actions = list(dict.fromkeys(_VERBS[v] for v in _VERB.findall(rest[ending:])))
    if "通过" in actions and ("修订" in actions or "修正" in actions):
        actions.remove("通过")  # 修订通过: the revision was adopted
    middle = rest[:ending]
    instruments = _INSTRUMENT.findall(middle)
    instrument = instruments[-1] if instruments else None
    body = _body(middle)
    if body is None and before and actions[0] in ("通过", "批准", "修正", "修订"):
        body = _body(_CLAUSE_END.split(before)[-1])  # '…已由某某会议于2021年1月22日通过'
    if body is None and instrument and (order := _ORDER_ORGAN.match(instrument)):
        body = order.group(1)  # 福建省人民政府令第93号: the government promulgated it
    # (an entry into force is no act of a body: in "…公告公布施行" the body is the promulgation's)
    return [Event(date.isoformat(), action, None if action == "施行" else body, instrument, line) for action in actions]


def _body(text: str) -> str | None:
    body = _LEADING.sub("", _INSTRUMENT.sub("", text))
    body = _DECORATION.sub("", _strip_trailing(body)).strip()
    # (a body is a name: a sentence, or nothing left, is none)
    return body if body and len(body) <= 60 else None


def _is_history_line(text: str) -> bool:
    if len(text) > _LINE_MAX or SECTION_START.match(text) or not _DATE.search(text):
        return False
    return _ending_start(_strip_trailing(text)) is not None or ("根据" in text and _VERB.search(text) is not None)


def history_lines(view: View) -> list[tuple[int | None, str]]:
    """The lines under the title that state the history (index, text with ASCII digits): before the first
    chapter or article (a long history line may be taken for the body's start, so a few lines past it are read).
    Where an export broke the lines inside words ('…常务' / '委员会第三十次会议通过'), none is one: then the head's
    lines joined are read as one (index None)."""
    found, head = [], []
    for i, text in enumerate(view.head_digits[: view.head_end + _HISTORY_WINDOW]):
        if SECTION_START.match(text):
            break
        head.append(text)
        if _is_history_line(text):
            found.append((i, text))
    joined = "".join(head)
    if not found and "会议" in joined and len(joined) <= _JOINED_MAX:
        return [(None, joined)] if _DATED_MEETING.search(joined) and _VERB.search(joined) else []
    return found


def read_history(lines: list[str], problems: list[str] | None = None) -> list[Event]:
    """The events of history lines, in their order; an event stated twice is kept once. A date that is no
    calendar date (2023年13月45日) makes no event and is told in `problems`. A line longer than a history
    (history_lines joins at most two lines' worth) is text, not read."""
    problems = [] if problems is None else problems
    events: list[Event] = []
    for line in lines:
        if len(line) > _JOINED_MAX:
            continue
        for date_text, after, before in _pieces(line):
            events += _read_piece(date_text, after, before, line, problems)
    return _distinct(events)


def _distinct(events: list[Event]) -> list[Event]:
    seen, kept = set(), []
    for event in events:
        if (event.date, event.action) not in seen:
            seen.add((event.date, event.action))
            kept.append(event)
    return kept


_FINAL_CLAUSE = re.compile(
    rf"^(?:第[一二三四五六七八九十百零]+条\s*)?本(?:条例|办法|规定|细则|法|规则|决定|实施办法)自\s*(?P<date>{DATE_TEXT})\s*起\s*(?:施行|实施|生效)"
)


def final_clause(paragraphs, problems: list[str] | None = None) -> Event | None:
    """'第五十二条 本办法自2009年6月1日起施行。': the last such article of the text (an impossible date told in
    `problems`)."""
    found = None
    for text in paragraphs:
        if "起" not in text or len(text) > 300:
            continue
        match = _FINAL_CLAUSE.search(ascii_digits(text))
        if match:
            date, problem = parse_date(match.group("date"))
            if date and not problem:
                found = Event(date.isoformat(), "施行", None, None, text[:120], "body")
            elif problems is not None:
                problems.append(f"entry into force date {match.group('date')!r} rejected: {problem or 'not a whole date'}")
    return found


def history(view: View, warnings: list[str] | None = None) -> list[Event]:
    """Every event the document states: its history lines, then the final article's entry into force; a date
    that is no calendar date is told in `warnings`."""
    events = read_history([text for _, text in history_lines(view)], warnings)
    clause = final_clause(view.paragraphs[view.head_end :], warnings)
    # In the order they happened (a promulgation notice above the history names the last event first).
    return sorted(_distinct(events + [clause] if clause else events), key=lambda e: e.date)


def version_date(events) -> str | None:
    """The date of the version a text is: its latest event that made one (通过, 批准, 公布, 修正, 修订), else
    unknown. (An entry into force alone does not date a version: an amended text keeps the 施行 article of the
    text it amended.)"""
    return max((e["date"] for e in events if e["action"] in MAKING), default=None)


def first_adoption(events) -> str | None:
    """The first adoption (通过) of the instrument: its date_written, whatever amended it since."""
    return min((e["date"] for e in events if e["action"] == "通过"), default=None)
