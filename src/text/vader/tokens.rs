//! Text preparation, exactly as `polarity_scores` + `SentiText` do it.
//!
//! 1. Emoji -> description (`polarity_scores`): every *code point* found in
//!    the emoji lexicon is replaced by its description. A space is inserted
//!    before the description unless the previous character was an ASCII space
//!    (`prev_space = chr == ' '`, so a tab or NBSP before an emoji still gets
//!    an extra space - harmless), and NO space is inserted after it: "😁x"
//!    becomes "beaming face with smiling eyesx" (a reference quirk we keep).
//! 2. `text.strip()` with Python's whitespace definition.
//! 3. `text.split()` on Python whitespace (includes U+001C..U+001F, U+0085,
//!    U+2028, NBSP, ...; not U+200B).
//! 4. `_strip_punc_if_word`: strip ASCII `string.punctuation` from both
//!    ends, but if fewer than three code points remain keep the token as it
//!    was. That protects emoticons (":)") but also means "ok!" stays "ok!" and
//!    never matches the lexicon entry "ok" - a quirk we keep.
//!
//! For every token we precompute what the rules ask about it over and over:
//! its `lower()` form, its lexicon valence (lookup of the lowercased form) and
//! `isupper()` of the unlowered form. The '!' and '?' counts are taken on the
//! prepared text, i.e. after emoji replacement (the descriptions of 🔛 "ON!
//! arrow" and 🆙 "UP! button" contribute an exclamation mark each).

use crate::text::vader::lexicon::Lexicons;
use crate::text::vader::pystr;

/// One whitespace-separated word/emoticon after punctuation stripping.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    lower_start: usize,
    lower_end: usize,
    /// `lexicon.get(token.lower())`
    pub lex: Option<f64>,
    /// `token.isupper()`
    pub upper: bool,
}

/// Reusable buffers, so a call does not allocate once they have grown.
#[derive(Default)]
pub(crate) struct Scratch {
    replaced: String,
    lower: String,
    tokens: Vec<Token>,
    pub sentiments: Vec<f64>,
}

impl Scratch {
    /// Keep memory bounded after a huge input (we keep buffers thread-local).
    pub fn trim(&mut self) {
        const KEEP: usize = 1 << 16;
        if self.replaced.capacity() > KEEP {
            self.replaced = String::new();
        }
        if self.lower.capacity() > KEEP {
            self.lower = String::new();
        }
        if self.tokens.capacity() > KEEP / 8 {
            self.tokens = Vec::new();
        }
        if self.sentiments.capacity() > KEEP / 8 {
            self.sentiments = Vec::new();
        }
    }
}

/// Read-only view of the prepared words used by the rules.
#[derive(Clone, Copy)]
pub(crate) struct Words<'a> {
    lower: &'a str,
    tokens: &'a [Token],
}

impl<'a> Words<'a> {
    #[inline]
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// `words_and_emoticons[i].lower()`; "" when out of range (the rules
    /// guard their indices exactly like the reference, so this never happens).
    #[inline]
    pub fn lower(&self, i: usize) -> &'a str {
        self.tokens
            .get(i)
            .and_then(|t| self.lower.get(t.lower_start..t.lower_end))
            .unwrap_or("")
    }

    /// `lexicon.get(words_and_emoticons[i].lower())`
    #[inline]
    pub fn lex(&self, i: usize) -> Option<f64> {
        self.tokens.get(i).and_then(|t| t.lex)
    }

    /// `words_and_emoticons[i].lower() in lexicon`
    #[inline]
    pub fn in_lexicon(&self, i: usize) -> bool {
        self.lex(i).is_some()
    }

    /// `words_and_emoticons[i].isupper()`
    #[inline]
    pub fn upper(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.upper)
    }

    /// `allcap_differential(words_and_emoticons)`: some, but not all, words
    /// are ALL CAPS. Words without cased letters (":)", "123") count as
    /// not-caps, so "GREAT :)" has a cap differential.
    pub fn cap_differential(&self) -> bool {
        let n = self.tokens.len();
        let caps = self.tokens.iter().filter(|t| t.upper).count();
        let differential = n - caps;
        0 < differential && differential < n
    }
}

/// Result of preparing one text.
pub(crate) struct Prepared {
    /// `text.count("!")` on the prepared text
    pub exclamations: usize,
    /// `text.count("?")` on the prepared text
    pub questions: usize,
}

/// Splits the buffers into the word view and the sentiment buffer.
pub(crate) fn view(scratch: &mut Scratch) -> (Words<'_>, &mut Vec<f64>) {
    let Scratch {
        lower,
        tokens,
        sentiments,
        ..
    } = scratch;
    (
        Words {
            lower: lower.as_str(),
            tokens: tokens.as_slice(),
        },
        sentiments,
    )
}

/// Prepares `text` into `scratch` (steps 1-4 above).
pub(crate) fn prepare(text: &str, lex: &Lexicons, scratch: &mut Scratch) -> Prepared {
    let Scratch {
        replaced,
        lower,
        tokens,
        ..
    } = scratch;
    replaced.clear();
    lower.clear();
    tokens.clear();

    let is_emoji = |c: char| c >= lex.emoji_min && lex.emoji.contains_key(&c);
    // All emoji keys are non-ASCII (the smallest is U+00A9), so the common
    // all-ASCII comment skips the per-character lookup entirely.
    let source: &str = if !text.is_ascii() && text.chars().any(is_emoji) {
        replace_emoji(text, lex, replaced);
        replaced.as_str()
    } else {
        text
    };
    let text = pystr::strip(source);

    let prepared = Prepared {
        exclamations: text.bytes().filter(|&b| b == b'!').count(),
        questions: text.bytes().filter(|&b| b == b'?').count(),
    };

    for raw in pystr::split_whitespace(text) {
        let stripped = pystr::strip_punctuation(raw);
        // `if len(stripped) <= 2: return token` (len counts code points)
        let word = if stripped.chars().nth(2).is_none() {
            raw
        } else {
            stripped
        };
        let start = lower.len();
        pystr::lower_into(word, lower);
        let end = lower.len();
        let valence = lower
            .get(start..end)
            .and_then(|w| lex.words.get(w).copied());
        tokens.push(Token {
            lower_start: start,
            lower_end: end,
            lex: valence,
            upper: pystr::isupper(word),
        });
    }
    prepared
}

/// The emoji loop of `polarity_scores`, verbatim.
fn replace_emoji(text: &str, lex: &Lexicons, out: &mut String) {
    out.reserve(text.len() + 32);
    let mut prev_space = true;
    for c in text.chars() {
        let description = if c >= lex.emoji_min {
            lex.emoji.get(&c)
        } else {
            None
        };
        match description {
            Some(description) => {
                if !prev_space {
                    out.push(' ');
                }
                out.push_str(description);
                prev_space = false;
            }
            None => {
                out.push(c);
                prev_space = c == ' ';
            }
        }
    }
}
