//! [`WordContrast`]: the words detractors use and promoters do not, as a mergeable aggregator of
//! word counts per NPS group, ranked by the "Fightin' Words" z-score.

use std::cell::Cell;
use std::collections::{HashMap, HashSet};
use std::fmt;

use foldhash::fast::RandomState;

use crate::aggregator::{Aggregator, MAX_COUNT, TryPush, check_merge_total};
use crate::counts::Counts;
use crate::error::{MergeError, Setting, StateError, same};
use crate::scale::{NpsCategory, NpsScore};
use crate::text::contrast::{WordCounts, contrast};
use crate::text::error::WordContrastError;
use crate::text::theme::Fnv;
use crate::text::words::{TokenBuffer, words};

/// Counts of one word: `[detractors, passives, promoters]`.
type Groups = [u64; 3];

const DETRACTORS: usize = 0;
const PROMOTERS: usize = 2;

/// What detractors say that promoters don't: word counts per NPS group, ranked by the log-odds
/// ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin'
/// Words").
///
/// For a word with `y_d`, `y_p` occurrences among detractors (0-6) and promoters (9-10), the
/// groups' word totals `n_d`, `n_p`, the prior `α_w` = the word's count over all comments
/// (passives included) and `α₀` = all words of all comments:
///
/// ```text
/// δ = ln((y_d+α_w)/(n_d+α₀−y_d−α_w)) − ln((y_p+α_w)/(n_p+α₀−y_p−α_w))
/// z = δ / sqrt(1/(y_d+α_w) + 1/(y_p+α_w))
/// ```
///
/// A positive z leans to detractors, a negative one to promoters; |z| above 1.96 is a
/// difference a 5% test would call significant for that one word (with thousands of words,
/// read the top of the list, not every |z| > 1.96). The prior shrinks rare words towards 0, so
/// a word said twice by detractors does not outrank one said two hundred times; words
/// everyone uses ("the", "and") get a z near 0, which is why there are **no stop words by
/// default** ([`with_stop_words`](Self::with_stop_words) removes some anyway).
///
/// Words are those of [`words`](crate::text::words): runs of letters and digits (digits are
/// words too: `45`, `10`), an apostrophe kept between two of them, lower-cased. Every
/// occurrence counts ("slow, slow, slow" is three). Empty and punctuation-only comments are
/// accepted and add no word (they count as comments).
///
/// # Memory bound and cap
///
/// The state is one entry per distinct word: about 120 bytes with its hash-table slot
/// (measured: 118 bytes per 8-byte word at a million words). A word longer than
/// [`MAX_WORD_BYTES`](Self::MAX_WORD_BYTES) (64) bytes (a pasted hash, a sentence in a script
/// without spaces) is counted under its first 64 bytes followed by `…`, so no entry passes
/// about 200 bytes. The vocabulary is capped at [`max_words`](Self::max_words) distinct words
/// ([`DEFAULT_MAX_WORDS`](Self::DEFAULT_MAX_WORDS) = 1,000,000 by default: about 120 MB at the
/// cap, 200 MB at worst; [`WordContrast::new`] sets another). Numbers are words, so order
/// numbers and the like grow the vocabulary. A comment that would take it past the cap is
/// refused whole with [`WordContrastError::VocabularyFull`] (nothing recorded; comments made of
/// known words still count), and a merge past it fails with
/// [`MergeError::CapacityExceeded`]. Evicting rare words instead would make merges depend on
/// their order; refusing keeps every count exact.
///
/// # Example
///
/// ```
/// use satisfaction::text::WordContrast;
/// use satisfaction::{Aggregator, NpsScore};
///
/// let mut words = WordContrast::default();
/// for (score, comment) in [
///     (2, "Still waiting for my refund"),
///     (4, "refund refused, rude agent"),
///     (3, "no refund yet, rude"),
///     (9, "Friendly agent, quick refund"),
///     (10, "friendly and quick!"),
///     (10, "so friendly"),
///     (8, "ok"),
/// ] {
///     words.try_push(NpsScore::new(score)?, comment)?;
/// }
/// let summary = words.summary().expect("seven comments");
/// assert_eq!(summary.detractor_words(1)[0].word(), "rude");
/// assert_eq!(summary.promoter_words(1)[0].word(), "friendly");
/// let refund = summary.word("Refund").expect("said four times");
/// assert_eq!((refund.detractors(), refund.promoters()), (3, 1));
/// assert!(refund.z() > 0.0 && refund.delta() > 0.0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        try_from = "state::WordContrastState",
        into = "state::WordContrastState"
    )
)]
pub struct WordContrast {
    words: HashMap<Box<str>, Groups, RandomState>,
    /// Words per group.
    totals: Groups,
    /// Comments per group.
    comments: Counts<3>,
    max_words: usize,
    stop_words: HashSet<Box<str>, RandomState>,
}

impl Default for WordContrast {
    /// No stop words, a cap of [`DEFAULT_MAX_WORDS`](Self::DEFAULT_MAX_WORDS).
    fn default() -> Self {
        Self {
            words: HashMap::default(),
            totals: [0; 3],
            comments: Counts::default(),
            max_words: Self::DEFAULT_MAX_WORDS,
            stop_words: HashSet::default(),
        }
    }
}

thread_local! {
    /// The words of the comment being counted: no allocation once warm.
    static TOKENS: Cell<TokenBuffer> = Cell::new(TokenBuffer::default());
}

/// The key a word is counted under: itself, or its first [`WordContrast::MAX_WORD_BYTES`]
/// bytes (on a character boundary) and `…`.
fn key(word: &str) -> std::borrow::Cow<'_, str> {
    if word.len() <= WordContrast::MAX_WORD_BYTES {
        return word.into();
    }
    let mut end = WordContrast::MAX_WORD_BYTES;
    while !word.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", word.get(..end).unwrap_or("")).into()
}

/// The key a query or a state names: `word` must be one word (or a key ending in `…`).
fn lookup_key(word: &str) -> Option<String> {
    let mut found = words(word);
    let (Some(first), None) = (found.next(), found.next()) else {
        return None;
    };
    Some(key(&first).into_owned())
}

impl WordContrast {
    /// The default vocabulary cap: one million distinct words.
    pub const DEFAULT_MAX_WORDS: usize = 1_000_000;

    /// Words longer than this (in UTF-8 bytes) are counted under their first 64 bytes
    /// followed by `…`.
    pub const MAX_WORD_BYTES: usize = 64;

    /// An empty contrast with at most `max_words` distinct words (see the memory bound in the
    /// type's documentation).
    #[must_use]
    pub fn new(max_words: usize) -> Self {
        Self {
            max_words,
            ..Self::default()
        }
    }

    /// The same contrast with stop words: words that are never counted (neither in their
    /// group nor in the totals). Each entry is read as comment text, so `"Don’t"` stops
    /// `don't`. Set them before recording: words already counted stay counted.
    ///
    /// ```
    /// use satisfaction::text::WordContrast;
    /// use satisfaction::{Aggregator, NpsScore};
    ///
    /// let mut words = WordContrast::default().with_stop_words(["the", "and", "a"]);
    /// words.try_push(NpsScore::new(3)?, "the app and the website")?;
    /// let summary = words.summary().unwrap();
    /// assert!(summary.word("the").is_none());
    /// assert_eq!(summary.words().len(), 2);
    /// assert_eq!(summary.word_count(satisfaction::NpsCategory::Detractor), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_stop_words<I, S>(mut self, stop_words: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        for entry in stop_words {
            for word in words(entry.as_ref()) {
                self.stop_words.insert(key(&word).into());
            }
        }
        self
    }

    /// The vocabulary cap: the most distinct words this contrast holds.
    #[must_use]
    pub fn max_words(&self) -> usize {
        self.max_words
    }

    /// The stop words, sorted.
    #[must_use]
    pub fn stop_words(&self) -> Vec<&str> {
        let mut list: Vec<&str> = self.stop_words.iter().map(|w| &**w).collect();
        list.sort_unstable();
        list
    }

    /// The number of distinct words held.
    #[must_use]
    pub fn vocabulary(&self) -> usize {
        self.words.len()
    }

    /// Counts every word of `text` for `score`'s group, or refuses the comment and changes
    /// nothing.
    ///
    /// # Errors
    ///
    /// [`WordContrastError::VocabularyFull`] when the comment's new words would take the
    /// vocabulary past [`max_words`](Self::max_words);
    /// [`WordContrastError::CountOverflow`] past [`MAX_COUNT`] comments or words.
    pub fn try_push(&mut self, score: NpsScore, text: &str) -> Result<(), WordContrastError> {
        TryPush::try_push(self, (score, text))
    }

    /// Whether the counted words `found` (keys, stop words left out) can be recorded.
    fn check_words(&self, tokens: &TokenBuffer) -> Result<(), WordContrastError> {
        if self.count() >= MAX_COUNT {
            return Err(WordContrastError::CountOverflow {
                what: "comments",
                limit: MAX_COUNT,
            });
        }
        let total = self.totals.iter().fold(0u64, |t, &n| t.saturating_add(n));
        // The words of the comment bound those counted (stop words are not): far from both
        // limits, as nearly always, nothing more to check.
        let most = tokens.len();
        if self.words.len().saturating_add(most) <= self.max_words
            && most as u64 <= MAX_COUNT.saturating_sub(total)
        {
            return Ok(());
        }
        let found = tokens.iter();
        let counted = || found.clone().map(key).filter(|w| !self.is_stop_word(w));
        let n = counted().count();
        if n as u64 > MAX_COUNT.saturating_sub(total) {
            return Err(WordContrastError::CountOverflow {
                what: "words",
                limit: MAX_COUNT,
            });
        }
        if self.words.len().saturating_add(n) > self.max_words {
            // Only near the cap: count the distinct new words exactly.
            let mut new: HashSet<String, RandomState> = HashSet::default();
            for w in counted() {
                if !self.words.contains_key(&*w) {
                    new.insert(w.into_owned());
                }
            }
            if self.words.len().saturating_add(new.len()) > self.max_words {
                return Err(WordContrastError::VocabularyFull {
                    words: self.words.len(),
                    new: new.len(),
                    limit: self.max_words,
                });
            }
        }
        Ok(())
    }

    fn is_stop_word(&self, word: &str) -> bool {
        !self.stop_words.is_empty() && self.stop_words.contains(word)
    }

    /// Counts `text` for `group`, or refuses it and changes nothing.
    fn add(&mut self, group: usize, text: &str) -> Result<(), WordContrastError> {
        with_tokens(text, |tokens| {
            self.check_words(tokens)?;
            for word in tokens.iter() {
                let word = key(word);
                if self.is_stop_word(&word) {
                    continue;
                }
                match self.words.get_mut(&*word) {
                    Some(counts) => counts[group] = counts[group].saturating_add(1),
                    None => {
                        let mut counts = [0; 3];
                        counts[group] = 1;
                        self.words.insert(word.into(), counts);
                    }
                }
                self.totals[group] = self.totals[group].saturating_add(1);
            }
            self.comments.record(group);
            Ok(())
        })
    }
}

/// Calls `f` with the words of `text`, in the per-thread buffer (taken out while in use, so
/// a nested call gets a fresh one).
fn with_tokens<R>(text: &str, f: impl FnOnce(&TokenBuffer) -> R) -> R {
    let mut buffer = TOKENS.try_with(Cell::take).unwrap_or_default();
    buffer.fill(text);
    let out = f(&buffer);
    buffer.trim();
    let _ = TOKENS.try_with(|cell| cell.set(buffer));
    out
}

impl<'a> TryPush<(NpsScore, &'a str)> for WordContrast {
    type Error = WordContrastError;

    fn input(
        &self,
        (score, text): (NpsScore, &'a str),
    ) -> Result<(NpsScore, String), WordContrastError> {
        with_tokens(text, |tokens| self.check_words(tokens))?;
        Ok((score, text.to_owned()))
    }

    fn try_push(&mut self, (score, text): (NpsScore, &'a str)) -> Result<(), WordContrastError> {
        self.add(score.category().index(), text)
    }
}

impl Aggregator for WordContrast {
    type Input = (NpsScore, String);
    type Summary = WordContrastSummary;
    type Error = WordContrastError;

    fn record(&mut self, (score, text): (NpsScore, String)) -> Result<(), WordContrastError> {
        self.add(score.category().index(), &text)
    }

    fn check(&self, (_, text): &(NpsScore, String)) -> Result<(), WordContrastError> {
        with_tokens(text, |tokens| self.check_words(tokens))
    }

    /// Adds the other contrast's counts. All or nothing: the caps and stop words must agree,
    /// the comments and words stay within [`MAX_COUNT`], and the merged vocabulary within the
    /// cap ([`MergeError::CapacityExceeded`]).
    fn merge(&mut self, other: &Self) -> Result<(), MergeError> {
        same("vocabulary cap", self.max_words, other.max_words, |n| {
            Setting::Count(n as u64)
        })?;
        same("stop words", &self.stop_words, &other.stop_words, |s| {
            Setting::Fingerprint(fingerprint(s))
        })?;
        check_merge_total(self.count(), other.count())?;
        let words = |t: &Groups| t.iter().fold(0u64, |s, &n| s.saturating_add(n));
        check_merge_total(words(&self.totals), words(&other.totals))?;
        let new = other
            .words
            .keys()
            .filter(|w| !self.words.contains_key(*w))
            .count();
        let size = self.words.len().saturating_add(new);
        if size > self.max_words {
            return Err(MergeError::CapacityExceeded {
                what: "word contrast vocabulary",
                size: size as u64,
                limit: self.max_words as u64,
            });
        }
        self.comments.merge(&other.comments)?;
        for (word, theirs) in &other.words {
            match self.words.get_mut(word) {
                Some(mine) => {
                    for (m, t) in mine.iter_mut().zip(theirs) {
                        *m += t;
                    }
                }
                None => {
                    self.words.insert(word.clone(), *theirs);
                }
            }
        }
        for (m, t) in self.totals.iter_mut().zip(other.totals) {
            *m += t;
        }
        Ok(())
    }

    fn summary(&self) -> Option<WordContrastSummary> {
        (self.count() > 0).then(|| WordContrastSummary::new(self))
    }

    /// Comments recorded (empty ones included).
    fn count(&self) -> u64 {
        self.comments.total()
    }
}

/// A stable fingerprint of a set of words (sorted, FNV-1a).
fn fingerprint(words: &HashSet<Box<str>, RandomState>) -> u64 {
    let mut sorted: Vec<&str> = words.iter().map(|w| &**w).collect();
    sorted.sort_unstable();
    let mut hash = Fnv::default();
    for w in sorted {
        hash.write(w.as_bytes());
        hash.write(&[0xff]);
    }
    hash.0
}

impl WordContrast {
    /// A contrast from counts kept elsewhere: the cap, the stop words, the comments per group
    /// (`[detractors, passives, promoters]`) and each word's counts per group. Serde goes
    /// through it too.
    ///
    /// ```
    /// use satisfaction::text::WordContrast;
    /// use satisfaction::Aggregator;
    ///
    /// let words = WordContrast::from_parts(1000, ["the"], [2, 0, 1], [("refund", [3, 0, 1]), ("quick", [0, 0, 2])])?;
    /// assert_eq!(words.count(), 3);
    /// assert_eq!(words.summary().unwrap().detractor_words(1)[0].word(), "refund");
    /// assert!(WordContrast::from_parts(1000, [""; 0], [0, 0, 0], [("refund", [1, 0, 0])]).is_err());
    /// # Ok::<(), satisfaction::StateError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`StateError::TooMany`] past [`MAX_COUNT`] comments or words;
    /// [`StateError::Inconsistent`] for a word that is not one normalised word (as
    /// [`words`](crate::text::words) writes them), a word listed twice or with no
    /// occurrence, or words in a group without comments.
    pub fn from_parts<S, W>(
        max_words: usize,
        stop_words: impl IntoIterator<Item = S>,
        comments: [u64; 3],
        word_counts: impl IntoIterator<Item = (W, [u64; 3])>,
    ) -> Result<Self, StateError>
    where
        S: AsRef<str>,
        W: AsRef<str>,
    {
        const WHAT: &str = "word contrast";
        let inconsistent = |problem: String| StateError::Inconsistent {
            what: WHAT,
            problem,
        };
        let mut contrast = WordContrast::new(max_words).with_stop_words(stop_words);
        contrast.comments = Counts::from_array(WHAT, comments)?;
        let mut totals = [0u128; 3];
        for (word, counts) in word_counts {
            let word = word.as_ref();
            if !is_key(word) {
                return Err(inconsistent(format!(
                    "{word:?} is not a word as comments are split into words"
                )));
            }
            if counts.iter().all(|&n| n == 0) {
                return Err(inconsistent(format!("{word:?} is held with no occurrence")));
            }
            for (t, &n) in totals.iter_mut().zip(&counts) {
                *t += u128::from(n);
            }
            if contrast.words.insert(word.into(), counts).is_some() {
                return Err(inconsistent(format!("{word:?} is listed twice")));
            }
        }
        let total: u128 = totals.iter().sum();
        if total > u128::from(MAX_COUNT) {
            return Err(StateError::TooMany {
                what: "word contrast words",
                total,
                limit: MAX_COUNT,
            });
        }
        for (group, (&words, &comments)) in totals.iter().zip(&comments).enumerate() {
            if words > 0 && comments == 0 {
                return Err(inconsistent(format!(
                    "{words} words of {} but no comment",
                    NpsCategory::ALL[group].plural()
                )));
            }
        }
        // Each total is at most the grand total, which fits.
        contrast.totals = totals.map(|t| u64::try_from(t).unwrap_or(u64::MAX));
        Ok(contrast)
    }
}

/// Whether `word` is a key [`WordContrast`] counts words under: one normalised word, or the
/// first 61 to 64 bytes of a longer one followed by `…`.
fn is_key(word: &str) -> bool {
    match word.strip_suffix('…') {
        Some(head) => {
            head.len() > WordContrast::MAX_WORD_BYTES - 4
                && head.len() <= WordContrast::MAX_WORD_BYTES
                && lookup_key(head).as_deref() == Some(head)
        }
        None => lookup_key(word).as_deref() == Some(word),
    }
}

/// One word's counts and its contrast, detractors against promoters.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct WordScore {
    word: Box<str>,
    counts: Groups,
    delta: f64,
    z: f64,
}

impl WordScore {
    /// The word (lower case; a word longer than 64 bytes is shown as its first 64 and `…`).
    #[must_use]
    pub fn word(&self) -> &str {
        &self.word
    }

    /// δ: the log-odds of the word among detractors minus among promoters, with the prior.
    /// Positive: detractors use it more.
    #[must_use]
    pub fn delta(&self) -> f64 {
        self.delta
    }

    /// δ over its estimated standard deviation. Above 1.96 (below −1.96), detractors
    /// (promoters) use the word more than a 5% two-sided test would put down to chance.
    #[must_use]
    pub fn z(&self) -> f64 {
        self.z
    }

    /// Occurrences among detractors (`y_d`).
    #[must_use]
    pub fn detractors(&self) -> u64 {
        self.counts[DETRACTORS]
    }

    /// Occurrences among passives.
    #[must_use]
    pub fn passives(&self) -> u64 {
        self.counts[1]
    }

    /// Occurrences among promoters (`y_p`).
    #[must_use]
    pub fn promoters(&self) -> u64 {
        self.counts[PROMOTERS]
    }

    /// Occurrences in all comments (the prior `α_w`).
    #[must_use]
    pub fn total(&self) -> u64 {
        self.counts.iter().fold(0u64, |t, &n| t.saturating_add(n))
    }
}

/// The summary of a non-empty [`WordContrast`]: every word's counts, δ and z, and the words
/// ranked by z.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct WordContrastSummary {
    /// Alphabetical (by bytes), so a word is found by binary search.
    words: Vec<WordScore>,
    /// Indices into `words` by z, largest first (ties alphabetical).
    ranked: Vec<usize>,
    /// Indices into `words` by z, smallest first (ties alphabetical).
    promoters: Vec<usize>,
    comments: Groups,
    totals: Groups,
}

impl WordContrastSummary {
    fn new(source: &WordContrast) -> Self {
        let [n_d, _, n_p] = source.totals;
        let alpha_0 = source.totals.iter().fold(0u64, |t, &n| t.saturating_add(n));
        let mut words: Vec<WordScore> = source
            .words
            .iter()
            .map(|(word, &counts)| {
                let c = contrast(WordCounts {
                    y_d: counts[DETRACTORS],
                    y_p: counts[PROMOTERS],
                    n_d,
                    n_p,
                    alpha_w: counts.iter().fold(0u64, |t, &n| t.saturating_add(n)),
                    alpha_0,
                });
                WordScore {
                    word: word.clone(),
                    counts,
                    delta: c.delta,
                    z: c.z,
                }
            })
            .collect();
        words.sort_unstable_by(|a, b| a.word.cmp(&b.word));
        // Indices in alphabetical order, so ties stay alphabetical (the sort is stable).
        let mut ranked: Vec<usize> = (0..words.len()).collect();
        ranked.sort_by(|&a, &b| words[b].z.total_cmp(&words[a].z));
        let mut promoters: Vec<usize> = (0..words.len()).collect();
        promoters.sort_by(|&a, &b| words[a].z.total_cmp(&words[b].z));
        Self {
            words,
            ranked,
            promoters,
            comments: *source.comments.as_array(),
            totals: source.totals,
        }
    }

    /// The counts and contrast of `word` (read as comment text: `"Refund"` finds `refund`),
    /// or `None` when no comment used it (or it is not one word).
    #[must_use]
    pub fn word(&self, word: &str) -> Option<&WordScore> {
        let key = lookup_key(word)?;
        self.words
            .binary_search_by(|w| (*w.word).cmp(key.as_str()))
            .ok()
            .and_then(|i| self.words.get(i))
    }

    /// The `k` words with the largest z, largest first: what detractors say more than
    /// promoters (ties in alphabetical order).
    #[must_use]
    pub fn detractor_words(&self, k: usize) -> Vec<&WordScore> {
        self.ranked
            .iter()
            .take(k)
            .filter_map(|&i| self.words.get(i))
            .collect()
    }

    /// The `k` words with the smallest (most negative) z, smallest first: what promoters say
    /// more than detractors.
    #[must_use]
    pub fn promoter_words(&self, k: usize) -> Vec<&WordScore> {
        self.promoters
            .iter()
            .take(k)
            .filter_map(|&i| self.words.get(i))
            .collect()
    }

    /// Every word, alphabetically (by bytes).
    #[must_use]
    pub fn words(&self) -> &[WordScore] {
        &self.words
    }

    /// The number of comments recorded (empty ones included).
    #[must_use]
    pub fn count(&self) -> u64 {
        self.comments.iter().fold(0u64, |t, &n| t.saturating_add(n))
    }

    /// The comments of one NPS group.
    #[must_use]
    pub fn comments(&self, category: NpsCategory) -> u64 {
        self.comments[category.index()]
    }

    /// The words counted in one NPS group's comments (`n_d` for detractors, `n_p` for
    /// promoters).
    #[must_use]
    pub fn word_count(&self, category: NpsCategory) -> u64 {
        self.totals[category.index()]
    }

    /// The words counted in all comments (`α₀`).
    #[must_use]
    pub fn total_words(&self) -> u64 {
        self.totals.iter().fold(0u64, |t, &n| t.saturating_add(n))
    }
}

impl fmt::Display for WordContrastSummary {
    /// The ten words each side says more, with their z and counts.
    ///
    /// ```
    /// use satisfaction::text::WordContrast;
    /// use satisfaction::Aggregator;
    ///
    /// let words = WordContrast::from_parts(1000, [""; 0], [2, 0, 2], [("refund", [3, 0, 0]), ("quick", [0, 0, 2]), ("the", [1, 0, 1])])?;
    /// assert_eq!(
    ///     words.summary().unwrap().to_string(),
    ///     "word contrast (Monroe, Colaresi & Quinn 2008), detractors against promoters: 4 comments \
    ///      (detractors 2, passives 0, promoters 2), 7 words, 3 distinct\n\
    ///      detractors say more:\n\
    ///      \x20 refund                z +1.46  (detractors 3, promoters 0)\n\
    ///      promoters say more:\n\
    ///      \x20 quick                 z -1.27  (detractors 0, promoters 2)\n\
    ///      \x20 the                   z -0.16  (detractors 1, promoters 1)\n"
    /// );
    /// # Ok::<(), satisfaction::StateError>(())
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [d, p, pr] = self.comments;
        writeln!(
            f,
            "word contrast (Monroe, Colaresi & Quinn 2008), detractors against promoters: {} \
             comments (detractors {d}, passives {p}, promoters {pr}), {} words, {} distinct",
            self.count(),
            self.total_words(),
            self.words.len()
        )?;
        let line = |f: &mut fmt::Formatter<'_>, w: &WordScore| {
            writeln!(
                f,
                "  {:<20}  z {:+.2}  (detractors {}, promoters {})",
                w.word(),
                w.z() + 0.0,
                w.detractors(),
                w.promoters()
            )
        };
        writeln!(f, "detractors say more:")?;
        for w in self.detractor_words(10).into_iter().filter(|w| w.z > 0.0) {
            line(f, w)?;
        }
        writeln!(f, "promoters say more:")?;
        for w in self.promoter_words(10).into_iter().filter(|w| w.z < 0.0) {
            line(f, w)?;
        }
        Ok(())
    }
}

#[cfg(feature = "serde")]
mod state {
    use super::{Groups, WordContrast};
    use crate::error::StateError;
    use crate::state::{STATE_VERSION, check_version};

    /// The serialised form of a [`WordContrast`]: the words sorted, each with its counts per
    /// group (detractors, passives, promoters).
    #[derive(serde::Serialize, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(super) struct WordContrastState {
        version: u32,
        max_words: u64,
        stop_words: Vec<String>,
        detractors: u64,
        passives: u64,
        promoters: u64,
        words: Vec<(String, u64, u64, u64)>,
    }

    impl From<WordContrast> for WordContrastState {
        fn from(c: WordContrast) -> Self {
            let [detractors, passives, promoters] = *c.comments.as_array();
            let mut words: Vec<(String, u64, u64, u64)> = c
                .words
                .iter()
                .map(|(w, &[d, p, pr])| (w.to_string(), d, p, pr))
                .collect();
            words.sort_unstable();
            Self {
                version: STATE_VERSION,
                max_words: c.max_words as u64,
                stop_words: c.stop_words().into_iter().map(str::to_owned).collect(),
                detractors,
                passives,
                promoters,
                words,
            }
        }
    }

    impl TryFrom<WordContrastState> for WordContrast {
        type Error = StateError;

        fn try_from(s: WordContrastState) -> Result<Self, StateError> {
            check_version(s.version)?;
            let max_words = usize::try_from(s.max_words).unwrap_or(usize::MAX);
            let words = s
                .words
                .into_iter()
                .map(|(w, d, p, pr)| (w, [d, p, pr] as Groups));
            WordContrast::from_parts(
                max_words,
                s.stop_words,
                [s.detractors, s.passives, s.promoters],
                words,
            )
        }
    }
}
