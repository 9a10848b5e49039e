//! Power series and the continued fraction for I_x(a, b), from DiDonato & Morris (1992),
//! TOMS 708 (`bpser`, `apser`, `fpser`, `bup`, `bfrac`).
//!
//! Each is used only where [`super::beta`] found it to converge quickly and without
//! cancellation; every loop is nevertheless capped so that no input can make one run away.

use super::beta::{Scaled, beta_power};
use super::log_gamma::{EULER, algdiv, digamma, gam1, gamln1, ln_beta};

/// Upper bound on the terms of any series here (they need tens, at most a few hundred).
const MAX_TERMS: u32 = 10_000;

/// I_x(a, b) by its power series (`bpser`), for b ≤ 1 or b x ≤ 0.7:
/// I_x(a, b) = x^a / (a B(a, b)) · (1 + a Σⱼ (1 − b)ⱼ xʲ / (j! (a + j))).
pub(super) fn bpser(a: f64, b: f64, x: f64, eps: f64) -> f64 {
    if x == 0.0 {
        return 0.0;
    }
    let prefactor = power_over_a_beta(a, b, x);
    if prefactor == 0.0 || a <= 0.1 * eps {
        return prefactor;
    }
    let tol = eps / a;
    let mut sum = 0.0;
    let mut c = 1.0;
    for n in 1..=MAX_TERMS {
        let n = f64::from(n);
        c *= (0.5 - b / n + 0.5) * x;
        let w = c / (a + n);
        sum += w;
        if w.abs() <= tol {
            break;
        }
    }
    prefactor * (a * sum + 1.0)
}

/// x^a / (a B(a, b)), with 1/B(a, b) through 1/Γ(1 + a) − 1 when a shape is below 1.
fn power_over_a_beta(a: f64, b: f64, x: f64) -> f64 {
    let a0 = a.min(b);
    if a0 >= 1.0 {
        return (a * x.ln() - ln_beta(a, b)).exp() / a;
    }
    let mut b0 = a.max(b);
    if b0 >= 8.0 {
        let u = gamln1(a0) + algdiv(a0, b0);
        return a0 / a * (a * x.ln() - u).exp();
    }
    if b0 <= 1.0 {
        let power = x.powf(a);
        if power == 0.0 {
            return 0.0;
        }
        let apb = a + b;
        let z = if apb > 1.0 {
            (gam1(apb - 1.0) + 1.0) / apb
        } else {
            gam1(apb) + 1.0
        };
        let c = (gam1(a) + 1.0) * (gam1(b) + 1.0) / z;
        return power * c * (b / apb);
    }
    // a0 < 1 < b0 < 8.
    let mut u = gamln1(a0);
    let mut c = 1.0;
    while b0 >= 2.0 {
        b0 -= 1.0;
        c *= b0 / (a0 + b0);
    }
    u += c.ln();
    let z = a * x.ln() - u;
    b0 -= 1.0;
    let apb = a0 + b0;
    let t = if apb > 1.0 {
        (gam1(apb - 1.0) + 1.0) / apb
    } else {
        gam1(apb) + 1.0
    };
    z.exp() * (a0 / a) * (gam1(b0) + 1.0) / t
}

/// 1 − I_x(a, b) = I_{1−x}(b, a) for a below ε (and a ≤ ε b, b x ≤ 1, x ≤ ½) (`apser`): to
/// first order in a it is −a (ln x + ψ(b) + γ + Σ ...).
pub(super) fn apser(a: f64, b: f64, x: f64, eps: f64) -> f64 {
    let bx = b * x;
    let mut t = x - bx;
    let c = if b * eps <= 0.02 {
        x.ln() + digamma(b) + EULER + t
    } else {
        bx.ln() + EULER + t
    };
    let tol = 5.0 * eps * c.abs();
    let mut s = 0.0;
    for j in 2..=MAX_TERMS {
        let j = f64::from(j);
        t *= x - bx / j;
        let aj = t / j;
        s += aj;
        if aj.abs() <= tol {
            break;
        }
    }
    -a * (c + s)
}

/// I_x(a, b) for b below ε (and b ≤ ε a, x ≤ ½) (`fpser`): x^a · b/a · (1 + a Σ xʲ/(a + j)),
/// using 1/B(a, b) ≈ b.
pub(super) fn fpser(a: f64, b: f64, x: f64, eps: f64) -> f64 {
    let mut ans = if a > 1e-3 * eps {
        let t = a * x.ln();
        if t < -708.39 {
            return 0.0;
        }
        t.exp()
    } else {
        1.0
    };
    ans *= b / a;
    let tol = eps / a;
    let mut an = a + 1.0;
    let mut t = x;
    let mut s = t / an;
    for _ in 0..MAX_TERMS {
        an += 1.0;
        t *= x;
        let c = t / an;
        s += c;
        if c.abs() <= tol {
            break;
        }
    }
    ans * (a * s + 1.0)
}

/// I_x(a, b) − I_x(a + n, b) for a positive integer n (`bup`): the finite sum
/// x^a y^b / (a B(a, b)) · Σᵢ₌₀ⁿ⁻¹ dᵢ with dᵢ₊₁ = dᵢ · x (a + b + i) / (a + 1 + i), scaled by
/// e^{−708} when the terms grow so that the first ones cannot underflow.
pub(super) fn bup(a: f64, b: f64, x: f64, y: f64, n: u32, eps: f64) -> f64 {
    let apb = a + b;
    let ap1 = a + 1.0;
    let power: Scaled = beta_power(a, b, x, y, super::deviation(a, b, x, y));
    // When the terms grow, carry e^708 in the first and e^−708 in the sum, so that the first
    // cannot underflow on its own (unless that would overflow it).
    let (mut head, mut d) = (power.value() / a, 1.0);
    if n > 1 && a >= 1.0 && apb >= ap1 * 1.1 {
        let scaled = power.value_times_exp(708.0) / a;
        if scaled.is_finite() {
            (head, d) = (scaled, (-708.0_f64).exp());
        }
    }
    if n <= 1 || head == 0.0 {
        return head;
    }
    let nm1 = n - 1;
    let mut w = d;
    // k: the index of the largest term; up to it the terms grow and are all added.
    let mut k = 0;
    if b > 1.0 {
        if y > 1e-4 {
            let r = (b - 1.0) * x / y - a;
            if r >= 1.0 {
                k = if r < f64::from(nm1) { r as u32 } else { nm1 };
            }
        } else {
            k = nm1;
        }
    }
    for i in 0..k {
        let l = f64::from(i);
        d *= (apb + l) / (ap1 + l) * x;
        w += d;
    }
    for i in k..nm1 {
        let l = f64::from(i);
        d *= (apb + l) / (ap1 + l) * x;
        w += d;
        if d <= eps * w {
            break;
        }
    }
    head * w
}

/// I_x(a, b) for a, b > 1 by DiDonato & Morris' continued fraction (`bfrac`), with
/// λ = (a + b)y − b = δ ≥ 0; it converges fast away from the mean, where the expansion does not.
pub(super) fn bfrac(a: f64, b: f64, x: f64, y: f64, lambda: f64, eps: f64) -> f64 {
    let prefactor = beta_power(a, b, x, y, lambda).value();
    if prefactor == 0.0 {
        return 0.0;
    }
    let c = lambda + 1.0;
    let c0 = b / a;
    let c1 = 1.0 / a + 1.0;
    let yp1 = y + 1.0;

    let mut p = 1.0;
    let mut s = a + 1.0;
    let (mut an, mut bn) = (0.0, 1.0);
    let (mut anp1, mut bnp1) = (1.0, c / c1);
    let mut r = c1 / c;
    for n in 1..=MAX_TERMS {
        let n = f64::from(n);
        let t = n / a;
        let w = n * (b - n) * x;
        let e = a / s;
        let alpha = p * (p + c0) * e * e * (w * x);
        let e = (t + 1.0) / (c1 + t + t);
        let beta = n + w / s + e * (c + n * yp1);
        p = t + 1.0;
        s += 2.0;

        let next = alpha * an + beta * anp1;
        an = anp1;
        anp1 = next;
        let next = alpha * bn + beta * bnp1;
        bn = bnp1;
        bnp1 = next;

        let r0 = r;
        r = anp1 / bnp1;
        if (r - r0).abs() <= eps * r || !r.is_finite() {
            break;
        }
        // Rescale so that the recurrences cannot overflow.
        an /= bnp1;
        bn /= bnp1;
        anp1 = r;
        bnp1 = 1.0;
    }
    prefactor * r
}
