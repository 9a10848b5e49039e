//! Reading exports (feature `csv`): Qualtrics, SurveyMonkey and one-header files into
//! scorecards, ticket and call exports into records, every bad-input case, and the reference:
//! an import equals a scorecard fed the same responses by hand.

use std::io::Read;

use proptest::prelude::*;
use satisfaction::calendar::{Zone, parse_timestamp};
use satisfaction::import::{
    CellProblem, Column, ImportError, ImportSummary, Preset, ReadError, SurveyImport, TicketImport,
    TimeFormat,
};
use satisfaction::survey::RejectReason;
use satisfaction::{
    Aggregator, Answer, FirstContactResolution, FirstResponse, FirstResponseTime, Question,
    RatingScale, Response, Scorecard, Survey, Ticket,
};

fn survey() -> Survey {
    Survey::builder("pulse")
        .question(Question::nps("nps").required())
        .question(
            Question::rating("csat", RatingScale::FIVE_POINT, 4)
                .labels([(1, "Very dissatisfied"), (5, "Very satisfied")]),
        )
        .question(Question::binary("resolved"))
        .question(Question::single_choice(
            "reason",
            ["billing", "bug", "how-to"],
        ))
        .question(Question::multi_select("via", ["chat", "email", "phone"]))
        .question(Question::text("comment"))
        .build()
        .unwrap()
}

/// A Qualtrics download: BOM, three header rows, metadata, a comment with a comma and a line
/// break, an unfinished row, malformed cells. Lines are numbered in the comments.
const QUALTRICS: &str = concat!(
    "\u{feff}",
    r#"StartDate,Progress,Finished,RecordedDate,ResponseId,Q1,Q2,Q3,Q4,Q5,Q6,channel
Start Date,Progress,Finished,Recorded Date,Response ID,"How likely are you to recommend us?","Overall, how satisfied were you?",Resolved?,Reason,How did you contact us?,Comments,channel
"{""ImportId"":""startDate"",""timeZone"":""America/Denver""}","{""ImportId"":""progress""}","{""ImportId"":""finished""}","{""ImportId"":""recordedDate"",""timeZone"":""America/Denver""}","{""ImportId"":""_recordId""}","{""ImportId"":""QID1""}","{""ImportId"":""QID2""}","{""ImportId"":""QID3""}","{""ImportId"":""QID4""}","{""ImportId"":""QID5""}","{""ImportId"":""QID6_TEXT""}","{""ImportId"":""channel""}"
2026-11-03 09:00:00,100,True,2026-11-03 09:04:00,R_1,10,Very satisfied,Yes,2,"1,3","Fast, friendly,
and ""fixed"" it",chat
2026-11-03 10:00:00,33,False,2026-11-10 10:00:00,R_2,3,,,,,,email
2026-11-03 11:00:00,100,True,2026-11-03 11:05:00,R_3,11,4,No,1,2,,email
2026-11-04 08:00:00,100,True,2026-11-04 08:03:00,R_4,7,Extremely satisfied,maybe,9,,-99,phone
2026-11-04 09:00:00,100,True,2026-11-04 09:02:00,R_5,9,-99,n/a,3,3,ok,phone
2026-11-04 10:00:00,100,True,2026-11-04 10:02:00,R_6,,5,Yes,1,1,,chat
"#
);
// Lines: 1-3 header, R_1 4-5, R_2 6, R_3 7, R_4 8, R_5 9, R_6 10.

fn qualtrics_import(survey: &Survey) -> SurveyImport {
    SurveyImport::builder(survey)
        .preset(Preset::Qualtrics)
        .column("Q1", "nps")
        .column("Q2", "csat")
        .column("Q3", "resolved")
        .column("Q4", "reason")
        .column("Q5", "via")
        .column("Q6", "comment")
        .attribute("channel", "channel")
        .choice_numbers("reason")
        .choice_numbers("via")
        .skipped(&["", "-99"])
        .not_applicable(&["n/a"])
        .build()
        .unwrap()
}

/// Unix seconds of a Denver wall time.
fn denver(text: &str) -> i64 {
    Zone::named("America/Denver")
        .unwrap()
        .parse_local(text)
        .unwrap()
}

/// The rows of `QUALTRICS` that a strict scorecard accepts, built by hand.
fn qualtrics_good_by_hand() -> Vec<Response> {
    vec![
        Response::new("pulse", "R_1", denver("2026-11-03 09:04:00"))
            .unwrap()
            .attribute("channel", "chat")
            .with_answer("nps", Answer::Score(10))
            .with_answer("csat", Answer::Score(5))
            .with_answer("resolved", Answer::Yes)
            .with_answer("reason", Answer::Choice("bug".into()))
            .with_answer("via", Answer::Choices(vec!["chat".into(), "phone".into()]))
            .with_answer(
                "comment",
                Answer::Text("Fast, friendly,\nand \"fixed\" it".into()),
            ),
        Response::new("pulse", "R_5", denver("2026-11-04 09:02:00"))
            .unwrap()
            .attribute("channel", "phone")
            .with_answer("nps", Answer::Score(9))
            .with_answer("csat", Answer::Skipped)
            .with_answer("resolved", Answer::NotApplicable)
            .with_answer("reason", Answer::Choice("how-to".into()))
            .with_answer("via", Answer::Choices(vec!["phone".into()]))
            .with_answer("comment", Answer::Text("ok".into())),
    ]
}

fn places(summary: &ImportSummary) -> Vec<(u64, usize, Option<RejectReason>)> {
    summary
        .refused()
        .iter()
        .map(|c| (c.row(), c.column(), c.reason()))
        .collect()
}

#[test]
fn qualtrics_strict_matches_a_scorecard_fed_by_hand() {
    let survey = survey();
    let mut card = Scorecard::strict(&survey);
    let mut seen = Vec::new();
    let summary = qualtrics_import(&survey)
        .read_with(QUALTRICS.as_bytes(), &mut card, |r| seen.push(r.clone()))
        .unwrap();
    assert_eq!(summary.rows(), 6);
    assert_eq!(
        (summary.accepted(), summary.rejected(), summary.abandoned()),
        (2, 3, 1)
    );
    assert_eq!(
        summary.accepted() + summary.rejected() + summary.abandoned(),
        summary.rows()
    );
    use RejectReason::*;
    assert_eq!(
        places(&summary),
        [
            (7, 6, Some(OutOfRange)),       // NPS 11
            (8, 7, Some(WrongKind)),        // an undeclared label
            (8, 8, Some(WrongKind)),        // "maybe"
            (8, 9, Some(UnknownOption)),    // choice number 9 of 3
            (10, 6, Some(MissingRequired)), // NPS skipped
        ]
    );
    let mut by_hand = Scorecard::strict(&survey);
    for response in qualtrics_good_by_hand() {
        by_hand.try_push(&response).unwrap();
    }
    assert_eq!(card, by_hand);
    assert_eq!(seen, qualtrics_good_by_hand());
    let text = summary.to_string();
    assert!(
        text.starts_with(
            "6 rows read: 2 responses accepted, 3 rejected, 1 abandoned skipped; 5 cells refused"
        ),
        "{text}"
    );
}

#[test]
fn qualtrics_rows_are_numbered_alike_with_cr_lf_and_crlf_line_ends() {
    let survey = survey();
    let read = |text: &str| {
        let mut card = Scorecard::strict(&survey);
        let summary = qualtrics_import(&survey)
            .read(text.as_bytes(), &mut card)
            .unwrap();
        places(&summary)
    };
    let lf = read(QUALTRICS);
    assert_eq!(read(&QUALTRICS.replace('\n', "\r")), lf);
    assert_eq!(read(&QUALTRICS.replace('\n', "\r\n")), lf);
}

#[test]
fn qualtrics_lenient_keeps_good_answers_and_the_scorecard_counts_the_bad() {
    let survey = survey();
    let mut card = Scorecard::lenient(&survey);
    let summary = qualtrics_import(&survey)
        .read(QUALTRICS.as_bytes(), &mut card)
        .unwrap();
    assert_eq!(
        (summary.accepted(), summary.rejected(), summary.abandoned()),
        (5, 0, 1)
    );
    assert_eq!((summary.refused_cells(), summary.answers_dropped()), (5, 5));
    let s = card.summary().unwrap();
    assert_eq!(s.responses(), 5);
    assert_eq!(s.question("nps").unwrap().rejected(), 2); // 11, and R_6's missing one
    assert_eq!(s.question("nps").unwrap().nps().unwrap().count(), 3);
    assert_eq!(s.question("resolved").unwrap().not_applicable(), 1);
    assert_eq!(card.rejected_answers("reason"), Some(1));
}

/// The lenient import hands each response back as recorded: a refused answer is not in it,
/// and a scorecard fed those responses by hand (in strict mode, even) agrees with the import's.
#[test]
fn lenient_read_with_hands_back_responses_without_their_refused_answers() {
    let survey = survey();
    let mut card = Scorecard::lenient(&survey);
    let mut recorded = Vec::new();
    let mut refused_per_row = Vec::new();
    qualtrics_import(&survey)
        .try_read_with(QUALTRICS.as_bytes(), &mut card, |imported| {
            recorded.push(imported.response().clone());
            refused_per_row.push((imported.row(), imported.refused().len()));
            Ok::<(), std::convert::Infallible>(())
        })
        .unwrap();
    assert_eq!(recorded.len(), 5);
    // Every refused cell is seen beside its response, at its row.
    assert_eq!(refused_per_row.iter().map(|(_, n)| n).sum::<usize>(), 5);
    assert!(refused_per_row.contains(&(7, 1))); // R_3's NPS of 11
    // Fed to a fresh lenient scorecard, the responses as handed back have no bad answer left:
    // the only refusals are the required NPS answers that are missing.
    let mut again = Scorecard::lenient(&survey);
    for response in &recorded {
        again.try_push(response).unwrap();
    }
    let again = again.summary().unwrap();
    for question in again.questions() {
        for (reason, _) in question.rejections() {
            assert_eq!(
                reason,
                RejectReason::MissingRequired,
                "{}",
                question.question().id()
            );
        }
    }
    assert_eq!(
        card.summary().unwrap().question("nps").unwrap().nps(),
        again.question("nps").unwrap().nps()
    );
}

/// A callback error stops the import at its row; what was recorded stays.
#[test]
fn a_callback_error_stops_the_import_at_its_row() {
    let survey = survey();
    let mut card = Scorecard::lenient(&survey);
    let mut calls = 0;
    let result =
        qualtrics_import(&survey).try_read_with(QUALTRICS.as_bytes(), &mut card, |imported| {
            calls += 1;
            if imported.refused().is_empty() {
                Ok(())
            } else {
                Err(std::io::Error::other("a refused cell"))
            }
        });
    match result {
        Err(ReadError::Stopped { row, source, .. }) => {
            assert_eq!((row, calls), (7, 2));
            assert_eq!(source.to_string(), "a refused cell");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(card.count(), 2);
}

#[test]
fn the_example_export_imports_as_an_independent_reading_says() {
    // The file survey_report reads, imported strictly, against the same rows read with the
    // csv crate directly and turned into responses by hand-written rules.
    let survey = Survey::builder("post-support-2026-11")
        .question(Question::nps("nps").required())
        .question(Question::rating("csat", RatingScale::FIVE_POINT, 4))
        .question(Question::text("comment"))
        .build()
        .unwrap();
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/data/qualtrics_export.csv"
    );
    let labels = [
        "Very dissatisfied",
        "Dissatisfied",
        "Neither satisfied nor dissatisfied",
        "Satisfied",
        "Very satisfied",
    ];
    let import = SurveyImport::builder(&survey)
        .preset(Preset::Qualtrics)
        .column("Q1", "nps")
        .column("Q2", "csat")
        .column("Q6", "comment")
        .recode(
            "csat",
            (1..=5).map(|p| (labels[p - 1], Answer::Score(p as i64))),
        )
        .build()
        .unwrap();
    let mut card = Scorecard::strict(&survey);
    let file = std::fs::File::open(path).unwrap();
    let summary = import.read(file, &mut card).unwrap();

    let mut by_hand = Scorecard::strict(&survey);
    let (mut unfinished, mut refused) = (0, 0);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(path)
        .unwrap();
    let denver = Zone::named("America/Denver").unwrap();
    for record in reader.records().skip(3) {
        let r = record.unwrap();
        if &r[6] != "True" {
            unfinished += 1;
            continue;
        }
        let optional = |cell: &str, answer: Answer| {
            if cell.is_empty() {
                Answer::Skipped
            } else {
                answer
            }
        };
        let nps = optional(
            &r[17],
            r[17]
                .parse()
                .map_or(Answer::Text(r[17].into()), Answer::Score),
        );
        let csat = optional(
            &r[18],
            labels
                .iter()
                .position(|l| *l == &r[18])
                .map_or(Answer::Text(r[18].into()), |p| Answer::Score(p as i64 + 1)),
        );
        let response = Response::new(survey.id(), &r[8], denver.parse_local(&r[7]).unwrap())
            .unwrap()
            .with_answer("nps", nps)
            .with_answer("csat", csat)
            .with_answer("comment", optional(&r[22], Answer::Text(r[22].into())));
        if by_hand.try_push(&response).is_err() {
            refused += 1;
        }
    }
    assert_eq!(card, by_hand);
    assert_eq!(summary.abandoned(), unfinished);
    assert_eq!(summary.rejected(), refused);
    assert_eq!(summary.rows(), 420);
    assert!(summary.abandoned() > 0 && summary.rejected() == 3);
}

#[test]
fn surveymonkey_two_header_rows_and_option_columns() {
    let survey = survey();
    let export = "\
Respondent ID,Collector ID,Start Date,End Date,How likely are you to recommend us?,How did you contact us?,,,Anything else?
,,,,Response,Chat,Email,Phone,Open-Ended Response
118001,4401,11/03/2026 09:00:00 AM,11/03/2026 09:04:10 AM,9,Chat,,Phone,\"Good, thanks\"
118002,4401,11/03/2026 01:00:00 PM,11/03/2026 01:02:00 PM,4,,,,
118003,4401,11/04/2026 08:00:00 AM,11/04/2026 08:01:00 AM,10,,Fax,,
";
    let import = SurveyImport::builder(&survey)
        .preset(Preset::SurveyMonkey)
        .column("How likely are you to recommend us?", "nps")
        .column("How did you contact us?", "via") // all three option columns
        .column("Anything else?", "comment")
        .build()
        .unwrap();
    let mut card = Scorecard::strict(&survey);
    let summary = import.read(export.as_bytes(), &mut card).unwrap();
    assert_eq!((summary.accepted(), summary.rejected()), (2, 1));
    let refused = &summary.refused()[0];
    assert_eq!(
        (refused.row(), refused.column(), refused.reason()),
        (5, 6, Some(RejectReason::UnknownOption))
    );
    let mut by_hand = Scorecard::strict(&survey);
    let utc = Zone::utc();
    for response in [
        Response::new(
            "pulse",
            "118001",
            utc.parse_local("2026-11-03 09:04:10").unwrap(),
        )
        .unwrap()
        .with_answer("nps", Answer::Score(9))
        .with_answer("via", Answer::Choices(vec!["chat".into(), "phone".into()]))
        .with_answer("comment", Answer::Text("Good, thanks".into())),
        Response::new(
            "pulse",
            "118002",
            utc.parse_local("2026-11-03 13:02:00").unwrap(),
        )
        .unwrap()
        .with_answer("nps", Answer::Score(4))
        .with_answer("via", Answer::Skipped)
        .with_answer("comment", Answer::Skipped),
    ] {
        by_hand.try_push(&response).unwrap();
    }
    assert_eq!(card, by_hand);
}

#[test]
fn one_header_files_by_name_or_number_and_typeform() {
    let survey = Survey::builder("pulse")
        .question(Question::nps("nps"))
        .build()
        .unwrap();
    let generic = "when,score\n2026-11-03,9\n2026-11-04,3\n";
    let import = SurveyImport::builder(&survey)
        .submitted(Column::number(1), TimeFormat::Date(Zone::utc()))
        .column(Column::number(2), "nps")
        .build()
        .unwrap();
    let mut card = Scorecard::strict(&survey);
    let summary = import.read(generic.as_bytes(), &mut card).unwrap();
    assert_eq!(summary.accepted(), 2);
    let mut by_hand = Scorecard::strict(&survey);
    for (row, day, score) in [
        (2, "2026-11-03T00:00:00Z", 9),
        (3, "2026-11-04T00:00:00Z", 3),
    ] {
        by_hand
            .try_push(
                &Response::new("pulse", format!("row {row}"), parse_timestamp(day).unwrap())
                    .unwrap()
                    .with_answer("nps", Answer::Score(score)),
            )
            .unwrap();
    }
    assert_eq!(card, by_hand);

    let typeform = "#,How likely are you to recommend us?,Start Date (UTC),Submit Date (UTC),Network ID\nabc123,10,2026-11-03 09:00:00,2026-11-03 09:01:00,x\n";
    let import = SurveyImport::builder(&survey)
        .preset(Preset::Typeform)
        .column("How likely are you to recommend us?", "nps")
        .build()
        .unwrap();
    let mut card = Scorecard::strict(&survey);
    import.read(typeform.as_bytes(), &mut card).unwrap();
    assert_eq!(card.count(), 1);
}

// ---- bad input ----

fn nps_import(survey: &Survey) -> SurveyImport {
    SurveyImport::builder(survey)
        .respondent("id")
        .submitted("at", TimeFormat::Offset)
        .column("nps", "nps")
        .column("comment", "comment")
        .build()
        .unwrap()
}

fn nps_survey() -> Survey {
    Survey::builder("pulse")
        .question(Question::nps("nps").required())
        .question(Question::text("comment"))
        .build()
        .unwrap()
}

const GOOD_ROW: &str = "a,2026-11-03T10:00:00Z,9,fine\n";

#[test]
fn a_wrong_header_is_an_error_naming_its_row_and_column() {
    let survey = nps_survey();
    // A one-header file read as Qualtrics: row 3 holds data, not import ids.
    let import = SurveyImport::builder(&survey)
        .preset(Preset::Qualtrics)
        .column("nps", "nps")
        .build()
        .unwrap();
    let file = format!("ResponseId,RecordedDate,nps\n{GOOD_ROW}{GOOD_ROW}");
    let err = import
        .read(file.as_bytes(), &mut Scorecard::strict(&survey))
        .unwrap_err();
    assert!(
        matches!(&err, ImportError::Header { row: 3, column: 1, found, .. } if found == "a"),
        "{err}"
    );
    assert!(err.to_string().contains("ImportId"));
    // Too few rows for the header at all.
    let err = import
        .read("ResponseId\n".as_bytes(), &mut Scorecard::strict(&survey))
        .unwrap_err();
    assert!(
        matches!(
            err,
            ImportError::MissingHeader {
                expected: 3,
                found: 1,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn a_missing_mapped_column_names_the_column_and_what_the_header_has() {
    let survey = nps_survey();
    let file = format!("id,at,score,comment\n{GOOD_ROW}");
    let mut card = Scorecard::strict(&survey);
    let err = nps_import(&survey)
        .read(file.as_bytes(), &mut card)
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "column \"nps\" is not in the file: header row 1 has 4 columns: \"id\", \"at\", \"score\", \"comment\""
    );
    assert!(card.is_empty());
}

#[test]
fn an_unknown_preset_or_a_mapping_that_cannot_be_is_refused_up_front() {
    let err = "qualtrix".parse::<Preset>().unwrap_err();
    assert!(matches!(err, ImportError::UnknownPreset { ref name, .. } if name == "qualtrix"));
    let survey = nps_survey();
    let build = |b: satisfaction::import::SurveyImportBuilder| b.build().unwrap_err().to_string();
    let base = || SurveyImport::builder(&survey).submitted("at", TimeFormat::Offset);
    assert!(build(base()).contains("required question \"nps\" has no column"));
    assert!(
        build(base().column("nps", "nps").column("x", "csat"))
            .contains("\"csat\" is not in survey")
    );
    assert!(build(base().column("a", "nps").column("b", "nps")).contains("mapped to two columns"));
    assert!(
        build(
            base()
                .column("nps", "nps")
                .recode("nps", [("top", Answer::Score(11))])
        )
        .contains("recode \"top\"")
    );
    assert!(build(base().column("nps", "nps").choice_numbers("nps")).contains("no options"));
    assert!(build(base().column(Column::number(0), "nps")).contains("column number 0"));
    assert!(build(base().column("nps", "nps").header_rows(0)).contains("0 header rows"));
    assert!(
        build(SurveyImport::builder(&survey).column("nps", "nps")).contains("no submission time")
    );
    // A scorecard of another survey.
    let other = Survey::builder("other")
        .question(Question::nps("nps"))
        .build()
        .unwrap();
    let err = nps_import(&survey)
        .read(
            format!("id,at,nps,comment\n{GOOD_ROW}").as_bytes(),
            &mut Scorecard::strict(&other),
        )
        .unwrap_err();
    assert!(err.to_string().contains("\"other\""));
}

#[test]
fn invalid_utf8_in_a_cell_refuses_its_response_in_strict_mode_only() {
    let survey = nps_survey();
    let mut file = b"id,at,nps,comment\n".to_vec();
    file.extend_from_slice(b"a,2026-11-03T10:00:00Z,9,caf\xe9\n");
    file.extend_from_slice(GOOD_ROW.as_bytes());
    let mut strict = Scorecard::strict(&survey);
    let summary = nps_import(&survey).read(&file[..], &mut strict).unwrap();
    assert_eq!((summary.accepted(), summary.rejected()), (1, 1));
    let cell = &summary.refused()[0];
    assert_eq!(
        (cell.row(), cell.column(), cell.header()),
        (2, 4, "comment")
    );
    assert_eq!(cell.problem(), &CellProblem::InvalidUtf8);
    assert_eq!(cell.value(), "caf\u{fffd}");

    let mut lenient = Scorecard::lenient(&survey);
    let summary = nps_import(&survey).read(&file[..], &mut lenient).unwrap();
    assert_eq!((summary.accepted(), summary.answers_dropped()), (2, 1));
    let s = lenient.summary().unwrap();
    assert_eq!(s.question("nps").unwrap().nps().unwrap().count(), 2);
    assert_eq!(s.question("comment").unwrap().answered(), 1);
    // In a header, invalid UTF-8 stops the import.
    let err = nps_import(&survey)
        .read(&b"id,at,n\xffps,comment\n"[..], &mut lenient)
        .unwrap_err();
    assert!(
        matches!(
            err,
            ImportError::InvalidUtf8 {
                row: 1,
                column: 3,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn a_ragged_row_is_refused_whole_in_both_modes_and_the_rest_imports() {
    let survey = nps_survey();
    let file = format!(
        "id,at,nps,comment\nb,2026-11-03T10:00:00Z,9,great, thanks\n{GOOD_ROW}c,2026-11-03T11:00:00Z\n"
    );
    for mut card in [Scorecard::strict(&survey), Scorecard::lenient(&survey)] {
        let summary = nps_import(&survey)
            .read(file.as_bytes(), &mut card)
            .unwrap();
        assert_eq!(
            (summary.rows(), summary.accepted(), summary.rejected()),
            (3, 1, 2)
        );
        let [extra, short] = summary.refused() else {
            panic!("two refused rows: {summary}");
        };
        assert_eq!(
            (extra.row(), extra.column(), extra.value()),
            (2, 5, " thanks")
        );
        assert_eq!(
            extra.problem(),
            &CellProblem::Ragged {
                found: 5,
                expected: 4
            }
        );
        assert_eq!((short.row(), short.column(), short.header()), (4, 3, "nps"));
        assert_eq!(card.count(), 1);
    }
}

#[test]
fn an_enormous_cell_is_refused_and_a_runaway_record_stops_with_its_row() {
    let survey = nps_survey();
    let big = "x".repeat(5_000);
    let file = format!("id,at,nps,comment\nb,2026-11-03T10:00:00Z,9,\"{big}\"\n{GOOD_ROW}");
    let import = SurveyImport::builder(&survey)
        .respondent("id")
        .submitted("at", TimeFormat::Offset)
        .column("nps", "nps")
        .column("comment", "comment")
        .max_cell_bytes(1_000)
        .build()
        .unwrap();
    let mut strict = Scorecard::strict(&survey);
    let summary = import.read(file.as_bytes(), &mut strict).unwrap();
    assert_eq!((summary.accepted(), summary.rejected()), (1, 1));
    let cell = &summary.refused()[0];
    assert_eq!((cell.row(), cell.column()), (2, 4));
    assert_eq!(
        cell.problem(),
        &CellProblem::TooLarge {
            bytes: 5_000,
            limit: 1_000
        }
    );
    assert!(cell.value().chars().count() <= 61);
    let mut lenient = Scorecard::lenient(&survey);
    let summary = import.read(file.as_bytes(), &mut lenient).unwrap();
    assert_eq!(summary.accepted(), 2);

    // An unbalanced quote: the rest of the file would be one cell; the import stops, after
    // recording what came before.
    let runaway = format!(
        "id,at,nps,comment\n{GOOD_ROW}b,2026-11-03T10:00:00Z,9,\"oops\n{}",
        "y,".repeat(50_000)
    );
    let mut card = Scorecard::strict(&survey);
    let err = import.read(runaway.as_bytes(), &mut card).unwrap_err();
    assert!(
        matches!(
            err,
            ImportError::RecordTooLarge {
                row: 3,
                limit: 8_000,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(card.count(), 1);
}

#[test]
fn strict_records_nothing_of_a_refused_response() {
    let survey = nps_survey();
    // Each bad row holds good answers too; none of them may be recorded.
    let file = format!(
        "id,at,nps,comment\n{GOOD_ROW}\
         b,2026-11-03T10:00:00Z,12,a comment\n\
         ,2026-11-03T10:00:00Z,9,no respondent\n\
         d,yesterday,9,no time\n\
         e,2026-11-03T10:00:00Z,,required and skipped\n"
    );
    let mut card = Scorecard::strict(&survey);
    let summary = nps_import(&survey)
        .read(file.as_bytes(), &mut card)
        .unwrap();
    assert_eq!((summary.accepted(), summary.rejected()), (1, 4));
    let mut only_good = Scorecard::strict(&survey);
    only_good
        .try_push(
            &Response::new(
                "pulse",
                "a",
                parse_timestamp("2026-11-03T10:00:00Z").unwrap(),
            )
            .unwrap()
            .with_answer("nps", Answer::Score(9))
            .with_answer("comment", Answer::Text("fine".into())),
        )
        .unwrap();
    assert_eq!(card, only_good);
    let problems: Vec<String> = summary.refused().iter().map(ToString::to_string).collect();
    assert!(
        problems[1].starts_with("row 4, column 1 \"id\": \"\" is empty"),
        "{problems:?}"
    );
    assert!(
        problems[2].contains("\"yesterday\" is not a timestamp with a UTC offset"),
        "{problems:?}"
    );
}

#[test]
fn refused_cells_are_all_counted_and_the_first_kept() {
    let survey = nps_survey();
    let mut file = String::from("id,at,nps,comment\n");
    for i in 0..250 {
        file.push_str(&format!("r{i},2026-11-03T10:00:00Z,{},\n", 11 + i));
    }
    let import = SurveyImport::builder(&survey)
        .respondent("id")
        .submitted("at", TimeFormat::Offset)
        .column("nps", "nps")
        .keep_refused(3)
        .build()
        .unwrap();
    let summary = import
        .read(file.as_bytes(), &mut Scorecard::strict(&survey))
        .unwrap();
    assert_eq!((summary.refused_cells(), summary.refused().len()), (250, 3));
    assert!(summary.to_string().ends_with("... and 247 more"));
}

// ---- tickets ----

#[test]
fn the_ticket_export_reads_as_the_old_hand_parser_did() {
    let text = include_str!("../../examples/data/tickets.csv");
    let import = TicketImport::builder()
        .id("ticket_id")
        .created("created_unix", TimeFormat::UnixSeconds)
        .first_reply("first_reply_unix", TimeFormat::UnixSeconds)
        .resolved("resolved")
        .agent_replies("agent_replies")
        .reopened("reopened")
        .build()
        .unwrap();
    let mut frt = FirstResponseTime::default();
    let mut fcr = FirstContactResolution::default();
    for row in import.rows(text.as_bytes()).unwrap() {
        let row = row.unwrap();
        frt.push(
            FirstResponse::from_unix_seconds(row.created().unwrap(), row.first_reply()).unwrap(),
        );
        fcr.push(row.ticket().unwrap());
    }
    let (mut frt_hand, mut fcr_hand) = (
        FirstResponseTime::default(),
        FirstContactResolution::default(),
    );
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let reply = (!f[2].is_empty()).then(|| f[2].parse().unwrap());
        frt_hand.push(FirstResponse::from_unix_seconds(f[1].parse().unwrap(), reply).unwrap());
        fcr_hand.push(if f[3] == "true" {
            Ticket::resolved(f[4].parse().unwrap(), f[5] == "true")
        } else {
            Ticket::unresolved()
        });
    }
    assert_eq!((frt, fcr), (frt_hand, fcr_hand));
}

#[test]
fn bad_ticket_rows_are_errors_naming_row_and_column_and_the_rest_reads() {
    let import = TicketImport::builder()
        .created("created", TimeFormat::Offset)
        .first_reply("replied", TimeFormat::Offset)
        .agent_replies("replies")
        .build()
        .unwrap();
    let text = "created,replied,replies\n\
                2026-11-03T09:00:00Z,2026-11-03T09:30:00Z,1\n\
                ,2026-11-03T09:30:00Z,1\n\
                2026-11-03T09:00:00Z,2026-11-03T08:30:00Z,1\n\
                2026-11-03T09:00:00Z,,-3\n\
                2026-11-03T09:00:00Z,soon,1\n\
                2026-11-03T09:00:00Z\n\
                2026-11-03T10:00:00Z,,2\n";
    // Old "CSV (Macintosh)" exports end lines with a lone CR, Windows ones with CRLF: every
    // refused cell is at its row all the same.
    for ending in ["\r", "\r\n"] {
        let other = text.replace('\n', ending);
        let places: Vec<Option<(u64, usize)>> = import
            .rows(other.as_bytes())
            .unwrap()
            .map(|r| {
                r.err()
                    .and_then(|e| e.cell().map(|c| (c.row(), c.column())))
            })
            .collect();
        assert_eq!(
            places,
            [
                None,
                Some((3, 1)),
                Some((4, 2)),
                Some((5, 3)),
                Some((6, 2)),
                Some((7, 2)),
                None
            ],
            "{ending:?}"
        );
    }
    let rows: Vec<_> = import.rows(text.as_bytes()).unwrap().collect();
    assert_eq!(rows.len(), 7);
    let places: Vec<Option<(u64, usize)>> = rows
        .iter()
        .map(|r| {
            r.as_ref()
                .err()
                .and_then(ImportError::cell)
                .map(|c| (c.row(), c.column()))
        })
        .collect();
    assert_eq!(
        places,
        [
            None,
            Some((3, 1)),
            Some((4, 2)),
            Some((5, 3)),
            Some((6, 2)),
            Some((7, 2)),
            None
        ]
    );
    assert!(
        rows.iter()
            .flat_map(|r| r.as_ref().err())
            .all(|e| !e.is_fatal())
    );
    let last = rows[6].as_ref().unwrap();
    let report = parse_timestamp("2026-11-03T09:00:00Z").unwrap();
    let err = last.first_response(report).unwrap_err();
    assert!(
        err.to_string().starts_with("row 8: a first response:"),
        "{err}"
    );
}

// ---- no panics ----

fn read_all(bytes: &[u8]) {
    let survey = survey();
    let import = qualtrics_import(&survey);
    for mut card in [Scorecard::strict(&survey), Scorecard::lenient(&survey)] {
        if let Ok(summary) = import.read(bytes, &mut card) {
            assert_eq!(card.count(), summary.accepted());
            if card.mode() == satisfaction::survey::ValidationMode::Strict {
                assert_eq!(
                    summary.accepted() + summary.rejected() + summary.abandoned(),
                    summary.rows()
                );
            }
        }
    }
    let tickets = TicketImport::builder()
        .created(Column::number(1), TimeFormat::Offset)
        .first_reply(Column::number(2), TimeFormat::Local(Zone::utc()))
        .agent_replies(Column::number(3))
        .wait_seconds(Column::number(4))
        .abandoned(Column::number(5))
        .max_cell_bytes(64)
        .build()
        .unwrap();
    if let Ok(rows) = tickets.rows(bytes) {
        for row in rows.take(1000).flatten() {
            let _ = row.first_response(0);
            let _ = row.ticket();
            let _ = row.queued_contact();
        }
    }
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        read_all(&bytes);
    }

    #[test]
    fn csv_like_text_after_a_real_header_never_panics(
        body in proptest::collection::vec(
            prop_oneof![
                Just(","), Just("\""), Just("\n"), Just("\r\n"), Just("True"), Just("False"),
                Just("2026-11-03 09:00:00"), Just("R_1"), Just("10"), Just("-99"), Just("n/a"),
                Just("1,3"), Just("\u{feff}"), Just("\u{ff}"), Just("é"),
            ],
            0..200,
        )
    ) {
        let header_end = QUALTRICS.match_indices('\n').nth(2).map_or(0, |(i, _)| i + 1);
        let text = format!("{}{}", &QUALTRICS[..header_end], body.concat());
        read_all(text.as_bytes());
    }
}

#[test]
fn a_reader_that_fails_midway_is_an_io_error_with_its_row() {
    struct Failing<'a>(&'a [u8]);
    impl Read for Failing<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.0.is_empty() {
                return Err(std::io::Error::other("disk gone"));
            }
            let n = self.0.len().min(buf.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }
    let survey = nps_survey();
    let text = format!("id,at,nps,comment\n{GOOD_ROW}{GOOD_ROW}");
    let mut card = Scorecard::strict(&survey);
    let err = nps_import(&survey)
        .read(Failing(text.as_bytes()), &mut card)
        .unwrap_err();
    assert!(
        matches!(err, ImportError::Io { ref message, .. } if message.contains("disk gone")),
        "{err}"
    );
}
