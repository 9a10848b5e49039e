//! Compensated sums and dot products, kept to about twice double precision: the weighting
//! module's sums of weights (so that merging partial results in any order gives the same
//! summary up to the last bit of a double) and the health score's weighted mean (so that a
//! score that is exactly a band edge computes as that edge).
//!
//! Each sum is a pair `(hi, lo)`: `hi` is the running floating-point sum and `lo` collects the
//! rounding error of every addition, computed exactly by Knuth's branch-free TwoSum (Knuth, TAOCP
//! vol. 2, §4.2.2; the same error-free transformation as Neumaier's and Ogita, Rump & Oishi's
//! `Sum2`). The value is `hi + lo`. Its error is about `n · ε² · Σ|x|` instead of `n · ε · Σ|x|`
//! for a plain sum (Ogita, Rump & Oishi 2005, Proposition 4.5): for every stream an aggregator
//! can hold that is far below one rounding of the result, so splitting a stream, summing the
//! parts and merging gives the same double as one pass, in practice bit for bit and provably to
//! within a few ulps.
//!
//! A fixed-point (superaccumulator) sum would be exact but would cost hundreds of bytes per sum
//! over the weight range; two doubles keep a bucket at 40 bytes and a push at a few
//! nanoseconds.

/// `a + b` as a double and its exact rounding error (Knuth's TwoSum: no branch, no
/// precondition on the magnitudes).
#[inline]
fn two_sum(a: f64, b: f64) -> (f64, f64) {
    let s = a + b;
    let bb = s - a;
    let err = (a - (s - bb)) + (b - bb);
    (s, err)
}

/// `a × b` as a double and its exact rounding error (Dekker's TwoProduct, here through one
/// fused multiply-add: `fma(a, b, −p)` is exact).
#[inline]
fn two_product(a: f64, b: f64) -> (f64, f64) {
    let p = a * b;
    (p, a.mul_add(b, -p))
}

/// A compensated sum.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Sum {
    hi: f64,
    lo: f64,
}

impl Sum {
    /// A sum holding exactly `value` (a deserialised total).
    #[cfg_attr(not(feature = "serde"), allow(dead_code))]
    pub(crate) fn of(value: f64) -> Self {
        Self { hi: value, lo: 0.0 }
    }

    /// Adds one term.
    #[inline]
    pub(crate) fn add(&mut self, x: f64) {
        let (s, err) = two_sum(self.hi, x);
        self.hi = s;
        self.lo += err;
    }

    /// Adds the product `a × b` with its rounding error (Ogita, Rump & Oishi's `Dot2`, one
    /// step): a dot product accumulated this way is as accurate as if computed in twice the
    /// precision and rounded once.
    #[inline]
    pub(crate) fn add_product(&mut self, a: f64, b: f64) {
        let (p, perr) = two_product(a, b);
        self.add(p);
        self.lo += perr;
    }

    /// Adds another compensated sum: its leading part with TwoSum, its error term plainly
    /// (it is already ~1e-16 of its leading part).
    pub(crate) fn merge(&mut self, other: &Self) {
        self.add(other.hi);
        self.lo += other.lo;
    }

    /// The sum, rounded once to a double.
    #[must_use]
    pub(crate) fn value(self) -> f64 {
        self.hi + self.lo
    }
}

impl PartialEq for Sum {
    /// Two sums are equal when they round to the same double: the representation `(hi, lo)`
    /// depends on the order of the additions, the value does not.
    fn eq(&self, other: &Self) -> bool {
        self.value() == other.value()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compensation_recovers_what_a_plain_sum_loses() {
        let mut sum = Sum::default();
        let mut plain = 0.0;
        sum.add(1.0);
        plain += 1.0;
        for _ in 0..1000 {
            sum.add(1e-17);
            plain += 1e-17;
        }
        assert_eq!(plain, 1.0);
        assert_eq!(sum.value(), 1.0 + 1e-14);
    }

    #[test]
    fn dot_products_keep_the_products_rounding_errors() {
        // 0.1 × 3 − 0.3: a plain computation gives 2^-54, the exact value of the doubles is
        // 2^-55.
        assert_eq!(0.1 * 3.0 - 0.3, 2f64.powi(-54));
        let mut dot = Sum::default();
        dot.add_product(0.1, 3.0);
        dot.add_product(-0.3, 1.0);
        assert_eq!(dot.value(), 2f64.powi(-55));
    }

    #[test]
    fn merge_order_does_not_matter() {
        let terms: Vec<f64> = (1..=1000).map(|i| 1.0 / f64::from(i)).collect();
        let mut one = Sum::default();
        terms.iter().for_each(|&x| one.add(x));
        let (mut a, mut b) = (Sum::default(), Sum::default());
        terms[..317].iter().for_each(|&x| a.add(x));
        terms[317..].iter().rev().for_each(|&x| b.add(x));
        let mut ab = a;
        ab.merge(&b);
        let mut ba = b;
        ba.merge(&a);
        assert_eq!(ab, one);
        assert_eq!(ba, one);
    }
}
