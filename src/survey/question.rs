//! Questions: an id, a kind, and whether an answer is required.

use std::fmt;

use crate::metrics::choice::OptionCounts;
use crate::scale::{CesScale, Polarity, RatingScale};
use crate::survey::SurveyError;

/// What a question asks for, and so which aggregator its answers feed.
///
/// | kind | answer | feeds |
/// |---|---|---|
/// | `Binary` | [`Answer::Yes`](super::Answer::Yes) / [`No`](super::Answer::No) | [`Proportion`](crate::Proportion): share of yes |
/// | `SingleChoice`, `MultiSelect` | [`Choice`](super::Answer::Choice) / [`Choices`](super::Answer::Choices) | [`OptionCounts`]: share per option |
/// | `Rating` | [`Score`](super::Answer::Score) | [`Csat`](crate::Csat): top-box share and mean |
/// | `SemanticDifferential` | `Score` | [`Ces`](crate::Ces): mean and share at the good end |
/// | `Nps` | `Score` 0..=10 | [`Nps`](crate::Nps) |
/// | `Ces` | `Score` | [`Ces`](crate::Ces) |
/// | `Text` | [`Text`](super::Answer::Text) | counted as answered, never scored |
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum QuestionKind {
    /// Yes / no, thumbs up / down.
    Binary,
    /// Exactly one of the declared options.
    SingleChoice {
        /// The options, in display order.
        options: Vec<String>,
    },
    /// Any number of the declared options.
    MultiSelect {
        /// The options, in display order.
        options: Vec<String>,
    },
    /// A rating on a declared scale (CSAT, review stars), higher is better.
    Rating {
        /// The scale.
        scale: RatingScale,
        /// The lowest rating counted as satisfied (top-box).
        satisfied_from: u8,
        /// Optional labels of some points, e.g. 1 = "very dissatisfied".
        labels: Vec<(u8, String)>,
    },
    /// A bipolar scale between two labelled poles, with explicit polarity (e.g. 1 "very
    /// difficult" .. 7 "very easy"). The two points at the good end count as favourable.
    SemanticDifferential {
        /// The scale.
        scale: RatingScale,
        /// The label of the lowest point.
        low_label: String,
        /// The label of the highest point.
        high_label: String,
        /// Which pole is good.
        polarity: Polarity,
    },
    /// Net Promoter Score, 0..=10.
    Nps,
    /// Customer Effort Score on one of the foundation's CES scales.
    Ces(CesScale),
    /// Free text: kept for the caller, counted, never scored.
    Text,
}

impl QuestionKind {
    /// A short name of the kind, for messages.
    #[must_use]
    pub fn name(&self) -> &'static str {
        match self {
            Self::Binary => "yes/no",
            Self::SingleChoice { .. } => "single choice",
            Self::MultiSelect { .. } => "multi-select",
            Self::Rating { .. } => "rating",
            Self::SemanticDifferential { .. } => "semantic differential",
            Self::Nps => "NPS",
            Self::Ces(_) => "CES",
            Self::Text => "text",
        }
    }

    /// The scale of a scored kind: `(min, max)`.
    pub(crate) fn score_range(&self) -> Option<(u8, u8)> {
        match self {
            Self::Rating { scale, .. } | Self::SemanticDifferential { scale, .. } => {
                Some((scale.min(), scale.max()))
            }
            Self::Ces(ces) => Some((ces.scale().min(), ces.scale().max())),
            Self::Nps => Some((0, 10)),
            _ => None,
        }
    }

    /// The options of a choice kind.
    pub(crate) fn options(&self) -> Option<&[String]> {
        match self {
            Self::SingleChoice { options } | Self::MultiSelect { options } => Some(options),
            _ => None,
        }
    }

    /// The CES scale a semantic differential is tallied on: favourable = two points at the
    /// good end.
    pub(crate) fn differential_scale(
        scale: RatingScale,
        polarity: Polarity,
    ) -> Result<CesScale, crate::scale::ScaleError> {
        let threshold = match polarity {
            Polarity::LowerIsBetter => scale.min() + 1,
            _ => scale.max() - 1,
        };
        CesScale::new(scale, polarity, threshold)
    }
}

/// One question of a survey.
///
/// ```
/// use satisfaction::{CesScale, Polarity, Question, RatingScale};
///
/// let questions = [
///     Question::nps("recommend").required(),
///     Question::rating("csat", RatingScale::FIVE_POINT, 4)
///         .labels([(1, "very dissatisfied"), (5, "very satisfied")]),
///     Question::ces("effort", CesScale::AGREEMENT_7),
///     Question::binary("resolved"),
///     Question::single_choice("reason", ["billing", "bug", "how-to"]),
///     Question::semantic_differential("ease", RatingScale::SEVEN_POINT, "very difficult",
///         "very easy", Polarity::HigherIsBetter),
///     Question::text("comment"),
/// ];
/// assert!(questions[0].is_required() && !questions[1].is_required());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Question {
    id: String,
    kind: QuestionKind,
    required: bool,
}

impl Question {
    fn new(id: impl Into<String>, kind: QuestionKind) -> Self {
        Self {
            id: id.into(),
            kind,
            required: false,
        }
    }

    /// A yes/no question.
    pub fn binary(id: impl Into<String>) -> Self {
        Self::new(id, QuestionKind::Binary)
    }

    /// A single-choice question over `options`.
    pub fn single_choice<S: Into<String>>(
        id: impl Into<String>,
        options: impl IntoIterator<Item = S>,
    ) -> Self {
        let options = options.into_iter().map(Into::into).collect();
        Self::new(id, QuestionKind::SingleChoice { options })
    }

    /// A multi-select question over `options`.
    pub fn multi_select<S: Into<String>>(
        id: impl Into<String>,
        options: impl IntoIterator<Item = S>,
    ) -> Self {
        let options = options.into_iter().map(Into::into).collect();
        Self::new(id, QuestionKind::MultiSelect { options })
    }

    /// A rating on `scale`; ratings from `satisfied_from` up count as satisfied.
    pub fn rating(id: impl Into<String>, scale: RatingScale, satisfied_from: u8) -> Self {
        Self::new(
            id,
            QuestionKind::Rating {
                scale,
                satisfied_from,
                labels: Vec::new(),
            },
        )
    }

    /// A semantic differential between two labelled poles.
    pub fn semantic_differential(
        id: impl Into<String>,
        scale: RatingScale,
        low_label: impl Into<String>,
        high_label: impl Into<String>,
        polarity: Polarity,
    ) -> Self {
        Self::new(
            id,
            QuestionKind::SemanticDifferential {
                scale,
                low_label: low_label.into(),
                high_label: high_label.into(),
                polarity,
            },
        )
    }

    /// An NPS question, 0..=10.
    pub fn nps(id: impl Into<String>) -> Self {
        Self::new(id, QuestionKind::Nps)
    }

    /// A CES question on `scale`.
    pub fn ces(id: impl Into<String>, scale: CesScale) -> Self {
        Self::new(id, QuestionKind::Ces(scale))
    }

    /// A free-text question.
    pub fn text(id: impl Into<String>) -> Self {
        Self::new(id, QuestionKind::Text)
    }

    /// Marks the question as requiring an answer.
    #[must_use]
    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }

    /// Labels points of a rating question (ignored for other kinds).
    #[must_use]
    pub fn labels<S: Into<String>>(mut self, labels: impl IntoIterator<Item = (u8, S)>) -> Self {
        if let QuestionKind::Rating { labels: own, .. } = &mut self.kind {
            own.extend(labels.into_iter().map(|(p, s)| (p, s.into())));
        }
        self
    }

    /// The question's id.
    #[must_use]
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Its kind.
    #[must_use]
    pub fn kind(&self) -> &QuestionKind {
        &self.kind
    }

    /// Whether an answer is required.
    #[must_use]
    pub fn is_required(&self) -> bool {
        self.required
    }

    /// Checks the question on its own (its id, options and scale).
    pub(crate) fn validate(&self) -> Result<(), SurveyError> {
        if self.id.trim().is_empty() {
            return Err(SurveyError::EmptyId { what: "question" });
        }
        let scale_error = |source| SurveyError::Scale {
            question: self.id.clone(),
            source,
        };
        match &self.kind {
            QuestionKind::SingleChoice { options } | QuestionKind::MultiSelect { options } => {
                let problem = if options.is_empty() {
                    Some("a choice question needs at least one option".to_owned())
                } else if options.len() > OptionCounts::MAX_OPTIONS {
                    Some(format!(
                        "{} options: at most {} are supported",
                        options.len(),
                        OptionCounts::MAX_OPTIONS
                    ))
                } else if let Some(o) = options.iter().find(|o| o.trim().is_empty()) {
                    Some(format!("option {o:?} is empty"))
                } else {
                    options
                        .iter()
                        .enumerate()
                        .find(|(i, o)| options[..*i].contains(o))
                        .map(|(_, o)| format!("option {o:?} is declared twice"))
                };
                if let Some(problem) = problem {
                    return Err(SurveyError::InvalidOptions {
                        question: self.id.clone(),
                        problem,
                    });
                }
            }
            QuestionKind::Rating {
                scale,
                satisfied_from,
                labels,
            } => {
                scale
                    .check_threshold("satisfied-from threshold", *satisfied_from)
                    .map_err(scale_error)?;
                for &(point, _) in labels {
                    scale
                        .check_threshold("label point", point)
                        .map_err(scale_error)?;
                }
            }
            QuestionKind::SemanticDifferential {
                scale, polarity, ..
            } => {
                QuestionKind::differential_scale(*scale, *polarity).map_err(scale_error)?;
            }
            _ => {}
        }
        Ok(())
    }
}

impl fmt::Display for Question {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}", self.id, self.kind.name())?;
        if self.required {
            f.write_str(", required")?;
        }
        f.write_str(")")
    }
}
