//! A record's list: 4 bytes that say where its items are in one of the base's
//! arenas (`Arenas` in the crate root).

use crate::literal::Literal;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::fmt::Write as _;
use std::marker::PhantomData;

/// A list of a record, in 4 bytes: where it starts in one of the base's shared
/// arrays (`Arenas`), whose entry there counts the items that follow it; an empty
/// list has no entry at all. A record holds no allocation of its own (a million
/// events would otherwise make millions of small ones), and seven lists an event
/// cost 28 bytes, not 56. Read it with `FactBase::list`.
pub struct List<T> {
    pub(crate) at: u32,
    of: PhantomData<fn() -> T>,
}

/// Where no list is.
const NO_LIST: u32 = u32::MAX;

impl<T> List<T> {
    /// The list whose raw form `literal` wrote.
    pub const fn from_raw(at: u32) -> List<T> {
        List {
            at,
            of: PhantomData,
        }
    }

    pub fn is_empty(self) -> bool {
        self.at == NO_LIST
    }

    pub(crate) fn at(at: usize) -> List<T> {
        List {
            at: at as u32,
            of: PhantomData,
        }
    }

    /// The same list once its arena has `by` more entries in front of it.
    pub(crate) fn shifted(self, by: u32) -> List<T> {
        if self.is_empty() {
            return self;
        }
        List {
            at: self.at + by,
            of: PhantomData,
        }
    }
}

impl<T> Clone for List<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for List<T> {}

// By hand: derived impls would ask `T` to be serializable, and a list is a place.
impl<T> Serialize for List<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.at.serialize(serializer)
    }
}

impl<'de, T> Deserialize<'de> for List<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(List {
            at: u32::deserialize(deserializer)?,
            of: PhantomData,
        })
    }
}

impl<T> Default for List<T> {
    fn default() -> Self {
        List {
            at: NO_LIST,
            of: PhantomData,
        }
    }
}

impl<T> fmt::Debug for List<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "List({})", self.at)
    }
}

impl<T> Literal for List<T> {
    fn literal(&self, out: &mut String) {
        let _ = write!(out, "List::from_raw({})", self.at);
    }
}
