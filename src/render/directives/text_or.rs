//! [`TextOr`]: a YAML value that is either plain text or a mapping with more settings
//! (`- Task` or `- label: Task` with `hint:`), read so that the mapping's errors still name
//! its keys (an untagged enum would only say that nothing matched).

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};

/// Plain text, or a mapping read as `T`.
pub enum TextOr<T> {
    Text(String),
    Full(T),
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for TextOr<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for Visit<T> {
            type Value = TextOr<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("text, or a mapping of settings")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<TextOr<T>, E> {
                Ok(TextOr::Text(v.to_string()))
            }
            fn visit_map<M: MapAccess<'de>>(self, m: M) -> Result<TextOr<T>, M::Error> {
                let de = de::value::MapAccessDeserializer::new(m);
                T::deserialize(de).map(TextOr::Full)
            }
        }
        d.deserialize_any(Visit(std::marker::PhantomData))
    }
}
