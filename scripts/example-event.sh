#!/usr/bin/env bash
# Rebuilds the example event in sessions/ and its write-up in exports/ from the
# seed article ("The supplier response to the Local Digital Declaration",
# techUK, 26 October 2018), using only the command line.
#
# Only facts from the article are used. The article gives the order of the day
# but not clock times or room names, so those are placeholders, and it does not
# say which sessions were repeated in the afternoon, so no repeats are invented.
#
# Usage: scripts/example-event.sh   (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --quiet --release
bin=target/release/unconf
slug=supplier-response-to-the-local-digital-declaration

export UNCONF_HOME="$PWD/sessions"
export UNCONF_DEVICE="techUK organiser laptop"
export UNCONF_AUTHOR="techUK"
# A machine-local state of its own (run counts, locks, backups), so that the
# files are the same whatever this machine has run before.
XDG_STATE_HOME=$(mktemp -d)
export XDG_STATE_HOME
trap 'rm -rf "$XDG_STATE_HOME"' EXIT
rm -rf "sessions/$slug"
mkdir -p sessions exports

minute=0
# Every command gets its own fixed time, so the files are the same on every run.
at() {
  minute=$((minute + 1))
  UNCONF_NOW=$(printf '2018-10-23T%02d:%02d:00+01:00' $((9 + minute / 60)) $((minute % 60))) "$@"
}
u() { at "$bin" "$@" >/dev/null; }

u new "Supplier response to the Local Digital Declaration" \
  --date 2018-10-23 --venue "techUK" --organiser "techUK" --organiser "MHCLG" \
  --description "techUK's first unconference, run in partnership with the Ministry for Housing and Local Government (MHCLG), brought together suppliers large and small, active and looking to break into the local government market, to help shape the supplier commitment to the Local Digital Declaration.

After a techUK introduction, Carlos Oliveira (CEO and Founder of Shaping Cloud, Chair of techUK's Local Public Services Committee) spoke about the turning point for local government digital, and Linda O'Halloran (Head of the MHCLG Local Digital Collaboration Unit) spoke about the #FixThePlumbing mission and the almost 400 applications to the Local Digital Fund.

Times and room names in this example are placeholders: the article gives the order of the day, not the clock times or rooms."

for n in 1 2 3 4 5 6 7 8; do u room add "$slug" "Group $n"; done

u slot add "$slug" 09:30 10:00 --label "Welcome and introductions" --kind plenary
u slot add "$slug" 10:00 10:30 --label "Pitches" --kind plenary
u slot add "$slug" 10:30 11:30 --label "Morning discussions" --kind breakout
u slot add "$slug" 13:00 14:00 --label "Afternoon discussions" --kind breakout
u slot add "$slug" 14:00 14:45 --label "Feedback from the groups" --kind plenary
u slot add "$slug" 14:45 15:30 --label "Next steps" --kind plenary

pitch() { u pitch add "$slug" "$@"; }
pitch "A vendor community for the Declaration"
pitch "Standards for high-volume transactions"
pitch "Basic principles the market can agree on"
pitch "A business case for open standards"
pitch "Training and culture change"
pitch "Data across borders"
pitch "Collaboration between councils"
pitch "SMEs and new entrants in the local government market"
pitch "Responsible tech"
pitch "The potential for a pattern library"

n=0
for title in "vendor community" "high-volume" "basic principles" "business case" \
  "culture change" "across borders" "collaboration between" "SMEs and new entrants"; do
  n=$((n + 1))
  u schedule "$slug" "$title" --slot "Morning discussions" --room "Group $n"
done
u schedule "$slug" "responsible tech" --slot "Afternoon discussions" --room "Group 1"
u schedule "$slug" "pattern library" --slot "Afternoon discussions" --room "Group 2"

# The notes were taken in the groups, on a second laptop, during the
# morning discussions (10:30 onwards).
minute=90
note() { UNCONF_DEVICE="techUK breakout laptop" u note add "$slug" "$@"; }
set_session() { u session set "$slug" "$@"; }

set_session "vendor community" \
  --summary "There was appetite to create a vendor community that helped vendors better collaborate and support the Local Digital Declaration ambition." \
  --outcome "Appetite to create a vendor community, taking inspiration from the active buyer community on Crown Commercial Service."
note "vendor community" --kind idea "Take inspiration from the active buyer community on Crown Commercial Service."
note "vendor community" "This is part of the mission to make better procurement an enabler to transformation."

set_session "high-volume" \
  --summary "The group discussed why and how we could define standards around high-volume transactions." \
  --outcome "We need to start by identifying the highest value use cases to pilot this approach."
note "high-volume" "Each project needs a strong business case."
note "high-volume" "There is an important role for government in kick-starting these projects, as it is an unestablished market."

set_session "basic principles" \
  --summary "In response to the Local Digital Declaration, what are the basic principles the market can agree on?" \
  --outcome "There was consensus that a code or interoperability charter of some sort would be useful."
note "basic principles" --kind question "How would a code or charter work in relation to the existing Supplier Standards for digital and technology providers?"
note "basic principles" --kind question "Who would own it?"

set_session "business case" \
  --summary "To help kickstart the conversation with councils, we need a clear business case for the benefits brought by open standard, user-centric services." \
  --outcome "There is an opportunity for ethnographic research here."
note "business case" --kind question "How can suppliers help with this?"
note "business case" --kind idea "Create an environment to share what good looks like and facilitate collaboration between authorities."

set_session "culture change" \
  --summary "There are existing banks of assets that can be used, from TED Talks to councils already pioneering training in this area." \
  --outcome "Lots of groups are doing fantastic things to tap in to."
note "culture change" "Dorset have set up a digital academy."

set_session "across borders" \
  --summary "This discussion looked at the challenge that processes don't move across borders, but people do." \
  --outcome "There is a need to get accurate data across borders."
note "across borders" --kind question "Is there a need for a national body to monitor this?"

set_session "collaboration between" \
  --summary "There is an appetite from councils to collaborate, but there are various obstacles in place that often prevent this from happening." \
  --outcome "One way to overcome this may be to develop a community platform to share processes."
note "collaboration between" --kind idea "Develop a community platform to share processes."
note "collaboration between" --kind question "Standards were discussed, but who owns them?"
note "collaboration between" --kind idea "Focus efforts to develop standards on newer processes, or where there will be a change in regulation."

set_session "SMEs and new entrants" \
  --summary "Local government can often be a complicated market for SMEs and new entrants to navigate, so an eco-system approach can help, especially SMEs partnering with larger suppliers."
u action add "$slug" "SMEs and new entrants" "Host more partnering and networking events, and invite feedback on what other sessions would help the market." --owner "techUK"
u action add "$slug" "SMEs and new entrants" "Continue to deliver the Declaration mission in the open, sharing good practice with the market as well as with local authorities." --owner "MHCLG"

u decision add "$slug" "Kick off the first three starter projects to take forward; further details to be announced."
u action add "$slug" --event "Host a follow-up co-design workshop at techUK on the roadmap and delivery of the three projects; places are limited, so email Georgina Maratheftis saying which project you would like to contribute to." --owner "techUK" --due 2018-11-20

at "$bin" export "$slug" --out "exports/$slug.md"
at "$bin" export "$slug" --format html --out "exports/$slug.html"
at "$bin" export "$slug" --format html --what programme --out "exports/$slug-programme.html"
