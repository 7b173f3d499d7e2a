"""The issuer: the organ (or organs, for a joint document) that issues or adopts the document.

Read from the page's disclosure fields, the signature above the date, a regulation's adoption line
(某省第十一届人民代表大会常务委员会第二十六次会议 -> 某省人民代表大会常务委员会), a work report's session
(-> 某省人民政府), or the authority a title starts with; failing those, from the clues issuer_clues.py reads (a
文号's prefix, a 公示's objections line, the bureau the text names most). An issuer written without its place (市教育局)
is completed from the place of the title or page when that place is of the issuer's level. The chosen
issuer gives the document's place (region), or the place is read from the page or the text.
"""

from __future__ import annotations

import re

from ..knowledge import region_chain, vocabulary
from .completion import LEVEL_OF_PREFIX, LOCAL, PROVINCIAL, TextPlaces, complete, place_lines
from .evidence import Candidate, View, rank
from .issuer_clues import (
    hears_objections,
    most_named_bureau,
    number_place,
    organ_of_number,
    organs_above_number,
    regulation_maker,
    title_line,
)
from .lexicon import is_addressee
from .organs import (
    ORGAN_BEFORE_TITLE,
    bare_name,
    issuer_from_name,
    issuer_suffixes,
    national,
    one_name,
    organ_at_head,
    organ_names,
    split_names,
)
from .organs import preload as preload_names
from .places import find_regions, starts_with_place
from .reported import announcing_organs, reported_document

# --- candidates -------------------------------------------------------------------------------------------


# '2021年石家庄市教育局政府信息公开工作年度报告': the authority may follow the year.
_YEAR_BEFORE_ORGAN = re.compile(r"^(?:19|20)\d{2}\s*年度?")


def title_organs(title: str) -> tuple[str, list[str]]:
    """(the words a title opens with before 关于, a year, a cited title or 印发; the organs they name, a second
    in brackets too: '山东省教育厅（中共山东省委教育工委）关于…'), empty when they name none."""
    title = _YEAR_BEFORE_ORGAN.sub("", title)
    # (A year may be masked by a template site: 202x年, 20XX年.)
    prefix = re.split(r"关于|(?:19|20)[\dxX×]{2}|[“《]|政府信息|转发|批转|印发", title, maxsplit=1)[0]
    prefix = re.sub(r"[（(]([^（）()]{4,30})[)）]", lambda m: f" {m.group(1)} " if split_names(m.group(1)) else m.group(0), prefix)
    return prefix, (split_names(prefix, bare=True) or []) if prefix else []


_YEAR_OPENING = re.compile(r"^(?:(?:19|20)\d{2}\s*年(?:年度|度)?[，,]?\s*)?")


def report_subject(view: View, places: TextPlaces) -> Candidate | None:
    """The authority a report speaks for, as its opening sentences name it ('2019年，教育局坚持…',
    '市教育局高度重视信息公开工作'), completed by the place its first lines name: an inferred issuer."""
    head = [p for p in view.paragraphs[:8] if not is_addressee(p)]
    for i, text in enumerate(head):
        if len(text) < 20:
            continue
        # Each of the paragraph's first sentences: '（一）主动公开情况。2022年宜城市教育局全面贯彻…'.
        for sentence in re.split(r"(?<=[。！；])", text)[:3]:
            opening = _YEAR_OPENING.sub("", sentence.strip())
            name = one_name(opening) or bare_name(opening)
            if not name or not re.fullmatch(r"[\u4e00-\u9fff]+", name):
                continue
            if find_regions(name) and not starts_with_place(name):
                continue  # ('会议由乌海市教育局主持': a sentence's words before the organ, not its name)
            names = [name] if find_regions(name) else complete([name], find_regions("\n".join(head)))
            if names:
                return Candidate(names[0], "context", text, i, inferred=True)
            if _LEVELLED_BARE.fullmatch(name) and not places.any:
                # '2022年，市教育局在市委…': a text that names no place (a template's) speaks for its organ as
                # printed, which the issuer's last resort takes.
                return Candidate(name, "body", text, i)
    return None


_LEVELLED_BARE = re.compile(r"[省市县区州旗][\u4e00-\u9fff]{2,10}(?:局|厅|委员会)")


def from_meeting(body: str, organ: str) -> str | None:
    """'湖南省第十四届人民代表大会常务委员会第九次会议' -> '湖南省人民代表大会常务委员会'; '第十届全国人民代表大会…'
    -> '全国人民代表大会…'."""
    if "全国人民代表大会" in body:
        return "全国" + organ
    chain = find_regions(body.split("人民代表大会")[0])
    if not chain:
        return None
    return chain[-1].name + organ


def _speaker_government(view: View, session: Candidate) -> str | None:
    """A session named without its place ('在县第十五届人民代表大会…') is placed by the speaker's line
    below it ('静宁县常务副县长杨晓勇'): that county's 人民政府."""
    level = LEVEL_OF_PREFIX.get(session.value[1][:1])
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
    return organ if organ.endswith(issuer_suffixes()) else None


def candidates(
    view: View,
    title: str | None,
    adoption: Candidate | None,
    session: Candidate | None,
    sig: Candidate | None,
    doc_number: str | None = None,
    places: TextPlaces | None = None,
) -> list[Candidate]:
    """Every issuer candidate, where it was found; `places`, the text's places when the caller has read them."""
    places = places or TextPlaces(view)
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
    for value in view.stated("author"):
        # The organs a page's byline names as the document's authors (作者：江西省委教育工委 江西省教育厅).
        names = split_names(value.strip())
        if names:
            found.append(Candidate(" ".join(names), "page", value))
    # The organ a page names as its source (来源：深圳市教育局, ContentSource meta): the issuer when nothing
    # else is stated (inferred: a site may carry another organ's document).
    for value in dict.fromkeys([*view.stated("site"), view.source.site or ""]):
        names = split_names(value, bare=True) if value and len(value) <= 40 else None
        # (Not a government's portal: 来源：荣成市人民政府 carries its departments' documents.)
        if names and not any(name.endswith(("人民政府", "政府")) for name in names):
            found.append(Candidate(" ".join(names), "page", value, inferred=True))
    for text in view.paragraphs[: view.head_end + 1]:
        # '省教育厅：2018年全省教育工作情况和2019年工作打算': the organ a page's heading puts before its title.
        organ = ORGAN_BEFORE_TITLE.match(text)
        names = organ and title and text.endswith(title) and split_names(organ.group(1), bare=True)
        if names:
            found.append(Candidate(" ".join(names), "heading", text))
    found += organs_above_number(view)
    heard = hears_objections(view, title)
    if heard:
        found.append(heard)
    lead = title and title_line(view, title)
    announced = lead is not None and lead is not False and announcing_organs(view.paragraphs, lead)
    names = announced and split_names(announced[0].split("，")[-1], bare=True)
    if names:
        # '刚刚，十堰市教育局发布' right above the title: the organs a page's lead says issued it.
        found.append(Candidate(" ".join(names), "body", view.paragraphs[announced[1]], announced[1]))
    reported = reported_document(view.paragraphs, printed=False)
    names = reported and (not title or reported.title == title) and split_names(reported.organs, bare=True)
    if names:
        # '大连市教育局发布了关于…的通知': the organs a page's lead says issued the document it prints, or (a news
        # item's lead: 福州市教育局官网发布关于…的通报) the document it reports (inferred).
        printed = reported_document(view.paragraphs) is not None
        found.append(Candidate(" ".join(names), "body" if printed else "page", reported.text, reported.line, inferred=not printed))
    subject = report_subject(view, places) if not title or re.search(r"报告|总结", title) else None
    if subject:
        found.append(subject)
    if title:
        title = _YEAR_BEFORE_ORGAN.sub("", title)
        prefix, names = title_organs(title)
        if names:
            found.append(Candidate(" ".join(names), "title", title))
        elif issuer_from_name(title):
            found.append(Candidate(issuer_from_name(title), "title", title))
        elif head := organ_at_head(title):
            # '鄂城区教育局信息公开指南', '五原县教育局主动公开事项目录': the organ the title's subject follows.
            found.append(Candidate(head, "title", title))
        elif (bare := bare_name(prefix or title)) and not places.any:
            # '县教育局过去五年及2016年工作总结', '县教育体育局年终工作总结报告范本': an organ printed without its
            # place at the head of the title of a text that names no place (a template's): as printed. (Where
            # the text names places, the organ is completed from them or left for a curator.)
            found.append(Candidate(bare, "title", title))
        # 关于印发《芜湖市教育局2024年工作要点》的通知: the authority whose plan a notice issues is, failing
        # anything stated, its likely issuer (inferred).
        # '乐亭县2007年政府工作报告': the report of that place's government (inferred).
        if title.endswith("政府工作报告") and (chain := find_regions(title)):
            found.append(Candidate(chain[-1].name + "人民政府", "title", title, inferred=True))
        if maker := regulation_maker(title):
            found.append(Candidate(maker, "context", title, inferred=True))
        issued = re.match(r"关于印发《([^《》]+)》", title)
        inner = issued and split_names(re.split(r"关于|(?:19|20)\d{2}|[“《]|政府信息", issued.group(1), maxsplit=1)[0], bare=True)
        if inner:
            found.append(Candidate(" ".join(inner), "context", title, inferred=True))
    if doc_number and (organ := organ_of_number(doc_number, number_place(view, title, places))):
        found.append(Candidate(organ, "context", doc_number, inferred=True))
    return found


# --- the issuer and place chosen -------------------------------------------------------------------------


_CANDIDATES_MAX = 40  # (each is weighed against the others: a page of thousands of 【制定机关】 fields is hostile)


def _distinct(found: list[Candidate]) -> list[Candidate]:
    """The candidates, each value from each place once, the first _CANDIDATES_MAX of them."""
    seen, kept = set(), []
    for candidate in found:
        key = (str(candidate.value), candidate.where)
        if key not in seen:
            seen.add(key)
            kept.append(candidate)
    return kept[:_CANDIDATES_MAX]


def choose_issuer_and_place(view: View, title, adoption, session, signature, doc_number=None):
    """((issuer, completed from context, basis), region chain, place inferred). The best-placed issuer that
    names its place, or whose place the title, the page or another candidate makes certain. The basis says
    where it was read: a candidate's place (evidence.PLACES), 'printed' (as printed, without its place) or
    'mentioned' (the bureau the text names most)."""
    places = TextPlaces(view)
    found = _distinct(candidates(view, title, adoption, session, signature, doc_number, places))
    issuer, completed, basis = None, False, None
    for candidate in sorted(found, key=rank):
        wider = _wider(candidate, found)
        if wider is not None:
            candidate = wider
        names = str(candidate.value).split()
        if all(find_regions(name) or national(name) for name in names):
            issuer, completed, basis = candidate.value, candidate.inferred, candidate.where
            break
        whole = (
            complete(names, find_regions(title or "") or _context_place(view, found))
            or complete(names, places.head)
            or complete(names, places.only_county)
            or complete(names, places.only_province)
            or complete(names, places.only_short_named(LEVEL_OF_PREFIX.get(names[0][:1])))
        )
        if whole:
            issuer, completed, basis = " ".join(whole), True, candidate.where
            break
    if issuer is None:
        # An organ the document prints only as 县教育局 (a page that masks its place): as printed, with no
        # place (series and listings do not group it with others).
        printed = (c for c in sorted(found, key=rank) if c.where not in ("page", "context") and not c.inferred)
        bare = next((c for c in printed if re.fullmatch(r"(?:[xX×＊*]{2,3})?[\u4e00-\u9fff]+(?: [\u4e00-\u9fff]+)*", str(c.value))), None)
        if bare is not None:
            issuer, basis = _with_level(str(bare.value), view), "printed"
    if issuer is None and (named := most_named_bureau(view)):
        # Nothing states the issuer, but the text keeps naming one bureau with its place (我局… / 龙文区教育局四楼):
        # that bureau, inferred.
        issuer, completed, basis = named, True, "mentioned"
    if issuer:
        issuer, respelled = organ_names(issuer)
        completed = completed or respelled
    if issuer and all(national(name) for name in issuer.split()):
        return (issuer, completed, basis), [], False  # a national organ's document has no place
    chain = find_regions(issuer or "") or find_regions(title or "")
    # A place read off an inferred issuer (the page's source, a report's subject) is inferred too.
    place_inferred = bool(chain) and completed and not find_regions(title or "")
    if not chain:
        chain = _context_place(view, found)
        if not chain:
            hints = vocabulary()["region_hints"]
            text = "".join(view.paragraphs)
            named = sorted({code for hint, code in hints.items() if hint in text})
            if len(named) == 1:
                chain = region_chain(named[0])
        if not chain and PROVINCIAL.search(places.text):
            # A province's document (全省, 我省) and the one province its text names by short name (安徽), inferred.
            chain = places.only_province
        if not chain and (local := LOCAL.search(places.text)):
            # A city's or county's own document (全市, 我县) that names one of that level by its short name, twice
            # or more (四平教育 … 四平): that place, inferred.
            chain = places.only_short_named(LEVEL_OF_PREFIX.get(local.group(1) or local.group(2)), at_least=2)
        if not chain:
            # Every place the text names lies in one province (《安徽省…规划》, 浙江省…): that province (and its
            # city, when one city holds them all), inferred.
            chain = [r for r in find_regions(places.text) if r.level in ("province", "city")][:2]
        place_inferred = bool(chain)
    return ((issuer, completed, basis) if issuer else None), chain, place_inferred


def _with_level(name: str, view: View) -> str:
    """'教育局' as a title prints it, with the level its text gives it ('区教育局紧扣区委…' -> 区教育局): the
    level the text names it with most often, if it names it with one."""
    if name[:1] in "省市县区州旗" or " " in name:
        return name
    text = "".join(view.paragraphs[:_OPENING_FOR_LEVEL])
    counts = {level: text.count(level + name) for level in "省市县区州旗"}
    level, count = max(counts.items(), key=lambda kv: kv[1])
    return level + name if count else name


_OPENING_FOR_LEVEL = 40


def _wider(chosen: Candidate, found: list[Candidate]) -> Candidate | None:
    """A candidate naming more issuers, among them the chosen one: a disclosure table names the bureau
    that publishes a joint document; its title or signature names every issuer."""
    names = str(chosen.value).split()
    for other in found:
        more = str(other.value).split()
        if len(more) > len(names) and all(any(name in m for m in more) for name in names):
            return other
    return None


def _context_place(view: View, found: list[Candidate]):
    """The place other candidates, the page's publisher or the first lines name."""
    for candidate in found:
        chain = find_regions(str(candidate.value))
        if chain:
            return chain
    return find_regions(view.source.site or "") or find_regions(view.first("site") or "") or find_regions(place_lines(view.paragraphs[:3]))


def preload() -> None:
    """Build this extractor's tables once (before workers are forked: they share them)."""
    preload_names()
