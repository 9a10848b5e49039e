//! Kaplan-Meier curves against R 4.2.2 with `survival` 3.5-3, on every row of the committed
//! fixtures in `tests/reference/retention/` (written by `generate_retention.R`; its header and
//! README document each R convention): survival, standard errors, the three interval types at
//! 95% and 90%, numbers at risk, quantiles with their limits, restricted means and the
//! log-rank test, each to 1e-9 relative.
//!
//! Two differences are documented and counted rather than skipped silently: where S = 1 the
//! log-log interval is [1, 1] here and `NA` in survival 3.5-3 (later versions agree with
//! [1, 1]); where S = 0 the standard error is 0 here (the delta method's limit) and `NaN` in R,
//! whose interval there is `NA`, as `checked_interval_at` returns `None`.

use std::collections::{BTreeMap, HashMap};

use satisfaction::retention::{KaplanMeier, KaplanMeierSummary, SurvivalInterval, log_rank};
use satisfaction::{Aggregator, ConfidenceLevel};

struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    fn read(name: &str) -> Table {
        let path = format!(
            "{}/tests/reference/retention/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let mut lines = text.lines();
        let header = lines
            .next()
            .expect("a header")
            .split(',')
            .map(str::to_owned)
            .collect();
        let rows = lines
            .filter(|l| !l.is_empty())
            .map(|l| l.split(',').map(str::to_owned).collect())
            .collect();
        Table { header, rows }
    }

    fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        self.rows.iter().map(move |r| Row {
            table: self,
            row: r,
        })
    }

    /// Consecutive rows with the same values in `key` (the fixtures are written in blocks).
    fn blocks(&self, key: &[&str]) -> Vec<(Vec<String>, Vec<Row<'_>>)> {
        let mut out: Vec<(Vec<String>, Vec<Row<'_>>)> = Vec::new();
        for row in self.rows() {
            let k: Vec<String> = key.iter().map(|c| row.s(c).to_owned()).collect();
            match out.last_mut() {
                Some((last, rows)) if *last == k => rows.push(row),
                _ => out.push((k, vec![row])),
            }
        }
        out
    }
}

struct Row<'a> {
    table: &'a Table,
    row: &'a [String],
}

impl Row<'_> {
    fn s(&self, name: &str) -> &str {
        let i = self
            .table
            .header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name}"));
        &self.row[i]
    }

    /// `None` for an empty field (R's NA or NaN).
    fn f(&self, name: &str) -> Option<f64> {
        let v = self.s(name);
        (!v.is_empty()).then(|| v.parse().unwrap_or_else(|_| panic!("bad number {v}")))
    }

    fn u(&self, name: &str) -> u64 {
        self.s(name).parse().expect("an integer")
    }
}

/// Counts every comparison and the worst relative difference; fails with the list.
#[derive(Default)]
struct Checker {
    checked: usize,
    failures: Vec<String>,
    worst: f64,
    documented: usize,
}

impl Checker {
    fn num(&mut self, what: &str, ours: Option<f64>, r: Option<f64>) {
        self.checked += 1;
        let ok = match (ours, r) {
            (None, None) => true,
            (Some(a), Some(b)) if a == b => true,
            (Some(a), Some(b)) => {
                let relative = (a - b).abs() / a.abs().max(b.abs());
                self.worst = self.worst.max(relative);
                relative <= 1e-9
            }
            _ => false,
        };
        if !ok {
            self.failures
                .push(format!("{what}: ours {ours:?}, R {r:?}"));
        }
    }

    fn int(&mut self, what: &str, ours: u64, r: u64) {
        self.checked += 1;
        if ours != r {
            self.failures.push(format!("{what}: ours {ours}, R {r}"));
        }
    }

    fn finish(self, name: &str) {
        eprintln!(
            "{name}: {} values checked, {} documented differences, worst relative difference {:.1e}",
            self.checked, self.documented, self.worst
        );
        assert!(self.checked > 0, "{name}: nothing checked");
        assert!(
            self.failures.is_empty(),
            "{name}: {} mismatches:\n{}",
            self.failures.len(),
            self.failures
                .iter()
                .take(30)
                .cloned()
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}

/// A dataset's rows as one curve, and one curve per group label.
fn load(name: &str) -> (KaplanMeier, BTreeMap<String, KaplanMeier>) {
    let table = Table::read(&format!("data_{name}.csv"));
    let grouped = table.header.iter().any(|h| h == "group");
    let mut durations = Vec::new();
    let mut churned = Vec::new();
    let mut groups: BTreeMap<String, KaplanMeier> = BTreeMap::new();
    for row in table.rows() {
        let (d, c) = (row.u("duration"), row.s("churned") == "1");
        durations.push(d);
        churned.push(c);
        if grouped {
            groups
                .entry(row.s("group").to_owned())
                .or_default()
                .try_push(d, c)
                .unwrap();
        }
    }
    let mut all = KaplanMeier::default();
    all.try_extend_from_slices(&durations, &churned).unwrap();
    (all, groups)
}

struct Curves(HashMap<String, KaplanMeierSummary>);

impl Curves {
    fn new() -> Self {
        Curves(HashMap::new())
    }

    fn get(&mut self, name: &str) -> &KaplanMeierSummary {
        self.0
            .entry(name.to_owned())
            .or_insert_with(|| load(name).0.summary().expect("a dataset has rows"))
    }
}

fn method(conf_type: &str) -> SurvivalInterval {
    conf_type.parse().expect("log, log-log or plain")
}

fn level(text: &str) -> ConfidenceLevel {
    ConfidenceLevel::new(text.parse().unwrap()).unwrap()
}

/// The documented 3.5-3 difference: log-log where S = 1 is NA in R, [1, 1] here.
fn log_log_at_one(conf_type: &str, survival: f64, r_lower: Option<f64>) -> bool {
    conf_type == "log-log" && survival == 1.0 && r_lower.is_none()
}

#[test]
fn curves_match_r() {
    let table = Table::read("curves.csv");
    let mut curves = Curves::new();
    let mut ck = Checker::default();
    for (key, block) in table.blocks(&["dataset", "conf_type", "level"]) {
        let (dataset, conf_type) = (&key[0], &key[1]);
        let (level, method) = (level(&key[2]), method(conf_type));
        let curve = curves.get(dataset).clone();
        let tag = format!("{dataset}/{conf_type}/{}", key[2]);
        ck.int(
            &format!("{tag} rows"),
            curve.steps().len() as u64,
            block.len() as u64,
        );
        for (step, r) in curve.steps().iter().zip(&block) {
            let at = format!("{tag} t={}", r.s("time"));
            ck.int(&format!("{at} time"), step.time(), r.u("time"));
            ck.int(&format!("{at} n_risk"), step.at_risk(), r.u("n_risk"));
            ck.int(&format!("{at} n_event"), step.events(), r.u("n_event"));
            ck.int(&format!("{at} n_censor"), step.censored(), r.u("n_censor"));
            ck.num(&format!("{at} surv"), Some(step.survival()), r.f("surv"));
            let log_se = r.f("std_err_log").filter(|v| v.is_finite());
            ck.num(&format!("{at} std_err_log"), step.std_err_log(), log_se);
            let ci = step.interval(level, method);
            if step.survival() == 0.0 {
                // R: std.err NaN, every interval NA. Here: SE 0, no checked interval.
                ck.documented += 1;
                ck.num(&format!("{at} std_err at S = 0"), None, r.f("std_err"));
                ck.num(
                    &format!("{at} std_err here"),
                    Some(step.std_err()),
                    Some(0.0),
                );
                ck.num(&format!("{at} lower"), ci.map(|c| c.lower()), r.f("lower"));
                continue;
            }
            ck.num(
                &format!("{at} std_err"),
                Some(step.std_err()),
                r.f("std_err"),
            );
            if log_log_at_one(conf_type, step.survival(), r.f("lower")) {
                ck.documented += 1;
                assert_eq!(ci.map(|c| (c.lower(), c.upper())), Some((1.0, 1.0)));
                continue;
            }
            ck.num(&format!("{at} lower"), ci.map(|c| c.lower()), r.f("lower"));
            ck.num(&format!("{at} upper"), ci.map(|c| c.upper()), r.f("upper"));
        }
    }
    ck.finish("curves.csv");
}

#[test]
fn curves_read_at_any_time_match_r() {
    let table = Table::read("at_times.csv");
    let mut curves = Curves::new();
    let mut ck = Checker::default();
    for (key, block) in table.blocks(&["dataset", "conf_type", "level"]) {
        let (dataset, conf_type) = (&key[0], &key[1]);
        let (level, method) = (level(&key[2]), method(conf_type));
        let curve = curves.get(dataset).clone();
        let mut previous: Option<u64> = None;
        for r in &block {
            let t = r.u("time");
            let at = format!("{dataset}/{conf_type} t={t}");
            ck.int(&format!("{at} n_risk"), curve.at_risk(t), r.u("n_risk"));
            ck.num(
                &format!("{at} surv"),
                Some(curve.survival_at(t)),
                r.f("surv"),
            );
            ck.num(
                &format!("{at} surv via at()"),
                Some(curve.at(t).survival()),
                r.f("surv"),
            );
            // R sums n.event and n.censor over (previous query time, t].
            let (events, censored) = curve
                .steps()
                .iter()
                .filter(|s| previous.is_none_or(|p| s.time() > p) && s.time() <= t)
                .fold((0, 0), |(e, c), s| (e + s.events(), c + s.censored()));
            ck.int(&format!("{at} n_event"), events, r.u("n_event"));
            ck.int(&format!("{at} n_censor"), censored, r.u("n_censor"));
            previous = Some(t);
            let checked = curve.checked_interval_at(t, level, method);
            if curve.survival_at(t) == 0.0 {
                ck.documented += 1;
                ck.num(&format!("{at} std_err at S = 0"), None, r.f("std_err"));
                ck.num(
                    &format!("{at} lower"),
                    checked.map(|c| c.lower()),
                    r.f("lower"),
                );
                let ci = curve.interval_at(t, level, method);
                assert_eq!(
                    (ci.lower(), ci.upper(), curve.std_err_at(t)),
                    (0.0, 0.0, 0.0)
                );
                continue;
            }
            ck.num(
                &format!("{at} std_err"),
                Some(curve.std_err_at(t)),
                r.f("std_err"),
            );
            if log_log_at_one(conf_type, curve.survival_at(t), r.f("lower")) {
                ck.documented += 1;
                let ci = curve.interval_at(t, level, method);
                assert_eq!((ci.lower(), ci.upper()), (1.0, 1.0));
                continue;
            }
            let ci = curve.interval_at(t, level, method);
            ck.num(&format!("{at} lower"), Some(ci.lower()), r.f("lower"));
            ck.num(&format!("{at} upper"), Some(ci.upper()), r.f("upper"));
            ck.num(
                &format!("{at} checked lower"),
                checked.map(|c| c.lower()),
                r.f("lower"),
            );
        }
    }
    ck.finish("at_times.csv");
}

#[test]
fn quantiles_match_r() {
    let table = Table::read("medians.csv");
    let mut curves = Curves::new();
    let mut ck = Checker::default();
    for (key, block) in table.blocks(&["dataset", "conf_type", "level"]) {
        let (dataset, conf_type) = (&key[0], &key[1]);
        let (level, method) = (level(&key[2]), method(conf_type));
        let curve = curves.get(dataset).clone();
        let probs: Vec<f64> = block.iter().map(|r| r.f("prob").unwrap()).collect();
        let ours = curve.quantiles(&probs, level, method).unwrap();
        for (q, r) in ours.iter().zip(&block) {
            let at = format!("{dataset}/{conf_type}/{} p={}", key[2], r.s("prob"));
            ck.num(&format!("{at} estimate"), q.estimate, r.f("estimate"));
            ck.num(&format!("{at} lower"), q.lower, r.f("lower"));
            ck.num(&format!("{at} upper"), q.upper, r.f("upper"));
        }
        // The contract's shortcuts, asked on their own.
        let r = block.iter().find(|r| r.f("prob") == Some(0.5)).unwrap();
        let at = format!("{dataset}/{conf_type}/{}", key[2]);
        ck.num(&format!("{at} median()"), curve.median(), r.f("estimate"));
        let (lower, upper) = curve.median_interval(level, method);
        ck.num(
            &format!("{at} median_interval() lower"),
            lower,
            r.f("lower"),
        );
        ck.num(
            &format!("{at} median_interval() upper"),
            upper,
            r.f("upper"),
        );
    }
    ck.finish("medians.csv");
}

#[test]
fn restricted_means_match_r() {
    let table = Table::read("rmean.csv");
    let mut curves = Curves::new();
    let mut ck = Checker::default();
    for r in table.rows() {
        let dataset = r.s("dataset").to_owned();
        let tau = r.u("tau");
        let curve = curves.get(&dataset).clone();
        let (mean, se) = curve.restricted_mean(tau);
        ck.num(
            &format!("{dataset} tau={tau} rmean"),
            Some(mean),
            r.f("rmean"),
        );
        ck.num(
            &format!("{dataset} tau={tau} se"),
            Some(se),
            r.f("se_rmean"),
        );
        // Lifetime value with margin 1 and rate 0 is the restricted mean, SE included.
        let ltv = curve.lifetime_value(tau, 1.0, 0.0).unwrap();
        ck.num(
            &format!("{dataset} tau={tau} ltv"),
            Some(ltv.value()),
            r.f("rmean"),
        );
        ck.num(
            &format!("{dataset} tau={tau} ltv se"),
            Some(ltv.std_err()),
            r.f("se_rmean"),
        );
        let ones = vec![1.0; tau as usize];
        let curve_ltv = curve.lifetime_value_with_margins(&ones, 0.0).unwrap();
        ck.num(
            &format!("{dataset} tau={tau} margins"),
            Some(curve_ltv.value()),
            r.f("rmean"),
        );
        ck.num(
            &format!("{dataset} tau={tau} margins se"),
            Some(curve_ltv.std_err()),
            r.f("se_rmean"),
        );
    }
    ck.finish("rmean.csv");
}

#[test]
fn log_rank_matches_r() {
    let table = Table::read("logrank.csv");
    let mut ck = Checker::default();
    for r in table.rows() {
        let dataset = r.s("dataset");
        let (_, groups) = load(dataset);
        let labels: Vec<&str> = r.s("groups").split(';').collect();
        let curves: Vec<KaplanMeierSummary> = labels
            .iter()
            .map(|l| groups[*l].summary().unwrap())
            .collect();
        ck.int(
            &format!("{dataset} groups"),
            curves.len() as u64,
            r.u("n_groups"),
        );
        let test = log_rank(&curves).unwrap();
        let numbers = |column: &str| -> Vec<f64> {
            r.s(column).split(';').map(|v| v.parse().unwrap()).collect()
        };
        for (i, label) in labels.iter().enumerate() {
            ck.num(
                &format!("{dataset} observed {label}"),
                Some(test.observed()[i] as f64),
                Some(numbers("observed")[i]),
            );
            ck.num(
                &format!("{dataset} expected {label}"),
                Some(test.expected()[i]),
                Some(numbers("expected")[i]),
            );
        }
        ck.num(
            &format!("{dataset} chisq"),
            Some(test.chi_squared()),
            r.f("chisq"),
        );
        ck.int(&format!("{dataset} df"), test.df(), r.u("df"));
        ck.num(
            &format!("{dataset} p"),
            Some(test.p_value()),
            r.f("p_value"),
        );
        // The order of the curves changes nothing but rounding.
        let mut reversed = curves.clone();
        reversed.reverse();
        let again = log_rank(&reversed).unwrap();
        ck.num(
            &format!("{dataset} chisq reversed"),
            Some(again.chi_squared()),
            r.f("chisq"),
        );
    }
    ck.finish("logrank.csv");
}

/// The fixtures' z (R's `qnorm`) and the crate's `ConfidenceLevel::z` agree, so the intervals
/// above are compared at the same quantile.
#[test]
fn normal_quantiles_match_r() {
    let table = Table::read("z.csv");
    let mut ck = Checker::default();
    for r in table.rows() {
        ck.num(r.s("level"), Some(level(r.s("level")).z()), r.f("z"));
    }
    ck.finish("z.csv");
}
