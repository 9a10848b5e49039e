//! [`rank_by_lower_bound`]; the user-facing documentation is on the function.

use crate::interval::Interval;

/// Sorts `(group, interval)` pairs best first by the interval's lower bound; ties are broken
/// by the upper bound (higher first), then by input order.
///
/// Sorting agents, products or channels by their raw mean or share rewards small samples: two
/// perfect answers beat five hundred good ones. Sorting by the interval's lower bound asks
/// instead "how good is this group *at least*, at this confidence?", which is what a ranking
/// should mean (the approach behind Evan Miller's "How Not To Sort By Average Rating", 2009,
/// with the Wilson lower bound). The interval method and level are the caller's, explicit at
/// the call site.
///
/// ```
/// use satisfaction::{Aggregator, ConfidenceLevel, Proportion, ProportionMethod};
/// use satisfaction::rank_by_lower_bound;
///
/// let groups = [
///     ("new agent", Proportion::from_counts(2, 0).unwrap()),      // 100% of 2
///     ("veteran", Proportion::from_counts(450, 50).unwrap()),     // 90% of 500
/// ];
/// let ranked = rank_by_lower_bound(groups.iter().map(|(name, p)| {
///     let ci = p.summary().unwrap().interval(ConfidenceLevel::P95, ProportionMethod::Wilson);
///     (*name, ci)
/// }));
/// assert_eq!(ranked[0].0, "veteran");
/// ```
#[must_use]
pub fn rank_by_lower_bound<K>(
    groups: impl IntoIterator<Item = (K, Interval)>,
) -> Vec<(K, Interval)> {
    let mut ranked: Vec<(K, Interval)> = groups.into_iter().collect();
    ranked.sort_by(|(_, a), (_, b)| {
        b.lower()
            .total_cmp(&a.lower())
            .then(b.upper().total_cmp(&a.upper()))
    });
    ranked
}
