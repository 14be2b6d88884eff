//! Behaviour of the constructs the fixture documents exercise, through the
//! crates generated from them (`generated/fixtures/*`).

use serde::{de::DeserializeOwned, Serialize};
use serde_json::{json, Value};

/// Decodes `json` as `T` and encodes it again; the result must be `json`.
fn round_trip<T: DeserializeOwned + Serialize>(json: Value) -> T {
    let typed: T = serde_json::from_value(json.clone()).unwrap_or_else(|e| panic!("{json}: {e}"));
    assert_eq!(serde_json::to_value(&typed).unwrap(), json);
    typed
}

mod nullable {
    use super::*;
    use fixture_nullable::models::{Profile, ProfileStatus};

    #[test]
    fn absent_null_and_value_stay_apart() {
        let absent: Profile = round_trip(json!({"name": "Ann", "nickname": null}));
        assert_eq!(
            (absent.bio, absent.status, absent.manager),
            (None, None, None)
        );
        let null: Profile = round_trip(
            json!({"name": "Ann", "nickname": "A", "bio": null, "status": null, "manager": null}),
        );
        assert_eq!(null.bio, Some(fixture_nullable::Nullable::Null));
        assert_eq!(null.status, Some(fixture_nullable::Nullable::Null));
        assert!(null.manager.as_ref().is_some_and(|m| m.is_null()));
        let no_deputy: Profile =
            round_trip(json!({"name": "Ann", "nickname": null, "deputy": null}));
        assert!(no_deputy.deputy.as_ref().is_some_and(|d| d.is_null()));
        let set: Profile =
            round_trip(json!({"name": "Ann", "nickname": null, "bio": "hi", "status": "away"}));
        assert_eq!(
            set.bio.as_ref().and_then(|b| b.value()).map(String::as_str),
            Some("hi")
        );
        assert_eq!(set.status, Some(ProfileStatus::Away.into()));
    }

    #[test]
    fn required_nullable_is_always_written() {
        let profile = Profile::new("Ann".to_owned(), None);
        assert_eq!(
            serde_json::to_value(&profile).unwrap(),
            json!({"name": "Ann", "nickname": null})
        );
    }
}

mod discriminator {
    use super::*;
    use fixture_discriminator::models::{Pet, Shape};

    #[test]
    fn the_tag_picks_the_variant_and_stays_in_the_json() {
        let circle: Shape = round_trip(json!({"kind": "circle", "radius": 1.5}));
        assert!(matches!(&circle, Shape::Circle(c) if c.radius == 1.5));
        let square: Shape = round_trip(json!({"kind": "square", "side": 3}));
        assert!(matches!(&square, Shape::Square(s) if s.side == 3));
    }

    #[test]
    fn without_a_mapping_the_schema_name_is_the_tag() {
        let cat: Pet = round_trip(json!({"pet_type": "Cat", "indoor": true}));
        assert!(matches!(cat, Pet::Cat(_)));
    }

    #[test]
    fn unknown_or_missing_tags_are_kept_whole() {
        let triangle: Shape = round_trip(json!({"kind": "triangle", "corners": 3}));
        assert!(matches!(triangle, Shape::Unknown(_)));
        let untagged: Shape = round_trip(json!({"radius": 2}));
        assert!(matches!(untagged, Shape::Unknown(_)));
    }

    #[test]
    fn a_known_tag_with_a_bad_body_is_an_error() {
        let error = serde_json::from_value::<Shape>(json!({"kind": "circle"})).unwrap_err();
        assert!(error.to_string().contains("radius"), "{error}");
    }
}

mod scalar_union {
    use super::*;
    use fixture_scalar_union::models::{Setting, SettingDetail, SettingValue, SettingValues};

    #[test]
    fn a_value_that_fits_no_variant_says_why_each_did_not() {
        let error = serde_json::from_value::<SettingValues>(json!(["a", 7])).unwrap_err();
        let text = error.to_string();
        assert!(
            text.contains("fits no variant of `SettingValues`"),
            "{text}"
        );
        assert!(text.contains("as String: invalid type: sequence"), "{text}");
        assert!(
            text.contains("as List at `[1]`: invalid type: integer `7`"),
            "{text}"
        );
    }

    #[test]
    fn properties_beside_a_scalar_one_of_describe_its_object_member() {
        use fixture_scalar_union::models::SettingEnvelope;
        let flag: Setting = round_trip(json!({"envelope": false}));
        assert!(matches!(
            flag.envelope,
            Some(SettingEnvelope::Boolean(false))
        ));
        let object: Setting = round_trip(json!({"envelope": {"id": "env_1"}}));
        let Some(SettingEnvelope::Object(envelope)) = object.envelope else {
            panic!("an object: {:?}", object.envelope);
        };
        assert_eq!(envelope.id.as_deref(), Some("env_1"));
    }

    #[test]
    fn integers_stay_integers_and_floats_floats() {
        let ten: Setting = round_trip(json!({"value": 10}));
        assert_eq!(ten.value, Some(SettingValue::Integer(10)));
        let float: Setting = round_trip(json!({"value": 10.5}));
        assert!(matches!(float.value, Some(SettingValue::Number(n)) if n == 10.5));
        let text: Setting = round_trip(json!({"value": "10"}));
        assert_eq!(text.value, Some(SettingValue::String("10".to_owned())));
        let flag: Setting = round_trip(json!({"value": false}));
        assert_eq!(flag.value, Some(SettingValue::Boolean(false)));
    }

    #[test]
    fn strings_lists_and_objects_are_told_apart() {
        let one: Setting = round_trip(json!({"values": "a", "detail": "why"}));
        assert_eq!(one.values, Some(SettingValues::String("a".to_owned())));
        assert_eq!(one.detail, Some(SettingDetail::String("why".to_owned())));
        let many: Setting = round_trip(json!({"values": ["a", "b"], "detail": {"code": 7}}));
        assert_eq!(
            many.values,
            Some(SettingValues::List(vec!["a".to_owned(), "b".to_owned()]))
        );
        assert!(matches!(many.detail, Some(SettingDetail::Object(_))));
    }
}

mod enums {
    use super::*;
    use fixture_enums::models::{Holder, Odd};

    #[test]
    fn odd_values_have_distinct_variants_and_round_trip() {
        let values = ["a-b", "A_B", "1st", "*", "self", "unknown", "plain"];
        let decoded: Vec<Odd> = values
            .iter()
            .map(|v| serde_json::from_value(json!(v)).unwrap())
            .collect();
        assert_eq!(
            decoded,
            vec![
                Odd::AB,
                Odd::AUnderscoreB,
                Odd::V1st,
                Odd::Star,
                Odd::SelfValue,
                Odd::Unknown,
                Odd::Plain
            ]
        );
        for (value, odd) in values.iter().zip(&decoded) {
            assert_eq!(odd.as_str(), *value);
            assert_eq!(serde_json::to_value(odd).unwrap(), json!(value));
        }
    }

    #[test]
    fn unknown_values_are_kept() {
        let holder: Holder = round_trip(json!({"odd": "brand-new", "level": "medium"}));
        // The document has a value `unknown`, so the catch-all is `UnknownValue`.
        let Some(Odd::UnknownValue(kept)) = &holder.odd else {
            panic!("{:?}", holder.odd);
        };
        assert_eq!(kept.as_str(), "brand-new");
        assert_eq!(
            Odd::other("unknown"),
            Odd::Unknown,
            "a known value stays known"
        );
        assert_eq!(Odd::other("plain"), Odd::Plain);
        assert_eq!("unknown".parse::<Odd>(), Ok(Odd::Unknown));
        assert_eq!(Odd::Plain.to_string(), "plain");
    }

    #[test]
    fn near_misses_of_known_values_are_unknown() {
        // `known` searches a sorted table: values beside, before and after
        // the known ones must not land on a neighbour.
        for text in [
            "",
            " ",
            "!",
            "plai",
            "plainx",
            "Plain",
            "a-",
            "a-b ",
            "zzz",
            "\u{10ffff}",
        ] {
            let odd = Odd::other(text);
            assert!(
                matches!(&odd, Odd::UnknownValue(kept) if kept.as_str() == text),
                "{text:?} became {odd:?}"
            );
            assert!(text.parse::<Odd>().is_err(), "{text:?} parsed");
        }
    }

    #[test]
    fn debug_prints_variant_names_like_a_derive() {
        assert_eq!(format!("{:?}", Odd::AB), "AB");
        assert_eq!(format!("{:?}", Odd::Unknown), "Unknown");
        assert_eq!(
            format!("{:?}", Odd::other("brand-new")),
            r#"UnknownValue(UnknownValue("brand-new"))"#
        );
        assert_eq!(
            format!("{:?}", Some(Odd::SelfValue)),
            "Some(SelfValue)",
            "the written-out impl composes like a derived one"
        );
    }
}

mod additional_properties {
    use super::*;
    use fixture_additional_properties::models::{Closed, Counts, FreeForm, Holder, Labels};

    #[test]
    fn maps_and_extra_fields_are_kept() {
        let counts: Counts = round_trip(json!({"a": 1, "b": 2}));
        assert_eq!(counts.get("b"), Some(&2));
        let labels: Labels = round_trip(json!({"name": "n", "color": "red"}));
        assert_eq!(
            labels
                .additional_properties
                .get("color")
                .map(String::as_str),
            Some("red")
        );
        // A bare `{type: object}` is any JSON value.
        let free: FreeForm = round_trip(json!({"anything": [1, {"x": null}]}));
        assert_eq!(free["anything"][1]["x"], json!(null));
        let _: FreeForm = round_trip(json!("not an object after all"));
        let holder: Holder =
            round_trip(json!({"metadata": {"k": true}, "counts": {"c": 3}, "anything": [null]}));
        assert_eq!(holder.anything, Some(json!([null])));
    }

    #[test]
    fn closed_objects_still_accept_what_a_newer_server_adds() {
        let closed: Closed = round_trip(json!({"id": "1", "added_later": 5}));
        assert!(closed.additional_properties.contains_key("added_later"));
    }
}

mod recursion {
    use super::*;
    use fixture_recursion::models::{Forest, Grove, Node, Ping, Tree};

    #[test]
    fn recursive_types_decode_to_any_depth() {
        let node: Node = round_trip(json!({
            "name": "leaf",
            "parent": {"name": "mid", "parent": {"name": "root"}},
            "children": [{"name": "c1", "children": []}]
        }));
        let grandparent = node
            .parent
            .as_ref()
            .and_then(|p| p.parent.as_ref())
            .unwrap();
        assert_eq!(grandparent.name, "root");
        let ping: Ping = round_trip(json!({"pong": {"ping": {"pong": {}}}}));
        assert!(ping.pong.is_some());
    }

    #[test]
    fn lists_and_maps_that_contain_themselves_are_types() {
        let tree: Tree = round_trip(json!([[], [[]], [[[]]]]));
        assert_eq!(tree.0.len(), 3);
        assert_eq!(tree.0[2].0[0].0.len(), 1);
        let forest: Forest = round_trip(json!({"north": [{"east": []}], "south": []}));
        let grove: &Grove = &forest.0["north"];
        assert!(grove.0[0].0.contains_key("east"));
        assert_eq!(Tree::from(vec![Tree::default()]).0.len(), 1);
    }
}

mod read_only {
    use super::*;
    use fixture_read_only::models::{Pet, PetInput, TagInput};
    use wiremock::matchers::{body_json, method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    #[tokio::test]
    async fn request_bodies_leave_read_only_fields_out() {
        let server = MockServer::start().await;
        let response = json!({"id": "p1", "name": "Rex", "tags": [{"label": "good", "created_at": "2024-01-01T00:00:00Z"}]});
        Mock::given(method("POST"))
            .and(path("/pets"))
            .and(body_json(
                json!({"name": "Rex", "tags": [{"label": "good"}]}),
            ))
            .respond_with(ResponseTemplate::new(201).set_body_json(&response))
            .expect(1)
            .mount(&server)
            .await;
        let client = fixture_read_only::ReadOnly::builder()
            .server_url(server.uri())
            .build()
            .unwrap();
        let input = PetInput::new("Rex").with_tags(vec![TagInput::default().with_label("good")]);
        let created: Pet = client.pets().create(input).send().await.unwrap();
        assert_eq!(created.id, "p1", "responses keep the read-only fields");
        assert_eq!(serde_json::to_value(&created).unwrap(), response);
    }
}

mod naming {
    use super::*;
    use fixture_naming::models::{
        ApiResponse, Error, Item, ItemOwner, ItemOwnerObject, OptionModel, Request, SerializeModel,
        StringModel,
    };
    use wiremock::matchers::{header, method, path, query_param};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    #[test]
    fn keywords_and_colliding_names_keep_their_wire_names() {
        let item: Item = round_trip(json!({
            "type": "t", "self": "s", "fooBar": "camel", "foo_bar": "snake", "1st": true, "owner": {"name": "o"}
        }));
        assert_eq!(item.type_.as_deref(), Some("t"));
        assert_eq!(item.self_.as_deref(), Some("s"));
        assert_eq!(
            (item.foo_bar.as_deref(), item.foo_underscore_bar.as_deref()),
            (Some("camel"), Some("snake"))
        );
        assert_eq!(item._1st, Some(true));
        let _: Option<ItemOwnerObject> = item.owner;
        let _ = (
            ItemOwner::default(),
            StringModel::default(),
            Error::default(),
            ApiResponse::default(),
            Request::default(),
            SerializeModel::default(),
            OptionModel::default(),
        );
    }

    #[tokio::test]
    async fn parameters_named_like_builder_internals_still_work() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/items/widget"))
            .and(query_param("client", "web"))
            .and(query_param("send", "true"))
            .and(header("x-trace-id", "t-1"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"type": "widget"})))
            .expect(1)
            .mount(&server)
            .await;
        let client = fixture_naming::Naming::builder()
            .server_url(server.uri())
            .build()
            .unwrap();
        let item = client
            .items()
            .get("widget")
            .client_query("web")
            .send_query(true)
            .x_trace_id("t-1")
            .send()
            .await
            .unwrap();
        assert_eq!(item.type_.as_deref(), Some("widget"));
    }
}

mod nested_inline {
    use super::*;
    use fixture_nested_inline::models::{Order, OrderShippingSpeed};

    #[test]
    fn inline_types_nest() {
        let order: Order = round_trip(json!({
            "id": "o1",
            "shipping": {"address": {"city": "Ghent"}, "speed": "express"},
            "lines": [{"sku": "s", "quantity": 2}]
        }));
        assert_eq!(order.shipping.speed, Some(OrderShippingSpeed::Express));
        assert_eq!(order.lines.unwrap()[0].quantity, Some(2));
    }
}

mod edge_cases {
    use fixture_edge_cases::models::{Request, RequestLevel, Shape};
    use fixture_edge_cases::{EdgeCases, Error, RetryConfig};
    use serde_json::json;
    use wiremock::matchers::{header, method, path, query_param};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    fn client(server: &MockServer) -> EdgeCases {
        EdgeCases::builder()
            .key("k1")
            .x_other_key("k2")
            .server_url(server.uri())
            .retry(RetryConfig::none())
            .build()
            .unwrap()
    }

    #[test]
    fn server_variables_take_their_defaults() {
        assert_eq!(
            fixture_edge_cases::DEFAULT_SERVER_URL,
            "https://eu.api.example.com/v1"
        );
    }

    #[test]
    fn non_ascii_and_reserved_names_still_map_to_the_wire() {
        let value: Request =
            super::round_trip(json!({"x²": "a", "self": "b", "Self": "c", "level": "①"}));
        assert_eq!(
            (
                value.x.as_deref(),
                value.self_.as_deref(),
                value.upper_self.as_deref()
            ),
            (Some("a"), Some("b"), Some("c"))
        );
        assert_eq!(value.level, Some(RequestLevel::U2460));
        let shape: Shape = super::round_trip(json!({"kind": "round"}));
        assert!(matches!(shape, Shape::Round(_)));
    }

    #[tokio::test]
    async fn overridden_path_parameters_cookies_and_optional_bodies() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/things/t1"))
            .and(query_param("q", "7"))
            .and(header("cookie", "session=abc%3B1"))
            .and(header("x-key", "k1"))
            .and(header("x-other-key", "k2"))
            .respond_with(ResponseTemplate::new(204))
            .expect(1)
            .mount(&server)
            .await;
        let nothing = client(&server)
            .builder_resource()
            .things_one("t1")
            .q(7)
            .session("abc;1")
            .send()
            .await
            .unwrap();
        assert_eq!(nothing, None, "a documented 204 without a body is `None`");
    }

    #[tokio::test]
    async fn non_json_success_bodies_come_back_as_bytes() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/things/t1/text"))
            .respond_with(ResponseTemplate::new(200).set_body_string("plain words"))
            .mount(&server)
            .await;
        let bytes = client(&server)
            .builder_resource()
            .things_text("t1")
            .send()
            .await
            .unwrap();
        assert_eq!(bytes, b"plain words");
    }

    #[tokio::test]
    async fn past_six_arguments_required_values_are_setters_that_must_be_set() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
            .mount(&server)
            .await;
        let vault = client(&server);
        let error = vault
            .search()
            .list("a", "b", "c", "d", "e", "f")
            .g("g")
            .send()
            .await
            .unwrap_err();
        assert!(
            matches!(&error, Error::InvalidRequest(e) if e.reason().contains("`h`")),
            "{error:?}"
        );
        assert!(server.received_requests().await.unwrap().is_empty());
        let shapes = vault
            .search()
            .list("a", "b", "c", "d", "e", "f")
            .g("g")
            .h("h")
            .send()
            .await
            .unwrap();
        assert!(shapes.is_empty());
    }
}

mod all_of {
    use fixture_all_of::models::{Dog, DogExtras, PetTag, PetsListResponse, Wrapper};
    use serde_json::json;

    #[test]
    fn members_merge_and_later_members_win() {
        let dog: Dog = super::round_trip(
            json!({"name": "Rex", "good": true, "tag": {"label": "l", "color": "red"}}),
        );
        assert!(dog.good && dog.name == "Rex");
        assert_eq!(
            dog.tag.unwrap().color.as_deref(),
            Some("red"),
            "allOf/1's `tag` replaced Pet's"
        );
        assert!(
            serde_json::from_value::<Dog>(json!({"name": "Rex"})).is_err(),
            "`good` is required by a member"
        );
    }

    #[test]
    fn pointer_refs_reuse_the_types_they_point_at() {
        let extras: DogExtras = super::round_trip(json!({"good": false}));
        let wrapper: Wrapper = super::round_trip(json!({"extras": {"good": true}, "nested": null}));
        assert_eq!(wrapper.nested, Some(fixture_all_of::Nullable::Null));
        assert!(!extras.good);
        let tag: PetTag = super::round_trip(json!({"label": "x"}));
        let pet: fixture_all_of::models::Pet =
            super::round_trip(json!({"name": "n", "tag": {"label": "x"}}));
        assert_eq!(pet.tag, Some(tag), "Pet.tag and PetTag are one type");
        let _: PetsListResponse =
            super::round_trip(json!({"items": [{"name": "a", "good": true}]}));
    }

    #[test]
    fn properties_beside_an_all_of_join_its_members() {
        let listing: fixture_all_of::models::Listing =
            super::round_trip(json!({"name": "Rex", "price": 30}));
        assert_eq!((listing.name.as_str(), listing.price), ("Rex", 30));
        assert!(
            serde_json::from_value::<fixture_all_of::models::Listing>(json!({"price": 1})).is_err(),
            "`name` is required by the member"
        );
    }

    #[test]
    fn an_all_of_of_strings_is_a_string() {
        let wrapper: Wrapper = super::round_trip(json!({"pet_id": "pet_1", "kind": "dog"}));
        assert_eq!(wrapper.pet_id.as_deref(), Some("pet_1"));
        assert_eq!(wrapper.kind, Some(fixture_all_of::models::Kind::Dog));
    }
}

mod bodies {
    use fixture_bodies::models::{Filter, SessionLoginBody};
    use fixture_bodies::runtime::Multipart;
    use fixture_bodies::{Bodies, Error};
    use serde_json::json;
    use wiremock::matchers::{body_string, header, method, path, query_param};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    fn client(server: &MockServer) -> Bodies {
        Bodies::builder()
            .server_url(server.uri())
            .retry(fixture_bodies::RetryConfig::none())
            .build()
            .unwrap()
    }

    #[tokio::test]
    async fn raw_text_and_form_bodies_go_out_as_given() {
        let server = MockServer::start().await;
        Mock::given(method("PUT"))
            .and(header("content-type", "application/octet-stream"))
            .and(body_string("\u{1}\u{2}"))
            .respond_with(ResponseTemplate::new(204))
            .expect(1)
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path("/notes"))
            .and(header("content-type", "text/plain"))
            .and(body_string("hello"))
            .respond_with(ResponseTemplate::new(200).set_body_string("hello back"))
            .expect(1)
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path("/login"))
            .and(header("content-type", "application/x-www-form-urlencoded"))
            .and(body_string("remember=true&user=ann+lee"))
            .respond_with(ResponseTemplate::new(204))
            .expect(1)
            .mount(&server)
            .await;
        let client = client(&server);
        client.blobs().upload(vec![1, 2]).send().await.unwrap();
        assert_eq!(
            client.notes().create("hello").send().await.unwrap(),
            b"hello back"
        );
        let login = SessionLoginBody::new("ann lee").with_remember(true);
        client.session().login(login).send().await.unwrap();
    }

    #[tokio::test]
    async fn multipart_uploads_carry_fields_and_files() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/files"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "f1"})))
            .expect(1)
            .mount(&server)
            .await;
        let form =
            Multipart::new()
                .text("description", "scan")
                .file("file", "scan.pdf", b"%PDF".to_vec());
        let blob = client(&server).files().upload(form).send().await.unwrap();
        assert_eq!(blob.id.as_deref(), Some("f1"));
        let request = &server.received_requests().await.unwrap()[0];
        let content_type = request.headers["content-type"].to_str().unwrap();
        let boundary = content_type
            .strip_prefix("multipart/form-data; boundary=")
            .expect(content_type);
        let body = String::from_utf8(request.body.clone()).unwrap();
        assert!(body.starts_with(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\nscan\r\n"
        )));
        assert!(body.contains("name=\"file\"; filename=\"scan.pdf\"\r\nContent-Type: application/octet-stream\r\n\r\n%PDF\r\n"));
        assert!(body.ends_with(&format!("--{boundary}--\r\n")));
    }

    #[tokio::test]
    async fn json_valued_parameters_and_default_errors() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/search"))
            .and(header("x-filter", r#"{"name":"a"}"#))
            .and(query_param("where", r#"{"size":3}"#))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
            .expect(1)
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path("/blobs"))
            .respond_with(ResponseTemplate::new(418).set_body_json(json!({"title": "teapot"})))
            .mount(&server)
            .await;
        let client = client(&server);
        let name = Filter::default().with_name("a");
        let size = Filter::default().with_size(3);
        assert!(client
            .search()
            .list()
            .x_filter(name)
            .where_(size)
            .send()
            .await
            .unwrap()
            .is_empty());
        match client.blobs().create().body(vec![0]).send().await {
            Err(Error::Unexpected(error)) => {
                assert_eq!(error.model().unwrap().title.as_deref(), Some("teapot"))
            }
            other => panic!("the `default` response decodes into Unexpected: {other:?}"),
        }
    }
}

mod query_styles {
    use fixture_query_styles::models::{ItemsListFilter, ItemsListFilterCreated};
    use fixture_query_styles::{DateTime, QueryStyles};
    use wiremock::matchers::method;
    use wiremock::{Mock, MockServer, ResponseTemplate};

    #[tokio::test]
    async fn every_style_encodes_as_openapi_says() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(204))
            .expect(1)
            .mount(&server)
            .await;
        let client = QueryStyles::builder()
            .server_url(server.uri())
            .build()
            .unwrap();
        let filter = ItemsListFilter::default().with_owner("me").with_created(
            ItemsListFilterCreated::default()
                .with_after(DateTime::parse("2024-01-02T03:04:05Z").unwrap()),
        );
        client
            .items()
            .list()
            .ids(vec![1, 2])
            .tags(vec!["a".to_owned(), "b".to_owned()])
            .words(vec!["x".to_owned(), "y".to_owned()])
            .codes(vec!["p".to_owned(), "q".to_owned()])
            .filter(filter)
            .send()
            .await
            .unwrap();
        let request = &server.received_requests().await.unwrap()[0];
        let pairs: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
        let expected = [
            ("ids", "1"),
            ("ids", "2"),
            ("tags", "a,b"),
            ("words", "x y"),
            ("codes", "p|q"),
            ("filter[created][after]", "2024-01-02T03:04:05Z"),
            ("filter[owner]", "me"),
        ];
        assert_eq!(pairs, expected.map(|(k, v)| (k.to_owned(), v.to_owned())));
    }
}

/// OpenAPI 3.1 forms, read through their 3.0 equivalents.
mod openapi31 {
    use super::*;
    use fixture_openapi31::models::{Author, Book, BookIdentifier, BookKind, BookShelf};
    use fixture_openapi31::Nullable;
    use wiremock::matchers::{method, path, query_param};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    fn book(extra: Value) -> Value {
        let mut book = json!({"id": "bk_1", "kind": "book", "title": "Dune"});
        book.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        book
    }

    #[test]
    fn type_lists_with_null_keep_absent_null_and_value_apart() {
        let absent: Book = round_trip(book(json!({})));
        assert_eq!((absent.subtitle, absent.pages), (None, None));
        let null: Book = round_trip(book(
            json!({"subtitle": null, "pages": null, "author": null, "editor": null}),
        ));
        assert_eq!(null.subtitle, Some(Nullable::Null));
        assert_eq!(null.pages, Some(Nullable::Null));
        // `$ref` with siblings, and `anyOf: [$ref, {type: 'null'}]`.
        assert_eq!(null.author, Some(Nullable::Null));
        assert_eq!(null.editor, Some(Nullable::Null));
        let set: Book = round_trip(book(
            json!({"subtitle": "Part one", "pages": 412, "author": {"name": "Frank"}}),
        ));
        assert_eq!(set.subtitle, Some(Nullable::Value("Part one".to_owned())));
        assert_eq!(set.pages, Some(Nullable::Value(412)));
        let author = set
            .author
            .and_then(Nullable::into_value)
            .map(|a: Author| a.name);
        assert_eq!(author, Some(Some("Frank".to_owned())));
    }

    #[test]
    fn const_is_a_one_value_enum_that_stays_open() {
        let known: Book = round_trip(book(json!({})));
        assert_eq!(known.kind, BookKind::Book);
        let other: Book = round_trip(json!({"id": "x", "kind": "magazine", "title": "T"}));
        assert_eq!(other.kind.as_str(), "magazine");
        assert_ne!(other.kind, BookKind::Book);
    }

    #[test]
    fn defs_type_lists_and_base64_decode_and_round_trip() {
        let value: Book = round_trip(book(json!({
            "shelf": {"room": "A", "row": 3},
            "cover": "aGVsbG8=",
            "identifier": 42
        })));
        let shelf: BookShelf = value.shelf.unwrap();
        assert_eq!((shelf.room.as_deref(), shelf.row), (Some("A"), Some(3)));
        assert_eq!(value.cover.as_deref(), Some("aGVsbG8="));
        assert!(matches!(
            value.identifier,
            Some(BookIdentifier::Integer(42))
        ));
        let text: Book = round_trip(book(json!({"identifier": "isbn-1"})));
        assert!(matches!(text.identifier, Some(BookIdentifier::String(ref s)) if s == "isbn-1"));
    }

    #[tokio::test]
    async fn a_path_item_from_components_is_an_operation() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/books/bk_1"))
            .and(query_param("rating_above", "4.5"))
            .respond_with(ResponseTemplate::new(200).set_body_json(book(json!({}))))
            .expect(1)
            .mount(&server)
            .await;
        let client = fixture_openapi31::Library::builder()
            .server_url(server.uri())
            .build()
            .unwrap();
        let found = client
            .books()
            .get("bk_1")
            .rating_above(fixture_openapi31::Number::try_from(4.5).unwrap())
            .send()
            .await
            .unwrap();
        assert_eq!(found.title, "Dune");
    }
}

/// Every security scheme is sent where the document says, and never shown.
mod auth {
    use std::sync::{Arc, Mutex};
    use std::time::Duration;

    use fixture_auth::runtime::ClientCredentials;
    use fixture_auth::Vaultless;
    use serde_json::json;
    use wiremock::matchers::{body_string_contains, header, method, path, query_param};
    use wiremock::{Mock, MockServer, Request, ResponseTemplate};

    async fn thing_at(server: &MockServer, route: &str) {
        Mock::given(method("GET"))
            .and(path(route))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "t1"})))
            .mount(server)
            .await;
    }

    fn client(server: &MockServer) -> fixture_auth::VaultlessBuilder {
        Vaultless::builder().server_url(server.uri())
    }

    fn requests_to<'a>(received: &'a [Request], route: &str) -> Vec<&'a Request> {
        received.iter().filter(|r| r.url.path() == route).collect()
    }

    #[tokio::test]
    async fn basic_bearer_and_header_keys_fill_their_headers() {
        let server = MockServer::start().await;
        for route in ["/basic", "/bearer", "/header", "/open"] {
            thing_at(&server, route).await;
        }
        let client = client(&server)
            .basic("ann", "s3cret:pw")
            .bearer("tok_1")
            .header_key("hk_1")
            .build()
            .unwrap();
        let things = client.things();
        things.with_basic().send().await.unwrap();
        things.with_bearer().send().await.unwrap();
        things.with_header_key().send().await.unwrap();
        things.with_nothing().send().await.unwrap();
        let received = server.received_requests().await.unwrap();
        let header_of = |route: &str, name: &str| {
            requests_to(&received, route)[0]
                .headers
                .get(name)
                .map(|v| v.to_str().unwrap().to_owned())
        };
        // base64("ann:s3cret:pw")
        assert_eq!(
            header_of("/basic", "authorization").as_deref(),
            Some("Basic YW5uOnMzY3JldDpwdw==")
        );
        assert_eq!(
            header_of("/bearer", "authorization").as_deref(),
            Some("Bearer tok_1")
        );
        assert_eq!(header_of("/header", "x-api-key").as_deref(), Some("hk_1"));
        // Each operation sends only the scheme it names; `security: []` sends none.
        assert_eq!(header_of("/header", "authorization"), None);
        assert_eq!(header_of("/open", "authorization"), None);
        assert_eq!(header_of("/open", "x-api-key"), None);
        let debug = format!("{client:?}");
        assert!(!debug.contains("tok_1") && !debug.contains("hk_1") && !debug.contains("YW5u"));
    }

    #[tokio::test]
    async fn a_query_key_is_sent_but_hooks_never_see_it() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/query"))
            .and(query_param("api_key", "qk_secret"))
            .and(query_param("q", "x"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "t1"})))
            .expect(1)
            .mount(&server)
            .await;
        let seen = Arc::new(Mutex::new(Vec::new()));
        let record = seen.clone();
        let client = client(&server)
            .query_key("qk_secret")
            .hook(fixture_auth::runtime::before_request(move |_, request| {
                record
                    .lock()
                    .unwrap()
                    .push(format!("{request:?} {}", request.uri()));
            }))
            .build()
            .unwrap();
        client
            .things()
            .with_query_key()
            .q("x")
            .send()
            .await
            .unwrap();
        let seen = seen.lock().unwrap();
        assert_eq!(seen.len(), 1);
        assert!(!seen[0].contains("qk_secret"), "{}", seen[0]);
    }

    #[tokio::test]
    async fn a_cookie_key_joins_the_operation_cookies_in_one_header() {
        let server = MockServer::start().await;
        thing_at(&server, "/cookie").await;
        let client = client(&server).cookie_key("ck_1").build().unwrap();
        client
            .things()
            .with_cookie_key()
            .theme("dark")
            .send()
            .await
            .unwrap();
        let received = server.received_requests().await.unwrap();
        let cookies: Vec<&str> = received[0]
            .headers
            .get_all("cookie")
            .iter()
            .map(|v| v.to_str().unwrap())
            .collect();
        assert_eq!(cookies, ["theme=dark; session=ck_1"]);
    }

    /// A token endpoint that hands out `tok_1`, `tok_2`, … living `expires_in` seconds.
    async fn token_endpoint(server: &MockServer, expires_in: u64) -> Arc<Mutex<u32>> {
        let issued = Arc::new(Mutex::new(0));
        let counter = issued.clone();
        Mock::given(method("POST"))
            .and(path("/oauth/token"))
            .and(header(
                "authorization",
                "Basic Y2xpZW50OmNsaWVudC1zZWNyZXQ=",
            ))
            .and(body_string_contains("grant_type=client_credentials"))
            .and(body_string_contains("scope=things.read+things.write"))
            .respond_with(move |_: &Request| {
                let mut issued = counter.lock().unwrap();
                *issued += 1;
                ResponseTemplate::new(200).set_body_json(json!({
                    "access_token": format!("tok_{issued}"),
                    "token_type": "Bearer",
                    "expires_in": expires_in,
                }))
            })
            .mount(server)
            .await;
        issued
    }

    fn credentials(server: &MockServer) -> ClientCredentials {
        ClientCredentials::new(
            format!("{}/oauth/token", server.uri()),
            &["things.read", "things.write"],
            "client",
            "client-secret",
        )
    }

    #[tokio::test]
    async fn client_credentials_are_fetched_once_cached_and_sent_as_bearer() {
        let server = MockServer::start().await;
        thing_at(&server, "/oauth").await;
        let issued = token_endpoint(&server, 3600).await;
        let client = client(&server)
            .oauth_provider(credentials(&server))
            .build()
            .unwrap();
        let (a, b) = tokio::join!(
            client.things().with_oauth().send(),
            client.things().with_oauth().send()
        );
        a.unwrap();
        b.unwrap();
        client.things().with_oauth().send().await.unwrap();
        assert_eq!(*issued.lock().unwrap(), 1, "one token for three calls");
        let received = server.received_requests().await.unwrap();
        let sent: Vec<&str> = requests_to(&received, "/oauth")
            .iter()
            .map(|r| r.headers.get("authorization").unwrap().to_str().unwrap())
            .collect();
        assert_eq!(sent, ["Bearer tok_1"; 3]);
        assert!(!format!("{:?}", credentials(&server)).contains("client-secret"));
    }

    #[tokio::test]
    async fn an_expiring_token_is_renewed_before_it_runs_out() {
        let server = MockServer::start().await;
        thing_at(&server, "/oauth").await;
        // Renewed a tenth of its 2 s lifetime early: after 1.8 s.
        let issued = token_endpoint(&server, 2).await;
        let client = client(&server)
            .oauth_provider(credentials(&server))
            .build()
            .unwrap();
        client.things().with_oauth().send().await.unwrap();
        tokio::time::sleep(Duration::from_millis(1900)).await;
        client.things().with_oauth().send().await.unwrap();
        assert_eq!(*issued.lock().unwrap(), 2);
        let received = server.received_requests().await.unwrap();
        let last = requests_to(&received, "/oauth")[1]
            .headers
            .get("authorization")
            .unwrap();
        assert_eq!(last, "Bearer tok_2");
    }

    #[tokio::test]
    async fn a_refused_token_request_is_a_credentials_error_without_the_secret() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/oauth/token"))
            .respond_with(
                ResponseTemplate::new(401)
                    .set_body_string("bad client: client-secret is not valid"),
            )
            .mount(&server)
            .await;
        thing_at(&server, "/oauth").await;
        let client = client(&server)
            .oauth_provider(credentials(&server))
            .build()
            .unwrap();
        let error = client.things().with_oauth().send().await.unwrap_err();
        let text = format!("{error} {error:?}");
        assert!(text.contains("401"), "{text}");
        assert!(!text.contains("client-secret"), "{text}");
        let received = server.received_requests().await.unwrap();
        assert!(requests_to(&received, "/oauth").is_empty());
    }

    #[tokio::test]
    async fn openid_connect_takes_its_token_from_a_provider() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/oidc"))
            .and(header("authorization", "Bearer id_token_7"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "t1"})))
            .expect(1)
            .mount(&server)
            .await;
        let client = client(&server)
            .oidc_provider(|| async { Ok::<_, std::io::Error>("id_token_7".to_owned()) })
            .build()
            .unwrap();
        client.things().with_oidc().send().await.unwrap();
    }

    #[test]
    fn the_documented_token_url_is_a_builder_method() {
        // Building does not fetch: the token is asked for on the first call.
        let client = Vaultless::builder()
            .oauth_client_credentials("client", "client-secret")
            .build()
            .unwrap();
        assert!(!format!("{client:?}").contains("client-secret"));
    }
}

/// Status ranges and several success types.
mod responses {
    use fixture_responses::models::{ClientProblem, Job, Queued, ServerProblem};
    use fixture_responses::resources::jobs::{JobsCreateResponse, JobsRestartResponse};
    use fixture_responses::{Error, Jobs};
    use serde_json::json;
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    /// A client of a server that answers `route` with `status` and `body`
    /// (the server lives as long as the returned guard).
    async fn answering(
        route: &str,
        status: u16,
        body: Option<serde_json::Value>,
    ) -> (MockServer, Jobs) {
        let server = MockServer::start().await;
        let method_name =
            if route == "/jobs" || route.ends_with("/restart") || route.ends_with("/cancel") {
                "POST"
            } else {
                "GET"
            };
        let template = match body {
            Some(body) => ResponseTemplate::new(status).set_body_json(body),
            None => ResponseTemplate::new(status),
        };
        Mock::given(method(method_name))
            .and(path(route))
            .respond_with(template)
            .mount(&server)
            .await;
        let client = Jobs::builder()
            .server_url(server.uri())
            .retry(fixture_responses::RetryConfig::none())
            .build()
            .unwrap();
        (server, client)
    }

    #[tokio::test]
    async fn each_success_status_decodes_into_its_own_type() {
        let (_server, done) = answering("/jobs", 200, Some(json!({"id": "j1"}))).await;
        let answer = done.jobs().create().send().await.unwrap();
        assert!(matches!(answer, JobsCreateResponse::Ok(Job { ref id, .. }) if id == "j1"));
        let (_server, queued) = answering("/jobs", 202, Some(json!({"ticket": "t9"}))).await;
        let answer = queued.jobs().create().send().await.unwrap();
        assert!(
            matches!(answer, JobsCreateResponse::Accepted(Queued { ref ticket, .. }) if ticket == "t9")
        );
        let (_server, nothing) = answering("/jobs", 204, None).await;
        let answer = nothing.jobs().create().send().await.unwrap();
        assert_eq!(answer, JobsCreateResponse::NoContent);
    }

    #[tokio::test]
    async fn an_operation_that_only_redirects_answers_with_the_redirect() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/jobs/j1/login"))
            .respond_with(
                ResponseTemplate::new(302)
                    .insert_header("location", "https://id.example.com/start"),
            )
            .expect(1)
            .mount(&server)
            .await;
        let client = Jobs::builder()
            .server_url(server.uri())
            .retry(fixture_responses::RetryConfig::none())
            .build()
            .unwrap();
        let response = client
            .jobs()
            .login("j1")
            .send_with_response()
            .await
            .unwrap();
        assert_eq!(response.status(), 302);
        assert_eq!(
            response.headers()["location"],
            "https://id.example.com/start"
        );
        // A server that answers the request itself instead succeeds too.
        let (_server, answering_itself) = answering("/jobs/j2/login", 200, None).await;
        let answer = answering_itself.jobs().login("j2").send().await;
        assert!(answer.is_ok(), "{answer:?}");
    }

    #[tokio::test]
    async fn a_204_is_empty_even_where_the_document_lists_content() {
        let (_server, client) = answering("/jobs/j1/cancel", 204, None).await;
        let answer = client.jobs().cancel("j1").send().await;
        assert!(answer.is_ok(), "{answer:?}");
    }

    #[tokio::test]
    async fn debug_of_a_free_form_success_redacts_secret_named_keys() {
        let (_server, client) = answering(
            "/jobs/j1/restart",
            200,
            Some(json!({"runner": "r1", "session_token": "st-hidden"})),
        )
        .await;
        let answer = client.jobs().restart("j1").send().await.unwrap();
        assert!(
            matches!(&answer, JobsRestartResponse::Ok(body) if body["session_token"] == "st-hidden"),
            "the value itself is whole"
        );
        let shown = format!("{answer:?}");
        assert!(!shown.contains("st-hidden"), "{shown}");
        assert!(shown.starts_with("Ok(") && shown.contains("r1"), "{shown}");
    }

    #[tokio::test]
    async fn status_ranges_have_typed_variants_and_exact_statuses_win() {
        let (_server, client) = answering(
            "/jobs",
            409,
            Some(json!({"message": "busy", "field": "queue"})),
        )
        .await;
        match client.jobs().create().send().await.unwrap_err() {
            Error::ClientError(error) => {
                assert_eq!(error.status(), 409);
                let model: &ClientProblem = error.model().unwrap();
                assert_eq!(model.field.as_deref(), Some("queue"));
            }
            other => panic!("{other:?}"),
        }
        let (_server, client) = answering(
            "/jobs",
            503,
            Some(json!({"message": "down", "retry_in": 5})),
        )
        .await;
        match client.jobs().create().send().await.unwrap_err() {
            Error::ServerError(error) => {
                let model: &ServerProblem = error.model().unwrap();
                assert_eq!(model.retry_in, Some(5));
            }
            other => panic!("{other:?}"),
        }
        let (_server, client) = answering("/jobs", 404, Some(json!({"message": "no queue"}))).await;
        assert!(matches!(
            client.jobs().create().send().await.unwrap_err(),
            Error::NotFound(_)
        ));
    }

    #[tokio::test]
    async fn a_2xx_range_is_the_success_of_any_2xx_status() {
        let (_server, client) = answering("/jobs/j1", 203, Some(json!({"id": "j1"}))).await;
        let job = client.jobs().get("j1").send().await.unwrap();
        assert_eq!(job.id, "j1");
    }
}

/// A document split across files reads as one.
mod multi_file {
    use super::*;
    use fixture_multi_file::models::{Author, Book, Shelf};
    use wiremock::matchers::{method, path, query_param};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    #[test]
    fn schemas_from_other_files_are_shared_types_even_in_a_cycle() {
        let shelf: Shelf = round_trip(json!({
            "id": "s1",
            "books": [{"title": "Dune", "author": {"name": "Frank"}, "shelf": {"id": "s0"}}]
        }));
        let book: &Book = &shelf.books.as_ref().unwrap()[0];
        let author: Option<&Author> = book.author.as_ref();
        assert_eq!(author.and_then(|a| a.name.as_deref()), Some("Frank"));
        assert_eq!(book.shelf.as_ref().map(|s| s.id.as_str()), Some("s0"));
    }

    #[test]
    fn a_discriminator_mapping_that_names_files_picks_their_schemas() {
        use fixture_multi_file::models::ShelfSign;
        let shelf: Shelf =
            round_trip(json!({"id": "s1", "sign": {"kind": "carved", "wood": "oak"}}));
        let Some(ShelfSign::Carved(carved)) = &shelf.sign else {
            panic!("a carved sign: {:?}", shelf.sign);
        };
        assert_eq!(carved.wood, "oak");
    }

    #[tokio::test]
    async fn path_items_and_parameters_from_other_files_are_operations() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/shelves"))
            .and(query_param("limit", "5"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!([{"id": "s1"}])))
            .expect(1)
            .mount(&server)
            .await;
        let client = fixture_multi_file::Shelves::builder()
            .server_url(server.uri())
            .build()
            .unwrap();
        let shelves = client.shelves().list().limit(5).send().await.unwrap();
        assert_eq!(shelves[0].id, "s1");
    }
}

/// Webhooks decode into typed events by name; unknown ones are kept.
mod webhooks {
    use fixture_webhooks::models::{Job, JobFailedEvent, JobStatus};
    use fixture_webhooks::{Nullable, Webhook};

    #[test]
    fn a_known_webhook_decodes_into_its_event() {
        let body = br#"{"id": "j1", "status": "done"}"#;
        let event = Webhook::parse("job.done", body).unwrap();
        assert_eq!(event.name(), "job.done");
        match event {
            Webhook::JobDone(job) => {
                let job: Job = *job;
                assert_eq!((job.id.as_str(), job.status), ("j1", JobStatus::Done));
            }
            other => panic!("{other:?}"),
        }
        let failed = Webhook::parse(
            "job.failed",
            br#"{"id": "j2", "reason": "timeout", "retry_at": null}"#,
        )
        .unwrap();
        match failed {
            Webhook::JobFailed(event) => {
                let event: &JobFailedEvent = &event;
                assert_eq!(event.reason, "timeout");
                assert_eq!(event.retry_at, Some(Nullable::Null));
            }
            other => panic!("{other:?}"),
        }
        // From components/pathItems, and with no body at all.
        assert!(matches!(
            Webhook::parse("job.queued", br#"{"id": "j3", "status": "queued"}"#),
            Ok(Webhook::JobQueued(_))
        ));
        assert_eq!(Webhook::parse("ping", b"").unwrap(), Webhook::Ping);
        assert_eq!(
            Webhook::NAMES,
            ["job.done", "job.failed", "ping", "job.queued"]
        );
    }

    #[test]
    fn an_unknown_webhook_is_kept_and_a_bad_body_is_an_error() {
        let event = Webhook::parse("job.archived", br#"{"id": "j9"}"#).unwrap();
        assert_eq!(event.name(), "job.archived");
        assert!(
            matches!(event, Webhook::Unknown { ref body, .. } if body["id"] == "j9"),
            "{event:?}"
        );
        let text = Webhook::parse("job.archived", b"not json").unwrap();
        assert!(matches!(text, Webhook::Unknown { ref body, .. } if body == "not json"));
        // A known webhook whose body misses a required field is refused.
        assert!(Webhook::parse("job.done", br#"{"status": "done"}"#).is_err());
        // A new status is kept, not refused (open enums).
        let newer = Webhook::parse("job.done", br#"{"id": "j1", "status": "paused"}"#).unwrap();
        assert!(matches!(newer, Webhook::JobDone(ref job) if job.status.as_str() == "paused"));
    }

    #[test]
    fn debug_of_an_unknown_webhook_redacts_secret_named_keys() {
        // No schema names the keys of an unknown webhook's body, so any may
        // hold a secret: `Debug` (what ends up in logs) redacts them like any
        // other free-form JSON, and keeps the rest readable.
        let event = Webhook::parse(
            "account.linked",
            br#"{"account": "a1", "access_token": "tok-hidden", "nested": {"client_secret": "cs-hidden"}}"#,
        )
        .unwrap();
        let shown = format!("{event:?}");
        for secret in ["tok-hidden", "cs-hidden"] {
            assert!(!shown.contains(secret), "{secret} in {shown}");
        }
        assert!(
            shown.contains("account.linked") && shown.contains("a1"),
            "{shown}"
        );
        // A form body is text, not JSON: shown only if nothing in it looks secret.
        let form = Webhook::parse("account.linked", b"account=a1&refresh_token=rt-hidden").unwrap();
        assert!(!format!("{form:?}").contains("rt-hidden"), "{form:?}");
        assert_eq!(format!("{:?}", Webhook::Ping), "Ping");
        let done = Webhook::parse("job.done", br#"{"id": "j1", "status": "done"}"#).unwrap();
        assert!(format!("{done:?}").starts_with("JobDone(Job {"), "{done:?}");
    }
}

mod untagged {
    //! A document without tags: resources come from paths, and methods drop
    //! the words of their resource.
    use wiremock::matchers::{method, path, query_param};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    use fixture_untagged::models::CustomersListStatus;
    use fixture_untagged::UntaggedShop;

    async fn shop(server: &MockServer) -> UntaggedShop {
        UntaggedShop::builder()
            .server_url(server.uri())
            .build()
            .unwrap()
    }

    #[tokio::test]
    async fn resources_and_methods_read_like_the_paths() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/v1/customers"))
            .and(query_param("customer_status", "active"))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(serde_json::json!([{"id": "c1"}])),
            )
            .expect(1)
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path("/v1/customers/c1/sources"))
            .respond_with(ResponseTemplate::new(200))
            .expect(1)
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path("/v1/emails/send"))
            .respond_with(ResponseTemplate::new(202))
            .expect(1)
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path("/health"))
            .respond_with(ResponseTemplate::new(204))
            .expect(1)
            .mount(&server)
            .await;
        let client = shop(&server).await;
        let customers = client
            .customers()
            .list()
            .customer_status(CustomersListStatus::Active)
            .send()
            .await
            .unwrap();
        assert_eq!(customers[0].id, "c1");
        client.customers().list_sources("c1").send().await.unwrap();
        client.emails().send().send().await.unwrap();
        client.api().health().send().await.unwrap();
    }

    #[tokio::test]
    async fn path_parameters_under_version_segments_are_arguments() {
        let server = MockServer::start().await;
        Mock::given(method("DELETE"))
            .and(path("/api/v2/apps/a%201"))
            .respond_with(ResponseTemplate::new(204))
            .expect(1)
            .mount(&server)
            .await;
        let client = shop(&server).await;
        client.apps().delete("a 1").send().await.unwrap();
    }

    #[tokio::test]
    async fn other_generators_hints_name_groups_and_methods() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(204))
            .expect(3)
            .mount(&server)
            .await;
        let client = shop(&server).await;
        client.gadgets().all().send().await.unwrap();
        client.gadgets().fetch_one("w1").send().await.unwrap();
        // `x-sdk-*` wins over the others.
        client.things().every().send().await.unwrap();
    }
}
