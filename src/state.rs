//! Serialised state: the format version, and the serialised form of summaries.
//!
//! Every aggregator serialises as a flat record that starts with `"version"`. Deserialisation
//! goes through a checked representation (`#[serde(try_from = ...)]`) that calls the same
//! validated constructor as `from_counts` and `from_bytes`, so a state from another format
//! version, with the wrong number of counts, with totals over [`MAX_COUNT`](crate::MAX_COUNT)
//! or with fields that contradict each other is an error, never a wrong answer. Golden files in
//! `tests/golden/` pin the format.
//!
//! A summary serialises as what a dashboard displays: the version, the confidence level, the
//! interval method, every column of its [`Report`](crate::summary::Report) (estimates, bounds, counts)
//! and, under `"state"`, the aggregator state it was computed from. Reading one back recomputes
//! every number from the state and refuses the record when any disagrees.

use crate::error::StateError;

/// The state format version this build writes and reads.
///
/// Version 3 (this build) differs from version 2 in the duration sketch (and so the first
/// response time state): a sketch of at most
/// [`DurationSketch::EXACT_LIMIT`](crate::support::DurationSketch::EXACT_LIMIT) durations stores the
/// durations themselves (`exact_nanos`) instead of bucket counts.
///
/// Version 2 differs from version 1 in the CSAT, CES and health states (no
/// rejection tallies: a foreign input is now refused when it is recorded), the first response
/// time state (the unanswered-ticket policy), and the summaries (which carry their report).
pub const STATE_VERSION: u32 = 3;

/// Refuses any version but [`STATE_VERSION`].
#[cfg_attr(not(feature = "serde"), allow(dead_code))]
pub(crate) fn check_version(found: u32) -> Result<(), StateError> {
    if found == STATE_VERSION {
        Ok(())
    } else {
        Err(StateError::UnsupportedVersion {
            found,
            supported: STATE_VERSION,
        })
    }
}

#[cfg(feature = "serde")]
pub(crate) use summary_form::{SerialSummary, deserialize_summary, serialize_summary};

#[cfg(feature = "serde")]
mod summary_form {
    use std::fmt;
    use std::marker::PhantomData;

    use serde::de::{self, DeserializeOwned, MapAccess, Visitor};
    use serde::ser::SerializeMap;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::{STATE_VERSION, check_version};
    use crate::aggregator::Aggregator;
    use crate::error::StateError;
    use crate::interval::ConfidenceLevel;
    use crate::summary::{Report, ReportOptions, Value};

    /// A summary whose serialised form is its report at the default level and method, plus the
    /// state it was computed from.
    pub(crate) trait SerialSummary: Report + Sized {
        /// The summary's name in error messages.
        const WHAT: &'static str;
        /// The aggregator state behind the summary.
        type State: Aggregator<Summary = Self> + Serialize + DeserializeOwned;

        /// The state this summary was computed from.
        fn state(&self) -> Self::State;
    }

    /// Writes `summary` as `{"version", "level", "method", <report columns>, "state"}`.
    pub(crate) fn serialize_summary<T, S>(summary: &T, serializer: S) -> Result<S::Ok, S::Error>
    where
        T: SerialSummary,
        T::Method: Serialize,
        S: Serializer,
    {
        let options = ReportOptions::<T::Method>::default();
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("version", &STATE_VERSION)?;
        map.serialize_entry("level", &options.level.value())?;
        map.serialize_entry("method", &options.method)?;
        for (column, value) in T::columns().iter().zip(summary.values(&options)) {
            match value {
                Value::Float(x) => map.serialize_entry(column.name, &x)?,
                Value::Count(n) => map.serialize_entry(column.name, &n)?,
                Value::Null => map.serialize_entry(column.name, &None::<f64>)?,
            }
        }
        map.serialize_entry("state", &summary.state())?;
        map.end()
    }

    /// A number as written in a serialised report.
    #[derive(Debug, Clone, Copy, PartialEq)]
    enum Number {
        Count(u64),
        Float(f64),
        Null,
    }

    impl Number {
        fn text(self) -> String {
            match self {
                Number::Count(n) => n.to_string(),
                // `{:?}` keeps a written 6.0 apart from a count of 6.
                Number::Float(x) => format!("{x:?}"),
                Number::Null => "null".into(),
            }
        }
    }

    fn computed_text(value: Value) -> String {
        match value {
            Value::Count(n) => n.to_string(),
            Value::Float(x) => x.to_string(),
            _ => "null".into(),
        }
    }

    impl<'de> Deserialize<'de> for Number {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct NumberVisitor;

            impl<'de> Visitor<'de> for NumberVisitor {
                type Value = Number;

                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("a number or null")
                }

                fn visit_u64<E: de::Error>(self, v: u64) -> Result<Number, E> {
                    Ok(Number::Count(v))
                }

                fn visit_i64<E: de::Error>(self, v: i64) -> Result<Number, E> {
                    Ok(u64::try_from(v).map_or(Number::Float(v as f64), Number::Count))
                }

                fn visit_f64<E: de::Error>(self, v: f64) -> Result<Number, E> {
                    Ok(Number::Float(v))
                }

                fn visit_unit<E: de::Error>(self) -> Result<Number, E> {
                    Ok(Number::Null)
                }

                fn visit_none<E: de::Error>(self) -> Result<Number, E> {
                    Ok(Number::Null)
                }

                fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Number, D::Error> {
                    Number::deserialize(d)
                }
            }

            deserializer.deserialize_any(NumberVisitor)
        }
    }

    /// Whether a value read back agrees with the one recomputed from the state: counts exactly,
    /// floats to 1e-9 relative (another serialiser or platform may round the last digit).
    /// A count written as a whole float (`6.0`, as some serialisers write every number) is that
    /// count.
    fn agrees(read: Number, computed: Value) -> bool {
        match (read, computed) {
            (Number::Count(a), Value::Count(b)) => a == b,
            (Number::Float(a), Value::Count(b)) => a == b as f64 && a.fract() == 0.0,
            (Number::Count(a), Value::Float(b)) => agrees(Number::Float(a as f64), Value::Float(b)),
            (Number::Float(a), Value::Float(b)) => (a - b).abs() <= 1e-9 * b.abs().max(1.0),
            (Number::Null, Value::Null) => true,
            _ => false,
        }
    }

    /// Reads a summary written by [`serialize_summary`], recomputing and checking every number.
    pub(crate) fn deserialize_summary<'de, T, D>(deserializer: D) -> Result<T, D::Error>
    where
        T: SerialSummary,
        T::Method: Deserialize<'de>,
        D: Deserializer<'de>,
    {
        struct SummaryVisitor<T>(PhantomData<T>);

        impl<'de, T> Visitor<'de> for SummaryVisitor<T>
        where
            T: SerialSummary,
            T::Method: Deserialize<'de>,
        {
            type Value = T;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "a serialised {}", T::WHAT)
            }

            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<T, M::Error> {
                let invalid = |problem: String| {
                    de::Error::custom(StateError::Inconsistent {
                        what: T::WHAT,
                        problem,
                    })
                };
                let (mut version, mut level, mut method, mut state) = (None, None, None, None);
                let mut numbers: Vec<(String, Number)> = Vec::new();
                // Every key once, as state documents (deny-unknown, derived) insist: a
                // document where the last of two values would silently win is refused.
                fn once<V, E: de::Error>(
                    slot: &mut Option<V>,
                    key: &'static str,
                    value: V,
                ) -> Result<(), E> {
                    match slot.replace(value) {
                        None => Ok(()),
                        Some(_) => Err(de::Error::duplicate_field(key)),
                    }
                }
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "version" => once(&mut version, "version", map.next_value::<u32>()?)?,
                        "level" => once(&mut level, "level", map.next_value::<f64>()?)?,
                        "method" => once(&mut method, "method", map.next_value::<T::Method>()?)?,
                        "state" => once(&mut state, "state", map.next_value::<T::State>()?)?,
                        _ => {
                            let value = map.next_value::<Number>()?;
                            if numbers.iter().any(|(k, _)| *k == key) {
                                return Err(invalid(format!("{key:?} appears twice")));
                            }
                            numbers.push((key, value));
                        }
                    }
                }
                let missing = |field: &'static str| de::Error::missing_field(field);
                check_version(version.ok_or_else(|| missing("version"))?)
                    .map_err(de::Error::custom)?;
                let level = level.ok_or_else(|| missing("level"))?;
                let level = ConfidenceLevel::new(level).map_err(de::Error::custom)?;
                let method = method.ok_or_else(|| missing("method"))?;
                let state = state.ok_or_else(|| missing("state"))?;
                let summary = state
                    .summary()
                    .ok_or_else(|| de::Error::custom(StateError::Empty { what: T::WHAT }))?;
                let values = summary.values(&ReportOptions::new(level, method));
                for (column, computed) in T::columns().iter().zip(values) {
                    let Some(position) = numbers.iter().position(|(k, _)| k == column.name) else {
                        return Err(missing(column.name));
                    };
                    let (_, read) = numbers.swap_remove(position);
                    if !agrees(read, computed) {
                        return Err(invalid(format!(
                            "the numbers disagree with the state: {} is {}, but the state gives {}",
                            column.name,
                            read.text(),
                            computed_text(computed)
                        )));
                    }
                }
                if let Some((key, _)) = numbers.first() {
                    return Err(invalid(format!("unknown field {key:?}")));
                }
                Ok(summary)
            }
        }

        deserializer.deserialize_map(SummaryVisitor(PhantomData))
    }
}

/// Implements `Serialize` and `Deserialize` for a summary through its report and state.
#[cfg(feature = "serde")]
macro_rules! serde_summary {
    ($summary:ty) => {
        impl serde::Serialize for $summary {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                $crate::state::serialize_summary(self, serializer)
            }
        }

        impl<'de> serde::Deserialize<'de> for $summary {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::state::deserialize_summary(deserializer)
            }
        }
    };
}

#[cfg(feature = "serde")]
pub(crate) use serde_summary;

/// `TryFrom<$form> for $type`, the way back from a serialised form: rebuilds the value with
/// `$rebuild` (through its validated constructor, refusing with `$error`) from the form bound
/// to `$s`, so that nothing read back skips the checks of a value built in code.
macro_rules! from_form {
    ($form:ty => $type:ty, $error:ty, |$s:ident| $rebuild:expr) => {
        impl TryFrom<$form> for $type {
            type Error = $error;

            fn try_from($s: $form) -> Result<Self, Self::Error> {
                $rebuild
            }
        }
    };
}

pub(crate) use from_form;

/// [`from_form!`] for an aggregator's serialised state: refuses any format version but
/// [`STATE_VERSION`] before anything else is read, then rebuilds. Written once so that no state
/// can skip the version check.
macro_rules! from_state {
    ($state:ty => $aggregator:ty, |$s:ident| $rebuild:expr) => {
        $crate::state::from_form!($state => $aggregator, $crate::error::StateError, |$s| {
            $crate::state::check_version($s.version)?;
            $rebuild
        });
    };
}

pub(crate) use from_state;

/// `Serialize` and `Deserialize` for `$type` through its serialised form `$state`, as
/// `#[serde(into = "...", try_from = "...")]` would: written as the `$state` made from a
/// clone, read as a `$state` and then converted by `TryFrom`, so every value read back went
/// through the type's validated constructor. One line per type instead of two attributes.
#[cfg(feature = "serde")]
macro_rules! serde_via {
    ($type:ty, $state:ty) => {
        impl serde::Serialize for $type {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let state: $state = Clone::clone(self).into();
                serde::Serialize::serialize(&state, serializer)
            }
        }

        impl<'de> serde::Deserialize<'de> for $type {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let state = <$state as serde::Deserialize<'de>>::deserialize(deserializer)?;
                <Self as TryFrom<$state>>::try_from(state).map_err(serde::de::Error::custom)
            }
        }
    };
}

#[cfg(feature = "serde")]
pub(crate) use serde_via;
