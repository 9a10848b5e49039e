//! Python 3.11 `str` semantics that the reference relies on.
//!
//! The reference tokenises with `str.split()`/`str.strip()`, tests words with
//! `str.isupper()` and compares `str.lower()` forms. Those are Unicode-aware
//! in Python and are answered from CPython 3.11's Unicode database
//! (Unicode 14.0). Rust's `char` methods use the (newer) Unicode version of
//! the toolchain, so this module starts from std and *corrects* the code
//! points on which the two disagree. The correction tables were derived by
//! an exhaustive comparison of every code point against CPython 3.11
//! (`tests/reference/text/py311_unicode.tsv`, written by
//! `tests/reference/text/generate_unicode.py`); the unit test at the end of this file re-runs
//! that comparison, so a toolchain with yet another Unicode version fails loudly instead of
//! drifting.

/// `string.punctuation`: ASCII only, exactly as in the reference.
#[inline]
pub(crate) fn is_ascii_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
}

/// `str.isspace()` for one code point (CPython `Py_UNICODE_ISSPACE`).
///
/// CPython counts a character as whitespace if its category is `Zs` or its
/// bidi class is `WS`, `B` or `S`. That set equals Unicode `White_Space`
/// (Rust's `char::is_whitespace`) plus U+001C..U+001F (the ASCII
/// information separators, bidi class `B`/`S`), which Rust does not treat as
/// whitespace. `str.split()` and `str.strip()` with no argument use this.
#[inline]
pub(crate) fn isspace(c: char) -> bool {
    if c.is_ascii() {
        matches!(
            c,
            '\t' | '\n' | '\x0b' | '\x0c' | '\r' | '\x1c'..='\x1f' | ' '
        )
    } else {
        c.is_whitespace()
    }
}

/// Code points whose `Uppercase` property differs between Rust's tables and
/// CPython 3.11 (Unicode 14). All of them are letters assigned after Unicode
/// 14 that Rust marks `Uppercase` (and gives a lowercase mapping); for
/// Python they are unassigned, hence uncased, and `lower()` leaves them alone.
/// Used as an XOR mask, so it would also work for a change in the other
/// direction.
const PY311_UPPER_FLIP: &[(u32, u32)] = &[
    (0x1C89, 0x1C89),
    (0xA7CB, 0xA7CC),
    (0xA7CE, 0xA7CE),
    (0xA7D2, 0xA7D2),
    (0xA7D4, 0xA7D4),
    (0xA7DA, 0xA7DA),
    (0xA7DC, 0xA7DC),
    (0x10D50, 0x10D65),
    (0x16EA0, 0x16EB8),
];

/// Code points whose `Lowercase` property differs between Rust's tables and
/// CPython 3.11, used as an XOR mask. Both directions occur: U+0295 (ʕ) was
/// `Lowercase` in Unicode 14 (Python says `'ʕ'.islower()`) and no longer is
/// in Rust's newer tables; the others are newer letters/modifiers that Rust
/// marks `Lowercase` and Python does not know.
const PY311_LOWER_FLIP: &[(u32, u32)] = &[
    (0x0295, 0x0295),
    (0x10FC, 0x10FC),
    (0x1C8A, 0x1C8A),
    (0xA7CD, 0xA7CD),
    (0xA7CF, 0xA7CF),
    (0xA7DB, 0xA7DB),
    (0xA7F1, 0xA7F4),
    (0xAB69, 0xAB69),
    (0x10D70, 0x10D85),
    (0x16EBB, 0x16ED3),
    (0x1DF25, 0x1DF2A),
    (0x1E030, 0x1E06D),
];

/// General category `Lt` (titlecase letters). CPython's `str.isupper()`
/// returns False as soon as it sees one; Rust has no std predicate for it.
/// The set has been stable since Unicode 5 (31 code points).
const TITLECASE: &[(u32, u32)] = &[
    (0x01C5, 0x01C5),
    (0x01C8, 0x01C8),
    (0x01CB, 0x01CB),
    (0x01F2, 0x01F2),
    (0x1F88, 0x1F8F),
    (0x1F98, 0x1F9F),
    (0x1FA8, 0x1FAF),
    (0x1FBC, 0x1FBC),
    (0x1FCC, 0x1FCC),
    (0x1FFC, 0x1FFC),
];

#[inline]
fn in_ranges(table: &[(u32, u32)], c: char) -> bool {
    let cp = u32::from(c);
    table.iter().any(|&(lo, hi)| lo <= cp && cp <= hi)
}

/// CPython 3.11 `_PyUnicode_IsUppercase` for one code point.
#[inline]
pub(crate) fn char_is_upper(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_uppercase();
    }
    c.is_uppercase() != in_ranges(PY311_UPPER_FLIP, c)
}

/// CPython 3.11 `_PyUnicode_IsLowercase` for one code point.
#[inline]
pub(crate) fn char_is_lower(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_lowercase();
    }
    c.is_lowercase() != in_ranges(PY311_LOWER_FLIP, c)
}

/// CPython 3.11 `_PyUnicode_IsTitlecase` for one code point.
#[inline]
pub(crate) fn char_is_title(c: char) -> bool {
    !c.is_ascii() && in_ranges(TITLECASE, c)
}

/// `str.isupper()`: True iff there is at least one cased character and no
/// lowercase or titlecase character (CPython `unicode_isupper_impl`). Note
/// that uncased characters (digits, punctuation, emoji, CJK) are ignored, so
/// `"A1!"` is upper while `":)"` and `"123"` are not.
pub(crate) fn isupper(s: &str) -> bool {
    if s.is_ascii() {
        let bytes = s.as_bytes();
        return !bytes.iter().any(u8::is_ascii_lowercase)
            && bytes.iter().any(u8::is_ascii_uppercase);
    }
    let mut cased = false;
    for c in s.chars() {
        if char_is_lower(c) || char_is_title(c) {
            return false;
        }
        if !cased && char_is_upper(c) {
            cased = true;
        }
    }
    cased
}

/// True if Python's `lower()` leaves `c` alone although Rust would map it.
#[inline]
fn py_lower_is_identity_override(c: char) -> bool {
    !c.is_ascii() && in_ranges(PY311_UPPER_FLIP, c)
}

/// Appends `s.lower()` (CPython 3.11 semantics) to `out`.
///
/// CPython's `lower()` uses the full (SpecialCasing) mappings, e.g. `İ` ->
/// `i̇`, `K` (KELVIN SIGN) -> `k`, and the Final_Sigma context for `Σ`; Rust's
/// `str::to_lowercase` implements the same algorithm, so we delegate to it and
/// only keep the Unicode-15+ letters that Python 3.11 does not know.
///
/// Known, unobservable difference: the σ/ς choice for a capital sigma that is
/// adjacent to a post-Unicode-14 letter may differ, because "cased" and
/// "case-ignorable" come from different Unicode versions. It cannot change a
/// score: lowercased words are only compared with the (ASCII) lexicon and
/// rule words and searched for the ASCII substring "n't".
pub(crate) fn lower_into(s: &str, out: &mut String) {
    if s.is_ascii() {
        let start = out.len();
        out.push_str(s);
        if let Some(tail) = out.get_mut(start..) {
            tail.make_ascii_lowercase();
        }
        return;
    }
    if !s.chars().any(py_lower_is_identity_override) {
        out.push_str(&s.to_lowercase());
        return;
    }
    // Rare path: lower the stretches between override characters separately.
    let mut rest = s;
    while let Some((idx, c)) = rest
        .char_indices()
        .find(|&(_, c)| py_lower_is_identity_override(c))
    {
        let (head, tail) = rest.split_at(idx);
        out.push_str(&head.to_lowercase());
        out.push(c);
        rest = tail.get(c.len_utf8()..).unwrap_or("");
    }
    out.push_str(&rest.to_lowercase());
}

/// `s.lower()` as a new `String` (for the tests).
#[cfg(test)]
pub(crate) fn lower(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    lower_into(s, &mut out);
    out
}

/// `s.strip()` with no arguments.
#[inline]
pub(crate) fn strip(s: &str) -> &str {
    s.trim_matches(isspace)
}

/// `s.strip(string.punctuation)`.
#[inline]
pub(crate) fn strip_punctuation(s: &str) -> &str {
    s.trim_matches(is_ascii_punctuation)
}

/// `s.split()` with no arguments: split on runs of Python whitespace and
/// drop empty pieces.
pub(crate) fn split_whitespace(s: &str) -> impl Iterator<Item = &str> {
    s.split(isspace).filter(|piece| !piece.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn hex_char(h: &str) -> char {
        u32::from_str_radix(h, 16)
            .ok()
            .and_then(char::from_u32)
            .expect("a code point")
    }

    /// Every code point: isupper, islower, titlecase, isspace and lower() as CPython 3.11
    /// (`tests/reference/text/py311_unicode.tsv`).
    #[test]
    fn every_code_point_as_cpython_311() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/reference/text/py311_unicode.tsv"
        );
        let data = std::fs::read_to_string(path).expect("the committed fixture");
        let mut python: HashMap<char, (bool, bool, bool, bool, String)> = HashMap::new();
        for line in data.lines() {
            let mut fields = line.split('\t');
            let c = hex_char(fields.next().unwrap());
            let flags: Vec<bool> = fields.next().unwrap().chars().map(|f| f == '1').collect();
            let lower: String = fields.next().unwrap().split(' ').map(hex_char).collect();
            python.insert(c, (flags[0], flags[1], flags[2], flags[3], lower));
        }
        assert!(python.len() > 2_500, "{} rows", python.len());
        let mut mismatches = Vec::new();
        let mut buf = [0u8; 4];
        for cp in 0..=0x10FFFFu32 {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let want =
                python
                    .get(&c)
                    .cloned()
                    .unwrap_or((false, false, false, false, c.to_string()));
            let s: &str = c.encode_utf8(&mut buf);
            let got = (
                isupper(s),
                char_is_lower(c) && !char_is_upper(c) && !char_is_title(c),
                char_is_title(c),
                isspace(c),
                lower(s),
            );
            if got != want {
                mismatches.push(format!("U+{cp:04X}: rust {got:?}, python {want:?}"));
            }
        }
        assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
    }

    /// String-level cases, as printed by CPython 3.11.
    #[test]
    fn strings_as_cpython_311() {
        for (s, want) in [
            ("GOOD", true),
            ("GOOD!", true),
            ("A1", true),
            (":)", false),
            ("123", false),
            ("", false),
            (":D", true),
            ("ǅUNGLA", false),
            ("ÉTÉ", true),
            ("GOODʕ", false),
            ("ꟋGOOD", true),
            ("ΣΑΣ", true),
            ("ß", false),
        ] {
            assert_eq!(isupper(s), want, "{s:?}.isupper()");
        }
        for (s, want) in [
            ("İ", "i\u{307}"),
            ("O\u{212A}", "ok"),
            ("ΟΔΟΣ", "οδος"),
            ("ΣΑΣ", "σας"),
            ("Σ", "σ"),
            ("ǅ", "ǆ"),
            ("Ꟍ", "Ꟍ"),
        ] {
            assert_eq!(lower(s), want, "{s:?}.lower()");
        }
        let parts: Vec<&str> =
            split_whitespace("a\x1cb\x1fc\u{85}d\u{2028}e\u{200B}f\u{a0}g").collect();
        assert_eq!(parts, ["a", "b", "c", "d", "e\u{200B}f", "g"]);
        assert_eq!(strip("\x1c\u{3000} x \x1f"), "x");
        assert_eq!(strip_punctuation("((great!!))"), "great");
        assert_eq!(strip_punctuation("“great”"), "“great”");
    }
}
