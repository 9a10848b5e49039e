//! Themes (named rules) and sets of themes, matched against comments.
//!
//! Matching is over the comment's lower-cased [`words`](crate::text::words): a word matches if
//! some word of the comment equals it, a prefix `p*` if some word starts with `p` (the word `p`
//! itself included), a phrase if its words occur consecutively (punctuation between the words
//! of the comment is ignored: `"wait time"` matches `wait, time`).
//!
//! A rule is compiled once into a small program: the distinct words of every rule in a hash
//! table, the prefixes by first byte, and the boolean structure as a flat node list. A comment
//! is tokenised once, every word looked up once, and each theme's nodes evaluated on the facts
//! gathered (short-circuit), so twenty themes cost little more than one. Once warm, matching
//! does not allocate (the working memory is per thread).

use std::cell::Cell;
use std::collections::HashMap;
use std::fmt;

use foldhash::fast::RandomState;

use crate::text::error::{RuleError, ThemeError};
use crate::text::rule::{self, Expr};
use crate::text::words::{Spans, needs_normalising, push_normalised};

/// A named rule: Text iQ's "topic" as a saved query.
///
/// The rule syntax: a word matches whole words, case-insensitive (`refund`); `word*` matches
/// words starting with `word` (`refund*` matches `refunds`, `refunded`); `"two words"` matches
/// consecutive words; `AND`, `OR`, `NOT` (upper case) and parentheses combine them, `NOT`
/// binding tighter than `AND`, and `AND` tighter than `OR`. Two terms need an operator between
/// them (there is no implicit AND: `wait time` is an error, `"wait time"` the phrase). The
/// full grammar and every error are in [`RuleError`].
///
/// The rule is parsed and compiled once; [`matches`](Self::matches) then costs a tokenisation
/// and a few hash lookups per comment. For several themes over the same comments, a
/// [`ThemeSet`] tokenises each comment once for all of them.
///
/// ```
/// use satisfaction::text::Theme;
///
/// let waiting = Theme::parse("waiting", "wait* OR \"on hold\" OR queue*")?;
/// assert!(waiting.matches("Waited 45 minutes ON HOLD!"));
/// assert!(waiting.matches("the queue never moved"));
/// assert!(!waiting.matches("holding the line")); // "on hold" is a phrase
/// let staff = Theme::parse("rude staff", "(rude OR unprofessional) AND NOT bot")?;
/// assert!(staff.matches("The agent was rude"));
/// assert!(!staff.matches("the chat bot was rude"));
/// assert!(Theme::parse("broken", "refund AND").is_err());
/// # Ok::<(), satisfaction::text::RuleError>(())
/// ```
#[derive(Clone)]
pub struct Theme {
    name: String,
    rule: String,
    program: Program,
}

impl Theme {
    /// Parses `rule` into a theme called `name`.
    ///
    /// # Errors
    ///
    /// [`RuleError`] naming the byte offset where the rule stops making sense and what was
    /// expected there: unbalanced parentheses or quotes, a dangling operator, an empty
    /// phrase, two terms without an operator, a term that is not one word.
    pub fn parse(name: impl Into<String>, rule: &str) -> Result<Theme, RuleError> {
        let expr = rule::parse(rule)?;
        Ok(Theme {
            name: name.into(),
            rule: rule.to_owned(),
            program: Program::new(&[&expr]),
        })
    }

    /// The theme's name.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The rule as written.
    #[must_use]
    pub fn rule(&self) -> &str {
        &self.rule
    }

    /// Whether the comment `text` matches the rule.
    #[must_use]
    pub fn matches(&self, text: &str) -> bool {
        let mut matched = false;
        self.program.run(text, |_| matched = true);
        matched
    }
}

impl PartialEq for Theme {
    /// Two themes are equal when their names and rules (as written) are.
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name && self.rule == other.rule
    }
}

impl Eq for Theme {}

impl fmt::Debug for Theme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Theme")
            .field("name", &self.name)
            .field("rule", &self.rule)
            .finish()
    }
}

impl fmt::Display for Theme {
    /// `waiting: wait* OR "on hold"`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.name, self.rule)
    }
}

/// Several themes, matched against a comment tokenised once; a comment may match several.
///
/// ```
/// use satisfaction::text::ThemeSet;
///
/// let themes = ThemeSet::parse([
///     ("waiting", "wait* OR \"on hold\" OR queue*"),
///     ("refund", "refund* OR \"money back\""),
///     ("app", "app AND (crash* OR freez* OR froze)"),
/// ])?;
/// let found = themes.matches("Waited on hold, then the app froze. I want my money back!");
/// assert_eq!(found.iter().collect::<Vec<_>>(), [0, 1, 2]);
/// assert_eq!(themes.matching_names("quick refund").collect::<Vec<_>>(), ["refund"]);
/// assert!(themes.matches("").is_none());
/// # Ok::<(), satisfaction::text::ThemeError>(())
/// ```
#[derive(Clone, Default)]
pub struct ThemeSet {
    themes: Vec<Theme>,
    program: Program,
}

impl ThemeSet {
    /// A set of already parsed themes.
    ///
    /// # Errors
    ///
    /// [`ThemeError::DuplicateName`] when two themes share a name.
    pub fn new(themes: Vec<Theme>) -> Result<ThemeSet, ThemeError> {
        for (i, theme) in themes.iter().enumerate() {
            if themes[..i].iter().any(|t| t.name == theme.name) {
                return Err(ThemeError::DuplicateName(theme.name.clone()));
            }
        }
        // Parsed before: parsing again cannot fail, and the programs need the expressions.
        let exprs: Vec<Expr> = themes
            .iter()
            .filter_map(|t| rule::parse(&t.rule).ok())
            .collect();
        let refs: Vec<&Expr> = exprs.iter().collect();
        Ok(ThemeSet {
            program: Program::new(&refs),
            themes,
        })
    }

    /// Parses `(name, rule)` pairs into a set.
    ///
    /// # Errors
    ///
    /// [`ThemeError::Rule`] for the first rule that does not parse (with its position in the
    /// list and its name); [`ThemeError::DuplicateName`] when two themes share a name.
    pub fn parse<I, N, R>(rules: I) -> Result<ThemeSet, ThemeError>
    where
        I: IntoIterator<Item = (N, R)>,
        N: Into<String>,
        R: AsRef<str>,
    {
        let mut themes = Vec::new();
        for (index, (name, rule)) in rules.into_iter().enumerate() {
            let name = name.into();
            match Theme::parse(name.clone(), rule.as_ref()) {
                Ok(theme) => themes.push(theme),
                Err(source) => {
                    return Err(ThemeError::Rule {
                        index,
                        name,
                        source,
                    });
                }
            }
        }
        ThemeSet::new(themes)
    }

    /// The themes, in order.
    #[must_use]
    pub fn themes(&self) -> &[Theme] {
        &self.themes
    }

    /// The number of themes.
    #[must_use]
    pub fn len(&self) -> usize {
        self.themes.len()
    }

    /// Whether the set has no theme.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.themes.is_empty()
    }

    /// Which themes `text` matches (tokenised once for all of them).
    #[must_use]
    pub fn matches(&self, text: &str) -> ThemeMatches {
        let mut found = ThemeMatches::empty(self.themes.len());
        self.program.run(text, |i| found.set(i));
        found
    }

    /// The names of the themes `text` matches, in the set's order.
    pub fn matching_names<'s>(&'s self, text: &str) -> impl Iterator<Item = &'s str> + 's {
        let found = self.matches(text);
        self.themes
            .iter()
            .enumerate()
            .filter(move |(i, _)| found.contains(*i))
            .map(|(_, t)| t.name())
    }

    /// Calls `each` with the index of every theme `text` matches, ascending, without
    /// allocating.
    pub(crate) fn for_each_match(&self, text: &str, each: impl FnMut(usize)) {
        self.program.run(text, each);
    }

    /// A fingerprint of the names and rules, stable across runs and platforms (FNV-1a), that
    /// error messages show when two sets differ.
    pub(crate) fn fingerprint(&self) -> u64 {
        let mut hash = Fnv::default();
        for theme in &self.themes {
            hash.write(theme.name.as_bytes());
            hash.write(&[0xff]);
            hash.write(theme.rule.as_bytes());
            hash.write(&[0xfe]);
        }
        hash.0
    }
}

impl PartialEq for ThemeSet {
    /// Two sets are equal when they have the same themes in the same order.
    fn eq(&self, other: &Self) -> bool {
        self.themes == other.themes
    }
}

impl Eq for ThemeSet {}

impl fmt::Debug for ThemeSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(&self.themes).finish()
    }
}

/// FNV-1a, 64 bits: a hash that is the same everywhere (for fingerprints of configuration).
pub(crate) struct Fnv(pub(crate) u64);

impl Default for Fnv {
    fn default() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    pub(crate) fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

/// Which themes of a [`ThemeSet`] one comment matched.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct ThemeMatches {
    bits: Vec<u64>,
    len: usize,
}

impl ThemeMatches {
    fn empty(len: usize) -> Self {
        Self {
            bits: vec![0; len.div_ceil(64)],
            len,
        }
    }

    fn set(&mut self, i: usize) {
        if let Some(w) = self.bits.get_mut(i / 64) {
            *w |= 1 << (i % 64);
        }
    }

    /// Whether theme `i` matched.
    #[must_use]
    pub fn contains(&self, i: usize) -> bool {
        i < self.len
            && self
                .bits
                .get(i / 64)
                .is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    /// The number of themes that matched.
    #[must_use]
    pub fn count(&self) -> usize {
        self.bits.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// Whether no theme matched.
    #[must_use]
    pub fn is_none(&self) -> bool {
        self.bits.iter().all(|&w| w == 0)
    }

    /// The indices of the themes that matched, ascending.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.len).filter(|&i| self.contains(i))
    }
}

/// A leaf of a compiled rule.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Leaf {
    Word(u32),
    Prefix(u32),
    Phrase(Vec<u32>),
}

/// A compiled rule node; `And`/`Or` hold a range of `Program::kids`.
#[derive(Clone, Copy, Debug)]
enum Node {
    Leaf(u32),
    Not(u32),
    And(u32, u32),
    Or(u32, u32),
}

/// No word of the vocabulary.
const NONE: u32 = u32::MAX;

/// Rules compiled together: one tokenisation and one lookup per word of a comment serve them
/// all.
#[derive(Clone, Debug, Default)]
struct Program {
    vocab: HashMap<Box<str>, u32, RandomState>,
    prefixes: Vec<Box<str>>,
    /// Prefix ids by the first byte of the prefix.
    prefix_by_byte: Vec<Vec<u32>>,
    /// Bit `min(len, 63)` of `word_filter[first byte]` is set when some vocabulary word has
    /// that first byte and byte length: a cheap test before hashing a comment's word.
    word_filter: Vec<u64>,
    leaves: Vec<Leaf>,
    nodes: Vec<Node>,
    kids: Vec<u32>,
    /// The root node of each rule.
    roots: Vec<u32>,
}

struct Builder {
    vocab: HashMap<Box<str>, u32, RandomState>,
    prefixes: HashMap<Box<str>, u32, RandomState>,
    prefix_list: Vec<Box<str>>,
    leaves: HashMap<Leaf, u32, RandomState>,
    leaf_list: Vec<Leaf>,
    nodes: Vec<Node>,
    kids: Vec<u32>,
}

/// A count as a `u32` id (a rule over four billion terms cannot be written in memory).
fn id(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(NONE)
}

impl Builder {
    fn word(&mut self, w: &str) -> u32 {
        if let Some(&i) = self.vocab.get(w) {
            return i;
        }
        let i = id(self.vocab.len());
        self.vocab.insert(w.into(), i);
        i
    }

    fn prefix(&mut self, p: &str) -> u32 {
        if let Some(&i) = self.prefixes.get(p) {
            return i;
        }
        let i = id(self.prefix_list.len());
        self.prefixes.insert(p.into(), i);
        self.prefix_list.push(p.into());
        i
    }

    fn leaf(&mut self, l: Leaf) -> u32 {
        if let Some(&i) = self.leaves.get(&l) {
            return i;
        }
        let i = id(self.leaf_list.len());
        self.leaves.insert(l.clone(), i);
        self.leaf_list.push(l);
        i
    }

    /// Appends the nodes of `e`; returns its node index. Recursion depth is bounded by the
    /// parser's nesting cap.
    fn compile(&mut self, e: &Expr) -> u32 {
        let node = match e {
            Expr::Word(w) => {
                let word = self.word(w);
                Node::Leaf(self.leaf(Leaf::Word(word)))
            }
            Expr::Prefix(p) => {
                let prefix = self.prefix(p);
                Node::Leaf(self.leaf(Leaf::Prefix(prefix)))
            }
            Expr::Phrase(p) => {
                let ids: Vec<u32> = p.iter().map(|w| self.word(w)).collect();
                let leaf = match ids.as_slice() {
                    [one] => Leaf::Word(*one),
                    _ => Leaf::Phrase(ids),
                };
                Node::Leaf(self.leaf(leaf))
            }
            Expr::Not(x) => Node::Not(self.compile(x)),
            Expr::And(v) | Expr::Or(v) => {
                let children: Vec<u32> = v.iter().map(|x| self.compile(x)).collect();
                let a = id(self.kids.len());
                self.kids.extend(children);
                let b = id(self.kids.len());
                if matches!(e, Expr::And(_)) {
                    Node::And(a, b)
                } else {
                    Node::Or(a, b)
                }
            }
        };
        self.nodes.push(node);
        id(self.nodes.len() - 1)
    }
}

/// Per-thread working memory of [`Program::run`].
#[derive(Default)]
struct Scratch {
    word: String,
    present: Vec<bool>,
    prefix_hit: Vec<bool>,
    seq: Vec<u32>,
}

impl Scratch {
    /// Keeps the per-thread memory small after a huge comment.
    fn trim(&mut self) {
        const KEEP: usize = 1 << 14;
        if self.seq.capacity() > KEEP {
            self.seq = Vec::new();
        }
        if self.word.capacity() > KEEP {
            self.word = String::new();
        }
    }
}

thread_local! {
    static SCRATCH: Cell<Scratch> = Cell::new(Scratch::default());
}

/// What a comment contains, for evaluating leaves.
struct Facts<'a> {
    present: &'a [bool],
    prefix_hit: &'a [bool],
    seq: &'a [u32],
}

impl Program {
    fn new(exprs: &[&Expr]) -> Program {
        let mut b = Builder {
            vocab: HashMap::default(),
            prefixes: HashMap::default(),
            prefix_list: Vec::new(),
            leaves: HashMap::default(),
            leaf_list: Vec::new(),
            nodes: Vec::new(),
            kids: Vec::new(),
        };
        let roots = exprs.iter().map(|e| b.compile(e)).collect();
        let mut prefix_by_byte = vec![Vec::new(); 256];
        for (i, p) in b.prefix_list.iter().enumerate() {
            if let Some(slot) = p
                .as_bytes()
                .first()
                .and_then(|&c| prefix_by_byte.get_mut(usize::from(c)))
            {
                slot.push(id(i));
            }
        }
        let mut word_filter = vec![0u64; 256];
        for w in b.vocab.keys() {
            if let Some(f) = w
                .as_bytes()
                .first()
                .and_then(|&c| word_filter.get_mut(usize::from(c)))
            {
                *f |= 1 << w.len().min(63);
            }
        }
        Program {
            vocab: b.vocab,
            prefixes: b.prefix_list,
            prefix_by_byte,
            word_filter,
            leaves: b.leaf_list,
            nodes: b.nodes,
            kids: b.kids,
            roots,
        }
    }

    /// Calls `each` with the index of every rule `text` matches, ascending.
    fn run(&self, text: &str, each: impl FnMut(usize)) {
        // Taken out of the thread-local while in use, so a nested call gets a fresh one.
        let mut scratch = SCRATCH.try_with(Cell::take).unwrap_or_default();
        self.run_with(text, &mut scratch, each);
        scratch.trim();
        let _ = SCRATCH.try_with(|cell| cell.set(scratch));
    }

    fn run_with(&self, text: &str, scratch: &mut Scratch, mut each: impl FnMut(usize)) {
        let Scratch {
            word,
            present,
            prefix_hit,
            seq,
        } = scratch;
        present.clear();
        present.resize(self.vocab.len(), false);
        prefix_hit.clear();
        prefix_hit.resize(self.prefixes.len(), false);
        seq.clear();
        for (s, e) in Spans::new(text) {
            let Some(raw) = text.get(s..e) else { continue };
            // Words already in normal form (the common case) are used in place.
            let t: &str = if needs_normalising(raw) {
                word.clear();
                push_normalised(raw, word);
                word
            } else {
                raw
            };
            let first = t.as_bytes().first().map_or(0, |&c| usize::from(c));
            let maybe = self
                .word_filter
                .get(first)
                .is_some_and(|f| f & (1 << t.len().min(63)) != 0);
            let id = if maybe {
                self.vocab.get(t).copied().unwrap_or(NONE)
            } else {
                NONE
            };
            if let Some(p) = present.get_mut(id as usize) {
                *p = true;
            }
            seq.push(id);
            for &pid in self.prefix_by_byte.get(first).into_iter().flatten() {
                if let (Some(p), Some(hit)) = (
                    self.prefixes.get(pid as usize),
                    prefix_hit.get_mut(pid as usize),
                ) && !*hit
                    && t.starts_with(&**p)
                {
                    *hit = true;
                }
            }
        }
        let facts = Facts {
            present,
            prefix_hit,
            seq,
        };
        for (i, &root) in self.roots.iter().enumerate() {
            if self.eval(root, &facts) {
                each(i);
            }
        }
    }

    /// Evaluates node `n` (short-circuit; depth bounded by the parser's nesting cap).
    fn eval(&self, n: u32, f: &Facts<'_>) -> bool {
        let present = |i: u32| f.present.get(i as usize).copied().unwrap_or(false);
        match self.nodes.get(n as usize) {
            Some(Node::Leaf(l)) => match self.leaves.get(*l as usize) {
                Some(Leaf::Word(id)) => present(*id),
                Some(Leaf::Prefix(id)) => f.prefix_hit.get(*id as usize).copied().unwrap_or(false),
                Some(Leaf::Phrase(ids)) => {
                    ids.iter().all(|&i| present(i))
                        && f.seq.windows(ids.len()).any(|w| w == ids.as_slice())
                }
                None => false,
            },
            Some(Node::Not(c)) => !self.eval(*c, f),
            Some(Node::And(a, b)) => self.children(*a, *b).iter().all(|&k| self.eval(k, f)),
            Some(Node::Or(a, b)) => self.children(*a, *b).iter().any(|&k| self.eval(k, f)),
            None => false,
        }
    }

    fn children(&self, a: u32, b: u32) -> &[u32] {
        self.kids.get(a as usize..b as usize).unwrap_or(&[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::words::words;

    /// An independent evaluator over the parsed expression: the oracle the compiled program
    /// is checked against.
    fn eval(e: &Expr, toks: &[String]) -> bool {
        match e {
            Expr::Word(w) => toks.iter().any(|t| t == w),
            Expr::Prefix(p) => toks.iter().any(|t| t.starts_with(p.as_str())),
            Expr::Phrase(p) => toks
                .windows(p.len())
                .any(|win| win.iter().zip(p).all(|(a, b)| a == b)),
            Expr::Not(x) => !eval(x, toks),
            Expr::And(v) => v.iter().all(|x| eval(x, toks)),
            Expr::Or(v) => v.iter().any(|x| eval(x, toks)),
        }
    }

    fn m(rule: &str, text: &str) -> bool {
        let t = Theme::parse("t", rule).expect("valid rule");
        let toks: Vec<String> = words(text).map(|w| w.into_owned()).collect();
        let oracle = eval(&rule::parse(rule).unwrap(), &toks);
        assert_eq!(t.matches(text), oracle, "{rule:?} on {text:?}");
        let set = ThemeSet::new(vec![t]).unwrap();
        assert_eq!(
            set.matches(text).contains(0),
            oracle,
            "set: {rule:?} on {text:?}"
        );
        oracle
    }

    #[test]
    fn words_and_prefixes() {
        assert!(m("refund", "I want a REFUND!"));
        assert!(!m("refund", "refunds please"));
        assert!(m("refund*", "refunds please"));
        assert!(m("refund*", "refund"));
        assert!(!m("refund*", "a refun"));
        assert!(m("isn't", "it isn’t"));
        assert!(m("isn’t", "it ISN'T"));
        assert!(!m("isn", "it isn't"));
        assert!(m("isn*", "it isn't"));
        assert!(m("AND*", "andrew"));
        assert!(m("and", "this and that"));
    }

    #[test]
    fn phrases() {
        assert!(m("\"wait time\"", "the wait, time was long"));
        assert!(!m("\"wait time\"", "time wait"));
        assert!(!m("\"wait time\"", "wait a time"));
        assert!(m("\"wait time\" AND long", "LONG Wait Time"));
        assert!(m("\"a a b\"", "a a a b"));
    }

    #[test]
    fn precedence() {
        assert!(m("a OR b AND c", "a"));
        assert!(!m("(a OR b) AND c", "a"));
        assert!(m("NOT a AND b", "b"));
        assert!(!m("NOT a AND b", "x"));
        assert!(m("NOT (a AND b)", "x"));
        assert!(m("NOT a OR b", "x"));
        assert!(!m("NOT (a OR b)", "b"));
    }

    #[test]
    fn edge_comments() {
        assert!(m("NOT x", ""));
        assert!(!m("x*", "🙂🙂"));
        let big = "word ".repeat(200_000) + "needle";
        assert!(m("needle AND word*", &big));
        let set = ThemeSet::parse([("x", "x OR \"x x\" OR x*"), ("n", "NOT x")]).unwrap();
        for text in ["x".repeat(1 << 20), "🙂".repeat(250_000), String::new()] {
            let _ = set.matches(&text);
        }
    }

    #[test]
    fn sets() {
        let set = ThemeSet::parse([
            ("wait", "wait* OR \"on hold\" OR queue*"),
            ("refund", "refund* OR \"money back\""),
            ("staff", "(friendly OR helpful OR rude) AND NOT bot"),
            ("crash", "crash* OR freez*"),
        ])
        .unwrap();
        let r = set.matches("Waited on hold, then the app crashed. Friendly bot though.");
        assert_eq!(r.iter().collect::<Vec<_>>(), [0, 3]);
        assert_eq!((r.count(), r.is_none()), (2, false));
        assert!(!r.contains(4) && !r.contains(usize::MAX));
        assert_eq!(set.matches("money back!").iter().collect::<Vec<_>>(), [1]);
        assert!(set.matches("").is_none());
        assert_eq!(
            format!("{:?}", set.themes()[0]),
            "Theme { name: \"wait\", rule: \"wait* OR \\\"on hold\\\" OR queue*\" }"
        );
        // 70 themes: the bitset spans two words.
        let many: Vec<(String, String)> = (0..70)
            .map(|i| (format!("t{i}"), format!("w{i}")))
            .collect();
        let set = ThemeSet::parse(many).unwrap();
        assert_eq!(
            set.matches("w3 w69 w70").iter().collect::<Vec<_>>(),
            [3, 69]
        );
        assert_ne!(set.fingerprint(), ThemeSet::default().fingerprint());
    }
}
