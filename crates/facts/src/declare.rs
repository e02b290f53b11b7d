//! How the fact file's schema is declared: the `declare!` and `words!` macros that
//! `schema.rs` invokes once, and what they make of each field. A field is a name,
//! a field type (`field.rs`: how it is read, checked, stored, shown) and one line
//! of doc; from these come the record structs, their building from TOML, their
//! lists' shifting, their references' resolving, their records for renderers, and
//! the static description (`FieldDecl`) the JSON Schema, the docs and `--fields`
//! read.

// The declaration types, as kzfp's modules name them (facts::declare::Sink).
pub use super::decl::{FieldDecl, FieldRole, Shape, Shown, Sink, Table, TableDecl, Type};
pub use super::words::Words;

/// The schema: the fields every record starts with (`head`) and ends with
/// (`tail`), a figure's fields, then each kind of record with the columns a
/// table shows of it and its own fields.
macro_rules! declare {
    (
        head $head:tt
        tail $tail:tt
        $(#[doc = $figure_doc:literal])*
        table $figure:ident $figure_word:literal { $(#[doc = $fdoc:literal] #[tr = $ftr:literal] $(#[role = $frole:ident])? $ff:ident: $fty:ty,)* }
        $($(#[doc = $kdoc:literal])* record $kind:ident $word:literal [$($column:ident $(/ $rank:literal)?),*] $own:tt)*
    ) => {
        $crate::declare::declare!(@meta $head $tail);

        // The struct is `figure.rs`' (the arenas hold figures); its fields are
        // these: `build` names each, so a field missing there does not compile.
        impl $figure {
            pub const DECL: $crate::decl::TableDecl = $crate::decl::TableDecl {
                word: $figure_word,
                doc: concat!($($figure_doc),*),
                fields: &[$($crate::declare::declare!(@decl $ff $fty, $fdoc, $ftr, $($frole)?),)*],
                names: &[$(stringify!($ff)),*],
                columns: &[$(stringify!($ff)),*],
                ranks: &[],
            };

            $crate::declare::declare!(@build $figure [] { $($ff: $fty,)* });
        }

        impl $crate::decl::Table for $figure {
            const DECL: $crate::decl::TableDecl = $figure::DECL;
            fn build(
                b: &mut $crate::builder::Builder,
                fields: &mut $crate::value::Fields,
                at: std::ops::Range<usize>,
            ) -> Self {
                $figure::build(b, fields, at)
            }
        }

        impl $crate::literal::Literal for $figure {
            fn literal(&self, out: &mut String) {
                out.push_str(concat!(stringify!($figure), " {"));
                $(
                    out.push_str(concat!(stringify!($ff), ": "));
                    $crate::literal::Literal::literal(&self.$ff, out);
                    out.push_str(", ");
                )*
                out.push('}');
            }
        }

        impl $crate::decl::Shown for $figure {
            fn show<S: $crate::decl::Sink>(&self, store: &$crate::store::Store, sink: &mut S) {
                use $crate::field::FieldType;
                $(<$fty>::show(&self.$ff, store, stringify!($ff), sink);)*
            }
        }

        $($crate::declare::declare!(@record $head $tail $(#[doc = $kdoc])* $kind $word [$($column $(/ $rank)?),*] $own);)*

        /// Every kind of record, as the schema declares it.
        pub const RECORDS: &[&$crate::decl::TableDecl] = &[$(&$kind::DECL),*];
    };

    // A table's `build` from its TOML fields (a record's `meta` first, from
    // `Meta`); what is left over is unknown.
    (@build $name:ident [$($meta:ident)?] { $($f:ident: $ty:ty,)* }) => {
        /// The table as the file gives it; its problems go to `b`.
        pub(super) fn build(
            b: &mut $crate::builder::Builder,
            fields: &mut $crate::value::Fields,
            record: std::ops::Range<usize>,
        ) -> Self {
            use $crate::field::FieldType;
            let mut ctx = $crate::field::Ctx::new(record);
            let built = $name {
                $(meta: $meta::build(b, fields, &mut ctx),)?
                $($f: <$ty>::build(b, fields.take(stringify!($f)), stringify!($f), &mut ctx),)*
            };
            ctx.finish(b, fields, &Self::DECL);
            built
        }
    };

    // A column's rank: how long it stays as the terminal narrows (none: always).
    (@rank) => { 0 };
    (@rank $rank:literal) => { $rank };

    (@decl $name:ident $ty:ty, $doc:literal, $tr:literal, $($role:ident)?) => {
        $crate::decl::FieldDecl {
            name: stringify!($name),
            ty: <$ty as $crate::field::FieldType>::TYPE,
            doc: $doc,
            header_tr: $tr,
            role: $crate::declare::declare!(@role $($role)?),
        }
    };

    // A field declared the record's name in the language asked for sets it.
    (@name $name:ident, $turkish:ident, $value:expr, Name) => { if !$turkish { $name = $value; } };
    (@name $name:ident, $turkish:ident, $value:expr, NameTr) => { if $turkish { $name = $value; } };
    (@name $name:ident, $turkish:ident, $value:expr, $($role:ident)?) => {};

    // What a field is to kzfp besides its type (none: only itself).
    (@role) => { None };
    (@role $role:ident) => { Some($crate::decl::FieldRole::$role) };

    (@meta
        { $(#[doc = $hdoc:literal] #[tr = $htr:literal] $(#[role = $hrole:ident])? $hf:ident: $hty:ty,)* }
        { $(#[doc = $tdoc:literal] #[tr = $ttr:literal] $(#[role = $trole:ident])? $tf:ident: $tty:ty,)* }
    ) => {
        /// The fields every record has.
        #[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
        pub struct Meta {
            $(#[doc = $hdoc] pub $hf: <$hty as $crate::field::FieldType>::Fact,)*
            $(#[doc = $tdoc] pub $tf: <$tty as $crate::field::FieldType>::Fact,)*
        }

        impl Meta {
            /// The fields every record has, as declared.
            pub const FIELDS: &'static [$crate::decl::FieldDecl] = &[
                $($crate::declare::declare!(@decl $hf $hty, $hdoc, $htr, $($hrole)?),)*
                $($crate::declare::declare!(@decl $tf $tty, $tdoc, $ttr, $($trole)?),)*
            ];

            fn build(
                b: &mut $crate::builder::Builder,
                fields: &mut $crate::value::Fields,
                ctx: &mut $crate::field::Ctx,
            ) -> Meta {
                use $crate::field::FieldType;
                Meta {
                    $($hf: <$hty>::build(b, fields.take(stringify!($hf)), stringify!($hf), ctx),)*
                    $($tf: <$tty>::build(b, fields.take(stringify!($tf)), stringify!($tf), ctx),)*
                }
            }

            /// Moves the lists past `by` entries of the parts in front of theirs;
            /// `arenas` are still their own part's.
            pub(super) fn shift(&mut self, by: $crate::store::Shift, arenas: &mut $crate::store::Arenas) {
                use $crate::field::FieldType;
                $(<$hty>::shift(&mut self.$hf, by, arenas);)*
                $(<$tty>::shift(&mut self.$tf, by, arenas);)*
            }

            fn literal(&self, out: &mut String) {
                out.push_str("Meta {");
                $(
                    out.push_str(concat!(stringify!($hf), ": "));
                    $crate::literal::Literal::literal(&self.$hf, out);
                    out.push_str(", ");
                )*
                $(
                    out.push_str(concat!(stringify!($tf), ": "));
                    $crate::literal::Literal::literal(&self.$tf, out);
                    out.push_str(", ");
                )*
                out.push('}');
            }

            fn show_head<S: $crate::decl::Sink>(&self, store: &$crate::store::Store, sink: &mut S) {
                use $crate::field::FieldType;
                $(<$hty>::show(&self.$hf, store, stringify!($hf), sink);)*
            }

            fn show_tail<S: $crate::decl::Sink>(&self, store: &$crate::store::Store, sink: &mut S) {
                use $crate::field::FieldType;
                $(<$tty>::show(&self.$tf, store, stringify!($tf), sink);)*
            }
        }
    };

    (@record
        { $(#[doc = $hdoc:literal] #[tr = $htr:literal] $(#[role = $hrole:ident])? $hf:ident: $hty:ty,)* }
        { $(#[doc = $tdoc:literal] #[tr = $ttr:literal] $(#[role = $trole:ident])? $tf:ident: $tty:ty,)* }
        $(#[doc = $kdoc:literal])* $kind:ident $word:literal [$($column:ident $(/ $rank:literal)?),*]
        { $(#[doc = $fdoc:literal] #[tr = $ftr:literal] $(#[role = $frole:ident])? $f:ident: $ty:ty,)* }
    ) => {
        $(#[doc = $kdoc])*
        #[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
        pub struct $kind {
            pub meta: Meta,
            $(#[doc = $fdoc] pub $f: <$ty as $crate::field::FieldType>::Fact,)*
        }

        impl $kind {
            pub const DECL: $crate::decl::TableDecl = $crate::decl::TableDecl {
                word: $word,
                doc: concat!($($kdoc),*),
                fields: &[
                    $($crate::declare::declare!(@decl $hf $hty, $hdoc, $htr, $($hrole)?),)*
                    $($crate::declare::declare!(@decl $f $ty, $fdoc, $ftr, $($frole)?),)*
                    $($crate::declare::declare!(@decl $tf $tty, $tdoc, $ttr, $($trole)?),)*
                ],
                names: &[$(stringify!($hf),)* $(stringify!($f),)* $(stringify!($tf),)*],
                columns: &[$(stringify!($column)),*],
                ranks: &[$($crate::declare::declare!(@rank $($rank)?)),*],
            };

            $crate::declare::declare!(@build $kind [Meta] { $($f: $ty,)* });

            /// Moves the lists past `by` entries of the parts in front of theirs.
            pub(super) fn shift(&mut self, by: $crate::store::Shift, arenas: &mut $crate::store::Arenas) {
                use $crate::field::FieldType;
                self.meta.shift(by, arenas);
                $(<$ty>::shift(&mut self.$f, by, arenas);)*
            }

            /// Turns the ids this record's lists name into indexes of their records.
            pub(super) fn resolve(
                &self,
                resolver: &mut $crate::resolver::Resolver,
                arenas: &mut $crate::store::Arenas,
            ) {
                use $crate::field::FieldType;
                $(<$ty>::resolve(&self.$f, resolver, arenas, stringify!($f));)*
                let _ = (resolver, arenas);
            }

            /// The record's name, in Turkish or in English: the fields the schema
            /// declares `NameTr` and `Name`.
            pub fn display_name(&self, turkish: bool) -> Option<$crate::string::Str> {
                use $crate::field::FieldType;
                let mut name = None;
                $($crate::declare::declare!(@name name, turkish, <$ty>::one_str(&self.$f), $($frole)?);)*
                name
            }

            /// The names the record answers to besides its id and aliases.
            pub fn names(&self) -> Vec<$crate::string::Str> {
                use $crate::field::FieldType;
                let mut names = Vec::new();
                $(<$ty>::names(&self.$f, &mut names);)*
                names
            }

            /// Turns the ids this record holds itself into indexes.
            pub(super) fn resolve_held(&mut self, resolver: &mut $crate::resolver::Resolver) {
                use $crate::field::FieldType;
                $(<$ty>::resolve_held(&mut self.$f, resolver, stringify!($f));)*
                let _ = resolver;
            }
        }

        impl $crate::literal::Literal for $kind {
            fn literal(&self, out: &mut String) {
                out.push_str(concat!(stringify!($kind), " { meta: "));
                self.meta.literal(out);
                $(
                    out.push_str(concat!(", ", stringify!($f), ": "));
                    $crate::literal::Literal::literal(&self.$f, out);
                )*
                out.push_str(" }");
            }
        }

        impl $crate::decl::Shown for $kind {
            fn show<S: $crate::decl::Sink>(&self, store: &$crate::store::Store, sink: &mut S) {
                use $crate::field::FieldType;
                self.meta.show_head(store, sink);
                $(<$ty>::show(&self.$f, store, stringify!($f), sink);)*
                self.meta.show_tail(store, sink);
            }
        }
    };
}
pub(crate) use declare;
