//! What the generated crates refuse at compile time, checked as doctests
//! (`cargo test -p tests --doc`). Each `compile_fail` example differs from the
//! example before it, which compiles, in one line only, so it fails for the
//! reason it names.
//!
//! An enum setter takes the enum, not text:
//!
//! ```
//! use fixture_buildable::models::{Delivery, Message};
//! let _ = Message::new("me", "you").with_delivery(Delivery::Guaranteed);
//! ```
//!
//! ```compile_fail
//! use fixture_buildable::models::{Delivery, Message};
//! let _ = Message::new("me", "you").with_delivery("guaranteed");
//! ```
//!
//! and an enum does not convert from text without a check:
//!
//! ```
//! use fixture_buildable::models::Delivery;
//! let _: Result<Delivery, _> = "guaranteed".parse();
//! ```
//!
//! ```compile_fail
//! use fixture_buildable::models::Delivery;
//! let _ = Delivery::from("guaranteed");
//! ```
//!
//! A union whose two variants are the same Rust type (`Contact`: an `Address`,
//! which is a `String`, or a `String`) has no `From` for either: the caller
//! names the variant.
//!
//! ```
//! use fixture_buildable::models::Contact;
//! let _ = Contact::String("a@example.com".to_owned());
//! ```
//!
//! ```compile_fail
//! use fixture_buildable::models::Contact;
//! let _ = Contact::from("a@example.com".to_owned());
//! ```
