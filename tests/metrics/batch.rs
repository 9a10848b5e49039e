//! Batch paths keep every guarantee of the single-item paths: a bad value anywhere (first,
//! last, every position of the first rows, around the block edge and in the ragged tail of the
//! kernel) is an error naming its index and value, and the aggregator is unchanged.

use satisfaction::{Aggregator, BatchError, Ces, CesScale, Csat, Grouped, Nps};

/// The kernel's block (255 rows of 32 values), one more row and a ragged tail.
const BLOCK: usize = 255 * 32;
const LEN: usize = BLOCK + 32 + 5;

/// Every position of the first two rows and a half, around the block edge, and at the end.
fn positions() -> impl Iterator<Item = usize> {
    (0..80).chain(BLOCK - 40..BLOCK + 37).chain(LEN - 3..LEN)
}

fn valid(len: usize, lo: u8, hi: u8) -> Vec<u8> {
    (0..len)
        .map(|i| lo + (i % usize::from(hi - lo + 1)) as u8)
        .collect()
}

fn check<A, F>(mut aggregator: A, lo: u8, hi: u8, bad: &[u32], ingest: F)
where
    A: Aggregator + Clone + PartialEq + std::fmt::Debug,
    F: Fn(&mut A, &[u32]) -> Result<(), BatchError>,
{
    // Some state to protect.
    let base: Vec<u32> = valid(100, lo, hi).into_iter().map(u32::from).collect();
    ingest(&mut aggregator, &base).unwrap();
    let before = aggregator.clone();
    for &value in bad {
        for position in positions() {
            let mut values: Vec<u32> = valid(LEN, lo, hi).into_iter().map(u32::from).collect();
            values[position] = value;
            match ingest(&mut aggregator, &values) {
                Err(BatchError::OutOfRange { index, source, .. }) => {
                    assert_eq!(index, position);
                    assert_eq!(source.value, i128::from(value));
                }
                other => panic!("bad value {value} at {position}: {other:?}"),
            }
            assert_eq!(aggregator, before, "changed by a failed batch");
        }
    }
    let mut all: Vec<u32> = valid(LEN, lo, hi).into_iter().map(u32::from).collect();
    all.push(u32::from(hi));
    ingest(&mut aggregator, &all).unwrap();
    assert_eq!(aggregator.count(), before.count() + all.len() as u64);
}

/// Runs `check` through the u8, u16, u32 and i64 element types.
macro_rules! all_widths {
    ($make:expr, $lo:expr, $hi:expr, $bad_u8:expr, $bad_wide:expr) => {
        check($make, $lo, $hi, &$bad_u8, |a, v| {
            a.try_extend_from_slice(&v.iter().map(|&x| x as u8).collect::<Vec<_>>())
        });
        check($make, $lo, $hi, &$bad_wide, |a, v| {
            a.try_extend_from_slice(&v.iter().map(|&x| x as u16).collect::<Vec<_>>())
        });
        check($make, $lo, $hi, &$bad_wide, |a, v| {
            a.try_extend_from_slice(v)
        });
        check($make, $lo, $hi, &$bad_wide, |a, v| {
            a.try_extend_from_slice(&v.iter().map(|&x| i64::from(x)).collect::<Vec<_>>())
        });
    };
}

#[test]
fn nps_batches() {
    all_widths!(Nps::default(), 0, 10, [11, 255], [11, 256, 65_535]);
}

#[test]
fn csat_batches() {
    all_widths!(Csat::default(), 1, 5, [0, 6], [0, 6, 300]);
}

#[test]
fn ces_batches() {
    all_widths!(
        Ces::new(CesScale::AGREEMENT_7),
        1,
        7,
        [0, 8],
        [0, 8, 60_000]
    );
}

#[test]
fn wide_values_are_counted_like_bytes() {
    let bytes = valid(LEN, 0, 10);
    let wide: Vec<u32> = bytes.iter().map(|&b| u32::from(b)).collect();
    let (mut a, mut b) = (Nps::default(), Nps::default());
    a.try_extend_from_slice(&bytes).unwrap();
    b.try_extend_from_slice(&wide).unwrap();
    let signed: Vec<i64> = bytes.iter().map(|&b| i64::from(b)).collect();
    let mut c = Nps::default();
    c.try_extend_from_slice(&signed).unwrap();
    assert_eq!(a, c);
    assert_eq!(a, b);
}

#[test]
fn grouped_batches_are_all_or_nothing() {
    let keys: Vec<u32> = (0..LEN as u32).map(|i| i % 37).collect();
    let mut grouped: Grouped<u32, Nps> = Grouped::default();
    grouped
        .try_extend_from_slices(&keys, &valid(LEN, 0, 10))
        .unwrap();
    let before = grouped.clone();
    for position in [
        0,
        1,
        31,
        32,
        33,
        BLOCK - 1,
        BLOCK,
        BLOCK + 1,
        LEN / 2,
        LEN - 1,
    ] {
        let mut scores = valid(LEN, 0, 10);
        scores[position] = 11;
        let err = grouped.try_extend_from_slices(&keys, &scores).unwrap_err();
        assert!(matches!(err, BatchError::OutOfRange { index, .. } if index == position));
        assert_eq!(grouped, before);
    }
    assert!(matches!(
        grouped.try_extend_from_slices(&keys[1..], &valid(LEN, 0, 10)),
        Err(BatchError::LengthMismatch { .. })
    ));
    assert_eq!(grouped, before);
    // Dense and sparse key paths agree.
    let big: Vec<u64> = keys.iter().map(|&k| u64::from(k) + (1 << 40)).collect();
    let mut sparse: Grouped<u64, Nps> = Grouped::default();
    sparse
        .try_extend_from_slices(&big, &valid(LEN, 0, 10))
        .unwrap();
    for (k, nps) in before.iter() {
        assert_eq!(sparse.get(&(u64::from(*k) + (1 << 40))), Some(nps));
    }
}

/// The state sizes stated in the aggregators' docs and the README.
#[test]
fn state_sizes_are_as_documented() {
    use satisfaction::churn::RevenueChurn;
    use satisfaction::support::DurationSketch;
    use satisfaction::*;
    use std::mem::size_of;
    let sizes = [
        size_of::<Nps>(),
        size_of::<Csat>(),
        size_of::<Ces>(),
        size_of::<Churn>(),
        size_of::<RevenueChurn>(),
        size_of::<Abandonment>(),
        size_of::<FirstContactResolution>(),
        size_of::<FirstResponseTime>(),
        size_of::<DurationSketch>(),
        size_of::<Proportion>(),
        size_of::<OptionCounts>(),
        size_of::<HealthAggregate>(),
        size_of::<Scorecard>(),
    ];
    assert_eq!(
        sizes,
        [24, 104, 104, 24, 96, 80, 40, 192, 128, 16, 32, 64, 144]
    );
}

#[test]
fn negative_and_huge_values_are_refused_by_every_signed_width() {
    let mut nps = Nps::default();
    let err = nps.try_extend_from_slice(&[9_i64, -1, 10]).unwrap_err();
    assert!(matches!(err, BatchError::OutOfRange { index: 1, source, .. } if source.value == -1));
    let err = nps.try_extend_from_slice(&[i64::MIN]).unwrap_err();
    assert!(
        matches!(err, BatchError::OutOfRange { index: 0, source, .. } if source.value == i128::from(i64::MIN))
    );
    assert!(nps.try_extend_from_slice(&[266_u16]).is_err()); // not 10 as u8
    assert!(nps.try_push(u64::MAX).is_err());
    assert_eq!(nps.count(), 0);
}
