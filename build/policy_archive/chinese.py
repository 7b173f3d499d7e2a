"""What reading and cleaning both need to know about Chinese text: which characters are Chinese (CJK_CHAR,
CJK), and the Traditional-to-Simplified converter. A leaf: it imports nothing of the package."""

from __future__ import annotations

import re
from functools import lru_cache

import opencc

# The CJK Unified Ideographs, Extension A and the Compatibility Ideographs (a regular-expression range).
CJK_CHAR = r"\u3400-\u9fff\uf900-\ufaff"
CJK = re.compile(f"[{CJK_CHAR}]")


@lru_cache(maxsize=1)
def t2s():
    """OpenCC's Traditional-to-Simplified converter (t2s), built once per process (building it loads
    OpenCC's dictionaries)."""
    return opencc.OpenCC("t2s")
