"""The signature: the authorities that sign a document above its date (or a date left without them), which
give both an issuer and the date of writing."""

from __future__ import annotations

import re
from functools import lru_cache

from .evidence import Candidate, View
from .lexicon import DATE_TEXT, ascii_digits, is_date_line
from .organs import split_names


def signed(view: View, after_title: int) -> tuple[Candidate | None, Candidate | None]:
    """The signature after the title (signature), or else a date that stands without one (bare_date, closing_date);
    failing both, the authority signing a notice whose date the page lost (undated_signature)."""
    found = signature(view, after_title)
    undersigned = (bare_date(view, after_title) or closing_date(view)) if found is None else None
    found = found or (undated_signature(view, after_title) if undersigned is None else None)
    return found, undersigned


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


# A signer's line set letter-spaced to fill the width: '河 南 省 教 育 厅 河 南 省 财 政 厅'.
_LETTER_SPACED = re.compile(r"[\u4e00-\u9fff](?: +[\u4e00-\u9fff]){3,}")


def _unspaced(line: str) -> str:
    return re.sub(r" +", "", line) if _LETTER_SPACED.fullmatch(line) else line


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
            if "。" in line and not signers:
                # '…促进学生全面而有个性地发展。 常州市教育局' / '2021年1月5日': a signer run on after the last sentence.
                tail = split_names(line.rsplit("。", 1)[1].strip(), bare=True) if line.rsplit("。", 1)[1].strip() else None
                if tail:
                    signers = tail
                break
            if len(line) > 60 or is_date_line(line):
                break
            names = split_names(line, bare=True) or split_names(_unspaced(line), bare=True)
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
        # '（2018年8月7日）' right under a title: the date a party committee's or government's document prints there.
        bracketed = text[:1] in "（(" and text[-1:] in "）)"
        text = text[1:-1] if bracketed else text
        if len(text) <= 20 and (i > after or bracketed) and is_date_line(text):
            return Candidate(text, "body", view.paragraphs[i], i)
    return None


_CLOSING_DATE = re.compile(rf"特此(?:通知|通报|公告)[。.]?\s*(?:附件\s*[:：][^。]{{0,60}}?)?\s*({DATE_TEXT})")


# A date standing alone between the last sentence and what follows a document's end in a flattened line:
# '…一并接受省级督导评估。 二OO九年九月三日 抄送：…', '…现结合我市实际。 二○○六年十二月六日 关于…（the attachment）'.
_RUN_ON_DATE = re.compile(rf"。\s+({DATE_TEXT})(?:\s+(?:抄送|主题词|关键词|附件|关于)|\s*$)")


def closing_date(view: View) -> Candidate | None:
    """In a line a page flattened, the date after 特此通知 (and an 附件 line) that lost its signer:
    '… 特此通知 附件：《…》 二〇一二年二月九日 …'; or a date standing alone after the last sentence, before a
    colophon, an attachment or the line's end."""
    for i, text in enumerate(view.paragraphs):
        match = _CLOSING_DATE.search(ascii_digits(text)) if "特此" in text else None
        if match:
            return Candidate(match.group(1), "body", text, i)
    for i, text in enumerate(view.paragraphs):
        match = _RUN_ON_DATE.search(ascii_digits(text)) if len(text) > 60 and "年" in text else None
        if match:
            return Candidate(match.group(1), "body", text, i)
    return None
