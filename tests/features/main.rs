//! Integration tests of the optional features that read and draw: local time (`calendar`),
//! charts (`chart`), exports (`csv`), comments (`text`) and tables out (`csv`, `xlsx`). Each module builds with its
//! feature.

#[cfg(feature = "calendar")]
mod calendar;
#[cfg(feature = "calendar")]
mod calendar_properties;
#[cfg(feature = "chart")]
mod chart;
#[cfg(feature = "csv")]
mod import;
#[cfg(feature = "chart")]
mod retention_chart;
#[cfg(all(feature = "csv", feature = "xlsx"))]
mod table;
#[cfg(feature = "text")]
mod text;
