//! Comments (feature `text`): VADER sentiment of a typical ~20-word comment and of the whole
//! differential corpus, twenty themes on one comment, and word-contrast ingest.
//!
//! `cargo bench --features text --bench text`. The reference on the same comments:
//! `python tests/reference/text/time_vader.py` (vaderSentiment 3.3.2; see its README).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use satisfaction::text::{SentimentAggregate, Theme, ThemeSet, WordContrast, sentiment};
use satisfaction::{Aggregator, NpsScore};

/// The ten typical customer comments `time_vader.py` times (20 words on average).
const TYPICAL: [&str; 10] = [
    "The support agent was really helpful and friendly, but I had to wait almost an hour before anyone answered my call.",
    "Delivery was late again and the package arrived damaged. Not happy at all with this service, honestly very disappointing!!",
    "Great app, super easy to use. The new update fixed the login bug I kept complaining about. Thanks a lot :)",
    "Pricing is kind of expensive for what you get, and the subscription page is confusing. I might cancel next month.",
    "I waited 3 days for a refund that never came. Customer service keeps sending the same useless template reply.",
    "Sarah from support was AMAZING, she solved my problem in five minutes and even followed up the next day. 10/10",
    "The app crashes every time I open the dashboard on my phone. Please fix this, it is not usable right now.",
    "Not bad overall. Shipping was fast, the price was fair, and the agent was polite, though the website is slow.",
    "Worst experience ever, nobody answers emails and the chat bot is stupid. I will never order from you again 😡",
    "Honestly the delivery was fine and the product works, nothing special but no complaints either, it does the job.",
];

/// One comment of 20 words.
const COMMENT: &str = "Waited 45 minutes on hold, then the app crashed twice; the agent was friendly but I still want my refund.";

/// Twenty themes of the kind a CX team keeps.
const THEMES: [(&str, &str); 20] = [
    ("waiting", "wait* OR \"on hold\" OR queue* OR forever"),
    ("refund", "refund* OR \"money back\" OR reimburs*"),
    ("crash", "crash* OR freez* OR froze OR bug*"),
    ("price", "price* OR expensive OR cost* OR \"too much\""),
    ("delivery", "deliver* OR parcel* OR shipping OR courier"),
    ("friendly", "friendly OR kind OR polite OR nice"),
    ("quick", "quick* OR fast OR speedy OR \"right away\""),
    ("helpful", "helpful OR \"solved my\" OR resolved"),
    ("rude", "rude OR unprofessional OR (hung AND up)"),
    ("app", "app OR application OR \"mobile app\""),
    ("email", "email* OR mail*"),
    ("phone", "phone* OR call* OR rang"),
    ("chat", "chat* AND NOT bot"),
    ("bot", "bot OR chatbot OR automated"),
    ("billing", "bill* OR charg* OR invoice*"),
    ("login", "login OR \"log in\" OR password*"),
    ("recommend", "recommend* AND NOT \"not recommend\""),
    ("cancel", "cancel* OR unsubscrib*"),
    ("agent", "(agent* OR staff OR sarah OR tom) AND NOT rude"),
    (
        "negation",
        "(not OR never OR no) AND (good OR helpful OR happy)",
    ),
];

fn vader(c: &mut Criterion) {
    let words: usize = TYPICAL.iter().map(|t| t.split_whitespace().count()).sum();
    assert_eq!(words / TYPICAL.len(), 20, "typical comments of 20 words");
    let mut group = c.benchmark_group("sentiment");
    group.throughput(Throughput::Elements(TYPICAL.len() as u64));
    group.bench_function("typical_comment", |b| {
        b.iter(|| {
            for text in TYPICAL {
                black_box(sentiment(black_box(text)));
            }
        })
    });
    group.throughput(Throughput::Elements(1));
    group.bench_function("20_words", |b| b.iter(|| sentiment(black_box(COMMENT))));
    let corpus = corpus();
    group.throughput(Throughput::Elements(corpus.len() as u64));
    group.sample_size(20);
    group.bench_function("fixture_corpus", |b| {
        b.iter(|| {
            for text in &corpus {
                black_box(sentiment(black_box(text)));
            }
        })
    });
    group.finish();

    let mut group = c.benchmark_group("sentiment_aggregate");
    group.throughput(Throughput::Elements(TYPICAL.len() as u64));
    group.bench_function("typical_comment", |b| {
        b.iter(|| {
            let mut mood = SentimentAggregate::default();
            for text in TYPICAL {
                let _ = mood.try_push(black_box(text));
            }
            mood
        })
    });
    group.finish();
}

/// The texts of the differential fixture (9,974 comments).
fn corpus() -> Vec<String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/reference/text/vader.csv"
    );
    let mut reader = csv::Reader::from_path(path).expect("the committed fixture");
    reader
        .records()
        .map(|r| r.expect("a fixture row")[0].to_owned())
        .collect()
}

fn themes(c: &mut Criterion) {
    let set = ThemeSet::parse(THEMES).expect("valid rules");
    assert_eq!(COMMENT.split_whitespace().count(), 20);
    let one = Theme::parse("waiting", THEMES[0].1).expect("a valid rule");
    let mut group = c.benchmark_group("themes");
    group.bench_function("20_themes_one_comment", |b| {
        b.iter(|| set.matches(black_box(COMMENT)))
    });
    group.bench_function("1_theme_one_comment", |b| {
        b.iter(|| one.matches(black_box(COMMENT)))
    });
    group.bench_function("parse_20_rules", |b| {
        b.iter(|| ThemeSet::parse(black_box(THEMES)))
    });
    group.finish();
}

fn word_contrast(c: &mut Criterion) {
    const N: usize = 100_000;
    let comments: Vec<(NpsScore, &str)> = (0..N)
        .map(|i| {
            let score = NpsScore::new((i * 7 % 11) as u8).expect("0..=10");
            (score, TYPICAL[i % TYPICAL.len()])
        })
        .collect();
    let mut group = c.benchmark_group("word_contrast");
    group.throughput(Throughput::Elements(N as u64));
    group.sample_size(20);
    group.bench_function("ingest_100k_comments", |b| {
        b.iter(|| {
            let mut words = WordContrast::default();
            for &(score, text) in &comments {
                words
                    .try_push(score, black_box(text))
                    .expect("within the cap");
            }
            words
        })
    });
    let mut words = WordContrast::default();
    for &(score, text) in &comments {
        words.try_push(score, text).expect("within the cap");
    }
    group.throughput(Throughput::Elements(1));
    group.bench_function("summary", |b| b.iter(|| black_box(&words).summary()));
    group.finish();
}

criterion_group!(benches, vader, themes, word_contrast);
criterion_main!(benches);
