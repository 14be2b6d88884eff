//! Method names of operations (README: "How operations are named").

use super::grouping::{is_filler, is_plural, is_version, singular};
use crate::lower::names::{camel, snake};

/// Extensions that name an operation's method, most specific first.
pub const NAME_EXTENSIONS: [&str; 3] = [
    "x-sdk-name",
    "x-speakeasy-name-override",
    "x-fern-sdk-method-name",
];

/// What naming needs to know about one operation.
pub struct NameFacts<'a> {
    /// The `operationId` (or one made from method and path).
    pub operation_id: &'a str,
    /// The resource's group as written.
    pub group: &'a str,
    /// The HTTP method, lower case.
    pub method: &'a str,
    /// The path template.
    pub path: &'a str,
    /// Whether the path ends in a parameter (`/customers/{id}`).
    pub item: bool,
    /// Whether the path ends in a collection (`/customers`, or any path that
    /// another path extends with a parameter).
    pub collection: bool,
}

/// Method names to try, best first: the conventional or derived name, then
/// longer ones that keep more of the `operationId`. Never empty, never the
/// resource's own name.
pub fn candidates(facts: &NameFacts) -> Vec<String> {
    let group_key = snake(facts.group);
    let mut names = Vec::new();
    if let Some(name) = conventional_name(facts.operation_id, facts.group) {
        names.push(name);
    }
    let words: Vec<String> = snake(facts.operation_id)
        .split('_')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    if let Some(name) = from_path(facts, &words, &group_key) {
        names.push(name);
    }
    let kept = without_resource(&words, &group_key);
    // `…WithId`, `…ById`: the path already says so; `exchangeTokenForJwt`
    // in `jwt` loses its last word, and `for` with it.
    let core: &[&str] = match kept.as_slice() {
        [rest @ .., "with" | "by", "id"] => rest,
        [rest @ .., "for" | "with" | "by" | "of" | "from" | "to" | "on" | "using"]
            if !rest.is_empty() =>
        {
            rest
        }
        all => all,
    };
    let verb = plain_verb(facts);
    let derived = match (core, verb) {
        ([], Some(verb)) => verb.to_owned(),
        ([], None) => fallback_verb(facts.method).to_owned(),
        ([word], Some(verb)) if synonyms(verb).contains(word) => verb.to_owned(),
        (core, _) => core.join("_"),
    };
    names.push(derived);
    if !kept.is_empty() {
        names.push(kept.join("_"));
    }
    // `models.list_embedding_models` → `list_embedding_models`.
    let leading = words.iter().take_while(|w| echoes(w, &group_key)).count();
    if leading < words.len() {
        names.push(words[leading..].join("_"));
    }
    names.push(words.join("_"));
    let mut unique: Vec<String> = Vec::new();
    for name in names.iter().filter(|n| !n.is_empty()).map(|n| snake(n)) {
        if !name.is_empty() && name != group_key && !unique.contains(&name) {
            unique.push(name);
        }
    }
    unique
}

/// An `operationId` spelled from the method and the path alone, the method
/// included (`get_files_id`,
/// `get-balanceAccounts-id`) says nothing the path does not, so the name comes
/// from the path: the words of its subject that do not repeat the resource,
/// with the plain verb (`list_payment_instruments`, `delete_payment`), or alone
/// for a POST to an action (`copy`).
fn from_path(facts: &NameFacts, words: &[String], group: &str) -> Option<String> {
    let segment_words = |segment: &str| -> Vec<String> {
        snake(segment)
            .split('_')
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let path_words: Vec<String> = facts
        .path
        .split(['/', '{', '}'])
        .flat_map(segment_words)
        .collect();
    let spelled = words.iter().any(|w| w == facts.method)
        && words
            .iter()
            .all(|w| w == facts.method || path_words.contains(w));
    if !spelled {
        return None;
    }
    // `/files/{id}#add_shared_link`: the fragment tells operations on one path apart.
    if let Some((_, action)) = facts.path.split_once('#') {
        let rest: Vec<String> = segment_words(action)
            .into_iter()
            .filter(|w| !echoes(w, group))
            .collect();
        if !rest.is_empty() {
            return Some(rest.join("_"));
        }
    }
    let path = facts.path.split('#').next().unwrap_or(facts.path);
    let literals = |part: &'_ str| -> Vec<String> {
        part.split('/')
            .filter(|s| !s.is_empty() && !s.starts_with('{') && !is_version(s) && !is_filler(s))
            .map(|s| s.split('{').next().unwrap_or(s).to_owned())
            .collect()
    };
    // The subject: for `…/payments/{id}` the item's collection, made singular;
    // otherwise what follows the last parameter (`…/{id}/copy`), or the last
    // segment of a path without one.
    let (subject, item) = match (path.rfind('{'), path.rfind('}')) {
        (Some(open), _) if path.trim_end_matches('/').ends_with('}') => {
            (literals(&path[..open]).pop().into_iter().collect(), true)
        }
        (_, Some(close)) => (literals(&path[close + 1..]), false),
        _ => (literals(path).pop().into_iter().collect::<Vec<_>>(), false),
    };
    let rest: Vec<String> = subject
        .iter()
        .flat_map(|s| segment_words(s))
        .map(|w| if item { singular(&w) } else { w })
        .filter(|w| !echoes(w, group))
        .collect();
    let rest = rest.join("_");
    let verb = plain_verb(facts);
    if verb.is_some_and(|verb| rest == verb) || rest == fallback_verb(facts.method) {
        return Some(rest);
    }
    Some(match (rest.is_empty(), verb) {
        (true, Some(verb)) => verb.to_owned(),
        (true, None) => fallback_verb(facts.method).to_owned(),
        (false, Some(verb)) => format!("{verb}_{rest}"),
        (false, None) if facts.method == "post" => rest,
        (false, None) => format!("{}_{rest}", fallback_verb(facts.method)),
    })
}

/// `words` without those that repeat the resource `group`, alone or as a run
/// that spells it (`web`, `authn` in `webauthn`).
fn without_resource<'w>(words: &'w [String], group: &str) -> Vec<&'w str> {
    let joined = singular(&group.split('_').collect::<String>());
    let mut kept = Vec::new();
    let mut index = 0;
    while index < words.len() {
        let run = (2..=3)
            .filter(|len| index + len <= words.len())
            .find(|len| singular(&words[index..index + len].concat()) == joined);
        match run {
            Some(len) => index += len,
            None => {
                if !echoes(&words[index], group) {
                    kept.push(words[index].as_str());
                }
                index += 1;
            }
        }
    }
    kept
}

/// Whether `word` repeats the resource `group` (snake case), singular or
/// plural, or all its words run together (`oauth` in `o_auth`).
fn echoes(word: &str, group: &str) -> bool {
    let joined: String = group.split('_').collect();
    singular(word) == singular(&joined)
        || group
            .split('_')
            .filter(|w| !w.is_empty())
            .any(|w| singular(w) == singular(word))
}

/// Whether a method name repeats a word of its resource's name
/// (`collections().get_collection()`): what naming avoids, measured by
/// `cargo xtask corpus`.
pub fn repeats_resource(method: &str, resource: &str) -> bool {
    let resource = snake(resource);
    method
        .split('_')
        .filter(|w| !w.is_empty())
        .any(|word| echoes(word, &resource))
}

/// The name hint of an inline type that belongs to `builder`: the builder's
/// name, then the words of `suffix` it does not already say
/// (`CustomersList` + `customer_status` → `CustomersListStatus`).
pub fn inline_hint(builder: &str, suffix: &str) -> String {
    let said: Vec<String> = snake(builder).split('_').map(singular).collect();
    let words = snake(suffix);
    let fresh: Vec<&str> = words
        .split('_')
        .filter(|w| !w.is_empty() && !said.contains(&singular(w)))
        .collect();
    if fresh.is_empty() {
        format!("{builder}{}", camel(suffix))
    } else {
        format!("{builder}{}", camel(&fresh.join("_")))
    }
}

/// The verb the method and path make plain, if any.
fn plain_verb(facts: &NameFacts) -> Option<&'static str> {
    match facts.method {
        "get" if facts.item => Some("get"),
        "get" if facts.collection => Some("list"),
        "post" if facts.collection => Some("create"),
        "put" | "patch" if facts.item => Some("update"),
        "delete" if facts.item => Some("delete"),
        _ => None,
    }
}

/// A method for an operation whose `operationId` only repeats its resource.
fn fallback_verb(method: &str) -> &'static str {
    match method {
        "post" => "create",
        "put" | "patch" => "update",
        "delete" => "delete",
        "head" => "head",
        "options" => "options",
        "trace" => "trace",
        _ => "get",
    }
}

/// Words an `operationId` uses for a plain verb.
fn synonyms(verb: &str) -> &'static [&'static str] {
    match verb {
        "list" => &["list", "get", "retrieve", "fetch", "read", "all"],
        "get" => &["get", "retrieve", "fetch", "read", "one"],
        "create" => &["create", "add", "new", "post", "insert"],
        "update" => &["update", "modify", "edit", "put"],
        "delete" => &["delete", "remove", "destroy"],
        _ => &[],
    }
}

/// Whether a path's last segment names a collection.
pub fn ends_in_collection(path: &str, collections: &std::collections::BTreeSet<String>) -> bool {
    let trimmed = path.trim_end_matches('/');
    let last = trimmed.rsplit('/').next().unwrap_or_default();
    !last.starts_with('{') && (is_plural(&snake(last)) || collections.contains(trimmed))
}

/// `consumersAll` in group `Consumers` → `list`: the suffixes `All`, `One`,
/// `Add`, `Update`, `Delete` after the group's name; `None` for any other.
pub fn conventional_name(operation_id: &str, group: &str) -> Option<String> {
    let id = camel(operation_id);
    let rest = id.strip_prefix(&camel(group))?;
    let mapped = match rest {
        "All" => "list",
        "One" => "get",
        "Add" => "create",
        "Update" => "update",
        "Delete" => "delete",
        _ => return None,
    };
    Some(mapped.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(operation_id: &str, group: &str, method: &str, path: &str) -> String {
        let collections = super::super::grouping::collections([path]);
        let facts = NameFacts {
            operation_id,
            group,
            method,
            path,
            item: path.ends_with('}'),
            collection: ends_in_collection(path, &collections),
        };
        candidates(&facts).remove(0)
    }

    #[test]
    fn inline_hints_do_not_repeat_the_builder() {
        assert_eq!(
            inline_hint("CustomersList", "customer_status"),
            "CustomersListStatus"
        );
        assert_eq!(
            inline_hint("CollectionsList", "GetCollectionsParameters"),
            "CollectionsListGetParameters"
        );
        assert_eq!(
            inline_hint("CustomersList", "customers"),
            "CustomersListCustomers"
        );
    }

    #[test]
    fn echoes_are_singular_and_plural_aware() {
        assert!(repeats_resource("get_collection", "collections"));
        assert!(repeats_resource("oauth_list", "o_auth"));
        assert!(!repeats_resource("list", "collections"));
        assert!(!repeats_resource("send", "emails"));
    }

    #[test]
    fn conventional_names_follow_the_operation_id() {
        assert_eq!(
            first("connectionsAll", "Connections", "get", "/c/{a}/x"),
            "list"
        );
        assert_eq!(first("connectionsOne", "Connections", "get", "/c"), "get");
        assert_eq!(
            first("consumersAdd", "Consumers", "post", "/c/{a}"),
            "create"
        );
        assert_eq!(
            first("connectionsImport", "Connections", "post", "/c/{a}/import"),
            "import"
        );
    }

    #[test]
    fn derived_names_drop_their_resource_and_use_plain_verbs() {
        assert_eq!(
            first("getCollections", "collections", "get", "/collections"),
            "list"
        );
        assert_eq!(
            first("getCollection", "collections", "get", "/collections/{name}"),
            "get"
        );
        assert_eq!(
            first("listAssistants", "Assistants", "get", "/assistants"),
            "list"
        );
        assert_eq!(
            first("oauth_list_grants", "OAuth", "get", "/grants"),
            "list_grants"
        );
        assert_eq!(first("sendEmail", "emails", "post", "/emails/send"), "send");
        assert_eq!(first("health", "health", "get", "/health"), "get");
        assert_eq!(
            first("retrieveUserWithId", "user", "get", "/api/user/{id}"),
            "get"
        );
        assert_eq!(
            first("patchUserWithId", "user", "patch", "/api/user/{id}"),
            "patch"
        );
        assert_eq!(first("getPetById", "pets", "get", "/pets/{id}"), "get");
        assert_eq!(
            first("searchPets", "pets", "post", "/pets/search"),
            "search"
        );
        assert_eq!(
            first("startWebAuthnLogin", "webauthn", "post", "/w/start"),
            "start_login"
        );
        assert_eq!(
            first("exchangeTokenForJWT", "jwt", "post", "/jwt/x"),
            "exchange_token"
        );
    }

    #[test]
    fn operation_ids_spelled_from_the_path_are_named_from_the_path() {
        assert_eq!(
            first("get_files_id", "files", "get", "/files/{file_id}"),
            "get"
        );
        assert_eq!(
            first("put_files_id", "files", "put", "/files/{file_id}"),
            "update"
        );
        assert_eq!(
            first(
                "post_files_id_copy",
                "files",
                "post",
                "/files/{file_id}/copy"
            ),
            "copy"
        );
        assert_eq!(
            first(
                "get-balanceAccounts-id-sweeps",
                "sweeps",
                "get",
                "/balanceAccounts/{id}/sweeps"
            ),
            "list"
        );
        assert_eq!(
            first(
                "get_accounts_id_payment_instruments",
                "accounts",
                "get",
                "/accounts/{id}/paymentInstruments"
            ),
            "list_payment_instruments"
        );
        assert_eq!(first("getInvoices", "Invoices", "get", "/Invoices"), "list");
        assert_eq!(first("ps", "api", "get", "/api/ps"), "ps");
        assert_eq!(first("delete", "api", "delete", "/api/delete"), "delete");
        assert_eq!(
            first(
                "invoices.payments-delete",
                "invoices",
                "delete",
                "/v2/invoices/{id}/payments/{tid}"
            ),
            "delete_payment"
        );
        assert_eq!(
            first(
                "invoices.delete",
                "invoices",
                "delete",
                "/v2/invoicing/invoices/{id}"
            ),
            "delete"
        );
        assert_eq!(
            first(
                "get_files_id_thumbnail_id",
                "files",
                "get",
                "/files/{file_id}/thumbnail.{extension}"
            ),
            "get_thumbnail"
        );
        assert_eq!(
            first(
                "put_files_id_add_shared_link",
                "shared_links",
                "put",
                "/files/{file_id}#add_shared_link"
            ),
            "add"
        );
    }

    #[test]
    fn fallbacks_are_longer_names_never_the_resource() {
        let facts = NameFacts {
            operation_id: "createUserWithId",
            group: "user",
            method: "post",
            path: "/user/{id}",
            item: true,
            collection: false,
        };
        assert_eq!(
            candidates(&facts),
            ["create", "create_with_id", "create_user_with_id"]
        );
        let facts = NameFacts {
            operation_id: "health",
            group: "health",
            method: "get",
            path: "/health",
            item: false,
            collection: false,
        };
        assert_eq!(candidates(&facts), ["get"]);
    }
}
