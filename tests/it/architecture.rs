//! The shape of the source tree, held by a test: the modules depend on each other one
//! way only, the front ends stay thin and separate, and no file or drawing function
//! grows past what a reader takes in at once.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The longest a source file may be, in lines.
const MAX_FILE_LINES: usize = 800;
/// The longest a function that draws UI (`…_ui`) may be, in lines.
const MAX_UI_FN_LINES: usize = 80;
/// The top-level modules in the order the data flows: each may use only those before
/// it. A new module takes its place here.
const LAYERS: [&str; 11] = [
    "text", "dates", "export", "actors", "corpus", "extract", "query", "frames", "pipeline", "cli",
    "app",
];
/// The front ends; every module before them is the library core, which may use neither
/// of them nor a GUI crate.
const FRONT_ENDS: [&str; 2] = ["cli", "app"];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every source file with its text, relative path and top-level module (`None` for the
/// crate root and the binary).
fn sources() -> Vec<(String, Option<String>, String)> {
    let root = src();
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let relative = path
                .strip_prefix(&root)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            let module = match relative.split_once('/') {
                Some((dir, _)) => Some(dir.to_owned()),
                None if relative == "lib.rs" || relative == "main.rs" => None,
                None => Some(relative.trim_end_matches(".rs").to_owned()),
            };
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            (relative, module, text)
        })
        .collect()
}

/// The code of a file without its unit tests (a `#[cfg(test)]` module at the end of the
/// file, as every file here keeps them): tests may reach across layers.
fn without_tests(text: &str) -> &str {
    match text.find("#[cfg(test)]\nmod ") {
        Some(at) => &text[..at],
        None => text,
    }
}

/// The top-level modules a piece of code names through `crate::`.
fn crate_references(code: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    for (at, _) in code.match_indices("crate::") {
        // `$crate::` in macros and `newslens_crate::`-like names are not paths of ours.
        if at > 0 {
            let before = code.as_bytes()[at - 1];
            if before.is_ascii_alphanumeric() || before == b'_' || before == b'$' {
                continue;
            }
        }
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let inside = &group[..group.find('}').unwrap_or(group.len())];
            // Nested groups: only the first segment of each path at this level counts.
            let mut depth = 0;
            let mut start = 0;
            for (i, c) in inside.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        found.insert(ident(inside[start..i].trim()));
                        start = i + 1;
                    }
                    _ => {}
                }
            }
            found.insert(ident(inside[start..].trim()));
        } else {
            found.insert(ident(rest));
        }
    }
    found.retain(|m| !m.is_empty() && m.chars().next().is_some_and(|c| c.is_ascii_lowercase()));
    found
}

/// Which top-level module uses which, from every file's `crate::` paths.
fn module_graph() -> BTreeMap<String, BTreeSet<String>> {
    let sources = sources();
    // Items of the crate root (`crate::peak_memory_bytes`) are not modules.
    let modules: BTreeSet<String> = sources.iter().filter_map(|(_, m, _)| m.clone()).collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (_, module, text) in sources {
        let Some(module) = module else { continue };
        let uses = graph.entry(module.clone()).or_default();
        for other in crate_references(without_tests(&text)) {
            if other != module && modules.contains(&other) {
                uses.insert(other);
            }
        }
    }
    graph
}

/// A cycle in the graph, as the modules along it, if there is one.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        marks: &mut BTreeMap<String, Mark>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        match marks.get(node) {
            Some(Mark::Done) => return None,
            Some(Mark::Open) => {
                let from = path.iter().position(|n| n == node).unwrap_or(0);
                let mut cycle = path[from..].to_vec();
                cycle.push(node.to_owned());
                return Some(cycle);
            }
            None => {}
        }
        marks.insert(node.to_owned(), Mark::Open);
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, marks, path) {
                return Some(cycle);
            }
        }
        path.pop();
        marks.insert(node.to_owned(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    for node in graph.keys() {
        if let Some(cycle) = visit(node, graph, &mut marks, &mut Vec::new()) {
            return Some(cycle);
        }
    }
    None
}

#[test]
fn modules_depend_on_each_other_one_way() {
    let graph = module_graph();
    let listing: Vec<String> = graph
        .iter()
        .map(|(m, uses)| {
            format!(
                "{m} -> {}",
                uses.iter().cloned().collect::<Vec<_>>().join(", ")
            )
        })
        .collect();
    if let Some(cycle) = find_cycle(&graph) {
        panic!(
            "modules depend on each other in a circle: {}\n{}",
            cycle.join(" -> "),
            listing.join("\n")
        );
    }
    assert!(graph.contains_key("text"), "{}", listing.join("\n"));
    assert!(
        graph["text"].is_empty(),
        "the text helpers depend on nothing: {:?}",
        graph["text"]
    );
}

#[test]
fn modules_use_only_the_steps_before_them() {
    let mut wrong = Vec::new();
    for (module, uses) in module_graph() {
        let Some(at) = LAYERS.iter().position(|m| *m == module) else {
            wrong.push(format!(
                "src/{module} is not in LAYERS: give it its place in the flow"
            ));
            continue;
        };
        for other in uses {
            if !LAYERS[..at].contains(&other.as_str()) {
                wrong.push(format!("{module} uses {other}, which comes after it"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_core_knows_no_front_end() {
    for (path, module, text) in sources() {
        let Some(module) = module else { continue };
        let code = without_tests(&text);
        let uses = crate_references(code);
        if !FRONT_ENDS.contains(&module.as_str()) {
            for front in ["app", "cli"] {
                assert!(
                    !uses.contains(front),
                    "src/{path} (core) uses crate::{front}"
                );
            }
            for gui in ["egui", "eframe", "egui_plot", "egui_extras", "rfd"] {
                assert!(
                    !code.contains(&format!("{gui}::")),
                    "src/{path} (core) names the GUI crate {gui}"
                );
            }
        }
        if module == "cli" {
            assert!(
                !uses.contains("app"),
                "src/{path}: the command line names the app"
            );
        }
        if module == "app" {
            assert!(
                !uses.contains("cli"),
                "src/{path}: the app names the command line"
            );
        }
    }
}

#[test]
fn files_stay_short() {
    let long: Vec<String> = sources()
        .iter()
        .map(|(path, _, text)| (path, text.lines().count()))
        .filter(|(_, lines)| *lines > MAX_FILE_LINES)
        .map(|(path, lines)| format!("src/{path}: {lines} lines"))
        .collect();
    assert!(
        long.is_empty(),
        "files over {MAX_FILE_LINES} lines:\n{}",
        long.join("\n")
    );
}

#[test]
fn ui_functions_only_lay_out() {
    let mut long = Vec::new();
    for (path, _, text) in sources() {
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let trimmed = line.trim_start();
            let Some(at) = trimmed.find("fn ") else {
                continue;
            };
            let signature = &trimmed[at + 3..];
            let name: String = signature
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            let is_fn = trimmed[..at]
                .split_whitespace()
                .all(|w| matches!(w, "pub" | "pub(crate)" | "pub(super)" | "const" | "async"));
            if !is_fn || !name.ends_with("_ui") {
                continue;
            }
            // The function ends at the first closing brace at its own indentation.
            let indent = line.len() - trimmed.len();
            let closing = format!("{}}}", " ".repeat(indent));
            let end = lines[i..]
                .iter()
                .position(|l| *l == closing)
                .map_or(lines.len(), |k| i + k);
            let length = end - i + 1;
            if length > MAX_UI_FN_LINES {
                long.push(format!("src/{path}:{} {name}: {length} lines", i + 1));
            }
        }
    }
    assert!(
        long.is_empty(),
        "UI functions over {MAX_UI_FN_LINES} lines (compute data when it changes, split the layout):\n{}",
        long.join("\n")
    );
}

#[test]
fn references_are_read_from_paths() {
    let uses = crate_references(
        "use crate::{text::fold, dates::{A, B}};\nlet x = crate::frames::Frames::new(); $crate::no",
    );
    assert_eq!(
        uses.into_iter().collect::<Vec<_>>(),
        vec!["dates", "frames", "text"]
    );
}
