//! Per-word valence rules of `SentimentIntensityAnalyzer` (vaderSentiment
//! 3.3.2): boosters/dampeners, ALL-CAPS emphasis, negation, "no", "least",
//! "kind of", special-case idioms and the contrastive "but".
//!
//! Every function mirrors one method of the reference, in the same order of
//! operations, because the floating-point results (and several rules that
//! look like bugs) depend on that order. Deliberately reproduced quirks are
//! marked "QUIRK".

use std::collections::{BTreeSet, HashMap};

use crate::text::vader::tokens::Words;

/// Empirical booster increment (`B_INCR`).
pub(crate) const B_INCR: f64 = 0.293;
/// Empirical dampener increment (`B_DECR`).
pub(crate) const B_DECR: f64 = -0.293;
/// ALL-CAPS emphasis increment (`C_INCR`).
pub(crate) const C_INCR: f64 = 0.733;
/// Negation scalar (`N_SCALAR`).
pub(crate) const N_SCALAR: f64 = -0.74;

/// `BOOSTER_DICT[word]` for a single (lowercased) token.
///
/// The reference dict also has the keys "just enough", "kind of" and
/// "sort of"; they contain a space, so a whitespace-split token can never
/// equal them. They only matter as bigrams, see [`booster_bigram`].
pub(crate) fn booster(word: &str) -> Option<f64> {
    match word {
        "absolutely" | "amazingly" | "awfully" | "completely" | "considerable" | "considerably"
        | "decidedly" | "deeply" | "effing" | "enormous" | "enormously" | "entirely"
        | "especially" | "exceptional" | "exceptionally" | "extreme" | "extremely"
        | "fabulously" | "flipping" | "flippin" | "frackin" | "fracking" | "fricking"
        | "frickin" | "frigging" | "friggin" | "fully" | "fuckin" | "fucking" | "fuggin"
        | "fugging" | "greatly" | "hella" | "highly" | "hugely" | "incredible" | "incredibly"
        | "intensely" | "major" | "majorly" | "more" | "most" | "particularly" | "purely"
        | "quite" | "really" | "remarkably" | "so" | "substantially" | "thoroughly" | "total"
        | "totally" | "tremendous" | "tremendously" | "uber" | "unbelievably" | "unusually"
        | "utter" | "utterly" | "very" => Some(B_INCR),
        "almost" | "barely" | "hardly" | "kinda" | "kindof" | "kind-of" | "less" | "little"
        | "marginal" | "marginally" | "occasional" | "occasionally" | "partly" | "scarce"
        | "scarcely" | "slight" | "slightly" | "somewhat" | "sorta" | "sortof" | "sort-of" => {
            Some(B_DECR)
        }
        _ => None,
    }
}

/// `"{a} {b}" in BOOSTER_DICT`: the three two-word dampeners.
fn booster_bigram(a: &str, b: &str) -> Option<f64> {
    match (a, b) {
        ("just", "enough") | ("kind", "of") | ("sort", "of") => Some(B_DECR),
        _ => None,
    }
}

/// `word in NEGATE`.
fn is_negate_word(word: &str) -> bool {
    matches!(
        word,
        "aint"
            | "arent"
            | "cannot"
            | "cant"
            | "couldnt"
            | "darent"
            | "didnt"
            | "doesnt"
            | "ain't"
            | "aren't"
            | "can't"
            | "couldn't"
            | "daren't"
            | "didn't"
            | "doesn't"
            | "dont"
            | "hadnt"
            | "hasnt"
            | "havent"
            | "isnt"
            | "mightnt"
            | "mustnt"
            | "neither"
            | "don't"
            | "hadn't"
            | "hasn't"
            | "haven't"
            | "isn't"
            | "mightn't"
            | "mustn't"
            | "neednt"
            | "needn't"
            | "never"
            | "none"
            | "nope"
            | "nor"
            | "not"
            | "nothing"
            | "nowhere"
            | "oughtnt"
            | "shant"
            | "shouldnt"
            | "uhuh"
            | "wasnt"
            | "werent"
            | "oughtn't"
            | "shan't"
            | "shouldn't"
            | "uh-uh"
            | "wasn't"
            | "weren't"
            | "without"
            | "wont"
            | "wouldnt"
            | "won't"
            | "wouldn't"
            | "rarely"
            | "seldom"
            | "despite"
    )
}

/// `negated([word])` with `include_nt=True`: a NEGATE word, or any word
/// containing "n't". QUIRK: only the ASCII apostrophe counts, so "don’t"
/// (U+2019) is not a negation, while any token containing "n't" is
/// ("n't", "ain't!!", "isn't?").
fn negated(word: &str) -> bool {
    is_negate_word(word) || word.contains("n't")
}

/// `SPECIAL_CASES` lookups of a space-joined bigram / trigram. The key
/// "badass" has no space, so no joined n-gram can ever equal it (QUIRK: dead
/// entry; the token "badass" just gets its lexicon valence 1.4).
fn special_case2(a: &str, b: &str) -> Option<f64> {
    match (a, b) {
        ("the", "shit") | ("the", "bomb") => Some(3.0),
        ("bad", "ass") => Some(1.5),
        ("bus", "stop") => Some(0.0),
        ("yeah", "right") => Some(-2.0),
        ("beating", "heart") => Some(3.5),
        _ => None,
    }
}

fn special_case3(a: &str, b: &str, c: &str) -> Option<f64> {
    match (a, b, c) {
        ("kiss", "of", "death") => Some(-1.5),
        ("to", "die", "for") => Some(3.0),
        _ => None,
    }
}

/// The main loop of `polarity_scores`: one sentiment per word.
pub(crate) fn word_sentiments(words: Words<'_>, out: &mut Vec<f64>) {
    out.clear();
    let n = words.len();
    let cap_diff = words.cap_differential();
    for i in 0..n {
        let lower = words.lower(i);
        // Boosters are modifiers, never sentiment carriers themselves.
        if booster(lower).is_some() {
            out.push(0.0);
            continue;
        }
        // "kind of": "kind" is in the lexicon (2.4), but not as a hedge.
        if i + 1 < n && lower == "kind" && words.lower(i + 1) == "of" {
            out.push(0.0);
            continue;
        }
        out.push(sentiment_valence(words, i, cap_diff));
    }
}

/// `sentiment_valence`: valence of word `i` after all local rules.
fn sentiment_valence(words: Words<'_>, i: usize, cap_diff: bool) -> f64 {
    let n = words.len();
    let Some(base) = words.lex(i) else {
        return 0.0;
    };
    let mut valence = base;

    // "no" before another lexicon word is a negator, not a sentiment word.
    if words.lower(i) == "no" && i + 1 < n && words.in_lexicon(i + 1) {
        valence = 0.0;
    }
    // A word up to 2 positions after "no" (or 3, with "or"/"nor" between) is
    // negated. QUIRK: this re-reads the lexicon value, so it also undoes the
    // zeroing above ("no no good": the second "no" scores -1.2 * -0.74).
    if (i > 0 && words.lower(i - 1) == "no")
        || (i > 1 && words.lower(i - 2) == "no")
        || (i > 2 && words.lower(i - 3) == "no" && matches!(words.lower(i - 1), "or" | "nor"))
    {
        valence = base * N_SCALAR;
    }

    // ALL-CAPS word in mixed-case text. QUIRK: a valence of exactly 0 (a
    // zeroed "NO") takes the negative branch and becomes -0.733.
    if words.upper(i) && cap_diff {
        if valence > 0.0 {
            valence += C_INCR;
        } else {
            valence -= C_INCR;
        }
    }

    for start_i in 0..3usize {
        // Probe the word 1, 2 and 3 positions back; only a word that is NOT
        // in the lexicon is treated as a potential modifier. The negation
        // check and (at distance 3) the idiom check run only inside this
        // branch, so a lexicon word at the probed distance also skips them
        // (QUIRK kept: e.g. the idioms are never checked when the word three
        // positions back is itself a lexicon word).
        let j = match i.checked_sub(start_i + 1) {
            Some(j) if !words.in_lexicon(j) => j,
            _ => continue,
        };
        let mut s = scalar_inc_dec(words, j, valence, cap_diff);
        if start_i == 1 && s != 0.0 {
            s *= 0.95;
        }
        if start_i == 2 && s != 0.0 {
            s *= 0.9;
        }
        valence += s;
        valence = negation_check(valence, words, start_i, i);
        if start_i == 2 {
            valence = special_idioms_check(valence, words, i);
        }
    }

    least_check(valence, words, i)
}

/// `scalar_inc_dec`: booster/dampener contribution of word `j`, signed like
/// the current valence. QUIRK: an ALL-CAPS booster in mixed-case text adds
/// `C_INCR` with the sign of the valence, and for a valence of exactly 0 it
/// subtracts.
fn scalar_inc_dec(words: Words<'_>, j: usize, valence: f64, cap_diff: bool) -> f64 {
    let Some(mut scalar) = booster(words.lower(j)) else {
        return 0.0;
    };
    if valence < 0.0 {
        scalar *= -1.0;
    }
    if words.upper(j) && cap_diff {
        if valence > 0.0 {
            scalar += C_INCR;
        } else {
            scalar -= C_INCR;
        }
    }
    scalar
}

/// `_negation_check`. Only called for `i > start_i`.
fn negation_check(valence: f64, words: Words<'_>, start_i: usize, i: usize) -> f64 {
    let w = |back: usize| i.checked_sub(back).map_or("", |k| words.lower(k));
    match start_i {
        0 if negated(w(1)) => return valence * N_SCALAR,
        1 => {
            if w(2) == "never" && matches!(w(1), "so" | "this") {
                return valence * 1.25;
            } else if w(2) == "without" && w(1) == "doubt" {
                return valence;
            } else if negated(w(2)) {
                return valence * N_SCALAR;
            }
        }
        2 => {
            // QUIRK (operator precedence in the reference):
            //   A and (B or C) or (D or E)
            // so ANY "so"/"this" right before the word boosts it by 1.25
            // here, with or without a "never" three words back.
            if (w(3) == "never" && matches!(w(2), "so" | "this")) || matches!(w(1), "so" | "this") {
                return valence * 1.25;
            } else if w(3) == "without" && (w(2) == "doubt" || w(1) == "doubt") {
                return valence;
            } else if negated(w(3)) {
                return valence * N_SCALAR;
            }
        }
        _ => {}
    }
    valence
}

/// `_special_idioms_check`. Only reached with `i >= 3` (from the third
/// modifier probe), which is why e.g. "the shit" at the very start of a text
/// is NOT treated as an idiom (QUIRK kept).
fn special_idioms_check(mut valence: f64, words: Words<'_>, i: usize) -> f64 {
    let n = words.len();
    let w = |k: Option<usize>| k.map_or("", |k| words.lower(k));
    let w0 = words.lower(i);
    let w1 = w(i.checked_sub(1));
    let w2 = w(i.checked_sub(2));
    let w3 = w(i.checked_sub(3));

    // sequences = [onezero, twoonezero, twoone, threetwoone, threetwo]; first hit wins.
    let hit = special_case2(w1, w0)
        .or_else(|| special_case3(w2, w1, w0))
        .or_else(|| special_case2(w2, w1))
        .or_else(|| special_case3(w3, w2, w1))
        .or_else(|| special_case2(w3, w2));
    if let Some(v) = hit {
        valence = v;
    }
    // Look-ahead idioms override the look-behind ones.
    if n > i + 1
        && let Some(v) = special_case2(w0, words.lower(i + 1))
    {
        valence = v;
    }
    if n > i + 2
        && let Some(v) = special_case3(w0, words.lower(i + 1), words.lower(i + 2))
    {
        valence = v;
    }
    // Two-word dampeners ("kind of", "sort of", "just enough") in the three
    // preceding words. QUIRK: B_DECR is added as-is, regardless of the sign
    // of the valence and without distance damping. (threetwoone is a trigram
    // and can never match a bigram key; threetwo and twoone cannot both
    // match, since no key's second word starts another key.)
    if let Some(b) = booster_bigram(w3, w2) {
        valence += b;
    }
    if let Some(b) = booster_bigram(w2, w1) {
        valence += b;
    }
    valence
}

/// `_least_check`: "least X" negates X unless it is "at least X" or
/// "very least X".
fn least_check(valence: f64, words: Words<'_>, i: usize) -> f64 {
    if i > 1 && !words.in_lexicon(i - 1) && words.lower(i - 1) == "least" {
        let before = words.lower(i - 2);
        if before != "at" && before != "very" {
            return valence * N_SCALAR;
        }
    } else if i > 0 && !words.in_lexicon(i - 1) && words.lower(i - 1) == "least" {
        return valence * N_SCALAR;
    }
    valence
}

/// `_but_check`: words before the first "but" are halved, words after it
/// multiplied by 1.5.
///
/// QUIRK: the reference does not use the loop position; it does
/// `si = sentiments.index(sentiment)`, i.e. it rescales the FIRST element
/// *currently* equal to the value being visited, while mutating the list it
/// iterates over. With repeated values this rescales the wrong element, e.g.
/// `[2, 1] + but` gives `[0.5, 1]` (2 -> 1, then the visit of the second 1
/// finds the first 1 and halves it again). We simulate the exact list
/// mutation. Zeros are skipped: rescaling a zero only flips its sign, which
/// no later step can observe.
pub(crate) fn but_check(words: Words<'_>, sentiments: &mut [f64]) {
    let Some(bi) = (0..words.len()).find(|&i| words.lower(i) == "but") else {
        return;
    };
    let nonzero = sentiments.iter().filter(|v| **v != 0.0).count();
    if nonzero <= 64 {
        but_rescale_naive(bi, sentiments);
    } else {
        but_rescale_indexed(bi, sentiments);
    }
}

#[inline]
fn but_factor(bi: usize, si: usize, v: f64) -> f64 {
    if si < bi {
        v * 0.5
    } else if si > bi {
        v * 1.5
    } else {
        v
    }
}

/// Direct simulation, O(n * k); used when few words carry sentiment.
pub(crate) fn but_rescale_naive(bi: usize, s: &mut [f64]) {
    for k in 0..s.len() {
        let Some(&v) = s.get(k) else { break };
        if v == 0.0 {
            continue;
        }
        let si = s.iter().take(k + 1).position(|x| *x == v).unwrap_or(k);
        if let Some(slot) = s.get_mut(si) {
            *slot = but_factor(bi, si, v);
        }
    }
}

/// Same simulation with, per value, the ordered set of positions holding it:
/// O(n log n), so a megabyte of "good but good ..." stays fast.
pub(crate) fn but_rescale_indexed(bi: usize, s: &mut [f64]) {
    let mut positions: HashMap<u64, BTreeSet<usize>> = HashMap::new();
    for (i, v) in s.iter().enumerate() {
        if *v != 0.0 {
            positions.entry(v.to_bits()).or_default().insert(i);
        }
    }
    for k in 0..s.len() {
        let Some(&v) = s.get(k) else { break };
        if v == 0.0 {
            continue;
        }
        let si = positions
            .get_mut(&v.to_bits())
            .and_then(|set| set.pop_first())
            .unwrap_or(k);
        let new = but_factor(bi, si, v);
        if let Some(slot) = s.get_mut(si) {
            *slot = new;
        }
        if new != 0.0 {
            positions.entry(new.to_bits()).or_default().insert(si);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tiny deterministic generator (xorshift64*).
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    /// A literal transcription of the reference loop:
    /// `for sentiment in sentiments: si = sentiments.index(sentiment); ...`
    fn reference(bi: usize, list: &mut Vec<f64>) {
        let mut k = 0;
        while k < list.len() {
            let sentiment = list[k];
            let si = list.iter().position(|x| *x == sentiment).unwrap();
            if si < bi {
                list.remove(si);
                list.insert(si, sentiment * 0.5);
            } else if si > bi {
                list.remove(si);
                list.insert(si, sentiment * 1.5);
            }
            k += 1;
        }
    }

    #[test]
    fn but_rescaling_strategies_agree_with_the_reference_loop() {
        let mut rng = Rng(42);
        let values = [
            0.0, 1.0, 2.0, 0.5, 0.25, 4.0, 1.5, 2.25, 0.75, 3.0, -1.0, -2.0, -0.5, 1.2, 2.4, 0.6,
        ];
        for round in 0..5_000 {
            let n = 1 + rng.below(if round % 50 == 0 { 400 } else { 14 });
            let bi = rng.below(n);
            let mut list: Vec<f64> = (0..n).map(|_| values[rng.below(values.len())]).collect();
            list[bi] = 0.0; // the "but" itself always scores 0
            let mut want = list.clone();
            reference(bi, &mut want);
            let mut naive = list.clone();
            but_rescale_naive(bi, &mut naive);
            let mut indexed = list.clone();
            but_rescale_indexed(bi, &mut indexed);
            assert_eq!(naive, want, "naive {list:?} bi={bi}");
            assert_eq!(indexed, want, "indexed {list:?} bi={bi}");
        }
    }
}
