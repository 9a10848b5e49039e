//! "Fightin' Words": the log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi &
//! Quinn 2008, *Political Analysis* 16(4), 372-403, §3.5.1), detractors against promoters.
//!
//! For a word `w` with `y_d`, `y_p` occurrences among detractors (NPS 0-6) and promoters
//! (9-10), group totals `n_d`, `n_p`, prior `α_w` = its count over all comments (passives
//! included) and `α₀ = Σ_w α_w`:
//!
//! ```text
//! δ = ln((y_d+α_w) / (n_d+α₀−y_d−α_w)) − ln((y_p+α_w) / (n_p+α₀−y_p−α_w))
//! z = δ / sqrt(1/(y_d+α_w) + 1/(y_p+α_w))
//! ```
//!
//! Each numerator and denominator is an exact integer (computed in `u128`), converted to `f64`
//! once; the rest is done in `f64` in the order written, as the Python reference computation
//! (`tests/reference/text/generate_themes.py`) does.
//!
//! **Undefined cases.** Every word held has `α_w ≥ 1`, so the numerators are positive. A
//! denominator is `(n − y) + (α₀ − α_w)`, zero only when the corpus has no word other than `w`
//! (and then for both groups): with one distinct word nothing can be contrasted, and δ and z
//! are reported as 0.

/// δ (the log-odds difference, detractors minus promoters) and its z-score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Contrast {
    pub(crate) delta: f64,
    pub(crate) z: f64,
}

/// The counts of one word and the corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WordCounts {
    /// Occurrences among detractors.
    pub(crate) y_d: u64,
    /// Occurrences among promoters.
    pub(crate) y_p: u64,
    /// All words of detractors.
    pub(crate) n_d: u64,
    /// All words of promoters.
    pub(crate) n_p: u64,
    /// Occurrences in all comments.
    pub(crate) alpha_w: u64,
    /// All words of all comments.
    pub(crate) alpha_0: u64,
}

/// δ and z of one word (see the module documentation); 0 and 0 where undefined.
pub(crate) fn contrast(c: WordCounts) -> Contrast {
    let wide = u128::from;
    let num_d = wide(c.y_d) + wide(c.alpha_w);
    let num_p = wide(c.y_p) + wide(c.alpha_w);
    // (n − y) + (α₀ − α_w); saturating, so counts that cannot come from one corpus give a
    // finite answer rather than a wrapped one (validated states never have them).
    let rest = wide(c.alpha_0).saturating_sub(wide(c.alpha_w));
    let den_d = wide(c.n_d).saturating_sub(wide(c.y_d)) + rest;
    let den_p = wide(c.n_p).saturating_sub(wide(c.y_p)) + rest;
    if num_d == 0 || num_p == 0 || den_d == 0 || den_p == 0 {
        return Contrast { delta: 0.0, z: 0.0 };
    }
    let (a, b, cc, d) = (num_d as f64, den_d as f64, num_p as f64, den_p as f64);
    let delta = (a / b).ln() - (cc / d).ln();
    let z = delta / (1.0 / a + 1.0 / cc).sqrt();
    Contrast { delta, z }
}

#[cfg(test)]
mod tests {
    use super::*;

    const C: WordCounts = WordCounts {
        y_d: 10,
        y_p: 2,
        n_d: 100,
        n_p: 100,
        alpha_w: 15,
        alpha_0: 300,
    };

    #[test]
    fn symmetric_with_signs() {
        let r = contrast(C);
        assert!(r.delta > 0.0 && r.z > 0.0);
        let s = contrast(WordCounts {
            y_d: 2,
            y_p: 10,
            ..C
        });
        assert_eq!((s.delta, s.z), (-r.delta, -r.z));
        assert_eq!(
            contrast(WordCounts {
                y_d: 5,
                y_p: 5,
                ..C
            })
            .delta,
            0.0
        );
    }

    #[test]
    fn hand_computed() {
        // y_d=3, y_p=1, n_d=10, n_p=20, α_w=5, α₀=40: δ = ln(8/42) − ln(6/54)
        let r = contrast(WordCounts {
            y_d: 3,
            y_p: 1,
            n_d: 10,
            n_p: 20,
            alpha_w: 5,
            alpha_0: 40,
        });
        let d = (8.0f64 / 42.0).ln() - (6.0f64 / 54.0).ln();
        assert_eq!(r.delta, d);
        assert_eq!(r.z, d / (1.0f64 / 8.0 + 1.0 / 6.0).sqrt());
    }

    #[test]
    fn empty_groups_and_undefined_cases() {
        let r = contrast(WordCounts {
            y_d: 0,
            y_p: 3,
            n_d: 0,
            n_p: 10,
            alpha_w: 4,
            alpha_0: 12,
        });
        assert!(r.delta.is_finite() && r.z.is_finite());
        // One distinct word in the whole corpus: nothing to contrast.
        let one = WordCounts {
            y_d: 1,
            y_p: 1,
            n_d: 1,
            n_p: 1,
            alpha_w: 2,
            alpha_0: 2,
        };
        assert_eq!(contrast(one), Contrast { delta: 0.0, z: 0.0 });
        assert_eq!(contrast(WordCounts { alpha_w: 0, ..one }).z, 0.0);
        let huge = WordCounts {
            y_d: u64::MAX,
            y_p: 0,
            n_d: u64::MAX,
            n_p: 0,
            alpha_w: u64::MAX,
            alpha_0: u64::MAX,
        };
        assert!(contrast(huge).z.is_finite());
    }
}
