//! Reading and writing model structs as JSON objects, for the `Serialize` and
//! `Deserialize` impls the generator writes instead of deriving them.
//!
//! serde's derive, for a struct that keeps unknown properties
//! (`#[serde(flatten)]`), writes a field visitor for every primitive type and
//! buffers each unknown value before reading it again: most of an SDK's
//! compile time. Here each model only lists its properties; the loop, the
//! duplicate and missing checks and the unknown-property map live once, in
//! generic functions shared by every model. What is accepted and written is
//! what the derive did: known properties by name, a repeated one refused, a
//! required one missing refused, every other property kept in the model's map
//! in the order written back.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};

/// A model that reads itself from the properties of a JSON object; its
/// `Deserialize` impl is [`deserialize`].
#[doc(hidden)]
pub trait FromObject: Sized {
    /// The model's name, for "expected a `Name` object" messages.
    const NAME: &'static str;

    /// Reads every property `object` yields.
    fn from_object<'de, A: MapAccess<'de>>(object: Reader<'de, A>) -> Result<Self, A::Error>;
}

/// `Deserialize::deserialize` for a [`FromObject`] model.
#[doc(hidden)]
pub fn deserialize<'de, T: FromObject, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_map(ObjectVisitor(PhantomData))
}

struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: FromObject> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "a `{}` object", T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::from_object(Reader {
            map,
            lifetime: PhantomData,
        })
    }
}

/// The properties of one object, as a model's `from_object` reads them.
#[doc(hidden)]
pub struct Reader<'de, A> {
    map: A,
    lifetime: PhantomData<&'de ()>,
}

impl<'de, A: MapAccess<'de>> Reader<'de, A> {
    /// The next property's name, `None` after the last.
    pub fn next_key(&mut self) -> Result<Option<Key<'de>>, A::Error> {
        self.map.next_key()
    }

    /// Reads the current property's value into `slot`; a property that was
    /// already read is an error, as with serde's derive.
    pub fn value<T: Deserialize<'de>>(
        &mut self,
        slot: &mut Option<T>,
        name: &'static str,
    ) -> Result<(), A::Error> {
        if slot.is_some() {
            return Err(de::Error::duplicate_field(name));
        }
        *slot = Some(self.map.next_value()?);
        Ok(())
    }

    /// Keeps a property the model does not list, by its name.
    pub fn extra<V: Deserialize<'de>>(
        &mut self,
        key: Key<'de>,
        extra: &mut BTreeMap<String, V>,
    ) -> Result<(), A::Error> {
        let value = self.map.next_value()?;
        extra.insert(key.into_string(), value);
        Ok(())
    }

    /// An optional property's value: absent and `null` are both `None`.
    pub fn optional<T>(&self, slot: Option<Option<T>>) -> Option<T> {
        slot.flatten()
    }

    /// A required property's value, or the error that it is missing.
    pub fn required<T>(&self, slot: Option<T>, name: &'static str) -> Result<T, A::Error> {
        slot.ok_or_else(|| de::Error::missing_field(name))
    }
}

/// A property name, borrowed from the input when it can be (no allocation
/// for names that are matched and dropped).
#[doc(hidden)]
pub enum Key<'de> {
    /// Borrowed from the input.
    Borrowed(&'de str),
    /// Copied (the name had escapes, or the input is not borrowed).
    Owned(String),
}

impl Key<'_> {
    /// The name.
    pub fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(name) => name,
            Key::Owned(name) => name,
        }
    }

    /// The name, owned.
    pub fn into_string(self) -> String {
        match self {
            Key::Borrowed(name) => name.to_owned(),
            Key::Owned(name) => name,
        }
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a property name")
    }

    fn visit_borrowed_str<E: de::Error>(self, name: &'de str) -> Result<Key<'de>, E> {
        Ok(Key::Borrowed(name))
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Key<'de>, E> {
        Ok(Key::Owned(name.to_owned()))
    }

    fn visit_string<E: de::Error>(self, name: String) -> Result<Key<'de>, E> {
        Ok(Key::Owned(name))
    }
}

/// Writes a model as a JSON object, property by property.
#[doc(hidden)]
pub struct Writer<S: Serializer> {
    map: S::SerializeMap,
}

impl<S: Serializer> Writer<S> {
    /// Starts the object.
    pub fn new(serializer: S) -> Result<Self, S::Error> {
        Ok(Self {
            map: serializer.serialize_map(None)?,
        })
    }

    /// Writes a property.
    pub fn entry<T: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), S::Error> {
        self.map.serialize_entry(name, value)
    }

    /// Writes a property unless it is absent.
    pub fn optional<T: Serialize>(
        &mut self,
        name: &'static str,
        value: &Option<T>,
    ) -> Result<(), S::Error> {
        match value {
            Some(value) => self.map.serialize_entry(name, value),
            None => Ok(()),
        }
    }

    /// Writes the properties the model does not list, then ends the object.
    pub fn end<V: Serialize>(mut self, extra: &BTreeMap<String, V>) -> Result<S::Ok, S::Error> {
        for (name, value) in extra {
            self.map.serialize_entry(name, value)?;
        }
        self.map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::super::Nullable;
    use super::*;

    /// What the generator writes for a model with a required, an optional, a
    /// required nullable and an optional nullable property.
    #[derive(Debug, PartialEq)]
    struct Pet {
        id: String,
        tag: Option<String>,
        owner: Option<String>,
        note: Option<Nullable<String>>,
        additional_properties: BTreeMap<String, serde_json::Value>,
    }

    impl<'de> Deserialize<'de> for Pet {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserialize(deserializer)
        }
    }

    impl FromObject for Pet {
        const NAME: &'static str = "Pet";

        fn from_object<'de, A: MapAccess<'de>>(
            mut object: Reader<'de, A>,
        ) -> Result<Self, A::Error> {
            let mut slot_id = None;
            let mut slot_tag = None;
            let mut slot_owner = None;
            let mut slot_note = None;
            let mut additional_properties = BTreeMap::new();
            while let Some(key) = object.next_key()? {
                match key.as_str() {
                    "id" => object.value(&mut slot_id, "id")?,
                    "tag" => object.value(&mut slot_tag, "tag")?,
                    "owner" => object.value(&mut slot_owner, "owner")?,
                    "note" => object.value(&mut slot_note, "note")?,
                    _ => object.extra(key, &mut additional_properties)?,
                }
            }
            Ok(Self {
                id: object.required(slot_id, "id")?,
                tag: object.optional(slot_tag),
                owner: object.optional(slot_owner),
                note: slot_note,
                additional_properties,
            })
        }
    }

    impl Serialize for Pet {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut object = Writer::new(serializer)?;
            object.entry("id", &self.id)?;
            object.optional("tag", &self.tag)?;
            object.entry("owner", &self.owner)?;
            object.optional("note", &self.note)?;
            object.end(&self.additional_properties)
        }
    }

    fn read(json: &str) -> Result<Pet, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    #[test]
    fn reads_and_writes_back_what_it_was_given() {
        let json = r#"{"id":"1","tag":"cat","owner":null,"note":null,"z":[1],"a":{"b":true}}"#;
        let pet = read(json).unwrap();
        assert_eq!(pet.note, Some(Nullable::Null));
        assert_eq!(pet.owner, None);
        assert_eq!(
            pet.additional_properties.keys().collect::<Vec<_>>(),
            ["a", "z"]
        );
        assert_eq!(
            serde_json::to_string(&pet).unwrap(),
            r#"{"id":"1","tag":"cat","owner":null,"note":null,"a":{"b":true},"z":[1]}"#
        );
        let sparse = read(r#"{"id":"2"}"#).unwrap();
        assert_eq!((sparse.tag, sparse.note), (None, None));
    }

    #[test]
    fn refuses_what_the_derive_refused() {
        assert_eq!(
            read(r#"{"tag":"x"}"#).unwrap_err(),
            "missing field `id` at line 1 column 11"
        );
        assert_eq!(
            read(r#"{"id":"1","id":"2"}"#).unwrap_err(),
            "duplicate field `id` at line 1 column 14"
        );
        assert_eq!(
            read("[1]").unwrap_err(),
            "invalid type: sequence, expected a `Pet` object at line 1 column 0"
        );
        assert!(read(r#"{"id":7}"#)
            .unwrap_err()
            .starts_with("invalid type: integer `7`"));
    }

    #[test]
    fn escaped_names_are_matched_too() {
        let pet = read(r#"{"\u0069d":"1"}"#).unwrap();
        assert_eq!(pet.id, "1");
    }
}
