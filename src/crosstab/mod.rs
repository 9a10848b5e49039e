//! Crosstabs: a question's answers by segment, with column shares that add up to 100, each
//! column's NPS or mean, and column-proportion significance letters as SPSS Custom Tables
//! prints them.
//!
//! A [`Crosstab`] tallies `(row, column)` pairs: the rows are a question's answers (a reason
//! for contact, a rating, an NPS score or group), the columns the segments (region, plan,
//! channel). It is an [`Aggregator`](crate::Aggregator): it merges exactly, takes survey
//! weights ([`Crosstab::push_weighted`]) and summarises into a [`CrosstabSummary`]:
//!
//! - counts, weighted counts and column shares ([`CrosstabSummary::share`]), and column
//!   percentages rounded so that each column adds up to exactly 100
//!   ([`CrosstabSummary::column_percentages`], largest remainder);
//! - each column's NPS (rows that are NPS scores or groups) or mean (rows that are numbers)
//!   with its interval ([`CrosstabSummary::column_statistic`]);
//! - the column-proportion tests ([`CrosstabSummary::column_tests`]): every pair of columns
//!   compared in every row, Bonferroni within the row by default, and a letter in the cell of
//!   the larger proportion naming the smaller column. The algorithm is SPSS's, documented step
//!   by step on [`column_tests`](CrosstabSummary::column_tests) and checked against
//!   statsmodels.
//!
//! [`Table::from_crosstab`](crate::table::Table::from_crosstab) lays a summary out as a table
//! for a report, CSV or Excel.
//!
//! ```
//! use satisfaction::crosstab::{Crosstab, StatisticKind};
//! use satisfaction::{Aggregator, ConfidenceLevel, NpsCategory, NpsScore};
//!
//! let answers = [(10, "north"), (9, "north"), (9, "north"), (6, "north"), (10, "north"),
//!                (3, "south"), (5, "south"), (9, "south"), (2, "south"), (8, "south")];
//! let mut table: Crosstab<NpsCategory, &str> = Crosstab::new();
//! for (score, region) in answers {
//!     table.push((NpsScore::new(score)?.category(), region));
//! }
//! let summary = table.summary().unwrap();
//! assert_eq!(summary.column_percentages(&"north", 0), Some(vec![20.0, 0.0, 80.0]));
//! let north = summary.column_statistic(&"north", ConfidenceLevel::P95).unwrap();
//! assert_eq!((north.kind, north.estimate), (StatisticKind::Nps, 60.0));
//! let tests = summary.spss_column_tests()?; // 95%, Bonferroni within each row
//! println!("{}", tests.notes()[0]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod aggregate;
mod error;
mod proportions;
mod row;
mod summary;

pub use aggregate::Crosstab;
pub use error::CrosstabError;
pub use proportions::{ColumnTests, Exclusion, MAX_TESTED_COLUMNS, PairTest};
pub use row::{RowKey, RowValue};
pub use summary::{ColumnStatistic, CrosstabSummary, StatisticKind};
