//! Finding a pitch, session, slot or room from what a user typed.
