//! The error function and the scaled complementary error function e^{x²} erfc(x).
//!
//! The asymptotic expansions (`basym`, Temme's incomplete gamma expansion) need erfc(z) for z up
//! to about 27, where erfc itself underflows, multiplied by e^{z²}, which overflows: so they take
//! the scaled function, which is about 1/(z√π) for large z. Both use W. J. Cody's rational
//! Chebyshev approximations (Cody 1969, "Rational Chebyshev approximations for the error
//! function", Math. Comp. 23, 631-637) with the coefficients of TOMS 708 (`erf`, `erfc1`).

/// 1 / √π.
const FRAC_1_SQRT_PI: f64 = 0.564_189_583_547_756_3;

/// Coefficients for |x| ≤ ½: erf(x) = x · A(x²) / B(x²).
const A: [f64; 5] = [
    0.128_379_167_095_513,
    0.047_913_714_560_768_1,
    0.032_307_657_922_583_4,
    -0.001_337_337_729_973_39,
    7.710_584_950_013_2e-5,
];
const B: [f64; 4] = [
    1.0,
    0.375_795_757_275_549,
    0.053_897_168_774_028_6,
    0.003_010_486_317_038_95,
];
/// For ½ < x ≤ 4: e^{x²} erfc(x) = P(x) / Q(x).
const P: [f64; 8] = [
    300.459_261_020_162,
    451.918_953_711_873,
    339.320_816_734_344,
    152.989_285_046_94,
    43.162_227_222_056_7,
    7.211_758_250_883_09,
    0.564_195_517_478_974,
    -1.368_648_573_827_17e-7,
];
const Q: [f64; 8] = [
    300.459_260_956_983,
    790.950_925_327_898,
    931.354_094_850_61,
    638.980_264_465_631,
    277.585_444_743_988,
    77.000_152_935_229_5,
    12.782_727_319_629_4,
    1.0,
];
/// For x > 4: e^{x²} erfc(x) = (1/√π − R(1/x²) / (x² S(1/x²))) / x.
const R: [f64; 5] = [
    0.282_094_791_773_523,
    4.658_078_287_184_7,
    21.368_820_055_508_7,
    26.237_014_167_516_9,
    2.101_441_264_790_64,
];
const S: [f64; 5] = [
    1.0,
    18.012_457_594_874_7,
    99.019_181_462_391_4,
    187.114_811_799_59,
    94.153_775_055_546,
];

use super::log_gamma::horner;

/// erf(x).
pub(super) fn erf(x: f64) -> f64 {
    let ax = x.abs();
    if ax <= 0.5 {
        let t = x * x;
        return x * (horner(&A, t) + 1.0) / horner(&B, t);
    }
    if ax >= 5.8 {
        return x.signum();
    }
    let tail = erfc_scaled(ax) * (-ax * ax).exp();
    (1.0 - tail).copysign(x)
}

/// erfc(x), accurate in relative terms in the upper tail (to underflow near x = 27).
pub(crate) fn erfc(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    if x.abs() <= 0.5 {
        return 1.0 - erf(x);
    }
    if x < 0.0 {
        return 2.0 - erfc(-x);
    }
    if x > 27.3 {
        return 0.0;
    }
    // e^{−x²} with x² split so that the rounding of x² does not enter the exponent's error.
    let w = x * x;
    let hi = (x * 65536.0).trunc() / 65536.0;
    let lo = x - hi;
    let rest = (hi * hi - w) + lo * (x + hi);
    erfc_scaled(x) * (-w).exp() * (-rest).exp()
}

/// e^{x²} erfc(x) (`erfc1(1, x)`), for x ≥ 0 about 1 / (x√π) when large; for x < 0 it grows like
/// 2e^{x²} and overflows past x ≈ −26.6.
pub(super) fn erfc_scaled(x: f64) -> f64 {
    let ax = x.abs();
    let positive = if ax <= 0.5 {
        let t = x * x;
        let value = 1.0 - x.abs() * (horner(&A, t) + 1.0) / horner(&B, t);
        value * t.exp()
    } else if ax <= 4.0 {
        horner(&P, ax) / horner(&Q, ax)
    } else if ax.is_finite() {
        let t = 1.0 / (ax * ax);
        (FRAC_1_SQRT_PI - t * horner(&R, t) / horner(&S, t)) / ax
    } else {
        0.0
    };
    if x < 0.0 {
        2.0 * (x * x).exp() - positive
    } else if x.is_nan() {
        x
    } else {
        positive
    }
}

#[cfg(test)]
#[allow(clippy::excessive_precision)]
mod tests {
    use super::*;

    /// mpmath at 50 digits.
    #[test]
    fn against_mpmath() {
        let cases = [
            (0.3, 0.328_626_759_459_127_4, 0.671_373_240_540_872_6),
            (1.7, 0.983_790_458_590_774_6, 0.016_209_541_409_225_439),
            (4.5, 0.999_999_999_803_383_96, 1.966_160_441_542_887_5e-10),
            (12.0, 1.0, 1.356_261_169_205_904_3e-64),
        ];
        for (x, e, c) in cases {
            assert!((erf(x) - e).abs() <= 2e-16, "erf({x})");
            assert!((erfc(x) - c).abs() <= 1e-14 * c, "erfc({x}) = {}", erfc(x));
        }
        let scaled = erfc_scaled(20.0);
        assert!((scaled - 0.028_174_348_741_051_319).abs() <= 1e-15);
        assert!((erfc_scaled(0.1) - 0.896_456_979_969_126_5).abs() <= 1e-15);
    }
}
