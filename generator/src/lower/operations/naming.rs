//! Method names of operations.

use crate::lower::names::{camel, snake};

/// `consumersAll` in group `Consumers` → `list`; see the README for the convention.
pub fn conventional_name(operation_id: &str, group: &str) -> String {
    let id = camel(operation_id);
    let group = camel(group);
    let rest = id
        .strip_prefix(&group)
        .filter(|r| !r.is_empty())
        .unwrap_or(&id);
    let mapped = match rest {
        "All" => "list",
        "One" => "get",
        "Add" => "create",
        "Update" => "update",
        "Delete" => "delete",
        other => return snake(other),
    };
    mapped.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conventional_names_follow_the_operation_id() {
        assert_eq!(conventional_name("connectionsAll", "Connections"), "list");
        assert_eq!(conventional_name("connectionsOne", "Connections"), "get");
        assert_eq!(conventional_name("consumersAdd", "Consumers"), "create");
        assert_eq!(
            conventional_name("connectionsImport", "Connections"),
            "import"
        );
        assert_eq!(conventional_name("getPetById", "pets"), "get_pet_by_id");
    }
}
