//! Theme templates with tera, compiled once per build.
//!
//! Lookup order, in one place: a template the course theme provides (`base.html`), then the
//! built-in one (`builtin/base.html`) through tera's fallback prefix. An override can extend
//! the built-in template it replaces with `{% extends "builtin/base.html" %}` and change one
//! block.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

use tera::{Context, ErrorKind, Tera};

use crate::error::{Diagnostic, Diagnostics};
use crate::load::theme::Origin;
use crate::load::Theme;

/// Compiled templates, and which file each came from (for error messages).
#[derive(Clone)]
pub struct Templates {
    tera: Tera,
    files: HashMap<String, (PathBuf, String)>,
    /// Names of the templates the course theme provides (not compiled into Lectern), without
    /// a `builtin/` prefix: `base.html` for both an override and a replaced `builtin/base.html`.
    own: HashSet<String>,
    /// What `asset_v` holds: each asset's content hash ([`super::asset_urls`]).
    asset_v: BTreeMap<String, String>,
}

impl Templates {
    /// Compiles every template of the theme.
    pub fn new(theme: &Theme) -> Result<Templates, Diagnostics> {
        let files = theme
            .templates
            .iter()
            .map(|t| (t.name.clone(), (t.file.clone(), t.text.to_string())))
            .collect();
        let own = theme
            .templates
            .iter()
            .filter(|t| t.origin == Origin::Course)
            .map(|t| {
                t.name
                    .strip_prefix("builtin/")
                    .unwrap_or(&t.name)
                    .to_string()
            })
            .collect();
        let mut templates = Templates {
            tera: Tera::new(),
            files,
            own,
            asset_v: BTreeMap::new(),
        };
        let tera = &mut templates.tera;
        tera.set_fallback_prefixes(["builtin/"])
            .map_err(|e| Diagnostic::file("(theme)", e.to_string()))?;
        tera.autoescape_on([".html", ".xml"]);
        // functions must be known when templates compile: English until `set_strings`
        super::strings::install(tera, crate::i18n::parse("en"));
        let all = theme
            .templates
            .iter()
            .map(|t| (t.name.as_str(), t.text.as_ref()));
        if let Err(e) = tera.add_raw_templates(all) {
            return Err(templates.diagnostic(&e).into());
        }
        Ok(templates)
    }

    /// Renders the named template (`lesson.html`) with `context`.
    pub fn render(&self, name: &str, context: &Context) -> Result<String, Diagnostic> {
        self.tera
            .render(name, context)
            .map_err(|e| self.diagnostic(&e))
    }

    /// Renders the named template into bytes, in a buffer of `capacity` to start with: a page's
    /// size is known closely beforehand (its Markdown HTML and sidebar), and growing the buffer
    /// as it fills would copy a big course's pages several times over.
    pub fn render_bytes(
        &self,
        name: &str,
        context: &Context,
        capacity: usize,
    ) -> Result<Vec<u8>, Diagnostic> {
        let mut out = Vec::with_capacity(capacity);
        self.tera
            .render_to(name, context, &mut out)
            .map_err(|e| self.diagnostic(&e))?;
        Ok(out)
    }

    /// Whether `name` (`lesson.html`) renders Lectern's built-in template: the course theme
    /// neither overrides it nor replaces `builtin/<name>`.
    pub fn is_builtin(&self, name: &str) -> bool {
        !self.own.contains(name)
    }

    /// Sets values every template can read (`site`, `tables`).
    pub fn set_global(&mut self, key: &'static str, value: &impl serde::Serialize) {
        self.tera.global_context().insert(key, value);
    }

    /// Sets the interface text: `t`, `dir` and `tr` ([`super::strings`]), and the version of
    /// `assets/strings.js` made from it.
    pub fn set_strings(&mut self, strings: crate::i18n::Strings) {
        let js = crate::i18n::script::strings_js(&strings);
        super::strings::install(&mut self.tera, strings);
        self.asset_v.insert(
            "strings.js".into(),
            super::asset_urls::version(js.as_bytes()),
        );
        self.tera.global_context().insert("asset_v", &self.asset_v);
    }

    /// Sets `asset_v`, the theme's assets' hashes (the data scripts' are the empty text's
    /// until [`Templates::set_data_versions`]).
    pub fn set_asset_versions(&mut self, theme: &Theme) {
        self.asset_v = super::asset_urls::versions(&theme.assets);
        self.tera.global_context().insert("asset_v", &self.asset_v);
    }

    /// Sets the hash of one theme asset (below `assets/`) whose bytes changed.
    pub fn set_asset_version(&mut self, path: &str, bytes: &[u8]) {
        let version = super::asset_urls::version(bytes);
        self.asset_v.insert(path.to_string(), version);
        self.tera.global_context().insert("asset_v", &self.asset_v);
    }

    /// Gives the course's data scripts' hashes to `asset_v`, beside the theme's.
    pub fn set_data_versions(
        &mut self,
        course_data: &crate::record::CourseData,
        labels: &str,
        index: &str,
    ) {
        super::asset_urls::with_data(&mut self.asset_v, &course_data.summary, labels, index);
        // the whole course's pages, and each module's (which module pages load)
        let all = super::asset_urls::version(course_data.all.as_bytes());
        self.asset_v.insert("course-pages.js".into(), all);
        for (path, text) in &course_data.modules {
            let v = super::asset_urls::version(text.as_bytes());
            self.asset_v.insert(path.clone(), v);
        }
        self.tera.global_context().insert("asset_v", &self.asset_v);
    }

    /// Turns a tera error into a diagnostic naming the template file, line and column.
    fn diagnostic(&self, error: &tera::Error) -> Diagnostic {
        let (report, help) = match error.kind() {
            ErrorKind::SyntaxError(r) => (r, "fix the template syntax: every `{{` needs its `}}`, every `{%` its `%}`, and every block its `{% end… %}`"),
            ErrorKind::RenderingError(r) => (r, "fix the template; every variable a template reads must be set (test optional ones with `{% if x is defined %}`)"),
            ErrorKind::MissingParent { current, parent } => {
                return self.find_in(current, parent, format!("the template `{current}` extends `{parent}`, which does not exist"))
                    .help("check the name in `{% extends … %}`: built-in templates are named `builtin/<file>.html`, e.g. `builtin/lesson.html`");
            }
            ErrorKind::CircularExtend { tpl, inheritance_chain } => {
                return self.find_in(tpl, "extends", format!("the templates extend each other in a circle: {}", inheritance_chain.join(" → ")))
                    .help("a template that replaces a built-in one should extend `builtin/<same name>`, not itself");
            }
            other => {
                return Diagnostic::file("(theme templates)", other.to_string())
                    .help("check the theme's templates")
            }
        };
        let name = report.filename();
        let (file, text) = self
            .files
            .get(name)
            .cloned()
            .unwrap_or_else(|| (PathBuf::from(name), String::new()));
        let span = report.span();
        let message = format!("template error: {}", report.message());
        if text.is_empty() {
            return Diagnostic::file(file, message).help(help);
        }
        Diagnostic::at(file, &text, span.start_line, span.start_col + 1, message).help(help)
    }

    /// A diagnostic at the first line of template `name` that mentions `needle`.
    fn find_in(&self, name: &str, needle: &str, message: String) -> Diagnostic {
        let Some((file, text)) = self.files.get(name) else {
            return Diagnostic::file(name, message);
        };
        match text.find(needle) {
            Some(offset) => Diagnostic::at_offset(file, text, offset, message),
            None => Diagnostic::file(file, message),
        }
    }
}
