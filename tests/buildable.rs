//! Values a caller builds by hand, through the crate generated from
//! `tests/fixtures/buildable.yml`: objects from maps and JSON, unions from
//! their variants' natural types, enums only from known text or on purpose,
//! and the short read of an optional nullable field.

use std::collections::BTreeMap;

use fixture_buildable::models::{
    Counters, Delivery, File, Labels, Message, MessageOutcome, MessageRecipients, Part, Record,
    Region,
};
use fixture_buildable::{Nullable, NullableField};
use serde_json::json;

mod objects {
    use super::*;

    #[test]
    fn a_bare_object_schema_is_any_json_value_built_from_json_or_a_map() {
        // `{type: object}` alone promises nothing about its keys, so it is a
        // `serde_json::Value`: built with `json!`, or from a map.
        let map = BTreeMap::from([
            ("title".to_owned(), json!("Notes")),
            ("pages".to_owned(), json!(3)),
        ]);
        let record: Record = map.clone().into_iter().collect();
        assert_eq!(record, json!({"title": "Notes", "pages": 3}));
        let message = Message::new("a@example.com", "b@example.com").with_record(record);
        assert_eq!(
            serde_json::to_value(&message).unwrap()["record"],
            json!({"title": "Notes", "pages": 3})
        );
    }

    #[test]
    fn a_bare_object_schema_decodes_whatever_the_server_sends() {
        // Documents put strings and lists where they wrote `type: object`.
        for value in [json!("text"), json!([1, 2]), json!(4), json!({"k": "v"})] {
            let message: Message = serde_json::from_value(
                json!({"sender": "a@example.com", "recipients": "b@example.com", "record": value}),
            )
            .unwrap();
            assert_eq!(message.record, Some(value));
        }
    }

    #[test]
    fn an_open_object_reads_known_properties_into_their_fields() {
        let labels = Labels::try_from(json!({"colour": "teal", "team": "core"})).unwrap();
        assert_eq!(labels.colour.as_deref(), Some("teal"));
        assert_eq!(
            labels.additional_properties,
            BTreeMap::from([("team".to_owned(), json!("core"))])
        );
        // serde_json's message, as when a response does not decode.
        let error = Labels::try_from(json!({"colour": 7})).expect_err("colour is text");
        assert!(
            error.is_data() && error.to_string().contains("expected a string"),
            "{error}"
        );
        // From a map, as before: every key is kept in the map of other properties.
        let from_map = Labels::from(BTreeMap::from([("team".to_owned(), json!("core"))]));
        assert_eq!(from_map.colour, None);
        assert_eq!(
            serde_json::to_value(&from_map).unwrap(),
            json!({"team": "core"})
        );
    }

    #[test]
    fn an_open_object_with_a_required_property_builds_from_json_only_when_it_is_there() {
        let counters = Counters::try_from(json!({"total": 3, "retries": 1})).unwrap();
        assert_eq!(counters.total, 3);
        assert_eq!(
            counters.additional_properties,
            BTreeMap::from([("retries".to_owned(), 1)])
        );
        let missing = Counters::try_from(json!({"retries": 1})).expect_err("total is required");
        assert!(missing.to_string().contains("total"), "{missing}");
        let wrong = Counters::try_from(json!({"total": 3, "retries": "one"}))
            .expect_err("other values are integers");
        assert!(wrong.to_string().contains("expected i64"), "{wrong}");
    }
}

mod unions {
    use super::*;

    #[test]
    fn a_text_or_list_union_builds_from_text_and_from_a_vec() {
        assert_eq!(
            MessageRecipients::from("a@example.com"),
            MessageRecipients::String("a@example.com".to_owned())
        );
        assert_eq!(
            MessageRecipients::from("a@example.com".to_owned()),
            MessageRecipients::String("a@example.com".to_owned())
        );
        let both = vec!["a@example.com".to_owned(), "b@example.com".to_owned()];
        assert_eq!(
            MessageRecipients::from(vec!["a@example.com", "b@example.com"]),
            MessageRecipients::List(both.clone())
        );
        assert_eq!(
            MessageRecipients::from(both.clone()),
            MessageRecipients::List(both)
        );
    }

    #[test]
    fn constructors_and_setters_take_what_converts_into_the_union() {
        let message = Message::new("me@example.com", "a@example.com")
            .with_cover("https://example.com/cover.pdf")
            .with_parts(vec![
                Part::from(File::new("aGVsbG8=")),
                Part::from("https://example.com/a.pdf"),
            ]);
        assert_eq!(
            serde_json::to_value(&message).unwrap(),
            json!({
                "sender": "me@example.com",
                "recipients": "a@example.com",
                "parts": [{"content": "aGVsbG8="}, "https://example.com/a.pdf"],
                "cover": "https://example.com/cover.pdf",
            })
        );
        let several = Message::new("me@example.com", vec!["a@example.com", "b@example.com"]);
        assert_eq!(
            serde_json::to_value(&several).unwrap()["recipients"],
            json!(["a@example.com", "b@example.com"])
        );
    }
}

mod enums {
    use super::*;
    use wiremock::matchers::{method, path, query_param};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    #[test]
    fn text_converts_only_when_it_is_a_known_value() {
        assert_eq!(
            "guaranteed".parse::<Delivery>().unwrap(),
            Delivery::Guaranteed
        );
        assert_eq!(
            Delivery::try_from("best-effort").unwrap(),
            Delivery::BestEffort
        );
        let typo = "guarantee"
            .parse::<Delivery>()
            .expect_err("a typo is not a value");
        assert_eq!(typo.value(), "guarantee");
        let message = typo.to_string();
        assert!(
            message.contains("`guarantee`") && message.contains("Delivery::other"),
            "{message}"
        );
        assert!(
            Region::try_from("North").is_err(),
            "values are case-sensitive"
        );
        // Variants named `Err` and `Error` beside the impls' associated types.
        assert_eq!("error".parse(), Ok(MessageOutcome::Error));
        assert_eq!(MessageOutcome::try_from("err"), Ok(MessageOutcome::Err));
    }

    #[test]
    fn other_sends_a_value_the_sdk_does_not_list() {
        let express = Delivery::other("express");
        assert!(matches!(&express, Delivery::Unknown(value) if value.as_str() == "express"));
        let message = Message::new("me@example.com", "a@example.com").with_delivery(express);
        assert_eq!(
            serde_json::to_value(&message).unwrap()["delivery"],
            json!("express")
        );
        // A listed value given to `other` is still its variant, so matches stay correct.
        assert_eq!(Delivery::other("guaranteed"), Delivery::Guaranteed);
    }

    #[tokio::test]
    async fn an_enum_query_parameter_sends_the_variant_or_the_other_value() {
        let server = MockServer::start().await;
        for region in ["south", "east"] {
            Mock::given(method("POST"))
                .and(path("/messages"))
                .and(query_param("region", region))
                .respond_with(
                    ResponseTemplate::new(200)
                        .set_body_json(json!({"sender": "me", "recipients": "you"})),
                )
                .expect(1)
                .mount(&server)
                .await;
        }
        let client = fixture_buildable::Buildable::builder()
            .server_url(server.uri())
            .build()
            .unwrap();
        for region in [Region::South, Region::other("east")] {
            client
                .messages()
                .send(Message::new("me", "you"))
                .region(region)
                .send()
                .await
                .unwrap();
        }
    }
}

mod nullable {
    use super::*;

    #[test]
    fn an_optional_nullable_field_reads_in_one_call() {
        let named: File =
            serde_json::from_value(json!({"content": "x", "filename": "a.txt"})).unwrap();
        assert_eq!(named.filename.value().map(String::as_str), Some("a.txt"));
        assert!(!named.filename.is_null());
        let cleared: File =
            serde_json::from_value(json!({"content": "x", "filename": null})).unwrap();
        assert_eq!(cleared.filename, Some(Nullable::Null));
        assert_eq!(
            (cleared.filename.value(), cleared.filename.is_null()),
            (None, true)
        );
        let absent: File = serde_json::from_value(json!({"content": "x"})).unwrap();
        assert_eq!(
            (absent.filename.value(), absent.filename.is_null()),
            (None, false)
        );
        assert_eq!(named.filename.into_value().as_deref(), Some("a.txt"));
        let message = Message::new("me", "you").with_subject("hi");
        let subject: Option<&String> = message.subject.value();
        assert_eq!(subject.map(String::as_str), Some("hi"));
    }
}

#[test]
fn the_fixture_still_round_trips() {
    let json = json!({
        "sender": "me", "recipients": ["a", "b"], "reply_to": "c",
        "labels": {"colour": "red", "x": 1}, "record": {}, "subject": null, "later": true,
    });
    let message: Message = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(serde_json::to_value(&message).unwrap(), json);
}
