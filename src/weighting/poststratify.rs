//! [`PostStratification`]: weights that make the sample's cell shares equal the population's,
//! as R's `survey::postStratify()`.

use std::collections::HashMap;

use super::calibrated::{CalibratedMean, CalibratedShare, Calibration, Projection};
use super::error::CalibrationError;
use super::raking::{Margin, check_design, check_len, check_rows};
use super::shortcuts::calibration_methods;

/// Post-stratification on one variable, possibly crossed (class × gender): every respondent in
/// cell c gets the weight `population share of c × n / respondents in c`, so the weights sum to
/// n and the weighted cell shares are the population's exactly (R's `postStratify()` on an
/// unweighted sample with population counts `share × n`).
///
/// Cells are given as label tuples, one label per crossed variable; each row of respondents
/// holds its labels in the same order. Every cell needs a respondent (a cell without one is
/// [`CalibrationError::EmptyCell`]: merge it with a neighbour), and the calibration-aware
/// standard error subtracts each cell's mean residual (R's `svyrecvar` for post-strata).
///
/// ```
/// use satisfaction::weighting::PostStratification;
///
/// let cells = PostStratification::builder()
///     .cell(&["business", "female"], 0.1)
///     .cell(&["business", "male"], 0.1)
///     .cell(&["economy", "female"], 0.4)
///     .cell(&["economy", "male"], 0.4)
///     .build()?;
/// let rows = [
///     ["business", "female"], ["business", "male"], ["business", "male"],
///     ["economy", "female"], ["economy", "male"],
/// ];
/// let weights = cells.weights(&rows)?;
/// assert!((weights[0] - 0.1 * 5.0).abs() < 1e-12); // alone in its cell
/// assert!((weights[1] - 0.1 * 5.0 / 2.0).abs() < 1e-12); // two share the cell
/// let share = cells.calibrated_proportion(&rows, &[true, false, true, true, false])?;
/// assert!((share.share() - (0.1 + 0.05 + 0.4)).abs() < 1e-12);
/// # Ok::<(), satisfaction::weighting::CalibrationError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct PostStratification {
    /// The cells as one margin whose labels are the joined tuples.
    cells: Margin,
    /// Each cell's label tuple.
    tuples: HashMap<Vec<String>, usize>,
    arity: usize,
}

/// Builds a [`PostStratification`]; errors are reported by [`build`](Self::build).
#[derive(Debug, Clone, PartialEq, Default)]
#[must_use]
pub struct PostStratificationBuilder {
    cells: Vec<(Vec<String>, f64)>,
    error: Option<CalibrationError>,
}

fn joined<S: AsRef<str>>(labels: &[S]) -> String {
    labels
        .iter()
        .map(AsRef::as_ref)
        .collect::<Vec<_>>()
        .join(" × ")
}

impl PostStratification {
    /// A builder without cells.
    pub fn builder() -> PostStratificationBuilder {
        PostStratificationBuilder::default()
    }

    /// The number of cells.
    #[must_use]
    pub fn cells(&self) -> usize {
        self.cells.labels.len()
    }

    /// Each row's cell, checked.
    fn cells_of<'a, R: AsRef<[&'a str]>>(
        &self,
        rows: &[R],
    ) -> Result<Vec<usize>, CalibrationError> {
        check_rows(rows.len())?;
        let mut key: Vec<String> = Vec::with_capacity(self.arity);
        let mut group = Vec::with_capacity(rows.len());
        for (r, row) in rows.iter().enumerate() {
            let labels = row.as_ref();
            if labels.len() != self.arity {
                return Err(CalibrationError::RowLength {
                    row: r + 1,
                    expected: self.arity,
                    found: labels.len(),
                });
            }
            key.clear();
            key.extend(labels.iter().map(|&l| l.to_owned()));
            let cell =
                self.tuples
                    .get(&key)
                    .copied()
                    .ok_or_else(|| CalibrationError::UnknownLabel {
                        row: r + 1,
                        margin: "cells".into(),
                        label: joined(labels),
                        known: super::raking::known(&self.cells.labels),
                    })?;
            group.push(cell);
        }
        Ok(group)
    }

    /// Post-stratifies from the design weights (or 1), keeping what the variance projection
    /// needs. Design weights must have been checked.
    fn fit<'a, R: AsRef<[&'a str]>>(
        &self,
        rows: &[R],
        design: Option<&[f64]>,
    ) -> Result<Calibration, CalibrationError> {
        let group = self.cells_of(rows)?;
        let design = design.map_or_else(|| vec![1.0; rows.len()], <[f64]>::to_vec);
        let mut totals = vec![0.0; self.cells()];
        group
            .iter()
            .zip(&design)
            .for_each(|(&g, &d)| totals[g] += d);
        if let Some(empty) = totals.iter().position(|&t| t == 0.0) {
            return Err(CalibrationError::EmptyCell {
                margin: "cells".into(),
                label: self.cells.labels[empty].clone(),
            });
        }
        let n = rows.len() as f64;
        let factor: Vec<f64> = self
            .cells
            .shares
            .iter()
            .zip(&totals)
            .map(|(share, total)| share * n / total)
            .collect();
        let weights: Vec<f64> = group
            .iter()
            .zip(&design)
            .map(|(&g, d)| d * factor[g])
            .collect();
        Calibration {
            projections: vec![Projection {
                groups: self.cells(),
                psi: weights.clone(),
                group,
                mean_weights: Some(design),
            }],
            weights,
            raking: false,
            iterations: 0,
        }
        .checked()
    }
}

calibration_methods!(PostStratification, "post-stratified");

impl PostStratificationBuilder {
    /// Adds a cell: its labels (one per crossed variable; a single one for a plain variable)
    /// and its population share. Shares must add up to 1 within 1e-9.
    pub fn cell(mut self, labels: &[&str], share: f64) -> Self {
        if let Some((first, _)) = self.cells.first()
            && self.error.is_none()
            && first.len() != labels.len()
        {
            self.error = Some(CalibrationError::CellArity {
                cell: joined(labels),
                expected: first.len(),
                found: labels.len(),
            });
        }
        self.cells
            .push((labels.iter().map(|&l| l.to_owned()).collect(), share));
        self
    }

    /// The post-stratification, or the first error met.
    ///
    /// # Errors
    ///
    /// [`CalibrationError::Nothing`] without cells, [`CellArity`](CalibrationError::CellArity),
    /// [`InvalidShare`](CalibrationError::InvalidShare),
    /// [`DuplicateLabel`](CalibrationError::DuplicateLabel) for a cell given twice,
    /// [`SharesDoNotSumToOne`](CalibrationError::SharesDoNotSumToOne).
    pub fn build(self) -> Result<PostStratification, CalibrationError> {
        if let Some(error) = self.error {
            return Err(error);
        }
        let Some((first, _)) = self.cells.first() else {
            return Err(CalibrationError::Nothing("cell"));
        };
        let arity = first.len();
        if arity == 0 {
            return Err(CalibrationError::CellArity {
                cell: String::new(),
                expected: 1,
                found: 0,
            });
        }
        let names: Vec<String> = self.cells.iter().map(|(l, _)| joined(l)).collect();
        let shares: Vec<(&str, f64)> = names
            .iter()
            .zip(&self.cells)
            .map(|(name, (_, share))| (name.as_str(), *share))
            .collect();
        let cells = Margin::new("cells", &shares)?;
        let mut tuples = HashMap::with_capacity(self.cells.len());
        for (i, (labels, _)) in self.cells.into_iter().enumerate() {
            if tuples.insert(labels, i).is_some() {
                return Err(CalibrationError::DuplicateLabel {
                    margin: "cells".into(),
                    label: names[i].clone(),
                });
            }
        }
        Ok(PostStratification {
            cells,
            tuples,
            arity,
        })
    }
}
