//! Best-effort mapping from a JSON pointer to a line in a block-style YAML source.
//!
//! serde_yaml's tree does not keep positions, so diagnostics about a valid-YAML
//! but invalid-OpenAPI document find the line by walking the text: each pointer
//! token is looked up as a key (or list item) inside the block of the previous one.

/// The 1-based line and column of the node `pointer` names, if it can be found.
pub fn locate(source: &str, pointer: &str) -> Option<(usize, usize)> {
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
        assert_eq!(locate("{\"a\": 1}", "/a"), None);
    }
}
