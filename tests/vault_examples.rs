//! Zero data loss: every example the Vault document gives, decoded into its
//! typed model and encoded again, is the same JSON.

use apideck_vault::models;
use serde::{de::DeserializeOwned, Serialize};
use serde_json::Value;
use tests::examples;

fn check<T: DeserializeOwned + Serialize>(example: &Value) -> Result<Value, String> {
    let typed: T = serde_json::from_value(example.clone()).map_err(|e| format!("decode: {e}"))?;
    serde_json::to_value(&typed).map_err(|e| format!("encode: {e}"))
}

macro_rules! round_trips {
    ($($name:ident),* $(,)?) => {
        /// Component schemas this test knows the Rust type of.
        const COVERED: &[&str] = &[$(stringify!($name)),*];

        fn round_trip(name: &str, example: &Value) -> Option<Result<Value, String>> {
            match name {
                $(stringify!($name) => Some(check::<models::$name>(example)),)*
                _ => None,
            }
        }
    };
}

round_trips!(
    ConsentState,
    ConsentRecord,
    AuthType,
    BadRequestResponse,
    Connection,
    ConnectionHealth,
    ConnectionImportData,
    ConnectionMigrateData,
    ConnectionState,
    Consumer,
    ConsumerConnection,
    ConsumerId,
    ConsumerMetadata,
    ConsumersFilter,
    ConsumerRequestCountsInDateRangeResponse,
    ConflictResponse,
    CreateCallbackState,
    CreateCallbackStateResponse,
    CreateConnectionResponse,
    CreateConsumerRequest,
    CreateConsumerResponse,
    CreateSessionResponse,
    CustomFieldFinder,
    CustomMapping,
    DataScopesResources,
    DataScopes,
    DeleteConsumerResponse,
    FormField,
    FormFieldOption,
    FormFieldOptionGroup,
    GetConnectionResponse,
    GetConnectionsResponse,
    GetConsentRecordsResponse,
    GetConsumerResponse,
    GetConsumersResponse,
    GetCustomFieldsResponse,
    GetCustomMappingsResponse,
    GetLogsResponse,
    IntegrationState,
    Links,
    Log,
    LogsFilter,
    Meta,
    NotFoundResponse,
    OAuthGrantType,
    PaymentRequiredResponse,
    ValidateConnectionStateResponse,
    RequestCountAllocation,
    Session,
    SimpleFormFieldOption,
    UnauthorizedResponse,
    UnexpectedErrorResponse,
    UnifiedApiId,
    UnprocessableResponse,
    UpdateConnectionResponse,
    UpdateConsentRequest,
    UpdateConsentResponse,
    UpdateConsumerRequest,
    UpdateConsumerResponse,
    WebhookSubscription,
    Raw,
);

#[test]
fn every_component_example_survives_a_round_trip() {
    let spec = tests::vault_spec();
    let schemas = spec["components"]["schemas"].as_object().unwrap();
    let mut failures = Vec::new();
    let mut checked = 0;
    for (name, schema) in schemas {
        assert!(
            COVERED.contains(&name.as_str()),
            "add `{name}` to the round_trips! list"
        );
        let Some(example) = examples::example(&spec, schema) else {
            continue;
        };
        match round_trip(name, &example).expect("covered") {
            Ok(back) if back == example => checked += 1,
            Ok(back) => failures.push(format!("{name}: changed\n  in:  {example}\n  out: {back}")),
            Err(error) => failures.push(format!("{name}: {error}\n  in: {example}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Nearly every schema has examples to build from; a drop means lost coverage.
    assert!(
        checked >= 55,
        "only {checked} of {} schemas had an example",
        schemas.len()
    );
}

/// Schemas only ever sent as query parameters (deepObject filters): a query
/// string cannot carry `null`, so the generator drops their nullability.
const PARAMETER_ONLY: [&str; 2] = ["ConsumersFilter", "LogsFilter"];

/// The document's examples never use `null`; nullable fields get their own pass
/// with every nullable property set to `null`, which must survive as `null`
/// (in parameter-only types, where null means nothing, it reads as absent).
#[test]
fn explicit_nulls_survive_a_round_trip() {
    let spec = tests::vault_spec();
    let schemas = spec["components"]["schemas"].as_object().unwrap();
    let mut failures = Vec::new();
    let mut nulls = 0;
    for (name, schema) in schemas {
        let Some(example) = examples::example(&spec, schema) else {
            continue;
        };
        let nulled = examples::with_nulls(&spec, schema, &example);
        if PARAMETER_ONLY.contains(&name.as_str()) {
            assert_eq!(
                round_trip(name, &nulled).expect("covered").unwrap(),
                serde_json::json!({}),
                "{name}: a null filter is no filter"
            );
            continue;
        }
        nulls += nulled.to_string().matches("null").count();
        match round_trip(name, &nulled).expect("covered") {
            Ok(back) if back == nulled => {}
            Ok(back) => failures.push(format!("{name}: changed\n  in:  {nulled}\n  out: {back}")),
            Err(error) => failures.push(format!("{name}: {error}\n  in: {nulled}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(nulls >= 50, "only {nulls} nulls exercised");
}

#[test]
fn unknown_fields_and_enum_values_survive() {
    let json = serde_json::json!({
        "id": "crm+hubspot",
        "auth_type": "quantum-handshake",
        "state": "brand_new_state",
        "field_from_the_future": {"nested": [1, 2.5, null]}
    });
    let connection: models::Connection = serde_json::from_value(json.clone()).unwrap();
    let Some(models::AuthType::Unknown(unknown)) = &connection.auth_type else {
        panic!("expected an unknown auth type: {:?}", connection.auth_type);
    };
    assert_eq!(unknown.as_str(), "quantum-handshake");
    // A known value is never `Unknown`, however it is made.
    assert_eq!(models::AuthType::other("oauth2"), models::AuthType::Oauth2);
    assert_eq!(
        "oauth2".parse::<models::AuthType>().unwrap(),
        models::AuthType::Oauth2
    );
    assert!(connection
        .additional_properties
        .contains_key("field_from_the_future"));
    assert_eq!(serde_json::to_value(&connection).unwrap(), json);
}

#[test]
fn form_field_options_decode_by_their_discriminator_both_ways() {
    let simple = serde_json::json!({"label": "Inbox", "value": 10, "option_type": "simple"});
    let group = serde_json::json!({
        "label": "Queues",
        "option_type": "group",
        "options": [{"label": "Tier 1", "value": 10.5, "option_type": "simple"}]
    });
    let decoded: Vec<models::FormFieldOption> =
        serde_json::from_value(serde_json::json!([simple, group])).unwrap();
    match &decoded[0] {
        models::FormFieldOption::Simple(option) => {
            assert_eq!(
                option.value,
                Some(models::SimpleFormFieldOptionValue::Integer(10))
            );
        }
        other => panic!("expected Simple, got {other:?}"),
    }
    match &decoded[1] {
        models::FormFieldOption::Group(group) => {
            let inner = &group.options[0];
            assert!(
                matches!(&inner.value, Some(models::SimpleFormFieldOptionValue::Number(n)) if *n == 10.5)
            );
        }
        other => panic!("expected Group, got {other:?}"),
    }
    assert_eq!(
        serde_json::to_value(&decoded).unwrap(),
        serde_json::json!([simple, group])
    );
}
