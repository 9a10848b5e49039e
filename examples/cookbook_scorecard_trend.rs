//! Cookbook: A scorecard's per-question trend as a chart (the recipe in
//! `satisfaction::cookbook`).
//!
//! `cargo run --example cookbook_scorecard_trend --features chart [-- directory]`
//!
//! Writes `scorecard_nps.svg` (the chart in the cookbook, `src/docs/scorecard_trend.svg`) and
//! `scorecard_csat.svg` to the directory given, or to the system's temporary directory.

use std::path::PathBuf;

use satisfaction::chart::{self, ChartOptions};
use satisfaction::compare::{Comparisons, Significance};
use satisfaction::{
    Aggregator, Answer, Granularity, Grouped, GroupedSummary, NpsSummary, Period, Question,
    RatingScale, Response, Scorecard, ScorecardSummary, Survey,
};

type Error = Box<dyn std::error::Error>;

fn main() -> Result<(), Error> {
    let dir = std::env::args()
        .nth(1)
        .map_or_else(std::env::temp_dir, PathBuf::from);
    let cards = scorecards()?;

    // One question of the scorecard per month, compared month to month, drawn.
    let (nps, changes) = nps_changes(&cards)?;
    println!("{changes}");
    let options = ChartOptions::builder().key_label("month").build()?;
    let path = dir.join("scorecard_nps.svg");
    chart::trend_marked(&nps, &changes, &options)?.save(&path)?;
    println!("wrote {}", path.display());
    assert_eq!(changes.flagged().count(), 2); // April down, May up

    // Any other question the same way.
    let csat = cards
        .filter_map(|card| card.question("csat")?.csat())
        .expect("CSAT answers");
    let changes = csat.against_previous(&Significance::default());
    let path = dir.join("scorecard_csat.svg");
    chart::trend_marked(&csat, &changes, &options)?.save(&path)?;
    println!("wrote {}", path.display());
    Ok(())
}

/// Six months of pulse-survey scorecards. (`tests/features/chart.rs` draws the cookbook's
/// chart from them too, and holds it equal to `src/docs/scorecard_trend.svg`.)
pub fn scorecards() -> Result<GroupedSummary<Period, ScorecardSummary>, Error> {
    let survey = Survey::builder("pulse")
        .question(Question::nps("nps").required())
        .question(Question::rating("csat", RatingScale::FIVE_POINT, 4))
        .build()?;
    // Detractors, passives and promoters from January to June 2026: April's release hurt.
    let mix = [
        (12, 18, 30),
        (11, 19, 30),
        (13, 17, 30),
        (30, 15, 15),
        (14, 17, 29),
        (12, 18, 30),
    ];
    let mut by_month: Grouped<Period, Scorecard> = Grouped::new(Scorecard::lenient(&survey));
    let mut month = Period::containing(1_767_225_600, Granularity::Month)?; // 2026-01
    for (detractors, passives, promoters) in mix {
        // (NPS, CSAT) answers: a detractor gave 6 and 2, a passive 8 and 4, a promoter 10 and 5.
        let answers = [(6, 2, detractors), (8, 4, passives), (10, 5, promoters)]
            .into_iter()
            .flat_map(|(nps, csat, times)| std::iter::repeat_n((nps, csat), times));
        for (i, (nps, csat)) in answers.enumerate() {
            let submitted = month.start() + 3_600 * i64::try_from(i)?;
            let response = Response::new("pulse", format!("{month}-{i}"), submitted)?
                .with_answer("nps", Answer::Score(nps))
                .with_answer("csat", Answer::Score(csat));
            let key = Period::containing(response.submitted(), Granularity::Month)?;
            by_month.record((key, response))?;
        }
        month = month.next()?;
    }

    Ok(by_month.summary().expect("six months of responses"))
}

/// The NPS question per month and each month against the one before.
pub fn nps_changes(
    cards: &GroupedSummary<Period, ScorecardSummary>,
) -> Result<(GroupedSummary<Period, NpsSummary>, Comparisons<Period>), Error> {
    let nps = cards
        .filter_map(|card| card.question("nps")?.nps())
        .ok_or("no NPS answers")?;
    let changes = nps.against_previous(&Significance::default());
    Ok((nps, changes))
}
