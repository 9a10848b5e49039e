//! The sections that read the crate's summaries: headline figures, trends and segments with
//! significance, the NPS mix, crosstabs, key drivers, retention and comment themes.

use std::fmt::{self, Write as _};
use std::hash::Hash;

use super::{Body, CHART_WIDTH, Report, ReportError, html};
use crate::aggregator::Aggregator;
use crate::chart::{self, ChartOptions, MAX_SIDE, SurvivalStyle};
use crate::compare::{Adjustment, Compare, Significance};
use crate::crosstab::{CrosstabSummary, RowKey};
use crate::drivers::KeyDriversSummary;
use crate::group::{Grouped, GroupedSummary};
use crate::interval::is_small_sample;
use crate::metrics::nps::NpsSummary;
use crate::retention::{KaplanMeierSummary, RetentionGrid};
use crate::summary::{Report as Columns, ReportOptions, Summary};
use crate::table::{
    Cell, Format, KeyCells, Table, grouped_digits, key_columns, rounded_percentages,
};

/// The height of a chart with one row per segment: room for each row, within the chart
/// limits (thousands of segments are squeezed rather than refused; the table lists them all).
fn rows_height(rows: usize) -> u32 {
    let rows = u32::try_from(rows).unwrap_or(u32::MAX);
    rows.saturating_mul(26)
        .saturating_add(170)
        .clamp(300, MAX_SIDE)
}

impl Report {
    /// Chart options at the report's level and width.
    fn options(&self, key: &str, height: u32) -> Result<ChartOptions, chart::ChartError> {
        ChartOptions::builder()
            .level(self.significance.level)
            .size(CHART_WIDTH, height)
            .key_label(key)
            .build()
    }

    /// A headline figure: `summary`'s estimate in large type, its interval at the report's
    /// level with the method's name, and n (marked † when it is a small sample).
    ///
    /// ```
    /// use satisfaction::report::Report;
    /// use satisfaction::{Aggregator, Nps};
    ///
    /// let mut report = Report::new("NPS");
    /// report.headline("NPS, all year", &Nps::from_counts(20, 30, 50)?.summary().unwrap())?;
    /// let html = report.to_html();
    /// assert!(html.contains("+30.0") && html.contains("n = 100"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ReportError::Chart`] for a summary whose estimate or bound is not finite (none of
    /// the crate's).
    pub fn headline<S: Summary>(
        &mut self,
        heading: impl AsRef<str>,
        summary: &S,
    ) -> Result<&mut Self, ReportError> {
        let heading = heading.as_ref();
        let level = self.significance.level;
        let d = chart::describe(summary, level).map_err(ReportError::chart(heading))?;
        let small = is_small_sample(d.count);
        let mut out = format!(
            "<p class=\"figure\"><span class=\"value\">{}</span><span class=\"metric\">{}</span></p>\n<p>",
            html::text(&d.estimate),
            html::text(d.metric),
        );
        match &d.interval {
            Some((lower, upper)) => {
                let _ = write!(
                    out,
                    "{level} confidence interval {} to {} ({} method); ",
                    html::text(lower),
                    html::text(upper),
                    html::text(d.method)
                );
            }
            None => {
                let _ = write!(out, "no {level} interval at this sample size; ");
            }
        }
        let _ = writeln!(
            out,
            "n = {}{}.</p>",
            grouped_digits(d.count),
            if small { " †" } else { "" }
        );
        Ok(self.push(heading, Body::html(out)))
    }

    /// A metric over periods: the trend chart with its band and ▲ ▼ on each period whose
    /// change from the period before is significant at the report's [`Significance`] (the
    /// whole series one family), the table by period (its time zone in a note) and the table
    /// of changes with their adjusted p-values.
    ///
    /// `key` is what a period is called ("month", "week").
    ///
    /// # Errors
    ///
    /// [`ReportError::Chart`] for a summary that cannot be drawn; [`ReportError::Table`] beyond
    /// the table limits.
    pub fn trend<K, S>(
        &mut self,
        heading: impl AsRef<str>,
        key: &str,
        summary: &GroupedSummary<K, S>,
    ) -> Result<&mut Self, ReportError>
    where
        K: KeyCells + fmt::Display + Ord + Clone,
        S: Compare + Columns,
    {
        let heading = heading.as_ref();
        let changes = summary.against_previous(&self.significance);
        let options = self
            .options(key, 440)
            .map_err(ReportError::chart(heading))?;
        let chart = chart::trend_marked(summary, &changes, &options)
            .map_err(ReportError::chart(heading))?;
        let by_period = Table::from_grouped(
            format!("{heading}: the numbers"),
            summary,
            &ReportOptions::new(self.significance.level, S::Method::default()),
            &[key],
        )
        .map_err(ReportError::table(heading))?;
        let mut out = Body::default();
        out.figure(&chart, &time_zone(summary.iter().next().map(|(k, _)| k)));
        out.table(by_period);
        if !changes.is_empty() {
            let table = Table::from_comparisons(
                format!("Change from the previous {key}"),
                &changes,
                &[key],
            )
            .map_err(ReportError::table(heading))?;
            out.table(table);
        }
        Ok(self.push(heading, out))
    }

    /// A metric by segment: the segments ranked by the lower bound of their interval, ▲ ▼ on
    /// each that differs significantly from all the others pooled (one family across the
    /// segments, at the report's [`Significance`]), the table by segment and the table of
    /// differences.
    ///
    /// Takes the aggregators, not their summaries: "the rest" of a segment is the exact merge
    /// of the others' states. `key` is what a segment is called ("channel", "agent").
    ///
    /// # Errors
    ///
    /// [`ReportError::Empty`] when no segment has an observation; [`ReportError::Chart`] when
    /// none has an interval at the level; [`ReportError::Table`] beyond the table limits.
    pub fn segments<K, A>(
        &mut self,
        heading: impl AsRef<str>,
        key: &str,
        segments: &Grouped<K, A>,
    ) -> Result<&mut Self, ReportError>
    where
        K: KeyCells + fmt::Display + Ord + Hash + Clone,
        A: Aggregator + Clone,
        A::Summary: Compare + Columns,
    {
        let heading = heading.as_ref();
        let summary = segments.summary().ok_or_else(|| ReportError::Empty {
            section: heading.to_owned(),
            what: "no segment has an observation",
        })?;
        let against = segments.against_rest(&self.significance);
        let options = self
            .options(key, rows_height(summary.len()))
            .map_err(ReportError::chart(heading))?;
        let chart = chart::ranking_marked(&summary, &against, &options)
            .map_err(ReportError::chart(heading))?;
        let by_segment = Table::from_grouped(
            format!("{heading}: the numbers"),
            &summary,
            &ReportOptions::new(
                self.significance.level,
                <A::Summary as Columns>::Method::default(),
            ),
            &[key],
        )
        .map_err(ReportError::table(heading))?;
        let mut out = Body::default();
        out.figure(&chart, &time_zone(summary.iter().next().map(|(k, _)| k)));
        out.table(by_segment);
        if !against.is_empty() {
            let table =
                Table::from_comparisons(format!("Each {key} against the rest"), &against, &[key])
                    .map_err(ReportError::table(heading))?;
            out.table(table);
        }
        Ok(self.push(heading, out))
    }

    /// NPS by segment as its mix: stacked detractor / passive / promoter bars, and a table of
    /// the mix in percent, each row rounded by largest remainder so that it adds up to exactly
    /// 100.0% ([`rounded_percentages`]).
    ///
    /// ```
    /// use satisfaction::report::Report;
    /// use satisfaction::{Aggregator, Grouped, Nps};
    ///
    /// let mut by_channel: Grouped<&str, Nps> = Grouped::default();
    /// *by_channel.entry("chat") = Nps::from_counts(1, 1, 1)?; // 33.3 + 33.3 + 33.3 = 99.9
    /// let mut report = Report::new("Mix");
    /// report.nps_mix("The mix", "channel", &by_channel.summary().unwrap())?;
    /// assert!(report.to_html().contains("<td class=\"num\">33.4%</td>"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ReportError::Chart`] or [`ReportError::Table`] beyond the chart or table limits.
    pub fn nps_mix<K>(
        &mut self,
        heading: impl AsRef<str>,
        key: &str,
        summary: &GroupedSummary<K, NpsSummary>,
    ) -> Result<&mut Self, ReportError>
    where
        K: KeyCells + fmt::Display + Ord,
    {
        let heading = heading.as_ref();
        let options = self
            .options(key, rows_height(summary.len()))
            .map_err(ReportError::chart(heading))?;
        let chart = chart::nps_bars(summary, &options).map_err(ReportError::chart(heading))?;
        let table = mix_table(heading, key, summary).map_err(ReportError::table(heading))?;
        let mut out = Body::default();
        out.figure(&chart, &time_zone(summary.iter().next().map(|(k, _)| k)));
        out.table(table);
        Ok(self.push(heading, out))
    }

    /// A crosstab: column percentages with each column's NPS or mean where it applies, and
    /// SPSS Custom Tables' column-proportion letters (z-tests of each pair of columns,
    /// Bonferroni within a row) at the report's level. Beyond
    /// [`MAX_TESTED_COLUMNS`](crate::crosstab::MAX_TESTED_COLUMNS) columns the table is shown
    /// without letters, and a note says why.
    ///
    /// # Errors
    ///
    /// [`ReportError::Table`] beyond the table limits
    /// ([`MAX_COLUMNS`](crate::table::MAX_COLUMNS)).
    pub fn crosstab<R, C>(
        &mut self,
        heading: impl AsRef<str>,
        summary: &CrosstabSummary<R, C>,
    ) -> Result<&mut Self, ReportError>
    where
        R: RowKey,
        C: Ord + Clone + fmt::Display,
    {
        let heading = heading.as_ref();
        let level = self.significance.level;
        let tests = summary
            .column_tests(&Significance::new(level, Adjustment::Bonferroni))
            .ok();
        let mut table = Table::from_crosstab(heading, summary, tests.as_ref(), level)
            .map_err(ReportError::table(heading))?;
        if tests.is_none() {
            table.add_note(format!(
                "Too many columns to test every pair (more than {}): no letters.",
                crate::crosstab::MAX_TESTED_COLUMNS
            ));
        }
        let mut out = Body::default();
        out.table(table);
        Ok(self.push(heading, out))
    }

    /// A key-driver analysis: the importance-performance map (with bootstrap whiskers when the
    /// analysis ran a bootstrap) and the table of drivers (LMG with its interval, shares of
    /// R², relative weights, performance).
    ///
    /// # Errors
    ///
    /// [`ReportError::Chart`] or [`ReportError::Table`] for a summary that cannot be drawn.
    pub fn drivers(
        &mut self,
        heading: impl AsRef<str>,
        summary: &KeyDriversSummary,
    ) -> Result<&mut Self, ReportError> {
        let heading = heading.as_ref();
        let options = self
            .options("driver", 560)
            .map_err(ReportError::chart(heading))?;
        // Bootstrap whiskers when the analysis ran a bootstrap.
        let intervals = summary.intervals(self.significance.level).ok();
        let chart = chart::importance_performance(summary, intervals.as_ref(), &options)
            .map_err(ReportError::chart(heading))?;
        let table = Table::from_drivers(
            format!("{heading}: the numbers"),
            summary,
            self.significance.level,
        )
        .map_err(ReportError::table(heading))?;
        let mut out = Body::default();
        out.figure(&chart, "");
        out.table(table);
        Ok(self.push(heading, out))
    }

    /// Retention: the survival curves with their bands (the default
    /// [`SurvivalStyle`]), each curve's median lifetime with its limits, and the cohort grid
    /// when one is given.
    ///
    /// `unit` is what a duration counts ("month").
    ///
    /// # Errors
    ///
    /// [`ReportError::Empty`] without curves; [`ReportError::Chart`] or
    /// [`ReportError::Table`] beyond the chart or table limits.
    pub fn retention<'a, K>(
        &mut self,
        heading: impl AsRef<str>,
        unit: &str,
        curves: impl IntoIterator<Item = (K, &'a KaplanMeierSummary)>,
        grid: Option<&RetentionGrid>,
    ) -> Result<&mut Self, ReportError>
    where
        K: fmt::Display,
    {
        let heading = heading.as_ref();
        let curves: Vec<(String, &KaplanMeierSummary)> = curves
            .into_iter()
            .map(|(k, s)| (k.to_string(), s))
            .collect();
        if curves.is_empty() {
            return Err(ReportError::Empty {
                section: heading.to_owned(),
                what: "no retention curve",
            });
        }
        let level = self.significance.level;
        let style = SurvivalStyle::default();
        let options = self
            .options(unit, 480)
            .map_err(ReportError::chart(heading))?;
        let chart = chart::survival_with(curves.iter().map(|(k, s)| (k, *s)), &style, &options)
            .map_err(ReportError::chart(heading))?;
        let mut out = Body::default();
        out.figure(&chart, "");
        let table =
            median_table(heading, unit, &curves, level).map_err(ReportError::table(heading))?;
        out.table(table);
        if let Some(grid) = grid {
            let options = self
                .options("cohort", rows_height(grid.rows().len()))
                .map_err(ReportError::chart(heading))?;
            let chart =
                chart::retention_grid(grid, &options).map_err(ReportError::chart(heading))?;
            out.figure(&chart, "");
        }
        Ok(self.push(heading, out))
    }

    /// Comment themes against NPS: for each theme, how many comments mention it, its share
    /// among detractors, passives and promoters, and the NPS of those who mention it against
    /// those who do not, flagged at the report's [`Significance`].
    ///
    /// # Errors
    ///
    /// [`ReportError::Table`] beyond the table limits.
    #[cfg(feature = "text")]
    #[cfg_attr(docsrs, doc(cfg(feature = "text")))]
    pub fn themes(
        &mut self,
        heading: impl AsRef<str>,
        summary: &crate::text::ThemeTableSummary,
    ) -> Result<&mut Self, ReportError> {
        let heading = heading.as_ref();
        let table = Table::from_themes(heading, summary, &self.significance)
            .map_err(ReportError::table(heading))?;
        let mut out = Body::default();
        out.table(table);
        Ok(self.push(heading, out))
    }
}

/// What the reader must know about the keys (the time zone of periods), or nothing.
fn time_zone<K: KeyCells>(first: Option<&K>) -> String {
    first.and_then(KeyCells::note).unwrap_or_default()
}

/// The NPS mix by segment, each row's shares rounded to add up to 100.0%.
fn mix_table<K: KeyCells + Ord>(
    heading: &str,
    key: &str,
    summary: &GroupedSummary<K, NpsSummary>,
) -> Result<Table, crate::table::TableError> {
    let share = Format::Percent { decimals: 1 };
    let mut table = Table::new(format!("{heading}: the mix"));
    key_columns(&mut table, &[key], summary.iter().next().map(|(k, _)| k))?;
    table.add_column("n", Format::Count)?;
    for name in ["detractors", "passives", "promoters"] {
        table.add_column(name, share)?;
    }
    table.add_column("NPS", Format::Points { decimals: 1 })?;
    for (i, (k, s)) in summary.iter().enumerate() {
        let mut row = Vec::new();
        k.cells(&mut row);
        row.push(Cell::Count(s.count()));
        let counts = [s.detractors(), s.passives(), s.promoters()].map(|n| n as f64);
        let shares = rounded_percentages(&counts, 1)?;
        row.extend(shares.iter().map(|p| Cell::Formatted(p / 100.0, share)));
        row.push(Cell::Formatted(
            s.estimate(),
            Format::Points { decimals: 1 },
        ));
        table.push_row(row)?;
        if is_small_sample(s.count()) {
            table.mark_small_sample(i)?;
        }
    }
    table.add_note(
        "Shares are rounded by largest remainder, so that each row adds up to 100.0%; \
         the NPS is computed from the exact counts.",
    );
    if let Some(note) = summary.iter().next().and_then(|(k, _)| k.note()) {
        table.add_note(note);
    }
    Ok(table)
}

/// Each curve's customers, churned, median lifetime and its limits.
fn median_table(
    heading: &str,
    unit: &str,
    curves: &[(String, &KaplanMeierSummary)],
    level: crate::interval::ConfidenceLevel,
) -> Result<Table, crate::table::TableError> {
    let method = crate::retention::SurvivalInterval::default();
    let lifetime = Format::Number { decimals: 1 };
    let mut table = Table::new(format!("{heading}: median lifetime"));
    table.add_column("curve", Format::Text)?;
    table.add_column("customers", Format::Count)?;
    table.add_column("churned", Format::Count)?;
    table.add_column(format!("median ({unit}s)"), lifetime)?;
    table.add_column("lower", lifetime)?;
    table.add_column("upper", lifetime)?;
    for (i, (name, curve)) in curves.iter().enumerate() {
        let (lower, upper) = curve.median_interval(level, method);
        let number = |x: Option<f64>| x.map_or(Cell::Empty, |x| Cell::Formatted(x, lifetime));
        table.push_row(vec![
            Cell::Text(name.clone()),
            Cell::Count(curve.count()),
            Cell::Count(curve.events()),
            number(curve.median()),
            number(lower),
            number(upper),
        ])?;
        if is_small_sample(curve.count()) {
            table.mark_small_sample(i)?;
        }
    }
    table.add_note(format!(
        "Median lifetime: Kaplan-Meier, where the curve falls to one half; limits at {level} by \
         Brookmeyer & Crowley on the {method} interval of the curve. Blank: not reached yet."
    ));
    Ok(table)
}
