//! The words of a comment, as themes and the word contrast see them.
//!
//! A word is a maximal run of characters for which [`char::is_alphanumeric`] holds (Unicode
//! letters, including `Other_Alphabetic` marks, and Unicode numbers: `Nd`, `Nl`, `No`).
//! An apostrophe (U+0027 `'` or U+2019 `’`) *between* two such characters is part of the word:
//! `isn't` and `rock'n'roll` are one word each. A leading or trailing apostrophe is not part of
//! the word (`'tis` → `tis`, `dogs'` → `dogs`) and two apostrophes in a row end the word
//! (`a''b` → `a`, `b`). Digits are words too (`24`, `7pm`, `3.5` → `3`, `5`).
//!
//! Words are returned lower-cased with [`str::to_lowercase`] (so a final capital sigma becomes
//! `ς`), with every `’` replaced by `'`. Words that are already in that form are borrowed from
//! the input; only words that change are allocated ([`Words`]), or nothing is allocated at all
//! once a reusable `TokenBuffer` has grown to size.
//!
//! This is not VADER's tokenisation (which splits on white space and keeps punctuation inside
//! tokens, as the reference does); it is the one rules and word counts need: `Refund!`,
//! `refund,` and `REFUND` are the same word.

use std::borrow::Cow;

/// Iterator over the byte spans `(start, end)` of the words of a text (original case).
#[derive(Clone, Debug)]
pub(crate) struct Spans<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Spans<'a> {
    /// The spans of the words of `text`.
    pub(crate) fn new(text: &'a str) -> Self {
        Spans { text, pos: 0 }
    }

    /// The character at byte `pos` (always a char boundary here) and its length.
    #[inline]
    fn char_at(&self, pos: usize) -> Option<(char, usize)> {
        let b = *self.text.as_bytes().get(pos)?;
        if b < 0x80 {
            Some((char::from(b), 1))
        } else {
            let c = self.text.get(pos..)?.chars().next()?;
            Some((c, c.len_utf8()))
        }
    }
}

impl Spans<'_> {
    /// Length of the word character (letter or digit) at byte `pos`, 0 if there is none.
    #[inline]
    fn word_char_len(&self, pos: usize) -> usize {
        match self.char_at(pos) {
            Some((c, len)) if c.is_alphanumeric() => len,
            _ => 0,
        }
    }
}

impl Iterator for Spans<'_> {
    type Item = (usize, usize);

    #[inline]
    fn next(&mut self) -> Option<(usize, usize)> {
        let bytes = self.text.as_bytes();
        // Skip to the first letter or digit.
        let (start, first_len) = loop {
            let b = *bytes.get(self.pos)?;
            if b.is_ascii_alphanumeric() {
                break (self.pos, 1);
            } else if b.is_ascii() {
                self.pos += 1;
            } else {
                let (c, len) = self.char_at(self.pos)?;
                if c.is_alphanumeric() {
                    break (self.pos, len);
                }
                self.pos += len;
            }
        };
        let mut end = start + first_len;
        loop {
            while bytes.get(end).is_some_and(u8::is_ascii_alphanumeric) {
                end += 1;
            }
            let Some(&b) = bytes.get(end) else { break };
            let apostrophe = if b == b'\'' {
                1
            } else if b.is_ascii() {
                break;
            } else {
                match self.char_at(end) {
                    Some((c, len)) if c.is_alphanumeric() => {
                        end += len;
                        continue;
                    }
                    Some(('\u{2019}', len)) => len,
                    _ => break,
                }
            };
            // An apostrophe continues the word only if a letter or digit follows it.
            let m = self.word_char_len(end + apostrophe);
            if m == 0 {
                break;
            }
            end += apostrophe + m;
        }
        self.pos = end;
        Some((start, end))
    }
}

/// Does `word` (one raw word) change when normalised (lower-cased, `’` → `'`)?
#[inline]
pub(crate) fn needs_normalising(word: &str) -> bool {
    if word.is_ascii() {
        return word.bytes().any(|b| b.is_ascii_uppercase());
    }
    for c in word.chars() {
        if c.is_ascii() {
            if c.is_ascii_uppercase() {
                return true;
            }
        } else if c == '\u{2019}' {
            return true;
        } else {
            let mut low = c.to_lowercase();
            if low.next() != Some(c) || low.next().is_some() {
                return true;
            }
        }
    }
    false
}

/// Appends the normalised form of the raw word `word` to `out`: exactly
/// `word.to_lowercase().replace('’', "'")`, without a temporary string unless the word contains
/// a capital sigma (whose lower case depends on its position in the word).
pub(crate) fn push_normalised(word: &str, out: &mut String) {
    if word.is_ascii() {
        let start = out.len();
        out.push_str(word);
        if let Some(tail) = out.get_mut(start..) {
            tail.make_ascii_lowercase();
        }
    } else if !needs_normalising(word) {
        out.push_str(word);
    } else if word.contains('\u{03A3}') {
        for c in word.to_lowercase().chars() {
            out.push(if c == '\u{2019}' { '\'' } else { c });
        }
    } else {
        for c in word.chars() {
            if c == '\u{2019}' {
                out.push('\'');
            } else {
                out.extend(c.to_lowercase());
            }
        }
    }
}

/// The normalised form of one raw word (see the module documentation).
pub(crate) fn normalise(word: &str) -> Cow<'_, str> {
    if word.is_ascii() {
        if word.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(word.to_ascii_lowercase())
        } else {
            Cow::Borrowed(word)
        }
    } else if needs_normalising(word) {
        let mut s = String::with_capacity(word.len());
        push_normalised(word, &mut s);
        Cow::Owned(s)
    } else {
        Cow::Borrowed(word)
    }
}

/// Iterator over the lower-cased words of a text; borrowed where the word needs no change
/// (made by [`words`]).
#[derive(Clone, Debug)]
pub struct Words<'a> {
    text: &'a str,
    spans: Spans<'a>,
}

/// The words of `text`, lower-cased, in order: maximal runs of Unicode letters and digits, an
/// apostrophe (`'` or `’`, written `'`) kept between two of them.
///
/// ```
/// use satisfaction::text::words;
///
/// let found: Vec<String> = words("Waited 45 min. on HOLD, isn’t that rock'n'roll?!").map(|w| w.into_owned()).collect();
/// assert_eq!(found, ["waited", "45", "min", "on", "hold", "isn't", "that", "rock'n'roll"]);
/// assert_eq!(words("?!... 🙂").count(), 0);
/// ```
#[must_use]
pub fn words(text: &str) -> Words<'_> {
    Words {
        text,
        spans: Spans::new(text),
    }
}

impl<'a> Iterator for Words<'a> {
    type Item = Cow<'a, str>;

    fn next(&mut self) -> Option<Cow<'a, str>> {
        loop {
            let (s, e) = self.spans.next()?;
            // Spans are always on char boundaries; `get` keeps this panic-free regardless.
            if let Some(w) = self.text.get(s..e) {
                return Some(normalise(w));
            }
        }
    }
}

/// A reusable buffer holding the normalised words of one text: no allocation once warm.
#[derive(Clone, Debug, Default)]
pub(crate) struct TokenBuffer {
    arena: String,
    ranges: Vec<(usize, usize)>,
}

impl TokenBuffer {
    /// An empty buffer.
    #[cfg(test)]
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// Replaces the contents with the words of `text`.
    pub(crate) fn fill(&mut self, text: &str) {
        self.arena.clear();
        self.ranges.clear();
        if text.is_ascii() {
            // Lower-casing ASCII keeps every byte in place: the words are spans of the copy.
            self.arena.push_str(text);
            self.arena.make_ascii_lowercase();
            self.ranges.extend(Spans::new(text));
        } else {
            for (s, e) in Spans::new(text) {
                if let Some(w) = text.get(s..e) {
                    let start = self.arena.len();
                    push_normalised(w, &mut self.arena);
                    self.ranges.push((start, self.arena.len()));
                }
            }
        }
    }

    /// Number of words.
    pub(crate) fn len(&self) -> usize {
        self.ranges.len()
    }

    /// The `i`-th word, if any.
    #[cfg(test)]
    pub(crate) fn get(&self, i: usize) -> Option<&str> {
        let &(s, e) = self.ranges.get(i)?;
        self.arena.get(s..e)
    }

    /// Frees the memory of a huge text (the buffer is kept per thread).
    pub(crate) fn trim(&mut self) {
        const KEEP: usize = 1 << 16;
        if self.arena.capacity() > KEEP {
            self.arena = String::new();
        }
        if self.ranges.capacity() > KEEP / 8 {
            self.ranges = Vec::new();
        }
    }

    /// The words in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &str> + Clone + '_ {
        self.ranges
            .iter()
            .filter_map(|&(s, e)| self.arena.get(s..e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ws(s: &str) -> Vec<String> {
        words(s).map(|w| w.into_owned()).collect()
    }

    #[test]
    fn basic() {
        assert_eq!(ws("Hello, World!"), ["hello", "world"]);
        assert_eq!(ws(""), Vec::<String>::new());
        assert_eq!(ws("?!... 🙂🙂"), Vec::<String>::new());
        assert_eq!(
            ws("waited 45 minutes, 3.5 stars, 7pm"),
            ["waited", "45", "minutes", "3", "5", "stars", "7pm"]
        );
    }

    #[test]
    fn apostrophes() {
        assert_eq!(ws("It ISN'T fine"), ["it", "isn't", "fine"]);
        assert_eq!(ws("it isn’t"), ["it", "isn't"]);
        assert_eq!(
            ws("'tis the dogs' rock'n'roll"),
            ["tis", "the", "dogs", "rock'n'roll"]
        );
        assert_eq!(ws("a''b a'’b a' b"), ["a", "b", "a", "b", "a", "b"]);
        assert_eq!(ws("'''"), Vec::<String>::new());
        assert_eq!(ws("l'été"), ["l'été"]);
    }

    #[test]
    fn unicode() {
        assert_eq!(ws("ÉTÉ Straße"), ["été", "straße"]);
        assert_eq!(ws("ΟΔΟΣ ΣΑΣ"), ["οδος", "σας"]);
        assert_eq!(ws("Привет мир"), ["привет", "мир"]);
        assert_eq!(ws("服务很好"), ["服务很好"]);
        assert_eq!(ws("İstanbul"), ["i\u{307}stanbul"]);
        assert_eq!(ws("a-b_c"), ["a", "b", "c"]);
        assert_eq!(ws("½ Ⅻ"), ["½", "ⅻ"]);
    }

    #[test]
    fn borrowed_when_unchanged() {
        let v: Vec<Cow<'_, str>> = words("fine Fine").collect();
        assert!(matches!(v[0], Cow::Borrowed("fine")));
        assert!(matches!(v[1], Cow::Owned(_)));
    }

    #[test]
    fn buffer_agrees_with_iterator() {
        let texts = [
            "",
            "Hello THERE it’s 42",
            "Hello THERE it's 42 X'Y a''b",
            "ΟΔΟΣ ΣΑΣ ςΣ",
            "x'",
            "İİ ǅ ǈ",
            "'a'b''c'",
        ];
        let mut b = TokenBuffer::new();
        for t in texts {
            b.fill(t);
            let v: Vec<&str> = b.iter().collect();
            assert_eq!(v, ws(t), "{t:?}");
            assert_eq!(b.len(), v.len());
            for (i, w) in v.iter().enumerate() {
                assert_eq!(b.get(i), Some(*w));
            }
            assert_eq!(b.get(v.len()), None);
        }
    }

    #[test]
    fn normalise_equals_std() {
        for w in ["ΣΑΣ", "ΑΣ'Β", "ΑΣ’", "Σ", "aΣb", "ǅemal", "ÀÉÎ", "x’y"] {
            assert_eq!(normalise(w), w.to_lowercase().replace('’', "'"), "{w:?}");
        }
    }

    #[test]
    fn huge_input() {
        let s = "ab'".repeat(400_000);
        assert_eq!(words(&s).count(), 1);
        let s = "x ".repeat(500_000);
        assert_eq!(words(&s).count(), 500_000);
    }
}
