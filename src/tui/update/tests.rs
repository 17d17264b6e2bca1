// A save that failed is tried again on the clock, without a key being
// pressed: the facilitator whose disk was full may not type again for a
// while, and the warning must go as soon as the disk has room.

use super::SAVE_RETRY_SECONDS;
use crate::tui::action::{Action, Effect};
use crate::tui::testing::{act, sample_state};
use chrono::Duration;

#[test]
fn a_failed_save_is_tried_again_every_few_seconds_until_one_succeeds() {
    let mut state = sample_state();
    let start = state.now;
    act(
        &mut state,
        Action::SaveFailed("Could not save x.ron: full.".into()),
    );
    let at = |s: i64| Action::Tick(start + Duration::seconds(s));
    assert!(
        !act(&mut state, at(1)).contains(&Effect::Save),
        "not at once"
    );
    assert!(act(&mut state, at(SAVE_RETRY_SECONDS)).contains(&Effect::Save));
    assert!(
        !act(&mut state, at(SAVE_RETRY_SECONDS + 1)).contains(&Effect::Save),
        "not on every tick"
    );
    act(
        &mut state,
        Action::SaveFailed("Could not save x.ron: full.".into()),
    );
    assert!(act(&mut state, at(3 * SAVE_RETRY_SECONDS)).contains(&Effect::Save));
    act(&mut state, Action::Saved);
    assert!(state.save_error.is_none());
    for s in 4..10 {
        assert!(
            !act(&mut state, at(s * SAVE_RETRY_SECONDS)).contains(&Effect::Save),
            "no retries after a good save"
        );
    }
}

#[test]
fn nothing_is_retried_when_nothing_failed() {
    let mut state = sample_state();
    let start = state.now;
    for s in 0..60 {
        let effects = act(&mut state, Action::Tick(start + Duration::seconds(s)));
        assert!(!effects.contains(&Effect::Save));
    }
}
