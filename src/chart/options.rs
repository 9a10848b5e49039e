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
/// period or segment keys. Other options are made with [`ChartOptions::builder`], which checks
/// them all in [`build`](ChartOptionsBuilder::build), as every builder of the crate does; a
/// `ChartOptions` is valid, so drawing never fails on its options.
///
/// ```
/// use satisfaction::ConfidenceLevel;
/// use satisfaction::chart::ChartOptions;
///
/// let options = ChartOptions::builder()
///     .title("NPS by month, 2026")
///     .key_label("month")
///     .level(ConfidenceLevel::P90)
///     .size(1000, 500)
///     .build()?;
/// assert_eq!((options.width(), options.height()), (1000, 500));
/// assert!(ChartOptions::builder().size(100_000, 500).build().is_err());
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
    /// A builder starting from the defaults.
    pub fn builder() -> ChartOptionsBuilder {
        ChartOptionsBuilder {
            options: Self::default(),
        }
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

    /// The title set with [`ChartOptionsBuilder::title`], if any.
    #[must_use]
    pub fn title(&self) -> Option<&str> {
        self.title.as_deref()
    }

    /// The key label set with [`ChartOptionsBuilder::key_label`], if any.
    #[must_use]
    pub fn key_label(&self) -> Option<&str> {
        self.key_label.as_deref()
    }

    /// A builder starting from these options, to make a variant (another key label, say).
    ///
    /// ```
    /// use satisfaction::chart::ChartOptions;
    ///
    /// let wide = ChartOptions::builder().size(1000, 460).build()?;
    /// let by_channel = wide.to_builder().key_label("channel").build()?;
    /// assert_eq!((by_channel.width(), by_channel.key_label()), (1000, Some("channel")));
    /// # Ok::<(), satisfaction::chart::ChartError>(())
    /// ```
    pub fn to_builder(&self) -> ChartOptionsBuilder {
        ChartOptionsBuilder {
            options: self.clone(),
        }
    }
}

/// Builds [`ChartOptions`]; every check happens in [`build`](Self::build).
#[derive(Debug, Clone, PartialEq)]
#[must_use]
pub struct ChartOptionsBuilder {
    options: ChartOptions,
}

impl ChartOptionsBuilder {
    /// The chart's title; by default one is made from the metric's name (`"NPS by period"`).
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.options.title = Some(title.into());
        self
    }

    /// What the keys are (`"month"`, `"channel"`): the description of the period axis of a
    /// trend and of the segment axis of the other charts. By default `"period"` or
    /// `"segment"`.
    pub fn key_label(mut self, label: impl Into<String>) -> Self {
        self.options.key_label = Some(label.into());
        self
    }

    /// The confidence level of every interval drawn (95% by default).
    pub fn level(mut self, level: ConfidenceLevel) -> Self {
        self.options.level = level;
        self
    }

    /// The size in pixels (800 × 450 by default), checked by [`build`](Self::build).
    pub fn size(mut self, width: u32, height: u32) -> Self {
        self.options.width = width;
        self.options.height = height;
        self
    }

    /// The options.
    ///
    /// # Errors
    ///
    /// [`ChartError::Size`] when a side is outside [`MIN_SIDE`]..=[`MAX_SIDE`].
    pub fn build(self) -> Result<ChartOptions, ChartError> {
        let ChartOptions { width, height, .. } = self.options;
        let fits = |side: u32| (MIN_SIDE..=MAX_SIDE).contains(&side);
        if !(fits(width) && fits(height)) {
            return Err(ChartError::Size {
                width,
                height,
                min: MIN_SIDE,
                max: MAX_SIDE,
            });
        }
        Ok(self.options)
    }
}
