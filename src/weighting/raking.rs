//! [`Raking`]: iterative proportional fitting of respondents' weights to population margins,
//! as R's `survey::rake()` does it, with optional trimming as `survey::trimWeights()`.
//!
//! (About 600 lines, a quarter of them documentation: the raking algorithm, its builder and
//! its calibrated estimates follow R's `rake()` step by step and read best together.)

use std::collections::HashMap;

use super::calibrated::{CalibratedMean, CalibratedShare, Calibration, Projection};
use super::error::CalibrationError;
use super::shortcuts::calibration_methods;
use crate::error::SettingError;
use crate::sums::Sum;

/// How close to 1 the shares of a margin must add up.
const SHARE_SUM_TOLERANCE: f64 = 1e-9;

/// One categorical variable with its population shares.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Margin {
    pub(super) name: String,
    pub(super) labels: Vec<String>,
    pub(super) shares: Vec<f64>,
    pub(super) index: HashMap<String, usize>,
}

impl Margin {
    /// A validated margin: at least one category, unique labels, shares in [1e-9, 1] adding up
    /// to 1 within 1e-9. A share below the tolerance of that sum cannot be told from zero, and
    /// weights raked to it (a few times 1e-300 for a share of 1e-300) would be refused by the
    /// weighted aggregators as too small to be weights.
    pub(super) fn new(name: &str, shares: &[(&str, f64)]) -> Result<Self, CalibrationError> {
        if shares.is_empty() {
            return Err(CalibrationError::EmptyMargin(name.to_owned()));
        }
        let mut index = HashMap::with_capacity(shares.len());
        for (i, &(label, share)) in shares.iter().enumerate() {
            if !(SHARE_SUM_TOLERANCE..=1.0).contains(&share) {
                return Err(CalibrationError::InvalidShare {
                    margin: name.to_owned(),
                    label: label.to_owned(),
                    share,
                });
            }
            if index.insert(label.to_owned(), i).is_some() {
                return Err(CalibrationError::DuplicateLabel {
                    margin: name.to_owned(),
                    label: label.to_owned(),
                });
            }
        }
        let sum: f64 = shares.iter().map(|&(_, s)| s).sum();
        if (sum - 1.0).abs() > SHARE_SUM_TOLERANCE {
            return Err(CalibrationError::SharesDoNotSumToOne {
                margin: name.to_owned(),
                sum,
            });
        }
        Ok(Self {
            name: name.to_owned(),
            labels: shares.iter().map(|&(l, _)| l.to_owned()).collect(),
            shares: shares.iter().map(|&(_, s)| s).collect(),
            index,
        })
    }

    /// The category of `label`, or the error naming the row (counted from 1) and the valid
    /// labels.
    pub(super) fn category(&self, row: usize, label: &str) -> Result<usize, CalibrationError> {
        self.index
            .get(label)
            .copied()
            .ok_or_else(|| CalibrationError::UnknownLabel {
                row,
                margin: self.name.clone(),
                label: label.to_owned(),
                known: known(&self.labels),
            })
    }
}

/// Up to ten labels, comma-separated, for an error message.
pub(super) fn known(labels: &[String]) -> String {
    let mut text = labels
        .iter()
        .take(10)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    if labels.len() > 10 {
        text.push_str(&format!(", ... ({} in all)", labels.len()));
    }
    text
}

/// Design weights, checked: one valid [`Weight`](super::Weight) per row.
pub(super) fn check_design(rows: usize, design: &[f64]) -> Result<(), CalibrationError> {
    check_len(rows, design.len())?;
    for (row, &d) in design.iter().enumerate() {
        super::Weight::new(d).map_err(|source| CalibrationError::DesignWeight {
            row: row + 1,
            source,
        })?;
    }
    Ok(())
}

/// The number of rows, checked: at least one, at most `MAX_COUNT`.
pub(super) fn check_rows(rows: usize) -> Result<(), CalibrationError> {
    if rows == 0 {
        return Err(CalibrationError::NoRows);
    }
    if rows as u64 > crate::aggregator::MAX_COUNT {
        return Err(CalibrationError::TooManyRows {
            rows,
            limit: crate::aggregator::MAX_COUNT,
        });
    }
    Ok(())
}

/// Raking (iterative proportional fitting, Deming & Stephan 1940) of respondents' weights to
/// known population margins, as R's `survey::rake()`.
///
/// Each respondent carries one label per margin (class, gender, age band...). Starting from
/// weight 1, each cycle post-stratifies on every margin in turn (multiplies the weights of each
/// category by `population share × n / current weight total of the category`). After each
/// cycle the weighted table of all margin variables crossed is compared with the previous
/// cycle's; raking stops when no cell moved by `tolerance × n` or more (R's convergence rule
/// with `control = list(epsilon = tolerance)`), and fails with
/// [`CalibrationError::NotConverged`] after `max_iterations` cycles (R's `maxit`; R only warns).
/// Defaults: tolerance 1e-10, 1000 cycles. (R's own defaults, `epsilon = 1` weight unit and
/// 10 cycles, stop far earlier; pass `control = list(epsilon = 1e-10, maxit = 1000)` to
/// compare.) The weights sum to the number of rows, so a weight of 2 means "counts for two
/// average respondents".
///
/// Optional trimming ([`RakingBuilder::trim`]) then caps the weights to `[lower, upper]` as
/// `survey::trimWeights(strict = TRUE)`: weights outside are set to the bound and the amount
/// trimmed is shared equally among the weights inside, repeated until none is outside. The
/// total stays n, but the margins then hold only approximately: trimming trades a little bias
/// for a smaller design effect.
///
/// ```
/// use satisfaction::weighting::Raking;
///
/// let raking = Raking::builder()
///     .margin("class", &[("business", 0.2), ("economy", 0.8)])
///     .margin("gender", &[("female", 0.5), ("male", 0.5)])
///     .build()?;
/// let rows = vec![
///     vec!["business", "female"],
///     vec!["business", "male"],
///     vec!["business", "male"],
///     vec!["economy", "female"],
///     vec!["economy", "male"],
/// ];
/// let weights = raking.weights(&rows)?;
/// assert!((weights.iter().sum::<f64>() - 5.0).abs() < 1e-9);
/// let business: f64 = weights[..3].iter().sum();
/// assert!((business - 0.2 * 5.0).abs() < 1e-8);
/// assert!(raking.weights(&[["first", "female"]]).is_err()); // not a category of "class"
/// # Ok::<(), satisfaction::weighting::CalibrationError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Raking {
    margins: Vec<Margin>,
    tolerance: f64,
    max_iterations: u32,
    trim: Option<(f64, f64)>,
}

/// Builds a [`Raking`]; errors are reported by [`build`](Self::build).
#[derive(Debug, Clone, PartialEq)]
#[must_use]
pub struct RakingBuilder {
    margins: Vec<Margin>,
    tolerance: f64,
    max_iterations: u32,
    trim: Option<(f64, f64)>,
    error: Option<CalibrationError>,
}

impl Raking {
    /// The default relative tolerance, 1e-10.
    pub const DEFAULT_TOLERANCE: f64 = 1e-10;
    /// The default cap on raking cycles, 1000.
    pub const DEFAULT_MAX_ITERATIONS: u32 = 1000;

    /// A builder with no margins, the default tolerance and iteration cap, and no trimming.
    ///
    /// ```
    /// use satisfaction::weighting::Raking;
    ///
    /// let raking = Raking::builder()
    ///     .margin("region", &[("north", 0.4), ("south", 0.6)])
    ///     .tolerance(1e-12)
    ///     .max_iterations(50)
    ///     .trim(0.3, 3.0)
    ///     .build()?;
    /// assert_eq!(raking.max_iterations(), 50);
    /// # Ok::<(), satisfaction::weighting::CalibrationError>(())
    /// ```
    pub fn builder() -> RakingBuilder {
        RakingBuilder {
            margins: Vec::new(),
            tolerance: Self::DEFAULT_TOLERANCE,
            max_iterations: Self::DEFAULT_MAX_ITERATIONS,
            trim: None,
            error: None,
        }
    }

    /// The relative convergence tolerance.
    #[must_use]
    pub fn tolerance(&self) -> f64 {
        self.tolerance
    }

    /// The cap on raking cycles (and on trimming rounds).
    #[must_use]
    pub fn max_iterations(&self) -> u32 {
        self.max_iterations
    }

    /// The margin names, in the order added (the order of the labels in each row).
    pub fn margin_names(&self) -> impl Iterator<Item = &str> {
        self.margins.iter().map(|m| m.name.as_str())
    }

    /// Rakes (from the design weights, or 1), trims, and keeps what the variance projection
    /// needs. Design weights must have been checked.
    fn fit<'a, R: AsRef<[&'a str]>>(
        &self,
        rows: &[R],
        design: Option<&[f64]>,
    ) -> Result<Calibration, CalibrationError> {
        check_rows(rows.len())?;
        let n = rows.len();
        let k = self.margins.len();
        // Each row's category in each margin.
        let mut groups: Vec<Vec<usize>> = vec![Vec::with_capacity(n); k];
        for (r, row) in rows.iter().enumerate() {
            let labels = row.as_ref();
            if labels.len() != k {
                return Err(CalibrationError::RowLength {
                    row: r + 1,
                    expected: k,
                    found: labels.len(),
                });
            }
            for ((margin, group), label) in self.margins.iter().zip(&mut groups).zip(labels) {
                group.push(margin.category(r + 1, label)?);
            }
        }
        for (margin, group) in self.margins.iter().zip(&groups) {
            let mut seen = vec![false; margin.labels.len()];
            group.iter().for_each(|&g| seen[g] = true);
            if let Some(empty) = seen.iter().position(|&s| !s) {
                return Err(CalibrationError::EmptyCell {
                    margin: margin.name.clone(),
                    label: margin.labels[empty].clone(),
                });
            }
        }
        // The cells of all margins crossed, as R's svytable(~a + b + ...) has them (cells
        // without a row stay 0 there and never move, so they are left out here).
        let mut cell_index: HashMap<Vec<usize>, usize> = HashMap::new();
        let cells: Vec<usize> = (0..n)
            .map(|r| {
                let key: Vec<usize> = groups.iter().map(|g| g[r]).collect();
                let next = cell_index.len();
                *cell_index.entry(key).or_insert(next)
            })
            .collect();
        let table = |w: &[f64]| {
            let mut t = vec![0.0; cell_index.len()];
            cells.iter().zip(w).for_each(|(&c, &w)| t[c] += w);
            t
        };

        let nf = n as f64;
        // Design weights scaled to sum to n, as raking leaves them after the first margin:
        // only their ratios matter, and the tolerance is relative to n whatever their scale
        // (R's epsilon below 1 is relative to the starting weights' sum, which is n here).
        let mut weights = match design {
            None => vec![1.0; n],
            Some(design) => {
                let mut total = Sum::default();
                design.iter().for_each(|&d| total.add(d));
                let scale = nf / total.value();
                design.iter().map(|&d| d * scale).collect()
            }
        };
        let epsilon = self.tolerance * nf;
        let mut psi: Vec<Vec<f64>> = vec![Vec::new(); k];
        let mut old = table(&weights);
        let mut converged = false;
        let mut change = f64::INFINITY;
        let mut iteration = 0;
        while iteration < self.max_iterations {
            for ((margin, group), psi) in self.margins.iter().zip(&groups).zip(&mut psi) {
                let mut totals = vec![0.0; margin.labels.len()];
                group
                    .iter()
                    .zip(&weights)
                    .for_each(|(&g, &w)| totals[g] += w);
                let factors: Vec<f64> = margin
                    .shares
                    .iter()
                    .zip(&totals)
                    .map(|(share, total)| share * nf / total)
                    .collect();
                weights
                    .iter_mut()
                    .zip(group)
                    .for_each(|(w, &g)| *w *= factors[g]);
                // R keeps each margin's post-stratified weights of the last cycle for the
                // variance projection.
                psi.clone_from(&weights);
            }
            let new = table(&weights);
            change = old
                .iter()
                .zip(&new)
                .map(|(a, b)| (a - b).abs())
                .fold(0.0, f64::max);
            // `!(change >= epsilon)` would let NaN count as converged; the weights are checked
            // below anyway.
            if change < epsilon {
                converged = true;
                break;
            }
            old = new;
            iteration += 1;
        }
        if !converged || !weights.iter().all(|w| w.is_finite() && *w > 0.0) {
            return Err(CalibrationError::NotConverged {
                what: "raking",
                iterations: self.max_iterations,
                change,
                tolerance: epsilon,
            });
        }
        // A cycle can settle (nothing moves any more) with the margins still unmet, when
        // crossed cells without respondents make them contradict each other (say every man in
        // the sample flies business, yet men are half the population and business a fifth).
        // R's rake() reports that as converged; here it is an error.
        let slack = (1e-6 * nf).max(10.0 * epsilon * cell_index.len() as f64);
        for (margin, group) in self.margins.iter().zip(&groups) {
            let mut totals = vec![0.0; margin.labels.len()];
            group
                .iter()
                .zip(&weights)
                .for_each(|(&g, &w)| totals[g] += w);
            for ((label, share), total) in margin.labels.iter().zip(&margin.shares).zip(totals) {
                if (total - share * nf).abs() > slack {
                    return Err(CalibrationError::Unreachable {
                        margin: margin.name.clone(),
                        label: label.clone(),
                        share: *share,
                        reached: total / nf,
                    });
                }
            }
        }
        if let Some((lower, upper)) = self.trim {
            trim(&mut weights, lower, upper, self.max_iterations)?;
        }
        let projections = self
            .margins
            .iter()
            .zip(groups)
            .zip(psi)
            .map(|((margin, group), psi)| Projection {
                group,
                groups: margin.labels.len(),
                psi,
                mean_weights: None,
            })
            .collect();
        Calibration {
            weights,
            projections,
            raking: true,
            iterations: iteration + 1,
        }
        .checked()
    }
}

calibration_methods!(Raking, "raked");

/// Values that must pair up with the rows.
pub(super) fn check_len(rows: usize, values: usize) -> Result<(), CalibrationError> {
    if rows == values {
        Ok(())
    } else {
        Err(CalibrationError::LengthMismatch { rows, values })
    }
}

/// `survey::trimWeights(strict = TRUE)`: clamp into `[lower, upper]`, share what was cut
/// equally among the weights inside, until none is outside.
fn trim(weights: &mut [f64], lower: f64, upper: f64, rounds: u32) -> Result<(), CalibrationError> {
    let mut change = 0.0;
    for round in 0..rounds {
        let outside = weights.iter().filter(|&&w| w < lower || w > upper).count();
        if outside == 0 {
            return Ok(());
        }
        let inside = weights.len() - outside;
        if inside == 0 {
            return Err(CalibrationError::Untrimmable {
                lower,
                upper,
                rounds: round,
            });
        }
        let cut: f64 = weights.iter().map(|&w| w - w.clamp(lower, upper)).sum();
        let share = cut / inside as f64;
        change = cut.abs();
        for w in weights.iter_mut() {
            if *w < lower || *w > upper {
                *w = w.clamp(lower, upper);
            } else {
                *w += share;
            }
        }
    }
    Err(CalibrationError::NotConverged {
        what: "trimming",
        iterations: rounds,
        change,
        tolerance: 0.0,
    })
}

impl RakingBuilder {
    /// Adds a margin: a categorical variable and the population share of each category (they
    /// must add up to 1 within 1e-9). Rows give their labels in the order margins are added.
    pub fn margin(mut self, name: &str, shares: &[(&str, f64)]) -> Self {
        if self.error.is_some() {
            return self;
        }
        if self.margins.iter().any(|m| m.name == name) {
            self.error = Some(CalibrationError::DuplicateMargin(name.to_owned()));
            return self;
        }
        match Margin::new(name, shares) {
            Ok(margin) => self.margins.push(margin),
            Err(e) => self.error = Some(e),
        }
        self
    }

    /// The relative convergence tolerance, in (0, 1): raking stops when no crossed cell's
    /// weighted count moved by `tolerance × n` or more in a cycle (R's `epsilon < 1`).
    pub fn tolerance(mut self, tolerance: f64) -> Self {
        if !(tolerance > 0.0 && tolerance < 1.0) && self.error.is_none() {
            self.error = Some(
                SettingError::new(
                    "tolerance",
                    tolerance,
                    "a number strictly between 0 and 1 (relative to the number of rows)",
                )
                .into(),
            );
        }
        self.tolerance = tolerance;
        self
    }

    /// The cap on raking cycles (R's `maxit`), also used for trimming rounds; at least 1.
    pub fn max_iterations(mut self, max_iterations: u32) -> Self {
        if max_iterations == 0 && self.error.is_none() {
            self.error = Some(SettingError::new("max_iterations", 0, "at least 1").into());
        }
        self.max_iterations = max_iterations;
        self
    }

    /// Trims the raked weights into `[lower, upper]` (in units of the mean weight, which is 1)
    /// as R's `trimWeights(strict = TRUE)`; needs `0 <= lower < 1 < upper` (upper may be
    /// infinite).
    pub fn trim(mut self, lower: f64, upper: f64) -> Self {
        let valid = (0.0..1.0).contains(&lower) && upper > 1.0;
        if !valid && self.error.is_none() {
            self.error = Some(
                SettingError::new(
                    "trimming bounds",
                    format!("[{lower}, {upper}]"),
                    "bounds with 0 <= lower < 1 < upper, in units of the mean weight",
                )
                .into(),
            );
        }
        self.trim = Some((lower, upper));
        self
    }

    /// The raking, or the first error met while building it.
    ///
    /// # Errors
    ///
    /// [`CalibrationError::Nothing`] without margins; the first invalid margin
    /// ([`InvalidShare`](CalibrationError::InvalidShare),
    /// [`SharesDoNotSumToOne`](CalibrationError::SharesDoNotSumToOne),
    /// [`DuplicateLabel`](CalibrationError::DuplicateLabel),
    /// [`DuplicateMargin`](CalibrationError::DuplicateMargin),
    /// [`EmptyMargin`](CalibrationError::EmptyMargin)) or setting
    /// ([`InvalidSetting`](CalibrationError::InvalidSetting)).
    pub fn build(self) -> Result<Raking, CalibrationError> {
        if let Some(error) = self.error {
            return Err(error);
        }
        if self.margins.is_empty() {
            return Err(CalibrationError::Nothing("margin"));
        }
        Ok(Raking {
            margins: self.margins,
            tolerance: self.tolerance,
            max_iterations: self.max_iterations,
            trim: self.trim,
        })
    }
}
