//! The words of a kind value (`state`, `un-organ`), each with its Turkish: the
//! `Words` trait and the `words!` macro that declares such a value once.

/// The words of a kind value, in the order the schema gives them.
pub trait Words: Copy + 'static {
    const WORDS: &'static [&'static str];
    /// Each word's Turkish, in the same order.
    const WORDS_TR: &'static [&'static str];
    const ALL: &'static [Self];
    fn word(self) -> &'static str;
    fn word_tr(self) -> &'static str;
}

/// The words a kind value (`state`, `un-organ`) has in the fact file and JSON,
/// each with its Turkish (`State = "state" / "devlet"`).
macro_rules! words {
    ($(#[doc = $doc:literal])* $name:ident { $first:ident = $first_word:literal / $first_tr:literal $(, $variant:ident = $word:literal / $tr:literal)* $(,)? }) => {
        $(#[doc = $doc])*
        #[derive(serde::Deserialize, serde::Serialize, Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
        pub enum $name {
            #[default]
            #[serde(rename = $first_word)]
            $first,
            $(#[serde(rename = $word)] $variant,)*
        }

        impl $crate::words::Words for $name {
            const WORDS: &'static [&'static str] = &[$first_word $(, $word)*];
            const WORDS_TR: &'static [&'static str] = &[$first_tr $(, $tr)*];
            const ALL: &'static [$name] = &[$name::$first $(, $name::$variant)*];
            fn word(self) -> &'static str {
                match self {
                    $name::$first => $first_word,
                    $($name::$variant => $word,)*
                }
            }
            fn word_tr(self) -> &'static str {
                match self {
                    $name::$first => $first_tr,
                    $($name::$variant => $tr,)*
                }
            }
        }

        impl $crate::literal::Literal for $name {
            fn literal(&self, out: &mut String) {
                out.push_str(match self {
                    $name::$first => concat!(stringify!($name), "::", stringify!($first)),
                    $($name::$variant => concat!(stringify!($name), "::", stringify!($variant)),)*
                });
            }
        }

        impl $name {
            pub const ALL: &'static [$name] = <$name as $crate::words::Words>::ALL;
            pub fn word(self) -> &'static str {
                <$name as $crate::words::Words>::word(self)
            }
            pub fn word_tr(self) -> &'static str {
                <$name as $crate::words::Words>::word_tr(self)
            }
        }
    };
}
pub(crate) use words;
