"""Quantitative targets and the units answerable for tasks, read from the text of a document.

A target is a number the text commits to, with its unit or percent (新增学位数4万个, 入园率达到97%以上,
培训4000人以上, 覆盖率达到85%): a percent, or a counted unit close after a verb of doing (新增, 培训,
建设 …). Years, dates, ordinals (第24届) and list numbers have no such unit and are never read as one.
Each keeps the clause it stands in and the item anchor, so a reader can check it.

Responsible units are read where a text names them: （责任单位：人事科、机关党委）, （牵头单位：…；配合单位：…）
after a task, and the 责任单位 / 责任科室 columns of a task table (rows read as "cell | cell |").
Each unit is attached to the task it closes: the numbered item or task it stands in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import Block

# Bounded, and never starting inside a run of digits: with `\d+` every digit of a long run (a table of
# numbers run together, a hostile line) began a match that read to the run's end, so 40 KB of digits took
# 80 s. No target has more digits than these.
_NUMBER = r"(?<!\d)(?:\d{1,3}(?:,\d{3}){1,6}|\d{1,15})(?:\.\d{1,6})?"
_UNIT = (
    r"%|％|个百分点|人次|万人|名|人|所|个月|个|项|门|节|万元|亿元|元|平方米|亩|间|套|家|支|次|场|批|篇|件|台|班|"
    r"小时|学时|课时|天|条|部|册|种|对|处|座|张|辆"
)
_TARGET = re.compile(rf"(?P<number>{_NUMBER})(?P<scale>[万亿千])?(?P<unit>{_UNIT})(?P<qualifier>以上|以下|以内|左右)?")
# A counted number is a target only this close after a verb of doing (新改扩建中小学校28所).
_VERB_REACH = 10
_VERBS = re.compile(
    r"新增|新建|改扩建|扩建|建设|建成|培训|培育|培养|打造|遴选|评选|创建|完成|达到|提高|提升|覆盖|招聘|补充|选派|资助|减少|"
    r"增加|扩大|认定|组织|举办|开展|实施|投入|安排|力争|确保|不少于|不低于|超过|累计|发放|招收|录取|交流|轮岗|派出|配备"
)
# The verb between an indicator and its value (入园率达到97%): not part of the indicator. At most a few of them:
# unbounded, a run of them not at the end was tried in every way it splits (达到 is 达到 or 达 + 到), which
# is exponential in its length.
_LINKING = re.compile(
    r"(?:持续|稳定|保持|巩固|达到|提高到|提升到|提高至|提升至|增加到|增长到|控制在|保持在|稳定在|不低于|不少于|不超过|超过|达|为|至|到|在){1,4}$"
)
# Words of intent before an indicator (力争, 预计新增学位数): not part of it.
_LEADING = re.compile(r"^(?:[（(]?\d{1,3}[）)、.]|[）)]|(?:19|20)\d{2}年度?|全年|全市|全区|全县|力争|确保|预计|实现|争取|进一步)+")
_CLAUSE = re.compile(r"[^，。；！？：;]+")  # not the ASCII comma of 4,000
_INDICATOR_MAX = 24
_READ = 64
_SCALE = {"万": 10_000, "亿": 100_000_000, "千": 1_000}
_ROLES = r"主要责任单位|责任单位|牵头单位|责任部门|牵头部门|责任科室|责任处室|配合单位|协同配合单位|协办单位|参与单位"
_DUTY = re.compile(rf"[（(]\s*((?:{_ROLES})\s*[:：][^（）()]+)[）)]")
_ROLE_PART = re.compile(rf"({_ROLES})\s*[:：]\s*([^；;]+)")
_UNIT_SPLIT = re.compile(r"[、，,/；;]|\s+")
_TASK_CHARS = 40


@dataclass(frozen=True)
class Target:
    indicator: str | None  # the words before the number (新增学位数, 入园率), without the linking verb
    number: str  # as printed: 4万, 97, 6,650
    value: float  # 4万 -> 40000
    unit: str | None  # 个, 人, %
    qualifier: str | None  # 以上, 以下, 左右
    phrase: str  # the clause it stands in
    anchor: str | None  # the item or section it stands in (None: before any)


@dataclass(frozen=True)
class Duty:
    unit: str  # one unit: 人事科
    role: str  # as the text calls it: 责任单位, 牵头单位, 配合单位, 责任科室
    task: str | None  # the task it answers for: the start of its item (任务1：加强党的领导。)
    anchor: str | None


# The indicator is what the number counts or measures (幼儿园, 学位, 入园率), never the verb that does it (遴选130所
# 示范校: 示范校). Units of things counted, whose noun often follows the number (新建1所学校), and those of a measure
# (入园率97%, 投资20亿元, 培训时间72学时), whose name stands before it and may hold a verb (工业增加值, 培训时间).
_COUNTED = frozenset(
    [
        "名",
        "人",
        "所",
        "个",
        "项",
        "门",
        "节",
        "间",
        "套",
        "家",
        "支",
        "次",
        "场",
        "批",
        "篇",
        "件",
        "台",
        "班",
        "条",
        "部",
        "册",
        "种",
        "对",
        "处",
        "座",
        "张",
        "辆",
        "平方米",
        "亩",
        "人次",
        "万人",
    ]
)
# Verbs of doing before a counted noun (新改扩建中小学校28所, 通过…举办新闻发布会2次): the noun is what follows them.
_DOING = re.compile(
    r"新改扩建|新建续建|新建|改扩建|扩建|续建|建设|建成|新增了?|培训|培育|培养|打造|遴选出?|评选|创建|完成|实施|组织|开展好?|"
    r"安排|招聘|补充|选派|资助|配备|认定|举办|投入|设立|增加|减少|招收|录取|派出|(?:全面)?改善|覆盖到?"
)
# Words of intent: the indicator starts after the last of them (学校应当保证学生每天体育锻炼的时间).
_INTENT = re.compile(r"^.*(?:保证|确保|力争|争取|预计|实现|保障|落实)")
# Words after an indicator and before its number that are not part of it (入园率同比提高, 收入年均分别增长, 由, 不得).
_TRAILING = re.compile(
    r"(?:累计完成|完成|累计投入|投入|累计|以|年均增长|同比增长|增长了?|提高|提升|增加|减少|上升|下降|降|递增|分别|均|共|力争|同比|年均|同口径|"
    r"比上年|比\d{4}年|较上年|不得|由|从){1,4}$"
)
# A value it moves from (贫困县从75个减少到57个, 生产总值由…833亿元增加到): before the number, not part of the name.
_FROM = re.compile(r"(?<=.)(?:由|从)(?:[^由从]{0,30}\d[^由从]{0,30})?$")
# A comparison after the name (交流比例不低于同类人员的15%).
_COMPARED = re.compile(r"(?:不低于|不少于|不超过|低于|高于)[^，]{0,30}的$")
_TAIL_NOTE = re.compile(r"[（(][^（）()]*[）)]$")  # an aside after the name: （教育费附加和地方教育附加）
_MEASURE = re.compile(r"(?:率|比|比例|数|额|值|量|水平|面|时间)$")  # the name of a measure: 覆盖率, 在校生数
_CONNECTORS = "、 和与及或并拟—-"
# After a counted number: where its noun ends (开展, 参加 … a verb; a digit: the next target of a list).
_NOUN_END = re.compile(r"\d|开展|进行|参加|参与|主要|用于|分别|牵头|到|，")
_NOUN_TAIL = re.compile(r"(?:的建设任务|评选工作|创建工作|建设|工作)$")
_ACTIVITY = re.compile(r"(?:工程|工作|任务|建设)$")  # 新建幼儿园的续建工程: the noun is before 的


def _strip_doing(text: str) -> str:
    """What is left of `text` after its verbs of doing and their connectors (完成新建、改扩建中小学幼儿园: 中小学幼儿园)."""
    while True:
        stripped = re.sub(rf"^(?:{_DOING.pattern})", "", text.lstrip(_CONNECTORS))
        if stripped == text:
            return text
        text = stripped


def _name_before(prefix: str) -> str:
    """The words before the number, without what links them to it (达到, 分别增长, 由…, 不低于…的) or introduces them."""
    prefix = _LINKING.sub("", prefix.strip()).strip(_CONNECTORS)
    for _ in range(3):
        prefix = _TAIL_NOTE.sub("", _COMPARED.sub("", _FROM.sub("", prefix))).strip(_CONNECTORS)
        prefix = _TRAILING.sub("", _LINKING.sub("", prefix)).strip(_CONNECTORS)
    prefix = _INTENT.sub("", prefix)
    return _LEADING.sub("", prefix).strip(_CONNECTORS)


def _noun_after(rest: str, percent: bool) -> str:
    """The counted noun after the number (130所市级劳动教育示范校: 市级劳动教育示范校); none when the text goes
    on with a list (、b级标准食堂) or, after a percent, unless it says whose (100％的退休金待遇)."""
    if percent:
        if not rest.startswith("的"):
            return ""
        rest = rest[1:]
    if not rest or rest[0] in _CONNECTORS + "，。；：":
        return ""
    end = _NOUN_END.search(rest)
    noun = _NOUN_TAIL.sub("", (rest[: end.start()] if end else rest).rstrip(_CONNECTORS)).rstrip(_CONNECTORS)
    if "的" in noun:
        before, after = noun.rsplit("的", 1)
        noun = before if _ACTIVITY.search(after) else after
    if _DOING.fullmatch(noun):
        return ""  # 投入680万元完成17所…: the next clause's verb, not what the money is
    return noun if len(noun) <= _INDICATOR_MAX else ""


def _indicator(prefix: str, rest: str = "", unit: str | None = None, after_target: bool = False) -> str | None:
    """What the number counts: the noun phrase before it, without verbs and linking words; for a counted unit whose
    words before are a verb (遴选130所示范校) or a list's next (城市学校50所与50所农村学校), the noun after it."""
    # Only the words near the number are read (no indicator is longer): bounded work on a hostile line.
    name = _name_before(prefix[-_READ:])
    rest = rest[:_READ]
    counted = unit in _COUNTED
    if counted:
        doing = _DOING.search(name)
        after = _noun_after(rest, False)
        if after and (doing or after_target or not name):
            return after
        if doing:
            name = _strip_doing(name[doing.start() :])
    else:
        # 享受100％的退休金待遇: whose percent it is follows it.
        name = name if _MEASURE.search(name) else _noun_after(rest, unit == "%") or name
    if len(name) > _INDICATOR_MAX:
        # Cut where a word ends (after 和, 、, 的), not inside one; nothing when no word ends there.
        tail = name[-_INDICATOR_MAX:]
        cut = max(tail.rfind(c) for c in "和及与、的")
        name = tail[cut + 1 :] if cut >= 0 else ""
    return name or None


def _is_target(clause: str, match: re.Match, previous: int) -> bool:
    if match.group("unit") in ("%", "％", "个百分点"):
        return True
    start = match.start()
    if start and (clause[start - 1].isdigit() or clause[start - 1] in "第.-—"):
        return False
    # The next of a list of targets (示范区2个和示范校15个): its verb is the first one's.
    if previous and start and clause[start - 1] in "和、及与":
        return True
    return bool(_VERBS.search(clause[max(0, start - _VERB_REACH) : start]))


def _value(number: str, scale: str | None) -> float:
    value = float(number.replace(",", ""))
    return value * _SCALE[scale] if scale else value


_DIGIT = re.compile(r"\d")


def targets_in(text: str, anchor: str | None) -> list[Target]:
    found: list[Target] = []
    if not _DIGIT.search(text):
        return found  # (every target has a number)
    for clause_match in _CLAUSE.finditer(text):
        clause = clause_match.group(0).strip()
        previous = 0  # a second target of a clause takes the words after the first as its indicator
        for match in _TARGET.finditer(clause):
            if not _is_target(clause, match, previous):
                continue
            number = match.group("number") + (match.group("scale") or "")
            unit = "%" if match.group("unit") == "％" else match.group("unit")
            indicator = _indicator(clause[previous : match.start()], clause[match.end() :], unit, bool(previous))
            if indicator is None and found and previous and found[-1].phrase == clause:
                indicator = found[-1].indicator  # the next of a list (入学率分别达到98.87%和83.39%)
            previous = match.end()
            found.append(
                Target(
                    indicator, number, _value(match.group("number"), match.group("scale")), unit, match.group("qualifier"), clause, anchor
                )
            )
    return found


def _task(block: Block | None) -> str | None:
    if block is None:
        return None
    text = block.text
    return text if len(text) <= _TASK_CHARS else text[:_TASK_CHARS] + "…"


def _units(names: str) -> list[str]:
    return [name.strip() for name in _UNIT_SPLIT.split(names) if name.strip()]


def duties_in(text: str, task: Block | None, anchor: str | None) -> list[Duty]:
    found = []
    for match in _DUTY.finditer(text):
        for role, names in _ROLE_PART.findall(match.group(1)):
            found += [Duty(unit, role, _task(task), anchor) for unit in _units(names)]
    return found


def _cells(text: str) -> list[str] | None:
    """A table row as read (cell | cell |), or None."""
    if " | " not in text and not text.endswith(" |"):
        return None
    return [cell.strip() for cell in text.rstrip(" |").split(" | ")]


_ROLE_HEADER = re.compile(rf"^(?:{_ROLES})$")
_TASK_HEADER = re.compile(r"任务|事项|工作|内容|措施")


def _table_duties(row: list[str], header: list[str], anchor: str | None) -> list[Duty]:
    if len(row) != len(header):
        return []
    task_column = next((i for i, h in enumerate(header) if _TASK_HEADER.search(h) and not _ROLE_HEADER.match(h)), None)
    task = row[task_column] if task_column is not None else None
    task = task if task is None or len(task) <= _TASK_CHARS else task[:_TASK_CHARS] + "…"
    duties = []
    for i, name in enumerate(header):
        if _ROLE_HEADER.match(name):
            duties += [Duty(unit, name, task, anchor) for unit in _units(row[i]) if unit not in ("—", "-", "/")]
    return duties


def find_targets(blocks: list[Block] | tuple[Block, ...]) -> tuple[Target, ...]:
    """Every quantitative target of the body, in reading order."""
    found: list[Target] = []
    anchor = None
    for block in blocks:
        anchor = block.anchor or anchor
        if block.kind != "title":
            found += targets_in(block.text, anchor)
    return tuple(found)


def find_duties(blocks: list[Block] | tuple[Block, ...]) -> tuple[Duty, ...]:
    """Every responsible unit the body names, each with the task it answers for, in reading order."""
    found: list[Duty] = []
    anchor = None
    task = None  # the item or task the following text belongs to
    header = None  # the header row of a task table with a 责任单位 column
    for block in blocks:
        if block.anchor:
            anchor = block.anchor
            # A sub-item (（2）…) answers for the task or item above it; its anchor is its own.
            task = block if block.kind in ("heading", "subheading") or (block.kind == "item" and block.level <= 1) else task
        cells = _cells(block.text)
        if cells is not None and any(_ROLE_HEADER.match(c) for c in cells):
            header = cells
            continue
        if cells is not None and header is not None:
            found += _table_duties(cells, header, anchor)
            continue
        header = None
        if "（" in block.text or "(" in block.text:  # (every duty is bracketed)
            found += duties_in(block.text, task, anchor)
    return tuple(found)
