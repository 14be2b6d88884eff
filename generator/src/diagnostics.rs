//! Errors and warnings about an input document, each pointing at where it arises.

use std::fmt;
use std::path::{Path, PathBuf};

/// Why generation stopped: the document cannot be turned into an SDK as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// The document (or output file) concerned.
    pub file: PathBuf,
    /// JSON pointer into the document, e.g. `/paths/~1pets/get`, when known.
    pub pointer: Option<String>,
    /// 1-based line and column, when known.
    pub position: Option<(usize, usize)>,
    /// What is wrong, for a person.
    pub message: String,
}

impl Error {
    /// An error about `file` at `pointer`.
    pub fn at(file: &Path, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            file: file.to_owned(),
            pointer: Some(pointer.into()),
            position: None,
            message: message.into(),
        }
    }

    /// An error about the whole of `file` (it cannot be read, say).
    pub fn file(file: &Path, message: impl Into<String>) -> Self {
        Self {
            file: file.to_owned(),
            pointer: None,
            position: None,
            message: message.into(),
        }
    }

    /// Adds the line and column.
    pub fn with_position(mut self, position: Option<(usize, usize)>) -> Self {
        self.position = position;
        self
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
