#!/usr/bin/env python3
"""CPython 3.11's view of every code point, for the VADER port's `str` semantics.

    python3.11 -B generate_unicode.py        # rewrites py311_unicode.tsv

The reference (vaderSentiment 3.3.2) tokenises with `str.split()`/`str.strip()`, tests words
with `str.isupper()` and compares `str.lower()` forms; CPython 3.11 answers those from Unicode
14.0, Rust from the toolchain's newer tables. `src/text/vader/pystr.rs` corrects the code points
on which they disagree, and its unit test compares every code point with this file.

Columns (tab-separated, "\\n" rows): hex code point, four 0/1 flags (isupper, islower, general
category Lt, isspace), the hex code points of c.lower(). Code points not listed are uncased,
not white space and lower-invariant. Deterministic: re-running gives a byte-identical file.
"""
import os
import sys
import unicodedata

assert sys.version_info[:2] == (3, 11), "generate with CPython 3.11 (Unicode 14.0)"

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "py311_unicode.tsv")

with open(OUT, "w", encoding="utf-8", newline="\n") as f:
    for cp in range(0x110000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        c = chr(cp)
        up, lo, ti, sp = c.isupper(), c.islower(), unicodedata.category(c) == "Lt", c.isspace()
        low = c.lower()
        if up or lo or ti or sp or low != c:
            f.write("%X\t%d%d%d%d\t%s\n" % (cp, up, lo, ti, sp, " ".join("%X" % ord(x) for x in low)))
