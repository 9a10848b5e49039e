//! The restricted mean lifetime (R's `survmean`) and [`LifetimeValue`]: the expected
//! discounted margin per customer over a horizon, with its delta-method interval.

use std::fmt;

use thiserror::Error;

use super::KaplanMeierSummary;
use crate::interval::{ConfidenceLevel, Interval};

/// The largest magnitude of a margin per period: far beyond any price, small enough that a
/// value over [`MAX_DURATION`](super::MAX_DURATION) periods stays finite with its variance.
pub const MAX_MARGIN: f64 = 1e15;

impl KaplanMeierSummary {
    /// The restricted mean lifetime up to `horizon` periods, the area under S(t) on
    /// [0, horizon], with its standard error: R's `print(fit, rmean = horizon)` (`survmean`).
    ///
    /// The variance is Miller's (1981, pp. 195-196) as R computes it:
    /// `Σᵢ Aᵢ² dᵢ / (nᵢ (nᵢ − dᵢ))` over the churn durations `tᵢ` before the horizon, `Aᵢ` the
    /// area under the curve from `tᵢ` to the horizon (0 where `nᵢ = dᵢ`). Past the last
    /// observation the last value of S is carried to the horizon, as R does (an
    /// extrapolation when S has not reached 0). `restricted_mean(0)` is `(0, 0)`.
    ///
    /// ```
    /// use satisfaction::Aggregator;
    /// use satisfaction::retention::KaplanMeier;
    ///
    /// let mut km = KaplanMeier::default();
    /// km.try_extend_from_slices(&[2, 4, 4, 6], &[true, true, false, true])?;
    /// let curve = km.summary().unwrap();
    /// let (mean, se) = curve.restricted_mean(6);
    /// assert_eq!(mean, 2.0 * 1.0 + 2.0 * 0.75 + 2.0 * 0.5); // the area under the steps
    /// assert!(se > 0.0);
    /// assert_eq!(curve.restricted_mean(0), (0.0, 0.0));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn restricted_mean(&self, horizon: u64) -> (f64, f64) {
        self.weighted_area(horizon, |from, to| to.saturating_sub(from) as f64)
    }

    /// The expected margin per customer over the first `horizon` periods of a lifetime,
    /// discounted at `rate` per period, with a constant `margin` per period:
    /// `Σ_{t=0}^{horizon−1} S(t) · margin · (1 + rate)^−t`.
    ///
    /// The margin of period t is collected at its start by every customer whose lifetime
    /// exceeds t periods (S(t) of them: S(0) is the share that did not churn at once), and
    /// is discounted to the start of the lifetime. With margin 1 and rate 0 this is the
    /// [`restricted_mean`](Self::restricted_mean), standard error included.
    ///
    /// The standard error is the delta method on the Greenwood covariance of the curve,
    /// `Cov(Ŝ(s), Ŝ(t)) = Ŝ(s) Ŝ(t) Σ_{tⱼ ≤ min(s, t)} dⱼ / (nⱼ (nⱼ − dⱼ))`, which gives
    /// `Var = Σⱼ dⱼ / (nⱼ (nⱼ − dⱼ)) · (Σ_{tⱼ ≤ t < horizon} wₜ Ŝ(t))²` with
    /// `wₜ = marginₜ (1 + rate)^−t` (Miller's formula for the restricted mean, weighted).
    /// Its 95% interval covered the true value in 94.4% of 2,000 simulated samples of 200
    /// customers with 39% of them censored (95.2% with 50 customers, 94.0% with 1,000; the
    /// README's "Retention" section, and the ignored test `lifetime_value_coverage`).
    ///
    /// Past the last observed duration the curve is carried forward to the horizon, as for
    /// the restricted mean: [`LifetimeValue::extrapolated`] says when that happened.
    ///
    /// ```
    /// use satisfaction::{Aggregator, ConfidenceLevel};
    /// use satisfaction::retention::KaplanMeier;
    ///
    /// let mut km = KaplanMeier::default();
    /// km.try_extend_from_slices(&[3, 8, 12, 12, 20, 26, 30, 30], &[true, true, true, false, true, false, true, false])?;
    /// let curve = km.summary().unwrap();
    /// // 24 months at 50 a month, discounted at 1% a month.
    /// let ltv = curve.lifetime_value(24, 50.0, 0.01)?;
    /// let ci = ltv.interval(ConfidenceLevel::P95);
    /// assert!(ci.lower() < ltv.value() && ltv.value() < ci.upper());
    /// // Margin 1, rate 0: the restricted mean.
    /// let plain = curve.lifetime_value(24, 1.0, 0.0)?;
    /// assert_eq!((plain.value(), plain.std_err()), curve.restricted_mean(24));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`LifetimeValueError`] for a margin that is not finite or beyond ±[`MAX_MARGIN`], or a
    /// rate that is negative or not finite.
    pub fn lifetime_value(
        &self,
        horizon: u64,
        margin: f64,
        rate: f64,
    ) -> Result<LifetimeValue, LifetimeValueError> {
        check_margin(margin, None)?;
        let discount = Discount::new(rate)?;
        // Σ_{t=from}^{to-1} margin v^t, in closed form (v = 1 / (1 + rate)).
        let weight = |from: u64, to: u64| margin * discount.sum(from, to);
        let (value, std_err) = self.weighted_area(horizon, weight);
        let total = weight(0, horizon);
        Ok(LifetimeValue {
            value,
            std_err,
            horizon,
            range: (total.min(0.0), total.max(0.0)),
            extrapolated: self.extrapolates_to(horizon),
        })
    }

    /// [`lifetime_value`](Self::lifetime_value) with a margin per period that changes over
    /// the lifetime (`margins[t]` for period t: an upsell path, a discount in the first
    /// months), over a horizon of `margins.len()` periods.
    ///
    /// ```
    /// use satisfaction::Aggregator;
    /// use satisfaction::retention::KaplanMeier;
    ///
    /// let mut km = KaplanMeier::default();
    /// km.try_extend_from_slices(&[1, 4, 6, 9], &[true, true, false, true])?;
    /// let curve = km.summary().unwrap();
    /// // Three months at half price, then full price.
    /// let margins: Vec<f64> = (0..12).map(|t| if t < 3 { 25.0 } else { 50.0 }).collect();
    /// let ltv = curve.lifetime_value_with_margins(&margins, 0.0)?;
    /// assert!(ltv.value() < curve.lifetime_value(12, 50.0, 0.0)?.value());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`LifetimeValueError`] for a margin that is not finite or beyond ±[`MAX_MARGIN`]
    /// (naming its period), or a rate that is negative or not finite.
    pub fn lifetime_value_with_margins(
        &self,
        margins: &[f64],
        rate: f64,
    ) -> Result<LifetimeValue, LifetimeValueError> {
        for (t, &m) in margins.iter().enumerate() {
            check_margin(m, Some(t))?;
        }
        let discount = Discount::new(rate)?;
        // prefix[t] = Σ_{s<t} margin_s v^s
        let mut prefix = Vec::with_capacity(margins.len() + 1);
        let (mut sum, mut lowest, mut highest) = (0.0, 0.0, 0.0);
        prefix.push(0.0);
        for (t, &m) in margins.iter().enumerate() {
            let w = m * discount.factor(t as u64);
            sum += w;
            lowest += w.min(0.0);
            highest += w.max(0.0);
            prefix.push(sum);
        }
        let at = |t: u64| {
            usize::try_from(t)
                .ok()
                .and_then(|t| prefix.get(t))
                .or(prefix.last())
                .copied()
                .unwrap_or(0.0)
        };
        let horizon = margins.len() as u64;
        let (value, std_err) = self.weighted_area(horizon, |from, to| at(to) - at(from));
        Ok(LifetimeValue {
            value,
            std_err,
            horizon,
            range: (lowest, highest),
            extrapolated: self.extrapolates_to(horizon),
        })
    }

    /// Whether the sum to `horizon` reads S past the last observation while S > 0.
    fn extrapolates_to(&self, horizon: u64) -> bool {
        let last = self.steps.last();
        last.is_some_and(|s| s.survival > 0.0 && horizon > s.time.saturating_add(1))
    }

    /// `Σ_{t<horizon} w(t) S(t)` and its Greenwood delta-method SE, where `weight(a, b)` is
    /// `Σ_{t=a}^{b-1} w(t)`: R's `survmean` with its rectangles `(tᵢ − tᵢ₋₁) S(tᵢ₋₁)`
    /// generalised to weighted ones.
    fn weighted_area(&self, horizon: u64, weight: impl Fn(u64, u64) -> f64) -> (f64, f64) {
        if horizon == 0 {
            return (0.0, 0.0);
        }
        let kept = self
            .steps
            .get(..self.steps.partition_point(|s| s.time <= horizon))
            .unwrap_or_default();
        // rectangles[i] ends at kept[i] (S before it); the last one ends at the horizon.
        let mut rectangles: Vec<f64> = Vec::with_capacity(kept.len() + 1);
        let (mut previous_time, mut previous_survival) = (0u64, 1.0f64);
        for step in kept {
            rectangles.push(weight(previous_time, step.time) * previous_survival);
            previous_time = step.time;
            previous_survival = step.survival;
        }
        rectangles.push(weight(previous_time, horizon) * previous_survival);
        let value: f64 = rectangles.iter().sum();

        // varmean <- sum(cumsum(rev(rectangles[-1]))^2 * rev(hh)[-1]): from the horizon
        // back, the area after kept[i] is the sum of rectangles[i + 1..].
        let mut after = 0.0f64;
        let mut variance = 0.0f64;
        for (i, step) in kept.iter().enumerate().rev() {
            after += rectangles.get(i + 1).copied().unwrap_or(0.0);
            variance += after * after * hazard_term(step.at_risk, step.events);
        }
        (value, variance.sqrt())
    }
}

/// `ifelse(n - d == 0, 0, d / (n (n - d)))`.
fn hazard_term(at_risk: u64, events: u64) -> f64 {
    match at_risk.checked_sub(events) {
        Some(0) | None => 0.0,
        Some(rest) => events as f64 / (at_risk as f64 * rest as f64),
    }
}

fn check_margin(margin: f64, period: Option<usize>) -> Result<(), LifetimeValueError> {
    if margin.is_finite() && margin.abs() <= MAX_MARGIN {
        Ok(())
    } else {
        Err(LifetimeValueError::Margin {
            period,
            value: margin,
        })
    }
}

/// Discounting at a rate per period: the factor `(1 + rate)^−t` and sums of it.
#[derive(Debug, Clone, Copy)]
struct Discount {
    rate: f64,
    /// ln(1 + rate).
    log: f64,
}

impl Discount {
    fn new(rate: f64) -> Result<Self, LifetimeValueError> {
        if rate.is_finite() && rate >= 0.0 {
            Ok(Self {
                rate,
                log: rate.ln_1p(),
            })
        } else {
            Err(LifetimeValueError::Rate { value: rate })
        }
    }

    /// `(1 + rate)^−t`.
    fn factor(self, t: u64) -> f64 {
        if self.rate == 0.0 {
            1.0
        } else {
            (-(t as f64) * self.log).exp()
        }
    }

    /// `Σ_{t=from}^{to−1} (1 + rate)^−t`: `to − from` at rate 0, else
    /// `v^from (1 − v^(to−from)) / (1 − v)` written with `expm1` so that it stays accurate
    /// for tiny rates.
    fn sum(self, from: u64, to: u64) -> f64 {
        let periods = to.saturating_sub(from) as f64;
        if self.rate == 0.0 {
            return periods;
        }
        // 1 - v = rate / (1 + rate)
        self.factor(from) * -(-periods * self.log).exp_m1() * (1.0 + self.rate) / self.rate
    }
}

/// A lifetime value: the expected discounted margin per customer over a horizon, with its
/// delta-method standard error ([`KaplanMeierSummary::lifetime_value`]).
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct LifetimeValue {
    value: f64,
    std_err: f64,
    horizon: u64,
    /// The smallest and largest value any curve could give (S anywhere in [0, 1]).
    range: (f64, f64),
    extrapolated: bool,
}

impl LifetimeValue {
    /// The expected value per customer.
    #[must_use]
    pub fn value(&self) -> f64 {
        self.value
    }

    /// Its standard error (delta method on the Greenwood covariance).
    #[must_use]
    pub fn std_err(&self) -> f64 {
        self.std_err
    }

    /// The horizon, in periods.
    #[must_use]
    pub fn horizon(&self) -> u64 {
        self.horizon
    }

    /// Whether the horizon reaches past the last observed duration while the curve is
    /// above 0: the value then assumes no churn after it (the last S carried forward).
    #[must_use]
    pub fn extrapolated(&self) -> bool {
        self.extrapolated
    }

    /// The normal interval `value ± z SE`, clamped to the values a survival curve can give
    /// (0 to the undiscounted-by-churn total for a positive margin).
    #[must_use]
    pub fn interval(&self, level: ConfidenceLevel) -> Interval {
        let half = level.z() * self.std_err;
        let (low, high) = self.range;
        Interval::clamped(self.value - half, self.value + half, low, high).covering(self.value)
    }
}

impl fmt::Display for LifetimeValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = ConfidenceLevel::default();
        let ci = self.interval(level);
        write!(
            f,
            "{:.2} per customer over {} periods ({level} CI {:.2} to {:.2}, delta method; SE {:.2})",
            self.value + 0.0,
            self.horizon,
            ci.lower() + 0.0,
            ci.upper() + 0.0,
            self.std_err
        )?;
        if self.extrapolated {
            f.write_str(", extrapolated past the last observation")?;
        }
        Ok(())
    }
}

/// A lifetime value that cannot be computed: a margin or rate that is not a number it can
/// use. Nothing is computed.
#[derive(Debug, Clone, Copy, PartialEq, Error)]
#[non_exhaustive]
pub enum LifetimeValueError {
    /// A margin that is NaN, infinite or beyond ±[`MAX_MARGIN`].
    #[error(
        "margin {value}{} is invalid: a margin per period must be a finite number within ±1e15",
        period.map_or_else(String::new, |t| format!(" (period {t})"))
    )]
    #[non_exhaustive]
    Margin {
        /// The period of the margin curve it is at (`None` for a constant margin).
        period: Option<usize>,
        /// The margin.
        value: f64,
    },
    /// A discount rate that is negative, NaN or infinite.
    #[error(
        "discount rate {value} is invalid: a rate per period must be a finite number of at least 0 (0.01 for 1%)"
    )]
    #[non_exhaustive]
    Rate {
        /// The rate.
        value: f64,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discount_sums_are_accurate() {
        for rate in [0.0, 1e-14, 1e-6, 0.01, 0.5, 3.0] {
            let d = Discount::new(rate).unwrap();
            for (from, to) in [(0, 1), (0, 24), (5, 17), (3, 3)] {
                let direct: f64 = (from..to).map(|t| d.factor(t)).sum();
                let closed = d.sum(from, to);
                assert!(
                    (direct - closed).abs() <= 1e-12 * direct.max(1.0),
                    "{rate} {from} {to}: {direct} {closed}"
                );
            }
        }
        assert!(Discount::new(-0.1).is_err());
        assert!(Discount::new(f64::NAN).is_err());
        assert!(Discount::new(f64::INFINITY).is_err());
    }
}
