//! Pagination declared by `x-sdk-pagination` or `x-speakeasy-pagination`.

use serde_json::Value as Json;

use super::convention::{offset_style, page_style};
use super::shape::{self, is_bool, is_integer, is_string, Reached};
use super::{dotted, Context};
use crate::ir::{PageStyle, Pagination, Param, TypeRef};

/// Reads the hint under `key`; the reason it does not fit, if it does not.
pub fn read(cx: &Context<'_>, key: &str, hint: &Json) -> Result<Pagination, String> {
    if key == "x-speakeasy-pagination" {
        speakeasy(cx, hint)
    } else {
        ours(cx, hint)
    }
}

/// A string member of the hint.
fn text<'a>(hint: &'a Json, name: &str) -> Option<&'a str> {
    hint.get(name).and_then(Json::as_str)
}

fn required<'a>(hint: &'a Json, name: &str) -> Result<&'a str, String> {
    text(hint, name).ok_or(format!("`x-sdk-pagination` needs a string `{name}`"))
}

/// The wire names a JSON pointer (`/meta/next`) names; `""` and `/` are the page.
fn pointer(value: &str) -> Vec<&str> {
    value
        .trim_start_matches('/')
        .split('/')
        .filter(|step| !step.is_empty())
        .collect()
}

/// The wire names a JSONPath into the body (`$.meta.next`) names.
fn json_path(value: &str) -> Result<Vec<&str>, String> {
    let rest = value
        .strip_prefix('$')
        .ok_or(format!("`{value}` is not a JSONPath starting at `$`"))?;
    if rest.contains(['[', '*', '?', '@']) || rest.contains("..") {
        return Err(format!("`{value}` is not a plain `$.a.b` path"));
    }
    Ok(rest.split('.').filter(|step| !step.is_empty()).collect())
}

fn param<'a>(
    cx: &'a Context<'_>,
    wire: &str,
    fits: fn(&TypeRef) -> bool,
    kind: &str,
) -> Result<&'a Param, String> {
    cx.param(wire, fits)
        .ok_or(format!("no {kind} query or header parameter `{wire}`"))
}

/// A value in the page, by wire names, of a type that `fits`.
fn value(
    cx: &Context<'_>,
    wire: &[&str],
    fits: fn(&TypeRef) -> bool,
    kind: &str,
) -> Result<Reached, String> {
    let reached = shape::follow(cx.types, cx.page, wire)?;
    if fits(&reached.ty) {
        Ok(reached)
    } else {
        Err(format!("`{}` is not {kind}", wire.join(".")))
    }
}

/// The items at `wire`, or where the convention finds them.
fn items(cx: &Context<'_>, wire: Option<Vec<&str>>) -> Result<(Reached, TypeRef), String> {
    match wire {
        Some(wire) => shape::items_at(cx.types, cx.page, &wire),
        None => shape::items(cx.types, cx.page).ok_or("no list of items in the page".to_owned()),
    }
}

/// `x-sdk-pagination`: `style` (default `cursor`) and the members it needs.
fn ours(cx: &Context<'_>, hint: &Json) -> Result<Pagination, String> {
    let items_wire = text(hint, "items").map(pointer);
    let (items, item) = items(cx, items_wire)?;
    let has_more = text(hint, "has_more")
        .map(|at| value(cx, &pointer(at), is_bool, "a boolean"))
        .transpose()?;
    let optional = |name: &str, fits: fn(&TypeRef) -> bool, kind: &str| {
        text(hint, name)
            .map(|at| value(cx, &pointer(at), fits, kind))
            .transpose()
    };
    let size = |name: &str| {
        text(hint, name)
            .map(|wire| param(cx, wire, is_integer, "integer"))
            .transpose()
    };
    match text(hint, "style").unwrap_or("cursor") {
        "cursor" => {
            let param = param(cx, required(hint, "cursor")?, is_string, "string")?;
            let next = value(cx, &pointer(required(hint, "next")?), is_string, "a string")?;
            Ok(cursor(param, next, items, item, has_more))
        }
        "after" => {
            let param = param(cx, required(hint, "after")?, is_string, "string")?;
            let id_wire = text(hint, "id").unwrap_or("id");
            let id = shape::follow(cx.types, &item, &[id_wire])?;
            if !is_string(&id.ty) {
                return Err(format!("the items' `{id_wire}` is not a string"));
            }
            let limit = size("limit")?;
            Ok(after_last(param, id, limit, items, item, has_more))
        }
        "page" => {
            let param = param(cx, required(hint, "page")?, is_integer, "integer")?;
            let first = match hint.get("first") {
                Some(first) => first
                    .as_i64()
                    .filter(|n| *n == 0 || *n == 1)
                    .ok_or("`first` must be 0 or 1")?,
                None => cx.first_page(&param.wire_name),
            };
            let total_pages = optional("total_pages", is_integer, "an integer")?;
            Ok(page_style(
                param,
                first,
                size("size")?,
                items,
                item,
                total_pages,
                has_more,
            ))
        }
        "offset" => {
            let param = param(cx, required(hint, "offset")?, is_integer, "integer")?;
            let total = optional("total", is_integer, "an integer")?;
            Ok(offset_style(
                param,
                size("limit")?,
                items,
                item,
                total,
                has_more,
            ))
        }
        "link" => Ok(Pagination {
            style: PageStyle::LinkHeader,
            items: items.path,
            item,
            has_more: has_more.map(|r| r.path),
            doc: "Pages by following each response's `Link: <…>; rel=\"next\"` header (within \
                  the API's origin), until there is none."
                .to_owned(),
        }),
        "url" => {
            let next = value(cx, &pointer(required(hint, "next")?), is_string, "a string")?;
            Ok(next_url(next, items, item, has_more))
        }
        other => Err(format!(
            "unknown style `{other}` (cursor, after, page, offset, link or url)"
        )),
    }
}

fn cursor(
    param: &Param,
    next: Reached,
    items: Reached,
    item: TypeRef,
    has_more: Option<Reached>,
) -> Pagination {
    let doc = format!(
        "Pages by sending each page's {} back as the `{}` parameter, until it is absent or empty{}.",
        dotted(&next.wire),
        param.wire_name,
        more(&has_more)
    );
    Pagination {
        style: PageStyle::Cursor {
            param: param.rust_name.clone(),
            next: next.path,
        },
        items: items.path,
        item,
        has_more: has_more.map(|r| r.path),
        doc,
    }
}

fn after_last(
    param: &Param,
    id: Reached,
    limit: Option<&Param>,
    items: Reached,
    item: TypeRef,
    has_more: Option<Reached>,
) -> Pagination {
    let short = limit
        .map(|p| format!(", shorter than `{}`", p.wire_name))
        .unwrap_or_default();
    let doc = format!(
        "Pages by sending the last item's {} as the `{}` parameter, until a page is empty{short}{}.",
        dotted(&id.wire),
        param.wire_name,
        more(&has_more)
    );
    Pagination {
        style: PageStyle::AfterLast {
            param: param.rust_name.clone(),
            id: id.path.concat(),
            limit: limit.map(|p| p.rust_name.clone()),
        },
        items: items.path,
        item,
        has_more: has_more.map(|r| r.path),
        doc,
    }
}

fn next_url(next: Reached, items: Reached, item: TypeRef, has_more: Option<Reached>) -> Pagination {
    let doc = format!(
        "Pages by following the URL in each page's {} (within the API's origin), until it is \
         absent or empty{}.",
        dotted(&next.wire),
        more(&has_more)
    );
    Pagination {
        style: PageStyle::NextUrl { next: next.path },
        items: items.path,
        item,
        has_more: has_more.map(|r| r.path),
        doc,
    }
}

fn more(has_more: &Option<Reached>) -> String {
    has_more
        .as_ref()
        .map(|flag| format!(" or {} is false", dotted(&flag.wire)))
        .unwrap_or_default()
}

/// `x-speakeasy-pagination`: `type` (`cursor`, `offsetLimit`, `url`), `inputs`
/// (`name`, `in`, `type`) and `outputs` (JSONPaths into the body).
fn speakeasy(cx: &Context<'_>, hint: &Json) -> Result<Pagination, String> {
    let outputs = hint.get("outputs");
    let output = |name: &str| -> Result<Option<Vec<&str>>, String> {
        outputs
            .and_then(|o| o.get(name))
            .and_then(Json::as_str)
            .map(json_path)
            .transpose()
    };
    let mut inputs = Vec::new();
    for input in hint
        .get("inputs")
        .and_then(Json::as_array)
        .into_iter()
        .flatten()
    {
        let (Some(name), Some(kind)) = (text(input, "name"), text(input, "type")) else {
            return Err("each input needs a string `name` and `type`".to_owned());
        };
        match text(input, "in").unwrap_or("parameters") {
            "parameters" => inputs.push((kind, name)),
            place => {
                return Err(format!(
                    "input `{name}` is in `{place}`; only `parameters` are supported"
                ))
            }
        }
    }
    let input = |kind: &str| {
        inputs
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, name)| *name)
    };
    let (items, item) = items(cx, output("results")?)?;
    let limit = input("limit")
        .map(|wire| param(cx, wire, is_integer, "integer"))
        .transpose()?;
    match text(hint, "type") {
        Some("cursor") => {
            let wire = input("cursor").ok_or("a `cursor` input is needed")?;
            let param = param(cx, wire, is_string, "string")?;
            let next = output("nextCursor")?.ok_or("a `nextCursor` output is needed")?;
            let next = value(cx, &next, is_string, "a string")?;
            Ok(cursor(param, next, items, item, None))
        }
        Some("offsetLimit") => {
            if let Some(wire) = input("page") {
                let param = param(cx, wire, is_integer, "integer")?;
                let total_pages = output("numPages")?
                    .map(|at| value(cx, &at, is_integer, "an integer"))
                    .transpose()?;
                let first = cx.first_page(wire);
                Ok(page_style(
                    param,
                    first,
                    limit,
                    items,
                    item,
                    total_pages,
                    None,
                ))
            } else {
                let wire = input("offset").ok_or("an `offset` or `page` input is needed")?;
                let param = param(cx, wire, is_integer, "integer")?;
                Ok(offset_style(param, limit, items, item, None, None))
            }
        }
        Some("url") => {
            let next = output("nextUrl")?.ok_or("a `nextUrl` output is needed")?;
            let next = value(cx, &next, is_string, "a string")?;
            Ok(next_url(next, items, item, None))
        }
        Some(other) => Err(format!(
            "unknown type `{other}` (cursor, offsetLimit or url)"
        )),
        None => Err("a string `type` is needed".to_owned()),
    }
}
