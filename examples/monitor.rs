//! Watching a metric every day: fixed-n intervals against anytime-valid confidence sequences.
//!
//! `cargo run --example monitor`
//!
//! Part 1: 90 days of yes/no "were you satisfied?" answers, 25 a day. One stream is stable at
//! 85%; the other really drops to 65% at day 45. The rule is "the satisfied share is below
//! 80%", checked every evening; the example prints the weekly state and the day each method
//! first raises the alarm.
//!
//! Part 2: 1,000 seeded simulated stable streams of 2,000 answers (true share 0.3), checked
//! every 10 answers: how often does each method, at some check, exclude the true share?

use satisfaction::interval::{ProportionMethod, proportion, sequence_excludes};
use satisfaction::monitor::{Monitor, Rule};
use satisfaction::{Aggregator, ConfidenceLevel, Proportion};

/// xorshift64: a tiny deterministic generator, so the example needs no `rand`.
struct Rng(u64);

impl Rng {
    fn uniform(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn watch(name: &str, drop_at: Option<u32>, rng: &mut Rng) {
    let level = ConfidenceLevel::P95;
    let mut monitor = Monitor::new(Proportion::default(), Rule::Below(0.8), level);
    let (mut fixed_alarm, mut sequence_alarm) = (None, None);
    println!("{name}:");
    println!("  day   n    share   fixed-n 95% (Wilson)   confidence sequence 95%");
    for day in 1..=90u32 {
        let share = match drop_at {
            Some(d) if day >= d => 0.65,
            _ => 0.85,
        };
        for _ in 0..25 {
            monitor.push(rng.uniform() < share);
        }
        let Some(check) = monitor.check() else {
            continue;
        };
        if check.fixed_interval_says() && fixed_alarm.is_none() {
            fixed_alarm = Some(day);
        }
        if check.established() && sequence_alarm.is_none() {
            sequence_alarm = Some(day);
        }
        if day % 7 == 0 {
            let (f, s) = (check.fixed_interval(), check.band());
            println!(
                "  {day:>3} {:>5}  {:.3}   [{:.3}, {:.3}]         [{:.3}, {:.3}]",
                check.count(),
                check.estimate(),
                f.lower(),
                f.upper(),
                s.lower(),
                s.upper()
            );
        }
    }
    let day = |d: Option<u32>| d.map_or("never".to_owned(), |d| format!("day {d}"));
    println!(
        "  alarm \"share below 80%\": fixed-n interval {}, confidence sequence {}\n",
        day(fixed_alarm),
        day(sequence_alarm)
    );
}

fn main() {
    let mut rng = Rng(0x5eed_2026_1125_0001);
    watch("Stable stream (85% all along)", None, &mut rng);
    watch(
        "Dropping stream (85%, then 65% from day 45)",
        Some(45),
        &mut rng,
    );

    let level = ConfidenceLevel::P95;
    let (streams, answers, p) = (1000, 2000u64, 0.3);
    let (mut fixed, mut sequence) = (0, 0);
    for _ in 0..streams {
        let (mut x, mut fixed_hit, mut sequence_hit) = (0u64, false, false);
        for n in 1..=answers {
            x += u64::from(rng.uniform() < p);
            if n % 10 == 0 {
                fixed_hit |= proportion(x, n, level, ProportionMethod::Wilson)
                    .is_ok_and(|ci| !ci.contains(p));
                sequence_hit |= sequence_excludes(x, n, p, level, 1000).unwrap_or(false);
            }
        }
        fixed += usize::from(fixed_hit);
        sequence += usize::from(sequence_hit);
    }
    println!(
        "{streams} stable streams of {answers} answers (true share {p}), checked every 10 answers:"
    );
    println!(
        "  false-alarm rate, fixed-n Wilson 95%:        {:.3}",
        fixed as f64 / f64::from(streams)
    );
    println!(
        "  false-alarm rate, confidence sequence 95%:   {:.3}",
        sequence as f64 / f64::from(streams)
    );
    let summary = Proportion::from_counts(600, 1400)
        .expect("counts within the limit")
        .summary()
        .expect("non-empty");
    let (fixed_width, sequence_width) = (
        summary.interval(level, ProportionMethod::Wilson).width(),
        summary.confidence_sequence(level).width(),
    );
    println!(
        "  the price: at n = 2,000 the sequence is {:.2}x as wide as the fixed-n interval",
        sequence_width / fixed_width
    );
}
