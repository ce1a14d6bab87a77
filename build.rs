//! Rebuild when the embedded default theme changes: `include_dir!` does not tell cargo which
//! files it read.

fn main() {
    println!("cargo:rerun-if-changed=themes/default");
}
