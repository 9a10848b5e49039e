//! The two embedded lexicons, parsed once per process.
//!
//! Parsing mirrors `SentimentIntensityAnalyzer.make_lex_dict` /
//! `make_emoji_dict` line for line, because their details are observable:
//! * the files have CRLF line endings; the reference splits on `\n` only and
//!   then `strip()`s each line, which removes the `\r`;
//! * 14 lexicon words occur twice (`lol`, `ok`, `xd`, ...); a Python dict
//!   keeps the *last* value, and so does `HashMap::insert`;
//! * keys are stored verbatim, but looked up with the *lowercased* token, so
//!   keys containing capitals (`:D`, `:P`, `o.O`, ...) can never match, and
//!   keys containing spaces (`fed up`, `can't stand`) can never match a
//!   whitespace-split token. They are dead in the reference and stay dead here
//!   (we simply keep them in the map, like the reference does);
//! * only single-code-point emoji can ever match, because the reference
//!   looks emoji up one character at a time (`for chr in text`). Multi-code-
//!   point keys (skin tones, ZWJ sequences, flags, VS16 forms) are therefore
//!   not loaded at all: they would be unreachable.

use std::collections::HashMap;
use std::sync::OnceLock;

use foldhash::fast::RandomState;

use crate::text::vader::pystr;

/// `vader_lexicon.txt` from vaderSentiment 3.3.2 (MIT licence, `src/text/vader/data/LICENSE-vaderSentiment.txt`).
const VADER_LEXICON: &str = include_str!("data/vader_lexicon.txt");
/// `emoji_utf8_lexicon.txt` from vaderSentiment 3.3.2.
const EMOJI_LEXICON: &str = include_str!("data/emoji_utf8_lexicon.txt");

pub(crate) struct Lexicons {
    /// word -> mean valence
    pub words: HashMap<&'static str, f64, RandomState>,
    /// single code point emoji -> textual description
    pub emoji: HashMap<char, &'static str, RandomState>,
    /// smallest emoji key; characters below it need no lookup (fast path for ASCII).
    pub emoji_min: char,
}

static LEXICONS: OnceLock<Lexicons> = OnceLock::new();

/// The lexicons, built on first use and shared afterwards.
pub(crate) fn get() -> &'static Lexicons {
    LEXICONS.get_or_init(build)
}

fn build() -> Lexicons {
    let mut words: HashMap<&'static str, f64, RandomState> = HashMap::default();
    words.reserve(7600);
    // `for line in text.rstrip('\n').split('\n'): if not line: continue`
    for line in VADER_LEXICON.trim_end_matches('\n').split('\n') {
        if line.is_empty() {
            continue;
        }
        // `(word, measure) = line.strip().split('\t')[0:2]`
        let mut fields = pystr::strip(line).split('\t');
        let (Some(word), Some(measure)) = (fields.next(), fields.next()) else {
            continue; // would raise in Python; cannot happen with the embedded file
        };
        // `float(measure)`: both Python and Rust parse decimal strings with
        // correct rounding, so the values are bit-identical.
        if let Ok(value) = pystr::strip(measure).parse::<f64>() {
            words.insert(word, value);
        }
    }

    let mut emoji: HashMap<char, &'static str, RandomState> = HashMap::default();
    let mut emoji_min = char::MAX;
    for line in EMOJI_LEXICON.trim_end_matches('\n').split('\n') {
        let mut fields = pystr::strip(line).split('\t');
        let (Some(key), Some(description)) = (fields.next(), fields.next()) else {
            continue;
        };
        let mut chars = key.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            emoji.insert(c, description);
            emoji_min = emoji_min.min(c);
        }
    }
    Lexicons {
        words,
        emoji,
        emoji_min,
    }
}

/// Number of distinct entries in the word lexicon (7506 for 3.3.2).
#[cfg(test)]
pub(crate) fn word_count() -> usize {
    get().words.len()
}

/// Valence of a (lowercased) lexicon key, if present.
#[cfg(test)]
pub(crate) fn valence(word: &str) -> Option<f64> {
    get().words.get(word).copied()
}
