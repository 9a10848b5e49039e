//! The retention charts (feature `chart`): every SVG parsed as XML, its curves, bands,
//! censoring ticks, number-at-risk table and heat cells counted by colour and text; bad input
//! is an error and arbitrary curves never panic.
//!
//! Curves take the Okabe-Ito colours in order (`#0072B2`, `#D55E00`, `#009E73`, ...); a curve
//! is a 2-px polyline, its band a polygon of the same colour, a censoring tick a 1-px
//! two-point polyline. `RETENTION_SVG_DIR=dir` writes every chart there to look at.

use proptest::prelude::*;
use roxmltree::Document;
use satisfaction::chart::{self, ChartError, ChartOptions, SurvivalStyle};
use satisfaction::retention::{CohortRetention, KaplanMeier, KaplanMeierSummary, SurvivalInterval};
use satisfaction::{Aggregator, ConfidenceLevel, Granularity};

const COLOURS: [&str; 3] = ["#0072B2", "#D55E00", "#009E73"];

fn curve(durations: &[u64], churned: &[bool]) -> KaplanMeierSummary {
    let mut km = KaplanMeier::default();
    km.try_extend_from_slices(durations, churned).unwrap();
    km.summary().unwrap()
}

fn plans() -> Vec<(&'static str, KaplanMeierSummary)> {
    vec![
        (
            "monthly",
            curve(
                &[1, 1, 2, 3, 3, 4, 6, 7, 9, 12, 14, 15, 20],
                &[
                    true, true, false, true, true, true, false, true, true, true, false, true,
                    false,
                ],
            ),
        ),
        (
            "annual",
            curve(
                &[5, 12, 12, 13, 18, 24, 24, 26, 30, 36],
                &[
                    false, true, false, true, false, true, false, false, true, false,
                ],
            ),
        ),
    ]
}

fn keep(svg: &str, name: &str) {
    if let Some(dir) = std::env::var_os("RETENTION_SVG_DIR") {
        std::fs::write(std::path::Path::new(&dir).join(name), svg).unwrap();
    }
}

fn parse(svg: &str) -> Document<'_> {
    Document::parse(svg).unwrap_or_else(|e| panic!("not well-formed XML: {e}\n{svg}"))
}

fn count(doc: &Document<'_>, tag: &str, attrs: &[(&str, &str)]) -> usize {
    doc.descendants()
        .filter(|n| n.tag_name().name() == tag)
        .filter(|n| attrs.iter().all(|(k, v)| n.attribute(*k) == Some(*v)))
        .count()
}

fn texts(doc: &Document<'_>) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.tag_name().name() == "text")
        .map(|n| n.text().unwrap_or("").trim().to_owned())
        .collect()
}

/// The polylines of `colour` of stroke width `width`, as their vertex counts.
fn polylines(doc: &Document<'_>, colour: &str, width: &str) -> Vec<usize> {
    doc.descendants()
        .filter(|n| n.tag_name().name() == "polyline")
        .filter(|n| {
            n.attribute("stroke") == Some(colour) && n.attribute("stroke-width") == Some(width)
        })
        .map(|n| {
            n.attribute("points")
                .unwrap_or("")
                .split_whitespace()
                .count()
        })
        .collect()
}

#[test]
fn curves_bands_and_the_number_at_risk() {
    let plans = plans();
    let options = ChartOptions::builder().key_label("months").build().unwrap();
    let svg = chart::survival(plans.iter().map(|(k, s)| (k, s)), &options)
        .unwrap()
        .into_svg();
    keep(&svg, "survival.svg");
    let doc = parse(&svg);
    for (i, (_, plan)) in plans.iter().enumerate() {
        let lines = polylines(&doc, COLOURS[i], "2");
        assert_eq!(lines.len(), 1, "one step line for curve {i}");
        // Two vertices per step plus the start and the end of the flat stretch after.
        let steps = plan.steps().len();
        assert!(lines[0] > steps && lines[0] <= 2 * steps + 2, "{lines:?}");
        assert_eq!(
            count(&doc, "polygon", &[("fill", COLOURS[i])]),
            1,
            "one band"
        );
        // The legend swatch.
        assert!(count(&doc, "rect", &[("fill", COLOURS[i])]) >= 1);
    }
    // No censoring ticks unless asked.
    assert!(polylines(&doc, COLOURS[0], "1").is_empty());
    let texts = texts(&doc);
    for expected in [
        "Customers retained",
        "Number at risk",
        "months since start",
        "monthly",
        "annual",
        "monthly (n = 13)",
        "annual (n = 10)",
        "100%",
        "0%",
        "retained",
    ] {
        assert!(
            texts.iter().any(|t| t == expected),
            "no {expected:?} in {texts:?}"
        );
    }
    let caption = texts.join(" ");
    assert!(
        caption.contains("the 95% pointwise interval (log scale, Greenwood)"),
        "{caption}"
    );
    // The table: at duration 0 everyone is at risk, and each tick has a count per curve.
    let monthly_at_zero = plans[0].1.at_risk(0).to_string();
    assert!(texts.contains(&monthly_at_zero));
    let ticks: Vec<&String> = texts.iter().filter(|t| *t == "12").collect();
    assert!(!ticks.is_empty(), "a tick at 12 months");
}

#[test]
fn censoring_ticks_and_styles() {
    let plans = plans();
    let options = ChartOptions::builder()
        .key_label("months")
        .title("Retention by plan")
        .level(ConfidenceLevel::P90)
        .build()
        .unwrap();
    let style = SurvivalStyle::default()
        .method(SurvivalInterval::LogLog)
        .censoring_ticks(true)
        .horizon(24);
    let svg = chart::survival_with(plans.iter().map(|(k, s)| (k, s)), &style, &options)
        .unwrap()
        .into_svg();
    keep(&svg, "survival_ticks.svg");
    let doc = parse(&svg);
    for (i, (_, plan)) in plans.iter().enumerate() {
        let censored = plan
            .steps()
            .iter()
            .filter(|s| s.censored() > 0 && s.time() <= 24)
            .count();
        let ticks = polylines(&doc, COLOURS[i], "1");
        assert_eq!(ticks.len(), censored, "curve {i}");
        assert!(ticks.iter().all(|&v| v == 2));
    }
    let texts = texts(&doc);
    assert!(texts.iter().any(|t| t == "Retention by plan"));
    let caption = texts.join(" ");
    assert!(
        caption.contains("the 90% pointwise interval (log-log scale"),
        "{caption}"
    );
    assert!(
        caption.contains("ticks: customers still active"),
        "{caption}"
    );
    assert!(texts.iter().any(|t| t == "24") && !texts.iter().any(|t| t == "30"));

    let bare = SurvivalStyle::default().bands(false);
    let svg = chart::survival_with(plans.iter().map(|(k, s)| (k, s)), &bare, &options)
        .unwrap()
        .into_svg();
    assert_eq!(count(&parse(&svg), "polygon", &[]), 0);
}

#[test]
fn a_curve_that_ends_at_zero_has_a_band_that_stops() {
    let zero = curve(&[1, 2, 2, 3], &[true, true, false, true]);
    assert_eq!(zero.survival_at(3), 0.0);
    let svg = chart::survival([("all gone", &zero)], &ChartOptions::default())
        .unwrap()
        .into_svg();
    let doc = parse(&svg);
    assert_eq!(count(&doc, "polygon", &[("fill", COLOURS[0])]), 1);
    assert!(matches!(
        chart::survival(
            std::iter::empty::<(&str, &KaplanMeierSummary)>(),
            &ChartOptions::default()
        ),
        Err(ChartError::Empty { .. })
    ));
}

#[test]
fn heat_table_of_a_cohort_grid() {
    let day = 86_400;
    let jan_1 = 1_767_225_600; // 2026-01-01
    let mut cohorts = CohortRetention::new(Granularity::Month, jan_1 + 150 * day).unwrap();
    for d in 0..20 {
        let start = jan_1 + d * 7 * day;
        let end = (d % 3 == 0).then_some(start + 50 * day);
        cohorts.try_push(start, end).unwrap();
    }
    let grid = cohorts.grid(5, ConfidenceLevel::P95, SurvivalInterval::Log);
    let svg = chart::retention_grid(&grid, &ChartOptions::default())
        .unwrap()
        .into_svg();
    keep(&svg, "retention_grid.svg");
    let doc = parse(&svg);
    let texts = texts(&doc);
    let cells: usize = grid.rows().iter().map(|r| r.cells().len()).sum();
    let empty: usize = grid
        .rows()
        .iter()
        .flat_map(|r| r.cells())
        .filter(|c| c.retained().is_none())
        .count();
    assert!(empty > 0 && empty < cells);
    assert_eq!(texts.iter().filter(|t| *t == "-").count(), empty);
    for row in grid.rows() {
        let label = format!("{} (n = {})", row.cohort(), row.customers());
        assert!(texts.contains(&label), "{label}");
    }
    assert!(texts.iter().any(|t| t == "+5"));
    let empty_grid = CohortRetention::new(Granularity::Month, jan_1)
        .unwrap()
        .grid(3, ConfidenceLevel::P95, SurvivalInterval::Log);
    assert!(chart::retention_grid(&empty_grid, &ChartOptions::default()).is_err());
}

proptest! {
    /// Any curves, horizons and styles draw a well-formed SVG, or a chart error; never a panic.
    #[test]
    fn arbitrary_curves_draw(
        sets in prop::collection::vec(
            prop::collection::vec((prop_oneof![0u64..50, any::<u64>().prop_map(|d| d % 1_000_000_000_000_001)], any::<bool>()), 1..30),
            0..9,
        ),
        horizon in prop::option::of(any::<u64>()),
        ticks in any::<bool>(),
        bands in any::<bool>(),
    ) {
        let curves: Vec<KaplanMeierSummary> = sets
            .iter()
            .map(|set| {
                let (d, c): (Vec<u64>, Vec<bool>) = set.iter().copied().unzip();
                curve(&d, &c)
            })
            .collect();
        let mut style = SurvivalStyle::default().censoring_ticks(ticks).bands(bands);
        if let Some(h) = horizon {
            style = style.horizon(h % 1_000_000_000_000_001);
        }
        let labelled = curves.iter().enumerate().map(|(i, c)| (format!("segment {i}"), c));
        match chart::survival_with(labelled, &style, &ChartOptions::default()) {
            Ok(chart) => { parse(chart.svg()); }
            Err(ChartError::Empty { .. }) => prop_assert!(curves.is_empty()),
            Err(e) => prop_assert!(false, "{e}"),
        }
    }
}
