//! Open-text comments: sentiment, themes, and what detractors say that promoters don't.
//!
//! A score says how customers feel; the comment box says why. This module brings comments
//! into the same typed, mergeable, interval-carrying world as the scores:
//!
//! | what | how | source |
//! |---|---|---|
//! | [`sentiment`] of one comment | VADER's compound, positive, neutral and negative scores | Hutto & Gilbert (2014); equal to Python `vaderSentiment` 3.3.2 |
//! | [`SentimentAggregate`] | the mean compound score (Student t) and the positive / neutral / negative shares (Wilson) as a metric | VADER's thresholds, ±0.05 |
//! | [`Theme`], [`ThemeSet`] | themes as rules: `wait* OR "on hold"`, `refund AND NOT "got my refund"` | Qualtrics Text iQ topic queries |
//! | [`ThemeTable`] | per theme: mentions, share among detractors, passives and promoters, NPS of those who mention it against the rest | Wilson; MOVER on Tango score intervals |
//! | [`ThemeSplit`] | any other metric (CSAT, CES, ...) of those who mention each theme against the rest | the metric's own |
//! | [`WordContrast`] | the words detractors use more than promoters, and the reverse, with a z-score | Monroe, Colaresi & Quinn (2008), "Fightin' Words" |
//! | [`CommentAnalysis`] | all of the above from a survey's responses (an export's text and NPS columns) | |
//!
//! # A walk through
//!
//! ```
//! use satisfaction::text::{sentiment, SentimentAggregate, Theme, ThemeSet, ThemeTable, WordContrast};
//! use satisfaction::{Aggregator, NpsScore};
//!
//! // One comment's sentiment, exactly as vaderSentiment 3.3.2 scores it.
//! let s = sentiment("The agent was friendly, but I waited 40 minutes on hold :(");
//! assert_eq!(s.compound(), -0.4118); // the "but" shifts the weight to the wait
//!
//! // A theme is a rule, parsed once and matched many times.
//! let waiting = Theme::parse("waiting", "wait* OR \"on hold\" OR queue*")?;
//! assert!(waiting.matches("Waited 40 minutes ON HOLD"));
//!
//! let responses = [
//!     (2, "Waited 40 minutes on hold, terrible"),
//!     (4, "still waiting for my refund"),
//!     (6, "refund took weeks"),
//!     (9, "friendly agent, sorted quickly"),
//!     (10, "Very friendly and helpful!"),
//!     (10, "quick and friendly"),
//! ];
//! let themes = ThemeSet::parse([("waiting", "wait* OR \"on hold\""), ("refund", "refund*")])?;
//! let mut mood = SentimentAggregate::default();
//! let mut table = ThemeTable::new(themes);
//! let mut words = WordContrast::default();
//! for (score, comment) in responses {
//!     let score = NpsScore::new(score)?;
//!     mood.try_push(comment)?;
//!     table.try_push(score, comment)?;
//!     words.try_push(score, comment)?;
//! }
//! println!("{}", mood.summary().unwrap()); // mean compound, shares, intervals
//! println!("{}", table.summary().unwrap()); // the theme table against NPS
//! let words = words.summary().unwrap();
//! assert_eq!(words.promoter_words(1)[0].word(), "friendly");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Everything here is an [`Aggregator`](crate::Aggregator): partial results merge exactly
//! (integer counts and sums), so comments can be analysed per segment with
//! [`Grouped`](crate::Grouped), per thread or per machine.
//!
//! # Accuracy
//!
//! - [`sentiment`] is a port of vaderSentiment 3.3.2 checked on 9,974 varied comments
//!   (`tests/reference/text/vader.csv`): every rounded score is bit-identical to the
//!   reference's, and the unrounded compound too. The reference's quirks are kept (a
//!   "but" rescales by value, not by position; "ok!" keeps its "!" and misses the lexicon;
//!   only single-code-point emoji are read; Python 3.11's Unicode 14 case rules).
//! - Theme rules and the word contrast are checked against an independent Python
//!   implementation of their specification (`tests/reference/text/generate_themes.py`):
//!   every match equal, every δ and z within 1e-13 relative (in practice bit for bit).
//!
//! # Languages
//!
//! VADER is English-only: its lexicon, negations and boosters are English words. Other
//! languages mostly score 0 (neutral), except for the emoji and emoticons they contain, and
//! [`sentiment`] returns the reference's scores for any text: nothing here guesses a language
//! or changes a score. Filter the comments upstream when a survey collects several
//! languages (an export's language column, a detector of your choice). Themes and the word
//! contrast work on any script whose words are separated by spaces or punctuation (words are
//! runs of Unicode letters and digits); a Chinese or Japanese sentence is one "word".
//!
//! # Limitations
//!
//! - No stemming or spelling correction: use prefixes (`refund*`) in rules; the word contrast
//!   counts `refund` and `refunds` apart.
//! - The word contrast's memory grows with its vocabulary, capped (see [`WordContrast`]).
//! - Rules nest at most 64 parentheses deep; themes of a set need distinct names.

mod comments;
mod contrast;
mod error;
mod rule;
mod sentiment;
mod split;
mod table;
mod theme;
mod vader;
mod word_contrast;
mod words;

pub use comments::{CommentAnalysis, CommentSummary};
pub use error::{CommentError, CompoundError, RuleError, ThemeError, WordContrastError};
pub use sentiment::{CompoundScore, SentimentAggregate, SentimentSummary};
pub use split::{ThemeSplit, ThemeSplitRow, ThemeSplitSummary};
pub use table::{ThemeRow, ThemeTable, ThemeTableSummary};
pub use theme::{Theme, ThemeMatches, ThemeSet};
pub use vader::{Sentiment, SentimentClass, sentiment};
pub use word_contrast::{WordContrast, WordContrastSummary, WordScore};
pub use words::{Words, words};
