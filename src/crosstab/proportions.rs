//! Column-proportion tests and their significance letters, as SPSS Custom Tables computes
//! them.

use std::fmt;

use super::error::CrosstabError;
use super::row::RowKey;
use super::summary::{CrosstabSummary, Totals, effective};
use crate::compare::{Adjustment, Significance, adjust};
use crate::interval::ConfidenceLevel;

/// The most columns whose proportions are tested pairwise: 4,950 pairs a row, and as many
/// letters as a reader can follow.
pub const MAX_TESTED_COLUMNS: usize = 100;

/// Why a cell takes no part in its row's column-proportion tests (SPSS prints these as
/// footnotes a and b).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Exclusion {
    /// Its column proportion is 0 or 1: there is nothing to compare (SPSS: "not used in
    /// comparisons because its column proportion is equal to zero or one").
    ZeroOrOne,
    /// Its column's sum of weights (its count, unweighted) is below 2 (SPSS: "because the sum
    /// of case weights is less than two").
    SmallBase,
}

impl fmt::Display for Exclusion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::ZeroOrOne => "not compared: its column proportion is 0 or 1",
            Self::SmallBase => "not compared: its column's sum of weights is below 2",
        })
    }
}

/// One pair of columns tested in one row.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct PairTest {
    /// The row (its position in [`CrosstabSummary::rows`]).
    pub row: usize,
    /// The left column (its position in [`CrosstabSummary::columns`]), before `right`.
    pub left: usize,
    /// The right column.
    pub right: usize,
    /// The z statistic of left minus right.
    pub z: f64,
    /// Its two-sided p-value.
    pub p_value: f64,
    /// The p-value adjusted within the row.
    pub adjusted_p_value: f64,
    /// Whether the adjusted p-value is at most `1 − level`.
    pub significant: bool,
}

/// The column-proportion tests of a [`CrosstabSummary`]: each pair of columns compared within
/// each row, and the letters that mark the significant pairs.
///
/// Columns are lettered A, B, C, ... in order (after Z: AA, AB, ...). A cell shows the letters
/// of the columns whose proportion in that row is significantly *smaller* than its own, as
/// SPSS Custom Tables does.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ColumnTests {
    significance: Significance,
    columns: usize,
    letters: Vec<String>,
    excluded: Vec<Option<Exclusion>>,
    pairs: Vec<PairTest>,
    weighted: bool,
}

impl ColumnTests {
    /// The letters in the cell at `row`, `column` (positions), in column order: `"BC"`.
    #[must_use]
    pub fn letters(&self, row: usize, column: usize) -> &str {
        self.letters
            .get(row * self.columns + column)
            .map_or("", String::as_str)
    }

    /// Why the cell at `row`, `column` was not compared, if it was not.
    #[must_use]
    pub fn exclusion(&self, row: usize, column: usize) -> Option<Exclusion> {
        self.excluded
            .get(row * self.columns + column)
            .copied()
            .flatten()
    }

    /// Every pair tested, row by row.
    #[must_use]
    pub fn pairs(&self) -> &[PairTest] {
        &self.pairs
    }

    /// The level and the adjustment the tests were decided with.
    #[must_use]
    pub fn significance(&self) -> Significance {
        self.significance
    }

    /// The letter of column `index`: `A`..`Z`, then `AA`, `AB`, ...
    ///
    /// ```
    /// use satisfaction::crosstab::ColumnTests;
    ///
    /// assert_eq!(ColumnTests::letter(0), "A");
    /// assert_eq!(ColumnTests::letter(25), "Z");
    /// assert_eq!(ColumnTests::letter(26), "AA");
    /// assert_eq!(ColumnTests::letter(27), "AB");
    /// ```
    #[must_use]
    pub fn letter(index: usize) -> String {
        let mut n = index + 1;
        let mut out = Vec::new();
        while n > 0 {
            let rem = (n - 1) % 26;
            // rem < 26: an ASCII capital.
            out.push(b'A' + u8::try_from(rem).unwrap_or(0));
            n = (n - 1) / 26;
        }
        out.reverse();
        String::from_utf8(out).unwrap_or_default()
    }

    /// What the letters mean, the test and the adjustment, in sentences for a table's notes.
    #[must_use]
    pub fn notes(&self) -> Vec<String> {
        let alpha = crate::display::trimmed_percent(self.significance.alpha());
        let base = if self.weighted {
            "weighted proportions, each column's effective base (Kish) as its sample size"
        } else {
            "each column's count as its sample size"
        };
        let adjustment = match self.significance.adjustment {
            Adjustment::None => "no adjustment for the number of pairs".to_owned(),
            other => format!("{other} adjustment within each row"),
        };
        vec![
            format!(
                "Letters: the column's proportion is significantly larger than that of the \
                 lettered columns at the {alpha}% level (two-sided z-test of two proportions, \
                 pooled; {base}; {adjustment})."
            ),
            "Not compared: proportions of 0 or 1, and columns whose sum of weights is below 2."
                .to_owned(),
        ]
    }
}

impl<R: RowKey, C: Ord + Clone> CrosstabSummary<R, C> {
    /// The column-proportion tests at `significance`: in each row, each pair of columns by the
    /// two-sided z-test of two proportions with the pooled proportion, the p-values adjusted
    /// within the row, and each significant pair marked by the letter of the smaller column in
    /// the cell of the larger (see [`ColumnTests`]).
    ///
    /// This is SPSS Custom Tables' "Compare column proportions" (`CTABLES /COMPARETEST
    /// TYPE=PROP`), step by step:
    ///
    /// 1. In row r, column c's proportion is `p = x / N`: the row's (weighted) count over the
    ///    column's (weighted) base.
    /// 2. A cell takes no part when its proportion is 0 or 1, or when its column's sum of
    ///    weights is below 2 ([`Exclusion`]).
    /// 3. For two columns i, j that take part: `p̄ = (x_i + x_j) / (N_i + N_j)` and
    ///    `z = (p_i − p_j) / √(p̄ (1 − p̄) (1/n_i + 1/n_j))`, where n is the column's count,
    ///    or, weighted, its effective base `(Σw)² / Σw²`; `p = 2 (1 − Φ(|z|))`.
    /// 4. The row's p-values are adjusted together: Bonferroni (SPSS's default) multiplies
    ///    them by the number of pairs among the columns taking part in that row,
    ///    `k (k − 1) / 2`; [`Adjustment::BenjaminiHochberg`] and [`Adjustment::Holm`] are the
    ///    alternatives, [`Adjustment::None`] tests each pair alone.
    /// 5. A pair is significant when its adjusted p-value is at most `1 − level`.
    ///
    /// Checked against statsmodels' `proportions_ztest` and `multipletests` on unweighted and
    /// weighted tables with zero cells, proportions of 1 and bases of 1 and 2
    /// (`tests/reference/crosstab/`).
    ///
    /// # Errors
    ///
    /// [`CrosstabError::TooManyColumns`] beyond [`MAX_TESTED_COLUMNS`].
    ///
    /// ```
    /// use satisfaction::compare::{Adjustment, Significance};
    /// use satisfaction::crosstab::Crosstab;
    /// use satisfaction::{Aggregator, ConfidenceLevel};
    ///
    /// let mut table: Crosstab<&str, &str> = Crosstab::new();
    /// for (reason, region, n) in [("price", "north", 60), ("price", "south", 25),
    ///                             ("service", "north", 40), ("service", "south", 75)] {
    ///     table.extend(std::iter::repeat_n((reason, region), n));
    /// }
    /// let summary = table.summary().unwrap();
    /// let spss = Significance::new(ConfidenceLevel::P95, Adjustment::Bonferroni);
    /// let tests = summary.column_tests(&spss)?;
    /// assert_eq!(tests.letters(0, 0), "B"); // price: north (A) above south (B)
    /// assert_eq!(tests.letters(1, 1), "A"); // service: south above north
    /// # Ok::<(), satisfaction::crosstab::CrosstabError>(())
    /// ```
    pub fn column_tests(&self, significance: &Significance) -> Result<ColumnTests, CrosstabError> {
        let k = self.columns.len();
        if k > MAX_TESTED_COLUMNS {
            return Err(CrosstabError::TooManyColumns {
                columns: k,
                max: MAX_TESTED_COLUMNS,
            });
        }
        let cells = self.rows.len() * k;
        // Per cell, the columns significantly smaller than it.
        let mut marks: Vec<Vec<usize>> = vec![Vec::new(); cells];
        let mut excluded = vec![None; cells];
        let mut pairs = Vec::new();
        let alpha = significance.alpha();
        let bases: Vec<(Totals, f64)> = self
            .column_totals
            .iter()
            .map(|&t| {
                (
                    t,
                    if self.weighted {
                        effective(t)
                    } else {
                        t.weight
                    },
                )
            })
            .collect();
        for r in 0..self.rows.len() {
            let mut taking_part = Vec::with_capacity(k);
            for (c, (total, _)) in bases.iter().enumerate() {
                let x = self.cell(r, c);
                let exclusion = if total.weight < 2.0 {
                    Some(Exclusion::SmallBase)
                } else if x.count == 0 || x.count == total.count {
                    // 0 or 1, decided on counts: no rounding can blur it.
                    Some(Exclusion::ZeroOrOne)
                } else {
                    None
                };
                excluded[r * k + c] = exclusion;
                if exclusion.is_none() {
                    taking_part.push(c);
                }
            }
            let mut row_pairs = Vec::new();
            for (a, &i) in taking_part.iter().enumerate() {
                for &j in &taking_part[a + 1..] {
                    let (xi, xj) = (self.cell(r, i).weight, self.cell(r, j).weight);
                    let ((ti, ni), (tj, nj)) = (bases[i], bases[j]);
                    let (pi, pj) = (xi / ti.weight, xj / tj.weight);
                    let pooled = (xi + xj) / (ti.weight + tj.weight);
                    let se = (pooled * (1.0 - pooled) * (1.0 / ni + 1.0 / nj)).sqrt();
                    let z = if se > 0.0 { (pi - pj) / se } else { 0.0 };
                    let p_value = if z.is_finite() {
                        crate::interval::normal_p(z)
                    } else {
                        1.0
                    };
                    row_pairs.push(PairTest {
                        row: r,
                        left: i,
                        right: j,
                        z,
                        p_value,
                        adjusted_p_value: p_value,
                        significant: false,
                    });
                }
            }
            let raw: Vec<f64> = row_pairs.iter().map(|p| p.p_value).collect();
            let adjusted = adjust(&raw, significance.adjustment).unwrap_or(raw);
            for (pair, adjusted) in row_pairs.iter_mut().zip(adjusted) {
                pair.adjusted_p_value = adjusted;
                pair.significant = adjusted <= alpha;
                if pair.significant && pair.z != 0.0 {
                    let (larger, smaller) = if pair.z > 0.0 {
                        (pair.left, pair.right)
                    } else {
                        (pair.right, pair.left)
                    };
                    marks[r * k + larger].push(smaller);
                }
            }
            pairs.extend(row_pairs);
        }
        let letters = marks
            .into_iter()
            .map(|mut smaller| {
                smaller.sort_unstable();
                smaller.into_iter().map(ColumnTests::letter).collect()
            })
            .collect();
        Ok(ColumnTests {
            significance: *significance,
            columns: k,
            letters,
            excluded,
            pairs,
            weighted: self.weighted,
        })
    }

    /// [`column_tests`](Self::column_tests) as SPSS Custom Tables runs them by default: 95%,
    /// Bonferroni within each row.
    ///
    /// # Errors
    ///
    /// As [`column_tests`](Self::column_tests).
    pub fn spss_column_tests(&self) -> Result<ColumnTests, CrosstabError> {
        self.column_tests(&Significance::new(
            ConfidenceLevel::P95,
            Adjustment::Bonferroni,
        ))
    }
}
