//! Which resource each operation belongs to (README: "How operations are named").
//!
//! Decided for the whole document at once, before any operation is lowered,
//! because whether a tag is too broad to name a resource depends on how many
//! operations share it.

use std::collections::{BTreeMap, BTreeSet};

use crate::lower::names::snake;

/// Extensions that name an operation's group, most specific first.
pub const GROUP_EXTENSIONS: [&str; 3] =
    ["x-sdk-group", "x-speakeasy-group", "x-fern-sdk-group-name"];

/// A resource holding more than this share of an API of [`LARGE_API`] or more
/// operations is split by path.
const LARGEST_SHARE: usize = 4;
/// The size from which one resource must not hold more than a quarter.
const LARGE_API: usize = 100;
/// The size from which one tag on every operation says nothing about grouping.
const ONE_TAG_API: usize = 20;

/// The group of operations nothing else groups: no tag, and a path that
/// shares its subject with no other operation (`/health`).
const CATCH_ALL: &str = "api";

/// Path segments that say nothing about what a path is about.
const FILLER_SEGMENTS: [&str; 2] = ["api", "rest"];

/// What grouping needs to know about one operation.
pub struct GroupFacts<'a> {
    /// The path template.
    pub path: &'a str,
    /// The group an extension names.
    pub explicit: Option<&'a str>,
    /// The first tag.
    pub tag: Option<&'a str>,
}

/// The group of each operation, in the order given.
///
/// An extension decides; then the first tag, unless that tag is too broad
/// (more than a quarter of an API of 100+ operations, or the only tag of an
/// API of 20+); then the path: the first meaningful segment, or the first two
/// (`customer_sources`) where one segment would hold more than a quarter of a
/// large API. An operation alone in its path group joins its broad tag's group
/// (or `api`), so no resource holds a single echo of its own name.
pub fn groups(facts: &[GroupFacts]) -> Vec<String> {
    let total = facts.len();
    let mut tag_counts: BTreeMap<&str, usize> = BTreeMap::new();
    for fact in facts {
        if let Some(tag) = fact.tag {
            *tag_counts.entry(tag).or_default() += 1;
        }
    }
    let broad = |tag: &str| {
        let count = tag_counts.get(tag).copied().unwrap_or(0);
        (total >= LARGE_API && count * LARGEST_SHARE > total)
            || (total >= ONE_TAG_API && count == total)
    };
    // `None`: decided; `Some(depth)`: grouped by path at that depth.
    let mut depth: Vec<Option<usize>> = Vec::with_capacity(total);
    let mut chosen: Vec<String> = Vec::with_capacity(total);
    for fact in facts {
        match (fact.explicit, fact.tag) {
            (Some(group), _) => {
                depth.push(None);
                chosen.push(group.to_owned());
            }
            (None, Some(tag)) if !broad(tag) => {
                depth.push(None);
                chosen.push(tag.to_owned());
            }
            _ => {
                depth.push(Some(1));
                chosen.push(path_group(fact.path, 1).unwrap_or_default());
            }
        }
    }
    // Split path groups that are too large, where their paths allow it.
    if total >= LARGE_API {
        let counts = counts(&chosen);
        for (index, fact) in facts.iter().enumerate() {
            let oversized = counts[&snake(&chosen[index])] * LARGEST_SHARE > total;
            if depth[index] == Some(1) && oversized {
                if let Some(deeper) = path_group(fact.path, 2) {
                    depth[index] = Some(2);
                    chosen[index] = deeper;
                }
            }
        }
    }
    let counts = counts(&chosen);
    for (index, fact) in facts.iter().enumerate() {
        let key = snake(&chosen[index]);
        if depth[index].is_some() && (chosen[index].is_empty() || counts[&key] == 1) {
            chosen[index] = fact.tag.unwrap_or(CATCH_ALL).to_owned();
        }
    }
    chosen
}

fn counts(groups: &[String]) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for group in groups {
        *counts.entry(snake(group)).or_default() += 1;
    }
    counts
}

/// The meaningful literal segments of a path, each with whether a parameter
/// follows it (`/v1/customers/{customer}/sources` → `customers` then, `sources`).
fn meaningful(path: &str) -> Vec<(&str, bool)> {
    let mut segments: Vec<(&str, bool)> = Vec::new();
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        if segment.starts_with('{') {
            if let Some(last) = segments.last_mut() {
                last.1 = true;
            }
        } else if !is_version(segment) && !is_filler(segment) {
            segments.push((segment, false));
        }
    }
    segments
}

/// The group a path suggests, from `depth` (1 or 2) meaningful segments.
fn path_group(path: &str, depth: usize) -> Option<String> {
    let segments = meaningful(path);
    match (depth, segments.as_slice()) {
        (1, [(first, _), ..]) => Some(snake(first)),
        (_, [(first, param), (second, _), ..]) => {
            let first = if *param {
                singular(&snake(first))
            } else {
                snake(first)
            };
            Some(format!("{first}_{}", snake(second)))
        }
        _ => None,
    }
}

/// `api`, `rest`: words that say a path is an API's, not what it is about.
pub fn is_filler(segment: &str) -> bool {
    FILLER_SEGMENTS.contains(&segment)
}

/// `v1`, `v2beta`, `1`, `2.0`, `2024-01-01`: versions, not subjects.
pub fn is_version(segment: &str) -> bool {
    let digits = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
    };
    let lower = segment.to_ascii_lowercase();
    digits(&lower)
        || lower.strip_prefix('v').is_some_and(|rest| {
            rest.starts_with(|c: char| c.is_ascii_digit())
                && rest.chars().all(|c| c.is_ascii_alphanumeric())
        })
}

/// Whether a word looks plural (`customers`, not `status` or `access`).
pub fn is_plural(word: &str) -> bool {
    word.len() > 2
        && word.ends_with('s')
        && !["ss", "us", "is"].iter().any(|end| word.ends_with(end))
}

/// The singular of a plural-looking English word; other words unchanged.
pub fn singular(word: &str) -> String {
    if !is_plural(word) {
        return word.to_owned();
    }
    if let Some(stem) = word.strip_suffix("ies") {
        return format!("{stem}y");
    }
    for end in ["sses", "ches", "shes", "xes", "zes"] {
        if word.ends_with(end) {
            return word[..word.len() - 2].to_owned();
        }
    }
    word[..word.len() - 1].to_owned()
}

/// Paths that another path extends with a parameter (`/customers` when
/// `/customers/{id}` exists): collections even when their name is singular.
pub fn collections<'a>(paths: impl IntoIterator<Item = &'a str>) -> BTreeSet<String> {
    paths
        .into_iter()
        .filter_map(|path| {
            let (parent, last) = path.trim_end_matches('/').rsplit_once('/')?;
            last.starts_with('{').then(|| parent.to_owned())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts<'a>(list: &[(&'a str, Option<&'a str>)]) -> Vec<GroupFacts<'a>> {
        list.iter()
            .map(|(path, tag)| GroupFacts {
                path,
                explicit: None,
                tag: *tag,
            })
            .collect()
    }

    #[test]
    fn untagged_operations_group_by_their_first_meaningful_segment() {
        let list = facts(&[
            ("/v1/customers", None),
            ("/v1/customers/{customer}", None),
            ("/api/v2/customers/{customer}/sources", None),
            ("/health", None),
            ("/v1/emails/send", None),
            ("/v1/emails/{id}", None),
        ]);
        assert_eq!(
            groups(&list),
            [
                "customers",
                "customers",
                "customers",
                "api",
                "emails",
                "emails"
            ]
        );
    }

    #[test]
    fn tags_decide_unless_one_tag_holds_a_large_share() {
        let mut list = facts(&[("/pets", Some("Pets")), ("/pets/{id}", None)]);
        list[1].explicit = Some("animals");
        assert_eq!(groups(&list), ["Pets", "animals"]);

        // 100 operations, one tag: grouped by path, split where one
        // segment holds more than a quarter.
        let paths: Vec<String> = (0..100)
            .map(|i| match i % 4 {
                0 => format!("/v1/customers/{{customer}}/notes{i}"),
                1 | 2 => format!("/v1/customers/{{customer}}/cards/x{i}"),
                _ => format!("/v1/things{}/{{id}}", i % 3),
            })
            .collect();
        let list: Vec<GroupFacts> = paths
            .iter()
            .map(|path| GroupFacts {
                path,
                explicit: None,
                tag: Some("all"),
            })
            .collect();
        let found = groups(&list);
        assert_eq!(found[0], "all", "notes0 alone joins the tag's group");
        assert_eq!(found[1], "customer_cards");
        assert_eq!(found[3], "things0");
    }

    #[test]
    fn words_are_made_singular() {
        assert_eq!(singular("customers"), "customer");
        assert_eq!(singular("policies"), "policy");
        assert_eq!(singular("addresses"), "address");
        assert_eq!(singular("status"), "status");
        assert!(is_version("v1") && is_version("2") && is_version("v2beta"));
        assert!(!is_version("values"));
    }
}
