//! [`Slots`]: the category axis of periods and segments, and the labels of its ticks.

use std::ops::Range;

use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};

/// A category axis: one slot per period or segment, centred on 0, 1, 2, ..., with half a
/// slot of room at each end and a tick at every `step`-th slot. Slot 0 is at the axis' start
/// (left, or bottom) or, [`downward`](Self::downward), at the top, so that the first segment
/// reads first on screen and in the SVG's text order.
///
/// plotters' own ways to pin ticks (`with_key_points`, segmented integer ranges) do not carry
/// a value formatter for `f64`, so this is plotters' [`Ranged`] trait on an `f64` slot index;
/// drawing in `f64` lets a bar be 0.64 slots thick.
#[derive(Debug, Clone, Copy)]
pub(super) struct Slots {
    count: usize,
    step: usize,
    downward: bool,
}

impl Slots {
    /// `count` slots (at least one), labelled every `step` (at least 1), from the start.
    pub(super) fn new(count: usize, step: usize) -> Self {
        Self {
            count: count.max(1),
            step: step.max(1),
            downward: false,
        }
    }

    /// `count` slots, each labelled, on a vertical axis from the top down.
    pub(super) fn downward(count: usize) -> Self {
        Self {
            downward: true,
            ..Self::new(count, 1)
        }
    }
}

impl Ranged for Slots {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, (from, to): (i32, i32)) -> i32 {
        let count = self.count as f64;
        // plotters passes a vertical axis' limits bottom first.
        let position = if self.downward {
            count - 1.0 - value
        } else {
            *value
        };
        let share = (position + 0.5) / count;
        // An `as` cast saturates, so a value far outside the axis cannot overflow.
        (f64::from(from) + f64::from(to - from) * share).round() as i32
    }

    fn key_points<H: KeyPointHint>(&self, hint: H) -> Vec<f64> {
        // Ticks and their grid lines only: no light lines between slots.
        if hint.weight().allow_light_points() {
            return Vec::new();
        }
        (0..self.count)
            .step_by(self.step)
            .map(|i| i as f64)
            .collect()
    }

    fn range(&self) -> Range<f64> {
        -0.5..self.count as f64 - 0.5
    }
}

/// The label of the slot at `value` (a tick of a [`Slots`] axis) out of `labels`.
pub(super) fn slot_label(labels: &[String], value: f64) -> String {
    let slot = value.round();
    if !(0.0..labels.len() as f64).contains(&slot) {
        return String::new();
    }
    labels.get(slot as usize).cloned().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use plotters::coord::ranged1d::BoldPoints;

    #[test]
    fn slots_run_either_way() {
        let across = Slots::new(4, 1);
        assert_eq!(across.map(&0.0, (0, 400)), 50);
        assert_eq!(across.map(&3.0, (0, 400)), 350);
        // A vertical axis gets its limits bottom first: slot 0 is at the top.
        let down = Slots::downward(4);
        assert_eq!(down.map(&0.0, (400, 0)), 50);
        assert_eq!(down.map(&3.0, (400, 0)), 350);
        assert_eq!(across.map(&f64::MAX, (0, 400)), i32::MAX);
        assert_eq!(Slots::new(5, 2).key_points(BoldPoints(10)), [0.0, 2.0, 4.0]);
    }

    #[test]
    fn slots_map_to_labels() {
        let labels = ["a".to_owned(), "b".to_owned(), "c".to_owned()];
        assert_eq!(slot_label(&labels, 0.0), "a");
        assert_eq!(slot_label(&labels, 2.2), "c");
        assert_eq!(slot_label(&labels, -1.0), "");
        assert_eq!(slot_label(&labels, 3.0), "");
        assert_eq!(slot_label(&labels, f64::NAN), "");
    }
}
