//! A post-support survey as Qualtrics exports it, imported leniently and scored in one pass:
//! what the import refused and where, the scorecard overall and per channel, and the channels
//! ranked by the lower bound of their intervals.
//!
//! `cargo run --example survey_report --features csv`
//!
//! The export (`examples/data/qualtrics_export.csv`, built by `examples/data/make_data.py`) is
//! a Qualtrics "CSV" download with choice text: a byte-order mark, three header rows, metadata
//! columns, quoted comments with commas and line breaks, unfinished responses, `-99` for a
//! question seen and not answered, and a few malformed cells on purpose.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::BufReader;

use satisfaction::import::{Preset, SurveyImport};
use satisfaction::summary::rank_by_lower_bound;
use satisfaction::{
    Aggregator, Answer, CesScale, ConfidenceLevel, NpsMethod, ProportionMethod, Question,
    RatingScale, Scorecard, Survey,
};

type Error = Box<dyn std::error::Error>;

fn main() -> Result<(), Error> {
    let survey = Survey::builder("post-support-2026-11")
        .question(Question::nps("nps").required())
        .question(
            Question::rating("csat", RatingScale::FIVE_POINT, 4)
                .labels([(1, "Very dissatisfied"), (5, "Very satisfied")]),
        )
        .question(Question::ces("ces", CesScale::AGREEMENT_7))
        .question(Question::binary("resolved"))
        .question(Question::single_choice(
            "reason",
            ["billing", "bug", "how-to", "account"],
        ))
        .question(Question::text("comment"))
        .build()?;

    // Qualtrics' layout (three header rows, ResponseId, RecordedDate in the account's zone,
    // unfinished rows skipped); the question columns by id; the choice text as the survey
    // tool writes it.
    let import = SurveyImport::builder(&survey)
        .preset(Preset::Qualtrics)
        .column("Q1", "nps")
        .column("Q2", "csat")
        .column("Q3", "ces")
        .column("Q4", "resolved")
        .column("Q5", "reason")
        .column("Q6", "comment")
        .attribute("channel", "channel")
        .recode(
            "csat",
            [
                ("Dissatisfied", Answer::Score(2)),
                ("Neither satisfied nor dissatisfied", Answer::Score(3)),
                ("Satisfied", Answer::Score(4)),
            ],
        )
        .recode(
            "reason",
            [
                ("Billing or payment", "billing"),
                ("Something is broken", "bug"),
                ("How do I ...?", "how-to"),
                ("My account", "account"),
            ]
            .map(|(text, option)| (text, Answer::Choice(option.into()))),
        )
        .skipped(&["", "-99"])
        .not_applicable(&["Not applicable"])
        .build()?;

    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/data/qualtrics_export.csv"
    );
    let mut overall = Scorecard::lenient(&survey);
    let mut by_channel: BTreeMap<String, Scorecard> = BTreeMap::new();
    let report = import.read_with(
        BufReader::new(File::open(path)?),
        &mut overall,
        |response| {
            let channel = response.attribute_value("channel").unwrap_or("unknown");
            let card = by_channel
                .entry(channel.to_owned())
                .or_insert_with(|| Scorecard::lenient(&survey));
            // Accepted by a scorecard of the same survey and mode, so accepted here too.
            let _ = card.try_push(response);
        },
    )?;
    println!("Import (lenient): {report}");

    // The same file, strict: a response with any refused cell is refused whole.
    let mut strict = Scorecard::strict(&survey);
    let strict_report = import.read(BufReader::new(File::open(path)?), &mut strict)?;
    println!(
        "Import (strict): {} of {} finished responses accepted whole\n",
        strict_report.accepted(),
        strict_report.rows() - strict_report.abandoned()
    );

    let summary = overall.summary().ok_or("no responses")?;
    println!("{summary}");
    let rate = summary.response_rate(600)?;
    println!("  {rate}");

    println!("\nRejected answers (lenient mode: recorded nowhere, counted here):");
    for q in summary.questions() {
        for (reason, count) in q.rejections() {
            println!("  {:<8} {reason}: {count}", q.question().id());
        }
    }

    println!("\nPer channel:");
    for (channel, card) in &by_channel {
        if let Some(s) = card.summary() {
            println!("[{channel}] {s}");
        }
    }

    let level = ConfidenceLevel::P95;
    println!("\nChannels ranked by the lower bound of the CSAT satisfied share (95% Wilson):");
    let csat = rank_by_lower_bound(by_channel.iter().filter_map(|(channel, card)| {
        let s = card.summary()?.question("csat")?.csat()?;
        Some((channel, s.share_interval(level, ProportionMethod::Wilson)))
    }));
    for (i, (channel, ci)) in csat.iter().enumerate() {
        println!(
            "  {}. {channel:<6} {:.1}% .. {:.1}%",
            i + 1,
            100.0 * ci.lower(),
            100.0 * ci.upper()
        );
    }
    println!("Channels ranked by the lower bound of NPS (95% Tango score interval):");
    let nps = rank_by_lower_bound(by_channel.iter().filter_map(|(channel, card)| {
        let s = card.summary()?.question("nps")?.nps()?;
        Some((channel, s.interval(level, NpsMethod::default())))
    }));
    for (i, (channel, ci)) in nps.iter().enumerate() {
        println!(
            "  {}. {channel:<6} {:+.1} .. {:+.1}",
            i + 1,
            ci.lower(),
            ci.upper()
        );
    }
    Ok(())
}
