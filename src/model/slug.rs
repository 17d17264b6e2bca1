//! Safe names for folders and files made from what users type.

/// Windows device names that cannot be used as a file name on any drive.
const RESERVED: [&str; 22] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// The longest slug we make; leaves room for a suffix and an extension on any
/// file system.
pub const MAX_LEN: usize = 60;

/// Lower-case ASCII letters, digits and single hyphens, at most [`MAX_LEN`]
/// characters, never empty, never a reserved device name, never `.` or `..`.
/// Accented Latin letters lose their accents; other characters separate words.
pub fn slugify(text: &str) -> String {
    let mut slug = String::new();
    let mut gap = false;
    for c in text.chars() {
        let c = fold_accent(c);
        if c.is_ascii_alphanumeric() {
            if gap && !slug.is_empty() {
                slug.push('-');
            }
            gap = false;
            slug.push(c.to_ascii_lowercase());
        } else if c != '\'' && c != '\u{2019}' {
            gap = true;
        }
        if slug.len() >= MAX_LEN {
            break;
        }
    }
    slug.truncate(MAX_LEN);
    let mut slug = slug.trim_end_matches('-').to_string();
    if slug.is_empty() {
        slug.push_str("untitled");
    }
    if RESERVED.contains(&slug.as_str()) {
        slug.push_str("-event");
    }
    slug
}

/// `slugify(text)`, or with `-2`, `-3`, ... appended until `taken` says no.
pub fn unique_slug(text: &str, taken: impl Fn(&str) -> bool) -> String {
    let base = slugify(text);
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|candidate| !taken(candidate))
        .unwrap_or(base)
}

fn fold_accent(c: char) -> char {
    match c {
        'à'..='å' | 'À'..='Å' => 'a',
        'ç' | 'Ç' => 'c',
        'è'..='ë' | 'È'..='Ë' => 'e',
        'ì'..='ï' | 'Ì'..='Ï' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò'..='ö' | 'ø' | 'Ò'..='Ö' | 'Ø' => 'o',
        'ù'..='ü' | 'Ù'..='Ü' => 'u',
        'ý' | 'ÿ' | 'Ý' => 'y',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn names_become_readable_slugs() {
        assert_eq!(
            slugify("Local Digital Unconference 2018"),
            "local-digital-unconference-2018"
        );
        assert_eq!(slugify("Sam's laptop"), "sams-laptop");
        assert_eq!(slugify("Café — Zürich"), "cafe-zurich");
    }

    #[test]
    fn hostile_names_become_safe() {
        assert_eq!(slugify("../../x"), "x");
        assert_eq!(slugify("a/b"), "a-b");
        assert_eq!(slugify("CON"), "con-event");
        assert_eq!(slugify("nul\0"), "nul-event");
        assert_eq!(slugify(""), "untitled");
        assert_eq!(slugify("..."), "untitled");
        assert_eq!(slugify(&"x".repeat(300)).len(), MAX_LEN);
    }

    #[test]
    fn unique_slug_counts_up() {
        let taken = ["day", "day-2"];
        assert_eq!(unique_slug("Day", |s| taken.contains(&s)), "day-3");
    }

    proptest! {
        #[test]
        fn every_slug_is_a_safe_file_name(text in any::<String>()) {
            let slug = slugify(&text);
            prop_assert!(!slug.is_empty() && slug.len() <= MAX_LEN + 6);
            prop_assert!(slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
            prop_assert!(!slug.starts_with('-') && !slug.ends_with('-'));
            prop_assert!(!RESERVED.contains(&slug.as_str()));
        }
    }
}
