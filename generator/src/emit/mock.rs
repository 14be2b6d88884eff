//! `src/mock.rs` (the `mock` feature): a fake client for app tests. Its
//! methods mirror the client's (`mock.pets().list().returns(pets)`), each
//! typed with what the operation returns; calls are answered without
//! sockets and recorded for assertions.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::own;
use super::features::cfg_one;
use super::rust_types::{ident, qualified_type};
use crate::ir::{Api, Auth, Operation, Resource, TypeRef};

/// The module's tokens.
pub fn file(api: &Api) -> TokenStream {
    let client = ident(&api.client.name);
    let routes = api.resources.iter().flat_map(|r| &r.operations).map(|op| {
        let id = &op.operation_id;
        let method = &op.http_method;
        let path = &op.path_template;
        quote!(runtime::Route { operation_id: #id, method: #method, path: #path },)
    });
    let settings = api
        .client
        .settings
        .iter()
        .filter(|s| s.required)
        .map(|setting| {
            let name = ident(&setting.name);
            match setting.auth {
                Auth::Basic => quote!(.#name("mock", "mock")),
                _ => quote!(.#name("mock")),
            }
        });
    let accessors = api.resources.iter().map(|resource| {
        let cfg = cfg_one(&resource.feature);
        let accessor = ident(&resource.accessor);
        let mock = ident(&format!("{}Mock", resource.type_name));
        let doc = own(&format!(
            "Answers for the `{}` operations ([`{}::{}`](crate::{}::{})).",
            resource.accessor,
            api.client.name,
            resource.accessor,
            api.client.name,
            resource.accessor
        ));
        quote! {
            #cfg
            #doc
            pub fn #accessor(&self) -> #mock {
                #mock { transport: self.transport.clone() }
            }
        }
    });
    let mock_doc = own(&format!(
        "A fake [`{}`] for tests: see the [module](self).",
        api.client.name
    ));
    let resources = api.resources.iter().map(resource_mock);
    // `models` is imported for the resources whose answers name a model, so
    // that no build with only some resource features has an unused import.
    let model_features: Vec<String> = api
        .resources
        .iter()
        .filter(|r| {
            r.operations
                .iter()
                .any(|op| answer_type(op).is_some_and(names_model))
        })
        .map(|r| r.feature.clone())
        .collect();
    let models_import = if model_features.is_empty() {
        quote!()
    } else {
        let cfg = super::features::cfg_any(&model_features);
        quote!(#cfg use crate::models;)
    };
    let module_doc = super::docs::inner(&format!(
        "A fake [`{name}`] for your app's tests (the `mock` feature): no sockets and no\n\
         server. Set up what each operation answers, hand [`Mock::client`] to the code under\n\
         test, then check what it sent:\n\n\
         - `mock.<resource>().<operation>().returns(value)` answers with the documented success\n\
         \x20 status and `value` (typed as the operation returns it);\n\
         - `.fails_with(status, body)` answers with an error status and a JSON body;\n\
         - `.responds(status, media_type, body)` answers with anything (a stream of events);\n\
         - answers are used in order, and the last one answers every later call;\n\
         - `.calls()` lists what the app sent to that operation (path, query, headers, body),\n\
         \x20 and [`Mock::verify`] fails the test when a call matched no operation or came\n\
         \x20 before its answer was set up (such a call fails with `Error::InvalidRequest`\n\
         \x20 naming it).",
        name = api.client.name
    ));
    quote! {
        #module_doc

        use crate::runtime;
        #models_import
        use crate::#client;

        /// Every operation, for routing a request by its method and path.
        const ROUTES: &[runtime::Route] = &[#(#routes)*];

        #mock_doc
        #[derive(Debug, Clone)]
        pub struct Mock {
            transport: runtime::MockTransport,
        }

        impl Default for Mock {
            fn default() -> Self {
                Self::new()
            }
        }

        impl Mock {
            /// A mock with no answers set up.
            pub fn new() -> Self {
                Self { transport: runtime::MockTransport::new(ROUTES) }
            }

            /// A client whose calls this mock answers (without retries: each
            /// call is one answer).
            ///
            /// # Panics
            ///
            /// Never for this API's settings, which the mock fills with
            /// placeholder values.
            pub fn client(&self) -> #client {
                #client::builder()
                    .transport(self.transport.clone())
                    .retry(runtime::RetryConfig::none())
                    .server_url("http://mock.invalid")
                    #(#settings)*
                    .build()
                    .expect("the mock's client configuration is complete")
            }

            /// Every call the app made, in order.
            pub fn calls(&self) -> Vec<runtime::RecordedCall> {
                self.transport.calls()
            }

            /// Panics, listing them, when a call matched no operation or came
            /// before its answer was set up.
            pub fn verify(&self) {
                self.transport.verify();
            }

            #(#accessors)*
        }

        #(#resources)*
    }
}

fn resource_mock(resource: &Resource) -> TokenStream {
    let cfg = cfg_one(&resource.feature);
    let mock = ident(&format!("{}Mock", resource.type_name));
    let doc = own(&format!(
        "Answers for the `{}` operations.",
        resource.accessor
    ));
    let methods = resource
        .operations
        .iter()
        .map(|op| expectation(resource, op));
    quote! {
        #cfg
        #doc
        #[derive(Debug, Clone)]
        pub struct #mock {
            transport: runtime::MockTransport,
        }

        #cfg
        impl #mock {
            #(#methods)*
        }
    }
}

/// The type an operation's mock answers with, when it is a documented one.
fn answer_type(op: &Operation) -> Option<&TypeRef> {
    op.success
        .ty
        .as_ref()
        .filter(|_| op.success.by_status.is_none())
}

/// Whether `ty` names a model (`models::X`) anywhere.
fn names_model(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Named(_) => true,
        TypeRef::List(inner) | TypeRef::Map(inner) => names_model(inner),
        _ => false,
    }
}

fn expectation(resource: &Resource, op: &Operation) -> TokenStream {
    let name = ident(&op.method_name);
    let id = &op.operation_id;
    let first = |statuses: &[u16], default: u16| statuses.first().copied().unwrap_or(default);
    let (ty, constructor, status) = match (&op.success.by_status, &op.success.ty) {
        (Some(answer), _) => (
            quote!(serde_json::Value),
            quote!(json),
            answer.variants.first().map_or(200, |v| v.status),
        ),
        (None, Some(TypeRef::Bytes)) => (
            quote!(Vec<u8>),
            quote!(bytes),
            first(&op.success.statuses, 200),
        ),
        (None, Some(ty)) => (
            qualified_type(ty),
            quote!(json),
            first(&op.success.statuses, 200),
        ),
        (None, None) => (
            quote!(()),
            quote!(empty),
            first(&op.success.statuses, first(&op.success.empty_statuses, 204)),
        ),
    };
    let status = proc_macro2::Literal::u16_unsuffixed(status);
    let doc = own(&format!(
        "Answers for [`{resource}::{method}`](crate::resources::{module}::{resource}::{method}) \
         (`{http} {path}`), which succeeds with {status}.",
        resource = resource.type_name,
        method = op.method_name,
        module = resource.module,
        http = op.http_method,
        path = op.path_template,
    ));
    quote! {
        #doc
        pub fn #name(&self) -> runtime::Expect<#ty> {
            runtime::Expect::#constructor(&self.transport, #id, #status)
        }
    }
}
