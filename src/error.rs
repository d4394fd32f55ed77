//! The one error type of the crate: an opaque [`Error`] over a public [`ErrorKind`].

use std::fmt;

/// A shorthand for results whose error is [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// Why a comparison could not be made. Its `Display` is a sentence a user can act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
}

/// The kinds of [`Error`]. New kinds may be added, so match with a wildcard arm.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Fewer than two sources have any text in them.
    TooFewSources {
        /// How many sources were given.
        given: usize,
        /// How many of them have text other than whitespace.
        usable: usize,
    },
    /// More sources than [`crate::Limits::max_sources`].
    TooManySources {
        /// How many sources were given.
        given: usize,
        /// The limit.
        max: usize,
    },
    /// The inputs together are longer than [`crate::Limits::max_total_bytes`].
    InputTooLarge {
        /// Total length of all texts, in UTF-8 bytes.
        len: usize,
        /// The limit, in UTF-8 bytes.
        max: usize,
    },
    /// An option is outside its allowed range.
    InvalidOption {
        /// The option's name as it appears in the JSON and on the command line.
        name: &'static str,
        /// What the option accepts.
        expected: &'static str,
    },
    /// The inputs could not be read (a wrong type from JS, bad JSON, and so on).
    InvalidInput {
        /// What was wrong, in words.
        message: String,
    },
}

impl Error {
    /// Makes an error of the given kind.
    pub fn new(kind: ErrorKind) -> Error {
        Error { kind }
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// An [`ErrorKind::InvalidInput`] error with the given message.
    pub fn invalid_input(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::InvalidInput {
            message: message.into(),
        })
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::TooFewSources { given: 0, .. } => {
                write!(f, "No sources given: add at least two texts to compare.")
            }
            ErrorKind::TooFewSources { given, usable } => write!(
                f,
                "At least two sources with text are needed to compare; \
                 {given} given, {usable} with text."
            ),
            ErrorKind::TooManySources { given, max } => write!(
                f,
                "Too many sources: {given} given, at most {max} can be compared at once."
            ),
            ErrorKind::InputTooLarge { len, max } => write!(
                f,
                "The texts are too long: {} in all, the limit is {}.",
                human_bytes(*len),
                human_bytes(*max)
            ),
            ErrorKind::InvalidOption { name, expected } => {
                write!(f, "Option `{name}` must be {expected}.")
            }
            ErrorKind::InvalidInput { message } => write!(f, "Invalid input: {message}"),
        }
    }
}

impl std::error::Error for Error {}

fn human_bytes(n: usize) -> String {
    const MIB: f64 = 1024.0 * 1024.0;
    if n >= 1024 * 1024 {
        format!("{:.1} MiB", n as f64 / MIB)
    } else if n >= 1024 {
        format!("{:.1} KiB", n as f64 / 1024.0)
    } else {
        format!("{n} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_offending_values() {
        let cases = [
            (
                ErrorKind::TooFewSources {
                    given: 0,
                    usable: 0,
                },
                "No sources given: add at least two texts to compare.",
            ),
            (
                ErrorKind::TooFewSources {
                    given: 3,
                    usable: 1,
                },
                "At least two sources with text are needed to compare; 3 given, 1 with text.",
            ),
            (
                ErrorKind::InputTooLarge {
                    len: 50 * 1024 * 1024,
                    max: 32 * 1024 * 1024,
                },
                "The texts are too long: 50.0 MiB in all, the limit is 32.0 MiB.",
            ),
            (
                ErrorKind::InvalidOption {
                    name: "min_score",
                    expected: "a number from 0 to 1",
                },
                "Option `min_score` must be a number from 0 to 1.",
            ),
        ];
        for (kind, want) in cases {
            assert_eq!(Error::new(kind).to_string(), want);
        }
    }
}
