//! The stored form of a [`KeyDrivers`] (serde with the `serde` feature, and bytes): its
//! configuration and every table's means and co-moments, read back through the same checks as
//! a built analysis (names, sizes, finite numbers, counts that add up, co-moments that a set of
//! rows can have).

use super::aggregator::KeyDrivers;
use super::bootstrap::Bootstrap;
use super::missing::MissingAnswers;
use super::moments::{Moments, Table};
use crate::aggregator::MAX_COUNT;
use crate::error::StateError;
use crate::state::check_version;
use crate::wire::{Reader, Writer};

#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
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

#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
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

/// The first bytes of [`KeyDrivers::to_bytes`].
const TAG: &[u8; 4] = b"SATK";

impl KeyDriversState {
    fn write(&self, w: &mut Writer) {
        w.u64(self.drivers.len() as u64);
        self.drivers.iter().for_each(|d| w.str(d));
        w.u8(match self.missing {
            MissingAnswers::CompleteCases => 0,
            MissingAnswers::Pairwise => 1,
        });
        match self.bootstrap {
            None => w.u8(0),
            Some((replicates, seed)) => {
                w.u8(1);
                w.u32(replicates);
                w.u64(seed);
            }
        }
        w.u64(self.recorded);
        w.u64(self.dropped);
        let table = |w: &mut Writer, parts: &[MomentsState]| {
            w.u64(parts.len() as u64);
            for p in parts {
                w.u64(p.count);
                w.f64(p.weight);
                w.f64s(&p.means);
                w.f64s(&p.comoments);
            }
        };
        table(w, &self.table);
        w.u64(self.replicates.len() as u64);
        self.replicates.iter().for_each(|r| table(w, r));
    }

    fn read(r: &mut Reader<'_>) -> Result<Self, StateError> {
        let drivers = r.u64()?;
        if drivers > super::MAX_DRIVERS as u64 {
            return Err(r.bad("more drivers than an analysis takes"));
        }
        let drivers = (0..drivers)
            .map(|_| r.string())
            .collect::<Result<Vec<_>, _>>()?;
        let missing = match r.u8()? {
            0 => MissingAnswers::CompleteCases,
            1 => MissingAnswers::Pairwise,
            _ => return Err(r.bad("an unknown missing-answer policy")),
        };
        let bootstrap = match r.u8()? {
            0 => None,
            1 => Some((r.u32()?, r.u64()?)),
            _ => return Err(r.bad("an unknown bootstrap flag")),
        };
        let (recorded, dropped) = (r.u64()?, r.u64()?);
        let table = |r: &mut Reader<'_>| -> Result<Vec<MomentsState>, StateError> {
            let parts = r.u64()?;
            // Every part takes at least 40 bytes: a longer list than the bytes left is corrupt.
            if parts > 1 << 20 {
                return Err(r.bad("more co-moment parts than an analysis has"));
            }
            (0..parts)
                .map(|_| {
                    Ok(MomentsState {
                        count: r.u64()?,
                        weight: r.f64()?,
                        means: r.f64s()?,
                        comoments: r.f64s()?,
                    })
                })
                .collect()
        };
        let main = table(r)?;
        let replicates = r.u64()?;
        if replicates > u64::from(Bootstrap::MAX_REPLICATES) {
            return Err(r.bad("more replicates than a bootstrap draws"));
        }
        let replicates = (0..replicates)
            .map(|_| table(r))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self {
            version: crate::state::STATE_VERSION,
            drivers,
            missing,
            bootstrap,
            recorded,
            dropped,
            table: main,
            replicates,
        })
    }
}

impl KeyDrivers {
    /// The analysis' state as compact, versioned bytes, for storage or shipping without serde
    /// (a database column, a SQL engine's partial aggregate): a four-byte tag, the format
    /// version, the configuration, and every table's counts, weights, means and co-moments as
    /// little-endian numbers.
    ///
    /// ```
    /// use satisfaction::drivers::KeyDrivers;
    ///
    /// let mut drivers = KeyDrivers::new(&["wifi", "seat"])?;
    /// drivers.try_push(8.0, &[Some(4.0), Some(3.0)])?;
    /// let bytes = drivers.to_bytes();
    /// assert_eq!(KeyDrivers::from_bytes(&bytes)?, drivers);
    /// assert!(KeyDrivers::from_bytes(&bytes[..bytes.len() - 1]).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::new(TAG);
        KeyDriversState::from(self.clone()).write(&mut w);
        w.0
    }

    /// Reads [`to_bytes`](Self::to_bytes) output back, validated as the serde form is.
    ///
    /// # Errors
    ///
    /// [`StateError`] for bytes that are not an analysis, of another format version, cut
    /// short or followed by extra bytes, or whose numbers cannot be the state of any rows.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, StateError> {
        let mut r = Reader::new(bytes, TAG, "key drivers")?;
        let state = KeyDriversState::read(&mut r)?;
        r.finish()?;
        Self::try_from(state)
    }
}
