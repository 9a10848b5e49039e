//! A year of survey comments with NPS scores: sentiment by channel, the theme table against
//! NPS, and the words detractors use that promoters don't.
//!
//! `cargo run --example comments --features text`
//!
//! The data (`examples/data/comments.csv`, built by `examples/data/make_comments.py`) is 3,000
//! responses with a channel, an NPS answer and a free-text comment (12% empty, some emoji only,
//! about 2% in other languages). The responses go through [`CommentAnalysis`], which reads a
//! survey's text and NPS questions from each `Response`: with the `csv` feature they come
//! straight from the export through `SurveyImport::read_with`, otherwise from the same file
//! read row by row.

use satisfaction::text::{CommentAnalysis, SentimentClass, ThemeSet, WordContrast};
use satisfaction::{Aggregator, ConfidenceLevel, Grouped, Question, Response, Survey};

type Error = Box<dyn std::error::Error>;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/comments.csv");

fn main() -> Result<(), Error> {
    let survey = Survey::builder("comments-2026")
        .question(Question::nps("nps"))
        .question(Question::text("comment"))
        .build()?;

    // Themes as a CX team writes them: a word, a prefix*, a "phrase", AND / OR / NOT.
    let themes = ThemeSet::parse([
        (
            "waiting",
            "wait* OR \"on hold\" OR queue OR \"picks up\" OR \"call me back\"",
        ),
        ("refund", "refund* OR \"money back\""),
        (
            "app problems",
            "app AND (crash* OR froze OR freez* OR bug* OR \"log in\" OR \"logged me out\")",
        ),
        (
            "price",
            "price* OR pricey OR expensive OR fee OR \"rip off\" OR charged",
        ),
        (
            "delivery",
            "deliver* OR parcel OR package OR courier OR tracking",
        ),
        (
            "agents",
            "(agent OR bot OR transferred OR emails OR replies) AND NOT (friendly OR helpful)",
        ),
        (
            "friendly staff",
            "friendly OR kind OR polite OR lovely OR patient",
        ),
        (
            "quick",
            "quick OR fast OR sorted OR \"same day\" OR \"straight away\" OR \"no waiting\"",
        ),
    ])?;
    let analysis = CommentAnalysis::for_survey(&survey, "comment", "nps")?
        .with_themes(themes)
        .with_word_contrast(WordContrast::default());
    let mut all = analysis.clone();
    let mut by_channel: Grouped<String, CommentAnalysis> = Grouped::new(analysis);
    let mut each = |response: &Response| -> Result<(), Error> {
        all.try_push(response)?;
        let channel = response.attribute_value("channel").unwrap_or("unknown");
        by_channel.try_push(channel.to_owned(), response)?;
        Ok(())
    };
    read_responses(&survey, &mut each)?;

    let summary = all.summary().ok_or("no responses")?;
    let level = ConfidenceLevel::P95;

    println!("== Sentiment by channel (VADER compound, mean with its 95% Student t interval)");
    println!(
        "{:<8} {:>8}  {:>7}  {:>17}  {:>9}  {:>9}",
        "channel", "comments", "mean", "95% CI", "positive", "negative"
    );
    let channels = by_channel.summary().ok_or("no channel")?;
    let rows = channels
        .iter()
        .filter_map(|(channel, s)| Some((channel.as_str(), s.sentiment()?)))
        .chain(summary.sentiment().map(|s| ("all", s)));
    for (channel, s) in rows {
        let ci = s.mean_interval(level);
        println!(
            "{channel:<8} {:>8}  {:>+7.3}  [{:+.3}, {:+.3}]  {:>8.1}%  {:>8.1}%",
            s.count(),
            s.mean(),
            ci.lower(),
            ci.upper(),
            100.0 * s.share(SentimentClass::Positive),
            100.0 * s.share(SentimentClass::Negative),
        );
    }
    println!(
        "(of {} responses; empty comments are not scored)\n",
        summary.responses()
    );

    println!("== Themes against NPS (responses with a comment and a score)");
    if let Some(table) = summary.themes() {
        println!("{table}");
    }

    println!("== What detractors say that promoters don't (Fightin' Words z)");
    if let Some(words) = summary.words() {
        let detractors = words.detractor_words(10);
        let promoters = words.promoter_words(10);
        println!(
            "{:<14} {:>7} {:>5} {:>5}    {:<14} {:>7} {:>5} {:>5}",
            "detractors", "z", "det", "pro", "promoters", "z", "det", "pro"
        );
        for (d, p) in detractors.iter().zip(&promoters) {
            println!(
                "{:<14} {:>+7.2} {:>5} {:>5}    {:<14} {:>+7.2} {:>5} {:>5}",
                d.word(),
                d.z(),
                d.detractors(),
                d.promoters(),
                p.word(),
                p.z(),
                p.detractors(),
                p.promoters()
            );
        }
        println!(
            "({} comments with a score, {} words, {} distinct)",
            words.count(),
            words.total_words(),
            words.words().len()
        );
    }
    Ok(())
}

/// Hands every response of the export to `each`: through `SurveyImport::read_with`.
#[cfg(feature = "csv")]
fn read_responses(
    survey: &Survey,
    each: &mut dyn FnMut(&Response) -> Result<(), Error>,
) -> Result<(), Error> {
    use satisfaction::Scorecard;
    use satisfaction::calendar::Zone;
    use satisfaction::import::{SurveyImport, TimeFormat};

    let import = SurveyImport::builder(survey)
        .respondent("respondent")
        .submitted("date", TimeFormat::Date(Zone::utc()))
        .attribute("channel", "channel")
        .column("nps", "nps")
        .column("comment", "comment")
        .skipped(&[""])
        .build()?;
    let mut card = Scorecard::lenient(survey);
    let mut failed = None;
    let summary = import.read_with(std::fs::File::open(DATA)?, &mut card, |response| {
        if failed.is_none() {
            failed = each(response).err();
        }
    })?;
    if let Some(error) = failed {
        return Err(error);
    }
    println!(
        "(read {} rows from the export with SurveyImport::read_with; {} recorded)\n",
        summary.rows(),
        summary.accepted()
    );
    Ok(())
}

/// Hands every response of the export to `each`: the file read row by row (without the `csv`
/// feature, which `SurveyImport` needs).
#[cfg(not(feature = "csv"))]
fn read_responses(
    survey: &Survey,
    each: &mut dyn FnMut(&Response) -> Result<(), Error>,
) -> Result<(), Error> {
    use satisfaction::Answer;

    let mut reader = csv::Reader::from_path(DATA)?;
    for row in reader.records() {
        let row = row?;
        let (respondent, date, channel, nps, comment) =
            (&row[0], &row[1], &row[2], &row[3], &row[4]);
        let mut response = Response::new(survey.id(), respondent, midnight_utc(date)?)?
            .attribute("channel", channel)
            .with_answer("nps", Answer::Score(nps.parse()?));
        if !comment.is_empty() {
            response = response.with_answer("comment", Answer::Text(comment.to_owned()));
        }
        each(&response)?;
    }
    Ok(())
}

/// Unix seconds of midnight UTC at the start of `YYYY-MM-DD` (days from the civil date,
/// Howard Hinnant's algorithm).
#[cfg(not(feature = "csv"))]
fn midnight_utc(date: &str) -> Result<i64, Error> {
    let mut parts = date.splitn(3, '-').map(str::parse::<i64>);
    let (Some(Ok(y)), Some(Ok(m)), Some(Ok(d))) = (parts.next(), parts.next(), parts.next()) else {
        return Err(format!("not a date: {date:?}").into());
    };
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Ok((era * 146_097 + doe - 719_468) * 86_400)
}
