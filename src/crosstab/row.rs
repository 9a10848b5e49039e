//! What a crosstab's rows are: a label, and what a row contributes to its column's statistic.

use crate::scale::{NpsCategory, NpsScore};

/// What one answer of a row contributes to its column's statistic.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum RowValue {
    /// Nothing: the rows are labels (a choice question's options, a reason for contact).
    Label,
    /// A number: the column's statistic is the mean (a rating, a score).
    Number(f64),
    /// An NPS group: the column's statistic is the NPS.
    Nps(NpsCategory),
}

/// A crosstab row: an answer, a score, an NPS group. Its label names the row; its
/// [`RowValue`] says whether the columns have a mean or an NPS.
///
/// Implemented for text (labels), integers (ratings, scores: the columns get a mean),
/// [`NpsScore`]s and [`NpsCategory`]s (the columns get an NPS).
///
/// ```
/// use satisfaction::crosstab::{RowKey, RowValue};
/// use satisfaction::{NpsCategory, NpsScore};
///
/// assert_eq!(NpsScore::new(9)?.value_of(), RowValue::Nps(NpsCategory::Promoter));
/// assert_eq!(NpsCategory::Detractor.label(), "detractors (0-6)");
/// assert_eq!(4u8.value_of(), RowValue::Number(4.0));
/// assert_eq!("price".value_of(), RowValue::Label);
/// # Ok::<(), satisfaction::ScoreError>(())
/// ```
pub trait RowKey: Ord + Clone {
    /// The row's label.
    fn label(&self) -> String;

    /// What an answer in this row contributes to its column's statistic.
    fn value_of(&self) -> RowValue {
        RowValue::Label
    }
}

impl RowKey for String {
    fn label(&self) -> String {
        self.clone()
    }
}

impl RowKey for &str {
    fn label(&self) -> String {
        (*self).to_owned()
    }
}

impl RowKey for NpsScore {
    fn label(&self) -> String {
        self.value().to_string()
    }

    fn value_of(&self) -> RowValue {
        RowValue::Nps(self.category())
    }
}

impl RowKey for NpsCategory {
    fn label(&self) -> String {
        let range = match self {
            Self::Detractor => "0-6",
            Self::Passive => "7-8",
            Self::Promoter => "9-10",
        };
        format!("{} ({range})", self.plural())
    }

    fn value_of(&self) -> RowValue {
        RowValue::Nps(*self)
    }
}

macro_rules! numeric_rows {
    ($($t:ty),*) => {$(
        impl RowKey for $t {
            fn label(&self) -> String {
                self.to_string()
            }

            fn value_of(&self) -> RowValue {
                // Scores and ratings are small integers; as f64 they are exact.
                #[allow(clippy::cast_precision_loss, clippy::cast_lossless)]
                RowValue::Number(*self as f64)
            }
        }
    )*};
}
numeric_rows!(u8, u16, u32, i8, i16, i32);
