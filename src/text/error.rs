//! The errors of the text module, one enum per concern: a rule that does not parse
//! ([`RuleError`]), a set of themes that does not hold together ([`ThemeError`]), a comment the
//! word contrast refuses ([`WordContrastError`]), a compound score that is not one
//! ([`CompoundError`]) and a survey the comment analysis cannot read ([`CommentError`]).

use thiserror::Error;

use crate::scale::ScoreError;

/// A theme rule that does not parse: the byte offset into the rule where it went wrong, and
/// what was expected there.
///
/// ```
/// use satisfaction::text::{RuleError, Theme};
///
/// let err = Theme::parse("waiting", "wait* OR (hold AND").unwrap_err();
/// assert_eq!(err.position(), 18); // the end of the rule
/// assert!(matches!(err, RuleError::ExpectedTerm { position: 18, .. }));
/// assert_eq!(Theme::parse("x", "wait time").unwrap_err().position(), 5); // no implicit AND
/// assert_eq!(Theme::parse("x", "\"wait time").unwrap_err().code(), "unterminated_quote");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum RuleError {
    /// The rule is empty or white space only (position 0).
    #[error(
        "rule error at byte 0: the rule is empty; expected a word, a word*, a \"phrase\", NOT or ("
    )]
    Empty,
    /// A `(` that is never closed (its position).
    #[error("rule error at byte {position}: this ( is never closed; expected a ) closing it")]
    #[non_exhaustive]
    UnclosedParen {
        /// Byte offset of the `(`.
        position: usize,
    },
    /// A `)` without a matching `(` (its position).
    #[error(
        "rule error at byte {position}: a ) without a matching (; expected AND, OR or the end \
         of the rule"
    )]
    #[non_exhaustive]
    UnexpectedCloseParen {
        /// Byte offset of the `)`.
        position: usize,
    },
    /// A `"` that is never closed (the position of the opening one).
    #[error(
        "rule error at byte {position}: this \" is never closed; expected a \" ending the phrase"
    )]
    #[non_exhaustive]
    UnterminatedQuote {
        /// Byte offset of the opening `"`.
        position: usize,
    },
    /// A phrase without a word, such as `""` or `"!!"` (the position of its opening `"`).
    #[error(
        "rule error at byte {position}: the phrase has no word; expected at least one word \
         between the quotes"
    )]
    #[non_exhaustive]
    EmptyPhrase {
        /// Byte offset of the opening `"`.
        position: usize,
    },
    /// A `*` inside a phrase (its position): phrases take no wildcards.
    #[error(
        "rule error at byte {position}: * inside a phrase; a phrase matches whole words, so \
         write them in full"
    )]
    #[non_exhaustive]
    WildcardInPhrase {
        /// Byte offset of the `*`.
        position: usize,
    },
    /// A `*` that is not the last character of its term (its position).
    #[error("rule error at byte {position}: * may only end a term, as in refund*")]
    #[non_exhaustive]
    WildcardNotAtEnd {
        /// Byte offset of the `*`.
        position: usize,
    },
    /// A term that is not one word, such as `*`, `-`, `wait-time` or `'a` (the term's
    /// position).
    #[error(
        "rule error at byte {position}: {term:?} is not one word: a term is letters and digits \
         (an apostrophe only between two of them), optionally followed by *; quote a phrase"
    )]
    #[non_exhaustive]
    InvalidTerm {
        /// Byte offset of the term.
        position: usize,
        /// The term (its first 40 characters).
        term: String,
    },
    /// A word, phrase, `NOT` or `(` was expected: `a AND`, `OR b`, `NOT`, `()` (the position of
    /// what was found instead, or the rule's length at its end).
    #[error(
        "rule error at byte {position}: expected a word, a word*, a \"phrase\", NOT or ( (the \
         rule ends after an operator, or an operator or ) stands where an operand belongs)"
    )]
    #[non_exhaustive]
    ExpectedTerm {
        /// Byte offset.
        position: usize,
    },
    /// `AND`, `OR`, `)` or the end was expected after an operand: there is no implicit AND,
    /// so `a b` is an error at `b`.
    #[error(
        "rule error at byte {position}: expected AND, OR, ) or the end of the rule (two \
         operands need an operator between them, as in wait AND hold)"
    )]
    #[non_exhaustive]
    ExpectedOperator {
        /// Byte offset of the operand found instead.
        position: usize,
    },
    /// Parentheses nested deeper than the limit (the position of the first `(` too deep).
    #[error("rule error at byte {position}: parentheses nested deeper than {limit} levels")]
    #[non_exhaustive]
    TooDeep {
        /// Byte offset of the `(`.
        position: usize,
        /// The deepest nesting allowed (64).
        limit: usize,
    },
}

impl RuleError {
    /// The byte offset into the rule where the error is (0 for an empty rule).
    #[must_use]
    pub fn position(&self) -> usize {
        match self {
            Self::Empty => 0,
            Self::UnclosedParen { position }
            | Self::UnexpectedCloseParen { position }
            | Self::UnterminatedQuote { position }
            | Self::EmptyPhrase { position }
            | Self::WildcardInPhrase { position }
            | Self::WildcardNotAtEnd { position }
            | Self::InvalidTerm { position, .. }
            | Self::ExpectedTerm { position }
            | Self::ExpectedOperator { position }
            | Self::TooDeep { position, .. } => *position,
        }
    }

    /// A stable snake-case name of the kind of error (`"expected_term"`,
    /// `"unclosed_paren"`, ...), for logs and tests.
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            Self::Empty => "empty_rule",
            Self::UnclosedParen { .. } => "unclosed_paren",
            Self::UnexpectedCloseParen { .. } => "unexpected_close_paren",
            Self::UnterminatedQuote { .. } => "unterminated_quote",
            Self::EmptyPhrase { .. } => "empty_phrase",
            Self::WildcardInPhrase { .. } => "wildcard_in_phrase",
            Self::WildcardNotAtEnd { .. } => "wildcard_not_at_end",
            Self::InvalidTerm { .. } => "invalid_term",
            Self::ExpectedTerm { .. } => "expected_term",
            Self::ExpectedOperator { .. } => "expected_operator",
            Self::TooDeep { .. } => "too_deep",
        }
    }
}

/// A set of themes that cannot be built.
///
/// ```
/// use satisfaction::text::{ThemeError, ThemeSet};
///
/// let err = ThemeSet::parse([("waiting", "wait*"), ("refund", "refund AND")]).unwrap_err();
/// assert!(matches!(err, ThemeError::Rule { index: 1, .. }));
/// assert!(err.to_string().starts_with("theme 1 (\"refund\"): rule error at byte 10"));
/// let twice = ThemeSet::parse([("a", "x"), ("a", "y")]).unwrap_err();
/// assert_eq!(twice, ThemeError::DuplicateName("a".into()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ThemeError {
    /// A theme's rule does not parse.
    #[error("theme {index} ({name:?}): {source}")]
    #[non_exhaustive]
    Rule {
        /// The theme's position in the set.
        index: usize,
        /// Its name.
        name: String,
        /// Why its rule does not parse.
        source: RuleError,
    },
    /// Two themes with the same name: a table would show two rows nobody can tell apart.
    #[error("theme name {0:?} is used twice: the themes of a set need distinct names")]
    DuplicateName(String),
}

/// A comment the word contrast refuses; nothing of it was recorded.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum WordContrastError {
    /// The comment's new words would take the vocabulary past its cap.
    #[error(
        "the comment brings {new} new words to a vocabulary of {words}, past its cap of {limit} \
         distinct words; nothing was recorded (WordContrast::with_max_words sets the cap)"
    )]
    #[non_exhaustive]
    VocabularyFull {
        /// Distinct words held.
        words: usize,
        /// Distinct words the comment would add.
        new: usize,
        /// The cap.
        limit: usize,
    },
    /// Recording the comment would take the comments or words counted past
    /// [`MAX_COUNT`](crate::MAX_COUNT).
    #[error(
        "recording the comment would take the {what} counted past the limit of {limit}; nothing \
         was recorded"
    )]
    #[non_exhaustive]
    CountOverflow {
        /// `"comments"` or `"words"`.
        what: &'static str,
        /// The limit.
        limit: u64,
    },
}

/// A compound score that is not one: NaN, infinite, or outside −1..=1.
///
/// ```
/// use satisfaction::text::SentimentAggregate;
///
/// let mut scores = SentimentAggregate::default();
/// assert!(scores.try_push(0.25).is_ok());
/// let err = scores.try_push(1.5).unwrap_err();
/// assert_eq!(err.value, 1.5);
/// assert!(scores.try_push(f64::NAN).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Error)]
#[error("compound score {value} is invalid: it must be a number from -1 to 1")]
#[non_exhaustive]
pub struct CompoundError {
    /// The refused value.
    pub value: f64,
}

/// A comment analysis that cannot be set up for a survey, or a response it refuses (nothing of
/// which is recorded).
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum CommentError {
    /// A question the survey does not have, or of another kind than the analysis needs.
    #[error("question {question:?} of survey {survey:?}: {problem}")]
    #[non_exhaustive]
    Question {
        /// The survey.
        survey: String,
        /// The question id.
        question: String,
        /// What is wrong with it.
        problem: &'static str,
    },
    /// A response to another survey.
    #[error(
        "the response of {respondent:?} is for survey {found:?}, this analysis for survey \
         {expected:?}; nothing was recorded"
    )]
    #[non_exhaustive]
    WrongSurvey {
        /// The respondent.
        respondent: String,
        /// The analysis's survey.
        expected: String,
        /// The response's survey.
        found: String,
    },
    /// An NPS answer off the 0-10 scale.
    #[error("the response of {respondent:?}: {source}; nothing was recorded")]
    #[non_exhaustive]
    Score {
        /// The respondent.
        respondent: String,
        /// The score's problem.
        source: ScoreError,
    },
    /// The word contrast refused the comment.
    #[error("the response of {respondent:?}: {source}")]
    #[non_exhaustive]
    Words {
        /// The respondent.
        respondent: String,
        /// Why the comment was refused.
        source: WordContrastError,
    },
}
