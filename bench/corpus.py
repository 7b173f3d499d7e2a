"""A seeded corpus of realistic local education policy documents (.txt), byte-identical for a given seed and N.

Documents are assembled like the seeds/: a title or a notice head (文号, 主送, 印发 sentence, 落款), numbered sections
(一、 二、) of numbered items (1. / 1、 / 任务1:措施:), sentences drawn from a topic pool with numbers and names
filled in, and the web-page furniture real pages carry (breadcrumbs, 时间/来源/浏览次数 lines, disclosure
tables, 【颁发部门】 blocks, 打印本页 关闭本页, QR-code footers).  About 1 in 20 is Traditional Chinese with
pinyin glued after some characters, like seeds/004.
"""

from __future__ import annotations

import hashlib
import random
import re
import shutil
from functools import lru_cache
from pathlib import Path

import opencc

REGIONS = Path(__file__).resolve().parent.parent / "build" / "policy_archive" / "data" / "regions.tsv"

# topic -> (section headings, sentences).  {n} {m} small/large numbers, {p} a percentage, {y} the year,
# {c} the city or county name, {u} a responsible office.
TOPICS: dict[str, tuple[list[str], list[str]]] = {
    "学前教育": (
        ["大力发展公益普惠的学前教育", "扩大学前教育资源供给", "提升保教质量"],
        [
            "实施第{n}期学前教育行动计划,新建、改扩建公办幼儿园{m}所,新增学位{k}个",
            "普惠性幼儿园覆盖率达到{p}%以上,公办园在园幼儿占比稳定在{p}%",
            "落实《幼儿园保育教育质量评估指南》,防止和纠正幼儿园“小学化”倾向",
            "健全普惠性民办幼儿园认定、扶持和管理机制,合理确定收费标准",
            "推进城镇小区配套幼儿园治理,确保按时移交、办成公办园或普惠性民办园",
            "加强乡镇中心幼儿园建设,发挥对村级幼儿园的辐射带动作用",
            "开展幼小科学衔接实验,建立幼儿园与小学结对机制",
            "加强托育服务与学前教育衔接,探索开设2至3岁托班",
            "配齐配足幼儿园教职工,落实公办园教师工资待遇",
        ],
    ),
    "义务教育": (
        ["推进义务教育优质均衡发展", "促进城乡义务教育一体化", "深化义务教育课程改革"],
        [
            "完善义务教育学校布局规划,新建、改扩建中小学校{n}所,增加学位{k}个",
            "严格落实划片招生、就近入学政策,公办民办学校同步招生",
            "全面消除{n}人以上超大班额,有效控制大班额比例",
            "推进县域义务教育优质均衡发展,{y}年底前{n}个县(市、区)通过省级督导评估",
            "做好控辍保学工作,建立健全联控联保工作机制,确保适龄儿童少年应入尽入",
            "推进集团化办学和学区制管理,组建教育集团{n}个,覆盖学校{k}所",
            "落实义务教育课程方案和课程标准,开齐开足国家规定课程",
            "加强农村薄弱学校改造,完成校舍维修改造面积{m}平方米",
            "保障随迁子女平等接受义务教育,公办学校就读比例达到{p}%",
        ],
    ),
    "双减": (
        ["深入推进“双减”工作", "规范校外培训机构管理", "提升课后服务水平"],
        [
            "全面落实“双减”政策,切实减轻学生过重作业负担和校外培训负担",
            "严格控制书面作业总量,小学一二年级不布置家庭书面作业,初中作业平均完成时间不超过90分钟",
            "开展校外培训机构专项治理,查处隐形变异学科类培训{n}起",
            "全面推行校外培训机构预收费资金监管,资金监管覆盖率达到100%",
            "推行课后服务“5+2”模式,课后服务覆盖率和学生参与率达到{p}%以上",
            "建立校外培训机构“黑白名单”制度,定期向社会公布",
            "严禁在职中小学教师有偿补课和有偿家教,畅通举报渠道",
            "联合市场监管、公安等部门开展寒暑假校外培训联合检查",
        ],
    ),
    "师德师风": (
        ["加强教师队伍建设", "强化师德师风建设", "提升教师专业素养"],
        [
            "把师德师风作为评价教师队伍素质的第一标准,实行师德失范行为一票否决",
            "开展“师德建设教育月”活动,组织教师签订师德师风承诺书",
            "严肃查处违规收受家长礼品礼金、有偿家教等师德失范问题",
            "实施名师名校长培养工程,评选骨干教师{n}名、学科带头人{n}名",
            "深化“县管校聘”管理改革,推进义务教育教师交流轮岗,交流比例不低于{p}%",
            "落实中小学教师平均工资收入水平不低于当地公务员平均工资收入水平",
            "完成全员培训{m}人次,其中乡村教师培训{k}人次",
            "招聘补充中小学教师{m}名,优先保障农村学校和紧缺学科",
            "加强班主任队伍建设,提高班主任津贴标准",
        ],
    ),
    "职业教育": (
        ["推动职业教育提质培优", "深化产教融合、校企合作", "服务地方经济社会发展"],
        [
            "深化产教融合、校企合作,建设市级实训基地{n}个",
            "推进中高职贯通培养,扩大“3+2”“3+4”招生规模",
            "加强“双师型”教师队伍建设,专业课教师中“双师型”比例达到{p}%",
            "组织全市职业院校技能大赛,参赛学生{m}人",
            "优化专业布局,围绕主导产业新增专业{n}个,撤并专业{n}个",
            "实施职业学校办学条件达标工程,改善实训设施设备",
            "开展面向农民工、退役军人等群体的职业技能培训{m}人次",
            "推进职普融通,探索综合高中办学模式",
        ],
    ),
    "校园安全": (
        ["筑牢校园安全防线", "建设平安校园", "守住安全稳定底线"],
        [
            "落实“党政同责、一岗双责”要求,完善学校安全管理责任体系",
            "开展校园安全隐患排查整治,整改隐患{n}处",
            "加强防溺水、交通安全、消防安全教育,组织应急演练{m}场次",
            "推进校园“护学岗”建设,中小学专职保安配备率达到100%",
            "加强学校食品安全管理,落实校长陪餐制度,推进“明厨亮灶”全覆盖",
            "开展中小学生欺凌防治专项治理,建立欺凌事件早期预警机制",
            "深化平安校园建设,持续净化校园及周边环境",
            "加强校车安全管理,确保校车和驾驶人资质合格",
        ],
    ),
    "教育信息化": (
        ["推进教育数字化转型", "加快教育信息化建设", "建设智慧教育平台"],
        [
            "推进智慧校园建设,创建市级智慧校园示范校{n}所",
            "完善智慧教育平台基础数据库,促进数据有序流动和开放共享",
            "实施“互联网+教育”行动,推动各级各类教育平台互联、数据互通、应用协同",
            "开展教师信息技术应用能力提升工程2.0培训,覆盖教师{m}人",
            "加强网络学习空间建设与应用,网络学习空间开通率达到{p}%",
            "推进人工智能教育和创客教育,建设创新实验室{n}个",
            "完成教育城域网升级改造,出口带宽提升至{n}G",
            "加强网络安全和数据安全管理,落实等级保护制度",
        ],
    ),
    "党建": (
        ["全面加强党对教育工作的领导", "落实全面从严治党主体责任", "加强党风廉政建设"],
        [
            "全面推行中小学校党组织领导的校长负责制,选好配强党组织班子",
            "严格落实“三会一课”、主题党日、民主评议党员等制度",
            "开展“一校一品”党建品牌创建,评选党建工作示范校{n}所",
            "落实意识形态工作责任制,定期分析研判意识形态领域情况",
            "深入落实中央八项规定精神,坚决纠正“四风”",
            "加强民办学校党的建设,实现党的组织和工作全覆盖",
            "严格执行党风廉政建设责任制,做好重点领域、关键岗位廉政风险防控",
            "开展基层党支部书记和党务工作人员集中培训{n}期",
        ],
    ),
    "德育": (
        ["坚持立德树人根本任务", "深化五育并举", "促进学生全面发展"],
        [
            "推进大中小学思政课一体化建设,遴选思政“金课”{n}节",
            "培育和践行社会主义核心价值观,开展“红领巾心向党”等主题教育活动",
            "加强中小学生心理健康教育,心理健康教师配备率达到{p}%",
            "落实学生体质健康标准,保证学生每天校园内外各1小时体育活动",
            "推进校园足球特色学校建设,新增特色学校{n}所",
            "全面加强和改进学校美育,开展中小学生艺术展演活动",
            "加强劳动教育,建设劳动教育实践基地{n}个",
            "开展儿童青少年近视综合防控,总体近视率每年下降1个百分点",
            "健全家校社协同育人机制,办好家长学校,家长委员会建设率达到100%",
        ],
    ),
    "督导": (
        ["深化教育评价改革", "完善教育督导体系", "推进依法治教"],
        [
            "完善对县(市、区)政府履行教育职责评价,结果作为考核的重要依据",
            "深入推进中小学校责任督学挂牌督导,实现督导全覆盖",
            "开展义务教育质量监测,发布监测报告,改进教育教学",
            "扎实推进教育领域“放管服”改革,深化“一次办好”改革服务",
            "推进教育系统“八五”普法,开展“法律进校园”活动",
            "健全教育经费投入保障机制,确保一般公共预算教育支出逐年只增不减",
            "规范教育收费管理,坚决治理教育乱收费",
            "落实学生资助政策,全年资助家庭经济困难学生{m}人次,发放资金{k}万元",
        ],
    ),
}

GENERIC = [
    "各地各校要提高政治站位,强化责任担当,确保各项任务落地见效",
    "建立任务清单、责任清单,明确责任部门和完成时限,实行定期调度",
    "加强统筹协调,形成工作合力,及时总结推广典型经验",
    "{y}年全{a}教育工作的总体要求是:{g},全面贯彻党的教育方针,落实立德树人根本任务,加快建设教育强{a},办好人民满意的教育",
    "紧紧围绕群众关注的教育热点难点问题,深化教育领域综合改革,统筹教育资源均衡配置",
]
OFFICES = [
    "基础教育科",
    "职业教育科",
    "人事科",
    "机关党委",
    "计划财务科",
    "教育督导室",
    "安全稳定科",
    "体育卫生与艺术教育科",
    "市教育科学研究院",
    "市电化教育馆",
    "政策法规科",
    "学前教育科",
    "教师工作科",
    "校外教育培训监管科",
]
BREADCRUMBS = [
    "首页 > 信息公开 > 政策文件",
    "首页 > 政务公开 > 通知公告",
    "首页\n>专题>教育政策法规",
    "当前位置:首页 > 教育动态 > 工作计划",
    "您现在的位置:首页 > 法定主动公开内容 > 规划计划",
]
FOOTERS = [
    "打印本页 关闭本页  返回顶部",
    "【打印本页】【关闭窗口】",
    "上一篇 :\n下一篇 :",
    "手机扫一扫\n手机浏览移动版",
    "中国教育信息订阅号二维码\n中国教育信息微信服务号",
    "版权所有:{c}人民政府  技术支持:{c}大数据中心",
    "网站地图 | 网站声明",
]
NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四"]
# Pinyin glued after characters, as copied from some Traditional-Chinese reposting sites (seeds/004).
PINYIN = {
    "區": "qū",
    "時": "shí",
    "間": "jiān",
    "見": "jiàn",
    "導": "dǎo",
    "語": "yǔ",
    "來": "lái",
    "學": "xué",
    "習": "xí",
    "質": "zhì",
    "務": "wù",
    "實": "shí",
    "體": "tǐ",
    "級": "jí",
    "進": "jìn",
    "設": "shè",
    "確": "què",
    "縣": "xiàn",
    "續": "xù",
    "構": "gòu",
    "發": "fā",
    "現": "xiàn",
    "會": "huì",
    "機": "jī",
}


@lru_cache(maxsize=1)
def places() -> tuple[list[tuple[str, str]], list[tuple[str, str, str]]]:
    """(cities [(code, name)], counties [(code, name, city name)]) from the project's region table."""
    rows = [line.split("\t") for line in REGIONS.read_text(encoding="utf-8").splitlines() if line and not line.startswith(("#", "code\t"))]
    names = {code: name for code, name, _level, _parent in rows}
    cities = [(code, name) for code, name, level, _ in rows if level == "city" and name.endswith("市")]
    counties = [
        (code, name, names.get(parent, ""))
        for code, name, level, parent in rows
        if level == "county" and names.get(parent, "").endswith("市") and name[-1] in "县区市"
    ]
    return cities, counties


def _fill(rng: random.Random, text: str, ctx: dict) -> str:
    return text.format(
        n=rng.randint(2, 30), m=rng.randint(100, 20000), k=rng.randint(100, 20000), p=rng.choice([60, 70, 80, 85, 90, 95]), **ctx
    )


def _item(rng: random.Random, topic: str, ctx: dict) -> str:
    sentences = TOPICS[topic][1]
    chosen = rng.sample(sentences, rng.randint(2, min(5, len(sentences))))
    if rng.random() < 0.3:
        chosen.append(rng.choice(GENERIC[:3]))
    return "。".join(_fill(rng, s, ctx) for s in chosen) + "。"


def _issuer(rng: random.Random) -> dict:
    cities, counties = places()
    if rng.random() < 0.55:
        code, name = rng.choice(cities)
        return {"c": name, "a": "市", "issuer": name + rng.choice(["教育局", "教育局", "教育和体育局"]), "abbr": name[0], "code": code}
    code, name, city = rng.choice(counties)
    suffix = {
        "区": ["教育局", "教育和体育局", "教育体育局"],
        "县": ["教育体育局", "教育局", "教育和体育局"],
        "市": ["教育局", "教育和体育局"],
    }[name[-1]]
    return {"c": city + name, "a": name[-1], "issuer": city + name + rng.choice(suffix), "abbr": name[0], "code": code}


def document(rng: random.Random) -> str:
    """One document's text."""
    ctx = _issuer(rng)
    year = rng.randint(2005, 2025)
    ctx["y"] = year
    ctx["g"] = (
        "坚持以习近平新时代中国特色社会主义思想为指导"
        if year >= 2018
        else "深入贯彻党的十八大精神"
        if year >= 2013
        else "以科学发展观为指导"
    )
    month, day = rng.randint(1, 4), rng.randint(1, 28)
    kind = rng.choice(["工作要点", "工作要点", "工作意见", "重点任务清单", "通知"])
    number = f"{ctx['abbr']}{rng.choice(['教字', '教发', '教体字', '教基'])}〔{year}〕{rng.randint(1, 120)}号"
    subject = {
        "工作要点": f"{year}年教育工作要点",
        "工作意见": f"关于{year}年教育工作的意见",
        "重点任务清单": f"{year}年教育重点任务清单",
        "通知": f"{year}年{rng.choice(list(TOPICS))}工作要点",
    }[kind]
    title = f"{ctx['issuer']}{subject}" if rng.random() < 0.6 else f"{year}年全{ctx['a']}教育工作要点"
    head: list[str] = []
    if rng.random() < 0.3:
        head += [
            rng.choice(BREADCRUMBS),
            "",
            title,
            "",
            f"时间:{year}年{month:02d}月{day:02d}日 {rng.randint(8, 18)}:{rng.randint(0, 59):02d} 来源:{ctx['issuer']} 浏览次数:",
            "",
        ]
    elif rng.random() < 0.3:
        head += [
            f"索 引 号 | {ctx['code']}00{rng.randint(1000000, 9999999)}/{year}-{rng.randint(1, 9999):05d} | 公开方式 | 主动公开 |",
            f"发布机构 | {ctx['issuer']} | 组配分类 | 部门文件 |",
            f"成文日期 | {year}-{month:02d}-{day:02d} | 失效日期 | |",
            "有效性 |",
            title,
        ]
    elif rng.random() < 0.3:
        head += [
            title,
            f"【颁发部门】 {ctx['issuer']}",
            f"【发文字号】 {number}",
            f"【颁发时间】 {year}-{month:02d}-{day:02d}",
            "【效力属性】 有效",
        ]
    else:
        head += [title]
    if kind in ("通知", "重点任务清单") or rng.random() < 0.3:
        head += [
            f"{number}{ctx['issuer']}关于印发{subject}的通知",
            "各县(市、区)教育(教体)局,市直各学校、直属各单位,机关各科室:",
            f"现将《{subject}》印发给你们,请结合实际认真贯彻落实。",
            ctx["issuer"],
            f"{year}年{month}月{day}日",
            subject,
        ]
    body = [_fill(rng, rng.choice(GENERIC[3:]), ctx) + "。"]
    target = rng.randint(4000, 25000)
    style = rng.choice(["1.", "1、", "（1）"]) if kind != "重点任务清单" else "task"
    count, size = 0, len("\n".join(head).encode())
    for numeral in NUMERALS:
        topic = rng.choice(list(TOPICS))
        body.append(f"{numeral}、{rng.choice(TOPICS[topic][0])}")
        for _ in range(rng.randint(3, 8)):
            count += 1
            item = _item(rng, topic, ctx)
            if style == "task":
                body.append(f"任务{count}:{item.split('。')[0].split(',')[0]}。")
                item = f"措施:{item}(责任单位:{'、'.join(rng.sample(OFFICES, rng.randint(1, 2)))})"
            else:
                item = style.replace("1", str(count)) + item
            body.append(item)
            size += len(item.encode()) + 3
            if size > target:
                break
        if size > target:
            break
    indent = "  " if rng.random() < 0.3 else ""
    text = "\n".join(head) + "\n" + ("\n\n" if indent else "\n").join(indent + p for p in body) + "\n"
    if rng.random() < 0.5:
        text += "\n" + _fill(rng, rng.choice(FOOTERS), ctx) + "\n"
    if rng.random() < 0.05:
        text = _traditional_with_pinyin(text)
    return text


@lru_cache(maxsize=1)
def _s2t():
    return opencc.OpenCC("s2t")


def _traditional_with_pinyin(text: str) -> str:
    return "".join(ch + f"({PINYIN[ch]})" if ch in PINYIN else ch for ch in _s2t().convert(text))


def generate(work: Path, n: int, seed: int = 20240601) -> Path:
    """Write N documents into work/sources/ (emptied first) and return that folder."""
    sources = work / "sources"
    sources.mkdir(parents=True, exist_ok=True)
    for old in sources.glob("*.txt"):
        old.unlink()
    rng = random.Random(seed)
    for i in range(n):
        (sources / f"{i:05d}.txt").write_text(document(rng), encoding="utf-8")
    return sources


# --- the real-document case --------------------------------------------------------------------------
ROOT = Path(__file__).resolve().parent.parent
# The annotated development corpus and the seeds: real documents from 120-odd sites and exports.
REAL_FOLDERS = (ROOT / "tests" / "corpus" / "sources", ROOT / "seeds")
SOURCE_SUFFIXES = (".txt", ".md", ".html", ".htm", ".docx")
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20[0-2]\d)(?=\s*年|〕|\]|）|\)|-|/)")
_NUMBER = re.compile(r"(?<![\d.])(\d{1,3})(?=\s*(?:个|人|所|名|项|万|%|％|元|次|号|家|篇|期))")


def real_files(folders: tuple[Path, ...]) -> list[Path]:
    """The source files of the folders (not sidecars, not hidden files), in a stable order."""
    return sorted(
        (
            p
            for folder in folders
            for p in folder.iterdir()
            if p.is_file() and p.suffix.lower() in SOURCE_SUFFIXES and not p.name.startswith(".")
        ),
        key=lambda p: (p.parent.name, p.name),
    )


def moved_back(text: str, years: int) -> str:
    """The text with every year in it moved back by `years`."""
    return _YEAR.sub(lambda m: str(int(m.group(1)) - years), text)


def vary(text: str, copy: int) -> str:
    """Copy number `copy` of a real document: its years moved back by 1–12 (consistently, so that a plan
    still plans for the year its dates fall in) and its counts (4000人, 97%, 第12号) changed by copy // 12,
    so that every copy is a different document to the pipeline, but reads like the original."""
    shift, bump = copy % 12 + 1, copy // 12
    text = _YEAR.sub(lambda m: str(int(m.group(1)) - shift), text)
    return _NUMBER.sub(lambda m: str(int(m.group(1)) + bump), text) if bump else text


def decode_text(data: bytes) -> tuple[str, str] | None:
    for encoding in ("utf-8", "gb18030", "big5"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return None


def replicate(work: Path, n: int, folders: tuple[Path, ...] = REAL_FOLDERS) -> Path:
    """N sources in work/sources/ (emptied first): the real files of `folders` in turn, the first round as
    they are, later rounds varied (`vary`), every file different from the others. A .docx or undecodable
    file, or one with nothing to vary, is copied only in the first round."""
    files = real_files(folders)
    if not files:
        raise SystemExit(f"no source files in {', '.join(map(str, folders))}")
    sources = work / "sources"
    if sources.exists():
        shutil.rmtree(sources)
    sources.mkdir(parents=True)
    written = i = 0
    seen: set[bytes] = set()
    while written < n and i < n * 20:
        src, copy = files[i % len(files)], i // len(files)
        i += 1
        data = src.read_bytes()
        if copy:
            decoded = decode_text(data) if src.suffix.lower() != ".docx" else None
            if decoded is None:
                continue
            data = vary(decoded[0], copy).encode(decoded[1])
        digest = hashlib.sha256(data).digest()
        if digest in seen:
            continue  # a document without years or counts cannot be varied: it is not copied again
        seen.add(digest)
        (sources / f"{written:06d}-{src.name}").write_bytes(data)
        written += 1
    return sources
