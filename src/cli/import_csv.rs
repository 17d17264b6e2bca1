//! Reading pitches from a form's CSV export (Google Forms, Microsoft Forms,
//! a spreadsheet): which column is which, by header name, and which rows
//! make a pitch. Pure: bytes in, pitches and reasons out.

use crate::model::{Person, Pitch};

/// What a column holds, and the header names it goes by, most specific
/// first: when two headers name the same thing ("Name", the form account,
/// and "Your name", the question), the earlier variant wins.
const COLUMNS: [(Field, &[&str]); 6] = [
    (
        Field::Title,
        &[
            "title",
            "session title",
            "pitch title",
            "topic",
            "session",
            "pitch",
        ],
    ),
    (
        Field::Name,
        &["pitched by", "your name", "speaker", "full name", "name"],
    ),
    (
        Field::Organisation,
        &[
            "organisation",
            "organization",
            "company",
            "your organisation",
            "your organization",
        ],
    ),
    (
        Field::Description,
        &["description", "session description", "summary", "details"],
    ),
    (Field::Votes, &["votes", "interest"]),
    (Field::Tags, &["tags", "tag"]),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Title,
    Name,
    Organisation,
    Description,
    Votes,
    Tags,
}

/// A file read: the pitches its good rows make, and why the others were
/// skipped, each with the line the row starts on.
#[derive(Debug, Default, PartialEq)]
pub struct Parsed {
    pub pitches: Vec<(u64, Pitch)>,
    pub bad: Vec<(u64, String)>,
    /// Headers no field uses (timestamps, e-mail addresses), as written.
    pub ignored: Vec<String>,
}

/// Why a file cannot be read at all.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ImportError {
    #[error("it is not UTF-8 text; save it as \"CSV UTF-8\" and try again")]
    NotUtf8,
    #[error("it is empty")]
    Empty,
    #[error(
        "it has no title column (one of Title, Topic, Session or Session title); its columns are {0}"
    )]
    NoTitle(String),
    #[error("its header cannot be read: {0}")]
    Header(String),
}

/// Reads a CSV file's bytes, with or without a byte-order mark.
pub fn parse(bytes: &[u8]) -> Result<Parsed, ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| ImportError::NotUtf8)?;
    let first_line = text.lines().next().unwrap_or("");
    // Spreadsheets in some locales separate with semicolons.
    let delimiter = if !first_line.contains(',') && first_line.contains(';') {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| ImportError::Header(e.to_string()))?
        .clone();
    if headers.iter().all(|h| h.trim().is_empty()) {
        return Err(ImportError::Empty);
    }
    let columns = match_columns(&headers);
    if !columns.contains(&Some(Field::Title)) {
        let found: Vec<String> = headers
            .iter()
            .map(|h| format!("\"{}\"", h.trim()))
            .collect();
        return Err(ImportError::NoTitle(found.join(", ")));
    }
    let mut parsed = Parsed {
        ignored: (headers.iter().zip(&columns))
            .filter(|(h, c)| c.is_none() && !h.trim().is_empty())
            .map(|(h, _)| h.trim().to_string())
            .collect(),
        ..Parsed::default()
    };
    for result in reader.records() {
        match result {
            Ok(record) => {
                let line = line_at(text, record.position());
                match row(&record, &columns, headers.len()) {
                    Ok(Some(pitch)) => parsed.pitches.push((line, pitch)),
                    Ok(None) => {}
                    Err(reason) => parsed.bad.push((line, reason)),
                }
            }
            Err(error) => {
                let line = line_at(text, error.position());
                parsed
                    .bad
                    .push((line, "it cannot be read as CSV".to_string()));
            }
        }
    }
    Ok(parsed)
}

/// The line a record starts on, counted from its byte offset. After a CRLF
/// line end the csv crate's offset (and its own line count) points at the
/// LF, so line ends at the offset are skipped first.
fn line_at(text: &str, position: Option<&csv::Position>) -> u64 {
    let byte = position.map_or(0, |p| p.byte()) as usize;
    let rest = text.get(byte..).unwrap_or("");
    let start = byte + (rest.len() - rest.trim_start_matches(['\r', '\n']).len());
    let before = text.get(..start).unwrap_or(text);
    before.matches('\n').count() as u64 + 1
}

/// The field of each column, by its header. A column is used once.
fn match_columns(headers: &csv::StringRecord) -> Vec<Option<Field>> {
    let normal: Vec<String> = headers.iter().map(normalise).collect();
    let mut columns = vec![None; normal.len()];
    for (field, variants) in COLUMNS {
        let best = variants.iter().find_map(|variant| {
            (0..normal.len()).find(|&i| normal[i] == *variant && columns[i].is_none())
        });
        if let Some(index) = best {
            columns[index] = Some(field);
        }
    }
    columns
}

/// "Session title (required)?" → "session title".
fn normalise(header: &str) -> String {
    let mut text = header.trim().to_lowercase();
    if let Some(open) = text.rfind('(')
        && text.trim_end().ends_with(')')
        && open > 0
    {
        text.truncate(open);
    }
    let text = text.trim_end_matches(['?', ':', '*', ' ', '.']);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One row as a pitch; none for a blank row; why not for a bad one.
fn row(
    record: &csv::StringRecord,
    columns: &[Option<Field>],
    width: usize,
) -> Result<Option<Pitch>, String> {
    if record.iter().all(|cell| cell.trim().is_empty()) {
        return Ok(None);
    }
    if record.len() > width {
        return Err(format!(
            "it has {} fields but the header has {width}",
            record.len()
        ));
    }
    let cell = |field: Field| -> &str {
        (columns.iter().position(|c| *c == Some(field)))
            .and_then(|i| record.get(i))
            .map_or("", str::trim)
    };
    let title = crate::model::text::one_line(cell(Field::Title));
    if title.is_empty() {
        return Err("it has no title".to_string());
    }
    let votes = match cell(Field::Votes) {
        "" => 0,
        text => text
            .parse::<u32>()
            .map_err(|_| format!("its votes, \"{text}\", are not a whole number"))?,
    };
    let organisation = Some(cell(Field::Organisation).to_string()).filter(|o| !o.is_empty());
    let pitched_by = split_list(cell(Field::Name), true)
        .into_iter()
        .map(|name| Person {
            name,
            organisation: organisation.clone(),
        })
        .collect();
    Ok(Some(Pitch {
        title,
        pitched_by,
        description: cell(Field::Description).to_string(),
        tags: split_list(cell(Field::Tags), false),
        interest: votes,
        ..Pitch::default()
    }))
}

/// "Sam Jones and Priya; Ade" → three names; "a, b" → two tags.
fn split_list(text: &str, names: bool) -> Vec<String> {
    let text = if names {
        text.replace(" and ", ";").replace(" & ", ";")
    } else {
        text.to_string()
    };
    text.split([';', ',', '\n'])
        .map(crate::model::text::one_line)
        .filter(|part| !part.is_empty())
        .collect()
}

#[cfg(test)]
mod tests;
