//! Scorecard ingestion: responses with six answers each (NPS, CSAT, CES, yes/no, single
//! choice, text), validated strictly and routed to their questions' aggregators.
//!
//! `cargo bench --bench survey`. Throughput is reported in answers per second. Responses are
//! built before timing: parsing an export is the caller's cost, not the scorecard's.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use satisfaction::survey::ValidationMode;
use satisfaction::{
    Aggregator, Answer, CesScale, Question, RatingScale, Response, Scorecard, Survey,
};

const RESPONSES: usize = 100_000;
const ANSWERS: usize = 6;

fn survey() -> Survey {
    Survey::builder("bench")
        .question(Question::nps("nps").required())
        .question(Question::rating("csat", RatingScale::FIVE_POINT, 4))
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

fn responses() -> Vec<Response> {
    let reasons = ["billing", "bug", "how-to", "account"];
    (0..RESPONSES)
        .map(|i| {
            let i64 = i as i64;
            Response::new("bench", format!("r{i}"), 1_764_000_000 + i64)
                .expect("valid response")
                .with_answer("nps", Answer::Score(i64 % 11))
                .with_answer("csat", Answer::Score(1 + i64 % 5))
                .with_answer("ces", Answer::Score(1 + i64 % 7))
                .with_answer(
                    "resolved",
                    if i % 4 == 0 { Answer::No } else { Answer::Yes },
                )
                .with_answer("reason", Answer::Choice(reasons[i % 4].to_owned()))
                .with_answer("comment", Answer::Text("fine".to_owned()))
        })
        .collect()
}

fn ingest(c: &mut Criterion) {
    let survey = survey();
    let responses = responses();
    let mut group = c.benchmark_group("scorecard_100k_responses");
    group.throughput(Throughput::Elements((RESPONSES * ANSWERS) as u64));
    group.sample_size(20);
    for (name, mode) in [
        ("strict/try_push", ValidationMode::Strict),
        ("lenient/try_push", ValidationMode::Lenient),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut card = Scorecard::new(&survey, mode);
                for r in black_box(&responses) {
                    card.try_push(r).expect("valid");
                }
                card.count()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, ingest);
criterion_main!(benches);
