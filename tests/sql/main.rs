//! Integration tests of the SQL functions in DataFusion (`datafusion`) and on an in-process
//! Ballista cluster (`ballista`).

#[cfg(feature = "ballista")]
mod cluster;
#[cfg(feature = "datafusion")]
mod drivers;
#[cfg(feature = "datafusion")]
mod functions;
#[cfg(feature = "datafusion")]
mod retention;
#[cfg(all(feature = "datafusion", feature = "text"))]
mod text;
