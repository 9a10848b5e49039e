//! Integration tests of the optional features that read and draw: local time (`calendar`),
//! charts (`chart`), exports (`csv`), comments (`text`), tables out (`csv`, `xlsx`) and the report (`report`). Each module builds with its
//! feature.

#[cfg(feature = "calendar")]
mod calendar;
#[cfg(feature = "calendar")]
mod calendar_properties;
#[cfg(feature = "chart")]
mod chart;
#[cfg(feature = "calendar")]
#[path = "../common/fixtures.rs"]
mod fixtures;
#[cfg(feature = "csv")]
mod import;
#[cfg(all(feature = "report", feature = "text", feature = "calendar"))]
mod report;
#[cfg(feature = "chart")]
mod retention_chart;
#[cfg(all(feature = "csv", feature = "xlsx"))]
mod table;
#[cfg(feature = "text")]
mod text;
