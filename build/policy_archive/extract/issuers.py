"""The issuer: the organ (or organs, for a joint document) that issues or adopts the document.

Read from the page's disclosure fields, the signature above the date, a regulation's adoption line
(某省第十一届人民代表大会常务委员会第二十六次会议 -> 某省人民代表大会常务委员会), a work report's session
(-> 某省人民政府), or the authority a title starts with. An issuer written without its place (市教育局)
is completed from the place of the title or page when that place is of the issuer's level.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..knowledge import vocabulary
from .dates import DATE_TEXT, ascii_digits, is_date_line
from .evidence import Candidate, View
from .places import find_regions, place_fields, starts_with_place
from .titles import is_addressee

_JOINERS = re.compile(r"[\s、，,]+|(?<=[局厅委办府])(?:和|与|及)")


@lru_cache(maxsize=1)
def _suffixes() -> tuple[str, ...]:
    return tuple(sorted(vocabulary()["issuer_suffixes"], key=len, reverse=True))


_NEXT = re.compile(r"(?:$|[\s、，,和与及]|中共|关于|《|“|印发|转发|批转|对|(?:19|20)\d\d|[〔\[【(（]|\d)")


_NAME_START_MAX = 30  # an authority's name ending (教育局) starts within its first 30 characters


@lru_cache(maxsize=1)
def _suffix_automaton():
    """Every issuer suffix in one Aho-Corasick automaton: a name's head is read once for all of them."""
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for suffix in _suffixes():
        automaton.add_word(suffix, suffix)
    automaton.make_automaton()
    return automaton


@lru_cache(maxsize=8192)
def _one_name(text: str) -> str | None:
    """The authority's name at the start of `text`, if it names a place (or is a 中共 committee).

    Of the names the text could start with, the shortest after which another name, 关于, a year or the
    end follows: '四川省财政厅四川省教育厅' starts with 四川省财政厅, '中共济南市委教育工作委员会' is one name.
    (Cached: titles, signatures and candidates ask about the same lines.)"""
    ends = set()
    head = text[: _NAME_START_MAX + len(_suffixes()[0])]  # (a suffix starting past that is not looked for)
    seen = set()
    for last, suffix in _suffix_automaton().iter(head):
        if suffix in seen:
            continue  # (only the first place each suffix stands counts)
        seen.add(suffix)
        at = last - len(suffix) + 1
        if 0 < at <= _NAME_START_MAX:
            end = at + len(suffix)
            # "郑州市教育局办公室" is the office of the bureau, itself the issuer.
            if text.startswith(("办公室", "办公厅"), end):
                end += 3
            ends.add(end)
    for end in sorted(ends):
        name, rest = text[:end], text[end:]
        if not (_NEXT.match(rest) or starts_with_place(rest)):
            continue
        if (find_regions(name) or name.startswith("中共")) and not re.search(r"\d|关于", name):
            return name
    return None


def split_names(text: str, bare: bool = False) -> list[str] | None:
    """'四川省财政厅四川省教育厅' / '中共宁乡市委教育工作委员会 宁乡市教育局' -> each authority; None unless
    the whole text is authorities. With `bare`, the first may lack its place too (市教育局)."""
    names = _split_names(text, bare)
    return list(names) if names is not None else None


@lru_cache(maxsize=8192)
def _split_names(text: str, bare: bool) -> tuple[str, ...] | None:
    """(split_names, computed once for a line.)"""
    text = text.strip()
    names: list[str] = []
    rest = text
    while rest:
        rest = re.sub(r"^[\s、，,]+", "", rest)
        if names and rest[:1] in ("和", "与", "及") and not starts_with_place(rest):
            rest = rest[1:]  # 和 joins two names, unless it begins the next one (和平县教育局)
        if not rest:
            break
        name = _one_name(rest)
        if name is None:
            # 市教育局 after 济宁市财政局: the place carries over from the name before it.
            name = _bare_name(rest)
            if not name or not (names or bare):
                return None
        names.append(name)
        rest = _JOINERS.sub(" ", rest[len(name) :]).strip()
    return tuple(names) or None


@lru_cache(maxsize=1)
def _bare_pattern() -> re.Pattern:
    suffixes = "|".join(map(re.escape, _suffixes()))
    return re.compile(rf"(?:中共)?[省市县区州盟旗]?(?:委)?[\u4e00-\u9fff]{{0,8}}?(?:{suffixes})(?:办公室|办公厅)?")


def _bare_name(text: str) -> str | None:
    """'市教育局…' -> '市教育局': an authority named without its place (the shortest such name)."""
    match = _bare_pattern().match(text)
    if match and not re.search(r"\d|关于|的", match.group(0)):
        return match.group(0)
    return None


def issuer_from_name(text: str) -> str | None:
    """The authority (or authorities, joined by a space) a title or signature starts with."""
    names = split_names(text)
    if names and all(find_regions(n) or n.startswith("中共") for n in names):
        return " ".join(names)
    return _one_name(text)


# --- candidates -------------------------------------------------------------------------------------------


def signature(view: View, after: int = 0) -> Candidate | None:
    """The signer above a date line ('济宁市教育局' / '2023年3月30日'); a joint document's signers may
    stand on several lines. Value: (signer names, date text). The first signature after the title; else
    one before it (a reposting page may put the issuing notice's last lines first); else one inside a
    line that a page flattened ('…认真贯彻落实。 吉林省教育厅 2015年3月10日')."""
    return _signature(view, after) or (_signature(view, 0) if after else None) or _inline_signature(view)


# Authorities separated by spaces, then a date, inside a flattened line.
_INLINE = re.compile(rf"(?:^|[\s。])((?:[^\s。，：:；]{{2,40}}\s+){{0,3}}[^\s。，：:；]{{2,40}})\s+({DATE_TEXT})(?=\s|$|[|｜])")


def _inline_signature(view: View) -> Candidate | None:
    for i, text in enumerate(view.paragraphs):
        if len(text) < 40 or "年" not in text:
            continue
        for match in _INLINE.finditer(ascii_digits(text)):
            signers = match.group(1).split()
            # Keep the longest run of authorities that ends right before the date.
            while signers and not split_names(" ".join(signers), bare=True):
                signers = signers[1:]
            if signers:
                return Candidate((" ".join(split_names(" ".join(signers), bare=True)), match.group(2)), "colophon", text, i)
    return None


_SIGNER_LINES = 6  # a joint document's signers, one or two a line
# A date at the start of a line that a page ran on ('二○一二年六月二十七日 再接再厉！…').
_LEADING_DATE = re.compile(rf"({DATE_TEXT})\s+\S")
# Signers and date on one line: '上海市闵行区教育局 2020年3月12日'.
_SIGNED_LINE = re.compile(rf"(\S.{{1,58}}?)\s+({DATE_TEXT})")


# Lines that can hold a date: the cheap test before the date patterns run on every line of a long text.
_MAY_HOLD_DATE = re.compile(r"[年月\d０-９]")


def _date_of_line(text: str) -> str | None:
    """The date a signature's date line gives: the whole line, or a date opening a run-on line."""
    if not _MAY_HOLD_DATE.search(text[:40]):
        return None
    if is_date_line(text) and len(text) <= 30:
        return text
    match = _LEADING_DATE.match(ascii_digits(text))
    return match.group(1) if match else None


@lru_cache(maxsize=4)
def _dated_lines(paragraphs: tuple[str, ...]) -> tuple[tuple[int, tuple[str, str] | None, str | None], ...]:
    """(index, (signers, date) of a one-line signature, date of a date line) for every line that may end
    a signature; computed once a document (the signature is looked for after the title, then anywhere)."""
    found = []
    for i, text in enumerate(paragraphs):
        if not _MAY_HOLD_DATE.search(text[:80]):
            continue
        one_line = _SIGNED_LINE.fullmatch(ascii_digits(text)) if len(text) <= 80 else None
        date = _date_of_line(text)
        if one_line or date:
            found.append((i, one_line.groups() if one_line else None, date))
    return tuple(found)


def _signature(view: View, after: int) -> Candidate | None:
    paragraphs = view.paragraphs
    for i, one_line, date in _dated_lines(paragraphs):
        if i < max(1, after):
            continue
        names = one_line and split_names(one_line[0], bare=True)
        if names:
            return Candidate((" ".join(names), one_line[1]), "signature", paragraphs[i], i)
        if date is None:
            continue
        signers: list[str] = []
        j = i - 1
        while j >= after and i - j <= _SIGNER_LINES:
            line = paragraphs[j]
            if len(line) > 60 or "。" in line or is_date_line(line):
                break
            names = split_names(line, bare=True)
            if not names:
                break
            signers[:0] = names
            j -= 1
        if signers:
            return Candidate((" ".join(signers), date), "signature", paragraphs[i], i)
    return None


def undated_signature(view: View, after: int) -> Candidate | None:
    """(names, None): the authority signing a notice whose date the page lost: a line naming only authorities among the
    last lines, after the text ('常州市武进区教育局' above the site's address)."""
    paragraphs = view.paragraphs
    for i in range(len(paragraphs) - 1, max(after, len(paragraphs) - 4), -1):
        text = paragraphs[i]
        names = split_names(text) if len(text) <= 60 and "。" not in text else None
        if names and i > after and "。" in "".join(paragraphs[after:i]):
            return Candidate((" ".join(names), None), "signature", text, i)
    return None


def bare_date(view: View, after: int) -> Candidate | None:
    """A date on a line of its own after the title with no signer above it: the document's date (a
    reposting page often drops the signer's line). Not a date among the head's page information."""
    for i in range(max(after, 1), len(view.paragraphs)):
        text = view.paragraphs[i]
        if len(text) <= 20 and i > after and is_date_line(text):
            return Candidate(text, "body", text, i)
    return None


_CLOSING_DATE = re.compile(rf"特此(?:通知|通报|公告)[。.]?\s*(?:附件\s*[:：][^。]{{0,60}}?)?\s*({DATE_TEXT})")


def closing_date(view: View) -> Candidate | None:
    """In a line a page flattened, the date after 特此通知 (and an 附件 line) that lost its signer:
    '… 特此通知 附件：《…》 二〇一二年二月九日 …'."""
    for i, text in enumerate(view.paragraphs):
        match = _CLOSING_DATE.search(ascii_digits(text)) if "特此" in text else None
        if match:
            return Candidate(match.group(1), "body", text, i)
    return None


_YEAR_OPENING = re.compile(r"^(?:(?:19|20)\d{2}\s*年(?:年度|度)?[，,]?\s*)?")


def report_subject(view: View) -> Candidate | None:
    """The authority a report speaks for, as its opening sentences name it ('2019年，教育局坚持…',
    '市教育局高度重视信息公开工作'), completed by the place its first lines name: an inferred issuer."""
    head = [p for p in view.paragraphs[:8] if not is_addressee(p)]
    for i, text in enumerate(head):
        if len(text) < 20:
            continue
        # Each of the paragraph's first sentences: '（一）主动公开情况。2022年宜城市教育局全面贯彻…'.
        for sentence in re.split(r"(?<=[。！；])", text)[:3]:
            opening = _YEAR_OPENING.sub("", sentence.strip())
            name = _one_name(opening) or _bare_name(opening)
            if not name or not re.fullmatch(r"[\u4e00-\u9fff]+", name):
                continue
            names = [name] if find_regions(name) else complete([name], find_regions("\n".join(head)))
            if names:
                return Candidate(names[0], "context", text, i, inferred=True)
    return None


def from_meeting(body: str, organ: str) -> str | None:
    """'湖南省第十四届人民代表大会常务委员会第九次会议' -> '湖南省人民代表大会常务委员会'."""
    chain = find_regions(body.split("人民代表大会")[0])
    if not chain:
        return None
    return chain[-1].name + organ


# The level of division a name written without its place stands for: 市教育局, 县第十五届人民代表大会.
_LEVEL_OF_PREFIX = {"省": "province", "市": "city", "州": "city", "盟": "city", "县": "county", "区": "county", "旗": "county"}


def _speaker_government(view: View, session: Candidate) -> str | None:
    """A session named without its place ('在县第十五届人民代表大会…') is placed by the speaker's line
    below it ('静宁县常务副县长杨晓勇'): that county's 人民政府."""
    level = _LEVEL_OF_PREFIX.get(session.value[1][:1])
    if level is None or session.line is None:
        return None
    for text in view.paragraphs[session.line + 1 : session.line + 4]:
        region = next((r for r in reversed(find_regions(text[:20])) if r.level == level), None)
        if region and len(text) <= 30:
            return region.name + "人民政府"
    return None


def _executive(body: str) -> str | None:
    """'云南省教育厅第8次厅务会议' -> '云南省教育厅'; '省政府第12次常务会议' -> '省人民政府'."""
    match = re.match(r"[经由于在\s]*(.+?)\s*第\s*[\d一二三四五六七八九十百]+\s*次", body)
    if not match:
        return None
    organ = re.sub(r"(?<=[省市县区州])政府$", "人民政府", match.group(1).strip())
    return organ if organ.endswith(_suffixes()) else None


def complete(names: list[str], chain) -> list[str] | None:
    """Names written without their place, completed: '市教育局' on a page of 绍兴市 -> '绍兴市教育局'; a
    joint signer '卫生健康委员会' after '银川市教育局' -> '银川市卫生健康委员会'. None if one cannot be."""
    done = []
    for name in names:
        if find_regions(name):
            done.append(name)
            continue
        whole = complete_place(name, chain) if chain else None
        if whole is None and done:
            previous = find_regions(done[-1])
            whole = previous[-1].name + name if previous and not name.startswith(("省", "市", "县", "区")) else None
        if whole is None:
            return None
        done.append(whole)
    return done


def complete_place(name: str, chain) -> str | None:
    """'市教育局' + the region 绍兴市 -> '绍兴市教育局', when the region is of the name's level."""
    fields = place_fields(chain)
    level = _LEVEL_OF_PREFIX.get(name.lstrip("中共")[:1])
    if not level or not fields.get(level):
        return None
    place = fields[level]
    if name.startswith("中共"):
        return "中共" + place + name[3:]
    return place + name[1:]


def candidates(
    view: View, title: str | None, adoption: Candidate | None, session: Candidate | None, sig: Candidate | None
) -> list[Candidate]:
    found = [Candidate(value, "disclosure", value) for value in view.stated("issuer")]
    for header in view.stated("red_header"):
        names = split_names(header, bare=True)
        if names:
            found.append(Candidate(" ".join(names), "heading", header))
    if adoption:
        body = adoption.value[1]
        organ = "人民代表大会常务委员会" if "常务委员会" in body or "常委会" in body else "人民代表大会"
        name = from_meeting(body, organ) if "人民代表大会" in body or "人大" in body else _executive(body)
        if name is None and adoption.value[1][:1] in "省市县区州":
            name = adoption.value[1][:1] + organ  # 市十四届人大常委会: the title's city completes it
        if name:
            found.append(Candidate(name, "history", adoption.text, adoption.line))
    if session:
        name = from_meeting(re.sub(r"人大", "人民代表大会", session.value[1]), "人民政府") or _speaker_government(view, session)
        if name:
            found.append(Candidate(name, "session", session.text, session.line))
    if sig and sig.value[0]:
        found.append(Candidate(sig.value[0], "signature", sig.text, sig.line))
    found += [Candidate(value, "page", value) for value in view.stated("publisher")]
    # The organ a page names as its source (来源：深圳市教育局, ContentSource meta): the issuer when nothing
    # else is stated (inferred: a site may carry another organ's document).
    for value in dict.fromkeys([*view.stated("site"), view.source.site or ""]):
        names = split_names(value, bare=True) if value and len(value) <= 40 else None
        # (Not a government's portal: 来源：荣成市人民政府 carries its departments' documents.)
        if names and not any(name.endswith(("人民政府", "政府")) for name in names):
            found.append(Candidate(" ".join(names), "page", value, inferred=True))
    subject = report_subject(view) if not title or re.search(r"报告|总结", title) else None
    if subject:
        found.append(subject)
    if title:
        # '2021年石家庄市教育局政府信息公开工作年度报告': the authority may follow the year.
        title = re.sub(r"^(?:19|20)\d{2}\s*年度?", "", title)
        prefix = re.split(r"关于|(?:19|20)\d{2}|[“《]|政府信息|转发|批转|印发", title, maxsplit=1)[0]
        # '山东省教育厅（中共山东省委教育工委）': a second organ in brackets.
        prefix = re.sub(r"[（(]([^（）()]{4,30})[)）]", lambda m: f" {m.group(1)} " if split_names(m.group(1)) else m.group(0), prefix)
        names = split_names(prefix, bare=True) if prefix else None
        if names:
            found.append(Candidate(" ".join(names), "title", title))
        elif issuer_from_name(title):
            found.append(Candidate(issuer_from_name(title), "title", title))
        # 关于印发《芜湖市教育局2024年工作要点》的通知: the authority whose plan a notice issues is, failing
        # anything stated, its likely issuer (inferred).
        # '乐亭县2007年政府工作报告': the report of that place's government (inferred).
        if title.endswith("政府工作报告") and (chain := find_regions(title)):
            found.append(Candidate(chain[-1].name + "人民政府", "title", title, inferred=True))
        issued = re.match(r"关于印发《([^《》]+)》", title)
        inner = issued and split_names(re.split(r"关于|(?:19|20)\d{2}|[“《]|政府信息", issued.group(1), maxsplit=1)[0], bare=True)
        if inner:
            found.append(Candidate(" ".join(inner), "context", title, inferred=True))
    return found
