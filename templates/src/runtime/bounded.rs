//! Server-sent text in `Display` and `Debug`, bounded so a large body cannot
//! flood a log. Needs no HTTP client: the models' `Debug` uses it too.

use std::borrow::Cow;
use std::fmt;

/// The most bytes of server-sent text an error's `Display` or `Debug` shows:
/// enough to read the problem, too little to flood a log.
pub const MAX_ERROR_TEXT: usize = 512;

/// `text`, cut at a character boundary to at most [`MAX_ERROR_TEXT`] bytes,
/// with a note of how much was left out.
pub fn bounded(text: &str) -> Cow<'_, str> {
    if text.len() <= MAX_ERROR_TEXT {
        return Cow::Borrowed(text);
    }
    let mut end = MAX_ERROR_TEXT;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    Cow::Owned(format!(
        "{}… ({} more bytes)",
        &text[..end],
        text.len() - end
    ))
}

/// A `fmt::Write` that passes on the first `left` bytes and drops the rest.
struct Capped<'a, 'b> {
    out: &'a mut fmt::Formatter<'b>,
    left: usize,
    cut: bool,
}

impl fmt::Write for Capped<'_, '_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        if self.left >= text.len() {
            self.left -= text.len();
            return self.out.write_str(text);
        }
        let mut end = self.left;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        self.left = 0;
        self.cut = true;
        self.out.write_str(&text[..end])
    }
}

/// Formats the inner value's `Debug`, cut after [`MAX_ERROR_TEXT`] bytes.
pub struct Bounded<'a, T: ?Sized>(pub &'a T);

impl<T: fmt::Debug + ?Sized> fmt::Debug for Bounded<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut capped = Capped {
            out: f,
            left: MAX_ERROR_TEXT,
            cut: false,
        };
        fmt::write(&mut capped, format_args!("{:?}", self.0))?;
        if capped.cut {
            f.write_str("…")?;
        }
        Ok(())
    }
}
