//! The crate's `README.md`: usage, error handling and every operation, with
//! examples that compile as doctests (the README is the crate's root docs).

use heck::ToShoutySnakeCase;
use serde_json::Value;

use super::examples::{body_literal, call, kind, scalar_literal, unalias};
use super::krate::{fill, lib_name};
use crate::ir::{
    Api, Auth, ErrorStatus, Operation, ParamLocation, TypeKind, TypeRef, FULL_FEATURE,
};
use crate::templates;

/// `README.md`.
pub fn readme(api: &Api, stamp: &str) -> String {
    let lib = lib_name(api);
    fill(
        templates::README,
        &[
            ("stamp", stamp),
            ("crate_name", &api.crate_name),
            ("crate_version", &api.crate_version),
            ("lib_name", &lib),
            ("title", &api.title),
            ("api_version", &api.api_version),
            (
                "description",
                &api.description
                    .as_deref()
                    .map(super::docs::sanitize)
                    .unwrap_or_default(),
            ),
            ("usage", &usage(api)),
            ("error_example", &error_example(api)),
            ("operations", &operations(api)),
            ("models_example", &models_example(api)),
            ("runtime_sections", &runtime_sections(api)),
            ("features", &format!("{}{}", features(api), tls(api))),
            ("testing", &testing(api)),
        ],
    )
}

/// Testing an app with the `mock` feature, on the first operation whose
/// example call can be written.
fn testing(api: &Api) -> String {
    let Some((resource, op, call)) = api.resources.iter().find_map(|resource| {
        resource
            .operations
            .iter()
            .find_map(|op| call(api, resource, op).map(|call| (resource, op, call)))
    }) else {
        return String::new();
    };
    let outcome = call.strip_suffix('?').unwrap_or(&call);
    format!(
        "## Testing your app\n\n\
         With the `mock` feature (in `[dev-dependencies]`), `mock::Mock` is a fake client: no\n\
         sockets, no server. Set up what each operation answers (`.returns(value)`, typed as the\n\
         operation returns it, or `.fails_with(status, body)`), hand `mock.client()` to the code\n\
         under test, then check what it sent with `.calls()` (path, query, headers, body). A call\n\
         nobody set up fails with `Error::InvalidRequest` naming it, and `mock.verify()` fails the\n\
         test.\n\n\
         ```toml\n[dev-dependencies]\n{name} = {{ version = \"{version}\", features = [\"mock\"] }}\n```\n\n\
         ```rust\n\
         # #[cfg(not(feature = \"mock\"))]\n\
         # fn main() {{}}\n\
         # #[cfg(feature = \"mock\")]\n\
         # #[tokio::main(flavor = \"current_thread\")]\n\
         # async fn main() -> Result<(), Box<dyn std::error::Error>> {{\n\
         {imports}\n\n\
         let mock = Mock::new();\n\
         let answers = mock\n    .{accessor}()\n    .{method}()\n    .fails_with(404, serde_json::json!({{\"message\": \"not found\"}}));\n\
         let client = mock.client(); // what the code under test gets\n\
         let outcome = {outcome};\n\
         assert_eq!(outcome.unwrap_err().status(), Some(404));\n\
         assert_eq!(answers.calls().len(), 1);\n\
         mock.verify();\n\
         # Ok(())\n\
         # }}\n\
         ```\n",
        name = api.crate_name,
        version = api.crate_version,
        imports = if call.contains("models::") {
            format!("use {}::{{mock::Mock, models}};", lib_name(api))
        } else {
            format!("use {}::mock::Mock;", lib_name(api))
        },
        accessor = resource.accessor,
        method = op.method_name,
    )
}

/// How to compile only some resources, when there is more than one.
fn features(api: &Api) -> String {
    let [first, _, ..] = api.resources.as_slice() else {
        return String::new();
    };
    format!(
        "\n### Compiling only what you use\n\n\
         Each resource is a cargo feature, and all are on by default (through `full`). An app\n\
         that uses a few resources can turn the rest off, and with them the models only they\n\
         reach, to build faster:\n\n\
         ```toml\n\
         [dependencies]\n\
         {name} = {{ version = \"{version}\", default-features = false, features = [\"{feature}\", \"{tls}\"] }}\n\
         ```\n\n\
         Each resource's feature is named under \"Available resources and operations\". Models no\n\
         operation uses come with `full` only; what errors and webhooks use is always there.\n\
         Default features also hold the TLS backend, so name it again, as `\"{tls}\"` is above.\n",
        name = api.crate_name,
        version = api.crate_version,
        feature = first.feature,
        tls = api.package.tls,
    )
}

/// Choosing the TLS backend; the other one is a feature away.
fn tls(api: &Api) -> String {
    if api.package.types_only {
        return String::new();
    }
    let (default, other) = if api.package.tls == "native-tls" {
        (
            "the platform's TLS (`native-tls`: OpenSSL, Secure Transport or SChannel)",
            "rustls",
        )
    } else {
        ("rustls (pure Rust, no system libraries)", "native-tls")
    };
    format!(
        "\n### TLS\n\n\
         HTTPS goes through {default} by default.\n\
         To use `{other}` instead:\n\n\
         ```toml\n\
         [dependencies]\n\
         {name} = {{ version = \"{version}\", default-features = false, features = [\"{FULL_FEATURE}\", \"{other}\"] }}\n\
         ```\n\n\
         A build with neither feature speaks plain `http` only: building a client for an `https`\n\
         server fails with an error that says so.\n",
        name = api.crate_name,
        version = api.crate_version,
    )
}

/// The builder calls that configure a client.
fn builder_lines(api: &Api) -> String {
    let mut lines = format!("    let client = {}::builder()\n", api.client.name);
    // Without an absolute server in the document there is no working
    // default: the example sets one, keeping the document's path.
    if !super::servers::has_host(api) {
        let server = &api.client.default_server;
        let path = if server.starts_with('/') {
            server.as_str()
        } else {
            ""
        };
        lines.push_str(&format!(
            "        .server_url(\"https://api.example.com{path}\") // your server\n"
        ));
    }
    for setting in api
        .client
        .settings
        .iter()
        .filter(|s| s.required || s.example.is_some())
    {
        let value = match (&setting.env, &setting.example) {
            (Some(env), _) if setting.secret => format!("std::env::var({env:?})?"),
            (_, Some(example)) => format!("{example:?}"),
            (Some(env), None) => format!("std::env::var({env:?})?"),
            (None, None) => format!("std::env::var({:?})?", setting.name.to_shouty_snake_case()),
        };
        lines.push_str(&format!("        .{}({value})\n", setting.name));
    }
    lines.push_str("        .build()?;\n");
    lines
}

fn usage(api: &Api) -> String {
    // Two calls show the shape; the list of operations below shows every call.
    let calls: Vec<(&Operation, String)> = api
        .resources
        .iter()
        .flat_map(|r| r.operations.iter().map(move |op| (r, op)))
        .filter(|(_, op)| op.success.ty.is_some())
        .filter_map(|(resource, op)| call(api, resource, op).map(|call| (op, call)))
        .take(2)
        .collect();
    let reads: Vec<Option<String>> = calls
        .iter()
        .map(|(op, call)| super::operation_docs::stream_read(op, call, &op.method_name))
        .collect();
    let streams = reads.iter().any(Option::is_some);
    let mut text = format!(
        "use {}::{{models, {}}};\n{}\n",
        lib_name(api),
        api.client.name,
        if streams {
            "use futures_util::StreamExt;\n"
        } else {
            ""
        }
    );
    text.push_str("#[tokio::main]\nasync fn main() -> Result<(), Box<dyn std::error::Error>> {\n");
    text.push_str(&builder_lines(api));
    for ((op, call), read) in calls.iter().zip(reads) {
        match read {
            Some(read) => {
                text.push('\n');
                for line in read.lines() {
                    text.push_str(&format!("    {line}\n"));
                }
            }
            None => {
                text.push_str(&format!("\n    let {} = {call};\n", op.method_name));
                text.push_str(&format!("    println!(\"{{{}:?}}\");\n", op.method_name));
            }
        }
    }
    text.push_str("    Ok(())\n}");
    text
}

fn error_example(api: &Api) -> String {
    let lib = lib_name(api);
    let first = api
        .resources
        .iter()
        .flat_map(|r| r.operations.iter().map(move |op| (r, op)))
        .find_map(|(r, op)| call(api, r, op));
    let Some(call) = first else {
        return format!(
            "use {lib}::Error;\n\nfn report(error: Error) {{\n    eprintln!(\"{{error}}\");\n}}"
        );
    };
    let arms: String = api
        .errors
        .iter()
        .filter(|e| matches!(e.status, ErrorStatus::Exact(_)))
        .take(2)
        .map(|e| {
            format!(
                "        Err(Error::{}(error)) => eprintln!(\"{{}}: {{:?}}\", error.status(), error.model()),\n",
                e.name
            )
        })
        .collect();
    format!(
        "use {lib}::{{models, Error, {client}}};\n\n#[tokio::main]\nasync fn main() -> Result<(), Box<dyn std::error::Error>> {{\n{builder}    match {call_expr} {{\n        Ok(value) => println!(\"{{value:?}}\"),\n{arms}        Err(other) => eprintln!(\"failed with status {{:?}}: {{}}\", other.status(), other.message().unwrap_or(\"no message\")),\n    }}\n    Ok(())\n}}",
        client = api.client.name,
        builder = builder_lines(api),
        call_expr = call.trim_end_matches('?'),
    )
}

/// `models::X::new(..).with_y(..)`: building a model in one expression, from
/// the first request body with a required field and an optional text field.
fn building_example(api: &Api) -> Option<String> {
    api.resources
        .iter()
        .flat_map(|r| &r.operations)
        .filter_map(|op| op.body.as_ref())
        .find_map(|body| {
            let TypeRef::Named(name) = &body.ty else {
                return None;
            };
            let Some(TypeKind::Struct(s)) = kind(api, name) else {
                return None;
            };
            // Only `models` is in scope, outside any function returning a
            // `Result`: no runtime values (dates, numbers), no `?`.
            let plain = |text: &String| !text.contains("runtime::") && !text.contains('?');
            let new = body_literal(api, &body.ty).filter(|text| !s.default && plain(text))?;
            let (optional, value) = s.fields.iter().filter(|f| !f.required).find_map(|f| {
                let value = match (unalias(api, &f.ty), &f.example) {
                    (TypeRef::String, Some(Value::String(text))) => Some(format!("{text:?}")),
                    (TypeRef::String, _) => Some(format!("{:?}", f.wire_name)),
                    (ty, example) => {
                        scalar_literal(api, ty, example.as_ref()).or_else(|| body_literal(api, ty))
                    }
                }
                .filter(plain)?;
                Some((f, value))
            })?;
            Some(format!("{new}\n    .{}({value})", optional.setter))
        })
}

fn operations(api: &Api) -> String {
    let lib = lib_name(api);
    let mut text = String::new();
    for resource in &api.resources {
        text.push_str(&format!(
            "### `client.{}()`\n\nCargo feature `{}`.\n\n",
            resource.accessor, resource.feature
        ));
        text.push_str("| Method | HTTP | Summary |\n| --- | --- | --- |\n");
        for op in &resource.operations {
            text.push_str(&table_row(op));
        }
        let calls: Vec<String> = resource
            .operations
            .iter()
            .filter_map(|op| {
                let call = call(api, resource, op)?;
                Some(match op.success.ty {
                    Some(_) => format!("let {} = {call};\n", op.method_name),
                    None => format!("{call};\n"),
                })
            })
            .collect();
        if !calls.is_empty() {
            let runtime = if calls.iter().any(|c| c.contains("runtime::")) {
                "runtime, "
            } else {
                ""
            };
            text.push_str(&format!(
                "\n```rust,no_run\n# use {lib}::{{models, {runtime}{client}}};\n# async fn example(client: {client}) -> Result<(), Box<dyn std::error::Error>> {{\n{}# Ok(())\n# }}\n```\n",
                calls.concat(),
                client = api.client.name,
            ));
        }
        text.push('\n');
    }
    text.trim_end().to_owned()
}

fn table_row(op: &Operation) -> String {
    let args: Vec<String> = op
        .params
        .iter()
        .filter(|p| p.required && p.global.is_none())
        .map(|p| p.rust_name.clone())
        .chain(
            op.body
                .iter()
                .filter(|b| b.required && !b.empty)
                .map(|_| "body".to_owned()),
        )
        .collect();
    let setters: Vec<String> = op
        .params
        .iter()
        .filter(|p| (!p.required || p.global.is_some()) && p.location != ParamLocation::Path)
        .map(|p| format!("`.{}()`", p.rust_name))
        .chain(
            op.body
                .iter()
                .filter(|b| !b.required && !b.empty)
                .map(|_| "`.body()`".to_owned()),
        )
        .collect();
    let mut summary = op.summary.as_deref().unwrap_or("").replace('|', "\\|");
    if !summary.is_empty() && !summary.ends_with(['.', '!', '?']) {
        summary.push('.');
    }
    let setters = if setters.is_empty() {
        String::new()
    } else {
        format!(" Options: {}.", setters.join(", "))
    };
    format!(
        "| `{}({})` | `{} {}` | {}{} |\n",
        op.method_name,
        args.join(", "),
        op.http_method,
        op.path_template,
        summary,
        setters
    )
}

/// Building a request body in one expression, when the API has one to show.
fn models_example(api: &Api) -> String {
    let lib = lib_name(api);
    building_example(api)
        .map(|example| {
            format!(
                "\n```rust,no_run\n# use {lib}::models;\nlet value = {example};\n# let _ = value;\n```\n"
            )
        })
        .unwrap_or_default()
}

/// Retries, server selection, custom HTTP client, hooks and debugging, each with
/// an example that compiles.
fn runtime_sections(api: &Api) -> String {
    let lib = lib_name(api);
    let client = &api.client.name;
    let first_call = api
        .resources
        .iter()
        .flat_map(|r| r.operations.iter().map(move |op| (r, op)))
        .find_map(|(r, op)| call(api, r, op))
        .map(|call| call.trim_end_matches(".send().await?").to_owned());
    let per_call = |method: &str| match &first_call {
        Some(call) => {
            format!("\n// For one call only:\nlet value = {call}.{method}.send().await?;\n")
        }
        None => String::new(),
    };
    let wrap = |body: String| {
        format!(
            "```rust,no_run\n# use {lib}::models;\n# async fn example() -> Result<(), Box<dyn std::error::Error>> {{\n{body}# Ok(())\n# }}\n```"
        )
    };
    let retries = wrap(format!(
        "use std::time::Duration;\nuse {lib}::{{Backoff, RetryConfig, {client}}};\n\nlet client = {client}::builder()\n    .retry(RetryConfig::backoff(Backoff {{\n        initial_interval: Duration::from_secs(1),\n        max_elapsed_time: Duration::from_secs(120),\n        ..Backoff::default()\n    }}))\n    .build()?;\n{}",
        per_call("retry(RetryConfig::none())")
    ));
    let timeouts = wrap(format!(
        "use std::time::Duration;\nuse {lib}::{client};\n\nlet client = {client}::builder().timeout(Duration::from_secs(10)).build()?;\n{}",
        per_call("timeout(Duration::from_secs(120))")
    ));
    let servers = wrap(format!(
        "use {lib}::{client};\n\nlet client = {client}::builder().server_url(\"http://127.0.0.1:4010\").build()?;\n{}",
        per_call("server_url(\"https://eu.example.com\")")
    ));
    let http = wrap(format!(
        "use std::time::Duration;\nuse {lib}::{client};\n\nlet client = {client}::builder()\n    .http_client(|http| http.connect_timeout(Duration::from_secs(5)))\n    .build()?;\n"
    ));
    let limits = wrap(format!(
        "use {lib}::{client};\n\nlet client = {client}::builder().max_response_size(64 * 1024).build()?;\n{}",
        per_call("max_response_size(1024 * 1024)")
    ));
    let hooks = wrap(format!(
        "use {lib}::{{runtime, {client}}};\n\nlet client = {client}::builder()\n    .hook(runtime::before_request(|context, request| {{\n        request.headers_mut().insert(\"x-request-source\", \"docs\".parse().unwrap());\n        eprintln!(\"sending {{}} (attempt {{}})\", context.operation_id, context.attempt);\n    }}))\n    .build()?;\n"
    ));
    let provider = api
        .client
        .settings
        .iter()
        .find(|s| s.credential && s.secret && s.auth != Auth::Basic)
        .map(|s| {
            wrap(format!(
                "use {lib}::{client};\n\nlet client = {client}::builder()\n    .{}_provider(|| async {{\n        // Fetch the current value from your secret store.\n        Ok::<_, std::io::Error>(\"rotated-value\".to_owned())\n    }})\n    .build()?;\n",
                s.name
            ))
        })
        .map(|example| format!("\n\nA credential can also come from an async provider, asked before every attempt\n(for rotation):\n\n{example}"))
        .unwrap_or_default();
    let env: Vec<String> = api
        .client
        .settings
        .iter()
        .filter_map(|s| {
            s.env
                .as_ref()
                .map(|env| format!("`{env}` (`.{}()`)", s.name))
        })
        .collect();
    let env = if env.is_empty() {
        String::new()
    } else {
        format!("\n\nSettings not given to the builder fall back to the environment: {}; `{client}::from_env()` builds a client from the environment alone.", env.join(", "))
    };
    let pagination = api
        .resources
        .iter()
        .flat_map(|r| r.operations.iter().map(move |op| (r, op)))
        .find(|(_, op)| op.pagination.is_some())
        .and_then(|(r, op)| call(api, r, op))
        .map(|call| {
            let stream = call.trim_end_matches(".send().await?");
            wrap(format!(
                "use futures_util::StreamExt;\n# let client = {lib}::{client}::builder().build()?;\n\nlet mut items = std::pin::pin!({stream}.into_stream());\nwhile let Some(item) = items.next().await {{\n    let item = item?;\n    println!(\"{{item:?}}\");\n}}\n"
            ))
        })
        .map(|example| format!("\n\n## Pagination\n\nList operations that return one page at a time also have `.into_stream()`, which yields\nevery item across all pages (fetching the next page as the stream is polled), and\n`.into_pages()`, which yields each whole response; each method's documentation says how\nthat operation pages. They end after the last page, after yielding the first error, or\nwith `Error::Pagination` when the listing cannot finish: the server names a page it\nalready sent (the same cursor twice, or a cycle), keeps sending empty pages, or links the\nnext page on another origin. `.send()` still returns one page.\n\n{example}"))
        .unwrap_or_default();
    format!(
        "## Configuration{env}{provider}{pagination}\n\n\
         ## Retries\n\nFailed calls are retried with exponential backoff (500 ms, growing by 1.5 up to 60 s between\nattempts, with jitter; at most 10 attempts within 15 minutes) on connection errors, timeouts and\nstatuses 408, 429, 500, 502, 503 and 504. A `Retry-After` or `retry-after-ms` longer than the\nbackoff's next wait is honoured; a shorter one (zero, negative, a past date) is not, so a server\ncannot make the client retry faster. A wait that would end past the time budget is not started:\nthe call fails at once with the last response's error. A retry re-sends the same body. Set a\npolicy for the client, or for one call:\n\n{retries}\n\n\
         ## Timeouts\n\nEach attempt is limited to 60 s unless configured otherwise; a slow attempt fails with\n`Error::Timeout` (and is retried like a connection error).\n\n{timeouts}\n\n\
         ## Server selection\n\n{servers}\n\n\
         ## Custom HTTP client\n\nProxies, TLS roots and connection limits are set on the `reqwest::ClientBuilder` the SDK\nuses (`runtime::reqwest`: the one place the SDK's API shows reqwest, so use that\nre-export rather than a reqwest of your own); the redirect policy below stays in force whatever the closure sets. `.transport(..)`\nreplaces the HTTP client altogether (a recorded replay in tests, say); redirects, limits,\nretries and hooks still apply to what it returns.\n\n{http}\n\n\
         ## Security and failure behaviour\n\n\
         - **Secrets never print.** Credentials are kept in `Secret`s and their headers are marked\n  sensitive wherever they are set (client default or per call), so `Debug` of the client, a\n  request builder, the `runtime::HttpRequest` a hook sees, or an error shows `[redacted]`/`Sensitive`.\n  Model fields are redacted in `Debug` (serialization is unchanged) when the document says\n  `format: password`, `writeOnly: true` or `x-sdk-sensitive: true`, or when a text field is\n  named like a secret (`access_token`, `refresh_token`, `client_secret`, `password`, `api_key`,\n  `session_token`, `secret`, `private_key`, or ending in `_token`, `_secret`, `_password`,\n  `_api_key`, `_private_key`); `x-sdk-sensitive: false` opts out. Free-form JSON (maps, unknown\n  properties) prints with the values of such keys redacted.\n\
         - **Redirects stay on one origin.** 301, 302, 303, 307 and 308 to the same scheme, host and port\n  are followed, at most 5 in a row (303, and 301/302 after a POST, continue as a GET without the\n  body). A redirect to any other origin is not followed: the call fails with\n  `Error::Redirect`, which carries the status and `Location`, and nothing is sent there.\n\
         - **Retries are bounded** by attempts and time, as above; server-asked waits only slow them.\n\
         - **Responses are bounded.** A body longer than the limit (16 MiB by default, per client or per\n  call) fails with `Error::ResponseTooLarge`; reading stops at the limit. Error messages quote at\n  most 512 bytes of what the server sent (`DecodeError::body()` and `ApiError::body()` keep it all).\n\
         - **Bad input is refused before sending**: CR/LF in header values, `.`/`..` path segments,\n  missing required values give `Error::InvalidRequest` and nothing goes on the wire.\n\
         - **No panics** on any status, header or body: undecodable bodies are `Error::Decode` with\n  the raw body kept.\n\n{limits}\n\n\
         ## Hooks\n\nHooks see every attempt's request before it is sent (and may change it) and its\nresponse or error after, in the order they were added:\n\n{hooks}\n\n\
         ## Debugging\n\nEvery call runs in a `tracing` span named `api_call` with the operation, method, route\n(the path template, not the path: path values may be personal data), attempt, status and\nduration; retries and failures are logged inside it. Credentials and headers are never\nrecorded; bodies only with `.trace_bodies(true)`, as a bounded preview with secret-named\nJSON values redacted. Install any `tracing`\nsubscriber (for example `tracing-subscriber`) to see them. Every success also has\n`.send_with_response()`, which returns the decoded body with the HTTP status and headers."
    )
}
