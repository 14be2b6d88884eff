//! Best-effort mapping from a JSON pointer to a line in a block-style YAML source.
//!
//! serde_yaml's tree does not keep positions, so diagnostics about a valid-YAML
//! but invalid-OpenAPI document find the line by walking the text: each pointer
//! token is looked up as a key (or list item) inside the block of the previous one.

/// The 1-based line and column of the node `pointer` names, if it can be found.
pub fn locate(source: &str, pointer: &str) -> Option<(usize, usize)> {
    if super::syntax::looks_like_json(source) {
        return locate_json(source, pointer);
    }
    let lines: Vec<&str> = source.lines().collect();
    let mut block_start = 0;
    let mut parent_indent: Option<usize> = None;
    let mut found = None;
    for token in pointer.split('/').skip(1) {
        let key = crate::diagnostics::unescape_token(token);
        // Past what block-style YAML shows (flow mappings, JSON), the deepest
        // node found is the best place to point at.
        let Some((line, indent, item)) = find_in_block(&lines, block_start, parent_indent, &key)
        else {
            return found;
        };
        found = Some((line + 1, indent + 1));
        // A list item's first key shares the item's line, so search from there.
        block_start = if item { line } else { line + 1 };
        parent_indent = Some(indent);
    }
    found
}

/// Searches the block that starts at `start` and is indented deeper than `parent`;
/// returns the line, the column, and whether it matched a list item.
fn find_in_block(
    lines: &[&str],
    start: usize,
    parent: Option<usize>,
    key: &str,
) -> Option<(usize, usize, bool)> {
    let index: Option<usize> = key.parse().ok();
    let mut item = 0;
    let mut item_indent = None;
    for (number, line) in lines.iter().enumerate().skip(start) {
        let content = line.trim_start();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let indent = line.len() - content.len();
        if parent.is_some_and(|p| indent <= p) {
            // A list item may sit at its parent key's indentation.
            if !(content.starts_with("- ") && parent == Some(indent)) {
                return None;
            }
        }
        if let Some(index) = index {
            let is_item = content.starts_with("- ") || content == "-";
            if is_item && *item_indent.get_or_insert(indent) == indent {
                if item == index {
                    return Some((number, indent, true));
                }
                item += 1;
                continue;
            }
        }
        let bare = content.trim_start_matches("- ");
        let key_indent = indent + (content.len() - bare.len());
        for quoted in [key.to_owned(), format!("'{key}'"), format!("\"{key}\"")] {
            if bare
                .strip_prefix(quoted.as_str())
                .is_some_and(|rest| rest.starts_with(':'))
            {
                return Some((number, key_indent, false));
            }
        }
    }
    None
}

/// The same for a JSON source, through a syntax tree with byte ranges: the
/// property's key for an object member (as block YAML points at the key),
/// the element itself in an array, else the deepest node found.
fn locate_json(source: &str, pointer: &str) -> Option<(usize, usize)> {
    use jsonc_parser::ast::Value;
    use jsonc_parser::common::Ranged;
    let parsed =
        jsonc_parser::parse_to_ast(source, &Default::default(), &Default::default()).ok()?;
    let mut node = parsed.value?;
    let mut found = None;
    for token in pointer.split('/').skip(1) {
        let key = crate::diagnostics::unescape_token(token);
        let next = match node {
            Value::Object(object) => object
                .properties
                .into_iter()
                .find(|p| p.name.as_str() == key)
                .map(|property| (property.range.start, property.value)),
            Value::Array(array) => key
                .parse()
                .ok()
                .and_then(|index| array.elements.into_iter().nth(index))
                .map(|child| (child.start(), child)),
            _ => None,
        };
        let Some((start, child)) = next else { break };
        found = Some(line_and_column(source, start));
        node = child;
    }
    found
}

/// The 1-based line and column (in characters) of a byte offset.
fn line_and_column(source: &str, offset: usize) -> (usize, usize) {
    let before = &source[..offset.min(source.len())];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

#[cfg(test)]
mod tests {
    use super::locate;

    const SOURCE: &str = "\
openapi: 3.0.3
paths:
  /a:
    get:
      parameters:
        - name: x
          in: query
        - name: y
          in: bogus
  '/b':
    get: {}
";

    #[test]
    fn finds_nested_keys_and_list_items() {
        assert_eq!(locate(SOURCE, "/paths/~1a/get"), Some((4, 5)));
        assert_eq!(
            locate(SOURCE, "/paths/~1a/get/parameters/1/in"),
            Some((9, 11))
        );
        assert_eq!(locate(SOURCE, "/paths/~1b/get"), Some((11, 5)));
    }

    #[test]
    fn unknown_pointers_give_the_deepest_known_node() {
        assert_eq!(locate(SOURCE, "/paths/~1c"), Some((2, 1)));
        assert_eq!(locate(SOURCE, "/nothing"), None);
    }

    #[test]
    fn json_sources_are_located_by_their_syntax_tree() {
        let json = "{\n  \"paths\": {\n    \"/a~b\": {\"get\": {\"tags\": [\"x\", \"\\ud83d\\udc4d\", 3]}}\n  }\n}";
        assert_eq!(locate(json, "/paths"), Some((2, 3)));
        assert_eq!(locate(json, "/paths/~1a~0b/get"), Some((3, 14)));
        assert_eq!(locate(json, "/paths/~1a~0b/get/tags/2"), Some((3, 52)));
        // Past the tree: the deepest node found.
        assert_eq!(locate(json, "/paths/~1a~0b/put"), Some((3, 5)));
        assert_eq!(locate(json, "/nothing"), None);
    }
}
