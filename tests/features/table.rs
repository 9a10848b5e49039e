//! Tables out: CSV read back by the csv crate and Excel workbooks read back by calamine, every
//! cell compared, with hostile labels (`<`, `&`, quotes, commas, line breaks, right-to-left
//! text) and the crate's own tables (by period, crosstab, comparisons).

use std::io::Cursor;

use calamine::{Data, DataType, Reader, Xlsx, open_workbook_from_rs};
use satisfaction::compare::Significance;
use satisfaction::crosstab::Crosstab;
use satisfaction::summary::ReportOptions;
use satisfaction::table::{Cell, Format, Table, Workbook};
use satisfaction::{
    Aggregator, ConfidenceLevel, Granularity, Grouped, Nps, NpsCategory, NpsScore, Period,
};

const HOSTILE: [&str; 6] = [
    "a, b",
    "say \"hi\"",
    "two\nlines",
    "<b>&amp;</b> & <",
    "עברית ومعها عربية",
    "",
];

fn hostile_table() -> Table {
    let mut table = Table::new("Hostile <labels> & \"quotes\"");
    table.add_column("label, with comma", Format::Text).unwrap();
    table
        .add_column("share", Format::Percent { decimals: 1 })
        .unwrap();
    table.add_column("n", Format::Count).unwrap();
    for (i, label) in HOSTILE.iter().enumerate() {
        table
            .push_row(vec![
                Cell::from(*label),
                Cell::number(i as f64 / 7.0),
                Cell::Count(i as u64 * 1_000_003),
            ])
            .unwrap();
    }
    table
        .push_row(vec![Cell::Empty, Cell::Empty, Cell::Empty])
        .unwrap();
    table
}

fn monthly() -> Table {
    let mut by_month: Grouped<Period, Nps> = Grouped::default();
    let mut month = Period::containing(1_767_225_600, Granularity::Month).unwrap(); // 2026-01
    for i in 0..12u32 {
        let scores: Vec<u8> = (0..40 + i).map(|k| ((k * 7 + i) % 11) as u8).collect();
        by_month
            .entry(month)
            .try_extend_from_slice(&scores)
            .unwrap();
        month = month.next().unwrap();
    }
    Table::from_grouped(
        "NPS by month",
        &by_month.summary().unwrap(),
        &ReportOptions::default(),
        &["month"],
    )
    .unwrap()
}

#[test]
fn csv_reads_back_field_for_field() {
    let table = hostile_table();
    let text = table.to_csv().unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let names: Vec<&str> = table.columns().iter().map(|c| c.name.as_str()).collect();
    assert_eq!(headers, names);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), table.rows().len());
    for (record, row) in rows.iter().zip(table.rows()) {
        for (field, cell) in record.iter().zip(row) {
            match cell {
                Cell::Text(t) => assert_eq!(field, t),
                Cell::Count(n) => assert_eq!(field.parse::<u64>().unwrap(), *n),
                // The shortest text that reads back as the same double.
                Cell::Number(x) => assert_eq!(field.parse::<f64>().unwrap().to_bits(), x.to_bits()),
                Cell::Empty => assert_eq!(field, ""),
                other => panic!("unexpected {other:?}"),
            }
        }
    }
    // Periods by their label.
    let monthly = monthly().to_csv().unwrap();
    assert!(monthly.lines().nth(1).unwrap().starts_with("2026-01,"));
}

fn read_back(book: &Workbook) -> Xlsx<Cursor<Vec<u8>>> {
    let bytes = book.to_bytes().unwrap();
    open_workbook_from_rs(Cursor::new(bytes)).expect("the workbook opens")
}

/// Every cell of `table` in `sheet`: the title, the header row, each cell and each note.
fn assert_sheet(xlsx: &mut Xlsx<Cursor<Vec<u8>>>, sheet: &str, table: &Table) {
    let range = xlsx.worksheet_range(sheet).unwrap();
    let at = |r: usize, c: usize| {
        range
            .get_value((r as u32, c as u32))
            .cloned()
            .unwrap_or(Data::Empty)
    };
    assert_eq!(at(0, 0), Data::String(table.title().to_owned()));
    for (c, column) in table.columns().iter().enumerate() {
        let header = at(2, c);
        if column.name.is_empty() {
            assert!(
                matches!(header, Data::Empty | Data::String(_)),
                "header {c}"
            );
            continue;
        }
        let Data::String(header) = header else {
            panic!("header {c}: {header:?}")
        };
        assert!(
            header.starts_with(&column.name),
            "{header} vs {}",
            column.name
        );
    }
    for (r, row) in table.rows().iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let got = at(3 + r, c);
            let what = format!("{sheet} row {r} column {c}");
            match cell {
                Cell::Text(t) if t.is_empty() => {
                    assert!(matches!(got, Data::Empty | Data::String(_)), "{what}")
                }
                Cell::Text(t) => assert_eq!(got, Data::String(t.clone()), "{what}"),
                Cell::Count(n) => assert_eq!(got.as_f64(), Some(*n as f64), "{what}"),
                Cell::Number(x) | Cell::Formatted(x, _) => {
                    assert_eq!(
                        got.as_f64().map(f64::to_bits),
                        Some(x.to_bits()),
                        "{what}: {got:?}"
                    )
                }
                Cell::Period(p) => {
                    let Data::DateTime(date) = got else {
                        panic!("{what}: {got:?} is not a date")
                    };
                    // Excel's serial day: days since 1899-12-30.
                    let days = (p.start() / 86_400) as f64 + 25_569.0;
                    assert_eq!(date.as_f64(), days, "{what}");
                }
                Cell::Empty => assert_eq!(got, Data::Empty, "{what}"),
                other => panic!("unexpected {other:?}"),
            }
        }
    }
    let after = 3 + table.rows().len() + 1;
    for (i, note) in table.notes().iter().enumerate() {
        assert_eq!(
            at(after + i, 0),
            Data::String(note.clone()),
            "{sheet} note {i}"
        );
    }
}

#[test]
fn xlsx_reads_back_cell_for_cell() {
    let hostile = hostile_table();
    let months = monthly();
    let mut reasons: Crosstab<NpsCategory, String> = Crosstab::new();
    for i in 0..400u32 {
        let score = NpsScore::new(((i * 13) % 11) as u8).unwrap();
        reasons.push((
            score.category(),
            ["north", "south", "east & west"][(i % 3) as usize].to_owned(),
        ));
    }
    let summary = reasons.summary().unwrap();
    let tests = summary.spss_column_tests().unwrap();
    let crosstab = Table::from_crosstab(
        "NPS groups by region",
        &summary,
        Some(&tests),
        ConfidenceLevel::P95,
    )
    .unwrap();

    let mut book = Workbook::new();
    book.add(&hostile).add(&months).add(&crosstab).add(&months);
    let names = book.sheet_names();
    assert_eq!(names[1], "NPS by month");
    assert_eq!(names[3], "NPS by month (2)");
    assert_eq!(names[0], "Hostile <labels> & \"quotes\"");
    let mut xlsx = read_back(&book);
    assert_eq!(xlsx.sheet_names(), names);
    assert_sheet(&mut xlsx, &names[0], &hostile);
    assert_sheet(&mut xlsx, &names[1], &months);
    assert_sheet(&mut xlsx, &names[2], &crosstab);
    assert_sheet(&mut xlsx, &names[3], &months);
}

#[test]
fn comparisons_table_in_a_workbook() {
    let mut monthly: Grouped<Period, Nps> = Grouped::default();
    let mut month = Period::containing(1_767_225_600, Granularity::Month).unwrap();
    for i in 0..7u32 {
        let base: &[u8] = if i == 6 {
            &[0, 2, 3, 5, 6, 1]
        } else {
            &[10, 9, 8, 9, 10, 7]
        };
        let scores: Vec<u8> = base.iter().cycle().take(60).copied().collect();
        monthly.entry(month).try_extend_from_slice(&scores).unwrap();
        month = month.next().unwrap();
    }
    let changes = monthly
        .summary()
        .unwrap()
        .against_previous(&Significance::default());
    let table = Table::from_comparisons("Changes", &changes, &["month"]).unwrap();
    assert_eq!(table.rows().len(), 6);
    assert_eq!(table.format_cell(5, 7).as_deref(), Some("▼"));
    let mut book = Workbook::new();
    book.add(&table);
    let mut xlsx = read_back(&book);
    assert_sheet(&mut xlsx, "Changes", &table);
}

#[test]
fn an_empty_workbook_still_opens() {
    let xlsx = read_back(&Workbook::new());
    assert_eq!(xlsx.sheet_names().len(), 1);
    let empty = Table::new("");
    let mut book = Workbook::new();
    book.add(&empty);
    let mut xlsx = read_back(&book);
    assert_eq!(xlsx.sheet_names(), ["Table"]);
    assert!(xlsx.worksheet_range("Table").is_ok());
}

#[test]
fn saving_to_a_missing_directory_is_an_error() {
    let path = std::env::temp_dir()
        .join("satisfaction-no-such-dir")
        .join("x.xlsx");
    assert!(Workbook::new().save(&path).is_err());
    assert!(
        hostile_table()
            .save_csv(path.with_extension("csv"))
            .is_err()
    );
}
