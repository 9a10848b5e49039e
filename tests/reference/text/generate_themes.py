#!/usr/bin/env python3
"""Reference fixtures for comment themes (Text-iQ-style rules) and word contrast.

How to run (from this folder; standard library only, CPython 3.11):

    python3.11 -B generate_themes.py

Deterministic: a fixed seed, no iteration over hashed sets or dicts of
strings, no clock or environment input; re-running rewrites byte-identical
files. It refuses other Unicode databases than 14.0.0 (CPython 3.11), because
`str.isalnum` and `str.lower` follow it.

This is an INDEPENDENT reference: its tokenizer, rule lexer, recursive-descent
parser, evaluator and contrast formula are written here from the specification
below, not translated from the Rust code.

Specification
-------------
Words. A word is a maximal run of characters with `str.isalnum()` true; an
apostrophe (U+0027 or U+2019) between two such characters belongs to the
word ("isn't", "rock'n'roll"); a leading or trailing apostrophe does not
("'tis" -> "tis"), and two apostrophes in a row end the word ("a''b" -> "a",
"b"). Digit runs are words. Words are compared after `str.lower()` (applied
to the whole word, so a final capital sigma becomes "ς") with U+2019 replaced
by U+0027.

Rules. Terms are separated by Unicode White_Space (the 25 code points listed
in WHITE_SPACE below, NOT `str.isspace`, which also accepts U+001C..U+001F),
by "(", ")" and '"'. A bare term is the run of characters up to the next
separator; it is an operator if it is exactly "AND", "OR" or "NOT" (upper
case only), otherwise it must be one word (first and last character
alphanumeric, only alphanumerics and apostrophes, no two apostrophes in a
row), optionally followed by a single "*" (prefix match: any word starting
with it, the word itself included). A phrase '"..."' is the text up to the
next '"', tokenised like a comment; it matches consecutive words (punctuation
between words of the comment is ignored). Wildcards are not allowed in
phrases. Precedence NOT > AND > OR; NOT is a prefix operator and may repeat.
Two operands without an operator between them ("a b") are an error: there is
no implicit AND. Parentheses nest at most 64 deep.

Errors (kind, byte offset into the UTF-8 rule). All lexical errors are found
in a first left-to-right pass over the whole rule (the leftmost is reported);
only a rule without them is parsed, and the first syntax error is reported:
    empty_rule              no tokens at all (offset 0)
    unterminated_quote      '"' without a closing '"' (offset of the '"')
    wildcard_in_phrase      '*' between quotes (offset of the first '*')
    empty_phrase            phrase without any word, '""', '"!!"' (offset of the opening '"')
    wildcard_not_at_end     '*' in a term other than its last character (offset of the first such '*')
    invalid_term            a term that is not one word, e.g. "*", "-", "a-b" (offset of the term)
    expected_term           a word/phrase/NOT/"(" was expected: "a AND", "OR b", "NOT", "()"
                            (offset of the token found instead, or the rule's length at its end)
    expected_operator       AND/OR/")"/end was expected but an operand or NOT came: "a b", "a NOT b"
                            (offset of that token)
    unclosed_paren          "(" reaching the end of the rule unclosed (offset of the
                            innermost such "(", i.e. the last unmatched one)
    unexpected_close_paren  ")" with no open "(" (offset of the ")")
    too_deep                a "(" opening nesting level 65 (offset of that "(")

Word contrast (Monroe, Colaresi & Quinn 2008, informative Dirichlet prior):
detractors have NPS 0-6, promoters 9-10, passives (7-8) count only in the
prior. For each word: y_d, y_p its occurrences in each group, n_d, n_p all
words of each group, alpha_w its occurrences in all comments, alpha_0 the sum
of alpha_w (all words of all comments);
    delta = ln((y_d+a_w)/(n_d+a_0-y_d-a_w)) - ln((y_p+a_w)/(n_p+a_0-y_p-a_w))
    z     = delta / sqrt(1/(y_d+a_w) + 1/(y_p+a_w))
Numerators and denominators are exact integers; Python's int/int true division
is correctly rounded, like an f64 division of the two exactly converted
integers; `math.log` and `math.sqrt` then act on doubles.

Characters avoided in fixtures
------------------------------
Rust's `char::is_alphanumeric` (Unicode 16+, property Alphabetic or a number
category) and Python 3.11's `str.isalnum` (Unicode 14.0, letter categories or
numeric) disagree on 15,559 code points (checked over all of them); lower-case
mappings disagree only on code points unassigned in Unicode 14. Every
disagreement is one of:
  * category Cn here: letters/digits added in Unicode 15-17 (Rust: alphanumeric);
  * Mn/Mc marks with Other_Alphabetic (Devanagari, Thai, Arabic vowel signs...):
    Rust alphanumeric, Python not;
  * So circled/parenthesised/squared Latin letters (U+249C..U+24E9,
    U+1F110..U+1F18A ...): Rust alphanumeric, Python not.
`unsafe_char` below excludes every character of category Cn, Mn or Mc and
every So character whose name contains "LATIN CAPITAL LETTER" or "LATIN
SMALL LETTER" (a superset of the disagreements); no fixture text or rule
contains one. Non-Latin scripts are used without combining marks (Cyrillic,
Greek, Han, Kana, Hangul, unpointed Hebrew and Arabic).

Files written (Python `csv` module, UTF-8, "\\r\\n" rows, minimal quoting)
-----------------------------------------------------------------------
themes_rules.csv        rule,error_position,error_kind   (about 300 rules;
                        both error fields empty for a valid rule; row i has
                        rule_index i)
themes_comments.csv     comment_index,comment   (the first 400 comments of
                        vader.csv, in order, then hand-made edge cases)
themes_matches.csv      rule_index,comment_index,matches   (every valid rule x
                        every comment, matches 0/1)
word_contrast_comments.csv  nps,comment   (2,000 generated responses)
word_contrast.csv       word,y_d,y_p,alpha_w,delta,z   (every word, sorted by
                        code point; delta and z as repr(), i.e. shortest
                        round-tripping)
word_contrast_totals.csv    n_d,n_p,alpha_0,responses,detractors,passives,promoters
"""

import csv
import math
import os
import random
import sys
import unicodedata

SEED = 20080701  # Monroe, Colaresi & Quinn, Political Analysis 16(4), 2008
HERE = os.path.dirname(os.path.abspath(__file__))
MAX_DEPTH = 64

WHITE_SPACE = frozenset(
    [chr(c) for c in range(0x09, 0x0E)]
    + ["\u0020", "\u0085", "\u00a0", "\u1680"]
    + [chr(c) for c in range(0x2000, 0x200B)]
    + ["\u2028", "\u2029", "\u202f", "\u205f", "\u3000"]
)
APOSTROPHES = ("'", "\u2019")


def check_versions():
    if unicodedata.unidata_version != "14.0.0" or sys.version_info[:2] != (3, 11):
        sys.exit("need CPython 3.11 (Unicode database 14.0.0)")


def unsafe_char(c):
    cat = unicodedata.category(c)
    if cat in ("Cn", "Mn", "Mc"):
        return True
    if cat == "So":
        name = unicodedata.name(c, "")
        return "LATIN CAPITAL LETTER" in name or "LATIN SMALL LETTER" in name
    return False


def is_safe(text):
    return not any(unsafe_char(c) for c in text)


# ---------------------------------------------------------------------------
# Tokenizer
# ---------------------------------------------------------------------------

def tokenize(text):
    """Lower-cased words of `text` (see the module docstring)."""
    result = []
    n = len(text)
    i = 0
    while i < n:
        if not text[i].isalnum():
            i += 1
            continue
        j = i + 1
        while j < n:
            ch = text[j]
            if ch.isalnum():
                j += 1
            elif ch in APOSTROPHES and j + 1 < n and text[j + 1].isalnum():
                j += 2
            else:
                break
        result.append(text[i:j].lower().replace("\u2019", "'"))
        i = j
    return result


# ---------------------------------------------------------------------------
# Rules: lexer, parser, evaluator
# ---------------------------------------------------------------------------

class RuleError(Exception):
    def __init__(self, position, kind):
        super().__init__(f"{kind} at {position}")
        self.position = position
        self.kind = kind


def is_one_word(s):
    if not s or not s[0].isalnum() or not s[-1].isalnum():
        return False
    previous_apostrophe = False
    for ch in s:
        if ch in APOSTROPHES:
            if previous_apostrophe:
                return False
            previous_apostrophe = True
        elif ch.isalnum():
            previous_apostrophe = False
        else:
            return False
    return True


def lex_rule(rule):
    """List of (byte_offset, kind, value); raises RuleError for lexical errors."""
    offsets = [0]
    for ch in rule:
        offsets.append(offsets[-1] + len(ch.encode("utf-8")))
    tokens = []
    n = len(rule)
    i = 0
    while i < n:
        ch = rule[i]
        if ch in WHITE_SPACE:
            i += 1
        elif ch == "(" or ch == ")":
            tokens.append((offsets[i], ch, None))
            i += 1
        elif ch == '"':
            close = rule.find('"', i + 1)
            if close < 0:
                raise RuleError(offsets[i], "unterminated_quote")
            body = rule[i + 1:close]
            star = body.find("*")
            if star >= 0:
                raise RuleError(offsets[i + 1 + star], "wildcard_in_phrase")
            phrase = tokenize(body)
            if not phrase:
                raise RuleError(offsets[i], "empty_phrase")
            tokens.append((offsets[i], "phrase", phrase))
            i = close + 1
        else:
            j = i
            while j < n and rule[j] not in WHITE_SPACE and rule[j] not in '()"':
                j += 1
            term = rule[i:j]
            if term in ("AND", "OR", "NOT"):
                tokens.append((offsets[i], term, None))
            else:
                for k in range(len(term) - 1):
                    if term[k] == "*":
                        raise RuleError(offsets[i + k], "wildcard_not_at_end")
                prefix = term.endswith("*")
                body = term[:-1] if prefix else term
                if not is_one_word(body):
                    raise RuleError(offsets[i], "invalid_term")
                word = body.lower().replace("\u2019", "'")
                tokens.append((offsets[i], "prefix" if prefix else "word", word))
            i = j
    return tokens, offsets[n]


class RuleParser:
    def __init__(self, tokens, length):
        self.tokens = tokens
        self.length = length
        self.k = 0

    def kind(self):
        return self.tokens[self.k][1] if self.k < len(self.tokens) else "end"

    def offset(self):
        return self.tokens[self.k][0] if self.k < len(self.tokens) else self.length

    def parse(self):
        node = self.disjunction(0)
        kind = self.kind()
        if kind == "end":
            return node
        if kind == ")":
            raise RuleError(self.offset(), "unexpected_close_paren")
        raise RuleError(self.offset(), "expected_operator")

    def disjunction(self, depth):
        parts = [self.conjunction(depth)]
        while self.kind() == "OR":
            self.k += 1
            parts.append(self.conjunction(depth))
        return parts[0] if len(parts) == 1 else ("or", parts)

    def conjunction(self, depth):
        parts = [self.negation(depth)]
        while self.kind() == "AND":
            self.k += 1
            parts.append(self.negation(depth))
        return parts[0] if len(parts) == 1 else ("and", parts)

    def negation(self, depth):
        nots = 0
        while self.kind() == "NOT":
            self.k += 1
            nots += 1
        node = self.atom(depth)
        for _ in range(nots):
            node = ("not", node)
        return node

    def atom(self, depth):
        kind = self.kind()
        if kind in ("word", "prefix", "phrase"):
            node = (kind, self.tokens[self.k][2])
            self.k += 1
            return node
        if kind == "(":
            open_at = self.offset()
            if depth >= MAX_DEPTH:
                raise RuleError(open_at, "too_deep")
            self.k += 1
            node = self.disjunction(depth + 1)
            after = self.kind()
            if after == ")":
                self.k += 1
                return node
            if after == "end":
                raise RuleError(open_at, "unclosed_paren")
            raise RuleError(self.offset(), "expected_operator")
        raise RuleError(self.offset(), "expected_term")


def parse_rule(rule):
    tokens, length = lex_rule(rule)
    if not tokens:
        raise RuleError(0, "empty_rule")
    return RuleParser(tokens, length).parse()


def contains_run(words, run):
    m = len(run)
    return any(words[s:s + m] == run for s in range(len(words) - m + 1))


def evaluate(node, words):
    tag, value = node
    if tag == "word":
        return value in words
    if tag == "prefix":
        return any(w.startswith(value) for w in words)
    if tag == "phrase":
        return contains_run(words, value)
    if tag == "not":
        return not evaluate(value, words)
    if tag == "and":
        return all(evaluate(x, words) for x in value)
    return any(evaluate(x, words) for x in value)


def rule_error(rule):
    try:
        parse_rule(rule)
    except RuleError as e:
        return (e.position, e.kind)
    return None


# ---------------------------------------------------------------------------
# Comments for matching
# ---------------------------------------------------------------------------

EDGE_COMMENTS = [
    "",
    "   ",
    "\t\n\r\n",
    "!!! ??? ...",
    "--- *** ///",
    "'''",
    "\U0001F642\U0001F642\U0001F642",
    "\U0001F621 \U0001F44E\U0001F3FD",
    "Isn't it great?",
    "It ISN\u2019T great, is it",
    "isn''t this odd",
    "'quoted' words' and 'tis",
    "rock'n'roll\u2019s ROCK\u2019N\u2019ROLL",
    "dogs\u2019 and cats'",
    "WAIT TIME was LONG",
    "the wait, time; was... long",
    "Waiting... waited... waits... wait",
    "refund refunds REFUNDED refundable",
    "no refund. NOT good. Not bad either",
    "24/7 support, 2day delivery, 3.5 stars, 7pm, 10x better",
    "1000000 0 007 \u0661\u0662\u0663",
    "\u041f\u0440\u0438\u0432\u0435\u0442, \u0441\u0435\u0440\u0432\u0438\u0441 \u041e\u0422\u041b\u0418\u0427\u041d\u042b\u0419, \u0434\u043e\u0441\u0442\u0430\u0432\u043a\u0430 \u043c\u0435\u0434\u043b\u0435\u043d\u043d\u0430\u044f",
    "\u039f\u0394\u039f\u03a3 \u03a3\u0391\u03a3 \u03bf\u03b4\u03bf\u03c3 \u0391\u03a3'\u0392",
    "\u670d\u52a1\u5f88\u597d \u4f46\u662f \u9000\u6b3e\u592a\u6162",
    "\u3068\u3066\u3082\u826f\u3044 \u30b5\u30fc\u30d3\u30b9",
    "\uc11c\ube44\uc2a4 \uc88b\uc544\uc694",
    "\u05e9\u05d9\u05e8\u05d5\u05ea \u05d8\u05d5\u05d1",
    "\u062e\u062f\u0645\u0629 \u062c\u064a\u062f\u0629",
    "\u00c7a n'a pas march\u00e9, l\u2019\u00e9t\u00e9 dernier",
    "Stra\u00dfe STRASSE stra\u00dfe",
    "\u0130stanbul ISTANBUL istanbul",
    "\u01c5emal \u01c4EMAL \u01c6emal",
    "\u00bd price \u2160\u216b \u2075",
    "tab\tseparated\nnew line\u00a0nbsp\u3000ideographic",
    "e-mail a-b_c ___ x_y",
    "and or not AND OR NOT",
    "\"wait time\" (queue) [refund]",
    "friendly helpful quick agent but the app crashed twice",
    "NUL\x00byte and \x1funit separator",
    "caf\u00e9 CAF\u00c9 cafe",
    " ".join(["slow"] * 300 + ["refund", "eventually"] + ["fine"] * 300),
]


def load_comments():
    with open(os.path.join(HERE, "vader.csv"), newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        next(reader)
        vader = []
        for row in reader:
            if len(vader) == 400:
                break
            if is_safe(row[0]):
                vader.append(row[0])
    comments = vader + [c for c in EDGE_COMMENTS if is_safe(c)]
    assert len(comments) == 400 + len(EDGE_COMMENTS), "an edge comment has an unsafe character"
    return comments


# ---------------------------------------------------------------------------
# Rules
# ---------------------------------------------------------------------------

VALID_RULES = [
    "good", "GOOD", "Good*", "bad", "bad*", "great", "not", "no", "NOT good", "NOT not",
    "and", "or", "and OR or", "not AND good", "love*", "servic*", "s*", "x*", "0*", "24",
    "7pm", "3 OR 5", "isn't", "ISN\u2019T", "isn*", "isn", "rock'n'roll*", "tis", "dogs",
    '"wait time"', '"WAIT, time"', '"wait-time" AND long', '"not good"', '"good"',
    '"kind of"', '"the book was"', '"isn\u2019t it"', '"no problem" OR "no, problem"',
    "refund* AND NOT refund", "refund AND refunds", "wait*", "\u0441\u0435\u0440\u0432\u0438\u0441",
    "\u041e\u0422\u041b\u0418\u0427\u041d*", "\u03bf\u03b4\u03bf\u03c2", "\u03a3\u0391\u03a3",
    "\u03b1\u03c3'\u03b2", "\u670d\u52a1\u5f88\u597d", "\u670d*", "\u00e9t\u00e9 OR l'\u00e9t\u00e9",
    "stra\u00dfe", "strasse", "\u0130stanbul*", "\u0130stanbul", "istanbul", "\u01c6emal",
    "\u00bd", "\u2171*", "\u2075", "caf\u00e9", "cafe", "slow AND refund AND eventually",
    '"slow refund eventually"', '"slow slow refund"', '"refund eventually fine"',
    # precedence pairs: same words, different meaning
    "good OR bad AND not", "(good OR bad) AND not",
    "NOT good AND bad", "NOT (good AND bad)",
    "NOT good OR bad", "NOT (good OR bad)",
    "great OR good AND NOT bad", "(great OR good) AND NOT bad",
    "NOT great OR NOT good AND bad", "NOT (great OR NOT good) AND bad",
    "good AND NOT NOT bad", "good AND NOT bad",
    # nesting and white space
    "((good))", "(((good OR (bad AND (not OR no)))))",
    "(" * 64 + "good" + ")" * 64,
    "(" * 32 + "NOT " + "(" * 32 + "bad" + ")" * 64,
    "good\tAND\nbad", "good\u00a0OR\u3000bad", "good\u2029OR\u2028bad",
    "good AND(bad OR(not))", '"good"AND"bad"', "NOT(good)",
    " OR ".join(["good", "great", "love", "nice", "excellent", "best", "happy", "wonderful",
                 "amazing", "fantastic", "awesome", "perfect"]),
    " AND ".join(["NOT " + w for w in ["good", "bad", "great", "not", "no", "the", "love"]]),
    "NOT " * 9 + "good",
]

# (rule, expected byte offset, expected kind): asserted against the reference
INVALID_RULES = [
    ("", 0, "empty_rule"), (" ", 0, "empty_rule"), ("\t\n \u3000", 0, "empty_rule"),
    ("\u00a0", 0, "empty_rule"), ("\u2028\u2029", 0, "empty_rule"),
    ("(good", 0, "unclosed_paren"), ("((good)", 0, "unclosed_paren"),
    ("good AND (bad OR (not)", 9, "unclosed_paren"), ("\u00e9t\u00e9 AND (bad", 10, "unclosed_paren"),
    ("(((", 3, "expected_term"),
    ("good)", 4, "unexpected_close_paren"), ("(good))", 6, "unexpected_close_paren"),
    (")", 0, "expected_term"), ("good OR bad) AND (not", 11, "unexpected_close_paren"),
    ("\u670d\u52a1) x", 6, "unexpected_close_paren"),
    ('"good', 0, "unterminated_quote"), ('good AND "bad', 9, "unterminated_quote"),
    ('"a" "b" "c', 8, "unterminated_quote"), ('\u00e9 "', 3, "unterminated_quote"),
    ('good bad "', 9, "unterminated_quote"),
    ('""', 0, "empty_phrase"), ('good OR ""', 8, "empty_phrase"), ('" "', 0, "empty_phrase"),
    ('"!!"', 0, "empty_phrase"), ('"\u00a0\U0001F642"', 0, "empty_phrase"), ('"\'\'"', 0, "empty_phrase"),
    ('"wait tim*"', 9, "wildcard_in_phrase"), ('"*"', 1, "wildcard_in_phrase"),
    ('good AND "wa*t time"', 12, "wildcard_in_phrase"), ('"\u00e9t\u00e9*"', 6, "wildcard_in_phrase"),
    ("*good", 0, "wildcard_not_at_end"), ("go*od", 2, "wildcard_not_at_end"),
    ("good**", 4, "wildcard_not_at_end"), ("**", 0, "wildcard_not_at_end"),
    ("bad OR \u00e9*t\u00e9", 9, "wildcard_not_at_end"), ("a AND *", 6, "invalid_term"),
    ("*", 0, "invalid_term"), ("-", 0, "invalid_term"), ("good AND -", 9, "invalid_term"),
    ("!!!", 0, "invalid_term"), ("good-bad", 0, "invalid_term"), ("'good", 0, "invalid_term"),
    ("good'", 0, "invalid_term"), ("is''nt", 0, "invalid_term"), ("'*", 0, "invalid_term"),
    ("\U0001F642", 0, "invalid_term"), ("good\u200bbad", 0, "invalid_term"),
    ("good\x1fbad", 0, "invalid_term"), ("a_b", 0, "invalid_term"), ("e-mail*", 0, "invalid_term"),
    ("3.5", 0, "invalid_term"), ("\u00e9t\u00e9 OR l'", 9, "invalid_term"),
    ("good AND", 8, "expected_term"), ("OR bad", 0, "expected_term"), ("NOT", 3, "expected_term"),
    ("good AND OR bad", 9, "expected_term"), ("()", 1, "expected_term"), ("NOT NOT", 7, "expected_term"),
    ("good OR", 7, "expected_term"), ("AND", 0, "expected_term"), ("(good AND)", 9, "expected_term"),
    ("good OR NOT", 11, "expected_term"), ("\u00e9t\u00e9 AND ", 10, "expected_term"),
    ("NOT )", 4, "expected_term"), ("good AND NOT AND bad", 13, "expected_term"),
    ("good bad", 5, "expected_operator"), ("and or not", 4, "expected_operator"),
    ("good (bad)", 5, "expected_operator"), ("(good) bad", 7, "expected_operator"),
    ('"good" bad', 7, "expected_operator"), ("good NOT bad", 5, "expected_operator"),
    ("(good bad)", 6, "expected_operator"), ("\u00e9t\u00e9 x", 6, "expected_operator"),
    ("good And bad", 5, "expected_operator"), ("good\u00a0bad", 6, "expected_operator"),
    ("(good)(bad)", 6, "expected_operator"), ("good AND bad good", 13, "expected_operator"),
    ("(" * 65 + "good" + ")" * 65, 64, "too_deep"),
    ("(" * 200, 64, "too_deep"),
    ("good AND " + "(" * 70 + "bad" + ")" * 70, 9 + 64, "too_deep"),
    ("(" * 64 + "good" + ")" * 64 + " OR " + "(" * 65 + "bad" + ")" * 65, 136 + 64, "too_deep"),
    # lexical errors are reported before syntax errors
    ('good bad "x', 9, "unterminated_quote"), ("( good bad -", 11, "invalid_term"),
    ("good AND *x", 9, "wildcard_not_at_end"), ("(((good", 2, "unclosed_paren"),
]

PRECEDENCE_PAIRS = [
    ("good OR bad AND not", "(good OR bad) AND not"),
    ("NOT good AND bad", "NOT (good AND bad)"),
    ("NOT good OR bad", "NOT (good OR bad)"),
    ("great OR good AND NOT bad", "(great OR good) AND NOT bad"),
    ("NOT great OR NOT good AND bad", "NOT (great OR NOT good) AND bad"),
]


def random_rules(rng, comments, n_valid, n_mutated):
    """Random valid rules over the comments' frequent words, and invalid mutations of them."""
    counts = {}
    for c in comments:
        for w in tokenize(c):
            counts[w] = counts.get(w, 0) + 1
    pool = [w for w, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))][:80]
    pool += ["refund", "zebra", "queue"]
    multi = [tokenize(c) for c in comments if len(tokenize(c)) >= 3]

    def leaf():
        r = rng.random()
        if r < 0.55:
            w = rng.choice(pool)
            style = rng.random()
            if w in ("and", "or", "not") or style < 0.6:
                return w
            return w.upper() if style < 0.8 else w[:1].upper() + w[1:]
        if r < 0.8:
            w = rng.choice(pool)
            cuts = [k for k in range(1, len(w) + 1) if w[k - 1].isalnum()]
            return w[: rng.choice(cuts)] + "*"
        ws = rng.choice(multi)
        k = rng.randint(2, min(3, len(ws)))
        s = rng.randint(0, len(ws) - k)
        sep = rng.choice([" ", " ", ", ", "-", "  "])
        return '"' + sep.join(ws[s:s + k]) + '"'

    def expr(depth):
        """Returns (text, precedence): 3 atom, 2 NOT, 1 AND, 0 OR."""
        r = rng.random()
        if depth >= 3 or r < 0.35:
            text, prec = leaf(), 3
        elif r < 0.5:
            inner, p = expr(depth + 1)
            text, prec = "NOT " + (inner if p >= 2 else "(" + inner + ")"), 2
        else:
            op = rng.choice(["AND", "OR"])
            need = 2 if op == "AND" else 1
            parts = []
            for _ in range(rng.randint(2, 3)):
                t, p = expr(depth + 1)
                parts.append(t if p >= need else "(" + t + ")")
            space = rng.choice([" ", " ", " ", "  ", "\t", "\n"])
            text, prec = (space + op + space).join(parts), (1 if op == "AND" else 0)
        if rng.random() < 0.1:
            text, prec = "(" + text + ")", 3
        return text, prec

    valid = []
    while len(valid) < n_valid:
        text, _ = expr(0)
        if text not in valid and text not in VALID_RULES:
            assert rule_error(text) is None, text
            valid.append(text)
    inserts = ["(", ")", '"', "*", " AND", "OR ", "NOT ", " -", "!", "''", " x", '""']
    mutated = []
    while len(mutated) < n_mutated:
        base = rng.choice(valid)
        r = rng.random()
        pos = rng.randint(0, len(base))
        if r < 0.3 and base:
            pos = min(pos, len(base) - 1)
            text = base[:pos] + base[pos + 1:]
        elif r < 0.8:
            text = base[:pos] + rng.choice(inserts) + base[pos:]
        else:
            text = base[:pos]
        if text not in mutated and text not in valid and rule_error(text) is not None:
            mutated.append(text)
    return valid, mutated


# ---------------------------------------------------------------------------
# Word-contrast corpus
# ---------------------------------------------------------------------------

DETRACTOR_BITS = [
    "waited {n} minutes on hold", "still waiting for my refund", "the app crashed again",
    "app keeps crashing when I pay", "nobody answered my emails", "refund took {n} weeks",
    "rude agent, hung up on me", "way too expensive", "prices went up AGAIN",
    "delivery was {n} days late", "parcel never arrived", "I was charged twice",
    "Worst support I've had", "they don\u2019t care", "couldn't log in for {n} days",
    "the chat bot is useless", "cancelled my subscription", "WAITED FOREVER",
    "transferred {n} times", "refund refused", "the app froze at checkout",
]
PROMOTER_BITS = [
    "friendly and helpful agent", "quick reply, problem solved", "super fast delivery",
    "very helpful staff", "great prices", "the app just works", "love the new app",
    "solved in {n} minutes", "Sarah was amazing", "refund came the next day",
    "friendly, quick, helpful", "best support ever", "they\u2019re always so kind",
    "easy to use", "QUICK and FRIENDLY", "would recommend to friends", "Thank you!!",
    "delivered a day early", "no waiting at all", "fair price",
]
PASSIVE_BITS = [
    "ok I guess", "delivery was fine", "a bit slow but fine", "average service",
    "the app is okay", "prices are alright", "could be quicker", "not bad",
    "agent was polite", "refund took a while but came",
]
EXTRA_BITS = [
    "", "\U0001F621", "\U0001F642\U0001F642", "\U0001F44D", "!!!", "...",
    "servicio muy lento", "tr\u00e8s bon service", "sehr freundlich", "\u670d\u52a1\u5f88\u597d",
    "\u0441\u043f\u0430\u0441\u0438\u0431\u043e", "\u00e9t\u00e9 2026", "24/7 support",
    "rock'n'roll \u2019tis", "ISN'T IT", "isn\u2019t it",
]


def contrast_corpus(rng):
    rows = []
    for _ in range(2000):
        nps = rng.choice([0, 1, 2, 3, 4, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 10])
        if nps <= 6:
            main, other = DETRACTOR_BITS, PROMOTER_BITS
        elif nps >= 9:
            main, other = PROMOTER_BITS, DETRACTOR_BITS
        else:
            main, other = PASSIVE_BITS, PROMOTER_BITS + DETRACTOR_BITS
        parts = [rng.choice(main) for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.12:
            parts.append(rng.choice(other))
        if rng.random() < 0.1:
            parts.append(rng.choice(EXTRA_BITS))
        if rng.random() < 0.04:
            parts = [rng.choice(EXTRA_BITS)]
        text = rng.choice([". ", ", ", "; ", " - ", " "]).join(parts)
        text = text.replace("{n}", str(rng.choice([2, 3, 5, 10, 20, 45, 90])))
        if rng.random() < 0.5 and text:
            text = text[0].upper() + text[1:]
        if rng.random() < 0.3:
            text += rng.choice([".", "!", "!!", "?", " :(", " :)"])
        assert is_safe(text)
        rows.append((nps, text))
    return rows


def word_contrast(rows):
    counts = {}
    n_d = n_p = alpha_0 = 0
    for nps, text in rows:
        for w in tokenize(text):
            c = counts.setdefault(w, [0, 0, 0])
            c[2] += 1
            alpha_0 += 1
            if nps <= 6:
                c[0] += 1
                n_d += 1
            elif nps >= 9:
                c[1] += 1
                n_p += 1
    table = []
    for w in sorted(counts):
        y_d, y_p, a_w = counts[w]
        num_d, num_p = y_d + a_w, y_p + a_w
        den_d, den_p = n_d + alpha_0 - y_d - a_w, n_p + alpha_0 - y_p - a_w
        delta = math.log(num_d / den_d) - math.log(num_p / den_p)
        z = delta / math.sqrt(1 / num_d + 1 / num_p)
        table.append((w, y_d, y_p, a_w, delta, z))
    return table, (n_d, n_p, alpha_0)


# ---------------------------------------------------------------------------

def write_csv(name, header, rows):
    with open(os.path.join(HERE, name), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


def main():
    check_versions()
    rng = random.Random(SEED)
    comments = load_comments()
    words_of = [tokenize(c) for c in comments]

    # Self-checks of the reference against hand-derived expectations.
    for rule, pos, kind in INVALID_RULES:
        got = rule_error(rule)
        assert got == (pos, kind), (rule, got, (pos, kind))
    for rule in VALID_RULES:
        assert rule_error(rule) is None, (rule, rule_error(rule))
        assert is_safe(rule), rule
    assert tokenize("'Tis ISN\u2019T a''b rock'n'roll dogs' 3.5") == [
        "tis", "isn't", "a", "b", "rock'n'roll", "dogs", "3", "5"]
    assert tokenize("\u039f\u0394\u039f\u03a3") == ["\u03bf\u03b4\u03bf\u03c2"]
    for a, b in PRECEDENCE_PAIRS:
        ea, eb = parse_rule(a), parse_rule(b)
        assert any(evaluate(ea, ws) != evaluate(eb, ws) for ws in words_of), (a, b)

    valid_random, mutated = random_rules(rng, comments, 24, 120)
    rules = []
    for r in VALID_RULES + valid_random:
        rules.append(r)
    for r, _, _ in INVALID_RULES:
        if r not in rules:
            rules.append(r)
    for r in mutated:
        if r not in rules:
            rules.append(r)
    assert all(is_safe(r) for r in rules)

    rule_rows, match_rows = [], []
    kinds = {}
    for i, rule in enumerate(rules):
        try:
            tree = parse_rule(rule)
        except RuleError as e:
            rule_rows.append((rule, e.position, e.kind))
            kinds[e.kind] = kinds.get(e.kind, 0) + 1
            continue
        rule_rows.append((rule, "", ""))
        for j, ws in enumerate(words_of):
            match_rows.append((i, j, int(evaluate(tree, ws))))
    assert len(kinds) == 11, sorted(kinds)
    write_csv("themes_rules.csv", ["rule", "error_position", "error_kind"], rule_rows)
    write_csv("themes_comments.csv", ["comment_index", "comment"], list(enumerate(comments)))
    write_csv("themes_matches.csv", ["rule_index", "comment_index", "matches"], match_rows)

    corpus = contrast_corpus(rng)
    table, (n_d, n_p, alpha_0) = word_contrast(corpus)
    write_csv("word_contrast_comments.csv", ["nps", "comment"], corpus)
    write_csv("word_contrast.csv", ["word", "y_d", "y_p", "alpha_w", "delta", "z"],
              [(w, a, b, c, repr(d), repr(z)) for w, a, b, c, d, z in table])
    groups = [sum(1 for nps, _ in corpus if lo <= nps <= hi) for lo, hi in ((0, 6), (7, 8), (9, 10))]
    write_csv("word_contrast_totals.csv",
              ["n_d", "n_p", "alpha_0", "responses", "detractors", "passives", "promoters"],
              [(n_d, n_p, alpha_0, len(corpus), groups[0], groups[1], groups[2])])

    n_valid = sum(1 for r in rule_rows if r[2] == "")
    positives = sum(m for _, _, m in match_rows)
    print(f"rules: {len(rule_rows)} ({n_valid} valid); error kinds: "
          + ", ".join(f"{k}={kinds[k]}" for k in sorted(kinds)))
    print(f"comments: {len(comments)}; match rows: {len(match_rows)} ({positives} matches)")
    print(f"word contrast: {len(corpus)} responses, {len(table)} words, "
          f"n_d={n_d} n_p={n_p} alpha_0={alpha_0}")


if __name__ == "__main__":
    main()
