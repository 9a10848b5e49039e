//! The business-duration algorithm behind [`BusinessCalendar::business_duration`].
//!
//! The open time between instants `a < b` is the measure of the set of instants in `[a, b)`
//! that lie in a resolved opening interval of a non-holiday local date. Each interval's wall
//! times are turned into instants by the "compatible" rule ([`Zone`](super::Zone)), and its
//! length is the real time between them, so an interval that contains a DST change is an hour
//! shorter or longer than its wall-clock length. Around a gap, two resolved intervals can
//! overlap (a wall time in the gap lands after the gap's end); the set counts such instants
//! once.
//!
//! Cost. Most days of a long span are *plain*: the UTC offset is constant from the day before
//! to the day after, so every interval's real length is its wall-clock length, and a run of
//! plain days is summed arithmetically from per-weekday totals (whole weeks times the weekly
//! total, plus the remaining weekdays from a prefix sum, minus the holidays in the run from a
//! prefix sum over the sorted holidays). Only the days at both ends of the span and the days
//! around each DST transition are walked interval by interval, resolved through the zone and
//! merged. A span therefore costs O(log holidays + transitions in the span): a one-year ticket
//! in New York walks about a dozen days.

use super::zone::DAY;
use super::{BusinessCalendar, Weekday};

impl BusinessCalendar {
    /// Open seconds in `[a, b)`; `a` and `b` within `EARLIEST..=LATEST + 1`.
    pub(crate) fn open_seconds(&self, a: i64, b: i64) -> u64 {
        if a >= b {
            return 0;
        }
        let (offset_a, offset_b) = (self.zone.offset_at(a), self.zone.offset_at(b));
        let first = (a + offset_a).div_euclid(DAY) - 1;
        let last = (b + offset_b).div_euclid(DAY) + 1;
        // Days to walk one by one: both ends, and around every DST transition the span
        // touches (the local dates before and after the change, and one day either side, so
        // that the days summed arithmetically have one offset from the day before to the day
        // after, including the midnight that ends them). The ends alone have the offset of
        // `a` or `b` throughout; days near a transition are resolved through the zone.
        let mut walk: Vec<(i64, i64, Option<i64>)> = vec![(first, first + 1, Some(offset_a))];
        for (at, before, after) in self.zone.transitions(a - 5 * DAY, b + 5 * DAY) {
            let (d1, d2) = ((at + before).div_euclid(DAY), (at + after).div_euclid(DAY));
            walk.push((d1.min(d2) - 1, d1.max(d2) + 1, None));
        }
        walk.push((last - 1, last, Some(offset_b)));
        walk.sort_unstable();

        let mut total = 0;
        let mut next_day = first; // the first day not yet counted
        let mut buffer = Vec::new();
        let mut pending: Option<(i64, i64, Option<i64>)> = None;
        for (lo, hi, offset) in walk {
            let (lo, hi) = (lo.max(first), hi.min(last));
            if lo > hi {
                continue;
            }
            pending = match pending {
                Some((plo, phi, poffset)) if lo <= phi + 1 => {
                    let same = if poffset == offset { offset } else { None };
                    Some((plo, phi.max(hi), same))
                }
                Some((plo, phi, poffset)) => {
                    total += self.plain_days(next_day, plo);
                    total += self.walk_days(plo, phi, poffset, (a, b), &mut buffer);
                    next_day = phi + 1;
                    Some((lo, hi, offset))
                }
                None => Some((lo, hi, offset)),
            };
        }
        if let Some((plo, phi, poffset)) = pending {
            total += self.plain_days(next_day, plo);
            total += self.walk_days(plo, phi, poffset, (a, b), &mut buffer);
        }
        total
    }

    /// Open seconds of the plain days `from..to` (all of whose intervals lie inside the span).
    fn plain_days(&self, from: i64, to: i64) -> u64 {
        if from >= to {
            return 0;
        }
        let n = (to - from) as u64;
        let weekday = (from + 3).rem_euclid(7) as usize;
        let rest = (n % 7) as usize;
        let weeks = n / 7 * self.prefix[7];
        let partial = self.prefix[weekday + rest] - self.prefix[weekday];
        let i = self.holidays.partition_point(|&h| h < from);
        let j = self.holidays.partition_point(|&h| h < to);
        weeks + partial - (self.holiday_prefix[j] - self.holiday_prefix[i])
    }

    /// Open seconds of days `lo..=hi` inside `[a, b)`, interval by interval: resolved (with
    /// `offset` throughout when it is known to be constant, else through the zone), clipped,
    /// sorted and merged so that no instant counts twice.
    fn walk_days(
        &self,
        lo: i64,
        hi: i64,
        offset: Option<i64>,
        (a, b): (i64, i64),
        buffer: &mut Vec<(i64, i64)>,
    ) -> u64 {
        buffer.clear();
        for day in lo..=hi {
            if self.is_holiday(day) {
                continue;
            }
            let mut push = |(s, e): (i64, i64)| {
                let (s, e) = (s.max(a), e.min(b));
                if s < e {
                    buffer.push((s, e));
                }
            };
            match offset {
                Some(offset) => {
                    let midnight = day * DAY - offset;
                    for &(s, e) in &self.week[Weekday::of_day(day).index()] {
                        push((midnight + s, midnight + e));
                    }
                }
                None => self.resolved(day).for_each(push),
            }
        }
        buffer.sort_unstable();
        let mut total = 0;
        let mut covered = i64::MIN; // end of what has been counted
        for &(s, e) in buffer.iter() {
            let s = s.max(covered);
            if s < e {
                total += (e - s) as u64;
                covered = e;
            }
        }
        total
    }
}
