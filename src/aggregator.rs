//! The [`Aggregator`] trait (record, merge, summarise), [`TryPush`] (raw input, checked) and
//! [`merge_all`].
//!
//! # One name per meaning
//!
//! | method | takes | can fail | where |
//! |---|---|---|---|
//! | [`record`](Aggregator::record) | a typed input ([`NpsScore`](crate::NpsScore), a [`Rating`](crate::Rating), a [`Response`](crate::Response)) | when the aggregator's configuration refuses it | every aggregator |
//! | [`push`](Aggregator::push) | a typed input | never: it exists only where nothing can be refused | aggregators whose [`Error`](Aggregator::Error) is [`Infallible`](std::convert::Infallible) |
//! | `try_push` | raw input (an integer score, a score and a weight, a row of values) | when the raw value is not a valid input | every aggregator with raw input, [`Grouped`](crate::Grouped) (`try_push(key, raw)`) and tuples ([`TryPush`]) |
//! | `try_extend_from_slice(s)` | a batch of raw input | all or nothing | the batch paths |
//!
//! Calling `push` on an aggregator that can refuse its input does not compile, and the
//! compiler's message names `record` and `try_push` instead.

use crate::error::{InputError, MergeError, NeverRefused};

/// The largest number of observations one aggregator holds: 2^63 − 1.
///
/// Merges, batch ingestion and deserialisation that would exceed it fail with an error; the
/// aggregator is left unchanged.
pub const MAX_COUNT: u64 = i64::MAX as u64;

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
    /// Why [`record`](Self::record) can refuse an input: [`Infallible`](std::convert::Infallible) when every value of
    /// [`Input`](Self::Input) can be recorded (then [`push`](Self::push) is available), an
    /// error such as [`InputError`] when the input carries a configuration
    /// of its own that must match the aggregator's (a rating's scale, a health score's model).
    type Error: std::error::Error + Send + Sync + 'static;

    /// Records one observation, or refuses it and changes nothing.
    ///
    /// # Errors
    ///
    /// [`Self::Error`] exactly when [`check`](Self::check) would fail.
    fn record(&mut self, input: Self::Input) -> Result<(), Self::Error>;

    /// Whether [`record`](Self::record) would accept `input`, without recording it.
    ///
    /// Composite aggregators (tuples, [`Grouped`](crate::Grouped)) check every part first, so
    /// that an input refused by one part changes no part.
    ///
    /// # Errors
    ///
    /// The error [`record`](Self::record) would return.
    fn check(&self, input: &Self::Input) -> Result<(), Self::Error>;

    /// Records one observation that cannot be refused: available when
    /// [`Error`](Self::Error) is [`Infallible`](std::convert::Infallible), so pushing an input the aggregator could refuse
    /// is a compile-time error (naming [`record`](Self::record) and `try_push`), never a
    /// silent no-op.
    fn push(&mut self, input: Self::Input)
    where
        Self::Error: NeverRefused,
    {
        if let Err(never) = self.record(input) {
            never.unreachable();
        }
    }

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

/// Raw input checked on the way in: the generic form of every aggregator's `try_push`.
///
/// Each aggregator with raw input has an inherent `try_push` (`Nps::try_push(9)`,
/// `WeightedNps::try_push(9, 1.5)`, `KaplanMeier::try_push(12, true)`) that needs no import;
/// this trait is what lets [`Grouped`](crate::Grouped) and tuples of aggregators take raw input
/// too: [`Grouped::try_push`](crate::Grouped::try_push)`(key, raw)` converts through the
/// group's configuration, and a tuple converts every part before recording any.
///
/// ```
/// use satisfaction::TryPush;
/// use satisfaction::{Aggregator, Csat, Grouped, Nps};
///
/// let mut both = (Nps::default(), Csat::default());
/// TryPush::try_push(&mut both, (9, 4))?;
/// assert!(TryPush::try_push(&mut both, (9, 6)).is_err()); // 6 is off the 1-5 scale...
/// assert_eq!(both.0.count(), 1); // ...so neither part recorded anything
///
/// let mut by_channel: Grouped<&str, Nps> = Grouped::default();
/// by_channel.try_push("chat", 10)?;
/// assert!(by_channel.try_push("email", 11).is_err());
/// assert_eq!(by_channel.len(), 1); // a refused input creates no group
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait TryPush<Raw>: Aggregator {
    /// Why a raw value can be refused.
    type Error: std::error::Error + Send + Sync + 'static;

    /// The typed input `raw` stands for under this aggregator's configuration, or why it
    /// stands for none. Records nothing. An input made here is one
    /// [`record`](Aggregator::record) accepts.
    ///
    /// # Errors
    ///
    /// [`Self::Error`](TryPush::Error) for raw input that is not a valid input.
    fn input(&self, raw: Raw) -> Result<Self::Input, <Self as TryPush<Raw>>::Error>;

    /// Checks `raw` and records it, or refuses it and changes nothing.
    ///
    /// # Errors
    ///
    /// As [`input`](Self::input).
    fn try_push(&mut self, raw: Raw) -> Result<(), <Self as TryPush<Raw>>::Error>;
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

/// Implements [`Aggregator`] for tuples of aggregators: every part records the same
/// observation's part, merges are all or nothing, and the parts stay reachable as `.0`, `.1`, ...
macro_rules! impl_tuple {
    ($($part:ident . $index:tt),+) => {
        /// A tuple of aggregators is one aggregator: one observation is one input per part, so
        /// several metrics per segment need no hand-written struct
        /// (`Grouped<K, (Nps, Csat, FirstResponseTime)>`).
        ///
        /// [`record`](Aggregator::record) checks every part before recording any, and
        /// [`merge`](Aggregator::merge) merges every part or none. The summary has each part's
        /// summary and is `None` only when every part's is; the count is the largest part's
        /// (parts can be pushed on their own through `.0`, `.1`, ...).
        impl<$($part),+> Aggregator for ($($part,)+)
        where
            $($part: Aggregator + Clone, $part::Error: Into<InputError>,)+
        {
            type Input = ($($part::Input,)+);
            type Summary = ($(Option<$part::Summary>,)+);
            type Error = InputError;

            fn record(&mut self, input: Self::Input) -> Result<(), InputError> {
                self.check(&input)?;
                $(self.$index.record(input.$index).map_err(Into::into)?;)+
                Ok(())
            }

            fn check(&self, input: &Self::Input) -> Result<(), InputError> {
                $(self.$index.check(&input.$index).map_err(Into::into)?;)+
                Ok(())
            }

            fn merge(&mut self, other: &Self) -> Result<(), MergeError> {
                // Merge into copies, so that a part refusing leaves every part unchanged.
                let merged = ($({
                    let mut part = self.$index.clone();
                    part.merge(&other.$index)?;
                    part
                },)+);
                *self = merged;
                Ok(())
            }

            fn summary(&self) -> Option<Self::Summary> {
                let summaries = ($(self.$index.summary(),)+);
                let any = false $(|| summaries.$index.is_some())+;
                any.then_some(summaries)
            }

            fn count(&self) -> u64 {
                0 $(.max(self.$index.count()))+
            }
        }
    };
}

/// Implements [`TryPush`] for tuples: raw input is a tuple of each part's raw input, every
/// part is converted before any records.
macro_rules! impl_tuple_try_push {
    ($($part:ident $raw:ident . $index:tt),+) => {
        impl<$($part, $raw),+> TryPush<($($raw,)+)> for ($($part,)+)
        where
            $($part: TryPush<$raw> + Clone,
              <$part as Aggregator>::Error: Into<InputError>,
              <$part as TryPush<$raw>>::Error: Into<InputError>,)+
        {
            type Error = InputError;

            fn input(&self, raw: ($($raw,)+)) -> Result<Self::Input, InputError> {
                Ok(($(self.$index.input(raw.$index).map_err(Into::into)?,)+))
            }

            fn try_push(&mut self, raw: ($($raw,)+)) -> Result<(), InputError> {
                let input = self.input(raw)?;
                self.record(input)
            }
        }
    };
}

impl_tuple_try_push!(A RA.0, B RB.1);
impl_tuple_try_push!(A RA.0, B RB.1, C RC.2);
impl_tuple_try_push!(A RA.0, B RB.1, C RC.2, D RD.3);

impl_tuple!(A.0, B.1);
impl_tuple!(A.0, B.1, C.2);
impl_tuple!(A.0, B.1, C.2, D.3);
impl_tuple!(A.0, B.1, C.2, D.3, E.4);
impl_tuple!(A.0, B.1, C.2, D.3, E.4, F.5);
impl_tuple!(A.0, B.1, C.2, D.3, E.4, F.5, G.6);
impl_tuple!(A.0, B.1, C.2, D.3, E.4, F.5, G.6, H.7);

/// Implements `Extend<T>` and `Extend<&T>` by pushing each item, and, with `from_iter`, also
/// `FromIterator<T>` and `FromIterator<&T>` starting from `Default`.
macro_rules! impl_collect {
    ($aggregator:ty, $input:ty) => {
        impl Extend<$input> for $aggregator {
            fn extend<I: IntoIterator<Item = $input>>(&mut self, items: I) {
                for item in items {
                    $crate::aggregator::Aggregator::push(self, item);
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

/// Implements [`TryPush`] from the aggregator's conversion of raw input, `$convert: fn(&Self,
/// Raw) -> Result<Input, Error>`; `try_push` converts and records. The inherent `try_push` of
/// each type forwards to the trait, so each rule is written once.
macro_rules! impl_try_push {
    (<$($generic:ident: $bound:path),*> $aggregator:ty, $raw:ty, $error:ty, $convert:expr) => {
        impl<$($generic: $bound),*> $crate::aggregator::TryPush<$raw> for $aggregator {
            type Error = $error;

            #[inline]
            fn input(&self, raw: $raw) -> Result<<Self as $crate::aggregator::Aggregator>::Input, $error> {
                let convert: fn(&Self, $raw) -> Result<<Self as $crate::aggregator::Aggregator>::Input, $error> =
                    $convert;
                convert(self, raw)
            }

            #[inline]
            fn try_push(&mut self, raw: $raw) -> Result<(), $error> {
                let input = $crate::aggregator::TryPush::<$raw>::input(self, raw)?;
                // An input made by this aggregator's own configuration is one it records:
                // `record` cannot refuse it.
                let _ = $crate::aggregator::Aggregator::record(self, input);
                Ok(())
            }
        }
    };
}
pub(crate) use impl_try_push;

/// Records `left[i]` paired with `right[i]` as raw input, all or nothing: the batch form of
/// `try_push((left, right))` (a score and its weight).
pub(crate) fn try_extend_pairs<A, T, U>(
    aggregator: &mut A,
    left: &[T],
    right: &[U],
) -> Result<(), crate::error::BatchError>
where
    A: TryPush<(T, U)> + Clone,
    <A as TryPush<(T, U)>>::Error: Into<InputError>,
    T: Copy,
    U: Copy,
{
    check_batch(left.len(), right.len(), aggregator.count())?;
    let mut next = aggregator.clone();
    for (index, (&l, &r)) in left.iter().zip(right).enumerate() {
        next.try_push((l, r))
            .map_err(|source| crate::error::BatchError::Rejected {
                index,
                source: source.into(),
            })?;
    }
    *aggregator = next;
    Ok(())
}

/// The checks a batch of pairs passes before anything is recorded: the slices pair up, and the
/// total stays within [`MAX_COUNT`](crate::MAX_COUNT).
pub(crate) fn check_batch(
    left: usize,
    right: usize,
    count: u64,
) -> Result<(), crate::error::BatchError> {
    if left != right {
        return Err(crate::error::BatchError::LengthMismatch { left, right });
    }
    if (left as u64)
        .checked_add(count)
        .is_none_or(|total| total > MAX_COUNT)
    {
        return Err(crate::error::BatchError::CountOverflow {
            len: left,
            count,
            limit: MAX_COUNT,
        });
    }
    Ok(())
}

/// The error for merging `left` and `right` observations when together they exceed
/// [`MAX_COUNT`](crate::MAX_COUNT); checked before a merge touches anything.
pub(crate) fn check_merge_total(left: u64, right: u64) -> Result<(), crate::error::MergeError> {
    if left
        .checked_add(right)
        .is_none_or(|total| total > MAX_COUNT)
    {
        return Err(crate::error::MergeError::CountOverflow {
            left,
            right,
            limit: MAX_COUNT,
        });
    }
    Ok(())
}
