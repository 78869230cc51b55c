//! A trace file, as the page imports it: read it, replay its link a bounded stretch (the page
//! goes on a chunk per frame) and compare. Any panic is a bug.
#![no_main]

use clusterscope_web::Session;
use libfuzzer_sys::fuzz_target;

/// Steps replayed per input: enough to reach the records, few enough to keep inputs fast.
const STEPS: u64 = 200;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok((mut session, pending)) = Session::begin_import(text, STEPS) else { return };
    let _notes = session.finish(pending);
});
