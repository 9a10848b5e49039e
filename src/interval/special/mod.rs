//! Special functions behind the exact intervals: the regularised incomplete beta and gamma
//! functions, with both tails to full relative precision, at shapes from 10⁻³⁰⁰ to beyond 10¹⁹.
//!
//! | file | what | source |
//! |---|---|---|
//! | `beta.rs` | I_x(a, b) and 1 − I_x(a, b): the choice of method, and x^a y^b / B(a, b) | DiDonato & Morris (1992), TOMS 708 (`bratio`, `brcomp`) |
//! | `beta_series.rs` | power series and the continued fraction for I_x(a, b) | TOMS 708 (`bpser`, `apser`, `fpser`, `bup`, `bfrac`) |
//! | `beta_asymptotic.rs` | asymptotic expansions for large shapes | TOMS 708 (`bgrat`, `basym`, after Temme) |
//! | `gamma.rs` | P(a, x) and Q(a, x) | DiDonato & Morris (1986), TOMS 654 (`gratio`), Temme (1979) |
//! | `log_gamma.rs` | ln Γ, ln B, Stirling corrections, x − ln(1 + x) | TOMS 708 |
//! | `error_function.rs` | erf, erfc and e^{x²} erfc(x) | Cody (1969) |
//!
//! statrs' incomplete beta (a continued fraction capped at 140 terms) loses every digit near the
//! mean once the shapes pass about 10⁷, which is what broke the Clopper-Pearson and Jeffreys
//! intervals and the quantile ranks at large n. TOMS 708 switches to the asymptotic expansion
//! `basym` there, whose error *decreases* as the shapes grow.
//!
//! One more thing matters at large shapes: near the mean everything depends on the deviation
//! δ = a − (a + b)x, a difference of two numbers of size n whose result is of size √n. Rounding
//! (a + b)x to a double costs an absolute error of n·2⁻⁵³ in δ, which at n = 10¹⁵ is a tenth of
//! a rank: enough to move a binomial quantile. So δ is computed here with error-free
//! transformations (Dekker's two-product), and binomial callers pass it exactly from integers.

mod beta;
mod beta_asymptotic;
mod beta_series;
mod error_function;
mod gamma;
mod log_gamma;

pub(crate) use beta::{beta_inc, beta_inc_with_deviation, beta_power_value, ln_beta_power};
pub(crate) use error_function::erfc;
pub(crate) use gamma::{gamma_inc, gamma_power};
pub(crate) use log_gamma::{ln_beta, ln_gamma};

/// A probability and its complement, each to full relative precision: the lower tail
/// P(X ≤ x) and the upper tail P(X > x).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Tails {
    /// P(X ≤ x).
    pub(crate) lower: f64,
    /// P(X > x).
    pub(crate) upper: f64,
}

impl Tails {
    /// Both tails NaN: the inputs were invalid.
    pub(crate) const NAN: Self = Self {
        lower: f64::NAN,
        upper: f64::NAN,
    };

    /// From an accurate lower tail (the upper one is 1 − lower, accurate while lower ≤ ½-ish).
    pub(crate) fn from_lower(lower: f64) -> Self {
        Self {
            lower,
            upper: 0.5 - lower + 0.5,
        }
    }

    /// From an accurate upper tail.
    pub(crate) fn from_upper(upper: f64) -> Self {
        Self {
            lower: 0.5 - upper + 0.5,
            upper,
        }
    }

    /// The tails of the mirrored variable: P(1 − X ≤ 1 − x) = P(X ≥ x).
    pub(crate) fn swap(self) -> Self {
        Self {
            lower: self.upper,
            upper: self.lower,
        }
    }
}

/// δ = a − (a + b)x = (a + b)y − b for y = 1 − x, computed from whichever of x and y is smaller
/// (taken as exact) with a relative error of a few ulps even when the two terms cancel.
pub(crate) fn deviation(a: f64, b: f64, x: f64, y: f64) -> f64 {
    let (s, s_err) = two_sum(a, b);
    if x <= y {
        let (p, p_err) = two_prod(s, x);
        (a - p) - (p_err + s_err * x)
    } else {
        let (p, p_err) = two_prod(s, y);
        (p - b) + (p_err + s_err * y)
    }
}

/// The deviation δ = (n + 1)q − (k + 1) of the binomial CDF P(X ≤ k) = I_{1−q}(n − k, k + 1),
/// exact to a few ulps of δ from the integers themselves (no rounding of n or k to a double
/// enters the difference).
pub(crate) fn binomial_deviation(n: u64, k: u64, q: f64) -> f64 {
    let (m_hi, m_lo) = split_integer(u128::from(n) + 1);
    let (k_hi, k_lo) = split_integer(u128::from(k) + 1);
    let (p_hi, p_err) = two_prod(m_hi, q);
    (p_hi - k_hi) + (p_err + m_lo * q - k_lo)
}

/// An integer as an unevaluated sum of two doubles, hi + lo, exactly.
fn split_integer(m: u128) -> (f64, f64) {
    let hi = m as f64;
    // hi is m rounded to 53 bits, so m − hi fits easily in a double (and in an i128).
    let lo = (m as i128 - hi as i128) as f64;
    (hi, lo)
}

/// a + b = s + e exactly (Knuth's two-sum).
fn two_sum(a: f64, b: f64) -> (f64, f64) {
    let s = a + b;
    let bb = s - a;
    let e = (a - (s - bb)) + (b - bb);
    (s, if e.is_finite() { e } else { 0.0 })
}

/// a · b = p + e exactly (Dekker's two-product with Veltkamp's split); no FMA needed.
fn two_prod(a: f64, b: f64) -> (f64, f64) {
    let p = a * b;
    if !(a.abs() < 1e290 && b.abs() < 1e290 && p.is_finite()) {
        return (p, 0.0);
    }
    let (a_hi, a_lo) = veltkamp(a);
    let (b_hi, b_lo) = veltkamp(b);
    let e = ((a_hi * b_hi - p) + a_hi * b_lo + a_lo * b_hi) + a_lo * b_lo;
    (p, e)
}

/// Splits a double into two halves of 26 bits, a = hi + lo.
fn veltkamp(a: f64) -> (f64, f64) {
    let c = 134_217_729.0 * a; // 2^27 + 1
    let hi = c - (c - a);
    (hi, a - hi)
}

/// P(X ≤ k) and P(X > k) for X ~ Binomial(n, q), 0 < q < 1: I_{1−q}(n − k, k + 1) with the
/// deviation taken exactly from the integers.
pub(crate) fn binomial_cdf(n: u64, k: u64, q: f64) -> Tails {
    if k >= n {
        return Tails::from_upper(0.0);
    }
    let a = (n - k) as f64;
    let b = k as f64 + 1.0;
    beta_inc_with_deviation(a, b, 1.0 - q, q, binomial_deviation(n, k, q))
}

/// P(X = k) for X ~ Binomial(n, q), 0 < q < 1, k ≤ n: x^{k+1} y^{n−k+1} / B(k + 1, n − k + 1)
/// divided by (n + 1) q (1 − q).
pub(crate) fn binomial_pmf(n: u64, k: u64, q: f64) -> f64 {
    let (a, b) = (k as f64 + 1.0, (n - k.min(n)) as f64 + 1.0);
    beta_power_value(a, b, q, 1.0 - q) / ((n as f64 + 1.0) * q * (1.0 - q))
}

#[cfg(test)]
mod tests;
