//! Integration tests of the optional features that read and draw: local time (`calendar`),
//! charts (`chart`), exports (`csv`) and comments (`text`). Each module builds with its
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
#[cfg(feature = "text")]
mod text;
