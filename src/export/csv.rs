//! CSV that spreadsheets open safely.
//!
//! Every field is quoted when it needs to be (RFC 4180), and a cell that a
//! spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab
//! or a carriage return, as OWASP lists) is prefixed with `'`, which shows the
//! text as typed.

/// One CSV line, ending in CRLF as RFC 4180 asks.
pub fn row<S: AsRef<str>>(cells: &[S]) -> String {
    let mut line = cells
        .iter()
        .map(|c| field(c.as_ref()))
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

/// One field, neutralised and quoted as needed.
pub fn field(text: &str) -> String {
    let safe = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if safe.contains([',', '"', '\n', '\r']) || safe != safe.trim() {
        format!("\"{}\"", safe.replace('"', "\"\""))
    } else {
        safe
    }
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
    }
}
