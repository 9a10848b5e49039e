//! [`SentimentAggregate`]: comments' VADER compound scores as a metric, the mean with its
//! Student t interval and the positive / neutral / negative shares with Wilson intervals.

use std::convert::Infallible;
use std::fmt;

use crate::aggregator::{Aggregator, TryPush};
use crate::counts::Counts;
use crate::display::Percent;
use crate::error::{CompareError, MergeError, StateError};
use crate::interval::{self, ConfidenceLevel, Difference, Interval, ProportionMethod};
use crate::summary::{Column, Report, ReportOptions, Sequential, Value};
use crate::text::error::CompoundError;
use crate::text::vader::{self, Sentiment, SentimentClass};

/// Compound scores are held in ten-thousandths, the reference's rounding: sums are integers,
/// so merges are exact and order-free.
const SCALE: f64 = 1e4;
/// The largest compound score in ten-thousandths.
const TOP: i128 = 10_000;
/// The smallest positive compound score in ten-thousandths (0.05).
const POSITIVE_FROM: i16 = 500;

/// A compound score as the reference reports it: in −1..=1, on the 4-decimal grid. The input
/// of a [`SentimentAggregate`].
///
/// ```
/// use satisfaction::text::{sentiment, CompoundScore, SentimentClass};
///
/// let score = CompoundScore::from(sentiment("Great service, thank you!"));
/// assert_eq!(score.value(), 0.784);
/// assert_eq!(score.class(), SentimentClass::Positive);
/// // From elsewhere: rounded as the reference rounds (Python's round, ties to even).
/// assert_eq!(CompoundScore::new(0.12345)?.value(), 0.1235);
/// assert!(CompoundScore::new(-1.01).is_err());
/// # Ok::<(), satisfaction::text::CompoundError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CompoundScore(i16);

impl CompoundScore {
    /// A compound score computed elsewhere (another VADER, a database column), rounded to 4
    /// decimals as the reference rounds.
    ///
    /// # Errors
    ///
    /// [`CompoundError`] for NaN, infinities and values outside −1..=1.
    pub fn new(compound: f64) -> Result<Self, CompoundError> {
        if !(-1.0..=1.0).contains(&compound) {
            return Err(CompoundError { value: compound });
        }
        Ok(Self::on_grid(vader::round_compound(compound)))
    }

    /// A value already on the 4-decimal grid, in −1..=1.
    fn on_grid(compound: f64) -> Self {
        // In −10,000..=10,000 (clamped for safety), so the cast is exact.
        Self((compound * SCALE).round().clamp(-SCALE, SCALE) as i16)
    }

    /// The score, in −1..=1.
    #[must_use]
    pub fn value(self) -> f64 {
        f64::from(self.0) / SCALE
    }

    /// The score in ten-thousandths, −10,000..=10,000.
    #[must_use]
    pub fn ten_thousandths(self) -> i16 {
        self.0
    }

    /// Its class by VADER's thresholds (positive from 0.05, negative up to −0.05).
    #[must_use]
    pub fn class(self) -> SentimentClass {
        if self.0 >= POSITIVE_FROM {
            SentimentClass::Positive
        } else if self.0 <= -POSITIVE_FROM {
            SentimentClass::Negative
        } else {
            SentimentClass::Neutral
        }
    }
}

impl From<Sentiment> for CompoundScore {
    fn from(s: Sentiment) -> Self {
        // The reference's compound is in −1..=1 and already rounded to 4 decimals.
        Self::on_grid(s.compound())
    }
}

impl From<&Sentiment> for CompoundScore {
    fn from(s: &Sentiment) -> Self {
        Self::from(*s)
    }
}

/// Comments' sentiment as a metric: the mean VADER compound score with its Student t
/// interval, and the shares of positive (compound ≥ 0.05), neutral and negative (≤ −0.05)
/// comments with Wilson intervals.
///
/// It takes text (scored by [`sentiment`](crate::text::sentiment)), [`Sentiment`]s, or
/// compound scores computed elsewhere, all through `try_push`; typed [`CompoundScore`]s
/// through [`push`](Aggregator::push). Like every metric it merges exactly, groups in
/// [`Grouped`](crate::Grouped), is watched by [`Monitor`](crate::monitor::Monitor) (the
/// compound is bounded, so it has a confidence sequence) and charted by `chart::trend`.
///
/// The state is exact: the count of each class and the sum and sum of squares of the compound
/// scores in ten-thousandths (the reference rounds them to 4 decimals), as integers. Merging
/// is addition, exact and order-free; 64 bytes, pushing never allocates.
///
/// Only score comments that have text: an empty comment scores 0 and would count as neutral.
///
/// ```
/// use satisfaction::text::{sentiment, SentimentAggregate};
/// use satisfaction::{Aggregator, ConfidenceLevel, Grouped, Summary};
///
/// let mut all = SentimentAggregate::default();
/// for comment in ["Great service, thank you!", "Waited an hour, terrible", "the parcel", "Love the app"] {
///     all.try_push(comment)?;
/// }
/// all.push(sentiment("Friendly agent").into());
/// let summary = all.summary().unwrap();
/// assert_eq!((summary.positive(), summary.neutral(), summary.negative()), (3, 1, 1));
/// assert!(summary.mean_interval(ConfidenceLevel::P95).contains(summary.mean()));
///
/// let mut by_channel: Grouped<&str, SentimentAggregate> = Grouped::default();
/// by_channel.try_push("chat", "quick and friendly")?;
/// by_channel.try_push("phone", "on hold forever")?;
/// assert_eq!(by_channel.len(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "state::SentimentState", into = "state::SentimentState")
)]
pub struct SentimentAggregate {
    /// Comments per class: negative, neutral, positive.
    classes: Counts<3>,
    /// Σ compound, in ten-thousandths.
    sum: i128,
    /// Σ compound², in ten-thousandths squared.
    sum_squares: u128,
}

impl SentimentAggregate {
    /// An empty aggregate (the same as `SentimentAggregate::default()`).
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Scores and records raw input: a comment's text (`&str`, `&String`: scored by
    /// [`sentiment`](crate::text::sentiment), never refused), a [`Sentiment`], or a compound
    /// score computed elsewhere (`f64`, refused outside −1..=1).
    ///
    /// # Errors
    ///
    /// [`CompoundError`] for a compound score that is not one; nothing is recorded. Text and
    /// [`Sentiment`]s are never refused (their error is [`Infallible`]).
    pub fn try_push<R>(&mut self, raw: R) -> Result<(), <Self as TryPush<R>>::Error>
    where
        Self: TryPush<R>,
    {
        TryPush::try_push(self, raw)
    }

    /// An aggregate from parts kept elsewhere: the comments per class (negative, neutral,
    /// positive) and the sums of the compound scores and of their squares, in ten-thousandths.
    ///
    /// ```
    /// use satisfaction::text::SentimentAggregate;
    /// use satisfaction::Aggregator;
    ///
    /// // 0.8 and -0.6: sums 2,000 and 64,000,000 + 36,000,000 ten-thousandths.
    /// let two = SentimentAggregate::from_parts([1, 0, 1], 2_000, 100_000_000)?;
    /// assert_eq!(two.summary().unwrap().mean(), 0.1);
    /// assert!(SentimentAggregate::from_parts([0, 0, 1], -500, 250_000).is_err());
    /// # Ok::<(), satisfaction::StateError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`StateError::TooMany`] past [`MAX_COUNT`](crate::MAX_COUNT) comments;
    /// [`StateError::Inconsistent`] for sums that scores of those classes cannot add up to.
    pub fn from_parts(
        classes: [u64; 3],
        sum_ten_thousandths: i128,
        sum_squares_ten_thousandths: u128,
    ) -> Result<Self, StateError> {
        let counts = Counts::from_array("sentiment", classes)?;
        let [negative, neutral, positive] = classes.map(i128::from);
        let (sum, squares) = (sum_ten_thousandths, sum_squares_ten_thousandths);
        let edge = i128::from(POSITIVE_FROM);
        // Each class's scores lie in its range: negative −10⁴..=−500, neutral −499..=499,
        // positive 500..=10⁴. The sum and the sum of squares are bounded accordingly, and by
        // Cauchy-Schwarz (Σx)² ≤ n Σx² (compared as |Σx| ⌊|Σx| / n⌋ ≤ Σx², without overflow).
        let low = edge * positive - (edge - 1) * neutral - TOP * negative;
        let high = TOP * positive + (edge - 1) * neutral - edge * negative;
        let polar = (negative + positive).unsigned_abs();
        let squares_low = (edge * edge).unsigned_abs() * polar;
        let squares_high = (TOP * TOP).unsigned_abs() * polar
            + ((edge - 1) * (edge - 1)).unsigned_abs() * neutral.unsigned_abs();
        let n = u128::from(counts.total());
        let spread_ok = n == 0 || sum.unsigned_abs() * (sum.unsigned_abs() / n) <= squares;
        if sum < low || sum > high || squares < squares_low || squares > squares_high || !spread_ok
        {
            return Err(StateError::Inconsistent {
                what: "sentiment",
                problem: "sums outside what compound scores of those classes add up to".into(),
            });
        }
        Ok(Self {
            classes: counts,
            sum,
            sum_squares: squares,
        })
    }

    /// The parts [`from_parts`](Self::from_parts) takes.
    #[must_use]
    pub fn parts(&self) -> ([u64; 3], i128, u128) {
        (*self.classes.as_array(), self.sum, self.sum_squares)
    }
}

impl TryPush<CompoundScore> for SentimentAggregate {
    type Error = Infallible;

    fn input(&self, score: CompoundScore) -> Result<CompoundScore, Infallible> {
        Ok(score)
    }

    fn try_push(&mut self, score: CompoundScore) -> Result<(), Infallible> {
        self.record(score)
    }
}

crate::aggregator::impl_try_push!(<> SentimentAggregate, Sentiment, Infallible, |_, s| Ok(CompoundScore::from(s)));
crate::aggregator::impl_try_push!(<> SentimentAggregate, f64, CompoundError, |_, x| CompoundScore::new(x));

impl<'a> TryPush<&'a str> for SentimentAggregate {
    type Error = Infallible;

    fn input(&self, text: &'a str) -> Result<CompoundScore, Infallible> {
        Ok(CompoundScore::from(vader::sentiment(text)))
    }

    fn try_push(&mut self, text: &'a str) -> Result<(), Infallible> {
        let score = CompoundScore::from(vader::sentiment(text));
        self.record(score)
    }
}

impl<'a> TryPush<&'a String> for SentimentAggregate {
    type Error = Infallible;

    fn input(&self, text: &'a String) -> Result<CompoundScore, Infallible> {
        TryPush::<&str>::input(self, text.as_str())
    }

    fn try_push(&mut self, text: &'a String) -> Result<(), Infallible> {
        TryPush::<&str>::try_push(self, text.as_str())
    }
}

impl Aggregator for SentimentAggregate {
    type Input = CompoundScore;
    type Summary = SentimentSummary;
    type Error = Infallible;

    #[inline]
    fn record(&mut self, score: CompoundScore) -> Result<(), Infallible> {
        let x = i128::from(score.0);
        self.classes.record(score.class().index());
        // At most MAX_COUNT scores of at most 10⁴ (squares 10⁸): far inside 128 bits.
        self.sum += x;
        self.sum_squares += x.unsigned_abs() * x.unsigned_abs();
        Ok(())
    }

    fn check(&self, _: &CompoundScore) -> Result<(), Infallible> {
        Ok(())
    }

    fn merge(&mut self, other: &Self) -> Result<(), MergeError> {
        self.classes.merge(&other.classes)?;
        self.sum += other.sum;
        self.sum_squares += other.sum_squares;
        Ok(())
    }

    fn summary(&self) -> Option<SentimentSummary> {
        (self.count() > 0).then_some(SentimentSummary { state: *self })
    }

    fn count(&self) -> u64 {
        self.classes.total()
    }
}

crate::aggregator::impl_collect!(SentimentAggregate, CompoundScore, from_iter);

/// The summary of a non-empty [`SentimentAggregate`].
///
/// ```
/// use satisfaction::text::SentimentAggregate;
/// use satisfaction::Aggregator;
///
/// let mut scores = SentimentAggregate::default();
/// for compound in [0.8, 0.4, 0.0, -0.6] {
///     scores.try_push(compound)?;
/// }
/// assert_eq!(
///     scores.summary().unwrap().to_string(),
///     "sentiment: mean compound +0.150 (95% CI -0.800 to +1.000, Student t); positive 50.0% \
///      (15.0% to 85.0%), neutral 25.0% (4.6% to 69.9%), negative 25.0% (4.6% to 69.9%), \
///      95% CI Wilson; n = 4"
/// );
/// # Ok::<(), satisfaction::text::CompoundError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct SentimentSummary {
    state: SentimentAggregate,
}

impl SentimentSummary {
    /// The number of comments.
    #[must_use]
    pub fn count(&self) -> u64 {
        self.state.count()
    }

    /// The mean compound score, −1..=1.
    #[must_use]
    pub fn mean(&self) -> f64 {
        (self.state.sum as f64 / self.count() as f64 / SCALE).clamp(-1.0, 1.0)
    }

    /// The sample standard deviation of the compound scores; `None` for a single comment.
    #[must_use]
    pub fn std_dev(&self) -> Option<f64> {
        let (sum, squares) = (self.state.sum.unsigned_abs(), self.state.sum_squares);
        interval::integer_std_dev(self.count(), sum, squares).map(|sd| sd / SCALE)
    }

    /// The Student t interval of the mean compound score, clamped to −1..=1; the whole range
    /// for a single comment.
    #[must_use]
    pub fn mean_interval(&self, level: ConfidenceLevel) -> Interval {
        interval::t_interval(
            self.mean(),
            self.std_dev(),
            self.count(),
            level,
            (-1.0, 1.0),
        )
    }

    /// Comments classed positive (compound ≥ 0.05).
    #[must_use]
    pub fn positive(&self) -> u64 {
        self.of(SentimentClass::Positive)
    }

    /// Comments classed neutral (−0.05 < compound < 0.05).
    #[must_use]
    pub fn neutral(&self) -> u64 {
        self.of(SentimentClass::Neutral)
    }

    /// Comments classed negative (compound ≤ −0.05).
    #[must_use]
    pub fn negative(&self) -> u64 {
        self.of(SentimentClass::Negative)
    }

    /// Comments of one class.
    #[must_use]
    pub fn of(&self, class: SentimentClass) -> u64 {
        self.state.classes.as_array()[class.index()]
    }

    /// The share of one class, 0..=1.
    #[must_use]
    pub fn share(&self, class: SentimentClass) -> f64 {
        (self.of(class) as f64 / self.count() as f64).clamp(0.0, 1.0)
    }

    /// The confidence interval of one class's share, within 0..=1 (Wilson is the default
    /// method: see [`ProportionMethod`]).
    #[must_use]
    pub fn share_interval(
        &self,
        class: SentimentClass,
        level: ConfidenceLevel,
        method: ProportionMethod,
    ) -> Interval {
        interval::proportion_unchecked(self.of(class), self.count(), level, method)
    }

    /// The difference of the mean compound scores (this minus other) by Welch's t.
    ///
    /// # Errors
    ///
    /// [`CompareError::TooFewObservations`] when a side has fewer than 2 comments.
    pub fn mean_difference(
        &self,
        other: &SentimentSummary,
        level: ConfidenceLevel,
    ) -> Result<Difference, CompareError> {
        let side = |s: &Self| (s.count(), s.mean(), s.std_dev());
        interval::welch_of(side(self), side(other), level)
            .ok_or_else(|| CompareError::welch_too_few(self.count(), other.count()))
    }

    /// The difference of one class's shares (this minus other): Newcombe's hybrid score
    /// interval and the pooled z-test p-value.
    #[must_use]
    pub fn share_difference(
        &self,
        other: &SentimentSummary,
        class: SentimentClass,
        level: ConfidenceLevel,
    ) -> Difference {
        crate::share::Share::new(self.of(class), self.count()).difference(
            crate::share::Share::new(other.of(class), other.count()),
            level,
        )
    }
}

// The mean compound score is the headline.
crate::summary::headline!(
    SentimentSummary, "sentiment",
    mean in (-1.0, 1.0),
    mean_interval() by "Student t"
);

impl Sequential for SentimentSummary {
    /// The anytime-valid confidence sequence of the mean compound score (rescaled to 0..=1,
    /// mapped back).
    fn sequence(&self, level: ConfidenceLevel, tuned_for: u64) -> Interval {
        let n = self.count();
        let unit_sum = (self.state.sum as f64 / SCALE + n as f64) / 2.0;
        let unit = interval::sequence_unchecked(unit_sum.max(0.0), n, level, tuned_for);
        Interval::clamped(
            2.0 * unit.lower() - 1.0,
            2.0 * unit.upper() - 1.0,
            -1.0,
            1.0,
        )
    }
}

impl Report for SentimentSummary {
    type Method = ProportionMethod;

    fn columns() -> &'static [Column] {
        const COLUMNS: [Column; 16] = [
            Column::float("mean"),
            Column::float("mean_lower"),
            Column::float("mean_upper"),
            Column::share("positive_share"),
            Column::share("positive_lower"),
            Column::share("positive_upper"),
            Column::share("neutral_share"),
            Column::share("neutral_lower"),
            Column::share("neutral_upper"),
            Column::share("negative_share"),
            Column::share("negative_lower"),
            Column::share("negative_upper"),
            Column::count("n"),
            Column::count("positive"),
            Column::count("neutral"),
            Column::count("negative"),
        ];
        &COLUMNS
    }

    fn values(&self, options: &ReportOptions<ProportionMethod>) -> Vec<Value> {
        let mean = self.mean_interval(options.level);
        let mut values = vec![
            Value::Float(self.mean()),
            Value::Float(mean.lower()),
            Value::Float(mean.upper()),
        ];
        for class in [
            SentimentClass::Positive,
            SentimentClass::Neutral,
            SentimentClass::Negative,
        ] {
            let ci = self.share_interval(class, options.level, options.method);
            values.extend([
                Value::Float(self.share(class)),
                Value::Float(ci.lower()),
                Value::Float(ci.upper()),
            ]);
        }
        values.extend([
            Value::Count(self.count()),
            Value::Count(self.positive()),
            Value::Count(self.neutral()),
            Value::Count(self.negative()),
        ]);
        values
    }
}

impl fmt::Display for SentimentSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (level, method) = (ConfidenceLevel::default(), ProportionMethod::default());
        let mean = self.mean_interval(level);
        write!(
            f,
            "sentiment: mean compound {:+.3} ({level} CI {:+.3} to {:+.3}, Student t)",
            self.mean() + 0.0,
            mean.lower() + 0.0,
            mean.upper() + 0.0
        )?;
        for (i, class) in [
            SentimentClass::Positive,
            SentimentClass::Neutral,
            SentimentClass::Negative,
        ]
        .into_iter()
        .enumerate()
        {
            let ci = self.share_interval(class, level, method);
            write!(
                f,
                "{} {class} {} ({} to {})",
                if i == 0 { ";" } else { "," },
                Percent(self.share(class)),
                Percent(ci.lower()),
                Percent(ci.upper())
            )?;
        }
        write!(f, ", {level} CI {method}; n = {}", self.count())
    }
}

#[cfg(feature = "serde")]
mod state {
    use super::SentimentAggregate;
    use crate::error::StateError;
    use crate::state::{STATE_VERSION, check_version};

    /// The serialised form of a [`SentimentAggregate`]: the comments per class and the sums
    /// of the compound scores and their squares, in ten-thousandths.
    #[derive(serde::Serialize, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(super) struct SentimentState {
        version: u32,
        negative: u64,
        neutral: u64,
        positive: u64,
        sum_ten_thousandths: i128,
        sum_squares_ten_thousandths: u128,
    }

    impl From<SentimentAggregate> for SentimentState {
        fn from(a: SentimentAggregate) -> Self {
            let ([negative, neutral, positive], sum, squares) = a.parts();
            Self {
                version: STATE_VERSION,
                negative,
                neutral,
                positive,
                sum_ten_thousandths: sum,
                sum_squares_ten_thousandths: squares,
            }
        }
    }

    impl TryFrom<SentimentState> for SentimentAggregate {
        type Error = StateError;

        fn try_from(s: SentimentState) -> Result<Self, StateError> {
            check_version(s.version)?;
            SentimentAggregate::from_parts(
                [s.negative, s.neutral, s.positive],
                s.sum_ten_thousandths,
                s.sum_squares_ten_thousandths,
            )
        }
    }
}

#[cfg(feature = "serde")]
impl crate::state::SerialSummary for SentimentSummary {
    const WHAT: &'static str = "sentiment summary";
    type State = SentimentAggregate;

    fn state(&self) -> SentimentAggregate {
        self.state
    }
}

#[cfg(feature = "serde")]
crate::state::serde_summary!(SentimentSummary);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_are_held_in_ten_thousandths() {
        let mut a = SentimentAggregate::default();
        a.try_push(0.05).unwrap();
        a.try_push(0.0499).unwrap();
        a.try_push(-0.05).unwrap();
        a.try_push(-1.0).unwrap();
        a.try_push(1.0).unwrap();
        let s = a.summary().unwrap();
        assert_eq!((s.positive(), s.neutral(), s.negative()), (2, 1, 2));
        assert_eq!(a.parts().1, 500 + 499 - 500 - 10_000 + 10_000);
        assert!(a.try_push(1.0000001).is_err() && a.try_push(f64::INFINITY).is_err());
        assert_eq!(a.count(), 5);
    }

    #[test]
    fn one_comment_has_the_whole_range() {
        let s = [CompoundScore::new(0.3).unwrap()]
            .into_iter()
            .collect::<SentimentAggregate>()
            .summary()
            .unwrap();
        assert_eq!(s.std_dev(), None);
        let ci = s.mean_interval(ConfidenceLevel::P95);
        assert_eq!((ci.lower(), ci.upper()), (-1.0, 1.0));
        assert_eq!(s.sequence(ConfidenceLevel::P95, 1000).lower(), -1.0);
    }

    #[test]
    fn state_checks() {
        assert!(SentimentAggregate::from_parts([0, 0, 0], 0, 0).is_ok());
        assert!(SentimentAggregate::from_parts([0, 0, 0], 1, 0).is_err());
        assert!(SentimentAggregate::from_parts([0, 1, 0], 499, 249_001).is_ok());
        assert!(SentimentAggregate::from_parts([0, 1, 0], 500, 250_000).is_err());
        assert!(SentimentAggregate::from_parts([u64::MAX, 1, 0], 0, 0).is_err());
        // Cauchy-Schwarz: two scores of ±1 summing to 0 need Σx² = 2·10⁸.
        assert!(SentimentAggregate::from_parts([1, 0, 1], 0, 200_000_000).is_ok());
        assert!(SentimentAggregate::from_parts([0, 0, 2], 20_000, 100_000_000).is_err());
    }

    #[test]
    fn differences() {
        let a: SentimentAggregate = [0.5, 0.7, 0.2]
            .into_iter()
            .map(|x| CompoundScore::new(x).unwrap())
            .collect();
        let b: SentimentAggregate = [-0.5, -0.1, 0.0]
            .into_iter()
            .map(|x| CompoundScore::new(x).unwrap())
            .collect();
        let (a, b) = (a.summary().unwrap(), b.summary().unwrap());
        let d = a.mean_difference(&b, ConfidenceLevel::P95).unwrap();
        assert!((d.estimate() - 2.0 / 3.0).abs() < 1e-12);
        let p = a.share_difference(&b, SentimentClass::Positive, ConfidenceLevel::P95);
        assert_eq!(p.estimate(), 1.0);
    }
}
