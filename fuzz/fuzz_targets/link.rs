//! A link, as the page reads its address: parse it, write it back, and read that again. The
//! written link must read back and write out the same (settings the lab does not use are
//! dropped in the first writing, so the first parse need not equal the second). Any panic is
//! a bug.
#![no_main]

use clusterscope_web::Link;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok((link, _notes)) = Link::parse_noting(text) else { return };
    let written = link.to_query();
    let again = Link::parse(&written).expect("a written link reads back");
    assert_eq!(again.to_query(), written, "a written link reads back as itself");
});
