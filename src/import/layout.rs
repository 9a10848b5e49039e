//! An export's layout: [`Column`] (by name or number), [`Preset`] (a survey tool's header
//! rows and usual columns, and the check that a file has them), and the limits every import
//! shares.

use std::fmt;
use std::str::FromStr;

use super::error::ImportError;
use super::source::Header;

/// A column of an export: by its name in the header, or by its number (1-based, as a
/// spreadsheet counts).
///
/// Strings convert into a named column, so builders take `"Q1"` directly.
///
/// ```
/// use satisfaction::import::Column;
///
/// assert_eq!(Column::from("Q1"), Column::Name("Q1".into()));
/// assert_eq!(Column::number(7).to_string(), "#7");
/// assert_eq!(Column::from("Q1").to_string(), "\"Q1\"");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Column {
    /// The column whose header cell (in the preset's name row) is this text.
    Name(String),
    /// The n-th column, 1-based.
    Number(usize),
}

impl Column {
    /// The n-th column, 1-based (0 is refused when the import is built).
    #[must_use]
    pub fn number(n: usize) -> Self {
        Self::Number(n)
    }
}

impl From<&str> for Column {
    fn from(name: &str) -> Self {
        Self::Name(name.to_owned())
    }
}

impl From<String> for Column {
    fn from(name: String) -> Self {
        Self::Name(name)
    }
}

impl From<&String> for Column {
    fn from(name: &String) -> Self {
        Self::Name(name.clone())
    }
}

impl fmt::Display for Column {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Name(name) => write!(f, "{name:?}"),
            Self::Number(n) => write!(f, "#{n}"),
        }
    }
}

/// The layout of a survey tool's CSV export: how many header rows, which row names the
/// columns, and the tool's usual id, time and completion columns.
///
/// | preset | header rows | columns named by | defaults |
/// |---|---|---|---|
/// | [`Qualtrics`](Self::Qualtrics) | 3: ids, question text, `{"ImportId":...}` | row 1 (`Q1`, `Q2_3`) | respondent `ResponseId`; submitted `RecordedDate` in the zone its import-id cell names; abandoned rows (`Finished` = False) skipped |
/// | [`SurveyMonkey`](Self::SurveyMonkey) | 2: question, answer option | row 1, filled rightwards over a question's option columns | respondent `Respondent ID`; submitted `End Date` (`MM/DD/YYYY hh:mm:ss AM`, UTC) |
/// | [`Typeform`](Self::Typeform) | 1 | the header | respondent `#`; submitted `Submit Date (UTC)` |
/// | [`OneHeader`](Self::OneHeader) | 1 | the header | none: name the respondent and submission columns |
///
/// ```
/// use satisfaction::import::Preset;
///
/// assert_eq!("Qualtrics".parse::<Preset>()?, Preset::Qualtrics);
/// assert_eq!(Preset::SurveyMonkey.header_rows(), 2);
/// assert!("excel".parse::<Preset>().is_err());
/// # Ok::<(), satisfaction::import::ImportError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Preset {
    /// A generic CSV file with one header row.
    #[default]
    OneHeader,
    /// A Qualtrics "CSV" download (the current format, with import ids).
    Qualtrics,
    /// A SurveyMonkey "All responses, expanded" CSV export.
    SurveyMonkey,
    /// A Typeform responses CSV download.
    Typeform,
}

impl Preset {
    const ALL: [Self; 4] = [
        Self::Qualtrics,
        Self::SurveyMonkey,
        Self::Typeform,
        Self::OneHeader,
    ];

    /// The preset's name, as [`FromStr`] reads it: `"qualtrics"`, `"surveymonkey"`,
    /// `"typeform"`, `"one-header"`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::OneHeader => "one-header",
            Self::Qualtrics => "qualtrics",
            Self::SurveyMonkey => "surveymonkey",
            Self::Typeform => "typeform",
        }
    }

    /// Header rows before the first response.
    #[must_use]
    pub fn header_rows(self) -> usize {
        match self {
            Self::Qualtrics => 3,
            Self::SurveyMonkey => 2,
            Self::OneHeader | Self::Typeform => 1,
        }
    }

    /// Checks the header rows a file starts with against the preset's layout.
    pub(crate) fn check(self, header: &Header) -> Result<(), ImportError> {
        let wrong = |row: usize, column: usize, expected: &str| ImportError::Header {
            row: header.line(row),
            column: column + 1,
            found: header.cell(row, column).chars().take(60).collect(),
            expected: expected.to_owned(),
        };
        match self {
            // Every Qualtrics column has an import id in row 3; a legacy export (two header
            // rows) or a one-header file has data there.
            Self::Qualtrics if header.rows() >= 3 => (0..header.width())
                .find(|&i| !header.cell(2, i).trim_start().starts_with("{\"ImportId\""))
                .map_or(Ok(()), |i| {
                    Err(wrong(
                        2,
                        i,
                        "a Qualtrics import id such as {\"ImportId\":\"QID1\"} (a legacy \
                         export or a one-header file? choose another preset)",
                    ))
                }),
            // SurveyMonkey's second row names each column's answer option.
            Self::SurveyMonkey if header.rows() >= 2 => {
                let labels = ["Response", "Open-Ended Response"];
                if (0..header.width()).any(|i| labels.contains(&header.cell(1, i).trim())) {
                    Ok(())
                } else {
                    Err(wrong(
                        1,
                        0,
                        "SurveyMonkey's answer-option row (\"Response\", \"Open-Ended \
                         Response\" or option labels)",
                    ))
                }
            }
            _ => Ok(()),
        }
    }
}

impl FromStr for Preset {
    type Err = ImportError;

    /// Reads a preset by [`name`](Preset::name), ignoring case, spaces, `-` and `_`.
    fn from_str(text: &str) -> Result<Self, ImportError> {
        let wanted: String = text
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '_'))
            .flat_map(char::to_lowercase)
            .collect();
        Self::ALL
            .into_iter()
            .find(|p| p.name().replace('-', "") == wanted)
            .ok_or_else(|| ImportError::UnknownPreset {
                name: text.to_owned(),
                valid: "qualtrics, surveymonkey, typeform, one-header",
            })
    }
}

impl fmt::Display for Preset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

/// Checks the settings every import shares: 1 to 16 header rows, a cell limit of at least a
/// byte, no column numbered 0.
pub(crate) fn check_limits<'a>(
    header_rows: usize,
    max_cell: usize,
    mut columns: impl Iterator<Item = &'a Column>,
) -> Result<(), ImportError> {
    if !(1..=16).contains(&header_rows) {
        return Err(ImportError::setting(format!(
            "{header_rows} header rows is out of range: valid values are 1..=16"
        )));
    }
    if max_cell == 0 {
        return Err(ImportError::setting(
            "a cell limit of 0 bytes would refuse every cell: valid limits are at least 1",
        ));
    }
    if columns.any(|c| *c == Column::Number(0)) {
        return Err(ImportError::setting(
            "column number 0 does not exist: columns are numbered from 1",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::source::{DEFAULT_MAX_CELL, Source};

    fn open(text: &[u8], rows: usize) -> Result<Source<&[u8]>, ImportError> {
        Source::open(text, rows, false, DEFAULT_MAX_CELL)
    }

    #[test]
    fn presets_check_their_header_rows() {
        let qualtrics = open(b"ResponseId,Q1\nResponse ID,How likely\n{\"ImportId\":\"_recordId\"},{\"ImportId\":\"QID1\"}\n", 3).unwrap();
        assert_eq!(Preset::Qualtrics.check(qualtrics.header()), Ok(()));
        let legacy = open(b"ResponseId,Q1\nResponse ID,How likely\nR_1,9\n", 3).unwrap();
        let err = Preset::Qualtrics.check(legacy.header()).unwrap_err();
        assert!(
            matches!(
                err,
                ImportError::Header {
                    row: 3,
                    column: 1,
                    ..
                }
            ),
            "{err}"
        );
        let monkey = open(b"Respondent ID,How likely\n,Response\n", 2).unwrap();
        assert_eq!(Preset::SurveyMonkey.check(monkey.header()), Ok(()));
        let flat = open(b"id,nps\n1,9\n", 2).unwrap();
        assert!(Preset::SurveyMonkey.check(flat.header()).is_err());
        for p in Preset::ALL {
            assert_eq!(p.name().parse::<Preset>(), Ok(p));
        }
        assert_eq!("Survey Monkey".parse::<Preset>(), Ok(Preset::SurveyMonkey));
    }
}
