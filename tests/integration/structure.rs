//! The app's layers hold: the picture (`show`, the 3D view in `scene`, the interface
//! in `screen`) imports neither the recorder nor the scenario player, neither of them
//! imports the picture, the 3D view imports nothing of the interface, what paper
//! shares with the screen lives in `look` (the reports and `simulate` import no
//! picture code), the simulation imports no texts and no crash report, and no files
//! import each other in a circle. Read from the source: every `crate::…` and `super::…` path, and every child
//! module a `mod.rs` uses, is an edge from its file to the file that defines it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Module = Vec<String>;

/// Every source file of the library, by its module path (`screen::controls`).
fn modules(src: &Path) -> BTreeMap<Module, PathBuf> {
    let mut out = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") || path.ends_with("src/main.rs") {
                continue;
            }
            let rel = path.strip_prefix(src).unwrap().with_extension("");
            let mut module: Module = rel.iter().map(|s| s.to_string_lossy().into()).collect();
            if matches!(module.last().map(String::as_str), Some("mod" | "lib")) {
                module.pop();
            }
            out.insert(module, path);
        }
    }
    out
}

/// The file that defines `path`: its longest prefix that is a module.
fn resolve<'a>(files: &'a BTreeMap<Module, PathBuf>, path: &[String]) -> Option<&'a Module> {
    (0..=path.len())
        .rev()
        .find_map(|n| files.get_key_value(&path[..n]).map(|(k, _)| k))
}

/// What each file imports, by module. Test modules at the end of a file are left out,
/// as are comments.
fn imports(files: &BTreeMap<Module, PathBuf>) -> BTreeMap<Module, BTreeSet<Module>> {
    let mut edges = BTreeMap::new();
    for (module, path) in files {
        let text = std::fs::read_to_string(path).unwrap();
        let text = text.split("#[cfg(test)]").next().unwrap();
        let code: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        let parent: Module = module[..module.len().saturating_sub(1)].to_vec();
        let mut targets = BTreeSet::new();
        let mut add = |base: &Module, rest: &str| {
            let segs: Vec<String> = rest
                .split("::")
                .map(|s| s.trim().split(" as ").next().unwrap_or("").to_string())
                .filter(|s| !s.is_empty() && s != "self" && s != "*")
                .collect();
            let full: Module = base.iter().cloned().chain(segs).collect();
            if let Some(target) = resolve(files, &full) {
                targets.insert(target.clone());
            }
        };
        for (root, base) in [("crate::", Module::new()), ("super::", parent.clone())] {
            for (i, _) in code.match_indices(root) {
                // `foo_crate::` or `a::super::` are other paths.
                if code[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':') {
                    continue;
                }
                let rest = &code[i + root.len()..];
                let path_len = rest
                    .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                    .unwrap_or(rest.len());
                let (head, tail) = rest.split_at(path_len);
                let head = head.trim_end_matches("::");
                if let Some(group) = tail.strip_prefix('{') {
                    let group = &group[..group.find('}').unwrap_or(group.len())];
                    for item in group.split(',') {
                        add(&base, &format!("{head}::{item}"));
                    }
                } else {
                    add(&base, head);
                }
            }
        }
        // A `mod.rs` that uses its own child: `use controls::…` or `pub use state::…`.
        for line in code.lines() {
            let line = line.trim_start().trim_start_matches("pub ");
            if let Some(rest) = line.strip_prefix("use ") {
                let first = rest.split("::").next().unwrap_or("");
                let child: Module = module.iter().cloned().chain([first.to_string()]).collect();
                if files.contains_key(&child) {
                    targets.insert(child);
                }
            }
        }
        targets.remove(module);
        edges.insert(module.clone(), targets);
    }
    edges
}

fn name(m: &Module) -> String {
    if m.is_empty() {
        "lib".into()
    } else {
        m.join("::")
    }
}

/// A circle through `from`, if there is one.
fn circle(edges: &BTreeMap<Module, BTreeSet<Module>>, from: &Module) -> Option<Vec<String>> {
    let mut stack = vec![(from.clone(), vec![name(from)])];
    let mut seen = BTreeSet::new();
    while let Some((at, trail)) = stack.pop() {
        for next in edges.get(&at).into_iter().flatten() {
            if next == from {
                return Some([trail.clone(), vec![name(from)]].concat());
            }
            if seen.insert(next.clone()) {
                stack.push((next.clone(), [trail.clone(), vec![name(next)]].concat()));
            }
        }
    }
    None
}

fn app_imports() -> BTreeMap<Module, BTreeSet<Module>> {
    let src = crate::common::repo().join("src");
    let files = modules(&src);
    assert!(files.len() > 40, "found only {} files", files.len());
    imports(&files)
}

#[test]
fn no_files_import_each_other_in_a_circle() {
    let edges = app_imports();
    // The reader finds what it should: the panel's controls send intents.
    let controls: Module = ["screen", "controls"].map(String::from).to_vec();
    let intent: Module = vec!["intent".to_string()];
    assert!(edges[&controls].contains(&intent), "{:?}", edges[&controls]);
    let circles: Vec<_> = edges.keys().filter_map(|m| circle(&edges, m)).collect();
    assert!(circles.is_empty(), "import circles: {circles:#?}");
}

#[test]
fn the_picture_the_recorder_and_the_scenario_player_meet_only_in_the_intents() {
    let edges = app_imports();
    let top = |m: &Module| m.first().cloned().unwrap_or_default();
    // What draws on a canvas: the options and plugin (`show`), the 3D view (`scene`)
    // and the screen's interface over it (`screen`).
    let drawing = |m: &str| matches!(m, "show" | "scene" | "screen");
    let mut wrong = Vec::new();
    for (from, targets) in &edges {
        for to in targets {
            let (a, b) = (top(from), top(to));
            let forbidden = match a.as_str() {
                // The picture takes no part of the recorder or the scenario player.
                "show" | "screen" => b == "record" || b == "scenario",
                // The 3D view takes nothing of the interface drawn over it.
                "scene" => b == "record" || b == "scenario" || b == "screen",
                "record" | "scenario" => drawing(&b),
                // The layers below the picture import nothing above them.
                "intent" | "sim" | "schedule" | "i18n" | "output" | "failure" | "look"
                | "whatif" => {
                    drawing(&b)
                        || matches!(
                            b.as_str(),
                            "record"
                                | "scenario"
                                | "app"
                                | "commands"
                                | "cli"
                                | "report"
                                | "audience"
                                | "crash"
                        )
                }
                // Paper is drawn without the screen's code: the palettes, the axes'
                // labels and a question's words come from `look`.
                "report" => drawing(&b),
                _ => false,
            };
            // Of the commands that write files without a window, `simulate` takes
            // nothing of the picture; `handout` films through the renderer (the
            // picture's options), but takes no part of the 3D view or the interface.
            let command = |c: &str| from.len() >= 2 && from[0] == "commands" && from[1] == c;
            let forbidden = forbidden
                || (command("simulate") && drawing(&b))
                || (command("handout") && (b == "scene" || b == "screen"));
            // The simulation speaks no language and knows no crash report: its names
            // are the texts' business, its notes for a report `crash`'s.
            if forbidden || (a == "sim" && matches!(b.as_str(), "intent" | "i18n" | "crash")) {
                wrong.push(format!("{} imports {}", name(from), name(to)));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// The rules above catch what they should: the reader sees the 3D view's and the
/// interface's imports, and the layout's edges are where the rules expect them.
#[test]
fn the_rules_see_the_layers_they_hold() {
    let edges = app_imports();
    let module = |path: &str| -> Module { path.split("::").map(String::from).collect() };
    let imports = |from: &str, to: &str| edges[&module(from)].contains(&module(to));
    // The interface reads where the 3D view is (and so depends on the scene)...
    assert!(imports("screen", "scene::layout"));
    // ...and both read the options the picture is made with.
    assert!(imports("scene::agents", "show::options"));
    assert!(imports("screen::capture", "show::options"));
    // The crash report watches the simulation, not the other way round.
    assert!(imports("crash", "sim"));
}
