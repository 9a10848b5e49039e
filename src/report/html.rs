//! The page as HTML text: escaping, the page around the sections, and tables.
//!
//! Everything the page says comes from a caller (titles, labels, comments' themes) or from a
//! number, and every caller's string goes through [`text`]: escaped by
//! `html-escape`, with the characters no HTML or XML document may contain (control
//! characters, unpaired surrogates cannot occur in a `&str`, U+FFFE, U+FFFF) replaced by
//! U+FFFD. Void elements are closed (`<meta ... />`), so the page is well-formed XML as well
//! as HTML and an XML parser can check it.

use std::borrow::Cow;
use std::fmt::Write as _;

use crate::table::{Format, Table};

/// `raw` made safe as element content: `&`, `<`, `>` escaped, forbidden characters replaced.
pub(super) fn text(raw: &str) -> String {
    html_escape::encode_text(&clean(raw)).into_owned()
}

/// `raw` without the characters a document may not contain; tabs and line breaks stay.
fn clean(raw: &str) -> Cow<'_, str> {
    let forbidden = |c: char| {
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
    };
    if raw.chars().any(forbidden) {
        Cow::Owned(
            raw.chars()
                .map(|c| if forbidden(c) { '\u{FFFD}' } else { c })
                .collect(),
        )
    } else {
        Cow::Borrowed(raw)
    }
}

/// The style sheet: system fonts, one column at reading width, tables with right-aligned
/// numbers and tabular figures, and print rules that keep a figure or table on one page.
const STYLE: &str = "
:root { color-scheme: light; --ink: #222; --muted: #606060; --rule: #ddd; --small: #8a8a8a; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif; }
main { max-width: 1000px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 28px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 0 0 8px; border-bottom: 1px solid var(--rule); padding-bottom: 4px; }
p { margin: 6px 0; }
.lede { color: var(--muted); }
nav ol { columns: 2; margin: 12px 0 0; padding-left: 20px; }
section { margin: 32px 0 0; }
figure { margin: 8px 0; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption, .note { color: var(--muted); font-size: 13px; }
.figures { display: flex; flex-wrap: wrap; gap: 12px 40px; }
.figure .value { font-size: 40px; font-weight: 600; font-variant-numeric: tabular-nums; }
.figure .metric { font-size: 16px; color: var(--muted); margin-left: 6px; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; margin: 8px 0; font-size: 12px; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding-bottom: 4px; }
th, td { padding: 3px 6px; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
th { border-bottom: 2px solid var(--ink); vertical-align: bottom; }
td.num, th.num { text-align: right; }
td.num { white-space: nowrap; }
tr.small td, td.small { color: var(--small); }
.mark-up { color: #009E73; } .mark-down { color: #D55E00; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--rule); padding-top: 8px; }
@media print {
  body { font-size: 11pt; } main { max-width: none; padding: 0; }
  table { font-size: 8pt; } th, td { padding: 2px 5px; }
  .scroll { overflow: visible; }
  nav { display: none; }
  section, figure, table { break-inside: avoid; page-break-inside: avoid; }
  h2 { break-after: avoid; page-break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
";

/// The page around `body`: doctype, head with the title and style sheet, `main`.
pub(super) fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n\
         <meta name=\"generator\" content=\"satisfaction {version}\" />\n\
         <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n{body}</main>\n\
         </body>\n</html>\n",
        version = env!("CARGO_PKG_VERSION"),
        title = text(title),
    )
}

/// Whether a column of `format` holds numbers (right-aligned).
fn numeric(format: Format) -> bool {
    !matches!(format, Format::Text | Format::Period)
}

/// `table` as an HTML table with its title as caption and its notes below: numbers
/// right-aligned as the table formats them, small-sample rows and columns greyed and marked
/// †, ▲ ▼ coloured.
pub(super) fn table(table: &Table) -> String {
    let mut out = String::from("<div class=\"scroll\">\n<table>\n");
    let _ = writeln!(out, "<caption>{}</caption>", text(table.title()));
    out.push_str("<thead><tr>");
    for (c, column) in table.columns().iter().enumerate() {
        let class = if numeric(column.format) {
            " class=\"num\""
        } else {
            ""
        };
        let mark = if table.is_small_column(c) { " †" } else { "" };
        let _ = write!(
            out,
            "<th scope=\"col\"{class}>{}{mark}</th>",
            text(&column.name)
        );
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for r in 0..table.rows().len() {
        let small = table.is_small_row(r);
        out.push_str(if small {
            "<tr class=\"small\">"
        } else {
            "<tr>"
        });
        for (c, column) in table.columns().iter().enumerate() {
            let shown = table.format_cell(r, c).unwrap_or_default();
            let mut classes = Vec::new();
            if numeric(column.format) {
                classes.push("num");
            }
            if table.is_small_column(c) {
                classes.push("small");
            }
            match shown.as_str() {
                "▲" => classes.push("mark-up"),
                "▼" => classes.push("mark-down"),
                _ => {}
            }
            let class = if classes.is_empty() {
                String::new()
            } else {
                format!(" class=\"{}\"", classes.join(" "))
            };
            // The row's mark goes after its first cell, where the eye starts reading.
            let mark = if small && c == 0 { " †" } else { "" };
            let _ = write!(out, "<td{class}>{}{mark}</td>", text(&shown));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
    for note in table.notes() {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", text(note));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_cleaned() {
        assert_eq!(text("a < b & \"c\""), "a &lt; b &amp; \"c\"");
        assert_eq!(text("bell\u{7} and \u{FFFF}"), "bell\u{FFFD} and \u{FFFD}");
        assert_eq!(text("two\nlines\tand a tab"), "two\nlines\tand a tab");
        assert_eq!(text("שלום"), "שלום");
    }
}
