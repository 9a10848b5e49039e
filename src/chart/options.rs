//! [`ChartOptions`]: a chart's title, key label, size and confidence level.

use super::ChartError;
use crate::interval::ConfidenceLevel;

/// The smallest width or height of a chart, in pixels: below it the axes, labels and legend
/// no longer fit.
pub const MIN_SIDE: u32 = 240;

/// The largest width or height of a chart, in pixels.
pub const MAX_SIDE: u32 = 8192;

/// What a chart looks like: its title, what its keys are called, its size and the confidence
/// level of its intervals.
///
/// The default is an 800 × 450 px chart at the 95% level, titled after the metric, with
/// period or segment keys. Every setting is checked when it is made, so drawing never fails
/// on options.
///
/// ```
/// use satisfaction::ConfidenceLevel;
/// use satisfaction::chart::ChartOptions;
///
/// let options = ChartOptions::new()
///     .with_title("NPS by month, 2026")
///     .with_key_label("month")
///     .with_level(ConfidenceLevel::P90)
///     .with_size(1000, 500)?;
/// assert_eq!((options.width(), options.height()), (1000, 500));
/// assert!(ChartOptions::new().with_size(100_000, 500).is_err());
/// # Ok::<(), satisfaction::chart::ChartError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ChartOptions {
    title: Option<String>,
    key_label: Option<String>,
    width: u32,
    height: u32,
    level: ConfidenceLevel,
}

impl Default for ChartOptions {
    fn default() -> Self {
        Self {
            title: None,
            key_label: None,
            width: 800,
            height: 450,
            level: ConfidenceLevel::P95,
        }
    }
}

impl ChartOptions {
    /// The default options (the same as `ChartOptions::default()`).
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The chart's title; by default one is made from the metric's name (`"NPS by period"`).
    #[must_use]
    pub fn with_title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// What the keys are (`"month"`, `"channel"`): the description of the period axis of a
    /// trend and of the segment axis of the other charts. By default `"period"` or
    /// `"segment"`.
    #[must_use]
    pub fn with_key_label(mut self, label: impl Into<String>) -> Self {
        self.key_label = Some(label.into());
        self
    }

    /// The confidence level of every interval drawn.
    #[must_use]
    pub fn with_level(mut self, level: ConfidenceLevel) -> Self {
        self.level = level;
        self
    }

    /// The size in pixels.
    ///
    /// # Errors
    ///
    /// [`ChartError::Size`] when a side is outside [`MIN_SIDE`]..=[`MAX_SIDE`].
    pub fn with_size(mut self, width: u32, height: u32) -> Result<Self, ChartError> {
        let fits = |side: u32| (MIN_SIDE..=MAX_SIDE).contains(&side);
        if !(fits(width) && fits(height)) {
            return Err(ChartError::Size {
                width,
                height,
                min: MIN_SIDE,
                max: MAX_SIDE,
            });
        }
        self.width = width;
        self.height = height;
        Ok(self)
    }

    /// The width in pixels.
    #[must_use]
    pub fn width(&self) -> u32 {
        self.width
    }

    /// The height in pixels.
    #[must_use]
    pub fn height(&self) -> u32 {
        self.height
    }

    /// The confidence level.
    #[must_use]
    pub fn level(&self) -> ConfidenceLevel {
        self.level
    }

    /// The title set with [`with_title`](Self::with_title), if any.
    #[must_use]
    pub fn title(&self) -> Option<&str> {
        self.title.as_deref()
    }

    /// The key label set with [`with_key_label`](Self::with_key_label), if any.
    #[must_use]
    pub fn key_label(&self) -> Option<&str> {
        self.key_label.as_deref()
    }
}
