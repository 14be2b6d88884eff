//! The generated client, used from this crate's tests through its mock.

#![cfg(feature = "mock")]

use todo_client::mock::Mock;
use todo_client::models::{NewTodo, Todo};

#[tokio::test]
async fn a_new_todo_is_sent_and_the_answer_typed() {
    let mock = Mock::new();
    let created: Todo = serde_json::from_value(serde_json::json!({
        "id": 1, "title": "water the plants", "done": false
    }))
    .unwrap();
    let create = mock.todos().create().returns(created);
    let todo = mock
        .client()
        .todos()
        .create(NewTodo::new("water the plants"))
        .send()
        .await
        .unwrap();
    assert_eq!((todo.id, todo.done), (1, false));
    let sent: serde_json::Value = create.calls()[0].json().unwrap();
    assert_eq!(sent, serde_json::json!({"title": "water the plants"}));
    mock.verify();
}
