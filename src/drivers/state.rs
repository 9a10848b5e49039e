//! The serialised form of a [`KeyDrivers`]: its configuration and every table's means and
//! co-moments, read back through the same checks as a built analysis (names, sizes, finite
//! numbers, counts that add up, co-moments that a set of rows can have).

use serde::{Deserialize, Serialize};

use super::aggregator::KeyDrivers;
use super::bootstrap::Bootstrap;
use super::missing::MissingAnswers;
use super::moments::{Moments, Table};
use crate::aggregator::MAX_COUNT;
use crate::error::StateError;
use crate::state::check_version;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct KeyDriversState {
    version: u32,
    drivers: Vec<String>,
    missing: MissingAnswers,
    /// `[replicates, seed]`, when replicates are drawn.
    bootstrap: Option<(u32, u64)>,
    recorded: u64,
    dropped: u64,
    table: Vec<MomentsState>,
    replicates: Vec<Vec<MomentsState>>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct MomentsState {
    count: u64,
    weight: f64,
    means: Vec<f64>,
    comoments: Vec<f64>,
}

impl From<&Moments> for MomentsState {
    fn from(m: &Moments) -> Self {
        Self {
            count: m.count,
            weight: m.weight,
            means: m.means.clone(),
            comoments: m.co.clone(),
        }
    }
}

impl From<KeyDrivers> for KeyDriversState {
    fn from(k: KeyDrivers) -> Self {
        let parts = |t: &Table| t.parts.iter().map(MomentsState::from).collect();
        Self {
            version: crate::state::STATE_VERSION,
            missing: k.missing,
            bootstrap: k.bootstrap.map(|b| (b.replicates(), b.seed())),
            recorded: k.recorded,
            dropped: k.dropped,
            table: parts(&k.table),
            replicates: k.replicates.iter().map(parts).collect(),
            drivers: k.names,
        }
    }
}

fn bad(problem: impl Into<String>) -> StateError {
    StateError::Inconsistent {
        what: "key drivers",
        problem: problem.into(),
    }
}

/// One table's parts, checked against the shape `empty` has.
fn table(parts: Vec<MomentsState>, empty: &Table, at_most: u64) -> Result<Table, StateError> {
    if parts.len() != empty.parts.len() {
        return Err(bad(format!(
            "{} co-moment parts where the drivers and policy make {}",
            parts.len(),
            empty.parts.len()
        )));
    }
    let mut out = empty.clone();
    for (i, (state, slot)) in parts.into_iter().zip(out.parts.iter_mut()).enumerate() {
        *slot =
            moments(state, slot.variables(), at_most).map_err(|e| bad(format!("part {i}: {e}")))?;
    }
    Ok(out)
}

fn moments(s: MomentsState, k: usize, at_most: u64) -> Result<Moments, String> {
    if s.means.len() != k || s.comoments.len() != k * (k + 1) / 2 {
        return Err(format!(
            "{} means and {} co-moments for {k} variables",
            s.means.len(),
            s.comoments.len()
        ));
    }
    if s.count > at_most {
        return Err(format!("{} rows, more than the {at_most} used", s.count));
    }
    if s.means.iter().chain(&s.comoments).any(|v| !v.is_finite()) || !s.weight.is_finite() {
        return Err("a number that is not finite".into());
    }
    if (s.count == 0) != (s.weight == 0.0) || s.weight < 0.0 {
        return Err(format!("{} rows of total weight {}", s.count, s.weight));
    }
    if s.count == 0 && s.means.iter().chain(&s.comoments).any(|&v| v != 0.0) {
        return Err("no rows, but means or co-moments".into());
    }
    let m = Moments {
        count: s.count,
        weight: s.weight,
        means: s.means,
        co: s.comoments,
    };
    for i in 0..k {
        if m.co(i, i) < 0.0 {
            return Err(format!("variable {i} has a negative sum of squares"));
        }
        for j in i + 1..k {
            // Cauchy-Schwarz: no set of rows has a correlation beyond ±1.
            let bound = (m.co(i, i) * m.co(j, j)).sqrt();
            if m.co(i, j).abs() > bound * (1.0 + 1e-9) + f64::MIN_POSITIVE {
                return Err(format!("variables {i} and {j} correlate beyond ±1"));
            }
        }
    }
    Ok(m)
}

impl TryFrom<KeyDriversState> for KeyDrivers {
    type Error = StateError;

    fn try_from(s: KeyDriversState) -> Result<Self, StateError> {
        check_version(s.version)?;
        let names: Vec<&str> = s.drivers.iter().map(String::as_str).collect();
        let mut builder = KeyDrivers::builder(&names).missing(s.missing);
        if let Some((replicates, seed)) = s.bootstrap {
            builder = builder
                .bootstrap(Bootstrap::new(replicates, seed).map_err(|e| bad(e.to_string()))?);
        }
        let mut drivers = builder.build().map_err(|e| bad(e.to_string()))?;
        if s.recorded > MAX_COUNT || s.dropped > s.recorded {
            return Err(bad(format!(
                "{} rows recorded of which {} dropped",
                s.recorded, s.dropped
            )));
        }
        let used = s.recorded - s.dropped;
        let main = table(s.table, &drivers.table, used)?;
        if s.missing == MissingAnswers::CompleteCases && main.rows_used() != used {
            return Err(bad(format!(
                "{used} rows used, but the co-moments hold {}",
                main.rows_used()
            )));
        }
        if s.replicates.len() != drivers.replicates.len() {
            return Err(bad(format!(
                "{} replicates where the bootstrap draws {}",
                s.replicates.len(),
                drivers.replicates.len()
            )));
        }
        let replicates = s
            .replicates
            .into_iter()
            .map(|parts| table(parts, &drivers.table, used))
            .collect::<Result<Vec<_>, _>>()?;
        drivers.table = main;
        drivers.replicates = replicates;
        drivers.recorded = s.recorded;
        drivers.dropped = s.dropped;
        Ok(drivers)
    }
}
