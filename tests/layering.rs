//! No circle in the module graph (issue 18, item 2): in either crate (the fact
//! model in `crates/facts`, the binary's library in `src/`), no module imports
//! one that imports it back, directly or through others.
//!
//! An edge `a → b` is a path in `a`'s file, code or macro body alike, that
//! names `b` or an item of `b`: `crate::b::…`, `$crate::b::…`, `super::…`,
//! `self::…`, or `b::…` for a child `b` of `a`, `use` groups expanded.
//! A path through a re-export goes on to the module the item comes from
//! (`super::Country` in `literal.rs` names `schema`, which `lib.rs` re-exports),
//! and a path into another crate (`crate::facts::…` in the binary) is no edge.
//! A child naming its parent (`super::FactBase`) is an edge like any other.
//! A parent's `mod child;` and its `pub use child::…` (the re-export that makes
//! the child's items the parent's) are not edges: they declare, they do not
//! use. Comments are not read; an inline module's `super::` is its file's.

#![cfg(test)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// A crate's modules: each module's path (`["load", "builder"]`) and its text.
struct Crate {
    modules: BTreeMap<Vec<String>, String>,
}

fn read_crate(src: &Path) -> Crate {
    let mut modules = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let mut entries: Vec<PathBuf> = fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.expect("entry").path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|x| x != "rs") {
                continue;
            }
            let relative = path.strip_prefix(src).expect("under src");
            let mut module: Vec<String> = relative
                .with_extension("")
                .iter()
                .map(|p| p.to_string_lossy().into_owned())
                .collect();
            match module.last().map(String::as_str) {
                // The binary's own root is a crate of its own, using the library by name.
                Some("main") if module.len() == 1 => continue,
                Some("lib") if module.len() == 1 => module.clear(),
                Some("mod") => {
                    module.pop();
                }
                _ => {}
            }
            let text = fs::read_to_string(&path).expect("readable");
            modules.insert(module, strip_comments(&text));
        }
    }
    Crate { modules }
}

/// The text without `//` and `/* */` comments (doc comments too); string
/// literals are kept as they are.
fn strip_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut in_string = false;
    while i < bytes.len() {
        let rest = &text[i..];
        if in_string {
            if rest.starts_with("\\\"") || rest.starts_with("\\\\") {
                out.push_str(&rest[..2]);
                i += 2;
                continue;
            }
            if rest.starts_with('"') {
                in_string = false;
            }
        } else if rest.starts_with("//") {
            i += rest.find('\n').unwrap_or(rest.len());
            continue;
        } else if rest.starts_with("/*") {
            i += rest.find("*/").map_or(rest.len(), |end| end + 2);
            continue;
        } else if rest.starts_with('"') && !text[..i].ends_with('\'') {
            in_string = true;
        }
        let c = rest.chars().next().expect("a char");
        out.push(c);
        i += c.len_utf8();
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Every path that starts at `at` in `text`: its segments, `use` groups
/// expanded (`a::{b, c::d}` is `a::b` and `a::c::d`).
fn paths_from(text: &str, at: usize) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    walk(text, at, Vec::new(), &mut found);
    found
}

fn walk(text: &str, mut at: usize, mut prefix: Vec<String>, found: &mut Vec<Vec<String>>) -> usize {
    loop {
        let rest = &text[at..];
        let skipped = rest.len() - rest.trim_start().len();
        at += skipped;
        let rest = &text[at..];
        if rest.starts_with('{') {
            // A group: each item a path of its own after the prefix.
            at += 1;
            loop {
                at = walk(text, at, prefix.clone(), found);
                let rest = &text[at..];
                let skipped = rest.len() - rest.trim_start().len();
                at += skipped;
                match text[at..].chars().next() {
                    Some(',') => at += 1,
                    Some('}') => return at + 1,
                    _ => return at,
                }
                let rest = &text[at..];
                if rest.trim_start().starts_with('}') {
                    return at + (rest.len() - rest.trim_start().len()) + 1;
                }
            }
        }
        let end = rest.find(|c: char| !is_ident(c)).unwrap_or(rest.len());
        if end == 0 {
            found.push(prefix);
            return at;
        }
        prefix.push(rest[..end].to_owned());
        at += end;
        if text[at..].starts_with("::") {
            at += 2;
        } else {
            found.push(prefix);
            return at;
        }
    }
}

/// The byte ranges of inline modules (`mod tests { … }`) in a file.
fn inline_modules(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    let mut from = 0;
    while let Some(found) = text[from..].find("mod ") {
        let start = from + found;
        from = start + 4;
        if text[..start].ends_with(is_ident) {
            continue;
        }
        let rest = &text[from..];
        let name_end = rest.find(|c: char| !is_ident(c)).unwrap_or(rest.len());
        let after = rest[name_end..].trim_start();
        if name_end == 0 || !after.starts_with('{') {
            continue;
        }
        let open = from + name_end + (rest[name_end..].len() - after.len());
        let mut depth = 0;
        for (i, c) in text[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        ranges.push(open..open + i);
                        break;
                    }
                }
                _ => {}
            }
        }
    }
    ranges
}

impl Crate {
    fn children(&self, module: &[String]) -> Vec<String> {
        self.modules
            .keys()
            .filter(|m| m.len() == module.len() + 1 && m.starts_with(module))
            .filter_map(|m| m.last().cloned())
            .collect()
    }

    /// `pub use` statements of `module`: each exported name with the path it names.
    fn reexports(&self, module: &[String]) -> BTreeMap<String, Vec<String>> {
        let text = &self.modules[module];
        let mut names = BTreeMap::new();
        for (at, _) in text.match_indices("pub use ") {
            for path in paths_from(text, at + "pub use ".len()) {
                let Some(last) = path.last() else { continue };
                // `a as b`: the group walk stops at `as`; read the alias.
                let statement = &text[at..text[at..].find(';').map_or(text.len(), |e| at + e)];
                let alias = statement
                    .split(&format!("{last} as "))
                    .nth(1)
                    .and_then(|s| s.split(|c: char| !is_ident(c)).next())
                    .unwrap_or(last);
                names.insert(alias.to_owned(), path);
            }
        }
        names
    }

    /// The module a path written in `module` names, or `None` outside the crate.
    fn resolve(&self, module: &[String], path: &[String], depth: usize) -> Option<Vec<String>> {
        if depth > 16 {
            return None;
        }
        let mut at: Vec<String> = module.to_vec();
        let mut segments = path.iter().peekable();
        match segments.peek().map(|s| s.as_str()) {
            Some("crate") => {
                at.clear();
                segments.next();
            }
            Some("self") => {
                segments.next();
            }
            Some("super") => {
                while segments.peek().map(|s| s.as_str()) == Some("super") {
                    at.pop()?;
                    segments.next();
                }
            }
            _ => {}
        }
        for segment in segments {
            if self.children(&at).contains(segment) {
                at.push(segment.clone());
                continue;
            }
            if let Some(target) = self.reexports(&at).get(segment) {
                // A name re-exported from another crate (`pub use facts;`) is no edge.
                let first = target.first()?;
                if !self.is_local(&at, first) {
                    return None;
                }
                return self.resolve(&at, target, depth + 1);
            }
            break;
        }
        Some(at)
    }

    /// Whether a path's first segment starts at the module itself or a child
    /// (and not at another crate: `std::…`, `facts::…`).
    fn is_local(&self, module: &[String], first: &str) -> bool {
        matches!(first, "crate" | "self" | "super")
            || self.children(module).iter().any(|c| c == first)
    }

    fn edges(&self) -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
        let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
        for (module, text) in &self.modules {
            let inline = inline_modules(text);
            let mut targets = BTreeSet::new();
            let reexport_spans: Vec<std::ops::Range<usize>> = text
                .match_indices("pub use ")
                .map(|(at, _)| at..text[at..].find(';').map_or(text.len(), |e| at + e))
                .collect();
            for (at, c) in text.char_indices() {
                if !is_ident(c) || text[..at].ends_with(|p: char| is_ident(p) || p == ':') {
                    continue;
                }
                if text[..at].ends_with("$") && !text[at..].starts_with("crate::") {
                    continue;
                }
                if text[..at].trim_end().ends_with("mod") {
                    continue;
                }
                let word_end = text[at..]
                    .find(|c: char| !is_ident(c))
                    .map_or(text.len(), |e| at + e);
                if !text[word_end..].starts_with("::") {
                    continue;
                }
                let first = &text[at..word_end];
                if !self.is_local(module, first) {
                    continue;
                }
                let in_reexport = reexport_spans.iter().any(|r| r.contains(&at));
                let in_inline = inline.iter().any(|r| r.contains(&at));
                for path in paths_from(text, at) {
                    // An inline module's `super::` is its file's own module.
                    let path: Vec<String> =
                        if in_inline && path.first().is_some_and(|s| s == "super") {
                            path.into_iter().skip(1).collect()
                        } else {
                            path
                        };
                    if in_reexport
                        && path
                            .first()
                            .is_some_and(|s| self.children(module).contains(s))
                    {
                        continue;
                    }
                    if let Some(target) = self.resolve(module, &path, 0)
                        && &target != module
                    {
                        targets.insert(target);
                    }
                }
            }
            edges.insert(module.clone(), targets);
        }
        edges
    }
}

/// The circles of a graph: its strongly connected components of more than
/// one module (each module reaches every other one of its component and is
/// reached back), each component's modules in order.
fn cycles(edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Vec<Vec<Vec<String>>> {
    let reach = |from: &Vec<String>| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.clone()];
        while let Some(at) = stack.pop() {
            for next in edges.get(&at).into_iter().flatten() {
                if seen.insert(next.clone()) {
                    stack.push(next.clone());
                }
            }
        }
        seen
    };
    let reached: BTreeMap<&Vec<String>, BTreeSet<Vec<String>>> =
        edges.keys().map(|m| (m, reach(m))).collect();
    let mut placed = BTreeSet::new();
    let mut found = Vec::new();
    for module in edges.keys() {
        if placed.contains(module) || !reached[module].contains(module) {
            continue;
        }
        let component: Vec<Vec<String>> = reached[module]
            .iter()
            .filter(|other| reached[*other].contains(module))
            .cloned()
            .collect();
        placed.extend(component.iter().cloned());
        found.push(component);
    }
    found
}

fn name(module: &[String]) -> String {
    if module.is_empty() {
        "crate".to_owned()
    } else {
        module.join("::")
    }
}

fn check(src: &str) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(src);
    let krate = read_crate(&root);
    cycles(&krate.edges())
        .iter()
        .map(|cycle| {
            let names: Vec<String> = cycle.iter().map(|m| name(m)).collect();
            format!("{src}: {}", names.join(" → "))
        })
        .collect()
}

/// The fact model stands in layers (`crates/facts/src/lib.rs` names them): the
/// field types read and build through `Store`, `Builder` and `Resolver`, which
/// know no record kind, and the schema's kinds sit above them.
#[test]
fn no_module_of_the_fact_model_imports_one_that_imports_it_back() {
    let found = check("crates/facts/src");
    assert!(found.is_empty(), "circles:\n{}", found.join("\n"));
}

#[test]
fn no_module_of_the_binary_imports_one_that_imports_it_back() {
    let found = check("src");
    assert!(found.is_empty(), "circles:\n{}", found.join("\n"));
}

/// The test reads what it should: a circle written into a copy of a crate is found.
#[test]
fn a_circle_through_a_macro_body_and_a_reexport_is_found() {
    let mut modules = BTreeMap::new();
    let m = |s: &str| {
        s.split("::")
            .filter(|p| !p.is_empty())
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    modules.insert(m(""), "mod a;\nmod b;\npub use b::Thing;\n".to_owned());
    modules.insert(
        m("a"),
        "macro_rules! x { () => { $crate::Thing::new() } }\n".to_owned(),
    );
    modules.insert(
        m("b"),
        "use super::{a::{self}, Other};\n// crate::c::D\n".to_owned(),
    );
    let krate = Crate { modules };
    let found = cycles(&krate.edges());
    assert_eq!(found, vec![vec![m("a"), m("b")]], "{:?}", krate.edges());
}

/// Files stay focused (issue 18, item 1): no source file of either crate is
/// over 600 lines; one that grows past it splits along a seam.
#[test]
fn no_source_file_is_over_600_lines() {
    let mut long = Vec::new();
    let mut stack: Vec<PathBuf> = ["crates/facts/src", "src"]
        .iter()
        .map(|src| Path::new(env!("CARGO_MANIFEST_DIR")).join(src))
        .collect();
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).expect("a source folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "rs") {
                let lines = fs::read_to_string(&path).expect("readable").lines().count();
                if lines > 600 {
                    long.push(format!("{}: {lines} lines", path.display()));
                }
            }
        }
    }
    assert!(long.is_empty(), "{}", long.join("\n"));
}
