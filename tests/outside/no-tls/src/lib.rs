//! An app that turned the SDK's default features off and named no TLS
//! backend: it can still reach a plain `http` server.
