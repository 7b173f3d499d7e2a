"""The table of common characters (data/common_characters.yaml) and the data tool that makes it: the
characters whose summed frequency in jieba's dictionary reaches COMMON_FREQUENCY, with the hash of the
dictionary counted. Regenerate it when jieba's dictionary changes:

    python -c "from policy_archive.read.common_characters import write_common_characters_table as w; w()"
"""

from __future__ import annotations

import collections
import io
import os
from importlib import resources

import yaml

from .files import sha256_of

COMMON_CHARACTERS_TABLE = "common_characters.yaml"
COMMON_FREQUENCY = 2000  # summed frequency, in jieba's dictionary, of the words a character is in
_PACKAGE = __package__.rpartition(".")[0]  # (the table is in the package's data folder)


def jieba_dictionary() -> bytes:
    """The bytes of the installed jieba's dictionary."""
    # (jieba is imported here, to find its dictionary: importing it takes a tenth of a second.)
    import jieba

    with open(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"), "rb") as handle:
        return handle.read()


def count_common_characters(dictionary: bytes) -> frozenset[str]:
    """The characters whose summed frequency in jieba's dictionary reaches COMMON_FREQUENCY."""
    counts: collections.Counter = collections.Counter()
    for line in io.StringIO(dictionary.decode("utf-8"), newline=None):  # (as a file opened as text reads it)
        word, frequency = line.split(" ")[:2]
        for character in word:
            counts[character] += int(frequency)
    return frozenset(c for c, n in counts.items() if n >= COMMON_FREQUENCY)


def common_characters_table(dictionary: bytes) -> str:
    """data/common_characters.yaml for this dictionary (write it with write_common_characters_table)."""
    return yaml.safe_dump(
        {
            "jieba_dict_sha256": sha256_of(dictionary),
            "min_frequency": COMMON_FREQUENCY,
            "characters": "".join(sorted(count_common_characters(dictionary))),
        },
        allow_unicode=True,
        width=100,
    )


def write_common_characters_table() -> None:
    """Regenerate data/common_characters.yaml from the installed jieba's dictionary."""
    path = resources.files(_PACKAGE).joinpath("data", COMMON_CHARACTERS_TABLE)
    path.write_text(common_characters_table(jieba_dictionary()), encoding="utf-8")
