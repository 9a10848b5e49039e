//! Open-text comments (feature `text`): VADER against vaderSentiment 3.3.2, theme rules and the
//! word contrast against an independent Python evaluation, the aggregators' laws beyond
//! `tests/metrics/laws.rs` (refused input, hostile input), the survey glue, golden states.
//!
//! The fixtures are in `tests/reference/text/` (see its README): `vader.csv` written by
//! `generate_vader.py` (vaderSentiment 3.3.2 on CPython 3.11), the `themes_*` and
//! `word_contrast*` files by `generate_themes.py` (standard library only).

use std::collections::BTreeMap;

use proptest::prelude::*;
use satisfaction::text::{
    CommentAnalysis, CommentError, CompoundScore, RuleError, SentimentAggregate, SentimentClass,
    Theme, ThemeError, ThemeSet, ThemeTable, WordContrast, WordContrastError, sentiment, words,
};
use satisfaction::{
    Aggregator, Answer, ConfidenceLevel, Grouped, MergeError, NpsCategory, NpsMethod, NpsScore,
    Question, Response, Summary, Survey,
};

fn fixture(name: &str) -> Vec<csv::StringRecord> {
    let path = format!("{}/tests/reference/text/{name}", env!("CARGO_MANIFEST_DIR"));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_path(&path)
        .unwrap_or_else(|e| panic!("{path}: {e}"));
    reader
        .records()
        .map(|r| r.expect("a well-formed fixture row"))
        .collect()
}

fn float(s: &str) -> f64 {
    s.parse().unwrap_or_else(|e| panic!("{s:?}: {e}"))
}

fn score(s: u8) -> NpsScore {
    NpsScore::new(s).unwrap()
}

// ---------------------------------------------------------------------------------------------
// VADER against vaderSentiment 3.3.2

/// Every rounded score bit-identical to Python's (the sign of a rounded zero included), and
/// the unrounded compound to 1e-12 relative (it is bit-identical too; reported).
#[test]
fn vader_equals_the_reference_on_every_comment() {
    let rows = fixture("vader.csv");
    assert!(rows.len() >= 5_000, "{} comments", rows.len());
    let (mut disagreements, mut raw_exact, mut max_rel) = (Vec::new(), 0usize, 0f64);
    for (line, row) in rows.iter().enumerate() {
        let text = &row[0];
        let want = [
            float(&row[1]),
            float(&row[2]),
            float(&row[3]),
            float(&row[4]),
        ];
        let want_raw = float(&row[5]);
        let s = sentiment(text);
        let got = [s.compound(), s.positive(), s.neutral(), s.negative()];
        let raw = s.raw_compound();
        if raw.to_bits() == want_raw.to_bits() {
            raw_exact += 1;
        }
        let rel = if raw == want_raw {
            0.0
        } else {
            (raw - want_raw).abs() / want_raw.abs().max(f64::MIN_POSITIVE)
        };
        max_rel = max_rel.max(rel);
        let rounded = got
            .iter()
            .zip(&want)
            .all(|(g, w)| g.to_bits() == w.to_bits());
        if !rounded || rel > 1e-12 {
            disagreements.push(format!(
                "row {}: {text:?}\n  rust   {got:?} raw {raw:?}\n  python {want:?} raw {want_raw:?}",
                line + 2
            ));
        }
    }
    eprintln!(
        "VADER: {} comments, {} disagreements, unrounded compound bit-exact on {raw_exact}, \
         largest relative difference {max_rel:e}",
        rows.len(),
        disagreements.len()
    );
    assert!(
        disagreements.is_empty(),
        "{} disagreements:\n{}",
        disagreements.len(),
        disagreements[..disagreements.len().min(20)].join("\n")
    );
    assert_eq!(raw_exact, rows.len());
}

/// The aggregate's classes and sums are those of the reference's rounded compounds.
#[test]
fn the_aggregate_of_the_fixture_matches_its_scores() {
    let rows = fixture("vader.csv");
    let mut from_text = SentimentAggregate::default();
    let mut from_scores = SentimentAggregate::default();
    let (mut sum, mut classes) = (0f64, [0u64; 3]);
    for row in &rows {
        from_text.try_push(&row[0]).unwrap();
        let compound = float(&row[1]);
        from_scores.try_push(compound).unwrap();
        sum += compound;
        classes[SentimentClass::of(compound) as usize] += 1;
    }
    assert_eq!(from_text, from_scores);
    let s = from_text.summary().unwrap();
    assert_eq!([s.negative(), s.neutral(), s.positive()], classes);
    assert!((s.mean() - sum / rows.len() as f64).abs() < 1e-12);
}

// ---------------------------------------------------------------------------------------------
// Theme rules against the independent Python evaluation

/// `(rule, expected error as (position, code))` for every rule of the fixture.
fn rules() -> Vec<(String, Option<(usize, String)>)> {
    fixture("themes_rules.csv")
        .iter()
        .map(|r| {
            let error = (!r[2].is_empty()).then(|| (r[1].parse().unwrap(), r[2].to_owned()));
            (r[0].to_owned(), error)
        })
        .collect()
}

#[test]
fn rules_parse_as_the_reference_parses_them() {
    let rules = rules();
    assert!(rules.len() >= 300, "{} rules", rules.len());
    let mut kinds = BTreeMap::new();
    let mut disagreements = Vec::new();
    for (rule, want) in &rules {
        let got = Theme::parse("t", rule)
            .err()
            .map(|e| (e.position(), e.code().to_owned()));
        if let Some((_, kind)) = want {
            *kinds.entry(kind.clone()).or_insert(0) += 1;
        }
        if &got != want {
            disagreements.push(format!("{rule:?}: rust {got:?}, python {want:?}"));
        }
    }
    eprintln!(
        "theme rules: {} rules, {} valid, error kinds {kinds:?}",
        rules.len(),
        rules.iter().filter(|r| r.1.is_none()).count()
    );
    assert_eq!(kinds.len(), 11, "every kind of error is exercised");
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}

#[test]
fn themes_match_as_the_reference_matches_them() {
    let rules = rules();
    let comments: Vec<String> = fixture("themes_comments.csv")
        .iter()
        .enumerate()
        .map(|(i, r)| {
            assert_eq!(r[0].parse::<usize>().ok(), Some(i));
            r[1].to_owned()
        })
        .collect();
    let valid: Vec<usize> = (0..rules.len()).filter(|&i| rules[i].1.is_none()).collect();
    let themes: Vec<Theme> = valid
        .iter()
        .map(|&i| Theme::parse(format!("rule {i}"), &rules[i].0).unwrap())
        .collect();
    let slot: BTreeMap<usize, usize> = valid.iter().enumerate().map(|(k, &i)| (i, k)).collect();
    let set = ThemeSet::new(themes.clone()).unwrap();
    let by_comment: Vec<Vec<bool>> = comments
        .iter()
        .map(|c| {
            let found = set.matches(c);
            (0..themes.len()).map(|k| found.contains(k)).collect()
        })
        .collect();
    let rows = fixture("themes_matches.csv");
    let mut seen = vec![vec![false; comments.len()]; valid.len()];
    let mut disagreements = Vec::new();
    for r in &rows {
        let (ri, ci): (usize, usize) = (r[0].parse().unwrap(), r[1].parse().unwrap());
        let want = &r[2] == "1";
        let k = slot[&ri];
        seen[k][ci] = true;
        let (single, in_set) = (themes[k].matches(&comments[ci]), by_comment[ci][k]);
        if single != want || in_set != want {
            disagreements.push(format!(
                "rule {ri} {:?} on comment {ci} {:?}: python {want}, Theme {single}, ThemeSet {in_set}",
                rules[ri].0, comments[ci]
            ));
        }
    }
    assert!(
        seen.iter().flatten().all(|&x| x),
        "every pair is in the fixture"
    );
    eprintln!(
        "theme matches: {} (rule, comment) pairs, {} rules x {} comments, {} disagreements",
        rows.len(),
        valid.len(),
        comments.len(),
        disagreements.len()
    );
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}

// ---------------------------------------------------------------------------------------------
// Word contrast against the Python computation of the formula

#[test]
fn word_contrast_equals_the_python_computation() {
    let corpus = fixture("word_contrast_comments.csv");
    let mut contrast = WordContrast::default();
    for r in &corpus {
        contrast
            .try_push(score(r[0].parse().unwrap()), &r[1])
            .unwrap();
    }
    let totals: Vec<u64> = fixture("word_contrast_totals.csv")[0]
        .iter()
        .map(|x| x.parse().unwrap())
        .collect();
    let summary = contrast.summary().unwrap();
    assert_eq!(
        (
            summary.word_count(NpsCategory::Detractor),
            summary.word_count(NpsCategory::Promoter),
            summary.total_words(),
            summary.count()
        ),
        (totals[0], totals[1], totals[2], totals[3])
    );
    assert_eq!(
        [
            summary.comments(NpsCategory::Detractor),
            summary.comments(NpsCategory::Passive),
            summary.comments(NpsCategory::Promoter)
        ],
        [totals[4], totals[5], totals[6]]
    );
    let rows = fixture("word_contrast.csv");
    let want_words: Vec<&str> = rows.iter().map(|r| &r[0]).collect();
    let got_words: Vec<&str> = summary.words().iter().map(|w| w.word()).collect();
    assert_eq!(
        got_words, want_words,
        "the same vocabulary, in the same order"
    );
    let (mut exact, mut max_rel) = (0usize, 0f64);
    for r in &rows {
        let w = summary.word(&r[0]).unwrap();
        let counts: Vec<u64> = (1..4).map(|i| r[i].parse().unwrap()).collect();
        assert_eq!(
            (w.detractors(), w.promoters(), w.total()),
            (counts[0], counts[1], counts[2]),
            "{}",
            &r[0]
        );
        let (delta, z) = (float(&r[4]), float(&r[5]));
        if w.delta().to_bits() == delta.to_bits() && w.z().to_bits() == z.to_bits() {
            exact += 1;
        }
        for (a, b) in [(w.delta(), delta), (w.z(), z)] {
            assert!(
                (a - b).abs() <= 1e-9 * b.abs().max(1.0),
                "{}: {a} vs {b}",
                &r[0]
            );
            if a != b {
                max_rel = max_rel.max((a - b).abs() / b.abs());
            }
        }
    }
    eprintln!(
        "word contrast: {} words, {exact} bit-identical, largest relative difference {max_rel:e}",
        rows.len()
    );
    // The ranking is by z, ties alphabetical.
    let top = summary.detractor_words(5);
    assert!(top.windows(2).all(|p| p[0].z() >= p[1].z()));
    let bottom = summary.promoter_words(5);
    assert!(bottom.windows(2).all(|p| p[0].z() <= p[1].z()));
    assert_eq!(summary.detractor_words(usize::MAX).len(), rows.len());
}

// ---------------------------------------------------------------------------------------------
// Bad input: never a panic, refused input changes nothing

fn hostile_texts() -> Vec<String> {
    vec![
        String::new(),
        " \t\n".into(),
        "!!! ??? ...".into(),
        "🙂😡👍🏽👨‍👩‍👧‍👦🇺🇸".into(),
        "\u{0}\u{202e}\u{200b}\u{feff}".into(),
        "x".repeat(1 << 20),
        "word ".repeat(1 << 18),
        "good but bad ".repeat(80_000),
        "🙂".repeat(250_000),
        "é\u{301}ΣΑΣ İ ǅ ".repeat(50_000),
        "a'".repeat(500_000),
        "(\"".repeat(300_000),
    ]
}

#[test]
fn hostile_comments_are_scored_matched_and_counted() {
    let themes = ThemeSet::parse([
        ("x", "x OR \"x x\" OR x*"),
        ("not x", "NOT x"),
        ("good", "good AND NOT bad"),
    ])
    .unwrap();
    let mut table = ThemeTable::new(themes.clone());
    let mut words = WordContrast::default();
    let mut mood = SentimentAggregate::default();
    for text in hostile_texts() {
        let s = sentiment(&text);
        for v in [s.compound(), s.positive(), s.neutral(), s.negative()] {
            assert!((-1.0..=1.0).contains(&v), "{v}");
        }
        let _ = themes.matches(&text);
        table.try_push(score(3), &text).unwrap();
        words.try_push(score(10), &text).unwrap();
        mood.try_push(text.as_str()).unwrap();
    }
    let summary = words.summary().unwrap();
    // A 1 MB word is counted under its first 64 bytes and "…".
    let long = summary.word(&"x".repeat(1 << 20)).unwrap();
    assert_eq!(long.word(), format!("{}…", "x".repeat(64)));
    assert_eq!(long.total(), 1);
    assert!(summary.words().iter().all(|w| w.word().len() <= 64 + 3));
    assert_eq!(table.count(), 12);
    assert_eq!(mood.count(), 12);
}

#[test]
fn invalid_rules_are_errors_naming_the_position() {
    for (rule, code, position) in [
        ("(wait OR hold", "unclosed_paren", 0),
        ("wait OR hold)", "unexpected_close_paren", 12),
        ("\"on hold", "unterminated_quote", 0),
        ("wait AND", "expected_term", 8),
        ("OR wait", "expected_term", 0),
        ("\"\"", "empty_phrase", 0),
        ("\"...\"", "empty_phrase", 0),
        ("wait hold", "expected_operator", 5),
        ("", "empty_rule", 0),
    ] {
        let err: RuleError = Theme::parse("t", rule).unwrap_err();
        assert_eq!((err.code(), err.position()), (code, position), "{rule:?}");
        assert!(
            err.to_string().contains(&format!("byte {position}")),
            "{err}"
        );
    }
    for rule in [
        "(".repeat(1 << 20),
        ")".repeat(1 << 20),
        "\"".repeat(1 << 20),
    ] {
        assert!(Theme::parse("t", &rule).is_err());
    }
    assert!(matches!(
        ThemeSet::parse([("a", "x"), ("b", "(")]),
        Err(ThemeError::Rule { index: 1, .. })
    ));
}

#[test]
fn a_full_vocabulary_refuses_the_comment_and_changes_nothing() {
    let mut words = WordContrast::new(3);
    words.try_push(score(2), "slow slow refund").unwrap();
    let before = words.clone();
    let err = words
        .try_push(score(9), "quick friendly refund")
        .unwrap_err();
    assert!(matches!(
        err,
        WordContrastError::VocabularyFull {
            words: 2,
            new: 2,
            limit: 3,
            ..
        }
    ));
    assert_eq!(words, before);
    // Known words still count, and one new word fits.
    words.try_push(score(9), "refund, quick!").unwrap();
    assert_eq!(words.vocabulary(), 3);
    assert_eq!(
        words.summary().unwrap().word("slow").unwrap().detractors(),
        2
    );
    // Merging past the cap is refused, whole.
    let mut other = WordContrast::new(3);
    other.try_push(score(10), "lovely").unwrap();
    let before = words.clone();
    assert!(matches!(
        words.merge(&other),
        Err(MergeError::CapacityExceeded {
            size: 4,
            limit: 3,
            ..
        })
    ));
    assert_eq!(words, before);
    // Different configurations do not merge.
    assert!(matches!(
        WordContrast::default().merge(&WordContrast::default().with_stop_words(["the"])),
        Err(MergeError::ConfigurationMismatch { .. })
    ));
    assert!(
        WordContrast::default()
            .merge(&WordContrast::new(3))
            .is_err()
    );
}

/// The generic split over NPS gives the theme table's two sides; a raw value the prototype
/// refuses changes nothing.
#[test]
fn a_theme_split_of_nps_is_the_theme_table() {
    use satisfaction::text::ThemeSplit;
    use satisfaction::{Csat, Nps};

    let themes =
        ThemeSet::parse([("waiting", "wait* OR \"on hold\""), ("refund", "refund*")]).unwrap();
    let mut table = ThemeTable::new(themes.clone());
    let mut split = ThemeSplit::new(themes.clone(), Nps::default());
    for (i, row) in fixture("word_contrast_comments.csv")
        .iter()
        .enumerate()
        .take(500)
    {
        let s: u8 = row[0].parse().unwrap();
        table.try_push(score(s), &row[1]).unwrap();
        split.try_push(s, &row[1]).unwrap();
        assert_eq!(split.count(), i as u64 + 1);
    }
    let (table, split) = (table.summary().unwrap(), split.summary().unwrap());
    for (t, s) in table.rows().iter().zip(split.rows()) {
        assert_eq!(t.mentioning().as_ref(), s.mentioning());
        assert_eq!(t.rest().as_ref(), s.rest());
        assert_eq!(t.mentions(), s.mentions());
    }
    let mut csat = ThemeSplit::new(themes, Csat::default());
    csat.try_push(5, "waited").unwrap();
    let before = csat.clone();
    assert!(csat.try_push(6, "waited").is_err());
    assert_eq!(csat, before);
    assert!(
        csat.summary()
            .unwrap()
            .to_string()
            .starts_with("themes against CSAT: 1 responses\n")
    );
}

#[test]
fn theme_tables_of_other_themes_do_not_merge() {
    let a = ThemeTable::new(ThemeSet::parse([("waiting", "wait*")]).unwrap());
    let b = ThemeTable::new(ThemeSet::parse([("waiting", "wait* OR hold")]).unwrap());
    let mut c = a.clone();
    assert!(matches!(
        c.merge(&b),
        Err(MergeError::ConfigurationMismatch {
            setting: "themes",
            ..
        })
    ));
    assert_eq!(c, a);
}

fn comment() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::collection::vec(
            prop::sample::select(vec![
                "wait", "waited", "hold", "on", "refund", "refunds", "friendly", "quick", "rude",
                "app", "crash", "not", "NOT", "very", "GREAT", "good", "bad", "but", "never",
                "!", "?", ":)", "😡", "🙂", "isn’t", "don't", "45", "the", "and", "WAIT",
            ]),
            0..12,
        )
        .prop_map(|w| w.join(" ")),
        1 => any::<String>(),
        1 => "[a-zA-Z'’ ,.!]{0,40}",
    ]
}

proptest! {
    /// Any text: scores in range, no panic, theme matching of a set equals one theme at a time.
    #[test]
    fn arbitrary_text_never_panics(text in any::<String>(), rule in "[a-z*()\" ]{0,20}|AND|OR|NOT") {
        let s = sentiment(&text);
        prop_assert!((-1.0..=1.0).contains(&s.compound()));
        prop_assert!(s.positive() + s.neutral() + s.negative() <= 1.0 + 2e-3);
        if let Ok(theme) = Theme::parse("t", &rule) {
            let set = ThemeSet::new(vec![theme.clone()]).unwrap();
            prop_assert_eq!(set.matches(&text).contains(0), theme.matches(&text));
        }
        let n = words(&text).count();
        let mut contrast = WordContrast::default();
        contrast.try_push(score(5), &text).unwrap();
        prop_assert_eq!(contrast.summary().unwrap().total_words(), n as u64);
    }

    /// Grouped word contrasts and theme tables take raw `(score, text)` pairs; split anywhere
    /// and merged, they equal one pass.
    #[test]
    fn grouped_and_split_equals_one_pass(
        rows in prop::collection::vec((0u8..=10, comment(), 0usize..3), 0..60),
        cut in any::<prop::sample::Index>(),
    ) {
        let themes = ThemeSet::parse([("waiting", "wait* OR \"on hold\""), ("refund", "refund*"), ("praise", "friendly OR quick OR GREAT")]).unwrap();
        let (empty_words, empty_table) = (WordContrast::default(), ThemeTable::new(themes));
        let mut one_words: Grouped<usize, WordContrast> = Grouped::new(empty_words.clone());
        let mut one_table: Grouped<usize, ThemeTable> = Grouped::new(empty_table.clone());
        let mut parts = [
            (Grouped::new(empty_words.clone()), Grouped::new(empty_table.clone())),
            (Grouped::new(empty_words), Grouped::new(empty_table)),
        ];
        let at = cut.index(rows.len() + 1);
        for (i, (s, text, key)) in rows.iter().enumerate() {
            let raw = (score(*s), text.as_str());
            one_words.entry(*key).try_push(raw.0, raw.1).unwrap();
            one_table.entry(*key).try_push(raw.0, raw.1).unwrap();
            let (words, table) = &mut parts[usize::from(i >= at)];
            words.try_push(*key, raw).unwrap();
            table.try_push(*key, raw).unwrap();
        }
        let [(mut words, mut table), (right_words, right_table)] = parts;
        words.merge(&right_words).unwrap();
        table.merge(&right_table).unwrap();
        prop_assert_eq!(words, one_words);
        prop_assert_eq!(table, one_table);
    }

    /// Near its cap a word contrast counts a comment or refuses it, changing nothing, and
    /// never holds more words than the cap.
    #[test]
    fn a_small_vocabulary_counts_or_refuses(rows in prop::collection::vec((0u8..=10, comment()), 0..40)) {
        let mut words = WordContrast::new(6);
        for (s, text) in rows {
            let before = words.clone();
            let input = (score(s), text);
            let checked = words.check(&input).is_ok();
            match words.record(input) {
                Ok(()) => {
                    prop_assert!(checked);
                    prop_assert_eq!(words.count(), before.count() + 1);
                }
                Err(WordContrastError::VocabularyFull { .. }) => {
                    prop_assert!(!checked);
                    prop_assert_eq!(&words, &before);
                }
                Err(e) => prop_assert!(false, "{e}"),
            }
            prop_assert!(words.vocabulary() <= 6);
        }
    }

    /// A refused response changes nothing, whatever it carries.
    #[test]
    fn refused_responses_change_nothing(
        good in prop::collection::vec((0i64..=10, comment()), 0..20),
        bad_score in prop_oneof![-100i64..0, 11i64..1000],
        text in comment(),
    ) {
        let survey = survey();
        let mut analysis = CommentAnalysis::for_survey(&survey, "comment", "nps").unwrap();
        for (i, (s, text)) in good.iter().enumerate() {
            analysis.try_push(&response(&format!("g{i}"), Some(*s), text)).unwrap();
        }
        let before = analysis.clone();
        let refused = response("bad", Some(bad_score), &text);
        prop_assert!(analysis.check(&refused).is_err());
        let refused_score = matches!(
            analysis.try_push(&refused),
            Err(CommentError::Score { .. })
        );
        prop_assert!(refused_score);
        let other = Response::new("another survey", "x", 1_764_000_000).unwrap();
        prop_assert!(analysis.try_push(&other).is_err());
        prop_assert_eq!(&analysis, &before);
    }
}

// ---------------------------------------------------------------------------------------------
// The survey glue

fn survey() -> Survey {
    Survey::builder("pulse")
        .question(Question::nps("nps"))
        .question(Question::text("comment"))
        .question(Question::binary("resolved"))
        .build()
        .unwrap()
}

fn response(id: &str, nps: Option<i64>, comment: &str) -> Response {
    let mut r = Response::new("pulse", id, 1_764_000_000).unwrap();
    if let Some(s) = nps {
        r = r.with_answer("nps", Answer::Score(s));
    }
    r.with_answer("comment", Answer::Text(comment.to_owned()))
}

#[test]
fn the_analysis_checks_its_questions() {
    let s = survey();
    assert!(CommentAnalysis::for_survey(&s, "comment", "nps").is_ok());
    for (text, nps) in [
        ("nps", "nps"),
        ("comment", "comment"),
        ("comment", "resolved"),
        ("missing", "nps"),
    ] {
        assert!(matches!(
            CommentAnalysis::for_survey(&s, text, nps),
            Err(CommentError::Question { .. })
        ));
    }
}

#[test]
fn the_analysis_equals_its_parts_fed_by_hand() {
    let themes = ThemeSet::parse([
        ("waiting", "wait* OR \"on hold\""),
        ("friendly", "friendly"),
    ])
    .unwrap();
    let mut analysis = CommentAnalysis::for_survey(&survey(), "comment", "nps")
        .unwrap()
        .with_themes(themes.clone());
    let (mut mood, mut table, mut words) = (
        SentimentAggregate::default(),
        ThemeTable::new(themes),
        WordContrast::default(),
    );
    let rows = [
        (Some(2), "Waited an hour on hold"),
        (Some(10), "Friendly and quick!"),
        (Some(8), "   "),
        (None, "friendly but slow"),
        (Some(6), ""),
        (Some(9), "friendly"),
    ];
    for (i, (nps, text)) in rows.iter().enumerate() {
        analysis
            .try_push(&response(&format!("r{i}"), *nps, text))
            .unwrap();
        if !text.trim().is_empty() {
            mood.try_push(*text).unwrap();
            if let Some(s) = nps {
                let s = score(*s as u8);
                table.try_push(s, text).unwrap();
                words.try_push(s, text).unwrap();
            }
        }
    }
    let summary = analysis.summary().unwrap();
    assert_eq!(summary.responses(), 6);
    assert_eq!(summary.sentiment(), mood.summary().as_ref());
    assert_eq!(summary.themes(), table.summary().as_ref());
    assert_eq!(summary.words(), words.summary().as_ref());
    assert!(
        summary
            .to_string()
            .starts_with("6 responses, 4 with a comment\n")
    );
}

/// `SurveyImport::read_with` hands each recorded response to the analysis.
#[cfg(feature = "csv")]
#[test]
fn an_export_feeds_the_analysis_through_read_with() {
    use satisfaction::Scorecard;
    use satisfaction::import::{SurveyImport, TimeFormat};

    let survey = survey();
    let import = SurveyImport::builder(&survey)
        .respondent("id")
        .submitted("date", TimeFormat::Offset)
        .attribute("channel", "channel")
        .column("nps", "nps")
        .column("comment", "comment")
        .skipped(&[""])
        .build()
        .unwrap();
    let file = "id,date,channel,nps,comment\n\
                a,2026-11-03T10:00:00Z,phone,2,\"Waited 40 minutes on hold, terrible\"\n\
                b,2026-11-03T11:00:00Z,chat,10,Friendly and quick\n\
                c,2026-11-03T12:00:00Z,chat,11,great\n\
                d,2026-11-03T13:00:00Z,phone,7,\n";
    let mut card = Scorecard::lenient(&survey);
    let mut all = CommentAnalysis::for_survey(&survey, "comment", "nps").unwrap();
    let mut by_channel: Grouped<String, CommentAnalysis> = Grouped::new(all.clone());
    import
        .read_with(file.as_bytes(), &mut card, |response| {
            all.try_push(response).unwrap();
            let channel = response
                .attribute_value("channel")
                .unwrap_or("none")
                .to_owned();
            by_channel.try_push(channel, response).unwrap();
        })
        .unwrap();
    let summary = all.summary().unwrap();
    assert_eq!(summary.responses(), 4);
    // The 11 was refused by the import: that response came without a score, so its comment
    // has a sentiment but no place in the NPS comparisons.
    assert_eq!(summary.sentiment().unwrap().count(), 3);
    assert_eq!(summary.words().unwrap().count(), 2);
    let channels = by_channel.summary().unwrap();
    let phone = channels.get(&"phone".to_owned()).unwrap();
    assert_eq!(phone.sentiment().unwrap().negative(), 1);
}

#[test]
fn sentiment_sits_in_a_monitor_and_a_ranking() {
    use satisfaction::monitor::{Monitor, Rule};
    use satisfaction::summary::rank_by_lower_bound;

    let mut monitor = Monitor::new(
        SentimentAggregate::default(),
        Rule::Below(0.0),
        ConfidenceLevel::P95,
    );
    for text in ["terrible", "awful wait", "never again", "rude"].repeat(50) {
        monitor.push(CompoundScore::from(sentiment(text)));
    }
    let check = monitor.check().unwrap();
    assert!(check.estimate() < 0.0);
    let mut by_channel: Grouped<&str, SentimentAggregate> = Grouped::default();
    for (channel, text) in [
        ("chat", "great"),
        ("chat", "lovely"),
        ("phone", "awful"),
        ("phone", "ok"),
    ] {
        by_channel.try_push(channel, text).unwrap();
    }
    let summary = by_channel.summary().unwrap();
    let ranked = rank_by_lower_bound(
        summary
            .iter()
            .map(|(k, s)| (*k, s.default_interval(ConfidenceLevel::P95).unwrap())),
    );
    assert_eq!(ranked[0].0, "chat");
    let table = ThemeTable::new(ThemeSet::parse([("w", "wait*")]).unwrap());
    let row = {
        let mut t = table;
        t.try_push(score(2), "waited").unwrap();
        t.try_push(score(10), "great").unwrap();
        t.summary().unwrap().rows()[0].clone()
    };
    let d = row
        .difference(ConfidenceLevel::P95, NpsMethod::Score)
        .unwrap();
    assert!(d.interval().contains(d.estimate()));
}

// ---------------------------------------------------------------------------------------------
// Golden states

#[cfg(feature = "serde")]
mod golden {
    use super::*;
    use serde::Serialize;
    use serde::de::DeserializeOwned;

    fn golden_path(name: &str) -> String {
        format!("{}/tests/golden/{name}", env!("CARGO_MANIFEST_DIR"))
    }

    /// `value` serialises to the golden file `name` and reads back to itself
    /// (`SATISFACTION_BLESS=1` rewrites the file).
    fn pinned<T>(value: &T, name: &str)
    where
        T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
    {
        let json = serde_json::to_string(value).unwrap();
        if std::env::var_os("SATISFACTION_BLESS").is_some() {
            std::fs::write(golden_path(name), format!("{json}\n")).unwrap();
        }
        let golden = std::fs::read_to_string(golden_path(name)).unwrap();
        assert_eq!(json, golden.trim_end(), "{name}");
        assert_eq!(&serde_json::from_str::<T>(&json).unwrap(), value);
    }

    fn refused<T: DeserializeOwned + std::fmt::Debug>(json: &str, why: &str) {
        match serde_json::from_str::<T>(json) {
            Ok(value) => panic!("accepted {json} as {value:?}"),
            Err(e) => assert!(e.to_string().contains(why), "{json}: {e}"),
        }
    }

    #[test]
    fn states_are_pinned() {
        let mut mood = SentimentAggregate::default();
        for text in ["Great service!", "waited forever", "ok", "not bad"] {
            mood.try_push(text).unwrap();
        }
        pinned(&mood, "sentiment_v3.json");
        pinned(&mood.summary().unwrap(), "sentiment_summary_v3.json");

        let mut table = ThemeTable::new(
            ThemeSet::parse([("waiting", "wait* OR \"on hold\""), ("refund", "refund*")]).unwrap(),
        );
        let mut words = WordContrast::default().with_stop_words(["the"]);
        for (s, text) in [
            (2, "Waited on hold for the refund"),
            (9, "quick refund"),
            (7, "the app"),
        ] {
            table.try_push(score(s), text).unwrap();
            words.try_push(score(s), text).unwrap();
        }
        pinned(&table, "theme_table_v3.json");
        pinned(&words, "word_contrast_v3.json");

        let mut analysis = CommentAnalysis::for_survey(&survey(), "comment", "nps")
            .unwrap()
            .with_themes(ThemeSet::parse([("waiting", "wait*")]).unwrap());
        for (i, (nps, text)) in [(Some(3), "waited"), (None, "great"), (Some(10), "")]
            .iter()
            .enumerate()
        {
            analysis
                .try_push(&response(&format!("r{i}"), *nps, text))
                .unwrap();
        }
        pinned(&analysis, "comment_analysis_v3.json");
    }

    #[test]
    fn tampered_states_are_refused() {
        let sentiment = std::fs::read_to_string(golden_path("sentiment_v3.json")).unwrap();
        refused::<SentimentAggregate>(
            &sentiment.replacen("\"positive\":3", "\"positive\":0", 1),
            "sums outside",
        );
        refused::<SentimentAggregate>(&sentiment.replacen("3", "2", 1), "version");
        let table = std::fs::read_to_string(golden_path("theme_table_v3.json")).unwrap();
        refused::<ThemeTable>(&table.replacen("wait* OR", "wait* AND OR", 1), "rule error");
        refused::<ThemeTable>(
            &table.replacen("\"refund\"", "\"waiting\"", 1),
            "used twice",
        );
        let words = std::fs::read_to_string(golden_path("word_contrast_v3.json")).unwrap();
        refused::<WordContrast>(&words.replacen("\"quick\"", "\"Quick\"", 1), "not a word");
        refused::<WordContrast>(&words.replacen("\"quick\"", "\"refund\"", 1), "twice");
        refused::<WordContrast>(
            &words.replacen("\"promoters\":1", "\"promoters\":0", 1),
            "no comment",
        );
    }
}
