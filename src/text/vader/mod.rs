//! VADER sentiment (Hutto & Gilbert 2014), ported exactly from the Python package
//! `vaderSentiment` 3.3.2 (MIT licence; its lexicons are embedded from `data/`).
//!
//! [`sentiment`] returns what `SentimentIntensityAnalyzer().polarity_scores(text)` returns on
//! CPython 3.11: the compound score rounded to 4 decimals and the positive, neutral and
//! negative proportions rounded to 3, with Python's `round` (correctly rounded, ties to even:
//! `round(0.3125, 3) == 0.312`). The unrounded values are kept beside them.
//!
//! One job per file, in the order the reference applies them:
//!
//! | file | what |
//! |---|---|
//! | `pystr` | Python 3.11 `str` semantics the reference relies on (`split`, `strip`, `isupper`, `lower`) |
//! | `lexicon` | the two embedded lexicons, parsed once per process |
//! | `tokens` | emoji replaced by their descriptions, tokenisation, per-word facts |
//! | `rules` | boosters and dampeners, ALL CAPS, negation, "no", "least", "kind of", idioms, "but" |
//! | `scores` | the sum, `!` and `?` emphasis, normalisation, the positive/neutral/negative split |
//! | `round` | Python's `round(x, n)` |
//!
//! The reference's quirks are kept on purpose (each is marked `QUIRK` where it is
//! reproduced): a differential test on 9,974 comments (`tests/reference/text/vader.csv`)
//! requires every rounded score to be bit-identical to Python's.

mod lexicon;
mod pystr;
mod round;
mod rules;
mod scores;
mod tokens;

use std::cell::RefCell;
use std::fmt;

/// The VADER scores of one text, as the reference computes them.
///
/// [`compound`](Self::compound), [`positive`](Self::positive), [`neutral`](Self::neutral) and
/// [`negative`](Self::negative) are the reference's rounded values, bit for bit; the `raw_*`
/// accessors are the same quantities before rounding.
///
/// ```
/// use satisfaction::text::{sentiment, SentimentClass};
///
/// let s = sentiment("The support agent was VERY helpful!!");
/// // Python: {'neg': 0.0, 'neu': 0.36, 'pos': 0.64, 'compound': 0.797}
/// assert_eq!((s.compound(), s.positive(), s.neutral(), s.negative()), (0.797, 0.64, 0.36, 0.0));
/// assert_eq!(s.class(), SentimentClass::Positive);
/// assert!((s.raw_compound() - 0.797).abs() < 5e-5);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sentiment {
    compound: f64,
    positive: f64,
    neutral: f64,
    negative: f64,
    raw_compound: f64,
    raw_positive: f64,
    raw_neutral: f64,
    raw_negative: f64,
}

impl Sentiment {
    /// The compound score, `polarity_scores(text)["compound"]`: the normalised sum of the
    /// words' valences, in −1..=1, rounded to 4 decimals.
    #[must_use]
    pub fn compound(&self) -> f64 {
        self.compound
    }

    /// The positive proportion, `["pos"]`, in 0..=1, rounded to 3 decimals.
    #[must_use]
    pub fn positive(&self) -> f64 {
        self.positive
    }

    /// The neutral proportion, `["neu"]`, in 0..=1, rounded to 3 decimals.
    #[must_use]
    pub fn neutral(&self) -> f64 {
        self.neutral
    }

    /// The negative proportion, `["neg"]`, in 0..=1, rounded to 3 decimals.
    #[must_use]
    pub fn negative(&self) -> f64 {
        self.negative
    }

    /// The compound score before rounding.
    #[must_use]
    pub fn raw_compound(&self) -> f64 {
        self.raw_compound
    }

    /// The positive proportion before rounding.
    #[must_use]
    pub fn raw_positive(&self) -> f64 {
        self.raw_positive
    }

    /// The neutral proportion before rounding.
    #[must_use]
    pub fn raw_neutral(&self) -> f64 {
        self.raw_neutral
    }

    /// The negative proportion before rounding.
    #[must_use]
    pub fn raw_negative(&self) -> f64 {
        self.raw_negative
    }

    /// The class of the (rounded) compound score by VADER's thresholds: positive from
    /// [`SentimentClass::POSITIVE_FROM`] (0.05), negative up to
    /// [`SentimentClass::NEGATIVE_TO`] (−0.05), neutral between.
    #[must_use]
    pub fn class(&self) -> SentimentClass {
        SentimentClass::of(self.compound)
    }
}

impl fmt::Display for Sentiment {
    /// `compound +0.7970 (positive 0.640, neutral 0.360, negative 0.000)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "compound {:+.4} (positive {:.3}, neutral {:.3}, negative {:.3})",
            self.compound + 0.0,
            self.positive,
            self.neutral,
            self.negative
        )
    }
}

/// A comment's sentiment class by the thresholds of the VADER authors' documentation:
/// positive when the compound score is at least 0.05, negative when it is at most −0.05,
/// neutral between.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SentimentClass {
    /// Compound ≤ −0.05.
    Negative,
    /// −0.05 < compound < 0.05.
    Neutral,
    /// Compound ≥ 0.05.
    Positive,
}

impl SentimentClass {
    /// The smallest compound score classed positive.
    pub const POSITIVE_FROM: f64 = 0.05;
    /// The largest compound score classed negative.
    pub const NEGATIVE_TO: f64 = -0.05;
    /// The three classes, negative first.
    pub const ALL: [SentimentClass; 3] = [Self::Negative, Self::Neutral, Self::Positive];

    /// The class of a compound score (NaN is neutral).
    ///
    /// ```
    /// use satisfaction::text::SentimentClass;
    ///
    /// assert_eq!(SentimentClass::of(0.05), SentimentClass::Positive);
    /// assert_eq!(SentimentClass::of(0.0499), SentimentClass::Neutral);
    /// assert_eq!(SentimentClass::of(-0.05), SentimentClass::Negative);
    /// ```
    #[must_use]
    pub fn of(compound: f64) -> Self {
        if compound >= Self::POSITIVE_FROM {
            Self::Positive
        } else if compound <= Self::NEGATIVE_TO {
            Self::Negative
        } else {
            Self::Neutral
        }
    }

    /// `"negative"`, `"neutral"` or `"positive"`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Negative => "negative",
            Self::Neutral => "neutral",
            Self::Positive => "positive",
        }
    }

    /// The position in [`ALL`](Self::ALL).
    pub(crate) fn index(self) -> usize {
        match self {
            Self::Negative => 0,
            Self::Neutral => 1,
            Self::Positive => 2,
        }
    }
}

impl fmt::Display for SentimentClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

thread_local! {
    /// Per-thread reusable buffers: once warm, a call allocates only to lowercase non-ASCII
    /// words.
    static SCRATCH: RefCell<tokens::Scratch> = RefCell::new(tokens::Scratch::default());
}

/// The VADER sentiment of `text`, equal to vaderSentiment 3.3.2's
/// `SentimentIntensityAnalyzer().polarity_scores(text)`.
///
/// Any text has a score: empty, blank, punctuation-only and non-English text score 0 in every
/// field unless they contain lexicon words, emoticons or emoji (the lexicon is English, so
/// other languages mostly score 0; see the [module documentation](crate::text) on
/// languages). Never panics; a 1 MB comment takes milliseconds (the reference's quadratic
/// "but" rule is simulated in O(n log n)).
///
/// ```
/// use satisfaction::text::sentiment;
///
/// let s = sentiment("Waited 45 minutes on hold, not happy at all");
/// assert_eq!(s.compound(), -0.4585);
/// assert_eq!(sentiment("").compound(), 0.0);
/// assert_eq!(sentiment("!!! ???").compound(), 0.0);
/// ```
#[must_use]
pub fn sentiment(text: &str) -> Sentiment {
    let computed = SCRATCH.try_with(|cell| match cell.try_borrow_mut() {
        Ok(mut scratch) => {
            let out = sentiment_with(text, &mut scratch);
            scratch.trim();
            out
        }
        // Not re-entered today; fresh buffers if it ever were.
        Err(_) => sentiment_with(text, &mut tokens::Scratch::default()),
    });
    // The thread-local is gone (called from a thread-local destructor): fresh buffers.
    computed.unwrap_or_else(|_| sentiment_with(text, &mut tokens::Scratch::default()))
}

fn sentiment_with(text: &str, scratch: &mut tokens::Scratch) -> Sentiment {
    let lexicons = lexicon::get();
    let prepared = tokens::prepare(text, lexicons, scratch);
    let (words, sentiments) = tokens::view(scratch);
    rules::word_sentiments(words, sentiments);
    rules::but_check(words, sentiments);
    let raw = scores::score_valence(sentiments, prepared.exclamations, prepared.questions);
    Sentiment {
        compound: round::py_round(raw.compound, 4),
        positive: round::py_round(raw.pos, 3),
        neutral: round::py_round(raw.neu, 3),
        negative: round::py_round(raw.neg, 3),
        raw_compound: raw.compound,
        raw_positive: raw.pos,
        raw_neutral: raw.neu,
        raw_negative: raw.neg,
    }
}

/// The reference's rounding of a compound score (4 decimals, Python's `round`), for scores
/// computed elsewhere.
pub(crate) fn round_compound(x: f64) -> f64 {
    round::py_round(x, 4)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> Sentiment {
        let s = sentiment(text);
        for v in [s.compound(), s.positive(), s.neutral(), s.negative()] {
            assert!(v.is_finite() && (-1.0..=1.0).contains(&v), "{v}");
        }
        s
    }

    #[test]
    fn lexicon_is_the_reference_one() {
        // len(SentimentIntensityAnalyzer().lexicon); a repeated key keeps its last value.
        assert_eq!(lexicon::word_count(), 7506);
        assert_eq!(lexicon::valence("good"), Some(1.9));
        assert_eq!(lexicon::valence("lol"), Some(1.8));
        // Present, but unreachable: lookups are lower-cased.
        assert_eq!(lexicon::valence(":D"), Some(2.3));
    }

    #[test]
    fn edge_inputs() {
        let zero = check("");
        assert_eq!(
            (
                zero.compound(),
                zero.positive(),
                zero.neutral(),
                zero.negative()
            ),
            (0.0, 0.0, 0.0, 0.0)
        );
        for text in [
            " ",
            "\t\n\r",
            "\u{a0}\u{3000}\u{2028}\u{85}\x1c",
            "!",
            "!!!???",
            ":)",
            "😀😀😀",
            "🔛",
            "\u{0}",
            "\u{301}",
            "\u{202e}good\u{202c}",
            "ǅ",
            "İ",
            "ΣΣ",
            "but",
            "no no no no",
            "NO",
            "😀 but 😡",
            "👨‍👩‍👧‍👦",
            "\u{1F1FA}\u{1F1F8}",
        ] {
            check(text);
        }
        let words = [
            "no", "NO", "not", "never", "so", "this", "least", "at", "very", "VERY", "kind", "of",
            "but", "BUT", "the", "shit", "bomb", "good", "GOOD", "bad", "without", "doubt", "!",
            "?", ":)", "😀",
        ];
        for a in words {
            for b in words {
                for c in words {
                    check(&format!("{a} {b} {c}"));
                }
            }
        }
    }

    #[test]
    fn classes_follow_the_thresholds() {
        assert_eq!(SentimentClass::of(f64::NAN), SentimentClass::Neutral);
        assert_eq!(sentiment("great").class(), SentimentClass::Positive);
        assert_eq!(sentiment("terrible").class(), SentimentClass::Negative);
        assert_eq!(sentiment("the parcel").class(), SentimentClass::Neutral);
        assert_eq!(
            sentiment("good").to_string(),
            "compound +0.4404 (positive 1.000, neutral 0.000, negative 0.000)"
        );
    }

    #[test]
    fn megabyte_inputs() {
        let unit = "The support was VERY good but the delivery was not great!!! 😀 ";
        let big: String = unit.repeat(1_000_000 / unit.len() + 1);
        assert!(check(&big).compound() > 0.0);
        check(&"good great bad love hate but ".repeat(40_000));
        check(&format!(
            "{} but {}",
            "good ".repeat(100_000),
            "bad ".repeat(100_000)
        ));
        check(&"😀".repeat(250_000));
        check(&"!".repeat(1_000_000));
        check(&"a\u{301}".repeat(300_000));
        check(&" ".repeat(1_000_000));
    }
}
