//! Estimates on calibrated (raked or post-stratified) weights, with the calibration-aware
//! standard error and the fixed-weight one side by side.
//!
//! Raking and post-stratification force the weighted margins to known population values, so
//! the part of a variable that the margins explain no longer varies from sample to sample.
//! R's `svymean` on a raked or post-stratified design (`survey::svyrecvar`) therefore computes
//! the linearised variance from *residuals*: the influence values `zᵢ = wᵢ (yᵢ − ȳ) / W` are
//! projected off the margin indicators, then enter the usual with-replacement formula
//! `n/(n − 1) Σ (zᵢ − z̄)²` (Deville & Särndal 1992; Lumley 2010, §7.4).
//!
//! For post-stratification the projection is one step: in each cell, subtract the cell's
//! mean of `zᵢ / ψᵢ` times `ψᵢ`, where `ψᵢ` is the weight after post-stratification. For raking
//! R does it by backfitting: ten passes over the margins, each subtracting the per-category
//! mean of `zᵢ / ψᵢ`, with `ψᵢ` the weights right after that margin's adjustment in the final
//! raking cycle. We do exactly the same ten passes, so we match R also when ten passes have not
//! fully converged to the least-squares projection (with many or strongly associated margins).
//! For an unweighted starting sample the limit is the ordinary least-squares residual of y on
//! the margin indicators, multiplied by the raked weights.
//!
//! The fixed-weight standard error treats the final weights as if they were design weights
//! (`svydesign(ids = ~1, weights = ~w)` with the raked `w`): usually larger, because it ignores
//! that the margins are known.

use std::fmt;

use crate::display::Percent;
use crate::interval::{ConfidenceLevel, Interval};
use crate::scale::NpsScore;

use super::error::CalibrationError;
use super::interval::{self, NORMAL, WeightedMethod};

/// R's `svyrecvar` projects raking residuals by this many backfitting passes.
const RAKING_PASSES: usize = 10;

/// One margin (or the post-stratification cells): each row's category and the weights `ψ` the
/// projection divides by.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Projection {
    pub(super) group: Vec<usize>,
    pub(super) groups: usize,
    pub(super) psi: Vec<f64>,
    /// The weights of the category means: `None` for plain means (raking, as R's `ave()`),
    /// the weights before calibration for post-stratification (R's `oldweights`).
    pub(super) mean_weights: Option<Vec<f64>>,
}

/// Calibrated weights for a set of rows, and what the calibration-aware standard errors need:
/// fit once with [`Raking::calibrate`](super::Raking::calibrate) or
/// [`PostStratification::calibrate`](super::PostStratification::calibrate) (or their
/// `_weighted` forms, which start from design weights), then estimate as many variables as
/// needed.
///
/// ```
/// use satisfaction::weighting::Raking;
///
/// let raking = Raking::builder()
///     .margin("class", &[("business", 0.2), ("economy", 0.8)])
///     .build()?;
/// let rows = [["business"], ["business"], ["economy"], ["economy"], ["economy"]];
/// let calibration = raking.calibrate(&rows)?;
/// assert_eq!(calibration.count(), 5);
/// assert!((calibration.weights().iter().sum::<f64>() - 5.0).abs() < 1e-12);
/// let nps = calibration.nps(&[10, 9, 3, 8, 10])?;
/// let satisfied = calibration.proportion(&[true, true, false, true, true])?;
/// assert!(nps.standard_error() <= nps.fixed_weight_standard_error());
/// assert!((satisfied.share() - (0.2 + 0.8 * 2.0 / 3.0)).abs() < 1e-12);
/// # Ok::<(), satisfaction::weighting::CalibrationError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Calibration {
    pub(super) weights: Vec<f64>,
    pub(super) projections: Vec<Projection>,
    /// True for raking (ten backfitting passes), false for post-stratification (one exact one).
    pub(super) raking: bool,
    /// Raking cycles run (0 for post-stratification).
    pub(super) iterations: u32,
}

impl Calibration {
    /// The calibrated weight of each row, in the order given; they sum to the number of rows.
    #[must_use]
    pub fn weights(&self) -> &[f64] {
        &self.weights
    }

    /// The weights, taking them out.
    #[must_use]
    pub fn into_weights(self) -> Vec<f64> {
        self.weights
    }

    /// The number of rows.
    #[must_use]
    pub fn count(&self) -> u64 {
        self.weights.len() as u64
    }

    /// Raking cycles until convergence (R's iterations plus one: the cycle that found nothing
    /// moving counts); 0 for post-stratification.
    #[must_use]
    pub fn iterations(&self) -> u32 {
        self.iterations
    }

    /// The share of `flags` (one per row) on the calibrated weights, with the calibration-aware
    /// standard error and the fixed-weight one.
    ///
    /// # Errors
    ///
    /// [`CalibrationError::LengthMismatch`] unless there is one flag per row.
    pub fn proportion(&self, flags: &[bool]) -> Result<CalibratedShare, CalibrationError> {
        self.share(flags)
    }

    /// The mean of `values` (one per row) on the calibrated weights, with both standard
    /// errors; its interval is clamped to the range of the values.
    ///
    /// # Errors
    ///
    /// [`CalibrationError::LengthMismatch`], and [`CalibrationError::InvalidValue`] for a value
    /// that is not finite (or beyond ±1e100).
    pub fn mean(&self, values: &[f64]) -> Result<CalibratedMean, CalibrationError> {
        self.mean_of(values, "mean")
    }

    /// The NPS of `scores` (one 0..=10 score per row) on the calibrated weights, in points,
    /// with both standard errors; its interval is clamped to −100..=100.
    ///
    /// # Errors
    ///
    /// [`CalibrationError::LengthMismatch`], and [`CalibrationError::InvalidValue`] for a score
    /// above 10.
    pub fn nps(&self, scores: &[u8]) -> Result<CalibratedMean, CalibrationError> {
        self.check_len(scores.len())?;
        let values = nps_values(scores)?;
        let mut mean = self.mean_of(&values, "NPS")?;
        mean.domain = (-100.0, 100.0);
        Ok(mean)
    }
}

/// Estimate, calibrated and fixed-weight standard errors, counts.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Estimate {
    n: u64,
    estimate: f64,
    /// `Σ w (1 − y) / W`: for a share, 1 − p without cancellation.
    complement: f64,
    calibrated_se: f64,
    fixed_se: f64,
    effective_n: f64,
}

/// `n/(n − 1) Σ (zᵢ − z̄)²`, square-rooted; infinite for one row.
fn with_replacement_se(z: &[f64]) -> f64 {
    let n = z.len();
    if n < 2 {
        return f64::INFINITY;
    }
    let nf = n as f64;
    let mean = z.iter().sum::<f64>() / nf;
    let ss: f64 = z.iter().map(|x| (x - mean) * (x - mean)).sum();
    (ss * nf / (nf - 1.0)).sqrt()
}

impl Calibration {
    /// The weighted mean of `values` on the calibrated weights, with both standard errors.
    fn estimate(&self, values: &[f64]) -> Estimate {
        let w = &self.weights;
        let total: f64 = w.iter().sum();
        let mean = w.iter().zip(values).map(|(w, y)| w * y).sum::<f64>() / total;
        let complement = w
            .iter()
            .zip(values)
            .map(|(w, y)| w * (1.0 - y))
            .sum::<f64>()
            / total;
        let mut z: Vec<f64> = w
            .iter()
            .zip(values)
            .map(|(w, y)| (y - mean) * w / total)
            .collect();
        let fixed_se = with_replacement_se(&z);
        let passes = if self.raking { RAKING_PASSES } else { 1 };
        let mut sums = Vec::new();
        let mut totals = Vec::new();
        for _ in 0..passes {
            for p in &self.projections {
                sums.clear();
                sums.resize(p.groups, 0.0);
                totals.clear();
                totals.resize(p.groups, 0.0);
                match &p.mean_weights {
                    None => {
                        for ((zi, &g), psi) in z.iter().zip(&p.group).zip(&p.psi) {
                            sums[g] += zi / psi;
                            totals[g] += 1.0;
                        }
                    }
                    Some(d) => {
                        for (((zi, &g), psi), d) in z.iter().zip(&p.group).zip(&p.psi).zip(d) {
                            sums[g] += zi * d / psi;
                            totals[g] += d;
                        }
                    }
                }
                for ((zi, &g), psi) in z.iter_mut().zip(&p.group).zip(&p.psi) {
                    // Every category has a row (checked when fitting), so totals[g] > 0.
                    *zi -= psi * sums[g] / totals[g];
                }
            }
        }
        let square: f64 = w.iter().map(|w| w * w).sum();
        Estimate {
            n: w.len() as u64,
            estimate: mean,
            complement,
            calibrated_se: with_replacement_se(&z),
            fixed_se,
            effective_n: total * (total / square),
        }
    }

    /// The calibration, if every weight is one the weighted aggregators accept (margins and
    /// a sample can together ask for weights beyond [`Weight`](super::Weight)'s range).
    pub(super) fn checked(self) -> Result<Self, CalibrationError> {
        for (row, &w) in self.weights.iter().enumerate() {
            super::Weight::new(w).map_err(|source| CalibrationError::Weight {
                row: row + 1,
                source,
            })?;
        }
        Ok(self)
    }

    /// A share of `flags` on the calibrated weights.
    pub(super) fn share(&self, flags: &[bool]) -> Result<CalibratedShare, CalibrationError> {
        self.check_len(flags.len())?;
        let values: Vec<f64> = flags.iter().map(|&f| f64::from(u8::from(f))).collect();
        Ok(CalibratedShare {
            estimate: self.estimate(&values),
        })
    }

    /// A mean of `values` on the calibrated weights, reported within `[min, max]`.
    pub(super) fn mean_of(
        &self,
        values: &[f64],
        what: &'static str,
    ) -> Result<CalibratedMean, CalibrationError> {
        self.check_len(values.len())?;
        let (min, max) = check_values(values)?;
        Ok(CalibratedMean {
            estimate: self.estimate(values),
            domain: (min, max),
            what,
        })
    }

    fn check_len(&self, values: usize) -> Result<(), CalibrationError> {
        if values == self.weights.len() {
            Ok(())
        } else {
            Err(CalibrationError::LengthMismatch {
                rows: self.weights.len(),
                values,
            })
        }
    }
}

/// The accessors both calibrated estimates have, read from their [`Estimate`]; `$estimate` is
/// the method that reads the estimate within its domain.
macro_rules! calibrated_accessors {
    ($type:ident, $estimate:ident) => {
        impl $type {
            /// The number of rows.
            #[must_use]
            pub fn count(&self) -> u64 {
                self.estimate.n
            }

            #[doc = concat!(
                "The estimate, [`", stringify!($estimate), "`](Self::", stringify!($estimate), ")."
            )]
            #[must_use]
            pub fn estimate(&self) -> f64 {
                self.$estimate()
            }

            /// The calibration-aware linearised standard error: R's `SE(svymean(~y, raked))`.
            #[must_use]
            pub fn standard_error(&self) -> f64 {
                self.estimate.calibrated_se
            }

            /// The standard error that treats the final weights as fixed design weights: R's
            /// `SE(svymean(~y, svydesign(ids = ~1, weights = ~weights(raked))))`.
            #[must_use]
            pub fn fixed_weight_standard_error(&self) -> f64 {
                self.estimate.fixed_se
            }

            /// Kish's effective sample size of the final weights.
            #[must_use]
            pub fn effective_n(&self) -> f64 {
                self.estimate.effective_n
            }

            /// Kish's design effect due to weighting, `n / effective n` (≥ 1).
            #[must_use]
            pub fn design_effect(&self) -> f64 {
                (self.estimate.n as f64 / self.estimate.effective_n).max(1.0)
            }
        }
    };
}

/// A share estimated on raked or post-stratified weights, with the calibration-aware standard
/// error (R's `svymean` on the calibrated design) and the fixed-weight one.
///
/// ```
/// use satisfaction::ConfidenceLevel;
/// use satisfaction::weighting::{Raking, WeightedMethod};
///
/// let raking = Raking::builder()
///     .margin("class", &[("business", 0.2), ("economy", 0.8)])
///     .build()?;
/// let rows = [["business"], ["business"], ["business"], ["economy"], ["economy"], ["economy"]];
/// let satisfied = [true, true, false, true, false, false];
/// let share = raking.calibrated_proportion(&rows, &satisfied)?;
/// assert!((share.share() - (0.2 * 2.0 / 3.0 + 0.8 / 3.0)).abs() < 1e-12);
/// assert!(share.standard_error() <= share.fixed_weight_standard_error());
/// let ci = share.interval(ConfidenceLevel::P95, WeightedMethod::Logit);
/// assert!(ci.contains(share.share()));
/// # Ok::<(), satisfaction::weighting::CalibrationError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct CalibratedShare {
    estimate: Estimate,
}

calibrated_accessors!(CalibratedShare, share);

impl CalibratedShare {
    /// The share on the calibrated weights, 0..=1.
    #[must_use]
    pub fn share(&self) -> f64 {
        self.estimate.estimate.clamp(0.0, 1.0)
    }

    /// The `svyciprop` interval on the calibration-aware standard error (as R computes it on
    /// the raked design).
    #[must_use]
    pub fn interval(&self, level: ConfidenceLevel, method: WeightedMethod) -> Interval {
        self.interval_on(self.standard_error(), level, method)
    }

    /// The same interval on the fixed-weight standard error.
    #[must_use]
    pub fn fixed_weight_interval(
        &self,
        level: ConfidenceLevel,
        method: WeightedMethod,
    ) -> Interval {
        self.interval_on(self.fixed_weight_standard_error(), level, method)
    }

    /// The `svyciprop` interval of the share on the standard error `se`.
    fn interval_on(&self, se: f64, level: ConfidenceLevel, method: WeightedMethod) -> Interval {
        let p = (self.share(), self.estimate.complement.clamp(0.0, 1.0));
        interval::share(p, se, self.count(), self.effective_n(), level, method)
    }
}

impl fmt::Display for CalibratedShare {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = ConfidenceLevel::default();
        let method = WeightedMethod::default();
        let ci = self.interval(level, method);
        write!(
            f,
            "calibrated share {} ({level} CI {} to {}, {method}; SE {} calibrated, {} with \
             fixed weights; n = {}, Kish effective n = {:.1}, design effect {:.2})",
            Percent(self.share()),
            Percent(ci.lower()),
            Percent(ci.upper()),
            interval::se_text(self.standard_error(), 4),
            interval::se_text(self.fixed_weight_standard_error(), 4),
            self.count(),
            self.effective_n(),
            self.design_effect()
        )
    }
}

/// A mean (or an NPS) estimated on raked or post-stratified weights, with the
/// calibration-aware standard error and the fixed-weight one; intervals are normal, as R's
/// `confint(svymean(...))`.
///
/// ```
/// use satisfaction::ConfidenceLevel;
/// use satisfaction::weighting::Raking;
///
/// let raking = Raking::builder()
///     .margin("class", &[("business", 0.2), ("economy", 0.8)])
///     .build()?;
/// let rows = [["business"], ["business"], ["economy"], ["economy"], ["economy"]];
/// let nps = raking.calibrated_nps(&rows, &[10, 9, 3, 8, 10])?;
/// assert!((nps.mean() - (0.2 * 100.0 + 0.8 * 0.0)).abs() < 1e-9);
/// let ci = nps.interval(ConfidenceLevel::P95);
/// assert!(ci.lower() >= -100.0 && ci.upper() <= 100.0);
/// # Ok::<(), satisfaction::weighting::CalibrationError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct CalibratedMean {
    estimate: Estimate,
    domain: (f64, f64),
    what: &'static str,
}

calibrated_accessors!(CalibratedMean, mean);

impl CalibratedMean {
    /// The mean on the calibrated weights (for [`calibrated_nps`](super::Raking::calibrated_nps):
    /// the NPS in points).
    #[must_use]
    pub fn mean(&self) -> f64 {
        self.estimate.estimate.clamp(self.domain.0, self.domain.1)
    }

    /// The normal interval on the calibration-aware standard error, clamped to the domain
    /// (−100..=100 for an NPS, the scale for ratings, the observed range for other values).
    #[must_use]
    pub fn interval(&self, level: ConfidenceLevel) -> Interval {
        self.interval_on(self.standard_error(), level)
    }

    /// The normal interval on the fixed-weight standard error.
    #[must_use]
    pub fn fixed_weight_interval(&self, level: ConfidenceLevel) -> Interval {
        self.interval_on(self.fixed_weight_standard_error(), level)
    }

    /// The normal interval of the mean on the standard error `se`, clamped to the domain.
    fn interval_on(&self, se: f64, level: ConfidenceLevel) -> Interval {
        let (min, max) = self.domain;
        interval::normal(self.mean(), se, level, min, max)
    }
}

impl fmt::Display for CalibratedMean {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = ConfidenceLevel::default();
        let ci = self.interval(level);
        write!(
            f,
            "calibrated {} {:.2} ({level} CI {:.2} to {:.2}, {NORMAL}; SE {} calibrated, {} \
             with fixed weights; n = {}, Kish effective n = {:.1}, design effect {:.2})",
            self.what,
            self.mean() + 0.0,
            ci.lower() + 0.0,
            ci.upper() + 0.0,
            interval::se_text(self.standard_error(), 3),
            interval::se_text(self.fixed_weight_standard_error(), 3),
            self.count(),
            self.effective_n(),
            self.design_effect()
        )
    }
}

/// The smallest and largest of `values`, or the first that cannot be averaged: NaN, infinite,
/// or beyond ±1e100 (bounded so that products with weights and squares cannot overflow).
pub(super) fn check_values(values: &[f64]) -> Result<(f64, f64), CalibrationError> {
    let (mut min, mut max) = (f64::INFINITY, f64::NEG_INFINITY);
    for (row, &v) in values.iter().enumerate() {
        if !(v.is_finite() && v.abs() <= 1e100) {
            return Err(CalibrationError::InvalidValue {
                row: row + 1,
                value: v.to_string(),
                valid: "values must be finite numbers within ±1e100",
            });
        }
        min = min.min(v);
        max = max.max(v);
    }
    Ok((min, max))
}

/// The NPS value of each score: −100, 0 or +100 by its [`NpsScore::category`], the one place
/// the groups are defined.
pub(super) fn nps_values(scores: &[u8]) -> Result<Vec<f64>, CalibrationError> {
    scores
        .iter()
        .enumerate()
        .map(|(row, &s)| {
            let score = NpsScore::new(s).map_err(|_| CalibrationError::InvalidValue {
                row: row + 1,
                value: s.to_string(),
                valid: "an NPS score is 0..=10",
            })?;
            Ok(100.0 * f64::from(score.category().sign()))
        })
        .collect()
}
