"""What the text is written in: pinyin glued after characters (區(qū)) removed, Traditional converted to Simplified.
Two of the documented normalisations of clean.py."""

from __future__ import annotations

import re

from .chinese import CJK as _CJK
from .chinese import t2s as _t2s

# --- pinyin annotations ------------------------------------------------------------------------------
_TONED = str.maketrans("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ", "aaaaeeeeiiiioooouuuuüüüünnnm")
_SYLLABLE = re.compile(
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|üan|van|ai|ei|ao|ou|an|en|in|un|ün|vn|ia|ie|iu|ua|uo|ui|üe|ue|ve|er|a|o|e|i|u|ü|v)"
    r"[1-5]?|ng|m|n"
)
# (The character before an annotation is checked in code: a look-behind first would be tried at every
# position of the text.)
_ANNOTATION = re.compile("(?:[(（] ?[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿü]{1,7}[1-5]? ?[)）])+")
_TOKEN = re.compile(r"[(（] ?([^()（）\s]+) ?[)）]")
# How every annotation starts: a text without it has none (one character class scans a text fast).
_ANNOTATION_START = re.compile("[(（] ?[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿü]")
# Toneless annotations (的(de)) are pinyin only where the text shows the habit: toned ones, or many
# toneless ones (a site that obfuscates its text: 贯（guan）彻习（xi）近（jin）平).
_TONED_HABIT = 3
_TONELESS_HABIT = 10


def _is_syllable(token: str) -> bool:
    return _SYLLABLE.fullmatch(token.translate(_TONED)) is not None


def _after_character(text: str, at: int) -> bool:
    return at > 0 and _CJK.match(text, at - 1) is not None


def remove_pinyin(text: str) -> tuple[str, int]:
    """Drop pinyin glued after characters (one or a run: 代（dai）（dai）)."""
    if ("(" not in text and "（" not in text) or not _ANNOTATION_START.search(text):
        return text, 0
    runs = [_TOKEN.findall(m.group(0)) for m in _ANNOTATION.finditer(text) if _after_character(text, m.start())]
    tokens = [t for run in runs for t in run if _is_syllable(t)]
    toned = sum(1 for t in tokens if t != t.translate(_TONED))
    habit = toned >= _TONED_HABIT or len(tokens) - toned >= _TONELESS_HABIT
    removed = 0

    def drop(match: re.Match) -> str:
        nonlocal removed
        run = _TOKEN.findall(match.group(0))
        if _after_character(text, match.start()) and all(_is_syllable(t) and (t != t.translate(_TONED) or habit) for t in run):
            removed += len(run)
            return ""
        return match.group(0)

    return _ANNOTATION.sub(drop, text), removed


# --- Traditional to Simplified -----------------------------------------------------------------------


def to_simplified(text: str) -> tuple[str, str]:
    """Convert with OpenCC when the text is Traditional; returns (text, "hant" or "hans").

    Simplified text is returned untouched: OpenCC's t2s also rewrites a few characters that are valid
    in Simplified text, and policy text must not change without cause.
    """
    converted = _t2s().convert(text)
    if converted == text:
        return text, "hans"
    cjk = len(_CJK.findall(text)) or 1
    changed = sum(1 for a, b in zip(text, converted) if a != b)
    if changed >= 3 and changed / cjk >= 0.02:
        return converted, "hant"
    return text, "hans"
