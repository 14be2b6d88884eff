//! `multipart/form-data` bodies (RFC 7578), encoded to bytes up front so that a
//! retried request sends exactly the same body.

use bytes::{BufMut, Bytes, BytesMut};

/// A multipart form: text fields and files, in the order added.
///
/// `Debug` names the parts and their sizes, never their contents (a field may
/// be a password, a file anything).
#[derive(Clone, Default, PartialEq)]
pub struct Multipart {
    parts: Vec<Part>,
}

impl std::fmt::Debug for Multipart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(
                self.parts
                    .iter()
                    .map(|part| format!("{}: {} bytes", part.name, part.data.len())),
            )
            .finish()
    }
}

#[derive(Clone, PartialEq)]
struct Part {
    name: String,
    file_name: Option<String>,
    content_type: Option<String>,
    data: Bytes,
}

impl Multipart {
    /// An empty form.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a text field.
    pub fn text(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.parts.push(Part {
            name: name.into(),
            file_name: None,
            content_type: None,
            data: Bytes::from(value.into()),
        });
        self
    }

    /// Adds a file (sent as `application/octet-stream`).
    pub fn file(
        self,
        name: impl Into<String>,
        file_name: impl Into<String>,
        data: impl Into<Bytes>,
    ) -> Self {
        self.file_with_type(name, file_name, "application/octet-stream", data)
    }

    /// Adds a file with its media type, e.g. `application/pdf`.
    pub fn file_with_type(
        mut self,
        name: impl Into<String>,
        file_name: impl Into<String>,
        content_type: impl Into<String>,
        data: impl Into<Bytes>,
    ) -> Self {
        self.parts.push(Part {
            name: name.into(),
            file_name: Some(file_name.into()),
            content_type: Some(content_type.into()),
            data: data.into(),
        });
        self
    }

    /// The body and its `Content-Type` (with a boundary found in no part).
    pub(crate) fn encode(&self) -> (Bytes, String) {
        let boundary = (0u32..)
            .map(|n| format!("sdk-form-boundary-{n:08x}"))
            .find(|candidate| {
                !self
                    .parts
                    .iter()
                    .any(|p| contains(&p.data, candidate.as_bytes()))
            })
            .unwrap_or_default();
        let mut body = BytesMut::new();
        for part in &self.parts {
            body.put_slice(format!("--{boundary}\r\n").as_bytes());
            let mut disposition = format!(
                "Content-Disposition: form-data; name=\"{}\"",
                escape(&part.name)
            );
            if let Some(file_name) = &part.file_name {
                disposition.push_str(&format!("; filename=\"{}\"", escape(file_name)));
            }
            body.put_slice(disposition.as_bytes());
            body.put_slice(b"\r\n");
            if let Some(content_type) = &part.content_type {
                body.put_slice(format!("Content-Type: {}\r\n", escape(content_type)).as_bytes());
            }
            body.put_slice(b"\r\n");
            body.put_slice(&part.data);
            body.put_slice(b"\r\n");
        }
        body.put_slice(format!("--{boundary}--\r\n").as_bytes());
        (
            body.freeze(),
            format!("multipart/form-data; boundary={boundary}"),
        )
    }
}

/// RFC 7578 §4.2: quotes and line breaks in names are percent-encoded.
fn escape(text: &str) -> String {
    text.replace('%', "%25")
        .replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_text_and_files_with_a_fresh_boundary() {
        let form = Multipart::new()
            .text("description", "a \"quoted\" note")
            .file("file", "a\r\n.txt", b"sdk-form-boundary-00000000".to_vec());
        let (body, content_type) = form.encode();
        assert_eq!(
            content_type,
            "multipart/form-data; boundary=sdk-form-boundary-00000001"
        );
        let text = String::from_utf8(body.to_vec()).unwrap();
        assert_eq!(
            text,
            "--sdk-form-boundary-00000001\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\na \"quoted\" note\r\n\
             --sdk-form-boundary-00000001\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a%0D%0A.txt\"\r\n\
             Content-Type: application/octet-stream\r\n\r\nsdk-form-boundary-00000000\r\n--sdk-form-boundary-00000001--\r\n"
        );
    }

    #[test]
    fn the_same_form_encodes_the_same_bytes() {
        let form = Multipart::new().text("a", "1");
        assert_eq!(form.encode(), form.clone().encode());
    }
}
