//! Cell text to [`Answer`]: the skipped and not-applicable markers, recodes, choice numbers,
//! rating labels, yes/no words and numbers. Whether the answer fits its question is the
//! survey's call, not this module's: text that is no score stays text, and the scorecard
//! refuses it as the wrong kind.

use crate::survey::{Answer, Question, QuestionKind};

/// Words read as yes and no in a yes/no or flag column (ASCII case ignored), besides recodes.
const YES: [&str; 4] = ["yes", "y", "true", "1"];
const NO: [&str; 4] = ["no", "n", "false", "0"];

/// A yes/no or flag cell's value; `None` when it is neither.
pub(super) fn flag(text: &str) -> Option<bool> {
    let is = |words: &[&str]| words.iter().any(|w| w.eq_ignore_ascii_case(text));
    if is(&YES) {
        Some(true)
    } else if is(&NO) {
        Some(false)
    } else {
        None
    }
}

/// Whether `text` is one of `list`, ASCII case ignored.
pub(super) fn listed(list: &[String], text: &str) -> bool {
    list.iter().any(|m| m.eq_ignore_ascii_case(text))
}

/// Marker values as the builders store them: trimmed, since cells are trimmed before matching.
pub(super) fn trimmed<S: AsRef<str>>(values: &[S]) -> Vec<String> {
    values
        .iter()
        .map(|v| v.as_ref().trim().to_owned())
        .collect()
}

/// The markers shared by every column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Markers {
    /// Cell values meaning "skipped" (after trimming, ASCII case ignored).
    pub(crate) skipped: Vec<String>,
    /// Cell values meaning "not applicable".
    pub(crate) not_applicable: Vec<String>,
    /// What separates a multi-select cell's choices.
    pub(crate) separator: char,
}

impl Default for Markers {
    fn default() -> Self {
        Self {
            skipped: vec![String::new()],
            not_applicable: Vec::new(),
            separator: ',',
        }
    }
}

impl Markers {
    /// `Skipped` or `NotApplicable` for a marker cell.
    fn marker(&self, text: &str) -> Option<Answer> {
        if listed(&self.skipped, text) {
            Some(Answer::Skipped)
        } else if listed(&self.not_applicable, text) {
            Some(Answer::NotApplicable)
        } else {
            None
        }
    }
}

/// How one question's cells are read beyond the defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Recode {
    /// Exact cell values (after trimming) and the answers they stand for.
    pub(crate) values: Vec<(String, Answer)>,
    /// Whether a choice cell holding `k` means the k-th declared option (1-based), as
    /// Qualtrics' "numeric values" download writes choices.
    pub(crate) choice_numbers: bool,
}

impl Recode {
    fn get(&self, text: &str) -> Option<&Answer> {
        self.values.iter().find(|(v, _)| v == text).map(|(_, a)| a)
    }
}

/// The answer one cell holds for `question`.
pub(crate) fn decode(
    question: &Question,
    recode: &Recode,
    markers: &Markers,
    cell: &str,
) -> Answer {
    let text = cell.trim();
    if let Some(answer) = markers.marker(text) {
        return answer;
    }
    if let Some(answer) = recode.get(text) {
        return answer.clone();
    }
    match question.kind() {
        QuestionKind::Binary => match flag(text) {
            Some(true) => Answer::Yes,
            Some(false) => Answer::No,
            None => Answer::Text(text.to_owned()),
        },
        QuestionKind::SingleChoice { options } => {
            Answer::Choice(choice(options, recode, text).to_owned())
        }
        QuestionKind::MultiSelect { options } => Answer::Choices(
            text.split(markers.separator)
                .map(str::trim)
                .filter(|piece| !piece.is_empty())
                .map(|piece| choice(options, recode, piece).to_owned())
                .collect(),
        ),
        QuestionKind::Text => Answer::Text(text.to_owned()),
        kind => score(kind, text),
    }
}

/// The answer of a multi-select question spread over several columns (SurveyMonkey writes
/// one column per option, holding the option's text when chosen).
pub(crate) fn decode_spread<'a>(
    question: &Question,
    recode: &Recode,
    markers: &Markers,
    cells: impl Iterator<Item = &'a str>,
) -> Answer {
    let options = question.kind().options().unwrap_or_default();
    let mut chosen = Vec::new();
    let mut not_applicable = false;
    for cell in cells {
        let text = cell.trim();
        match markers.marker(text) {
            Some(Answer::NotApplicable) => not_applicable = true,
            Some(_) => {}
            None => chosen.push(choice(options, recode, text).to_owned()),
        }
    }
    match (chosen.is_empty(), not_applicable) {
        (false, _) => Answer::Choices(chosen),
        (true, true) => Answer::NotApplicable,
        (true, false) => Answer::Skipped,
    }
}

/// The declared option `text` stands for: a recode, a choice number, the option itself, or
/// the option that differs only in ASCII case; otherwise `text` as given (which the survey
/// refuses as an undeclared option).
fn choice<'a>(options: &'a [String], recode: &'a Recode, text: &'a str) -> &'a str {
    if let Some(Answer::Choice(option)) = recode.get(text) {
        return option;
    }
    if recode.choice_numbers
        && let Some(option) = text
            .parse::<usize>()
            .ok()
            .and_then(|k| k.checked_sub(1))
            .and_then(|i| options.get(i))
    {
        return option;
    }
    if let Some(option) = options.iter().find(|o| *o == text) {
        return option;
    }
    let mut folded = options.iter().filter(|o| o.eq_ignore_ascii_case(text));
    match (folded.next(), folded.next()) {
        (Some(option), None) => option,
        _ => text,
    }
}

/// A scored kind's answer: a rating label, or a whole number; anything else stays text.
fn score(kind: &QuestionKind, text: &str) -> Answer {
    if let QuestionKind::Rating { labels, .. } = kind
        && let Some((point, _)) = labels.iter().find(|(_, l)| l.eq_ignore_ascii_case(text))
    {
        return Answer::Score(i64::from(*point));
    }
    match text.parse::<i64>() {
        Ok(n) => Answer::Score(n),
        // "9.0" from a spreadsheet round trip is a whole number too.
        Err(_) => whole_number(text).map_or_else(|| Answer::Text(text.to_owned()), Answer::Score),
    }
}

/// The whole number a decimal text spells exactly: `"9.0"`, `"+10.00"`, `"1.0e1"`. Decided on
/// the digits, never through a float, so `"9.999999999999999999"` and `"10.0000000000000001"`
/// are not 10 and `"1e-400"` is not 0 (a float would round all three to whole numbers).
/// Numbers of 1e15 or more are not scores of any scale and stay text.
fn whole_number(text: &str) -> Option<i64> {
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    let negative = text.starts_with('-');
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => (mantissa, exponent.parse::<i32>().ok()?),
        None => (unsigned, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = || whole.bytes().chain(fraction.bytes());
    if whole.len() + fraction.len() == 0 || !digits().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // The decimal point sits after `point` of the digits once the exponent has moved it.
    let point = i64::try_from(whole.len()).ok()? + i64::from(exponent);
    let mut value: i64 = 0;
    for (i, digit) in (0..).zip(digits()) {
        let digit = i64::from(digit - b'0');
        if i < point {
            value = value.checked_mul(10)?.checked_add(digit)?;
        } else if digit != 0 {
            return None;
        }
    }
    // Zeros for the places the exponent moved the point past the digits (none to add to
    // zero, whose exponent may be huge).
    if value != 0 {
        for _ in i64::try_from(whole.len() + fraction.len()).ok()?..point {
            value = value.checked_mul(10)?;
        }
    }
    (value < 1_000_000_000_000_000).then_some(if negative { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scale::RatingScale;

    #[test]
    fn whole_numbers_are_decided_on_the_decimal_text() {
        for (text, expected) in [
            ("9.0", Some(9)),
            ("+10.00", Some(10)),
            ("-1.0", Some(-1)),
            ("1.0e1", Some(10)),
            ("100e-2", Some(1)),
            ("0e-400", Some(0)),
            ("0e2000000000", Some(0)),
            ("7.", Some(7)),
            (".0", Some(0)),
            ("9.999999999999999999", None),
            ("10.0000000000000001", None),
            ("1e-400", None),
            ("1e400", None),
            ("1e15", None),
            ("9.5", None),
            ("", None),
            (".", None),
            ("e5", None),
            ("1e", None),
            ("nine", None),
            ("9.0.0", None),
            ("--9", None),
        ] {
            assert_eq!(whole_number(text), expected, "{text:?}");
        }
    }

    fn read(question: &Question, recode: &Recode, cell: &str) -> Answer {
        let markers = Markers {
            not_applicable: vec!["n/a".into()],
            ..Markers::default()
        };
        decode(question, recode, &markers, cell)
    }

    #[test]
    fn markers_come_first_and_ignore_case_and_padding() {
        let q = Question::nps("nps");
        let none = Recode::default();
        assert_eq!(read(&q, &none, ""), Answer::Skipped);
        assert_eq!(read(&q, &none, "  "), Answer::Skipped);
        assert_eq!(read(&q, &none, "N/A"), Answer::NotApplicable);
        assert_eq!(read(&q, &none, " 9 "), Answer::Score(9));
        assert_eq!(read(&q, &none, "9.0"), Answer::Score(9));
        assert_eq!(read(&q, &none, "-1"), Answer::Score(-1));
        assert_eq!(read(&q, &none, "nine"), Answer::Text("nine".into()));
        assert_eq!(read(&q, &none, "9.5"), Answer::Text("9.5".into()));
    }

    #[test]
    fn ratings_read_their_labels_and_recodes() {
        let q = Question::rating("csat", RatingScale::FIVE_POINT, 4)
            .labels([(1, "Very dissatisfied"), (5, "Very satisfied")]);
        let recode = Recode {
            values: vec![("Satisfied".into(), Answer::Score(4))],
            choice_numbers: false,
        };
        assert_eq!(read(&q, &recode, "very satisfied"), Answer::Score(5));
        assert_eq!(read(&q, &recode, "Satisfied"), Answer::Score(4));
        assert_eq!(read(&q, &recode, "3"), Answer::Score(3));
    }

    #[test]
    fn choices_read_text_numbers_and_recodes() {
        let q = Question::single_choice("reason", ["billing", "bug", "how-to"]);
        let numbers = Recode {
            values: vec![("Billing question".into(), Answer::Choice("billing".into()))],
            choice_numbers: true,
        };
        assert_eq!(read(&q, &numbers, "2"), Answer::Choice("bug".into()));
        assert_eq!(read(&q, &numbers, "Bug"), Answer::Choice("bug".into()));
        assert_eq!(
            read(&q, &numbers, "Billing question"),
            Answer::Choice("billing".into())
        );
        assert_eq!(read(&q, &numbers, "4"), Answer::Choice("4".into()));
        let multi = Question::multi_select("via", ["chat", "email", "phone"]);
        assert_eq!(
            read(&multi, &numbers, "1, 3"),
            Answer::Choices(vec!["chat".into(), "phone".into()])
        );
        let spread = decode_spread(
            &multi,
            &Recode::default(),
            &Markers::default(),
            ["Chat", "", "phone"].into_iter(),
        );
        assert_eq!(spread, Answer::Choices(vec!["chat".into(), "phone".into()]));
        let none = decode_spread(
            &multi,
            &Recode::default(),
            &Markers::default(),
            ["", ""].into_iter(),
        );
        assert_eq!(none, Answer::Skipped);
    }

    #[test]
    fn yes_no_words() {
        let q = Question::binary("resolved");
        let none = Recode::default();
        assert_eq!(read(&q, &none, "Yes"), Answer::Yes);
        assert_eq!(read(&q, &none, "FALSE"), Answer::No);
        assert_eq!(read(&q, &none, "maybe"), Answer::Text("maybe".into()));
        let qualtrics = Recode {
            values: vec![("2".into(), Answer::No)],
            choice_numbers: false,
        };
        assert_eq!(read(&q, &qualtrics, "2"), Answer::No);
    }
}
