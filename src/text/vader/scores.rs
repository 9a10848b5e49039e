//! Sentence-level scoring: `score_valence`, `_punctuation_emphasis`,
//! `_sift_sentiment_scores` and `normalize` of vaderSentiment 3.3.2.

/// Unrounded scores exactly as the reference computes them before `round`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Raw {
    pub compound: f64,
    pub pos: f64,
    pub neu: f64,
    pub neg: f64,
}

/// `normalize(score, alpha=15)`: x / sqrt(x^2 + 15), clamped to [-1, 1]
/// (the clamp never triggers mathematically, but is kept; `f64::clamp`
/// is identical for the finite values that can occur).
fn normalize(score: f64) -> f64 {
    let norm = score / (score * score + 15.0).sqrt();
    norm.clamp(-1.0, 1.0)
}

/// `_amplify_ep + _amplify_qm`. Counts are over the whole prepared text, not
/// per word: up to 4 '!' add 0.292 each; 2 or 3 '?' add 0.18 each and 4 or
/// more add 0.96; a single '?' adds nothing.
fn punctuation_emphasis(exclamations: usize, questions: usize) -> f64 {
    let ep = exclamations.min(4) as f64 * 0.292;
    let qm = if questions > 1 {
        if questions <= 3 {
            questions as f64 * 0.18
        } else {
            0.96
        }
    } else {
        0.0
    };
    ep + qm
}

/// `score_valence(sentiments, text)` without the final rounding.
pub(crate) fn score_valence(sentiments: &[f64], exclamations: usize, questions: usize) -> Raw {
    if sentiments.is_empty() {
        return Raw {
            compound: 0.0,
            pos: 0.0,
            neu: 0.0,
            neg: 0.0,
        };
    }
    // `float(sum(sentiments))`: CPython 3.11's `sum` adds left to right in
    // plain double precision (3.12+ switched to compensated summation, which
    // can differ in the last bits), so a plain fold reproduces it exactly.
    let mut sum_s = 0.0f64;
    for s in sentiments {
        sum_s += *s;
    }
    let amplifier = punctuation_emphasis(exclamations, questions);
    // Punctuation pushes the sum away from zero; an exact 0 sum stays 0.
    if sum_s > 0.0 {
        sum_s += amplifier;
    } else if sum_s < 0.0 {
        sum_s -= amplifier;
    }
    let compound = normalize(sum_s);

    // `_sift_sentiment_scores`: +1 / -1 per sentiment word compensates for
    // neutral words counting 1 each.
    let mut pos_sum = 0.0f64;
    let mut neg_sum = 0.0f64;
    let mut neu_count = 0usize;
    for &s in sentiments {
        if s > 0.0 {
            pos_sum += s + 1.0;
        }
        if s < 0.0 {
            neg_sum += s - 1.0;
        }
        if s == 0.0 {
            neu_count += 1;
        }
    }
    // The amplifier goes to the dominant side only; on a tie to neither.
    if pos_sum > neg_sum.abs() {
        pos_sum += amplifier;
    } else if pos_sum < neg_sum.abs() {
        neg_sum -= amplifier;
    }
    // Every word contributes to exactly one bucket, so total >= 1.
    let total = pos_sum + neg_sum.abs() + neu_count as f64;
    Raw {
        compound,
        pos: (pos_sum / total).abs(),
        neu: (neu_count as f64 / total).abs(),
        neg: (neg_sum / total).abs(),
    }
}
