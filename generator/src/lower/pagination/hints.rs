//! Pagination declared by `x-sdk-pagination` or `x-speakeasy-pagination`.

use serde_json::Value as Json;

use super::build::{self, Common};
use super::shape::{self, is_bool, is_cursor, is_integer, is_string, Reached};
use super::Context;
use crate::ir::{Pagination, Param, TypeRef};

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
    if fits(&shape::resolved(cx.types, &reached.ty)) {
        Ok(reached)
    } else {
        Err(format!("`{}` is not {kind}", wire.join(".")))
    }
}

/// The items at `wire` (or where the convention finds them) and the flag.
fn common(
    cx: &Context<'_>,
    wire: Option<Vec<&str>>,
    has_more: Option<Reached>,
) -> Result<Common, String> {
    let (items, item) = match wire {
        Some(wire) => shape::items_at(cx.types, cx.page, &wire)?,
        None => shape::items(cx.types, cx.page).ok_or("no list of items in the page")?,
    };
    Ok(Common {
        items,
        item,
        has_more,
    })
}

/// `x-sdk-pagination`: `style` (default `cursor`) and the members it needs.
fn ours(cx: &Context<'_>, hint: &Json) -> Result<Pagination, String> {
    let has_more = text(hint, "has_more")
        .map(|at| value(cx, &pointer(at), is_bool, "a boolean"))
        .transpose()?;
    let common = common(cx, text(hint, "items").map(pointer), has_more)?;
    let at = |name: &str, fits: fn(&TypeRef) -> bool, kind: &str| {
        value(cx, &pointer(required(hint, name)?), fits, kind)
    };
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
            let next = at("next", is_cursor, "a string or integer")?;
            Ok(build::cursor(common, param, next))
        }
        "after" => {
            let param = param(cx, required(hint, "after")?, is_string, "string")?;
            let id_wire = text(hint, "id").unwrap_or("id");
            let id = shape::follow(cx.types, &common.item, &[id_wire])?;
            if !is_string(&shape::resolved(cx.types, &id.ty)) {
                return Err(format!("the items' `{id_wire}` is not a string"));
            }
            Ok(build::after_last(common, param, id, size("limit")?))
        }
        "page" => {
            let param = param(cx, required(hint, "page")?, is_integer, "integer")?;
            let first = match hint.get("first") {
                Some(first) => first
                    .as_i64()
                    .filter(|n| *n == 0 || *n == 1)
                    .ok_or("`first` must be 0 or 1")?,
                None => cx.first_page(&param.wire_name).unwrap_or(1),
            };
            let total_pages = optional("total_pages", is_integer, "an integer")?;
            Ok(build::numbered(
                common,
                param,
                first,
                size("size")?,
                total_pages,
            ))
        }
        "offset" => {
            let param = param(cx, required(hint, "offset")?, is_integer, "integer")?;
            let total = optional("total", is_integer, "an integer")?;
            Ok(build::offset(common, param, size("limit")?, total))
        }
        "link" => {
            cx.follows_links()?;
            Ok(build::link_header(common))
        }
        "url" => {
            cx.follows_links()?;
            let next = at("next", is_string, "a string")?;
            Ok(build::next_url(common, next))
        }
        other => Err(format!(
            "unknown style `{other}` (cursor, after, page, offset, link or url)"
        )),
    }
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
    let common = common(cx, output("results")?, None)?;
    let limit = input("limit")
        .map(|wire| param(cx, wire, is_integer, "integer"))
        .transpose()?;
    match text(hint, "type") {
        Some("cursor") => {
            let wire = input("cursor").ok_or("a `cursor` input is needed")?;
            let param = param(cx, wire, is_string, "string")?;
            let next = output("nextCursor")?.ok_or("a `nextCursor` output is needed")?;
            let next = value(cx, &next, is_cursor, "a string or integer")?;
            Ok(build::cursor(common, param, next))
        }
        Some("offsetLimit") => {
            if let Some(wire) = input("page") {
                let param = param(cx, wire, is_integer, "integer")?;
                let total_pages = output("numPages")?
                    .map(|at| value(cx, &at, is_integer, "an integer"))
                    .transpose()?;
                let first = cx.first_page(wire).unwrap_or(1);
                Ok(build::numbered(common, param, first, limit, total_pages))
            } else {
                let wire = input("offset").ok_or("an `offset` or `page` input is needed")?;
                let param = param(cx, wire, is_integer, "integer")?;
                Ok(build::offset(common, param, limit, None))
            }
        }
        Some("url") => {
            cx.follows_links()?;
            let next = output("nextUrl")?.ok_or("a `nextUrl` output is needed")?;
            let next = value(cx, &next, is_string, "a string")?;
            Ok(build::next_url(common, next))
        }
        Some(other) => Err(format!(
            "unknown type `{other}` (cursor, offsetLimit or url)"
        )),
        None => Err("a string `type` is needed".to_owned()),
    }
}
