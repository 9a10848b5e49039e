//! Python's `round(x, ndigits)` for floats, reproduced exactly.
//!
//! The reference rounds its scores with the builtin `round` (compound to 4
//! decimals, pos/neu/neg to 3). CPython implements `round(float, n)` with
//! David Gay's correctly rounded `dtoa` (mode 3): the *exact* binary value of
//! `x` is rounded to `n` decimals with ties going to the even digit, and that
//! decimal string is converted back with a correctly rounded `strtod`. So
//! `round(0.3125, 3) == 0.312` (an exact tie, rounds to even) but
//! `round(0.0005, 3) == 0.001` (0.0005 is really 0.000500000000000000010...).
//! A naive `(x * 1000.0).round() / 1000.0` gets both kinds of case wrong.
//!
//! We do the same thing with integers: write |x| = m * 2^e exactly, compute
//! q = round_half_even(m * 10^n / 2^-e) with 128-bit arithmetic, and return
//! q / 10^n, which IEEE division rounds correctly to the double nearest to
//! the decimal q * 10^-n, i.e. exactly what `strtod` produces. The sign is
//! re-applied afterwards, so `round(-0.00001, 4)` is `-0.0` like in Python.

/// Exact `round(x, ndigits)` as CPython computes it for a float.
///
/// Exact for `ndigits <= 9` and `|x| * 10^ndigits < 2^53` (all VADER scores
/// lie in [-1, 1]); outside that domain it falls back to Rust's decimal
/// formatting + parsing, which is also correctly rounded but whose tie rule is
/// not documented. Non-finite inputs are returned unchanged (Python would
/// raise for infinities; VADER never produces them). Never panics.
pub(crate) fn py_round(x: f64, ndigits: u32) -> f64 {
    if !x.is_finite() || x == 0.0 {
        return x;
    }
    if ndigits > 9 {
        return fallback(x, ndigits);
    }
    let bits = x.to_bits();
    let negative = (bits >> 63) == 1;
    let exp_bits = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    // |x| = mant * 2^exp exactly.
    let (mant, exp) = if exp_bits == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), exp_bits - 1075)
    };
    if exp >= 0 {
        // Already an integer: rounding to n >= 0 decimals is the identity.
        return x;
    }
    let pow10 = 10u128.pow(ndigits);
    let num = u128::from(mant) * pow10; // < 2^53 * 10^9 < 2^83
    let shift = (-exp) as u32;
    let q: u128 = if shift >= 100 {
        // num / 2^shift < 2^83 / 2^100 < 0.5: rounds to zero, and it cannot
        // be an exact tie.
        0
    } else {
        let q = num >> shift;
        let rem = num & ((1u128 << shift) - 1);
        let half = 1u128 << (shift - 1);
        if rem > half || (rem == half && (q & 1) == 1) {
            q + 1
        } else {
            q
        }
    };
    if q >= (1u128 << 53) {
        return fallback(x, ndigits);
    }
    let magnitude = (q as f64) / (pow10 as f64);
    if negative { -magnitude } else { magnitude }
}

/// Formatting-based rounding used only outside the exact domain.
fn fallback(x: f64, ndigits: u32) -> f64 {
    let text = format!("{:.*}", ndigits as usize, x);
    text.parse::<f64>().unwrap_or(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An independent reference: the exact decimal expansion of `x` (a double has a finite
    /// one, and `{:.1100}` prints it exactly), rounded half to even on the digits.
    fn decimal_round(x: f64, ndigits: usize) -> f64 {
        let text = format!("{:.1100}", x.abs());
        let (int, frac) = text.split_once('.').unwrap();
        let mut digits: Vec<u8> = int.bytes().chain(frac.bytes()).map(|b| b - b'0').collect();
        let keep = int.len() + ndigits;
        let rest = &digits[keep..];
        let first = rest[0];
        let beyond = rest[1..].iter().any(|&d| d != 0);
        let last_odd = digits[keep - 1] % 2 == 1;
        let up = first > 5 || (first == 5 && (beyond || last_odd));
        digits.truncate(keep);
        if up {
            let mut i = keep;
            loop {
                i -= 1;
                if digits[i] == 9 {
                    digits[i] = 0;
                } else {
                    digits[i] += 1;
                    break;
                }
            }
        }
        let s: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
        let (i, f) = s.split_at(int.len());
        let value: f64 = format!("{i}.{f}").parse().unwrap();
        if x.is_sign_negative() { -value } else { value }
    }

    #[test]
    fn python_anchors() {
        assert_eq!(py_round(0.3125, 3), 0.312);
        assert_eq!(py_round(0.0625, 3), 0.062);
        assert_eq!(py_round(2.675, 2), 2.67);
        assert_eq!(py_round(0.0005, 3), 0.001);
        assert_eq!(py_round(-0.3125, 3), -0.312);
        assert!(py_round(-0.00004, 4).is_sign_negative());
        assert_eq!(py_round(f64::NAN, 3).to_bits(), f64::NAN.to_bits());
        assert_eq!(py_round(1e300, 4), 1e300);
    }

    #[test]
    fn equals_exact_decimal_rounding() {
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut values: Vec<f64> = (1..=1024).map(|k| f64::from(k) / 1024.0).collect();
        for _ in 0..20_000 {
            // Uniform in [-1, 1], and random bit patterns in [0, 1).
            values.push((next() >> 11) as f64 / (1u64 << 52) as f64 - 1.0);
            values.push(f64::from_bits((next() >> 12) | (1021u64 << 52)));
        }
        for x in values {
            for n in [3, 4] {
                assert_eq!(
                    py_round(x, n).to_bits(),
                    decimal_round(x, n as usize).to_bits(),
                    "round({x:?}, {n})"
                );
            }
        }
    }
}
