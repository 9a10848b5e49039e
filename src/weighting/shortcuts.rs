//! The methods [`Raking`](super::Raking) and [`PostStratification`](super::PostStratification)
//! share, written once: each type knows how to fit a [`Calibration`](super::Calibration) from
//! rows and optional design weights (its private `fit`); these check the inputs, always in the
//! same order and before any fitting, and read the estimates off the fit.

/// Implements `weights`, `calibrate`, `calibrate_weighted`, `calibrated_proportion`,
/// `calibrated_mean` and `calibrated_nps` on a calibration method with a `fit` of its own.
macro_rules! calibration_methods {
    ($method:ty, $what:literal) => {
        impl $method {
            #[doc = concat!("The ", $what, " weight of each row; they sum to the number of rows.")]
            /// Each row holds one label per margin (or crossed variable), in the order they were
            /// added.
            ///
            /// # Errors
            ///
            /// [`CalibrationError::NoRows`], [`RowLength`](CalibrationError::RowLength),
            /// [`UnknownLabel`](CalibrationError::UnknownLabel) (naming the row),
            /// [`EmptyCell`](CalibrationError::EmptyCell) for a category or cell no row has,
            /// [`Weight`](CalibrationError::Weight) for weights too small or large to be
            /// weights, and for raking [`NotConverged`](CalibrationError::NotConverged),
            /// [`Unreachable`](CalibrationError::Unreachable) and
            /// [`Untrimmable`](CalibrationError::Untrimmable).
            pub fn weights<'a, R: AsRef<[&'a str]>>(
                &self,
                rows: &[R],
            ) -> Result<Vec<f64>, CalibrationError> {
                Ok(self.fit(rows, None)?.weights)
            }

            /// Fits once and keeps what the calibration-aware standard errors need, to estimate
            /// as many variables as wanted from one fit (the `calibrated_*` methods fit anew
            /// each time).
            ///
            /// # Errors
            ///
            /// As [`weights`](Self::weights).
            pub fn calibrate<'a, R: AsRef<[&'a str]>>(
                &self,
                rows: &[R],
            ) -> Result<Calibration, CalibrationError> {
                self.fit(rows, None)
            }

            /// [`calibrate`](Self::calibrate) starting from design weights instead of 1 (R:
            /// the same call on `svydesign(ids = ~1, weights = ~d)`). Only the design weights'
            /// ratios matter: multiplying them all by a constant gives the same weights.
            ///
            /// # Errors
            ///
            /// As [`weights`](Self::weights), [`CalibrationError::LengthMismatch`] and
            /// [`CalibrationError::DesignWeight`].
            pub fn calibrate_weighted<'a, R: AsRef<[&'a str]>>(
                &self,
                rows: &[R],
                design_weights: &[f64],
            ) -> Result<Calibration, CalibrationError> {
                check_design(rows.len(), design_weights)?;
                self.fit(rows, Some(design_weights))
            }

            #[doc = concat!("The share of `flags` (one per row) on the ", $what, " weights, with R's")]
            /// calibration-aware standard error (`svymean` on the calibrated design) and the
            /// fixed-weight one.
            ///
            /// # Errors
            ///
            /// As [`weights`](Self::weights), and [`CalibrationError::LengthMismatch`].
            pub fn calibrated_proportion<'a, R: AsRef<[&'a str]>>(
                &self,
                rows: &[R],
                flags: &[bool],
            ) -> Result<CalibratedShare, CalibrationError> {
                check_len(rows.len(), flags.len())?;
                self.fit(rows, None)?.proportion(flags)
            }

            #[doc = concat!("The mean of `values` (one per row: ratings, revenue...) on the ", $what)]
            /// weights, with both standard errors; its interval is clamped to the range of the
            /// values.
            ///
            /// # Errors
            ///
            /// As [`weights`](Self::weights), [`CalibrationError::LengthMismatch`], and
            /// [`CalibrationError::InvalidValue`] for a value that is not finite (or beyond
            /// ±1e100), found before anything is fitted.
            pub fn calibrated_mean<'a, R: AsRef<[&'a str]>>(
                &self,
                rows: &[R],
                values: &[f64],
            ) -> Result<CalibratedMean, CalibrationError> {
                check_len(rows.len(), values.len())?;
                super::calibrated::check_values(values)?;
                self.fit(rows, None)?.mean(values)
            }

            #[doc = concat!("The NPS of `scores` (one 0..=10 score per row) on the ", $what, " weights,")]
            /// in points, with both standard errors; its interval is clamped to −100..=100.
            ///
            /// # Errors
            ///
            /// As [`weights`](Self::weights), [`CalibrationError::LengthMismatch`], and
            /// [`CalibrationError::InvalidValue`] for a score above 10, found before anything
            /// is fitted.
            pub fn calibrated_nps<'a, R: AsRef<[&'a str]>>(
                &self,
                rows: &[R],
                scores: &[u8],
            ) -> Result<CalibratedMean, CalibrationError> {
                check_len(rows.len(), scores.len())?;
                super::calibrated::nps_values(scores)?;
                self.fit(rows, None)?.nps(scores)
            }
        }
    };
}

pub(super) use calibration_methods;
