//! The [`Aggregator`] trait: push, merge, summarise.

use crate::error::MergeError;

/// A streaming, mergeable summary of observations.
///
/// Every metric in the crate is an `Aggregator`: feed it validated observations one at a time
/// with [`push`](Self::push), combine partial results computed elsewhere (another thread, another
/// machine) with [`merge`](Self::merge), and read the result with [`summary`](Self::summary) as
/// often as you like.
///
/// # Laws
///
/// Every implementation obeys these, and the crate's property tests check them for each one:
///
/// 1. **Identity.** The empty aggregator (`Default::default()` where the type has a default,
///    otherwise a freshly constructed one with the same configuration) is the identity of merge:
///    `a.merge(&empty)` and `empty.merge(&a)` both leave a summary equal to `a`'s.
/// 2. **Associativity.** `(a ⊕ b) ⊕ c == a ⊕ (b ⊕ c)`.
/// 3. **Commutativity.** `a ⊕ b == b ⊕ a`.
/// 4. **Split-merge.** Splitting a stream anywhere, aggregating the parts separately and merging
///    gives the same summary as one pass over the whole stream.
///
/// For the count-based aggregators (NPS, CSAT, CES) these hold exactly, bit for bit, because their
/// state is integer counts and every floating-point number is computed from the counts only when
/// summarising.
///
/// Summarising never consumes or changes the state; an empty aggregator has no summary (`None`),
/// never a NaN or a zero.
///
/// # Example: merging partial results from threads
///
/// ```
/// use std::thread;
/// use satisfaction::{Aggregator, Nps};
///
/// let scores: Vec<u8> = (0..10_000).map(|i| (i % 11) as u8).collect();
/// let partials: Vec<Nps> = thread::scope(|s| {
///     let handles: Vec<_> = scores
///         .chunks(2_500)
///         .map(|chunk| s.spawn(move || {
///             let mut nps = Nps::default();
///             nps.try_extend_from_slice(chunk).expect("valid scores");
///             nps
///         }))
///         .collect();
///     handles.into_iter().map(|h| h.join().unwrap()).collect()
/// });
///
/// let mut total = Nps::default();
/// for part in &partials {
///     total.merge(part)?;
/// }
///
/// let mut one_pass = Nps::default();
/// one_pass.try_extend_from_slice(&scores)?;
/// assert_eq!(total.summary(), one_pass.summary());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait Aggregator {
    /// One validated observation.
    type Input;
    /// What [`summary`](Self::summary) returns: the estimate and everything needed for its
    /// confidence interval.
    type Summary;

    /// Records one observation.
    ///
    /// The input type is valid by construction, so recording cannot fail. Raw values go through
    /// each aggregator's `try_push`.
    fn push(&mut self, input: Self::Input);

    /// Adds everything `other` has recorded to `self`.
    ///
    /// # Errors
    ///
    /// [`MergeError::ConfigurationMismatch`] when the two were configured differently (scale,
    /// threshold, accuracy...), and [`MergeError::CountOverflow`] when the merged count would
    /// exceed [`MAX_COUNT`](crate::MAX_COUNT). On error `self` is unchanged.
    fn merge(&mut self, other: &Self) -> Result<(), MergeError>;

    /// The summary of everything recorded so far, or `None` if nothing has been.
    fn summary(&self) -> Option<Self::Summary>;

    /// How many observations have been recorded.
    fn count(&self) -> u64;

    /// Whether nothing has been recorded.
    fn is_empty(&self) -> bool {
        self.count() == 0
    }
}

/// Merges a sequence of partial results into one: `Ok(None)` for an empty sequence.
///
/// This is the reducer's half of a distributed computation: workers each aggregate their share
/// and send their partial state; the reducer merges them.
///
/// # Errors
///
/// The first [`MergeError`] met, for example two parts configured differently.
///
/// # Example
///
/// ```
/// use satisfaction::{merge_all, Aggregator, Nps, NpsScore};
///
/// let parts: Vec<Nps> = [[10u8, 9], [3, 8]]
///     .iter()
///     .map(|scores| scores.iter().map(|&s| NpsScore::new(s).unwrap()).collect())
///     .collect();
/// let total = merge_all(&parts)?.expect("two parts");
/// assert_eq!(total.count(), 4);
/// assert_eq!(merge_all::<Nps, _>([])?, None);
/// # Ok::<(), satisfaction::MergeError>(())
/// ```
pub fn merge_all<'a, A, I>(parts: I) -> Result<Option<A>, MergeError>
where
    A: Aggregator + Clone + 'a,
    I: IntoIterator<Item = &'a A>,
{
    let mut parts = parts.into_iter();
    let Some(first) = parts.next() else {
        return Ok(None);
    };
    let mut total = first.clone();
    for part in parts {
        total.merge(part)?;
    }
    Ok(Some(total))
}

/// Implements `Extend<T>` and `Extend<&T>` by pushing each item, and, with `from_iter`, also
/// `FromIterator<T>` and `FromIterator<&T>` starting from `Default`.
macro_rules! impl_collect {
    ($aggregator:ty, $input:ty) => {
        impl Extend<$input> for $aggregator {
            fn extend<I: IntoIterator<Item = $input>>(&mut self, items: I) {
                for item in items {
                    $crate::Aggregator::push(self, item);
                }
            }
        }

        impl<'a> Extend<&'a $input> for $aggregator {
            fn extend<I: IntoIterator<Item = &'a $input>>(&mut self, items: I) {
                self.extend(items.into_iter().copied());
            }
        }
    };
    ($aggregator:ty, $input:ty, from_iter) => {
        $crate::aggregator::impl_collect!($aggregator, $input);

        impl FromIterator<$input> for $aggregator {
            fn from_iter<I: IntoIterator<Item = $input>>(items: I) -> Self {
                let mut aggregator = Self::default();
                aggregator.extend(items);
                aggregator
            }
        }

        impl<'a> FromIterator<&'a $input> for $aggregator {
            fn from_iter<I: IntoIterator<Item = &'a $input>>(items: I) -> Self {
                items.into_iter().copied().collect()
            }
        }
    };
}
pub(crate) use impl_collect;

/// The error for merging `left` and `right` observations when together they exceed
/// [`MAX_COUNT`](crate::MAX_COUNT); checked before a merge touches anything.
pub(crate) fn check_merge_total(left: u64, right: u64) -> Result<(), crate::MergeError> {
    if left
        .checked_add(right)
        .is_none_or(|total| total > crate::MAX_COUNT)
    {
        return Err(crate::MergeError::CountOverflow {
            left,
            right,
            limit: crate::MAX_COUNT,
        });
    }
    Ok(())
}
