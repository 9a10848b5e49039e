//! The report (feature `report`): the example's page parsed as XML with every section, chart
//! and table in place; what the page promises (escaping, no script or network, methods and
//! time zones stated, † explained, rows of the mix adding up to 100.0%); and the bad input of
//! the issue (hostile labels, empty groups, a single period, thousands of segments).

use roxmltree::{Document, Node};
use satisfaction::compare::{Adjustment, Significance};
use satisfaction::crosstab::Crosstab;
use satisfaction::report::{Report, ReportError};
use satisfaction::table::{Format, Table};
use satisfaction::{
    Aggregator, ConfidenceLevel, Csat, Grouped, Nps, NpsCategory, NpsScore, Period,
};

#[allow(dead_code, unreachable_pub)]
#[path = "../../examples/report.rs"]
mod example;

/// The page parsed, or the test fails: well-formed, an `html` root with a `head` and a `body`.
fn parse(html: &str) -> Document<'_> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = Document::parse_with_options(html, options)
        .unwrap_or_else(|e| panic!("not well-formed: {e}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "html");
    let children: Vec<&str> = root
        .children()
        .filter(Node::is_element)
        .map(|n| n.tag_name().name())
        .collect();
    assert_eq!(children, ["head", "body"]);
    doc
}

fn elements<'a, 'i>(doc: &'a Document<'i>, tag: &'a str) -> impl Iterator<Item = Node<'a, 'i>> {
    doc.descendants()
        .filter(move |n| n.tag_name().name() == tag)
}

/// All the text under `node`, joined.
fn text_of(node: Node<'_, '_>) -> String {
    node.descendants()
        .filter(Node::is_text)
        .filter_map(|n| n.text())
        .collect()
}

/// The sections, as (heading, section node).
fn sections<'a, 'i>(doc: &'a Document<'i>) -> Vec<(String, Node<'a, 'i>)> {
    elements(doc, "section")
        .map(|s| {
            let h2 = s
                .children()
                .find(|n| n.tag_name().name() == "h2")
                .expect("every section has a heading");
            (text_of(h2), s)
        })
        .collect()
}

fn count(node: Node<'_, '_>, tag: &str) -> usize {
    node.descendants()
        .filter(|n| n.tag_name().name() == tag)
        .count()
}

#[test]
fn the_example_page_is_well_formed_with_every_section() {
    let report = example::report().unwrap();
    let html = report.to_html();
    let doc = parse(&html);
    let sections = sections(&doc);
    // (heading, charts, tables) of every section, in order.
    let expected = [
        ("NPS, all of 2026", 0, 0),
        ("NPS by month", 1, 2),
        ("NPS by channel", 1, 2),
        ("Detractors, passives and promoters", 1, 1),
        ("NPS groups by channel", 0, 1),
        ("What drives satisfaction (airline survey)", 1, 1),
        ("Retention by plan", 2, 1),
        ("What the comments are about", 0, 1),
    ];
    let got: Vec<(&str, usize, usize)> = sections
        .iter()
        .map(|(h, s)| (h.as_str(), count(*s, "svg"), count(*s, "table")))
        .collect();
    assert_eq!(got, expected);
    // The contents list links every section.
    let links: Vec<String> = elements(&doc, "nav")
        .flat_map(|n| n.descendants())
        .filter(|n| n.tag_name().name() == "a")
        .map(text_of)
        .collect();
    assert_eq!(links, expected.map(|(h, _, _)| h));
    assert_eq!(report.headings().count(), expected.len());

    // Self-contained: no script, no link, no image, nothing fetched.
    for tag in ["script", "link", "img", "iframe", "object"] {
        assert_eq!(elements(&doc, tag).count(), 0, "{tag}");
    }
    for attr in ["src", "href"] {
        for node in doc.descendants().filter(|n| n.attribute(attr).is_some()) {
            let value = node.attribute(attr).unwrap();
            assert!(value.starts_with('#'), "{attr}={value} leaves the page");
        }
    }

    // The July collapse is marked on the chart and in the table of changes.
    let (_, month) = &sections[1];
    let flags: Vec<(String, String)> = month
        .descendants()
        .filter(|n| n.tag_name().name() == "tr")
        .filter_map(|tr| {
            let cells: Vec<String> = tr
                .children()
                .filter(|c| c.tag_name().name() == "td")
                .map(text_of)
                .collect();
            let flag = cells.last()?.clone();
            (!flag.is_empty() && cells.len() == 8).then(|| (cells[0].clone(), flag))
        })
        .collect();
    assert!(
        flags.contains(&("2026-07".to_owned(), "▼".to_owned())),
        "{flags:?}"
    );
    let page = text_of(doc.root_element());
    for stated in [
        "Periods are calendar periods in UTC.",
        "Holm correction across 11 comparisons",
        "by the Tango score method",
        "MOVER score difference",
        "Bonferroni adjustment within each row",
        "Brookmeyer & Crowley",
        "fewer than 30 observations",
    ] {
        assert!(page.contains(stated), "the page does not say {stated:?}");
    }
}

#[test]
fn rows_of_the_mix_add_up_to_100() {
    let html = example::report().unwrap().to_html();
    let doc = parse(&html);
    let (_, mix) = sections(&doc)
        .into_iter()
        .find(|(h, _)| h.starts_with("Detractors"))
        .unwrap();
    let mut rows = 0;
    for tr in mix.descendants().filter(|n| n.tag_name().name() == "tr") {
        let cells: Vec<String> = tr
            .children()
            .filter(|c| c.tag_name().name() == "td")
            .map(text_of)
            .collect();
        if cells.is_empty() {
            continue;
        }
        // channel, n, detractors, passives, promoters, NPS
        let tenths: i64 = cells[2..5]
            .iter()
            .map(|c| (c.trim_end_matches('%').parse::<f64>().unwrap() * 10.0).round() as i64)
            .sum();
        assert_eq!(tenths, 1000, "{cells:?}");
        rows += 1;
    }
    assert_eq!(rows, 4);
    // And on the bars, in whole percent.
    let bars = mix
        .descendants()
        .find(|n| n.tag_name().name() == "svg")
        .unwrap();
    let printed: Vec<i64> = bars
        .descendants()
        .filter(|n| n.tag_name().name() == "text")
        .filter_map(|n| n.text()?.trim().strip_suffix('%')?.parse().ok())
        .collect();
    // The axis ticks (0% .. 100%) come first; then three numbers per bar that fit its box.
    assert!(printed.len() >= 6 + 3 * 3, "{printed:?}");
}

fn hostile() -> [&'static str; 5] {
    [
        "<script>alert(1)</script>",
        "Tom & \"Jerry\" 'quoted'",
        "שירות לקוחות", // customer service, right to left
        "bell\u{7}\u{FFFF}",
        "a very long segment name that goes on and on well past any chart label's room",
    ]
}

#[test]
fn hostile_labels_are_escaped_everywhere() {
    let mut by_channel: Grouped<String, Nps> = Grouped::default();
    for (i, name) in hostile().iter().enumerate() {
        *by_channel.entry((*name).to_owned()) = Nps::from_counts(10 + i as u64, 20, 40).unwrap();
    }
    let mut crosstab: Crosstab<String, String> = Crosstab::new();
    for (i, name) in hostile().iter().enumerate() {
        for j in 0..40 {
            crosstab.push((hostile()[(i + j) % 5].to_owned(), (*name).to_owned()));
        }
    }
    let mut table = Table::new("</table><b>");
    table.add_column("<th>", Format::Text).unwrap();
    table.push_row(vec![hostile()[0].into()]).unwrap();
    let mut report = Report::new("<title> & \"more\"");
    report
        .paragraph(hostile()[0])
        .headline(
            hostile()[1],
            &by_channel
                .get(&hostile()[2].to_owned())
                .unwrap()
                .summary()
                .unwrap(),
        )
        .unwrap()
        .segments(hostile()[0], hostile()[1], &by_channel)
        .unwrap()
        .nps_mix(hostile()[2], hostile()[0], &by_channel.summary().unwrap())
        .unwrap()
        .crosstab(hostile()[3], &crosstab.summary().unwrap())
        .unwrap()
        .table(&table);
    let html = report.to_html();
    let doc = parse(&html);
    assert_eq!(elements(&doc, "script").count(), 0);
    assert_eq!(elements(&doc, "b").count(), 0);
    let title = elements(&doc, "title").next().unwrap();
    assert_eq!(text_of(title), "<title> & \"more\"");
    let page = text_of(doc.root_element());
    assert!(page.contains("<script>alert(1)</script>"));
    assert!(page.contains("שירות לקוחות"));
    assert!(page.contains("bell\u{FFFD}\u{FFFD}"));
    assert!(!html.contains('\u{7}'));
}

#[test]
fn empty_groups_and_curves_are_errors_and_leave_the_report_as_it_was() {
    let mut report = Report::new("Empty");
    report.paragraph("before");
    let before = report.clone();
    let empty: Grouped<String, Nps> = Grouped::default();
    let err = report
        .segments("By channel", "channel", &empty)
        .unwrap_err();
    assert!(matches!(err, ReportError::Empty { .. }), "{err}");
    assert!(err.to_string().contains("By channel"));
    let none: [(&str, &satisfaction::retention::KaplanMeierSummary); 0] = [];
    let err = report
        .retention("Retention", "month", none, None)
        .unwrap_err();
    assert!(matches!(err, ReportError::Empty { .. }));
    assert_eq!(report, before);
    // A group that exists but is empty has no summary: left out of the segments.
    let mut some: Grouped<String, Nps> = Grouped::default();
    some.entry("empty".to_owned());
    *some.entry("full".to_owned()) = Nps::from_counts(1, 2, 30).unwrap();
    report.segments("By channel", "channel", &some).unwrap();
    assert_eq!(report.len(), 2);
}

#[test]
fn a_single_period_has_a_trend_without_changes() {
    let mut monthly: Grouped<Period, Csat> = Grouped::default();
    monthly
        .entry("2026-07".parse().unwrap())
        .try_extend_from_slice(&[5, 4, 3, 5, 5])
        .unwrap();
    let mut report = Report::new("One month");
    report
        .trend("CSAT by month", "month", &monthly.summary().unwrap())
        .unwrap();
    let html = report.to_html();
    let doc = parse(&html);
    let (_, section) = &sections(&doc)[0];
    assert_eq!((count(*section, "svg"), count(*section, "table")), (1, 1));
    // Five answers: marked small, and the mark explained.
    assert!(text_of(*section).contains("2026-07 †"));
    assert!(text_of(doc.root_element()).contains("fewer than 30 observations"));
}

#[test]
fn thousands_of_segments_lay_out() {
    let mut agents: Grouped<u32, Nps> = Grouped::default();
    for a in 0..2_500u32 {
        let promoters = if a % 400 == 0 { 95 } else { 40 };
        *agents.entry(a) = Nps::from_counts(20, 20, promoters).unwrap();
    }
    let mut report = Report::new("Agents");
    report.segments("NPS by agent", "agent", &agents).unwrap();
    let html = report.to_html();
    let doc = parse(&html);
    let (_, section) = &sections(&doc)[0];
    let rows = section
        .descendants()
        .filter(|n| n.tag_name().name() == "tr")
        .count();
    // Header and 2,500 rows in each of the two tables.
    assert_eq!(rows, 2 * 2_501);
    let svg = section
        .descendants()
        .find(|n| n.tag_name().name() == "svg")
        .unwrap();
    assert_eq!(svg.attribute("height"), Some("8192"));
}

#[test]
fn the_significance_is_the_reports_own() {
    let mut channels: Grouped<&str, Nps> = Grouped::default();
    *channels.entry("chat") = Nps::from_counts(10, 20, 70).unwrap();
    *channels.entry("email") = Nps::from_counts(20, 20, 60).unwrap();
    *channels.entry("phone") = Nps::from_counts(30, 20, 50).unwrap();
    let significance = Significance::new(ConfidenceLevel::P90, Adjustment::BenjaminiHochberg);
    let mut report = Report::new("Channels").with_significance(significance);
    report.segments("By channel", "channel", &channels).unwrap();
    let page = report.to_html();
    assert!(page.contains("Benjamini-Hochberg correction across 3 comparisons"));
    assert!(page.contains("10% level"));
    assert!(page.contains("90% confidence interval"));
}

#[test]
fn saving_writes_the_page_and_a_bad_path_is_an_error() {
    let mut report = Report::new("Saved");
    let mut mix: Grouped<NpsCategory, Nps> = Grouped::default();
    for score in 0..=10u8 {
        let score = NpsScore::new(score).unwrap();
        mix.entry(score.category()).push(score);
    }
    report
        .headline(
            "All",
            &Nps::from_counts(1, 1, 1).unwrap().summary().unwrap(),
        )
        .unwrap();
    let path =
        std::env::temp_dir().join(format!("satisfaction-report-{}.html", std::process::id()));
    report.save(&path).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), report.to_string());
    std::fs::remove_file(&path).unwrap();
    let bad = std::env::temp_dir()
        .join("satisfaction-no-such-dir")
        .join("r.html");
    assert!(matches!(report.save(&bad), Err(ReportError::Io { .. })));
}

/// The README's "Significance, crosstabs, tables and reports" snippet, with its elisions
/// filled in.
#[test]
fn readme_example() -> Result<(), Box<dyn std::error::Error>> {
    use satisfaction::table::Workbook;
    struct Answer {
        score: NpsScore,
        region: String,
    }
    let level = ConfidenceLevel::P95;
    let mut monthly: Grouped<Period, Nps> = Grouped::default();
    let mut by_channel: Grouped<String, Nps> = Grouped::default();
    monthly
        .entry("2026-06".parse()?)
        .try_extend_from_slice(&[10, 9, 10, 9, 8, 10, 9])?;
    monthly
        .entry("2026-07".parse()?)
        .try_extend_from_slice(&[1, 2, 0, 3, 6, 2, 1])?;
    by_channel
        .entry("chat".into())
        .try_extend_from_slice(&[10, 9, 3, 8])?;
    by_channel
        .entry("email".into())
        .try_extend_from_slice(&[6, 9, 3, 8])?;
    let months = monthly.summary().unwrap();
    let answers: Vec<Answer> = (0..60u8)
        .map(|i| Answer {
            score: NpsScore::new(i % 11).unwrap(),
            region: ["north", "south"][usize::from(i % 2)].to_owned(),
        })
        .collect();
    let dir = std::env::temp_dir().join(format!("satisfaction-readme-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;

    let changes = months.against_previous(&Significance::default());
    let against = by_channel.against_rest(&Significance::new(level, Adjustment::BenjaminiHochberg));
    for c in changes.flagged() {
        println!(
            "{}: {} {:+.1} (adjusted p {:.4})",
            c.key,
            c.flag.unwrap(),
            c.difference.estimate(),
            c.adjusted_p_value
        );
    }
    assert_eq!(changes.flagged().count(), 1);
    assert_eq!(against.len(), 2);

    let groups: Crosstab<NpsCategory, String> = answers
        .iter()
        .map(|a| (a.score.category(), a.region.clone()))
        .collect();
    let groups = groups.summary().unwrap();
    let letters = groups.spss_column_tests()?;

    let table = Table::from_crosstab("NPS groups by region", &groups, Some(&letters), level)?;
    table.save_csv(dir.join("groups.csv"))?;
    Workbook::new()
        .add(&table)
        .add(&Table::from_comparisons("Changes", &changes, &["month"])?)
        .save(dir.join("report.xlsx"))?;
    Report::new("Customer feedback, 2026")
        .trend("NPS by month", "month", &months)?
        .segments("NPS by channel", "channel", &by_channel)?
        .crosstab("NPS groups by region", &groups)?
        .save(dir.join("report.html"))?;
    parse(&std::fs::read_to_string(dir.join("report.html"))?);
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}

#[test]
fn months_in_a_named_zone_say_so() {
    use satisfaction::Granularity;
    use satisfaction::calendar::{Zone, ZonedPeriod};
    let ny = Zone::named("America/New_York").unwrap();
    let mut monthly: Grouped<ZonedPeriod, Nps> = Grouped::default();
    // 2026-01-31T23:30 in New York is 2026-02-01T04:30Z: January there.
    for (timestamp, score) in [
        (1_769_920_200, 10u8),
        (1_769_920_200, 9),
        (1_772_000_000, 3),
    ] {
        let month = Period::containing_in(timestamp, Granularity::Month, &ny).unwrap();
        monthly.entry(month).push(NpsScore::new(score).unwrap());
    }
    let mut report = Report::new("Zoned");
    report
        .trend("NPS by month", "month", &monthly.summary().unwrap())
        .unwrap();
    let html = report.to_html();
    let page = text_of(parse(&html).root_element());
    assert!(page.contains("Periods are calendar periods in the America/New_York time zone."));
    assert!(page.contains("2026-01") && page.contains("2026-02"));
}

#[test]
fn wide_crosstabs_lose_their_letters_then_are_refused() {
    let crosstab = |columns: u32| {
        let mut table: Crosstab<NpsCategory, u32> = Crosstab::new();
        for c in 0..columns {
            for s in [0u8, 7, 9, 10] {
                table.push((NpsScore::new(s).unwrap().category(), c));
            }
        }
        table.summary().unwrap()
    };
    let mut report = Report::new("Wide");
    report.crosstab("150 columns", &crosstab(150)).unwrap();
    let html = report.to_html();
    let page = text_of(parse(&html).root_element());
    assert!(page.contains("Too many columns to test every pair (more than 100): no letters."));
    let before = report.clone();
    let err = report
        .crosstab("2,000 columns", &crosstab(2_000))
        .unwrap_err();
    assert!(matches!(err, ReportError::Table { .. }), "{err}");
    assert_eq!(report, before);
}

#[test]
fn the_reports_tables_are_the_tables_on_the_page() {
    let report = example::report().unwrap();
    let html = report.to_html();
    let doc = parse(&html);
    let captions: Vec<String> = elements(&doc, "caption").map(text_of).collect();
    let titles: Vec<&str> = report.tables().map(Table::title).collect();
    assert_eq!(titles, captions);
    assert_eq!(titles.len(), 9);
    // The same numbers, to a spreadsheet: one sheet per table.
    #[cfg(feature = "xlsx")]
    {
        let mut workbook = satisfaction::table::Workbook::new();
        for table in report.tables() {
            workbook.add(table);
        }
        assert_eq!(workbook.sheet_names().len(), 9);
        assert!(workbook.to_bytes().unwrap().starts_with(b"PK"));
    }
}
