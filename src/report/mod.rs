//! A report as one self-contained HTML page (feature `report`): the deliverable a CX team
//! sends, built from the crate's own summaries.
//!
//! A [`Report`] is a list of sections, each added by one call that takes a summary and draws
//! and tabulates it the way the crate's numbers should be read:
//!
//! | section | input | on the page |
//! |---|---|---|
//! | [`headline`](Report::headline) | any [`Summary`](crate::Summary) | the estimate in large type, its interval with level and method, n |
//! | [`trend`](Report::trend) | a [`GroupedSummary`](crate::GroupedSummary) by period | the trend chart with its band and ▲ ▼ where a change from the period before is significant after correction; the table by period; the table of changes |
//! | [`segments`](Report::segments) | a [`Grouped`](crate::Grouped) by segment | segments ranked by their lower bound with ▲ ▼ against the rest; the table by segment; the table of differences |
//! | [`nps_mix`](Report::nps_mix) | NPS by segment | detractor / passive / promoter bars; the mix in percent, each row adding up to 100 |
//! | [`crosstab`](Report::crosstab) | a [`CrosstabSummary`](crate::crosstab::CrosstabSummary) | column percentages with SPSS-style significance letters |
//! | [`drivers`](Report::drivers) | a [`KeyDriversSummary`](crate::drivers::KeyDriversSummary) | the importance-performance map; the driver table |
//! | [`retention`](Report::retention) | [`KaplanMeierSummary`](crate::retention::KaplanMeierSummary) curves and a [`RetentionGrid`](crate::retention::RetentionGrid) | survival curves with bands; median lifetimes; the cohort grid |
//! | `themes` (feature `text`) | a [`ThemeTableSummary`](crate::text::ThemeTableSummary) | each theme's share among detractors, passives and promoters, and its NPS against the rest |
//! | [`table`](Report::table), [`chart`](Report::chart), [`paragraph`](Report::paragraph) | anything else | as given |
//!
//! # What the page promises
//!
//! - **Self-contained.** Inline SVG and CSS; no script, no font, no image, no network. It
//!   opens from a file, attaches to an e-mail and prints (each figure and table kept on one
//!   page, the contents list left out).
//! - **Stated methods.** Every interval says its level and method; every ▲ ▼ names its test,
//!   level and multiplicity correction (the report's [`Significance`]: 95%, Holm, unless set);
//!   every period's time zone is stated under its table.
//! - **Honest rounding.** Shares that partition a whole (the NPS mix) are rounded by largest
//!   remainder ([`rounded_percentages`](crate::table::rounded_percentages)), so each row adds
//!   up to exactly 100.
//! - **Small samples marked.** Groups of fewer than
//!   [`MIN_RELIABLE_N`](crate::interval::MIN_RELIABLE_N) observations are greyed and marked †,
//!   and the page says what † means.
//! - **Safe text.** Every label, title and note is HTML-escaped (`<`, `&`, quotes), characters
//!   no document may hold are replaced, right-to-left text is left to the browser's
//!   bidirectional layout, and void elements are closed: the page is well-formed XML too.
//!
//! A section that cannot be drawn (an empty grouping, a summary whose estimate is not finite)
//! is an error from the call that adds it, and the report stays as it was.
//!
//! # Example
//!
//! ```
//! use satisfaction::report::Report;
//! use satisfaction::{Aggregator, Granularity, Grouped, Nps, Period};
//!
//! let mut monthly: Grouped<Period, Nps> = Grouped::default();
//! let mut by_channel: Grouped<String, Nps> = Grouped::default();
//! let mut month = Period::containing(1_767_225_600, Granularity::Month)?; // 2026-01
//! for (scores, channel) in [([10, 9, 7, 3, 10], "chat"), ([9, 9, 8, 6, 10], "email")] {
//!     monthly.entry(month).try_extend_from_slice(&scores)?;
//!     by_channel.entry(channel.to_owned()).try_extend_from_slice(&scores)?;
//!     month = month.next()?;
//! }
//! let year = monthly.iter().try_fold(Nps::default(), |mut all, (_, m)| all.merge(m).map(|()| all))?;
//!
//! let mut report = Report::new("Customer feedback, 2026");
//! report
//!     .paragraph("Every answer to the NPS question, by month and by channel.")
//!     .headline("NPS, all year", &year.summary().unwrap())?
//!     .trend("NPS by month", "month", &monthly.summary().unwrap())?
//!     .segments("NPS by channel", "channel", &by_channel)?;
//! let html = report.to_html();
//! assert!(html.starts_with("<!DOCTYPE html>") && html.contains("Holm"));
//! assert!(html.contains("calendar periods in UTC"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod error;
mod html;
mod sections;

use std::fmt::{self, Write as _};
use std::path::Path;
use std::sync::Arc;

pub use error::ReportError;

use crate::compare::Significance;
use crate::table::{SMALL_SAMPLE_NOTE, Table};

/// The width of the report's charts, in pixels: the page's reading width.
const CHART_WIDTH: u32 = 960;

/// A report under construction: a title, its sections in order, and the significance its
/// marks and letters are tested at.
///
/// Sections are added by `&mut self` methods that return `&mut Self` (or a `Result` of it),
/// so they chain; [`to_html`](Self::to_html) (or `Display`) writes the page and
/// [`save`](Self::save) writes it to a file. See the [module docs](self) for the sections.
#[derive(Debug, Clone, PartialEq)]
#[must_use]
pub struct Report {
    title: String,
    significance: Significance,
    sections: Vec<Section>,
}

/// One section as HTML, with the heading that names it in the contents list and the tables
/// it shows.
#[derive(Debug, Clone, PartialEq)]
struct Section {
    /// `None` for a paragraph between sections.
    heading: Option<String>,
    html: String,
    tables: Vec<Table>,
}

/// A section's content while it is built: its HTML (escaped already) and the tables behind
/// it, kept for [`Report::tables`].
#[derive(Debug, Default)]
struct Body {
    html: String,
    tables: Vec<Table>,
}

impl Body {
    /// Already-escaped HTML.
    fn html(html: String) -> Self {
        Self {
            html,
            tables: Vec::new(),
        }
    }

    /// A chart and its caption as a `<figure>`.
    fn figure(&mut self, chart: &crate::chart::Chart, caption: &str) {
        self.html.push_str(&figure(chart, caption));
    }

    /// A table, shown and kept.
    fn table(&mut self, table: Table) {
        self.html.push_str(&html::table(&table));
        self.tables.push(table);
    }
}

impl Report {
    /// An empty report titled `title`, testing at the 95% level with Holm's correction.
    ///
    /// ```
    /// use satisfaction::report::Report;
    ///
    /// let report = Report::new("Q3 <draft>");
    /// assert!(report.to_html().contains("<title>Q3 &lt;draft&gt;</title>"));
    /// ```
    pub fn new(title: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            significance: Significance::default(),
            sections: Vec::new(),
        }
    }

    /// The report testing at `significance` (level and multiplicity correction) and drawing
    /// intervals at its level, for the sections added after this call.
    ///
    /// ```
    /// use satisfaction::compare::{Adjustment, Significance};
    /// use satisfaction::report::Report;
    /// use satisfaction::ConfidenceLevel;
    ///
    /// let report = Report::new("Weekly")
    ///     .with_significance(Significance::new(ConfidenceLevel::P90, Adjustment::BenjaminiHochberg));
    /// assert_eq!(report.significance().level, ConfidenceLevel::P90);
    /// ```
    pub fn with_significance(mut self, significance: Significance) -> Self {
        self.significance = significance;
        self
    }

    /// The significance sections are tested at.
    #[must_use]
    pub fn significance(&self) -> Significance {
        self.significance
    }

    /// The report's title.
    #[must_use]
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The headings of the sections, in order (paragraphs have none).
    pub fn headings(&self) -> impl Iterator<Item = &str> {
        self.sections.iter().filter_map(|s| s.heading.as_deref())
    }

    /// How many sections and paragraphs the report has.
    #[must_use]
    pub fn len(&self) -> usize {
        self.sections.len()
    }

    /// Whether nothing has been added yet.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.sections.is_empty()
    }

    /// A paragraph of text between sections (what the report covers, how to read it).
    ///
    /// ```
    /// use satisfaction::report::Report;
    ///
    /// let mut report = Report::new("Q3");
    /// report.paragraph("Scores & comments from <all> channels.");
    /// assert!(report.to_html().contains("Scores &amp; comments from &lt;all&gt; channels."));
    /// ```
    pub fn paragraph(&mut self, text: impl AsRef<str>) -> &mut Self {
        self.sections.push(Section {
            heading: None,
            html: format!("<p>{}</p>\n", html::text(text.as_ref())),
            tables: Vec::new(),
        });
        self
    }

    /// Any [`Table`] as a section headed by its title: small-sample rows greyed and marked †,
    /// its notes below it.
    ///
    /// ```
    /// use satisfaction::report::Report;
    /// use satisfaction::table::{Format, Table};
    ///
    /// let mut table = Table::new("Tickets by queue");
    /// table.add_column("queue", Format::Text)?;
    /// table.add_column("tickets", Format::Count)?;
    /// table.push_row(vec!["billing".into(), 1_204u64.into()])?;
    /// let mut report = Report::new("Support");
    /// report.table(&table);
    /// assert!(report.to_html().contains("<td class=\"num\">1,204</td>"));
    /// # Ok::<(), satisfaction::table::TableError>(())
    /// ```
    pub fn table(&mut self, table: &Table) -> &mut Self {
        let mut body = Body::default();
        body.table(table.clone());
        self.push(table.title(), body)
    }

    /// Any [`Chart`](crate::chart::Chart) as a section, with `caption` under it.
    ///
    /// ```
    /// use satisfaction::chart::{self, ChartOptions};
    /// use satisfaction::report::Report;
    /// use satisfaction::{Aggregator, Nps};
    ///
    /// let nps = Nps::from_counts(10, 20, 70)?.summary().unwrap();
    /// let bars = chart::nps_bars([("all", &nps)], &ChartOptions::default())?;
    /// let mut report = Report::new("NPS");
    /// report.chart("The mix", &bars, "All answers.");
    /// assert!(report.to_html().contains("<svg"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn chart(
        &mut self,
        heading: impl AsRef<str>,
        chart: &crate::chart::Chart,
        caption: impl AsRef<str>,
    ) -> &mut Self {
        let mut body = Body::default();
        body.figure(chart, caption.as_ref());
        self.push(heading.as_ref(), body)
    }

    /// Adds a section headed `heading`.
    fn push(&mut self, heading: &str, body: Body) -> &mut Self {
        self.sections.push(Section {
            heading: Some(heading.to_owned()),
            html: body.html,
            tables: body.tables,
        });
        self
    }

    /// Every table the report shows, in page order: to hand the same numbers to a
    /// spreadsheet ([`Workbook`](crate::table::Workbook), feature `xlsx`) or to CSV.
    ///
    /// ```
    /// use satisfaction::report::Report;
    /// use satisfaction::{Aggregator, Grouped, Nps};
    ///
    /// let mut channels: Grouped<&str, Nps> = Grouped::default();
    /// *channels.entry("chat") = Nps::from_counts(10, 20, 70)?;
    /// *channels.entry("email") = Nps::from_counts(30, 20, 50)?;
    /// let mut report = Report::new("Channels");
    /// report.segments("NPS by channel", "channel", &channels)?;
    /// let titles: Vec<&str> = report.tables().map(|t| t.title()).collect();
    /// assert_eq!(titles, ["NPS by channel: the numbers", "Each channel against the rest"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.sections.iter().flat_map(|s| &s.tables)
    }

    /// The page: title, contents, sections, and a footer that names the significance and
    /// explains the small-sample mark when one is used.
    #[must_use]
    pub fn to_html(&self) -> String {
        let mut body = String::new();
        let _ = writeln!(body, "<header>\n<h1>{}</h1>", html::text(&self.title));
        let headed: Vec<(usize, &str)> = self
            .sections
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.heading.as_deref().map(|h| (i, h)))
            .collect();
        if headed.len() > 1 {
            body.push_str("<nav aria-label=\"Contents\"><ol>\n");
            for (i, heading) in &headed {
                let _ = writeln!(
                    body,
                    "<li><a href=\"#section-{}\">{}</a></li>",
                    i + 1,
                    html::text(heading)
                );
            }
            body.push_str("</ol></nav>\n");
        }
        body.push_str("</header>\n");
        for (i, section) in self.sections.iter().enumerate() {
            match &section.heading {
                Some(heading) => {
                    let _ = write!(
                        body,
                        "<section id=\"section-{}\">\n<h2>{}</h2>\n{}</section>\n",
                        i + 1,
                        html::text(heading),
                        section.html
                    );
                }
                None => body.push_str(&section.html),
            }
        }
        let Significance { level, adjustment } = self.significance;
        let _ = write!(
            body,
            "<footer>\n<p>Intervals are {level} confidence intervals by each metric's named \
             method. ▲ ▼ and column letters mark differences significant at the {}% level, \
             with the correction named beside them ({adjustment} unless said otherwise).</p>\n",
            crate::display::trimmed_percent(self.significance.alpha()),
        );
        if self.sections.iter().any(|s| s.html.contains('†')) {
            let _ = writeln!(body, "<p>{}</p>", html::text(SMALL_SAMPLE_NOTE));
        }
        let _ = writeln!(
            body,
            "<p>Made with satisfaction {}.</p>\n</footer>",
            env!("CARGO_PKG_VERSION")
        );
        html::page(&self.title, &body)
    }

    /// Writes the page to `path`, replacing the file if it exists.
    ///
    /// # Errors
    ///
    /// [`ReportError::Io`] when the file cannot be written.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<(), ReportError> {
        let path = path.as_ref();
        std::fs::write(path, self.to_html()).map_err(|source| ReportError::Io {
            path: path.to_owned(),
            source: Arc::new(source),
        })
    }
}

impl fmt::Display for Report {
    /// The page, as [`to_html`](Report::to_html) writes it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_html())
    }
}

/// A chart and its caption as a `<figure>`. The chart's SVG is written by plotters, which
/// escapes its text; it carries its own title and caption, so `caption` is what the chart
/// does not say (time zone, what a mark means).
fn figure(chart: &crate::chart::Chart, caption: &str) -> String {
    let mut out = format!("<figure>\n{}\n", chart.svg());
    if !caption.is_empty() {
        let _ = writeln!(out, "<figcaption>{}</figcaption>", html::text(caption));
    }
    out.push_str("</figure>\n");
    out
}
