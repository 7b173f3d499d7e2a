"""Plausible Chinese: text decoded with the wrong encoding (UTF-8 read as GBK, Big5 as GBK) is made of rare
characters. Measured on the seeds, 0.2% of the characters of a real document are rare, 74-78% of its
mojibake."""

from __future__ import annotations

from functools import lru_cache

from ..chinese import CJK, t2s
from ..knowledge import _load_yaml
from .common_characters import COMMON_CHARACTERS_TABLE, COMMON_FREQUENCY, count_common_characters, jieba_dictionary
from .files import sha256_of

IMPLAUSIBLE_RARE_SHARE = 0.3


@lru_cache(maxsize=1)
def common_character_set() -> frozenset[str]:
    """Counted once, when the table was made (data/common_characters.yaml), for the dictionary whose hash
    it records: counting the 350,000 words of jieba's dictionary took most of a second of every build.
    Counted here when the installed jieba's dictionary is another one."""
    dictionary = jieba_dictionary()
    try:
        table = _load_yaml(COMMON_CHARACTERS_TABLE)
    except FileNotFoundError:
        table = {}
    if table.get("jieba_dict_sha256") == sha256_of(dictionary) and table.get("min_frequency") == COMMON_FREQUENCY:
        return frozenset(table["characters"])
    return count_common_characters(dictionary)


def rare_share(text: str, sample: int = 600) -> float:
    """The share of rare characters among the first `sample` Chinese characters (0 for under 50)."""
    # Traditional characters are rare in a Simplified dictionary: the sample is compared in Simplified.
    characters = CJK.findall(t2s().convert(text[: sample * 4]))[:sample]
    if len(characters) < 50:
        return 0.0
    common = common_character_set()
    return (len(characters) - sum(map(common.__contains__, characters))) / len(characters)
