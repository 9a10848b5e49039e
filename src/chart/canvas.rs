//! What the three charts share: the SVG canvas, the palette and fonts, the header (title,
//! caption, legend), and labels made safe for SVG.
//!
//! Text is written as SVG `<text>` elements and laid out with plotters' own estimate of its
//! width (no font file is read), so sizes here leave room for the estimate's error.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{Chart, ChartError, ChartOptions};
use crate::compare::Direction;

/// The drawing area of one chart.
pub(super) type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

// The Okabe-Ito palette: distinguishable with every common colour-vision deficiency.
/// The estimate line and points.
pub(super) const ESTIMATE: RGBColor = RGBColor(0, 114, 178);
/// The interval band (drawn translucent).
pub(super) const BAND: RGBColor = RGBColor(86, 180, 233);
/// How opaque the band is.
pub(super) const BAND_OPACITY: f64 = 0.3;
/// NPS detractors.
pub(super) const DETRACTOR: RGBColor = RGBColor(213, 94, 0);
/// NPS passives.
pub(super) const PASSIVE: RGBColor = RGBColor(187, 187, 187);
/// NPS promoters.
pub(super) const PROMOTER: RGBColor = RGBColor(0, 158, 115);
/// Text.
pub(super) const INK: RGBColor = RGBColor(34, 34, 34);
/// Secondary text (captions, counts).
pub(super) const MUTED: RGBColor = RGBColor(96, 96, 96);
/// Grid lines.
pub(super) const GRID: RGBColor = RGBColor(221, 221, 221);

/// The radius of an estimate's dot, in pixels.
pub(super) const DOT: u32 = 5;

/// Space around everything, in pixels.
pub(super) const MARGIN: i32 = 14;

/// Labels longer than this many characters are cut, so one long name cannot squeeze the plot.
const MAX_LABEL: usize = 32;

/// A sans-serif text style of `px` pixels.
///
/// plotters' SVG backend writes `font-size = size / 1.24`, so the size passed is scaled up to
/// come out at `px`.
pub(super) fn font(px: f64, color: &'static RGBColor) -> TextStyle<'static> {
    ("sans-serif", px * 1.24).into_font().color(color)
}

/// Text anchored at its left end, centred vertically.
pub(super) fn left(style: TextStyle<'static>) -> TextStyle<'static> {
    style.pos(Pos::new(HPos::Left, VPos::Center))
}

/// Text centred on its position.
pub(super) fn centred(style: TextStyle<'static>) -> TextStyle<'static> {
    style.pos(Pos::new(HPos::Center, VPos::Center))
}

/// What a chart says above its plot.
#[derive(Debug, Clone)]
pub(super) struct Header {
    pub(super) title: String,
    /// What is drawn, by which method, at which level.
    pub(super) caption: String,
    pub(super) legend: Vec<Key>,
}

/// Draws a chart of `options`' size into an SVG string: the header, then `plot` given the
/// whole canvas (for text outside the plot) and the area below the header.
pub(super) fn render(
    options: &ChartOptions,
    header: &Header,
    plot: impl for<'b> FnOnce(&Area<'b>, &Area<'b>) -> Result<(), ChartError>,
) -> Result<Chart, ChartError> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (options.width(), options.height()))
            .into_drawing_area();
        root.fill(&WHITE).map_err(drawing)?;
        let body = draw_header(&root, header)?;
        plot(&root, &body)?;
        root.present().map_err(drawing)?;
    }
    Ok(Chart { svg })
}

/// A plotters error as a [`ChartError`].
pub(super) fn drawing<E: std::error::Error + Send + Sync>(
    error: DrawingAreaErrorKind<E>,
) -> ChartError {
    ChartError::Drawing {
        source: std::sync::Arc::new(std::io::Error::other(error.to_string())),
    }
}

/// A label made safe and short: characters XML does not allow (control characters, U+FFFE,
/// U+FFFF) become U+FFFD, and a label past [`MAX_LABEL`] characters is cut with an ellipsis.
/// (The SVG backend escapes `<`, `&` and quotes itself.)
pub(super) fn label(text: &str) -> String {
    let clean = |c: char| {
        if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' {
            '\u{FFFD}'
        } else {
            c
        }
    };
    if text.chars().count() > MAX_LABEL {
        let mut cut: String = text.chars().take(MAX_LABEL - 1).map(clean).collect();
        cut.push('…');
        cut
    } else {
        text.chars().map(clean).collect()
    }
}

/// The estimated width of `text` in `style`, in pixels.
pub(super) fn text_width(area: &Area<'_>, text: &str, style: &TextStyle<'_>) -> i32 {
    area.estimate_text_size(text, style)
        .map_or(0, |(w, _)| i32::try_from(w).unwrap_or(i32::MAX))
}

/// One entry of a legend: a glyph and what it stands for.
#[derive(Debug, Clone)]
pub(super) struct Key {
    pub(super) glyph: Glyph,
    pub(super) text: String,
}

/// How a legend entry is drawn.
#[derive(Debug, Clone, Copy)]
pub(super) enum Glyph {
    /// The estimate line with a dot on it.
    Line,
    /// A dot; `hollow` for estimates from small samples.
    Dot { hollow: bool },
    /// A translucent band.
    Band,
    /// A filled box.
    Swatch(RGBColor),
    /// A horizontal whisker with end caps.
    Whisker,
    /// A significance mark.
    Mark(Direction),
}

/// Draws the title, the caption (method, level, what is drawn) and the legend across the top
/// of `root`, and returns the area below them. The legend sits outside the plot so it never
/// covers data; its entries wrap onto a second row when the chart is narrow.
fn draw_header<'a>(root: &Area<'a>, header: &Header) -> Result<Area<'a>, ChartError> {
    let Header {
        title,
        caption,
        legend,
    } = header;
    let (width, _) = root.dim_in_pixel();
    let room = i32::try_from(width).unwrap_or(i32::MAX) - 2 * MARGIN;
    let title_style = font(19.0, &INK).pos(Pos::new(HPos::Left, VPos::Top));
    let caption_style = font(13.0, &MUTED).pos(Pos::new(HPos::Left, VPos::Top));
    let title = shorten(root, &label_line(title), &title_style, room);
    root.draw_text(&title, &title_style, (MARGIN, 10))
        .map_err(drawing)?;
    let mut y = 36;
    for line in wrap(root, &label_line(caption), &caption_style, room) {
        root.draw_text(&line, &caption_style, (MARGIN, y))
            .map_err(drawing)?;
        y += 18;
    }

    let key_style = left(font(13.0, &INK));
    let (mut x, mut y) = (MARGIN, y + 12);
    for key in legend {
        let text = shorten(root, &label_line(&key.text), &key_style, room - 30);
        let advance = 30 + text_width(root, &text, &key_style) + 22;
        if x > MARGIN && x + advance > MARGIN + room {
            (x, y) = (MARGIN, y + 22);
        }
        draw_glyph(root, key.glyph, (x, y))?;
        root.draw_text(&text, &key_style, (x + 30, y))
            .map_err(drawing)?;
        x += advance;
    }
    let top = if legend.is_empty() { y } else { y + 16 };
    Ok(root.split_vertically(top).1)
}

/// `text` in lines no wider than `room` pixels, broken between words (at most three lines;
/// the last is shortened if the text goes on).
fn wrap(area: &Area<'_>, text: &str, style: &TextStyle<'_>, room: i32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if text_width(area, &format!("{line} {word}"), style) <= room => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    if lines.len() > 3 {
        let rest = lines.split_off(2).join(" ");
        lines.push(rest);
    }
    lines
        .iter()
        .map(|line| shorten(area, line, style, room))
        .collect()
}

/// `text` cut with an ellipsis to at most `room` pixels wide (as plotters estimates it).
pub(super) fn shorten(area: &Area<'_>, text: &str, style: &TextStyle<'_>, room: i32) -> String {
    if text_width(area, text, style) <= room {
        return text.to_owned();
    }
    let mut cut: String = text.to_owned();
    while cut.pop().is_some() {
        let candidate = format!("{}…", cut.trim_end());
        if text_width(area, &candidate, style) <= room {
            return candidate;
        }
    }
    "…".to_owned()
}

/// Titles, captions and legend entries: longer than a label may be, but just as clean, with
/// control characters and runs of white space as one space.
fn label_line(text: &str) -> String {
    let clean: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .filter(|&c| c != '\u{FFFE}' && c != '\u{FFFF}')
        .take(400)
        .collect();
    clean.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Draws a legend glyph 24 px wide, vertically centred on `y`.
fn draw_glyph(root: &Area<'_>, glyph: Glyph, (x, y): (i32, i32)) -> Result<(), ChartError> {
    let result = match glyph {
        Glyph::Line => root
            .draw(&PathElement::new(
                vec![(x, y), (x + 24, y)],
                ESTIMATE.stroke_width(2),
            ))
            .and_then(|()| root.draw(&Circle::new((x + 12, y), DOT, ESTIMATE.filled()))),
        Glyph::Dot { hollow } => dot(root, (x + 12, y), hollow),
        Glyph::Band => root.draw(&Rectangle::new(
            [(x, y - 7), (x + 24, y + 7)],
            BAND.mix(BAND_OPACITY).filled(),
        )),
        Glyph::Swatch(color) => root.draw(&Rectangle::new(
            [(x, y - 7), (x + 24, y + 7)],
            color.filled(),
        )),
        Glyph::Whisker => root.draw(&PathElement::new(
            vec![
                (x, y - 5),
                (x, y + 5),
                (x, y),
                (x + 24, y),
                (x + 24, y - 5),
                (x + 24, y + 5),
            ],
            ESTIMATE.stroke_width(2),
        )),
        Glyph::Mark(direction) => root.draw(&triangle(direction, (x + 12, y))),
    };
    result.map_err(drawing)
}

/// An estimate's dot at a pixel position: filled, or a ring (a white centre) for a small
/// sample.
fn dot(
    root: &Area<'_>,
    at: (i32, i32),
    hollow: bool,
) -> Result<(), DrawingAreaErrorKind<std::io::Error>> {
    root.draw(&Circle::new(at, DOT, ESTIMATE.filled()))?;
    if hollow {
        root.draw(&Circle::new(at, DOT - 2, WHITE.filled()))?;
    }
    Ok(())
}

/// The white centre that turns an estimate's dot of `radius` into a small-sample ring, drawn
/// over it (the ring stays about 2 px wide at any size).
pub(super) fn ring(at: (f64, f64), radius: u32) -> Circle<(f64, f64), u32> {
    Circle::new(at, radius.saturating_sub(2).max(1), WHITE.filled())
}

/// `value`, or [`ChartError::NotPlottable`] naming `label` when it is not finite or beyond
/// ±[`MAX_VALUE`](super::MAX_VALUE).
pub(super) fn plottable(label: &str, what: &'static str, value: f64) -> Result<f64, ChartError> {
    if value.is_finite() && value.abs() <= super::MAX_VALUE {
        Ok(value)
    } else {
        Err(ChartError::NotPlottable {
            label: label.to_owned(),
            what,
            value,
        })
    }
}

/// The colour a mark is drawn in: green for up, vermillion for down (Okabe-Ito, the NPS
/// promoter and detractor colours).
fn mark_colour(direction: Direction) -> &'static RGBColor {
    match direction {
        Direction::Up => &PROMOTER,
        Direction::Down => &DETRACTOR,
    }
}

/// A filled triangle 12 px wide centred on the pixel `(x, y)`, pointing up or down: drawn
/// rather than written as ▲ ▼, so it does not depend on the viewer's fonts.
pub(super) fn triangle(direction: Direction, (x, y): (i32, i32)) -> Polygon<(i32, i32)> {
    let tip = match direction {
        Direction::Up => -6,
        Direction::Down => 6,
    };
    Polygon::new(
        vec![(x, y + tip), (x - 6, y - tip), (x + 6, y - tip)],
        mark_colour(direction).filled(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_clean_and_short() {
        assert_eq!(label("chat"), "chat");
        assert_eq!(label("a\u{0}b\u{FFFF}"), "a\u{FFFD}b\u{FFFD}");
        let long = label(&"x".repeat(100));
        assert_eq!(long.chars().count(), MAX_LABEL);
        assert!(long.ends_with('…'));
        assert_eq!(label_line("two\nlines"), "two lines");
    }
}
