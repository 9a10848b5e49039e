//! Import speed: a 100,000-row Qualtrics-shaped export (BOM, three header rows, 17 metadata
//! columns, six questions and an embedded-data column, quoted comments with commas and line
//! breaks, unfinished rows, a few malformed cells), read from memory into a scorecard.
//!
//! `cargo bench --bench import --features csv`. Throughput is reported in rows per second
//! (header rows not counted); the time includes CSV parsing, UTF-8 checks of the mapped
//! cells, timestamp parsing, building each response and the scorecard's validation.

use std::fmt::Write;
use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use satisfaction::import::{Preset, SurveyImport};
use satisfaction::{Answer, CesScale, Question, RatingScale, Scorecard, Survey};

const ROWS: usize = 100_000;

const CSAT: [&str; 5] = [
    "Very dissatisfied",
    "Dissatisfied",
    "Neither satisfied nor dissatisfied",
    "Satisfied",
    "Very satisfied",
];
const REASONS: [&str; 4] = [
    "Billing or payment",
    "Something is broken",
    "How do I ...?",
    "My account",
];
const COMMENTS: [&str; 6] = [
    "",
    "",
    "Quick and friendly.",
    "\"Took too long, but the agent was great.\"",
    "\"The \"\"reset password\"\" link didn't work.\nThe agent sent a new one, which did.\"",
    "\"Still broken, after three emails, a call and a chat.\"",
];

/// The export's text, deterministic (a linear congruential generator, no dependencies).
fn export() -> String {
    let mut seed = 0x2026_1103_u64;
    let mut next = move |n: u64| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % n
    };
    let meta = [
        "StartDate",
        "EndDate",
        "Status",
        "IPAddress",
        "Progress",
        "Duration (in seconds)",
        "Finished",
        "RecordedDate",
        "ResponseId",
        "RecipientLastName",
        "RecipientFirstName",
        "RecipientEmail",
        "ExternalReference",
        "LocationLatitude",
        "LocationLongitude",
        "DistributionChannel",
        "UserLanguage",
    ];
    let questions = ["Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "channel"];
    let mut out = String::from("\u{feff}");
    let ids: Vec<&str> = meta.iter().chain(&questions).copied().collect();
    writeln!(out, "{}", ids.join(",")).unwrap();
    writeln!(out, "{}", ids.join(",")).unwrap(); // question text: the ids will do
    let import_ids: Vec<String> = ids
        .iter()
        .map(|id| {
            let zone = if id.ends_with("Date") {
                r#""",""timeZone"":""America/Denver"#
            } else {
                ""
            };
            format!(r#""{{""ImportId"":""{id}{zone}""}}""#)
        })
        .collect();
    writeln!(out, "{}", import_ids.join(",")).unwrap();
    for i in 0..ROWS {
        let finished = next(100) >= 8;
        let (day, second) = (1 + next(28), next(86_400));
        let at = format!(
            "2026-11-{day:02} {:02}:{:02}:{:02}",
            second / 3600,
            second / 60 % 60,
            second % 60
        );
        let nps = match next(1000) {
            0 => "11".to_owned(),
            1 => "ten".to_owned(),
            _ => next(11).to_string(),
        };
        let answers = if finished {
            format!(
                "{nps},{},{},{},{},{}",
                CSAT[next(5) as usize],
                if next(20) == 0 {
                    "-99".to_owned()
                } else {
                    (1 + next(7)).to_string()
                },
                if next(4) == 0 { "No" } else { "Yes" },
                REASONS[next(4) as usize],
                COMMENTS[next(6) as usize]
            )
        } else {
            format!("{nps},,,,,")
        };
        writeln!(
            out,
            "{at},{at},IP Address,10.0.{}.{},{},{},{},{at},R_{i:015},,,,,39.7392,-104.9903,email,EN,{answers},{}",
            next(256),
            next(256),
            if finished { 100 } else { 33 },
            40 + next(600),
            if finished { "True" } else { "False" },
            ["chat", "email", "phone"][next(3) as usize]
        )
        .unwrap();
    }
    out
}

fn survey() -> Survey {
    Survey::builder("bench")
        .question(Question::nps("nps").required())
        .question(
            Question::rating("csat", RatingScale::FIVE_POINT, 4)
                .labels([(1, CSAT[0]), (5, CSAT[4])]),
        )
        .question(Question::ces("ces", CesScale::AGREEMENT_7))
        .question(Question::binary("resolved"))
        .question(Question::single_choice(
            "reason",
            ["billing", "bug", "how-to", "account"],
        ))
        .question(Question::text("comment"))
        .build()
        .expect("valid survey")
}

fn import(c: &mut Criterion) {
    let text = export();
    let survey = survey();
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
            (2..=4).map(|p| (CSAT[p - 1], Answer::Score(p as i64))),
        )
        .recode(
            "reason",
            REASONS
                .iter()
                .zip(["billing", "bug", "how-to", "account"])
                .map(|(text, option)| (*text, Answer::Choice(option.into()))),
        )
        .skipped(&["", "-99"])
        .build()
        .expect("valid mapping");
    let mut check = Scorecard::strict(&survey);
    let summary = import.read(text.as_bytes(), &mut check).expect("reads");
    eprintln!(
        "{} bytes; {}",
        text.len(),
        summary.to_string().lines().next().unwrap_or_default()
    );

    let mut group = c.benchmark_group("import_qualtrics_100k_rows");
    group.throughput(Throughput::Elements(ROWS as u64));
    group.sample_size(10);
    group.bench_function("strict", |b| {
        b.iter(|| {
            let mut card = Scorecard::strict(&survey);
            black_box(
                import
                    .read(black_box(text.as_bytes()), &mut card)
                    .expect("reads"),
            );
            card
        });
    });
    group.bench_function("lenient", |b| {
        b.iter(|| {
            let mut card = Scorecard::lenient(&survey);
            black_box(
                import
                    .read(black_box(text.as_bytes()), &mut card)
                    .expect("reads"),
            );
            card
        });
    });
    // The floor: the csv crate alone reading every record as bytes.
    group.bench_function("csv_byte_records_only", |b| {
        b.iter(|| {
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(black_box(text.as_bytes()));
            let mut record = csv::ByteRecord::new();
            let mut fields = 0usize;
            while reader.read_byte_record(&mut record).expect("reads") {
                fields += record.len();
            }
            fields
        });
    });
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
