//! `multipart/form-data` bodies (RFC 7578). A form of text and bytes is
//! encoded up front, so a retried request sends exactly the same body; a file
//! part is read as it is sent (again on a retry), a stream part once.

use bytes::{BufMut, Bytes, BytesMut};

use super::upload::Upload;

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
            .entries(self.parts.iter().map(|part| match &part.data {
                Upload::Bytes(bytes) => format!("{}: {} bytes", part.name, bytes.len()),
                Upload::File(path) => format!("{}: file {}", part.name, path.display()),
                Upload::Stream(_) => format!("{}: stream", part.name),
            }))
            .finish()
    }
}

#[derive(Clone, PartialEq)]
struct Part {
    name: String,
    file_name: Option<String>,
    content_type: Option<String>,
    data: Upload,
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
            data: Upload::Bytes(Bytes::from(value.into())),
        });
        self
    }

    /// Adds a file (sent as `application/octet-stream`): bytes,
    /// [`Upload::file`] to read one from disk as it is sent, or
    /// [`Upload::stream`] (then the call is not retried).
    pub fn file(
        self,
        name: impl Into<String>,
        file_name: impl Into<String>,
        data: impl Into<Upload>,
    ) -> Self {
        self.file_with_type(name, file_name, "application/octet-stream", data)
    }

    /// Adds a file with its media type, e.g. `application/pdf`.
    pub fn file_with_type(
        mut self,
        name: impl Into<String>,
        file_name: impl Into<String>,
        content_type: impl Into<String>,
        data: impl Into<Upload>,
    ) -> Self {
        self.parts.push(Part {
            name: name.into(),
            file_name: Some(file_name.into()),
            content_type: Some(content_type.into()),
            data: data.into(),
        });
        self
    }

    /// The body, as segments sent one after another, and its `Content-Type`.
    ///
    /// A form held in memory is one segment, with a boundary found in no
    /// part; a form with files or streams gets a random boundary (their
    /// contents are not read to choose it) and a segment for each of them.
    pub(crate) fn encode(&self) -> (Vec<Upload>, String) {
        let in_memory: Vec<&Bytes> = self
            .parts
            .iter()
            .filter_map(|part| match &part.data {
                Upload::Bytes(bytes) => Some(bytes),
                _ => None,
            })
            .collect();
        let boundary = if in_memory.len() == self.parts.len() {
            (0u32..)
                .map(|n| format!("sdk-form-boundary-{n:08x}"))
                .find(|candidate| {
                    !in_memory
                        .iter()
                        .any(|data| contains(data, candidate.as_bytes()))
                })
                .unwrap_or_default()
        } else {
            format!("sdk-form-boundary-{}", uuid::Uuid::new_v4().simple())
        };
        let mut segments = Vec::new();
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
            match &part.data {
                Upload::Bytes(data) => body.put_slice(data),
                other => {
                    segments.push(Upload::Bytes(body.split().freeze()));
                    segments.push(other.clone());
                }
            }
            body.put_slice(b"\r\n");
        }
        body.put_slice(format!("--{boundary}--\r\n").as_bytes());
        segments.push(Upload::Bytes(body.freeze()));
        (
            segments,
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
        let (segments, content_type) = form.encode();
        let [Upload::Bytes(body)] = segments.as_slice() else {
            panic!("a form in memory is one segment: {segments:?}");
        };
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

    #[test]
    fn a_file_part_is_its_own_segment_between_the_text() {
        let path = std::path::PathBuf::from("/tmp/report.pdf");
        let form = Multipart::new().text("title", "Q3").file_with_type(
            "file",
            "report.pdf",
            "application/pdf",
            Upload::file(&path),
        );
        let (segments, content_type) = form.encode();
        let boundary = content_type
            .strip_prefix("multipart/form-data; boundary=")
            .unwrap();
        assert_eq!(boundary.len(), "sdk-form-boundary-".len() + 32);
        assert_eq!(segments.len(), 3);
        assert_eq!(segments[1], Upload::File(path));
        let [Upload::Bytes(head), _, Upload::Bytes(tail)] = segments.as_slice() else {
            panic!("text, file, text: {segments:?}");
        };
        let head = std::str::from_utf8(head).unwrap();
        assert!(
            head.starts_with(&format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nQ3\r\n"
            )),
            "{head}"
        );
        assert!(
            head.ends_with("filename=\"report.pdf\"\r\nContent-Type: application/pdf\r\n\r\n"),
            "{head}"
        );
        assert_eq!(
            std::str::from_utf8(tail).unwrap(),
            format!("\r\n--{boundary}--\r\n")
        );
        assert_eq!(
            format!("{form:?}"),
            "[\"title: 2 bytes\", \"file: file /tmp/report.pdf\"]"
        );
    }
}
