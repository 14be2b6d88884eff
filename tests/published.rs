//! Documents as their vendors publish them: JSON with surrogate-pair escapes,
//! a description in a Markdown file, 3.1 boolean schemas, and integer enums
//! (plain, named by extensions, and 3.1 `oneOf` of `const` with titles),
//! through the `published` fixture crate.

use fixture_published::models::{Level, Priority, Shape, Status, Task, TaskReaction};
use fixture_published::TaskBoard;
use serde_json::json;
use wiremock::matchers::{body_json, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[test]
fn integer_enums_travel_as_integers_and_keep_unknown_values() {
    let task: Task = serde_json::from_value(json!({
        "title": "Water the plants",
        "priority": 2,
        "level": 10,
        "status": 7,
        "shape": "ci",
        "reaction": "\u{1f44d}"
    }))
    .unwrap();
    assert_eq!(task.priority, Some(Priority::Value2));
    assert_eq!(task.level, Some(Level::Loud));
    assert_eq!(task.shape, Some(Shape::Circle));
    assert_eq!(task.reaction, Some(TaskReaction::U1f44d));
    // A status this SDK does not list is kept as the number it was.
    let Some(Status::Unknown(unknown)) = task.status else {
        panic!("7 is not a known status: {:?}", task.status);
    };
    assert_eq!(unknown.value(), 7);
    let back = serde_json::to_value(&task).unwrap();
    assert_eq!(back["status"], json!(7));
    assert_eq!(back["level"], json!(10));
    assert_eq!(back["priority"], json!(2));
}

#[test]
fn integer_enums_convert_only_from_known_values() {
    assert_eq!(Status::try_from(1), Ok(Status::InProgress));
    assert_eq!(Status::try_from(9).unwrap_err().value(), 9);
    assert_eq!(i64::from(Level::Quiet), 0);
    assert_eq!(Status::Done.to_string(), "2");
    // A string where an integer belongs is a decode error, not a guess.
    assert!(serde_json::from_value::<Priority>(json!("2")).is_err());
}

#[test]
fn boolean_schemas_admit_anything_or_nothing() {
    let task: Task = serde_json::from_value(json!({
        "title": "t",
        "notes": {"any": ["thing"]},
        "labels": [1, "two", null]
    }))
    .unwrap();
    assert_eq!(task.notes, Some(json!({"any": ["thing"]})));
    assert_eq!(task.labels.as_ref().map(Vec::len), Some(3));
}

#[test]
fn the_markdown_description_documents_the_crate() {
    let readme = include_str!("../generated/fixtures/published/README.md");
    assert!(
        readme.contains("this overview lives in its own Markdown file"),
        "{readme}"
    );
}

#[tokio::test]
async fn integer_enum_parameters_and_bodies_go_out_as_numbers() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/tasks"))
        .and(query_param("priority", "1"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!([{"title": "\u{1f331}", "status": 0, "level": 0}])),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/tasks"))
        .and(body_json(json!({"title": "new", "status": 1, "level": 10})))
        .respond_with(
            ResponseTemplate::new(201).set_body_json(json!({"title": "new", "status": 1})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = TaskBoard::builder()
        .server_url(server.uri())
        .build()
        .unwrap();
    let tasks = client
        .tasks()
        .list()
        .priority(Priority::Value1)
        .send()
        .await
        .unwrap();
    assert_eq!(tasks[0].status, Some(Status::Open));
    assert_eq!(tasks[0].title, "\u{1f331}");
    let created = client
        .tasks()
        .create(
            Task::new("new")
                .with_status(Status::InProgress)
                .with_level(Level::Loud),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(created.status, Some(Status::InProgress));
}
