//! The charts (feature `chart`): every SVG is parsed as XML and its series counted (band
//! pieces, line, dots, rings, bar boxes, whiskers), captions and axes name the metric, unit,
//! method and level, bad input is an error, and arbitrary input never panics.
//!
//! Elements are told apart by the chart's palette: the estimate is `#0072B2`, the band
//! `#56B4E9`, detractors / passives / promoters `#D55E00` / `#BBBBBB` / `#009E73`, the centre of
//! a small-sample ring white. The legend above the plot draws one glyph per entry in the same
//! colours, which the expected counts include.

use std::fmt;
use std::time::Duration;

use proptest::prelude::*;

#[allow(dead_code, unreachable_pub)]
#[path = "../../examples/cookbook_scorecard_trend.rs"]
mod scorecard_example;
use roxmltree::{Document, Node};
use satisfaction::chart::{self, ChartError, ChartOptions, MAX_SIDE, MAX_VALUE, MIN_SIDE};
use satisfaction::compare::{Adjustment, Significance};
use satisfaction::interval::is_small_sample;
use satisfaction::{
    Aggregator, ConfidenceLevel, Csat, FirstResponse, FirstResponseTime, Grouped, Interval, Nps,
    NpsSummary, Period, Summary,
};

const ESTIMATE: &str = "#0072B2";
const BAND: &str = "#56B4E9";
const WHITE: &str = "#FFFFFF";
const DETRACTOR: &str = "#D55E00";
const PASSIVE: &str = "#BBBBBB";
const PROMOTER: &str = "#009E73";

/// The SVG parsed, or the test fails: the document must be well-formed XML with an `<svg>`
/// root of the requested size.
fn parse<'a>(svg: &'a str, options: &ChartOptions) -> Document<'a> {
    let doc = Document::parse(svg).unwrap_or_else(|e| panic!("not well-formed XML: {e}\n{svg}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(
        root.attribute("width"),
        Some(options.width().to_string().as_str())
    );
    assert_eq!(
        root.attribute("height"),
        Some(options.height().to_string().as_str())
    );
    doc
}

/// Elements named `tag` whose attributes include every pair of `attrs`.
fn count(doc: &Document<'_>, tag: &str, attrs: &[(&str, &str)]) -> usize {
    doc.descendants()
        .filter(|n| n.tag_name().name() == tag)
        .filter(|n| attrs.iter().all(|(k, v)| n.attribute(*k) == Some(*v)))
        .count()
}

/// The text of every `<text>` element, in document order.
fn texts(doc: &Document<'_>) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.tag_name().name() == "text")
        .map(|n: Node<'_, '_>| n.text().unwrap_or("").trim().to_owned())
        .collect()
}

/// Fails unless every one of `expected` is the whole text of some `<text>` element.
fn has_texts(texts: &[String], expected: &[&str]) {
    for expected in expected {
        assert!(
            texts.iter().any(|t| t == expected),
            "no text {expected:?} in {texts:?}"
        );
    }
}

/// The y coordinate of the text `label`.
fn y_of(doc: &Document<'_>, label: &str) -> i32 {
    doc.descendants()
        .find(|n| n.tag_name().name() == "text" && n.text().map(str::trim) == Some(label))
        .and_then(|n| n.attribute("y"))
        .and_then(|y| y.parse().ok())
        .unwrap_or_else(|| panic!("no text {label:?}"))
}

fn nps(d: u64, p: u64, c: u64) -> NpsSummary {
    Nps::from_counts(d, p, c).unwrap().summary().unwrap()
}

fn months() -> Vec<(Period, NpsSummary)> {
    let counts = [(20, 30, 50), (25, 35, 40), (4, 5, 6), (30, 30, 40)];
    let mut month: Period = "2026-01".parse().unwrap();
    counts
        .iter()
        .map(|&(d, p, c)| {
            let this = month;
            month = month.next().unwrap();
            (this, nps(d, p, c))
        })
        .collect()
}

/// Dots drawn in the estimate's colour, rings' white centres, band pieces and estimate lines
/// of a trend, legend glyphs included.
fn trend_counts(doc: &Document<'_>) -> (usize, usize, usize, usize) {
    (
        count(doc, "circle", &[("fill", ESTIMATE)]),
        count(doc, "circle", &[("fill", WHITE)]),
        count(doc, "polygon", &[("fill", BAND)]),
        count(
            doc,
            "polyline",
            &[("stroke", ESTIMATE), ("stroke-width", "2")],
        ),
    )
}

#[test]
fn trend_draws_band_line_dots_and_rings() {
    let months = months();
    let options = ChartOptions::builder().key_label("month").build().unwrap();
    let svg = chart::trend(months.iter().map(|(m, s)| (m, s)), &options)
        .unwrap()
        .into_svg();
    let doc = parse(&svg, &options);
    // 4 dots + the legend's line glyph dot + its ring glyph; 1 ring (n = 15) + the legend's;
    // one band piece; the line + the legend's line.
    assert_eq!(trend_counts(&doc), (4 + 2, 1 + 1, 1, 1 + 1));
    let line = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "polyline")
        .filter(|n| n.attribute("stroke") == Some(ESTIMATE))
        .map(|n| n.attribute("points").unwrap().split_whitespace().count())
        .max();
    assert_eq!(line, Some(4), "one vertex per period");
    let texts = texts(&doc);
    has_texts(
        &texts,
        &[
            "NPS by month",
            "NPS (points)",
            "month",
            "2026-01",
            "2026-04",
            "n=15",
            "fewer than 30 observations",
            "95% confidence interval",
        ],
    );
    assert!(
        texts
            .iter()
            .any(|t| t.contains("Tango score") && t.contains("95%"))
    );
}

#[test]
fn trend_takes_a_grouped_summary_and_any_metric() {
    // CSAT: a share, shown in percent, Wilson intervals.
    let mut weekly: Grouped<u32, Csat> = Grouped::default();
    for week in 1..=8u32 {
        let ratings: Vec<u8> = (0..40u32).map(|i| 1 + ((i * week) % 5) as u8).collect();
        weekly.entry(week).try_extend_from_slice(&ratings).unwrap();
    }
    let options = ChartOptions::builder()
        .title("CSAT by week")
        .level(ConfidenceLevel::P90)
        .build()
        .unwrap();
    let svg = chart::trend(&weekly.summary().unwrap(), &options)
        .unwrap()
        .into_svg();
    let doc = parse(&svg, &options);
    assert_eq!(trend_counts(&doc), (8 + 1, 0, 1, 2));
    let csat = texts(&doc);
    assert!(csat.iter().any(|t| t == "CSAT (%)"));
    assert!(csat.iter().any(|t| t == "90% confidence interval"));
    assert!(csat.iter().any(|t| t.contains("Wilson")));
    assert!(csat.iter().any(|t| t.ends_with('%')), "percent ticks");

    // FRT medians: seconds shown in minutes; the first month's 5 waits have no 95% interval,
    // so the band starts at the second.
    let mut frt: Grouped<u8, FirstResponseTime> = Grouped::default();
    for (month, n) in [(1, 5u64), (2, 40), (3, 60)] {
        for i in 0..n {
            frt.entry(month)
                .push(FirstResponse::Answered(Duration::from_secs(300 + 60 * i)));
        }
    }
    let summary = frt.summary().unwrap();
    assert!(
        summary
            .get(&1)
            .unwrap()
            .default_interval(ConfidenceLevel::P95)
            .is_none()
    );
    let svg = chart::trend(&summary, &ChartOptions::default())
        .unwrap()
        .into_svg();
    let doc = parse(&svg, &ChartOptions::default());
    assert_eq!(trend_counts(&doc), (3 + 2, 1 + 1, 1, 2));
    assert!(texts(&doc).iter().any(|t| t == "FRT median (minutes)"));
}

#[test]
fn a_period_without_an_interval_breaks_the_band() {
    let mut frt: Grouped<u8, FirstResponseTime> = Grouped::default();
    for (month, n) in [(1, 40u64), (2, 40), (3, 3), (4, 40)] {
        for i in 0..n {
            frt.entry(month)
                .push(FirstResponse::Answered(Duration::from_secs(60 + i)));
        }
    }
    let svg = chart::trend(&frt.summary().unwrap(), &ChartOptions::default())
        .unwrap()
        .into_svg();
    let doc = parse(&svg, &ChartOptions::default());
    let (_, _, band, _) = trend_counts(&doc);
    assert_eq!(band, 2, "months 1-2, then month 4 alone");
}

#[test]
fn nps_bars_stack_three_groups_per_segment() {
    let segments = [
        ("chat", nps(17, 36, 47)),
        ("email", nps(29, 41, 30)),
        ("sms", nps(0, 9, 17)), // no detractors: two boxes
    ];
    let options = ChartOptions::builder()
        .key_label("channel")
        .build()
        .unwrap();
    let svg = chart::nps_bars(segments.iter().map(|(k, s)| (k, s)), &options)
        .unwrap()
        .into_svg();
    let doc = parse(&svg, &options);
    // Boxes per group, plus one legend swatch each.
    assert_eq!(count(&doc, "rect", &[("fill", DETRACTOR)]), 2 + 1);
    assert_eq!(count(&doc, "rect", &[("fill", PASSIVE)]), 3 + 1);
    assert_eq!(count(&doc, "rect", &[("fill", PROMOTER)]), 3 + 1);
    let texts = texts(&doc);
    has_texts(
        &texts,
        &[
            "detractors (0-6)",
            "passives (7-8)",
            "promoters (9-10)",
            "NPS +30.0, n = 100",
            "NPS +65.4, n = 26 (small)",
            "47%",
            "share of answers (%)",
            "channel",
        ],
    );
    // The first segment is drawn at the top.
    let y = |label| y_of(&doc, label);
    assert!(y("chat") < y("email") && y("email") < y("sms"));
}

#[test]
fn ranking_orders_by_lower_bound_with_whiskers() {
    let segments = [
        ("tiny", nps(0, 0, 3)),      // +100 of 3: a wide interval, ranked last
        ("big", nps(100, 200, 500)), // +50 of 800
        ("mid", nps(30, 40, 60)),    // +23 of 130
    ];
    let options = ChartOptions::default();
    let svg = chart::ranking(segments.iter().map(|(k, s)| (k, s)), &options)
        .unwrap()
        .into_svg();
    let doc = parse(&svg, &options);
    let texts = texts(&doc);
    let y = |label| y_of(&doc, label);
    assert!(y("1. big") < y("2. mid") && y("2. mid") < y("3. tiny"));
    // Each whisker is three lines (the bar and two caps) and a dot; the legend's whisker is
    // one polyline, its dots two circles (estimate, small-sample ring).
    assert_eq!(count(&doc, "line", &[("stroke", ESTIMATE)]), 3 * 3);
    assert_eq!(count(&doc, "circle", &[("fill", ESTIMATE)]), 3 + 2);
    assert_eq!(count(&doc, "circle", &[("fill", WHITE)]), 1 + 1);
    assert!(
        texts
            .iter()
            .any(|t| t.contains("lower bound") && t.contains("Tango score"))
    );
    // The note agrees with the summary's own interval.
    let ci = segments[1]
        .1
        .default_interval(ConfidenceLevel::P95)
        .unwrap();
    let note = format!("+50.0 ({:+.1} to {:+.1}), n = 800", ci.lower(), ci.upper());
    assert!(texts.contains(&note), "no {note:?} in {texts:?}");
}

#[test]
fn ranking_leaves_out_segments_without_an_interval() {
    let mut frt: Grouped<&str, FirstResponseTime> = Grouped::default();
    for (team, n) in [("a", 40u64), ("b", 4)] {
        for i in 0..n {
            frt.entry(team)
                .push(FirstResponse::Answered(Duration::from_secs(60 + i)));
        }
    }
    let summary = frt.summary().unwrap();
    let svg = chart::ranking(&summary, &ChartOptions::default())
        .unwrap()
        .into_svg();
    let doc = parse(&svg, &ChartOptions::default());
    assert_eq!(count(&doc, "line", &[("stroke", ESTIMATE)]), 3);
    assert!(
        texts(&doc)
            .join(" ")
            .contains("1 without an interval at this level not shown")
    );

    let only_small = [("b", summary.get(&"b").unwrap())];
    assert!(matches!(
        chart::ranking(only_small, &ChartOptions::default()),
        Err(ChartError::NoInterval { .. })
    ));
}

/// A summary implemented outside the crate, which may break the contract.
#[derive(Debug, Clone)]
struct Broken {
    estimate: f64,
    interval: Option<(f64, f64)>,
    domain: (f64, f64),
    count: u64,
}

impl Broken {
    fn new(estimate: f64, interval: Option<(f64, f64)>) -> Self {
        Self {
            estimate,
            interval,
            domain: (0.0, 1.0),
            count: 100,
        }
    }
}

impl fmt::Display for Broken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "broken {}", self.estimate)
    }
}

impl Summary for Broken {
    fn metric(&self) -> &'static str {
        "broken"
    }
    fn count(&self) -> u64 {
        self.count
    }
    fn estimate(&self) -> f64 {
        self.estimate
    }
    fn domain(&self) -> (f64, f64) {
        self.domain
    }
    fn default_interval(&self, _: ConfidenceLevel) -> Option<Interval> {
        self.interval.and_then(|(lo, hi)| Interval::new(lo, hi))
    }
    fn default_method(&self) -> &'static str {
        "made up"
    }
}

#[test]
fn bad_input_is_an_error() {
    let options = ChartOptions::default();
    let none: [(&str, &NpsSummary); 0] = [];
    assert!(matches!(
        chart::trend(none, &options),
        Err(ChartError::Empty {
            what: "periods",
            ..
        })
    ));
    assert!(matches!(
        chart::nps_bars(none, &options),
        Err(ChartError::Empty {
            what: "segments",
            ..
        })
    ));
    assert!(matches!(
        chart::ranking(none, &options),
        Err(ChartError::Empty {
            what: "segments",
            ..
        })
    ));

    let nan = Broken::new(f64::NAN, None);
    let err = chart::trend([("March", &nan)], &options).unwrap_err();
    assert!(
        matches!(&err, ChartError::NotPlottable { label, what: "estimate", .. } if label == "March")
    );
    assert_eq!(
        err.to_string(),
        "March: the estimate is NaN, which cannot be plotted (a finite number within ±1e15 can)"
    );
    let fine = Broken::new(0.5, Some((0.4, 0.6)));
    let svg = chart::ranking([("x", &fine)], &options).unwrap().into_svg();
    parse(&svg, &options);

    for (w, h) in [
        (0, 450),
        (MIN_SIDE - 1, 450),
        (800, MAX_SIDE + 1),
        (u32::MAX, u32::MAX),
    ] {
        assert!(matches!(
            ChartOptions::builder().size(w, h).build(),
            Err(ChartError::Size { .. })
        ));
    }
    assert!(
        ChartOptions::builder()
            .size(MIN_SIDE, MAX_SIDE)
            .build()
            .is_ok()
    );

    let chart = chart::nps_bars([("a", &nps(1, 1, 1))], &options).unwrap();
    let dir = std::env::temp_dir().join("satisfaction-chart-test-no-such-dir");
    let err = chart.save(dir.join("x").join("chart.svg")).unwrap_err();
    assert!(matches!(err, ChartError::Io { .. }));
    let path = std::env::temp_dir().join("satisfaction-chart-test.svg");
    chart.save(&path).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), chart.svg());
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn labels_are_escaped_cleaned_and_shortened() {
    let s = nps(1, 2, 3);
    let label = "<b>&\"quotes'\u{0}\u{7}\u{FFFF} and a very long name that goes on and on and on";
    let options = ChartOptions::builder()
        .title("a <title> & \u{1} more")
        .build()
        .unwrap();
    for chart in [
        chart::trend([(label, &s)], &options),
        chart::nps_bars([(label, &s)], &options),
        chart::ranking([(label, &s)], &options),
    ] {
        let svg = chart.unwrap().into_svg();
        let doc = parse(&svg, &options);
        let texts = texts(&doc);
        assert!(
            texts
                .iter()
                .any(|t| t.contains("<b>&\"quotes'\u{FFFD}") && t.ends_with('…'))
        );
        assert!(texts.iter().any(|t| t == "a <title> & more"));
    }
}

/// Up to a dozen segments with arbitrary labels and counts (small, or huge: up to 2^61 each).
fn segments() -> impl Strategy<Value = Vec<(String, [u64; 3])>> {
    let count = prop_oneof![3 => 0u64..60, 1 => 0u64..(1 << 61)];
    prop::collection::vec((any::<String>(), prop::array::uniform3(count)), 0..12)
}

fn options() -> impl Strategy<Value = ChartOptions> {
    (
        MIN_SIDE..1600u32,
        MIN_SIDE..1000u32,
        0.5f64..0.999,
        any::<String>(),
    )
        .prop_map(|(w, h, level, title)| {
            ChartOptions::builder()
                .size(w, h)
                .level(ConfidenceLevel::new(level).unwrap())
                .title(title)
                .build()
                .unwrap()
        })
}

/// Any number at all: ordinary, huge, tiny, infinite or NaN.
fn number() -> impl Strategy<Value = f64> {
    prop_oneof![-2.0f64..2.0, -1e3f64..1e3, any::<f64>()]
}

fn broken() -> impl Strategy<Value = Broken> {
    (
        number(),
        prop::option::of((number(), number())),
        prop_oneof![
            Just((0.0, 1.0)),
            Just((-100.0, 100.0)),
            Just((0.0, f64::INFINITY)),
            (number(), number())
        ],
        any::<u64>(),
    )
        .prop_map(|(estimate, interval, domain, count)| Broken {
            estimate,
            interval,
            domain,
            count,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn summaries_that_break_the_contract_never_panic(
        summaries in prop::collection::vec(broken(), 0..8),
        options in options(),
    ) {
        let pairs = || summaries.iter().enumerate();
        let ok = |x: f64| x.is_finite() && x.abs() <= MAX_VALUE;
        // A domain scales an axis only with a finite lower end below its upper end (which may
        // be +∞, as for durations); a NaN or reversed one is an error, never "NaN to 1".
        let finite = summaries.iter().all(|s| {
            ok(s.estimate)
                && s.default_interval(options.level()).is_none_or(|ci| ok(ci.lower()) && ok(ci.upper()))
                && s.domain.0.is_finite()
                && s.domain.1 > s.domain.0
        });
        for result in [chart::trend(pairs(), &options), chart::ranking(pairs(), &options)] {
            match result {
                Ok(chart) => {
                    prop_assert!(finite);
                    parse(chart.svg(), &options);
                }
                Err(ChartError::Empty { .. }) => prop_assert!(summaries.is_empty()),
                Err(ChartError::NotPlottable { .. }) => prop_assert!(!finite),
                Err(ChartError::NoInterval { .. }) => {}
                Err(e) => prop_assert!(false, "unexpected error {}", e),
            }
        }
    }

    #[test]
    fn arbitrary_input_never_panics(segments in segments(), options in options()) {
        let summaries: Vec<(String, NpsSummary)> = segments
            .into_iter()
            .filter_map(|(label, [d, p, c])| {
                Nps::from_counts(d, p, c).ok()?.summary().map(|s| (label, s))
            })
            .collect();
        let pairs = || summaries.iter().map(|(k, s)| (k, s));
        let n = summaries.len();
        let small = summaries.iter().filter(|(_, s)| is_small_sample(s.count())).count();
        let legend_ring = usize::from(small > 0);

        match chart::trend(pairs(), &options) {
            Ok(chart) => {
                let doc = parse(chart.svg(), &options);
                let (dots, rings, band, lines) = trend_counts(&doc);
                prop_assert_eq!(dots, n + 1 + legend_ring);
                prop_assert_eq!(rings, small + legend_ring);
                prop_assert_eq!(band, 1, "NPS has an interval at every n");
                prop_assert_eq!(lines, 2);
            }
            Err(e) => prop_assert!(n == 0 && matches!(e, ChartError::Empty { .. }), "{}", e),
        }
        match chart::nps_bars(pairs(), &options) {
            Ok(chart) => {
                let doc = parse(chart.svg(), &options);
                let boxes = |color, pick: fn(&NpsSummary) -> u64| {
                    count(&doc, "rect", &[("fill", color)])
                        == 1 + summaries.iter().filter(|(_, s)| pick(s) > 0).count()
                };
                prop_assert!(boxes(DETRACTOR, NpsSummary::detractors));
                prop_assert!(boxes(PASSIVE, NpsSummary::passives));
                prop_assert!(boxes(PROMOTER, NpsSummary::promoters));
            }
            Err(e) => prop_assert!(n == 0 && matches!(e, ChartError::Empty { .. }), "{}", e),
        }
        match chart::ranking(pairs(), &options) {
            Ok(chart) => {
                let doc = parse(chart.svg(), &options);
                prop_assert_eq!(count(&doc, "line", &[("stroke", ESTIMATE)]), 3 * n);
                prop_assert_eq!(count(&doc, "circle", &[("fill", ESTIMATE)]), n + 1 + legend_ring);
                // The rank labels: right-aligned text starting "1. ", "2. ", ...
                let ranked: Vec<_> = doc
                    .descendants()
                    .filter(|t| t.tag_name().name() == "text" && t.attribute("text-anchor") == Some("end"))
                    .filter_map(|t| t.text()?.trim().split_once('.')?.0.parse::<usize>().ok())
                    .collect();
                prop_assert_eq!(ranked.len(), n);
            }
            Err(e) => prop_assert!(n == 0 && matches!(e, ChartError::Empty { .. }), "{}", e),
        }
    }
}

/// The README's "Charts" example, writing to a temporary folder.
#[test]
fn readme_example() -> Result<(), Box<dyn std::error::Error>> {
    let mut monthly: Grouped<Period, Nps> = Grouped::default();
    let mut by_channel: Grouped<String, Nps> = Grouped::default();
    monthly
        .entry("2026-01".parse()?)
        .try_extend_from_slice(&[10, 9, 3, 8])?;
    by_channel
        .entry("chat".into())
        .try_extend_from_slice(&[10, 9, 3, 8])?;
    let (months, channels) = (monthly.summary().unwrap(), by_channel.summary().unwrap());

    let options = ChartOptions::builder()
        .level(ConfidenceLevel::P95)
        .size(1000, 460)
        .build()?;
    let trend = chart::trend(&months, &options.to_builder().key_label("month").build()?)?;
    let path = std::env::temp_dir().join("satisfaction-readme-nps-trend.svg");
    trend.save(&path)?;
    std::fs::remove_file(&path)?;
    let by_channel = options.to_builder().key_label("channel").build()?;
    let mix = chart::nps_bars(&channels, &by_channel)?;
    let ranked = chart::ranking(&channels, &by_channel)?;
    for chart in [trend, mix, ranked] {
        parse(
            chart.svg(),
            &ChartOptions::builder().size(1000, 460).build()?,
        );
    }
    Ok(())
}

/// The importance-performance map: one dot per driver, its name beside it, the four quadrants
/// named, whiskers when intervals are given, and the caption naming the measure and interval.
#[test]
fn importance_performance_map_draws_every_driver() {
    use satisfaction::drivers::{Bootstrap, KeyDrivers};

    let names = ["wifi", "seat", "food <&> drink"];
    let mut drivers = KeyDrivers::builder(&names)
        .bootstrap(Bootstrap::new(40, 1).unwrap())
        .build()
        .unwrap();
    for i in 0..200u32 {
        let (wifi, seat, food) = (
            f64::from(i % 5 + 1),
            f64::from((i * 3) % 5 + 1),
            f64::from((i * 7) % 4 + 2),
        );
        let overall = 0.9 * wifi + 0.4 * seat + 0.1 * food + f64::from(i % 3);
        drivers
            .try_push_keyed(
                u64::from(i),
                overall,
                &[Some(wifi), Some(seat), Some(food)],
                1.0,
            )
            .unwrap();
    }
    let summary = drivers.summary().unwrap();
    let intervals = summary.intervals(ConfidenceLevel::P90).unwrap();
    let options = ChartOptions::builder()
        .level(ConfidenceLevel::P90)
        .build()
        .unwrap();
    for with in [None, Some(&intervals)] {
        let svg = chart::importance_performance(&summary, with, &options)
            .unwrap()
            .into_svg();
        let doc = parse(&svg, &options);
        let texts = texts(&doc);
        has_texts(&texts, &["wifi", "seat", "food <&> drink"]);
        has_texts(
            &texts,
            &[
                "concentrate here",
                "keep up the good work",
                "low priority",
                "possible overkill",
            ],
        );
        assert_eq!(
            count(&doc, "circle", &[("fill", ESTIMATE)]),
            names.len() + 1
        ); // + legend
        let caption = texts.iter().any(|t| t.contains("LMG share of R²"));
        assert!(caption, "{texts:?}");
        assert_eq!(
            texts.iter().any(|t| t.contains("percentile bootstrap")),
            with.is_some()
        );
    }
}

/// The triangles of significance marks, legend glyphs included: `(up, down)`.
fn marks(doc: &Document<'_>) -> (usize, usize) {
    (
        count(doc, "polygon", &[("fill", PROMOTER)]),
        count(doc, "polygon", &[("fill", DETRACTOR)]),
    )
}

/// A year of monthly NPS that holds steady and collapses in July (−58 points on 200
/// respondents a month), with a small month in October.
fn collapse() -> Grouped<Period, Nps> {
    let mut monthly: Grouped<Period, Nps> = Grouped::default();
    let mut month: Period = "2026-01".parse().unwrap();
    for m in 1..=12 {
        let counts = match m {
            7 => (130, 40, 30),
            10 => (2, 3, 5),
            _ => (30, 50, 120),
        };
        *monthly.entry(month) = Nps::from_counts(counts.0, counts.1, counts.2).unwrap();
        month = month.next().unwrap();
    }
    monthly
}

#[test]
fn trend_marks_the_collapse_and_the_recovery_and_names_the_correction() {
    let summary = collapse().summary().unwrap();
    for adjustment in [
        Adjustment::Holm,
        Adjustment::BenjaminiHochberg,
        Adjustment::None,
    ] {
        let significance = Significance::new(ConfidenceLevel::P95, adjustment);
        let changes = summary.against_previous(&significance);
        let options = ChartOptions::default();
        let svg = chart::trend_marked(&summary, &changes, &options)
            .unwrap()
            .into_svg();
        let doc = parse(&svg, &options);
        // July down, August up: one triangle each, plus one legend glyph each.
        assert_eq!(marks(&doc), (2, 2), "{adjustment}");
        let caption = texts(&doc).join(" ");
        assert!(caption.contains("MOVER score difference"), "{caption}");
        let correction = match adjustment {
            Adjustment::None => "no correction".to_owned(),
            other => format!("{other} correction across 11 comparisons"),
        };
        assert!(caption.contains(&correction), "{caption}");
        has_texts(
            &texts(&doc),
            &["significantly higher", "significantly lower"],
        );
        // July's mark is under its band, August's over its band.
        let down = doc
            .descendants()
            .find(|n| n.tag_name().name() == "polygon" && n.attribute("fill") == Some(DETRACTOR))
            .unwrap();
        assert!(down.attribute("points").is_some());
    }
}

#[test]
fn unmarked_comparisons_draw_no_marks_and_the_plain_chart_has_none() {
    let summary = collapse().summary().unwrap();
    let plain = chart::trend(&summary, &ChartOptions::default()).unwrap();
    let doc = parse(plain.svg(), &ChartOptions::default());
    assert_eq!(marks(&doc), (0, 0));
    assert!(!plain.svg().contains("correction"));

    // A steady series: comparisons, but nothing flagged, and the caption still says how it
    // was tested.
    let mut steady: Grouped<u32, Nps> = Grouped::default();
    for m in 0..6 {
        *steady.entry(m) = Nps::from_counts(30, 50, 120).unwrap();
    }
    let steady = steady.summary().unwrap();
    let changes = steady.against_previous(&Significance::default());
    assert_eq!(changes.flagged().count(), 0);
    let svg = chart::trend_marked(&steady, &changes, &ChartOptions::default()).unwrap();
    let doc = parse(svg.svg(), &ChartOptions::default());
    assert_eq!(marks(&doc), (0, 0));
    assert!(
        texts(&doc)
            .join(" ")
            .contains("Holm correction across 5 comparisons")
    );
}

#[test]
fn ranking_marks_segments_against_the_rest_including_hostile_labels() {
    let mut channels: Grouped<String, Nps> = Grouped::default();
    let names = ["<chat> & \"co\"", "email", "שיחה", "phone"];
    let counts = [(10, 20, 70), (30, 40, 30), (30, 40, 30), (70, 20, 10)];
    for (name, (d, p, c)) in names.iter().zip(counts) {
        *channels.entry((*name).to_owned()) = Nps::from_counts(d, p, c).unwrap();
    }
    let against = channels.against_rest(&Significance::default());
    let summary = channels.summary().unwrap();
    let options = ChartOptions::default();
    let svg = chart::ranking_marked(&summary, &against, &options)
        .unwrap()
        .into_svg();
    let doc = parse(&svg, &options);
    assert_eq!(marks(&doc), (2, 2));
    assert!(texts(&doc).join(" ").contains("a difference from the rest"));
    has_texts(&texts(&doc), &["1. <chat> & \"co\""]);
}

#[test]
fn thousands_of_marked_segments_draw_without_error() {
    let mut segments: Grouped<u32, Nps> = Grouped::default();
    for s in 0..3_000u32 {
        let (detractors, promoters) = if s % 500 == 0 { (0, 190) } else { (30, 40) };
        *segments.entry(s) = Nps::from_counts(detractors, 30, promoters).unwrap();
    }
    let against = segments.against_rest(&Significance::default());
    let summary = segments.summary().unwrap();
    let options = ChartOptions::default();
    let chart = chart::ranking_marked(&summary, &against, &options).unwrap();
    let doc = parse(chart.svg(), &options);
    let flagged = against.flagged().count();
    assert!(flagged >= 6, "{flagged}");
    let (up, down) = marks(&doc);
    assert_eq!(
        up + down,
        flagged + usize::from(up > 0) + usize::from(down > 0)
    );
    // A single period: nothing to compare, no marks, no error.
    let mut one: Grouped<Period, Nps> = Grouped::default();
    *one.entry("2026-07".parse().unwrap()) = Nps::from_counts(1, 1, 1).unwrap();
    let one = one.summary().unwrap();
    let changes = one.against_previous(&Significance::default());
    assert!(changes.is_empty());
    let svg = chart::trend_marked(&one, &changes, &options).unwrap();
    assert_eq!(marks(&parse(svg.svg(), &options)), (0, 0));
}

#[test]
fn nps_bars_print_whole_percentages_that_add_up_to_100() {
    // Thirds: printed independently they would be 33% + 33% + 33% = 99%.
    let options = ChartOptions::default();
    let svg = chart::nps_bars([("thirds", &nps(1, 1, 1))], &options)
        .unwrap()
        .into_svg();
    let doc = parse(&svg, &options);
    let texts = texts(&doc);
    let printed: Vec<&str> = ["34%", "33%"]
        .into_iter()
        .filter(|p| texts.iter().any(|t| t == p))
        .collect();
    assert_eq!(printed, ["34%", "33%"], "{texts:?}");
    assert_eq!(texts.iter().filter(|t| *t == "33%").count(), 2);
}

// The charts committed under `src/docs/` and embedded in the rendered docs (the cookbook's
// scorecard trend, the tutorial's month-over-month comparison): each is redrawn here exactly as
// its recipe draws it and compared with the file byte for byte, so neither a change to the
// charts nor one to a recipe can leave a stale picture in the docs.

/// Compares `svg` with the committed `src/docs/<file>`, or rewrites the file when the
/// environment variable `SATISFACTION_BLESS` is `1`.
fn golden(file: &str, svg: &str) {
    // In the docs the SVG is an HTML block of the Markdown: a blank line would end it.
    assert!(
        !svg.lines().any(|line| line.trim().is_empty()),
        "{file}: a blank line would end the SVG's HTML block in the docs"
    );
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src/docs")
        .join(file);
    if std::env::var_os("SATISFACTION_BLESS").is_some_and(|v| v == "1") {
        std::fs::write(&path, svg)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == svg,
        "{} is not what its recipe draws now. If the change is intended, rewrite the file with \
         `SATISFACTION_BLESS=1 cargo test --features chart --test features committed_doc_charts` \
         and commit it (check the picture in `cargo doc --no-deps --features csv,chart --open`).",
        path.display()
    );
}

/// The cookbook's "A scorecard's per-question trend as a chart": NPS by month from a
/// `Grouped<Period, Scorecard>`, drawn from `examples/cookbook_scorecard_trend.rs`' own data.
fn cookbook_scorecard_trend() -> Result<String, Box<dyn std::error::Error>> {
    let (nps, changes) = scorecard_example::nps_changes(&scorecard_example::scorecards()?)?;
    let options = ChartOptions::builder().key_label("month").build()?;
    Ok(chart::trend_marked(&nps, &changes, &options)?.into_svg())
}

/// The tutorial's step 5, "Compare months": the sixteen answers' NPS by UTC month.
fn tutorial_months() -> Result<String, Box<dyn std::error::Error>> {
    use satisfaction::Granularity;

    let rows: [(i64, u8); 16] = [
        (1_791_278_100, 10),
        (1_791_537_300, 9),
        (1_791_796_500, 6),
        (1_792_055_700, 9),
        (1_792_314_900, 8),
        (1_792_574_100, 3),
        (1_792_833_300, 10),
        (1_793_489_400, 9),
        (1_793_613_600, 7),
        (1_793_872_800, 4),
        (1_794_132_000, 5),
        (1_794_391_200, 9),
        (1_794_650_400, 2),
        (1_794_909_600, 8),
        (1_795_168_800, 6),
        (1_795_428_000, 10),
    ];
    let mut monthly: Grouped<Period, Nps> = Grouped::default();
    for (submitted, score) in rows {
        monthly.try_push(Period::containing(submitted, Granularity::Month)?, score)?;
    }
    let summary = monthly.summary().unwrap();
    let changes = summary.against_previous(&Significance::default());
    let options = ChartOptions::builder().key_label("month").build()?;
    Ok(chart::trend_marked(&summary, &changes, &options)?.into_svg())
}

#[test]
fn committed_doc_charts_are_what_the_recipes_draw() -> Result<(), Box<dyn std::error::Error>> {
    golden("scorecard_trend.svg", &cookbook_scorecard_trend()?);
    golden("tutorial_months.svg", &tutorial_months()?);
    Ok(())
}
