//! The regularised incomplete beta function I_x(a, b) and its complement: which method to use
//! where (DiDonato & Morris 1992, TOMS 708, `bratio`), and the prefactor x^a y^b / B(a, b) that
//! every method multiplies by (`brcomp`).
//!
//! The regions, after mirroring so that the expansion variable is the small one:
//!
//! | shapes | region | method |
//! |---|---|---|
//! | both tiny (< 10⁻¹⁸) | any x | I ≈ b / (a + b) |
//! | min(a, b) ≤ 1 | b x ≤ 0.7 or b ≤ 1 | power series `bpser` (or `apser` / `fpser` for a or b below ε) |
//! | min(a, b) ≤ 1 | otherwise | `bup` steps then the asymptotic expansion `bgrat` |
//! | 1 < b < 40 | | `bpser`, or `bup` + `bpser` / `bgrat` |
//! | both ≥ 40, away from the mean (δ > 0.03 · min) or min ≤ 100 | | continued fraction `bfrac` |
//! | both > 100, near the mean | | asymptotic expansion `basym` (Temme) |
//!
//! The deviation δ = a − (a + b)x enters the prefactor and the large-shape methods; callers
//! either let [`beta_inc`] compute it with error-free arithmetic or pass it exactly
//! ([`beta_inc_with_deviation`]).

use super::beta_asymptotic::{basym, bgrat};
use super::beta_series::{apser, bfrac, bpser, bup, fpser};
use super::log_gamma::{FRAC_1_SQRT_2PI, algdiv, bcorr, gam1, gamln1, ln_beta, rlog1};
use super::{Tails, deviation};

/// ε of the expansions: TOMS 708 asks for max(machine ε, 10⁻¹⁵).
pub(super) const EPS: f64 = 1e-15;

/// I_x(a, b) and 1 − I_x(a, b) for a, b > 0 and y = 1 − x (the smaller of x and y is taken as
/// exact: pass both so that neither tail loses precision). NaN for invalid input.
pub(crate) fn beta_inc(a: f64, b: f64, x: f64, y: f64) -> Tails {
    beta_inc_with_deviation(a, b, x, y, deviation(a, b, x, y))
}

/// [`beta_inc`] with the deviation δ = a − (a + b)x supplied by the caller (for instance exact
/// from integers).
pub(crate) fn beta_inc_with_deviation(a: f64, b: f64, x: f64, y: f64, delta: f64) -> Tails {
    let valid = a >= 0.0
        && b >= 0.0
        && (a > 0.0 || b > 0.0)
        && a.is_finite()
        && b.is_finite()
        && (0.0..=1.0).contains(&x)
        && (0.0..=1.0).contains(&y)
        && (x + y - 1.0).abs() <= 4.0 * f64::EPSILON;
    if !valid {
        return Tails::NAN;
    }
    // The distribution's edges, and shapes of 0 (a point mass at 0 or 1).
    if x == 0.0 || b == 0.0 {
        return if a == 0.0 && x == 0.0 {
            Tails::NAN
        } else {
            Tails::from_lower(0.0)
        };
    }
    if y == 0.0 || a == 0.0 {
        return if b == 0.0 && y == 0.0 {
            Tails::NAN
        } else {
            Tails::from_upper(0.0)
        };
    }
    if a.max(b) < EPS * 1e-3 {
        // Both shapes so small that the mass sits at 0 and 1 in proportion b : a.
        return Tails {
            lower: b / (a + b),
            upper: a / (a + b),
        };
    }
    if a.min(b) <= 1.0 {
        small_shape(a, b, x, y)
    } else {
        large_shapes(a, b, x, y, delta)
    }
}

/// min(a, b) ≤ 1: mirror so that x ≤ ½, then a series or `bup` + `bgrat`.
fn small_shape(a: f64, b: f64, x: f64, y: f64) -> Tails {
    let mirrored = x > 0.5;
    let (a0, b0, x0, y0) = if mirrored { (b, a, y, x) } else { (a, b, x, y) };
    let tails = if b0 < EPS.min(EPS * a0) {
        Tails::from_lower(fpser(a0, b0, x0, EPS))
    } else if a0 < EPS.min(EPS * b0) && b0 * x0 <= 1.0 {
        Tails::from_upper(apser(a0, b0, x0, EPS))
    } else if a0.max(b0) > 1.0 {
        if b0 <= 1.0 {
            Tails::from_lower(bpser(a0, b0, x0, EPS))
        } else if x0 >= 0.29 {
            Tails::from_upper(bpser(b0, a0, y0, EPS))
        } else if x0 < 0.1 && (x0 * b0).powf(a0) <= 0.7 {
            Tails::from_lower(bpser(a0, b0, x0, EPS))
        } else if b0 > 15.0 {
            upper_or_series(bgrat(b0, a0, y0, x0, 0.0, 15.0 * EPS), a0, b0, x0)
        } else {
            upper_or_series(bup_then_bgrat(a0, b0, x0, y0), a0, b0, x0)
        }
    } else if a0 >= 0.2_f64.min(b0) || x0.powf(a0) <= 0.9 {
        Tails::from_lower(bpser(a0, b0, x0, EPS))
    } else if x0 >= 0.3 {
        Tails::from_upper(bpser(b0, a0, y0, EPS))
    } else {
        upper_or_series(bup_then_bgrat(a0, b0, x0, y0), a0, b0, x0)
    };
    if mirrored { tails.swap() } else { tails }
}

/// The upper tail from `bgrat`, or, where it could not be formed (x subnormal, so that b·x is
/// tiny too), the power series, which converges at once there.
fn upper_or_series(upper: f64, a0: f64, b0: f64, x0: f64) -> Tails {
    if upper.is_nan() {
        Tails::from_lower(bpser(a0, b0, x0, EPS))
    } else {
        Tails::from_upper(upper)
    }
}

/// 1 − I_x(a, b) = I_y(b, a) as I_y(b, a) − I_y(b + 20, a) (20 terms of `bup`) plus the
/// asymptotic expansion at b + 20, where `bgrat` is accurate.
fn bup_then_bgrat(a0: f64, b0: f64, x0: f64, y0: f64) -> f64 {
    const N: u32 = 20;
    let head = bup(b0, a0, y0, x0, N, EPS);
    bgrat(b0 + f64::from(N), a0, y0, x0, head, 15.0 * EPS)
}

/// Both shapes above 1: mirror so that δ ≥ 0, then pick by size and distance from the mean.
fn large_shapes(a: f64, b: f64, x: f64, y: f64, delta: f64) -> Tails {
    let mirrored = delta < 0.0;
    let (a0, b0, x0, y0, lambda) = if mirrored {
        (b, a, y, x, -delta)
    } else {
        (a, b, x, y, delta)
    };
    let tails = if b0 < 40.0 {
        if b0 * x0 <= 0.7 {
            Tails::from_lower(bpser(a0, b0, x0, EPS))
        } else {
            Tails::from_lower(split_b(a0, b0, x0, y0))
        }
    } else {
        let continued_fraction = if a0 > b0 {
            b0 <= 100.0 || lambda > 0.03 * b0
        } else {
            a0 <= 100.0 || lambda > 0.03 * a0
        };
        if continued_fraction {
            Tails::from_lower(bfrac(a0, b0, x0, y0, lambda, 15.0 * EPS))
        } else {
            Tails::from_lower(basym(a0, b0, lambda, 100.0 * EPS))
        }
    };
    if mirrored { tails.swap() } else { tails }
}

/// I_x(a, b) for 1 < b < 40 with b x > 0.7 (TOMS 708's label 140): with b = n + b′,
/// b′ in (0, 1], I_x(a, b) = I_x(a, b′) + [I_y(b′, a) − I_y(b′ + n, a)], the bracket being n
/// terms of `bup` on the mirrored function; I_x(a, b′) then comes from `bpser` (x ≤ 0.7) or
/// from 20 more `bup` terms (when a ≤ 15) and `bgrat`.
fn split_b(a0: f64, b0: f64, x0: f64, y0: f64) -> f64 {
    let mut n = b0.floor();
    let mut b_frac = b0 - n;
    if b_frac == 0.0 {
        n -= 1.0;
        b_frac = 1.0;
    }
    // n < 40 here.
    let mut w = bup(b_frac, a0, y0, x0, n as u32, EPS);
    if x0 <= 0.7 {
        return w + bpser(a0, b_frac, x0, EPS);
    }
    let mut a1 = a0;
    if a0 <= 15.0 {
        const N: u32 = 20;
        w += bup(a0, b_frac, x0, y0, N, EPS);
        a1 += f64::from(N);
    }
    bgrat(a1, b_frac, x0, y0, w, 15.0 * EPS)
}

/// A positive number held as `factor · e^ln`, so that the prefactor of a tail probability can be
/// scaled or logged without underflowing first.
#[derive(Debug, Clone, Copy)]
pub(super) struct Scaled {
    /// The exponent.
    pub(super) ln: f64,
    /// The multiplier.
    pub(super) factor: f64,
}

impl Scaled {
    /// The value factor · e^ln.
    pub(super) fn value(self) -> f64 {
        if self.factor == 0.0 {
            0.0
        } else {
            self.factor * self.ln.exp()
        }
    }

    /// The value times e^mu.
    pub(super) fn value_times_exp(self, mu: f64) -> f64 {
        if self.factor == 0.0 {
            0.0
        } else {
            self.factor * (self.ln + mu).exp()
        }
    }

    /// ln(value).
    pub(super) fn ln_value(self) -> f64 {
        self.ln + self.factor.ln()
    }
}

/// x^a y^b / B(a, b) (`brcomp` / `brcmp1` of TOMS 708), with δ = a − (a + b)x.
///
/// For both shapes ≥ 8 it is written around the mean x₀ = a / (a + b) as
/// √(b x₀ / 2π) · exp(−a·rlog1(−δ/a) − b·rlog1(δ/b) − bcorr(a, b)): no term of size a or b is
/// ever subtracted from another.
pub(super) fn beta_power(a: f64, b: f64, x: f64, y: f64, delta: f64) -> Scaled {
    if x == 0.0 || y == 0.0 {
        return Scaled {
            ln: 0.0,
            factor: 0.0,
        };
    }
    let a0 = a.min(b);
    if a0 >= 8.0 {
        let x0 = a / (a + b);
        let y0 = b / (a + b);
        let e = -delta / a;
        let u = if e.abs() > 0.6 {
            e - (x / x0).ln()
        } else {
            rlog1(e)
        };
        let e = delta / b;
        let v = if e.abs() > 0.6 {
            e - (y / y0).ln()
        } else {
            rlog1(e)
        };
        return Scaled {
            ln: -(a * u + b * v) - bcorr(a, b),
            factor: FRAC_1_SQRT_2PI * (b * x0).sqrt(),
        };
    }
    // ln x and ln y, each from the more precise of x and y.
    let (ln_x, ln_y) = if x <= 0.375 {
        (x.ln(), (-x).ln_1p())
    } else if y > 0.375 {
        (x.ln(), y.ln())
    } else {
        ((-y).ln_1p(), y.ln())
    };
    let z = a * ln_x + b * ln_y;
    if a0 >= 1.0 {
        return Scaled {
            ln: z - ln_beta(a, b),
            factor: 1.0,
        };
    }
    // a0 < 1: 1/B(a, b) through 1/Γ(1 + a) − 1 and its relatives, exact near integers.
    let mut b0 = a.max(b);
    if b0 >= 8.0 {
        return Scaled {
            ln: z - (gamln1(a0) + algdiv(a0, b0)),
            factor: a0,
        };
    }
    if b0 <= 1.0 {
        let apb = a + b;
        let g = if apb > 1.0 {
            (gam1(apb - 1.0) + 1.0) / apb
        } else {
            gam1(apb) + 1.0
        };
        let c = (gam1(a) + 1.0) * (gam1(b) + 1.0) / g;
        return Scaled {
            ln: z,
            factor: a0 * c / (a0 / b0 + 1.0),
        };
    }
    // a0 < 1 < b0 < 8: bring b0 down to (0, 1] by the recurrence, then as above.
    let mut u = gamln1(a0);
    let mut c = 1.0;
    while b0 >= 2.0 {
        b0 -= 1.0;
        c *= b0 / (a0 + b0);
    }
    u += c.ln();
    b0 -= 1.0;
    let apb = a0 + b0;
    let t = if apb > 1.0 {
        (gam1(apb - 1.0) + 1.0) / apb
    } else {
        gam1(apb) + 1.0
    };
    Scaled {
        ln: z - u,
        factor: a0 * (gam1(b0) + 1.0) / t,
    }
}

/// ln(x^a y^b / B(a, b)) for a, b > 0 and 0 < x < 1, y = 1 − x, accurate in absolute terms
/// whatever the size of the shapes (used by the confidence sequences).
pub(crate) fn ln_beta_power(a: f64, b: f64, x: f64, y: f64) -> f64 {
    beta_power(a, b, x, y, deviation(a, b, x, y)).ln_value()
}

/// x^a y^b / B(a, b) for a, b > 0: x·y times the Beta(a, b) density at x, which the quantile
/// solvers use as the derivative of I_x(a, b) with respect to ln x (divided by y).
pub(crate) fn beta_power_value(a: f64, b: f64, x: f64, y: f64) -> f64 {
    beta_power(a, b, x, y, deviation(a, b, x, y)).value()
}
