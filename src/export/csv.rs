//! CSV that spreadsheets open safely, written by the `csv` crate.
//!
//! Every field is quoted when it needs to be (RFC 4180), and a cell that a
//! spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab
//! or a carriage return, as OWASP lists) is prefixed with `'`, which shows the
//! text as typed.

use std::borrow::Cow;

/// A cell a spreadsheet shows as typed instead of running it.
pub fn safe(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Rows of cells as CSV, each line ending in CRLF as RFC 4180 asks. Rows
/// may differ in length.
pub fn table<R, S>(rows: impl IntoIterator<Item = R>) -> String
where
    R: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut writer = ::csv::WriterBuilder::new()
        .flexible(true)
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for row in rows {
        let cells: Vec<String> = row
            .into_iter()
            .map(|c| safe(c.as_ref()).into_owned())
            .collect();
        // Writing to memory fails only when out of memory.
        if writer.write_record(&cells).is_err() {
            break;
        }
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// One CSV line, ending in CRLF.
pub fn row<S: AsRef<str>>(cells: &[S]) -> String {
    table([cells.iter().map(AsRef::as_ref)])
}

/// One field, neutralised and quoted as needed.
pub fn field(text: &str) -> String {
    let line = row(&[text]);
    line.strip_suffix("\r\n").unwrap_or(&line).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        for bad in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            let cell = field(bad);
            let inner = cell.trim_start_matches('"');
            assert!(inner.starts_with('\''), "{bad:?} -> {cell:?}");
        }
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
    }

    #[test]
    fn commas_quotes_and_newlines_are_quoted() {
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
        assert_eq!(field("plain"), "plain");
        assert_eq!(row(&["a", "b"]), "a,b\r\n");
        assert_eq!(table([["a", "b"], ["c", "d"]]), "a,b\r\nc,d\r\n");
    }
}
