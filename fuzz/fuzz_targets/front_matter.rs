//! Front matter splitting and parsing: any text must give a split or a diagnostic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let file = Path::new("content/01-m/01-l.md");
    match lectern::load::frontmatter::split(file, text) {
        Ok(split) => assert!(text.is_char_boundary(split.body_start)),
        // Rendering the message exercises the snippet code on every error.
        Err(d) => drop(d.to_string()),
    }
});
