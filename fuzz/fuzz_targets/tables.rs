//! Table parsing and validation: any text must give a table or diagnostics.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let file = Path::new("content/tables/t.yaml");
    match lectern::load::table::parse(file, "tables/t.yaml".into(), text) {
        Ok(table) => assert!(!table.rows.is_empty()),
        Err(problems) => drop(problems.to_string()),
    }
});
