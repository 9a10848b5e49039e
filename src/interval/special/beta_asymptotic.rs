//! Asymptotic expansions of I_x(a, b) for large shapes, from DiDonato & Morris (1992), TOMS 708:
//!
//! - `basym`, for a and b both large near the mean, is Temme's uniform expansion (Temme 1992,
//!   "Asymptotic inversion of the incomplete beta function", and the expansion of Temme 1979
//!   that DiDonato & Morris §5 build on): I_x(a, b) = ½ erfc(z₀) plus corrections in powers of
//!   1/√min(a, b), with z₀² = a·rlog1(−δ/a) + b·rlog1(δ/b). Its error shrinks as the shapes
//!   grow, so at 10¹⁹ it needs only a couple of terms.
//! - `bgrat`, for a large and b ≤ 1, expands in incomplete gamma functions Γ(b + 2n, z)
//!   (DiDonato & Morris §9), with `grat_r` giving Q(b, z) / (z^b e^{−z} / Γ(b)) for b ≤ 1.

use super::error_function::{erf, erfc_scaled};
use super::log_gamma::{algdiv, bcorr, gam1, rlog1};

/// √π.
const SQRT_PI: f64 = 1.772_453_850_905_516;

/// w + I_x(a, b) for a ≥ 15, b ≤ 1 (`bgrat`). `w` (≥ 0) is what the caller has summed so far;
/// it sets the tolerance of the expansion, which is relative to the total.
pub(super) fn bgrat(a: f64, b: f64, x: f64, y: f64, w: f64, eps: f64) -> f64 {
    const TERMS: usize = 30;
    let bm1 = b - 1.0;
    let nu = a + 0.5 * bm1;
    let ln_x = if y > 0.375 { x.ln() } else { (-y).ln_1p() };
    let z = -nu * ln_x;
    if b * z == 0.0 || !z.is_finite() {
        // y is subnormal, so z = −ν ln x underflows: the expansion cannot be formed. NaN
        // tells the caller to use the power series, which converges at once there.
        return f64::NAN;
    }
    // r = e^{−z} z^b / Γ(b) · x^{(b−1)/2}... kept as logarithms: it underflows for large a.
    let ln_r = b.ln() + gam1(b).ln_1p() + b * z.ln() + nu * ln_x;
    let ln_u = ln_r - (algdiv(b, a) + b * nu.ln());
    if ln_u == f64::NEG_INFINITY {
        return w;
    }
    let l = if w == 0.0 { 0.0 } else { (w.ln() - ln_u).exp() };
    let q_r = grat_r(b, z, ln_r, eps);
    let v = (0.5 / nu) * (0.5 / nu);
    let t2 = 0.25 * ln_x * ln_x;
    let mut c = [0.0; TERMS];
    let mut d = [0.0; TERMS];
    let mut j = q_r;
    let mut sum = j;
    let mut t = 1.0;
    let mut cn = 1.0;
    let mut n2 = 0.0;
    for n in 1..=TERMS {
        let bp2n = b + n2;
        j = (bp2n * (bp2n + 1.0) * j + (z + bp2n + 1.0) * t) * v;
        n2 += 2.0;
        t *= t2;
        cn /= n2 * (n2 + 1.0);
        c[n - 1] = cn;
        let mut s = 0.0;
        let mut coef = b - n as f64;
        for i in 1..n {
            s += coef * c[i - 1] * d[n - 1 - i];
            coef += b;
        }
        d[n - 1] = bm1 * cn + s / n as f64;
        let dj = d[n - 1] * j;
        sum += dj;
        if sum <= 0.0 {
            // Cannot happen in exact arithmetic; give the caller's sum rather than garbage.
            return w;
        }
        if dj.abs() <= eps * (sum + l) {
            break;
        }
    }
    let u = ln_u.exp();
    if u > 0.0 {
        w + u * sum
    } else {
        w + (ln_u + sum.ln()).exp()
    }
}

/// Q(a, x) / r with r = e^{−x} x^a / Γ(a) = e^{ln_r}, for a ≤ 1 (`grat_r`).
fn grat_r(a: f64, x: f64, ln_r: f64, eps: f64) -> f64 {
    if a * x == 0.0 {
        return if x <= a { (-ln_r).exp() } else { 0.0 };
    }
    if a == 0.5 {
        // Q(½, x) = erfc(√x).
        return if x < 0.25 {
            (0.5 - erf(x.sqrt()) + 0.5) * (-ln_r).exp()
        } else {
            let sx = x.sqrt();
            erfc_scaled(sx) / sx * SQRT_PI
        };
    }
    if x < 1.1 {
        // Taylor series for P(a, x) / x^a.
        let mut an = 3.0;
        let mut c = x;
        let mut sum = x / (a + 3.0);
        let tol = 0.1 * eps / (a + 1.0);
        for _ in 0..1000 {
            an += 1.0;
            c *= -(x / an);
            let t = c / (a + an);
            sum += t;
            if t.abs() <= tol {
                break;
            }
        }
        let j = a * x * ((sum / 6.0 - 0.5 / (a + 2.0)) * x + 1.0 / (a + 1.0));
        let z = a * x.ln();
        let h = gam1(a);
        let g = h + 1.0;
        return if (x >= 0.25 && a < x / 2.59) || z > -0.13394 {
            let l = z.exp_m1();
            let q = ((l + 1.0) * j - l) * g - h;
            if q <= 0.0 { 0.0 } else { q * (-ln_r).exp() }
        } else {
            let p = z.exp() * g * (0.5 - j + 0.5);
            (0.5 - p + 0.5) * (-ln_r).exp()
        };
    }
    // Legendre's continued fraction for Q(a, x) e^x x^{−a} Γ(a), x ≥ 1.1.
    let (mut a2n_1, mut a2n) = (1.0, 1.0);
    let (mut b2n_1, mut b2n) = (x, x + (1.0 - a));
    let mut c = 1.0;
    let mut an0 = a2n / b2n;
    for _ in 0..1000 {
        // Keep b2n at 1 so that nothing overflows for huge x.
        let scale = 1.0 / b2n;
        a2n_1 *= scale;
        b2n_1 *= scale;
        a2n *= scale;
        b2n = 1.0;
        a2n_1 = x * a2n + c * a2n_1;
        b2n_1 = x * b2n + c * b2n_1;
        let am0 = a2n_1 / b2n_1;
        c += 1.0;
        let c_a = c - a;
        a2n = a2n_1 + c_a * a2n;
        b2n = b2n_1 + c_a * b2n;
        an0 = a2n / b2n;
        if (an0 - am0).abs() < eps * an0 || !an0.is_finite() {
            break;
        }
    }
    an0
}

/// I_x(a, b) for a, b ≥ 15 near the mean (`basym`), with λ = (a + b)y − b = δ ≥ 0 and tolerance
/// `eps`: Temme's uniform asymptotic expansion as arranged by DiDonato & Morris.
pub(super) fn basym(a: f64, b: f64, lambda: f64, eps: f64) -> f64 {
    /// Terms of the expansion at most (it must be even); at shapes of 100 about 10 suffice.
    const NUM: usize = 20;
    /// 2 / √π.
    const E0: f64 = std::f64::consts::FRAC_2_SQRT_PI;
    /// 2^{−3/2}.
    const E1: f64 = 0.353_553_390_593_273_8;

    let f = a * rlog1(-lambda / a) + b * rlog1(lambda / b);
    let t = (-f).exp();
    if t == 0.0 {
        return 0.0;
    }
    let z0 = f.sqrt();
    let z = 0.5 * (z0 / E1);
    let z2 = f + f;

    let (h, r0, r1, w0) = if a < b {
        let h = a / b;
        (
            h,
            1.0 / (h + 1.0),
            (b - a) / b,
            1.0 / (a * (h + 1.0)).sqrt(),
        )
    } else {
        let h = b / a;
        (
            h,
            1.0 / (h + 1.0),
            (b - a) / a,
            1.0 / (b * (h + 1.0)).sqrt(),
        )
    };

    let mut a0 = [0.0; NUM + 1];
    let mut b0 = [0.0; NUM + 1];
    let mut c = [0.0; NUM + 1];
    let mut d = [0.0; NUM + 1];
    a0[0] = r1 * (2.0 / 3.0);
    c[0] = -0.5 * a0[0];
    d[0] = -c[0];
    let mut j0 = 0.5 / E0 * erfc_scaled(z0);
    let mut j1 = E1;
    let mut sum = j0 + d[0] * w0 * j1;

    let mut s = 1.0;
    let h2 = h * h;
    let mut hn = 1.0;
    let mut w = w0;
    let mut znm1 = z;
    let mut zn = z2;
    for n in (2..=NUM).step_by(2) {
        let nf = n as f64;
        hn *= h2;
        a0[n - 1] = 2.0 * r0 * (h * hn + 1.0) / (nf + 2.0);
        s += hn;
        a0[n] = 2.0 * r1 * s / (nf + 3.0);
        for i in n..=n + 1 {
            let r = -0.5 * (i as f64 + 1.0);
            b0[0] = r * a0[0];
            for m in 2..=i {
                let mut bsum = 0.0;
                for jj in 1..m {
                    let mmj = m - jj;
                    bsum += (jj as f64 * r - mmj as f64) * a0[jj - 1] * b0[mmj - 1];
                }
                b0[m - 1] = r * a0[m - 1] + bsum / m as f64;
            }
            c[i - 1] = b0[i - 1] / (i as f64 + 1.0);
            let mut dsum = 0.0;
            for jj in 1..i {
                dsum += d[i - jj - 1] * c[jj - 1];
            }
            d[i - 1] = -(dsum + c[i - 1]);
        }
        j0 = E1 * znm1 + (nf - 1.0) * j0;
        j1 = E1 * zn + nf * j1;
        znm1 *= z2;
        zn *= z2;
        w *= w0;
        let t0 = d[n - 1] * w * j0;
        w *= w0;
        let t1 = d[n] * w * j1;
        sum += t0 + t1;
        if t0.abs() + t1.abs() <= eps * sum {
            break;
        }
    }
    E0 * t * (-bcorr(a, b)).exp() * sum
}
