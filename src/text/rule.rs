//! The theme-rule language (after Qualtrics Text iQ topic queries): lexer and parser.
//!
//! ```text
//! rule    := or
//! or      := and ( "OR" and )*
//! and     := unary ( "AND" unary )*
//! unary   := "NOT"* primary
//! primary := WORD | WORD "*" | '"' words '"' | "(" or ")"
//! ```
//!
//! * A bare **term** is a maximal run of characters other than white space (Unicode
//!   `White_Space`), `(`, `)` and `"`. It must be exactly one word in the sense of
//!   [`words`](crate::text::words) (letters and digits, apostrophes only between two of them),
//!   optionally followed by one `*` (prefix match). It is compared lower-cased.
//! * `AND`, `OR`, `NOT` are operators only as whole terms in upper case; `and`, `Or`, `AND*`
//!   are ordinary (prefix) words.
//! * Precedence: `NOT` > `AND` > `OR`; `AND` and `OR` are parsed n-ary. A run of `NOT`s is
//!   reduced by parity (`NOT NOT a` is `a`), so it cannot nest deeply.
//! * **No implicit AND**: two operands without an operator (`a b`, `a (b)`, `"x" y`) are an
//!   error at the second operand.
//! * **Phrases** `"wait time"` match consecutive words. The text between the quotes is
//!   tokenised like a comment (so `"wait-time"` is the phrase `wait time`); it must contain at
//!   least one word, and `*` is not allowed inside a phrase.
//! * Parentheses nest at most [`MAX_DEPTH`] (64) levels deep.
//!
//! Errors carry the byte offset into the rule. All lexical errors (quotes, phrases, terms) are
//! found in a first left-to-right pass and the leftmost is reported; only a rule without
//! lexical errors is then parsed, reporting the first syntax error (left to right).

use crate::text::error::RuleError;
use crate::text::words::{Spans, normalise, words};

/// The deepest nesting of parentheses a rule may have.
pub(crate) const MAX_DEPTH: usize = 64;

/// A parsed rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Expr {
    /// A whole word (lower case).
    Word(String),
    /// Any word starting with this (lower-case) prefix.
    Prefix(String),
    /// Consecutive words (lower case, at least one).
    Phrase(Vec<String>),
    /// Negation.
    Not(Box<Expr>),
    /// All of (at least two).
    And(Vec<Expr>),
    /// Any of (at least two).
    Or(Vec<Expr>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Tok {
    Word(String),
    Prefix(String),
    Phrase(Vec<String>),
    And,
    Or,
    Not,
    LParen,
    RParen,
}

/// Unicode `White_Space` (the set of [`char::is_whitespace`]).
fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// The term as an error shows it: at most 40 characters.
fn shown(term: &str) -> String {
    let mut chars = term.chars();
    let head: String = chars.by_ref().take(40).collect();
    if chars.next().is_some() {
        head + "…"
    } else {
        head
    }
}

/// Validates one bare term `t` starting at byte `pos`.
fn lex_term(t: &str, pos: usize) -> Result<Tok, RuleError> {
    match t {
        "AND" => return Ok(Tok::And),
        "OR" => return Ok(Tok::Or),
        "NOT" => return Ok(Tok::Not),
        _ => {}
    }
    let last = t.len().saturating_sub(1);
    if let Some((i, _)) = t.char_indices().find(|&(i, c)| c == '*' && i != last) {
        return Err(RuleError::WildcardNotAtEnd { position: pos + i });
    }
    let (word, prefix) = match t.strip_suffix('*') {
        Some(w) => (w, true),
        None => (t, false),
    };
    let mut spans = Spans::new(word);
    match (spans.next(), spans.next()) {
        (Some((0, e)), None) if e == word.len() => {}
        _ => {
            return Err(RuleError::InvalidTerm {
                position: pos,
                term: shown(t),
            });
        }
    }
    let w = normalise(word).into_owned();
    Ok(if prefix { Tok::Prefix(w) } else { Tok::Word(w) })
}

fn lex(rule: &str) -> Result<Vec<(usize, Tok)>, RuleError> {
    let mut toks = Vec::new();
    let mut it = rule.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        match c {
            _ if is_space(c) => {}
            '(' => toks.push((i, Tok::LParen)),
            ')' => toks.push((i, Tok::RParen)),
            '"' => {
                let body_start = i + 1;
                let mut close = None;
                for (j, d) in it.by_ref() {
                    if d == '"' {
                        close = Some(j);
                        break;
                    }
                }
                let Some(close) = close else {
                    return Err(RuleError::UnterminatedQuote { position: i });
                };
                let body = rule.get(body_start..close).unwrap_or("");
                if let Some(k) = body.find('*') {
                    return Err(RuleError::WildcardInPhrase {
                        position: body_start + k,
                    });
                }
                let phrase: Vec<String> = words(body).map(|w| w.into_owned()).collect();
                if phrase.is_empty() {
                    return Err(RuleError::EmptyPhrase { position: i });
                }
                toks.push((i, Tok::Phrase(phrase)));
            }
            _ => {
                let mut end = i + c.len_utf8();
                while let Some(&(j, d)) = it.peek() {
                    if is_space(d) || d == '(' || d == ')' || d == '"' {
                        break;
                    }
                    end = j + d.len_utf8();
                    it.next();
                }
                let t = rule.get(i..end).unwrap_or("");
                toks.push((i, lex_term(t, i)?));
            }
        }
    }
    Ok(toks)
}

struct Parser {
    toks: Vec<(usize, Tok)>,
    pos: usize,
    len: usize,
}

impl Parser {
    fn peek(&self) -> Option<&(usize, Tok)> {
        self.toks.get(self.pos)
    }

    /// Byte position of the next token, or the rule's length at the end.
    fn here(&self) -> usize {
        self.peek().map_or(self.len, |t| t.0)
    }

    fn eat(&mut self, t: &Tok) -> bool {
        if self.peek().is_some_and(|(_, x)| x == t) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn or(&mut self, depth: usize) -> Result<Expr, RuleError> {
        let mut v = vec![self.and(depth)?];
        while self.eat(&Tok::Or) {
            v.push(self.and(depth)?);
        }
        Ok(match v.len() {
            1 => v.pop().unwrap_or(Expr::Or(Vec::new())),
            _ => Expr::Or(v),
        })
    }

    fn and(&mut self, depth: usize) -> Result<Expr, RuleError> {
        let mut v = vec![self.unary(depth)?];
        while self.eat(&Tok::And) {
            v.push(self.unary(depth)?);
        }
        Ok(match v.len() {
            1 => v.pop().unwrap_or(Expr::And(Vec::new())),
            _ => Expr::And(v),
        })
    }

    fn unary(&mut self, depth: usize) -> Result<Expr, RuleError> {
        let mut negate = false;
        while self.eat(&Tok::Not) {
            negate = !negate;
        }
        let e = self.primary(depth)?;
        Ok(if negate { Expr::Not(Box::new(e)) } else { e })
    }

    fn primary(&mut self, depth: usize) -> Result<Expr, RuleError> {
        let here = self.here();
        let Some((_, tok)) = self.toks.get(self.pos) else {
            return Err(RuleError::ExpectedTerm { position: here });
        };
        let e = match tok {
            Tok::Word(w) => Expr::Word(w.clone()),
            Tok::Prefix(w) => Expr::Prefix(w.clone()),
            Tok::Phrase(p) => Expr::Phrase(p.clone()),
            Tok::LParen => {
                if depth + 1 > MAX_DEPTH {
                    return Err(RuleError::TooDeep {
                        position: here,
                        limit: MAX_DEPTH,
                    });
                }
                self.pos += 1;
                let inner = self.or(depth + 1)?;
                match self.peek() {
                    Some((_, Tok::RParen)) => {}
                    None => return Err(RuleError::UnclosedParen { position: here }),
                    Some((p, _)) => return Err(RuleError::ExpectedOperator { position: *p }),
                }
                inner
            }
            Tok::And | Tok::Or | Tok::Not | Tok::RParen => {
                return Err(RuleError::ExpectedTerm { position: here });
            }
        };
        self.pos += 1;
        Ok(e)
    }
}

/// Parses a rule (see the module documentation).
pub(crate) fn parse(rule: &str) -> Result<Expr, RuleError> {
    let toks = lex(rule)?;
    if toks.is_empty() {
        return Err(RuleError::Empty);
    }
    let mut p = Parser {
        toks,
        pos: 0,
        len: rule.len(),
    };
    let e = p.or(0)?;
    match p.peek() {
        None => Ok(e),
        Some((i, Tok::RParen)) => Err(RuleError::UnexpectedCloseParen { position: *i }),
        Some((i, _)) => Err(RuleError::ExpectedOperator { position: *i }),
    }
}

#[cfg(test)]
impl std::fmt::Display for Expr {
    /// A canonical, fully parenthesised form that parses back to the same expression.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let join = |f: &mut std::fmt::Formatter<'_>, v: &[Expr], op: &str| {
            write!(f, "(")?;
            for (i, e) in v.iter().enumerate() {
                if i > 0 {
                    write!(f, " {op} ")?;
                }
                write!(f, "{e}")?;
            }
            write!(f, ")")
        };
        match self {
            Expr::Word(w) => write!(f, "{w}"),
            Expr::Prefix(w) => write!(f, "{w}*"),
            Expr::Phrase(p) => write!(f, "\"{}\"", p.join(" ")),
            Expr::Not(e) => write!(f, "NOT {e}"),
            Expr::And(v) => join(f, v, "AND"),
            Expr::Or(v) => join(f, v, "OR"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(rule: &str) -> (usize, &'static str) {
        match parse(rule) {
            Err(x) => (x.position(), x.code()),
            Ok(x) => panic!("{rule:?} parsed as {x}"),
        }
    }

    fn ok(rule: &str) -> String {
        match parse(rule) {
            Ok(x) => x.to_string(),
            Err(x) => panic!("{rule:?}: {x}"),
        }
    }

    #[test]
    fn valid() {
        assert_eq!(ok("Refund"), "refund");
        assert_eq!(ok("refund*"), "refund*");
        assert_eq!(ok("\"Wait  time!\""), "\"wait time\"");
        assert_eq!(ok("a OR b AND c"), "(a OR (b AND c))");
        assert_eq!(ok("NOT a AND b"), "(NOT a AND b)");
        assert_eq!(ok("NOT (a AND b)"), "NOT (a AND b)");
        assert_eq!(ok("NOT NOT a"), "a");
        assert_eq!(ok("a AND b AND c OR d"), "((a AND b AND c) OR d)");
        assert_eq!(ok("isn’t AND AND*"), "(isn't AND and*)");
        assert_eq!(ok("(((a)))"), "a");
        assert_eq!(ok("a AND(b)"), "(a AND b)");
        assert_eq!(ok("and OR not"), "(and OR not)");
    }

    #[test]
    fn errors() {
        assert_eq!(e(""), (0, "empty_rule"));
        assert_eq!(e(" \t\n"), (0, "empty_rule"));
        assert_eq!(e("(a"), (0, "unclosed_paren"));
        assert_eq!(e("((a) OR b"), (0, "unclosed_paren"));
        assert_eq!(e("a)"), (1, "unexpected_close_paren"));
        assert_eq!(e("\"ab"), (0, "unterminated_quote"));
        assert_eq!(e("a OR \"\""), (5, "empty_phrase"));
        assert_eq!(e("\" !! \""), (0, "empty_phrase"));
        assert_eq!(e("\"wait tim*\""), (9, "wildcard_in_phrase"));
        assert_eq!(e("*"), (0, "invalid_term"));
        assert_eq!(e("a OR -"), (5, "invalid_term"));
        assert_eq!(e("a-b"), (0, "invalid_term"));
        assert_eq!(e("'a"), (0, "invalid_term"));
        assert_eq!(e("*a"), (0, "wildcard_not_at_end"));
        assert_eq!(e("a**"), (1, "wildcard_not_at_end"));
        assert_eq!(e("a AND"), (5, "expected_term"));
        assert_eq!(e("OR b"), (0, "expected_term"));
        assert_eq!(e("NOT"), (3, "expected_term"));
        assert_eq!(e("()"), (1, "expected_term"));
        assert_eq!(e("a b"), (2, "expected_operator"));
        assert_eq!(e("and or not"), (4, "expected_operator"));
        assert_eq!(e("(a b)"), (3, "expected_operator"));
        assert_eq!(e("a NOT b"), (2, "expected_operator"));
        assert_eq!(e("é b"), (3, "expected_operator"));
        // Lexical errors come first.
        assert_eq!(e("a b \"c"), (4, "unterminated_quote"));
    }

    #[test]
    fn messages_name_the_position_and_what_was_expected() {
        assert_eq!(
            parse("a AND").unwrap_err().to_string(),
            "rule error at byte 5: expected a word, a word*, a \"phrase\", NOT or ( (the rule \
             ends after an operator, or an operator or ) stands where an operand belongs)"
        );
        assert_eq!(
            parse("wait-time").unwrap_err().to_string(),
            "rule error at byte 0: \"wait-time\" is not one word: a term is letters and digits \
             (an apostrophe only between two of them), optionally followed by *; quote a phrase"
        );
    }

    #[test]
    fn depth() {
        let r = format!("{}a{}", "(".repeat(MAX_DEPTH), ")".repeat(MAX_DEPTH));
        assert_eq!(ok(&r), "a");
        let r = format!(
            "{}a{}",
            "(".repeat(MAX_DEPTH + 1),
            ")".repeat(MAX_DEPTH + 1)
        );
        assert_eq!(e(&r), (MAX_DEPTH, "too_deep"));
        assert_eq!(e(&"(".repeat(1_000_000)), (MAX_DEPTH, "too_deep"));
        assert_eq!(ok(&("NOT ".repeat(250_000) + "a")), "a");
        assert!(parse(&("a OR ".repeat(100_000) + "b")).is_ok());
        assert!(parse(&"x".repeat(1 << 20)).is_ok());
        let long = parse(&"x-".repeat(1 << 19)).unwrap_err();
        assert!(
            long.to_string().len() < 300,
            "the error shows the term shortened"
        );
    }

    #[test]
    fn canonical_form_parses_back() {
        for r in [
            "a OR b AND NOT c",
            "\"x y\" AND (p* OR NOT q)",
            "NOT (a OR b) AND c",
        ] {
            let x = parse(r).expect("valid");
            assert_eq!(parse(&x.to_string()), Ok(x));
        }
    }
}
