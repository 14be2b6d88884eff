//! Errors and warnings about an input document, each pointing at where it arises.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use miette::{Diagnostic, LabeledSpan, NamedSource, SourceCode};

/// Why generation stopped: the document cannot be turned into an SDK as it is.
#[derive(Debug, Clone)]
pub struct Error {
    /// The document (or output file) concerned.
    pub file: PathBuf,
    /// JSON pointer into the document, e.g. `/paths/~1pets/get`, when known.
    pub pointer: Option<String>,
    /// 1-based line and column, when known.
    pub position: Option<(usize, usize)>,
    /// What is wrong, for a person.
    pub message: String,
    /// The document's text, so a report can show the lines around `position`.
    pub source: Option<Arc<NamedSource<String>>>,
}

impl PartialEq for Error {
    fn eq(&self, other: &Self) -> bool {
        (&self.file, &self.pointer, self.position, &self.message)
            == (&other.file, &other.pointer, other.position, &other.message)
    }
}

impl Eq for Error {}

impl Error {
    /// An error about `file` at `pointer`.
    pub fn at(file: &Path, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            file: file.to_owned(),
            pointer: Some(pointer.into()),
            position: None,
            message: message.into(),
            source: None,
        }
    }

    /// An error about the whole of `file` (it cannot be read, say).
    pub fn file(file: &Path, message: impl Into<String>) -> Self {
        Self {
            file: file.to_owned(),
            pointer: None,
            position: None,
            message: message.into(),
            source: None,
        }
    }

    /// Adds the line and column.
    pub fn with_position(mut self, position: Option<(usize, usize)>) -> Self {
        self.position = position;
        self
    }

    /// Keeps the document's text for reports that quote it.
    pub fn with_source(mut self, text: &str) -> Self {
        self.source = Some(Arc::new(NamedSource::new(
            self.file.display().to_string(),
            text.to_owned(),
        )));
        self
    }

    /// The byte offset of `position` in the source, if both are known.
    fn offset(&self) -> Option<usize> {
        let (line, column) = self.position?;
        let text = self.source.as_ref()?.inner();
        let start: usize = text
            .split_inclusive('\n')
            .take(line.saturating_sub(1))
            .map(str::len)
            .sum();
        Some((start + column.saturating_sub(1)).min(text.len()))
    }
}

/// With `miette`, a report shows the file, the lines around the problem with the
/// spot marked, and the JSON pointer.
impl Diagnostic for Error {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new("openapi::invalid"))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.pointer
            .as_ref()
            .map(|p| Box::new(format!("JSON pointer: #{p}")) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.offset()?;
        self.source.as_deref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let offset = self.offset()?;
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(
            Some(self.message.clone()),
            (offset, 1),
        ))))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some((line, column)) = self.position {
            write!(f, ":{line}:{column}")?;
        }
        write!(f, ": error")?;
        if let Some(pointer) = &self.pointer {
            write!(f, " at {}", display_pointer(pointer))?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for Error {}

/// Something the generator could not represent exactly; it chose a fallback and went on.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Warning {
    /// JSON pointer to the construct.
    pub pointer: String,
    /// What was done instead.
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "warning at {}: {}",
            display_pointer(&self.pointer),
            self.message
        )
    }
}

fn display_pointer(pointer: &str) -> String {
    if pointer.is_empty() {
        "the document root".to_owned()
    } else {
        format!("#{pointer}")
    }
}

/// Escapes one JSON pointer token (`~` → `~0`, `/` → `~1`).
pub fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Undoes [`escape_token`] (`~1` → `/`, then `~0` → `~`).
pub fn unescape_token(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// Joins tokens into a JSON pointer.
pub fn pointer<I, T>(tokens: I) -> String
where
    I: IntoIterator<Item = T>,
    T: AsRef<str>,
{
    tokens
        .into_iter()
        .map(|t| format!("/{}", escape_token(t.as_ref())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_quote_the_source_at_the_position() {
        let source = "openapi: 3.0.3\npaths:\n  /a: 7\n";
        let error = Error::at(Path::new("spec.yml"), "/paths/~1a", "not a path item")
            .with_position(Some((3, 3)))
            .with_source(source);
        assert_eq!(error.offset(), Some(24));
        let mut report = String::new();
        miette::NarratableReportHandler::new()
            .render_report(&mut report, &error)
            .unwrap();
        assert!(report.contains("not a path item"), "{report}");
        assert!(report.contains("/a: 7"), "{report}");
        assert!(report.contains("#/paths/~1a"), "{report}");
    }

    #[test]
    fn display_names_file_position_and_pointer() {
        let error =
            Error::at(Path::new("spec.yml"), "/paths/~1a/get", "bad").with_position(Some((3, 5)));
        assert_eq!(
            error.to_string(),
            "spec.yml:3:5: error at #/paths/~1a/get: bad"
        );
        assert_eq!(
            Error::file(Path::new("x.yml"), "gone").to_string(),
            "x.yml: error: gone"
        );
    }

    #[test]
    fn pointers_escape_slashes_and_tildes() {
        assert_eq!(pointer(["paths", "/a/{b}", "get"]), "/paths/~1a~1{b}/get");
        assert_eq!(escape_token("a~b"), "a~0b");
    }
}
