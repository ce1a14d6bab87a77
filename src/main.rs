//! The `lectern` command line: parse arguments, run a command, print the result or the
//! errors, and set the exit code (0 success, 1 content errors, 2 usage errors).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{CommandFactory, Parser, Subcommand};
use lectern::package::{Format, PackageOptions};
use lectern::serve::ServeOptions;
use lectern::{BuildOptions, Diagnostics, Severity};

/// glibc's allocator grows each thread's heap by what a request needs, one `mprotect` call
/// and page faults at a time; a big build allocates hundreds of megabytes in small pieces on
/// every core. 64 MiB of headroom per growth (address space: pages never touched cost no
/// memory) saves 5–8% of a 10,000-lesson build's CPU time; peak memory is unchanged.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn tune_allocator() {
    // SAFETY: mallopt only sets an allocator parameter; called before any thread starts.
    unsafe {
        libc::mallopt(libc::M_TOP_PAD, 64 << 20);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn tune_allocator() {}

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
        /// How to print problems: `human`, or `json` (one object per line on standard output,
        /// for editors).
        #[arg(long, value_enum, default_value = "human")]
        format: Report,
    },
    /// Check the course (front matter, tables, links) without writing anything.
    Check {
        /// The course folder.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// How to print problems: `human`, or `json` (one object per line on standard output,
        /// for editors).
        #[arg(long, value_enum, default_value = "human")]
        format: Report,
    },
    /// Build the course, serve it on 127.0.0.1 and reload the browser on every change.
    Serve {
        /// The course folder.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// The port to listen on (the next free one when it is taken).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on; another address than 127.0.0.1 exposes the site to
        /// your network.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the course in the default browser.
        #[arg(long)]
        open: bool,
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Print a line for every rebuild.
        #[arg(long, short)]
        verbose: bool,
    },
    /// Build the course into LMS packages: a zip to upload to Moodle, SCORM Cloud or any
    /// SCORM LMS, one per format (DIR/<course-id>-<format>.zip by default).
    Package {
        /// The course folder.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// The package format; several (`--format scorm12,scorm2004` or the option again)
        /// make one zip each.
        #[arg(long, value_enum, value_delimiter = ',', required = true)]
        format: Vec<PackageFormat>,
        /// Where to write the zip (with one format only).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Create a small working course in a new folder.
    Init {
        /// The folder to create.
        dir: PathBuf,
    },
    /// Add a lesson or a module to a course, numbered after the last one.
    New {
        #[command(subcommand)]
        what: New,
    },
}

/// What `lectern new` adds.
#[derive(Subcommand)]
enum New {
    /// A lesson at the end of a module: content/MODULE/NN-title.md.
    Lesson {
        /// The module's folder (`01-basics`) or its slug (`basics`).
        module: String,
        /// The lesson's title, in quotes.
        title: String,
        /// The course folder.
        #[arg(long, default_value = ".")]
        dir: PathBuf,
    },
    /// A module after the last one: content/NN-title/_index.md.
    Module {
        /// The module's title, in quotes.
        title: String,
        /// The course folder.
        #[arg(long, default_value = ".")]
        dir: PathBuf,
    },
}

/// How `build` and `check` print problems.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Report {
    /// With the offending line and a caret, for people.
    Human,
    /// One JSON object per line on standard output (file, line, column, severity, message,
    /// help); everything else goes to standard error.
    Json,
}

impl Report {
    /// Prints the problems that stop the build.
    fn errors(self, problems: &Diagnostics) {
        match self {
            Report::Human => eprintln!("{problems}"),
            Report::Json => {
                (problems.0.iter()).for_each(|d| println!("{}", d.to_json(Severity::Error)))
            }
        }
    }

    /// Prints warnings, each followed by an empty line, as errors are.
    fn warnings(self, warnings: &[lectern::Diagnostic]) {
        for warning in warnings {
            match self {
                Report::Human => eprintln!("{}\n", warning.as_warning()),
                Report::Json => println!("{}", warning.to_json(Severity::Warning)),
            }
        }
    }

    /// Prints a line of the summary: on standard output, or standard error when that is
    /// kept for JSON.
    fn say(self, line: impl std::fmt::Display) {
        match self {
            Report::Human => println!("{line}"),
            Report::Json => eprintln!("{line}"),
        }
    }
}

/// `--format`'s values.
#[derive(Clone, Copy, clap::ValueEnum)]
enum PackageFormat {
    /// SCORM 1.2.
    Scorm12,
    /// SCORM 2004 4th edition.
    Scorm2004,
    /// cmi5 (xAPI).
    Cmi5,
}

fn main() -> ExitCode {
    lectern::timing::begin();
    tune_allocator();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let report = match cli.command {
        Command::Build { format, .. } | Command::Check { format, .. } => format,
        _ => Report::Human,
    };
    let result = match cli.command {
        Command::Build {
            dir,
            out,
            drafts,
            quiet,
            format,
        } => build(dir, out, drafts, quiet, format),
        Command::Check {
            dir,
            drafts,
            format,
        } => check(dir, drafts, format),
        Command::Init { dir } => init(dir),
        Command::New { what } => new(what),
        Command::Package {
            dir,
            format,
            out,
            drafts,
        } => {
            if out.is_some() && format.len() > 1 {
                let message = "--out names one zip, but several formats were given: leave --out out (each zip goes to DIR/<course-id>-<format>.zip) or package one format at a time";
                let e = Cli::command().error(clap::error::ErrorKind::ArgumentConflict, message);
                let _ = e.print();
                return ExitCode::from(2);
            }
            let formats = format.iter().map(|f| match f {
                PackageFormat::Scorm12 => Format::Scorm12,
                PackageFormat::Scorm2004 => Format::Scorm2004,
                PackageFormat::Cmi5 => Format::Cmi5,
            });
            package(PackageOptions {
                build: BuildOptions { root: dir, drafts },
                formats: formats.collect(),
                out,
            })
        }
        Command::Serve {
            dir,
            port,
            bind,
            open,
            drafts,
            verbose,
        } => serve(
            ServeOptions {
                build: BuildOptions { root: dir, drafts },
                bind,
                port,
                verbose,
            },
            open,
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(problems) => {
            report.errors(&problems);
            ExitCode::from(1)
        }
    }
}

fn build(
    dir: PathBuf,
    out: Option<PathBuf>,
    drafts: bool,
    quiet: bool,
    report: Report,
) -> Result<(), Diagnostics> {
    let start = Instant::now();
    let out = out.unwrap_or_else(|| dir.join("public"));
    let built = lectern::build_to(&BuildOptions { root: dir, drafts }, &out)?;
    report.warnings(&built.warnings);
    for note in &built.notes {
        eprintln!("note: {note}");
    }
    for folder in &built.removed_leftovers {
        eprintln!(
            "note: removed {}, left by an interrupted build",
            folder.display()
        );
    }
    if !quiet {
        report.say(format_args!(
            "Built {} in {}: {} in {} ms into {}",
            count(built.lessons, "lesson"),
            count(built.modules, "module"),
            count(built.pages, "page"),
            start.elapsed().as_millis(),
            out.display()
        ));
        if let Some(line) = lock_line(&built.lock) {
            report.say(line);
        }
    }
    Ok(())
}

/// What the build did to `lectern.lock`, when it did something.
fn lock_line(outcome: &lectern::LockOutcome) -> Option<String> {
    use lectern::LockOutcome as L;
    match outcome {
        L::Written(n) => Some(format!("Wrote lectern.lock: the progress ids of {} are kept there from now on, so rewording an item keeps what learners did. Commit it with the course.", count(*n, "item"))),
        L::Updated {
            new: 0,
            reworded: 0,
            retired: 0,
            moved: 0,
        } => Some("Updated lectern.lock: items changed places on their pages. Commit it with the course.".into()),
        L::Updated { new: 0, reworded: 0, retired: 0, moved } => Some(format!("Updated lectern.lock: {} renamed or moved. Commit it with the course.", count(*moved, "lesson"))),
        L::Updated { new, reworded, retired, moved: 0 } => Some(format!("Updated lectern.lock: {new} new, {reworded} reworded, {retired} retired. Commit it with the course.")),
        L::Updated { new, reworded, retired, moved } => Some(format!("Updated lectern.lock: {new} new, {reworded} reworded, {retired} retired; {} renamed or moved. Commit it with the course.", count(*moved, "lesson"))),
        L::Unchanged | L::NotWritten => None,
    }
}

fn check(dir: PathBuf, drafts: bool, report: Report) -> Result<(), Diagnostics> {
    let built = lectern::build_site(&BuildOptions { root: dir, drafts })?;
    report.warnings(&built.warnings);
    report.say(format_args!(
        "No problems found: {} in {}.",
        count(built.lessons, "lesson"),
        count(built.modules, "module")
    ));
    let lock = &built.lock;
    if !lock.had_lock && lock.changed() {
        report.say(format_args!("There is no lectern.lock yet: progress ids are derived from each item's text. A build will write one, pinning the ids of {}.", count(lock.pinned(), "item")));
    } else if lock.changed() {
        report.say("A build would update lectern.lock (check writes nothing):");
        for m in &lock.moves {
            report.say(format_args!("  {}", m.describe()));
        }
        for old in &lock.forgotten {
            report.say(format_args!(
                "  {}",
                lectern::record::moves::describe_forgotten(old)
            ));
        }
        for change in &lock.changes {
            report.say(format_args!("  {}", change.describe()));
        }
        if lock.changes.is_empty() && lock.moves.is_empty() && lock.forgotten.is_empty() {
            report.say("  items changed places on their pages");
        }
    }
    print_code_length(&built, report);
    Ok(())
}

/// The longest progress code, and a warning when SCORM 1.2 could not keep it.
fn print_code_length(built: &lectern::Built, report: Report) {
    use lectern::record::code::{check_budget, thousands, SCORM_12_SUSPEND_DATA};
    if built.lock.pinned() == 0 {
        return; // nothing tracked, no progress to keep
    }
    let (plain, named) = built.longest_code;
    let (a, b) = (thousands(plain), thousands(named));
    report.say(format_args!("Progress codes: up to {a} characters ({b} with the longest name), from every item done on days far apart."));
    if let Err(warning) = check_budget(&built.title, plain, SCORM_12_SUSPEND_DATA) {
        report.warnings(&[warning]);
    }
}

fn package(options: PackageOptions) -> Result<(), Diagnostics> {
    let made = lectern::package::package(&options)?;
    Report::Human.warnings(&made.warnings);
    if made.lock_changed {
        eprintln!("note: lectern.lock is not up to date: run `lectern build` and commit it before uploading, so rewording an item later keeps what learners did\n");
    }
    let thousands = lectern::record::code::thousands;
    for zip in &made.zips {
        let room = match zip.format.suspend_data() {
            Some(n) => format!(" of the {} {} keeps", thousands(n), zip.format.standard()),
            None => String::new(),
        };
        println!(
            "Packaged {} ({}) into {}: {} KB; progress codes up to {} characters{room}.",
            count(zip.files, "file"),
            zip.format.name(),
            zip.path.display(),
            zip.bytes.div_ceil(1024),
            thousands(made.longest_code),
        );
    }
    let languages = made.languages.split_first();
    if let Some((default, others)) = languages.filter(|(_, others)| !others.is_empty()) {
        println!("The LMS tracks the default language ({default}) only: the other languages ({}) are in the package under their folders, for reading, and their progress stays in the learner's browser.", others.join(", "));
    }
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

fn new(what: New) -> Result<(), Diagnostics> {
    let made = match what {
        New::Lesson { module, title, dir } => lectern::new::lesson(&dir, &module, &title)?,
        New::Module { title, dir } => lectern::new::module(&dir, &title)?,
    };
    println!("Created {}", made.display());
    Ok(())
}

fn serve(options: ServeOptions, open: bool) -> Result<(), Diagnostics> {
    let server = lectern::serve::start(options)?;
    let url = server.url();
    println!("Serving the course at {url} (Ctrl-C to stop)");
    if open {
        open_browser(&url);
    }
    server.wait();
    Ok(())
}

/// Opens `url` with the desktop's opener; failing to is not an error.
fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        eprintln!("Could not open a browser: open {url} yourself.");
    }
}

/// `1 lesson`, `2 lessons`.
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
