//! The `lectern` command line: parse arguments, run a command, print the result or the
//! errors, and set the exit code (0 success, 1 content errors, 2 usage errors).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};
use lectern::{BuildOptions, Diagnostics};

/// Lectern builds training courses written in Markdown and YAML into static sites.
#[derive(Parser)]
#[command(name = "lectern", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the course into a static site (DIR/public by default).
    Build {
        /// The course folder (holding course.yaml and content/).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Where to write the site.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Print nothing on success.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Check the course (front matter, tables, links) without writing anything.
    Check {
        /// The course folder.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Create a small working course in a new folder.
    Init {
        /// The folder to create.
        dir: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let result = match cli.command {
        Command::Build {
            dir,
            out,
            drafts,
            quiet,
        } => build(dir, out, drafts, quiet),
        Command::Check { dir, drafts } => check(dir, drafts),
        Command::Init { dir } => init(dir),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(problems) => {
            eprintln!("{problems}");
            ExitCode::from(1)
        }
    }
}

fn build(dir: PathBuf, out: Option<PathBuf>, drafts: bool, quiet: bool) -> Result<(), Diagnostics> {
    let start = Instant::now();
    let out = out.unwrap_or_else(|| dir.join("public"));
    let built = lectern::build_to(&BuildOptions { root: dir, drafts }, &out)?;
    if !quiet {
        println!(
            "Built {} in {}: {} in {} ms into {}",
            count(built.lessons, "lesson"),
            count(built.modules, "module"),
            count(built.site.page_count(), "page"),
            start.elapsed().as_millis(),
            out.display()
        );
    }
    Ok(())
}

fn check(dir: PathBuf, drafts: bool) -> Result<(), Diagnostics> {
    let built = lectern::build_site(&BuildOptions { root: dir, drafts })?;
    println!(
        "No problems found: {} lessons in {} modules.",
        built.lessons, built.modules
    );
    Ok(())
}

fn init(dir: PathBuf) -> Result<(), Diagnostics> {
    lectern::scaffold::init(&dir)?;
    println!(
        "Created a course in {}. Build it with: lectern build {}",
        dir.display(),
        dir.display()
    );
    Ok(())
}

/// `1 lesson`, `2 lessons`.
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
