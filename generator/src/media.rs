//! What a media type carries, read once for every stage that needs to know.

use crate::ir::StreamFormat;

/// The media type without its parameters, e.g. `application/json` for
/// `application/json; charset=utf-8`.
pub fn essence(media: &str) -> &str {
    media.split(';').next().unwrap_or(media).trim()
}

/// Whether a media type carries JSON (`application/json`, `…+json`).
pub fn is_json(media: &str) -> bool {
    let essence = essence(media);
    essence == "application/json" || essence.ends_with("+json")
}

/// Whether a media type carries JSON values one per line (NDJSON, JSON
/// Lines, JSON text sequences).
pub fn is_json_lines(media: &str) -> bool {
    matches!(
        essence(media),
        "application/x-ndjson"
            | "application/ndjson"
            | "application/jsonl"
            | "application/x-jsonlines"
            | "application/jsonlines"
            | "application/json-seq"
    )
}

/// How a media type streams values, if it does.
pub fn stream_format(media: &str) -> Option<StreamFormat> {
    if essence(media) == "text/event-stream" {
        Some(StreamFormat::ServerSentEvents)
    } else if is_json_lines(media) {
        Some(StreamFormat::JsonLines)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_types_are_read_by_their_essence() {
        assert!(is_json("application/problem+json; charset=utf-8"));
        assert!(!is_json("application/jsonl"));
        assert!(is_json_lines("application/x-ndjson;charset=utf-8"));
        assert_eq!(
            stream_format(" text/event-stream "),
            Some(StreamFormat::ServerSentEvents)
        );
        assert_eq!(stream_format("text/plain"), None);
    }
}
