//! `unconf resolve`: the conflicts of an event with their versions
//! numbered as the TUI's resolve view numbers them, and keeping one.
//!
//! Listing and keeping are two runs, and a version can arrive between them.
//! The listing is remembered on this machine (never in the event folder),
//! and a keep whose versions are not the ones listed is refused: it would
//! keep something the person did not choose over something they never saw.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::{DateTime, Utc};

use super::args::ResolveArgs;
use super::event_cmds::event_name;
use super::{CliError, CliResult, Context};
use crate::model::fields::{self, Field};
use crate::model::text::{capitalised, fit, inert_line};
use crate::model::{Event, Id, Record};
use crate::store::version::Version;
use crate::store::{Access, Conflict, Dot, EventFolder, clock};

/// Longest a field's value is shown in a listing.
const VALUE_WIDTH: usize = 70;

pub fn resolve(context: &Context, args: ResolveArgs) -> CliResult {
    let dir = context.event_dir(&args.event)?;
    let access = if args.keep.is_some() {
        Access::Write
    } else {
        Access::Read
    };
    let mut folder = EventFolder::open(&dir, context.identity()?, context.clock, access)?;
    let conflicts: Vec<Id> = folder.replica().conflicts().cloned().collect();
    let listings = Listings::of(&folder);
    let (Some(record), Some(keep)) = (args.record, args.keep) else {
        let listed = list(&folder, &conflicts, &args.event, context.clock.now_utc());
        // A courtesy for the next `--keep`: failing to remember only means
        // that numbers cannot be used then.
        let _ = listings.save(&listed);
        return Ok(());
    };
    let id = find(&folder, &conflicts, &record, &args.event)?;
    let Some(conflict) = folder.replica().conflict(&id) else {
        return Err(CliError::Bad(format!(
            "{} has no conflicting versions any more; nothing was changed.",
            capitalised(&folder.event().describe(&id))
        )));
    };
    let what = folder.event().describe(&id);
    let listed = listings.load().remove(&id);
    if let Some(listed) = &listed
        && *listed != conflict.dots()
    {
        return Err(CliError::Bad(inert_line(&format!(
            "The versions of {what} changed since `unconf resolve {}` listed them (another laptop's arrived); nothing was kept: list them again and choose.",
            args.event
        ))));
    }
    let chosen = choose(&conflict, &keep, listed.is_some()).ok_or_else(|| {
        let shown = if listed.is_none() {
            format!(
                "A version of {what} is kept only after this laptop has listed them, so that keeping covers what you saw"
            )
        } else if keep.trim().parse::<usize>().is_err() {
            format!("{} has no version with the id \"{keep}\"", capitalised(&what))
        } else {
            format!(
                "{} has versions 1 to {}, not {keep}",
                capitalised(&what),
                conflict.versions.len()
            )
        };
        CliError::Bad(inert_line(&format!(
            "{shown}; `unconf resolve {}` lists them.",
            args.event
        )))
    })?;
    let Some(version) = conflict.versions.get(chosen).cloned() else {
        return Ok(());
    };
    let who = writer(&folder, &version);
    let edits = conflict.keep(folder.replica(), chosen, None);
    folder.commit_edits(edits)?;
    let mut remaining = listings.load();
    remaining.remove(&id);
    let _ = listings.save(&remaining);
    let kept = if version.deleted {
        "deletion"
    } else {
        "version"
    };
    println!(
        "{}",
        inert_line(&format!(
            "Kept {kept} {} of {what} (by {who}); it replaces the other{} here, and on every laptop that gets this laptop's file.",
            chosen + 1,
            if conflict.versions.len() > 2 { "s" } else { "" }
        ))
    );
    Ok(())
}

/// The version `typed` names: a number from the listing, or a version id.
/// Both are taken only when this laptop listed the versions (the caller
/// checks that they are still the ones listed), since keeping covers only
/// what the person saw.
fn choose(conflict: &Conflict, typed: &str, listed: bool) -> Option<usize> {
    if !listed {
        return None;
    }
    let typed = typed.trim();
    // Ids first: an id is four characters of a run's name and a counter,
    // and can be all digits ("04071"); it then names that version, never
    // the version with that number.
    let id = typed.to_lowercase();
    let found: Vec<usize> = version_ids(conflict)
        .iter()
        .enumerate()
        .filter(|(_, shown)| shown.to_lowercase() == id)
        .map(|(i, _)| i)
        .collect();
    match found.as_slice() {
        [one] => return Some(*one),
        [] => {}
        _ => return None,
    }
    let n = typed.parse::<usize>().ok()?;
    (n >= 1 && n <= conflict.versions.len()).then(|| n - 1)
}

/// The ids the listing gives the versions: their dots' labels, with a
/// letter after those two versions share (the same dot saved twice with
/// different content: a restored backup or a copied identity).
fn version_ids(conflict: &Conflict) -> Vec<String> {
    let labels: Vec<String> = conflict.versions.iter().map(|v| v.dot.label()).collect();
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    labels
        .iter()
        .map(|label| {
            let twice = labels.iter().filter(|l| *l == label).count() > 1;
            let n = seen.entry(label.as_str()).or_default();
            *n += 1;
            if twice {
                let letter = char::from(b'a' + u8::try_from((*n - 1) % 26).unwrap_or(0));
                format!("{label}{letter}")
            } else {
                label.clone()
            }
        })
        .collect()
}

/// The listings `unconf resolve` printed last on this laptop, by record.
struct Listings {
    path: Option<PathBuf>,
}

impl Listings {
    fn of(folder: &EventFolder) -> Listings {
        let state = crate::store::local::LocalState::machine().for_event(&folder.event().id);
        let device = crate::store::local::component(&folder.identity().device);
        Listings {
            path: Some(state.resolve().join(format!("{device}.ron"))),
        }
    }

    fn load(&self) -> BTreeMap<Id, Vec<Dot>> {
        let Some(path) = &self.path else {
            return BTreeMap::new();
        };
        let stored: BTreeMap<Id, Vec<(String, u64)>> = std::fs::read_to_string(path)
            .ok()
            .and_then(|text| ron::from_str(&text).ok())
            .unwrap_or_default();
        stored
            .into_iter()
            .map(|(id, dots)| {
                let dots = dots
                    .into_iter()
                    .map(|(writer, n)| Dot {
                        writer: writer.into(),
                        n,
                    })
                    .collect();
                (id, dots)
            })
            .collect()
    }

    fn save(&self, listed: &BTreeMap<Id, Vec<Dot>>) -> std::io::Result<()> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        let stored: BTreeMap<&Id, Vec<(String, u64)>> = listed
            .iter()
            .map(|(id, dots)| {
                (
                    id,
                    dots.iter().map(|d| (d.writer.to_string(), d.n)).collect(),
                )
            })
            .collect();
        let text = ron::to_string(&stored).map_err(std::io::Error::other)?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        crate::store::atomic::write(path, text.as_bytes())
    }
}

/// Every conflict and its versions, only the fields that differ. Returns
/// what was listed, for the keep that follows.
fn list(
    folder: &EventFolder,
    conflicts: &[Id],
    event_arg: &str,
    now: DateTime<Utc>,
) -> BTreeMap<Id, Vec<Dot>> {
    let mut listed = BTreeMap::new();
    if conflicts.is_empty() {
        println!("{}: no conflicting versions.", event_name(folder));
        return listed;
    }
    let event = folder.event();
    for id in conflicts {
        let Some(conflict) = folder.replica().conflict(id) else {
            continue;
        };
        let versions = &conflict.versions;
        let fields = conflict
            .fields_in_words()
            .map(|words| format!(" of {words}"))
            .unwrap_or_default();
        println!(
            "{}",
            inert_line(&format!(
                "{} ({}): {} versions{fields}",
                capitalised(&event.describe(id)),
                id.short(),
                versions.len()
            ))
        );
        if !conflict.unseen_work.is_empty() {
            let work = conflict.unseen_work.len();
            println!(
                "  It was deleted on one laptop while {} added to it on another.",
                if work == 1 {
                    "a note or next step was".to_string()
                } else {
                    format!("{work} notes or next steps were")
                }
            );
        }
        let values: Vec<Option<&Record>> = versions.iter().map(|v| v.value.as_ref()).collect();
        let differing = fields::differing(event, &values);
        let ids = version_ids(&conflict);
        for (n, (version, shown_id)) in versions.iter().zip(&ids).enumerate() {
            let mut when = version.at.format("%Y-%m-%d %H:%M UTC").to_string();
            if clock::ahead(now, version.at).is_some() {
                when.push_str(", its clock ahead");
            }
            println!(
                "{}",
                inert_line(&format!(
                    "  {}. [{}] {} ({when}): {}",
                    n + 1,
                    shown_id,
                    writer(folder, version),
                    shown(event, version, &differing, !conflict.unseen_work.is_empty())
                ))
            );
        }
        println!(
            "  Keep one: unconf resolve {} {} --keep N",
            inert_line(event_arg),
            id.short()
        );
        listed.insert(id.clone(), conflict.dots());
    }
    listed
}

/// "Title: Open data; Interest: 4", or "deleted it".
fn shown(event: &Event, version: &Version, differing: &[&str], work: bool) -> String {
    let Some(record) = &version.value else {
        return "deleted it".into();
    };
    if work {
        return "added to it (keeping this brings it back)".into();
    }
    let parts: Vec<String> = fields::fields(event, record)
        .into_iter()
        .filter(|f: &Field| differing.contains(&f.label))
        .map(|f| {
            let value = if f.value.is_empty() {
                "(empty)".to_string()
            } else {
                fit(&inert_line(&f.value), VALUE_WIDTH)
            };
            format!("{}: {value}", f.label)
        })
        .collect();
    if parts.is_empty() {
        "the same content, saved twice".into()
    } else {
        parts.join("; ")
    }
}

/// "Kim on Kim's laptop".
fn writer(folder: &EventFolder, version: &Version) -> String {
    let label = folder
        .replica()
        .device_label(version.device())
        .unwrap_or(version.device());
    if version.author.is_empty() {
        label.to_string()
    } else {
        format!("{} on {label}", version.author)
    }
}

/// The conflict a typed id names: the whole id, its short form, or a
/// unique beginning, in any case.
fn find(
    folder: &EventFolder,
    conflicts: &[Id],
    typed: &str,
    event_arg: &str,
) -> Result<Id, CliError> {
    let typed = typed.trim().to_uppercase();
    let found: Vec<&Id> = conflicts
        .iter()
        .filter(|id| {
            let id = id.as_str().to_uppercase();
            !typed.is_empty() && (id == typed || id.ends_with(&typed) || id.starts_with(&typed))
        })
        .collect();
    match found.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(CliError::Bad(format!(
            "No record with conflicting versions has the id \"{typed}\" in {}; `unconf resolve {event_arg}` lists those that do.",
            event_name(folder)
        ))),
        many => Err(CliError::Bad(format!(
            "\"{typed}\" names {} records with conflicting versions ({}); type more of the id.",
            many.len(),
            many.iter()
                .map(|id| id.short())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::field::FieldSet;
    use crate::model::{Pitch, Record};
    use crate::store::{Begun, Context};

    /// A version of one pitch's title by the run `writer`, with counter `n`.
    fn version(writer: &str, n: u64, title: &str) -> Version {
        Version {
            id: Id::new("01PITCH"),
            dot: Dot {
                writer: writer.into(),
                n,
            },
            seen: Context::default(),
            fields: FieldSet::ALL,
            deleted: false,
            author: String::new(),
            at: DateTime::<Utc>::default(),
            value: Some(Record::Pitch(Pitch {
                title: title.into(),
                ..Pitch::default()
            })),
            saw: Vec::new(),
        }
    }

    fn conflict(versions: Vec<Version>) -> Conflict {
        Conflict {
            id: Id::new("01PITCH"),
            fields: FieldSet::ALL,
            versions,
            unseen_work: Vec::new(),
            unseen_begun: Vec::new(),
            begun: Begun::default(),
        }
    }

    #[test]
    fn an_id_of_digits_names_its_version_not_a_number() {
        // About one run in a hundred has a name that starts with four
        // digits; its second version's id is then "00002".
        let both = conflict(vec![
            version("dev1.0000abcd", 2, "Ours"),
            version("dev2.zzzzabcd", 1, "Theirs"),
        ]);
        assert_eq!(both.versions[0].dot.label(), "00002");
        assert_eq!(choose(&both, "00002", true), Some(0));
        assert_eq!(choose(&both, "ZZZZ1", true), Some(1), "in any case");
        assert_eq!(choose(&both, " zzzz1 ", true), Some(1));
        assert_eq!(choose(&both, "2", true), Some(1), "a number still works");
        assert_eq!(choose(&both, "3", true), None);
        assert_eq!(choose(&both, "abcd9", true), None);
        assert_eq!(choose(&both, "1", false), None, "not listed here");
        assert_eq!(choose(&both, "zzzz1", false), None, "not listed here");
    }
}
