//! The WebAssembly adapter: decode from JS, call the core, encode for JS. No logic.

use crate::model::{DiffOptions, Input, Options};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Runs once when the module is instantiated: routes Rust panics to the page.
///
/// A panic aborts the instance (the release build uses `panic = "abort"`), so
/// before that happens the message goes to `console.error` and, if the host set
/// `globalThis.parallaxPanicHook` to a function, to that function. The page's
/// worker uses it to say what went wrong and then starts a fresh instance.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&JsValue::from_str(&message));
        let global = js_sys::global();
        if let Ok(hook) = js_sys::Reflect::get(&global, &JsValue::from_str("parallaxPanicHook")) {
            if let Some(hook) = hook.dyn_ref::<js_sys::Function>() {
                let _ = hook.call1(&JsValue::NULL, &JsValue::from_str(&message));
            }
        }
    }));
}

/// The version of Parallax.
#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_string()
}

/// The TypeScript types of what crosses into JS: the report, the options, the
/// inputs (src/ts/types.d.ts, checked against the Rust types by a test).
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("ts/types.d.ts");

/// Compares sources: `inputs` is an array of `{title, text}` or `{title, html}`
/// (with optional `format`, `overrides`, `author`, `date` and `url`), `options` an
/// object with any of the [`Options`] fields (or `undefined`). Returns the report
/// object. If `progress` is a function, it is called as
/// `progress(stage, done, total)` as each input is read and segmented and as each
/// later step (`aligning`, `reporting`) begins.
///
/// # Errors
///
/// Throws a JS `Error` with a readable message for bad inputs or options.
#[wasm_bindgen(unchecked_return_type = "Report")]
pub fn compare(
    #[wasm_bindgen(unchecked_param_type = "Input[]")] inputs: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Options | undefined")] options: Option<JsValue>,
    #[wasm_bindgen(
        unchecked_param_type = "((stage: Stage, done: number, total: number) => void) | undefined"
    )]
    progress: Option<js_sys::Function>,
) -> Result<JsValue, JsError> {
    let inputs: Vec<Input> = decode(
        inputs,
        "inputs",
        "an array of {title, text} or {title, html} objects",
    )?;
    let options: Options = decode_or_default(options.unwrap_or(JsValue::UNDEFINED), "options")?;
    let report = crate::compare::compare_with_progress(&inputs, &options, &mut |p| {
        if let Some(f) = &progress {
            // A throwing callback is the host's business; the comparison goes on.
            let _ = f.call3(
                &JsValue::NULL,
                &JsValue::from_str(p.stage.name()),
                &JsValue::from(p.done as u32),
                &JsValue::from(p.total as u32),
            );
        }
    })
    .map_err(|e| JsError::new(&e.to_string()))?;
    encode(&report)
}

/// Reads one source on its own: `input` is `{title, text}` or `{title, html}`
/// (with optional `format` and `overrides`). Returns the [`crate::Document`]: its
/// text, classified blocks, reader comments, headline, author, date and language.
///
/// # Errors
///
/// Throws a JS `Error` with a readable message when `input` is not such an object.
#[wasm_bindgen(unchecked_return_type = "Document")]
pub fn ingest(
    #[wasm_bindgen(unchecked_param_type = "Input")] input: JsValue,
) -> Result<JsValue, JsError> {
    let input: Input = decode_one(input, "input", "a {title, text} or {title, html} object")?;
    let document = crate::ingest(&input).map_err(|e| JsError::new(&e.to_string()))?;
    encode(&document)
}

/// Diffs two passages word by word. Offsets in the result are UTF-16 code units
/// into `old` and `new`.
///
/// # Errors
///
/// Throws when `options` is not an object of [`DiffOptions`] fields.
#[wasm_bindgen(unchecked_return_type = "WordDiff")]
pub fn diff(
    old: &str,
    new: &str,
    #[wasm_bindgen(unchecked_param_type = "DiffOptions | undefined")] options: Option<JsValue>,
) -> Result<JsValue, JsError> {
    let options: DiffOptions = decode_or_default(options.unwrap_or(JsValue::UNDEFINED), "options")?;
    encode(&crate::word_diff(old, new, &options))
}

/// Fails on purpose, so tests and embedders can check that the page survives a
/// failure of the core and keeps the user's text. With `kind` `"oom"` it runs the
/// instance out of memory (allocating without touching the pages, so the browser
/// commits little), which traps without a panic message, as a real one does; any
/// other `kind` panics.
#[wasm_bindgen(js_name = crashForTesting)]
pub fn crash_for_testing(kind: Option<String>) {
    if kind.as_deref() == Some("oom") {
        // Each 256 MiB is kept forever; wasm32 memory ends at 4 GiB, so within
        // sixteen rounds growing memory fails and the allocator aborts the instance.
        loop {
            let block: Vec<u8> = Vec::with_capacity(256 << 20);
            std::hint::black_box(block.leak());
        }
    }
    panic!("crash requested by crashForTesting()");
}

fn decode<T: serde::de::DeserializeOwned>(
    value: JsValue,
    what: &str,
    expected: &str,
) -> Result<T, JsError> {
    if value.is_undefined() || value.is_null() {
        return Err(JsError::new(&format!(
            "Invalid input: `{what}` is missing; expected {expected}."
        )));
    }
    if !js_sys::Array::is_array(&value) {
        let got = value.js_typeof().as_string().unwrap_or_default();
        return Err(JsError::new(&format!(
            "Invalid input: `{what}` must be {expected} (got a {got})."
        )));
    }
    // Straight from JS: a 20 MB paste is not copied through an intermediate value.
    serde_wasm_bindgen::from_value(value).map_err(|e| {
        let detail = e.to_string();
        let detail = detail.trim_start_matches("Error: ");
        JsError::new(&format!(
            "Invalid input: `{what}` must be {expected} ({detail})."
        ))
    })
}

/// Decodes one object (not an array) straight from JS.
fn decode_one<T: serde::de::DeserializeOwned>(
    value: JsValue,
    what: &str,
    expected: &str,
) -> Result<T, JsError> {
    if !value.is_object() || js_sys::Array::is_array(&value) {
        return Err(JsError::new(&format!(
            "Invalid input: `{what}` must be {expected}."
        )));
    }
    serde_wasm_bindgen::from_value(value).map_err(|e| {
        let detail = e.to_string();
        let detail = detail.trim_start_matches("Error: ");
        JsError::new(&format!(
            "Invalid input: `{what}` must be {expected} ({detail})."
        ))
    })
}

/// Decodes options strictly. serde-wasm-bindgen reads only the fields a struct
/// names (its `deny_unknown_fields` is not honoured), which would let a misspelt
/// option such as `minScore` pass silently; so the object's own keys are first
/// checked against the struct's field names, and a key it does not name is an
/// error worded as serde words it.
fn decode_or_default<T: serde::de::DeserializeOwned + Default>(
    value: JsValue,
    what: &str,
) -> Result<T, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    let invalid = |detail: String| {
        JsError::new(&format!(
            "Invalid `{what}`: {}.",
            detail.trim_start_matches("Error: ")
        ))
    };
    // serde-wasm-bindgen would read an array's fields by name as well, find none
    // and give the defaults.
    if js_sys::Array::is_array(&value) {
        let error: serde::de::value::Error = serde::de::Error::invalid_type(
            serde::de::Unexpected::Seq,
            &"an object of named options",
        );
        return Err(invalid(error.to_string()));
    }
    if let Some(object) = value.dyn_ref::<js_sys::Object>() {
        let fields = field_names::<T>();
        for key in js_sys::Object::keys(object).iter() {
            let key = key.as_string().unwrap_or_default();
            if !fields.contains(&key.as_str()) {
                let error: serde::de::value::Error = serde::de::Error::unknown_field(&key, fields);
                return Err(invalid(error.to_string()));
            }
        }
    }
    serde_wasm_bindgen::from_value(value).map_err(|e| invalid(e.to_string()))
}

/// The field names of a struct, as its `Deserialize` implementation asks for them.
fn field_names<T: serde::de::DeserializeOwned>() -> &'static [&'static str] {
    let mut fields: &'static [&'static str] = &[];
    // The deserializer records the names and then declines, so the error is expected.
    let _ = T::deserialize(FieldNames(&mut fields));
    fields
}

/// A deserializer that answers no question, except that it notes which fields a
/// struct asks for.
struct FieldNames<'a>(&'a mut &'static [&'static str]);

impl<'de> serde::Deserializer<'de> for FieldNames<'_> {
    type Error = serde::de::value::Error;

    fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(serde::de::Error::custom(
            "only a struct's field names are read",
        ))
    }

    fn deserialize_struct<V: serde::de::Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        *self.0 = fields;
        self.deserialize_any(visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
        byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map
        enum identifier ignored_any
    }
}

fn encode<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("Could not encode the result: {e}")))
}
