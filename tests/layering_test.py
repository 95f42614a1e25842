#!/usr/bin/env python3
"""The layout's rules, checked on the source tree (docs/architecture.md):

- each library includes only the public headers of the layers below it, and its CMake target
  links only those layers' libraries: format <- analyzers <- {indexer, searcher} <-
  {editorial, server <- server/meili} <- cli;
- the engine's folder holds no HTTP, Meilisearch or OpenAPI file and never names the indexer;
- the fuzz targets use public headers only;
- no source file is over 800 lines (the OpenAPI document aside).

Run from the repository root; prints every breach and exits 1 when there is one.
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent

# Folder -> (module name in include paths and target names, the modules it may use).
LAYERS = {
    "format": ("format", {"format"}),
    "analyzers": ("analyzers", {"analyzers", "format"}),
    "indexer": ("indexer", {"indexer", "analyzers", "format"}),
    "searcher": ("searcher", {"searcher", "analyzers", "format"}),
    "editorial": ("editorial", {"editorial", "searcher", "analyzers", "format"}),
    "server/meili": ("meili", {"meili", "server", "searcher", "analyzers", "format"}),
    "server": ("server", {"server", "searcher", "analyzers", "format"}),
}
MODULES = {module for module, _ in LAYERS.values()}
TARGET = {module: f"yrkesok_{module}" for module in MODULES}
MAX_LINES = 800
LONG_FILES_ALLOWED = {"server/src/openapi.cpp"}  # the OpenAPI document, one JSON text

INCLUDE = re.compile(r'^\s*#\s*include\s+"yrkesok/([a-z_]+)/', re.MULTILINE)
LINK = re.compile(r"target_link_libraries\(([^)]*)\)", re.DOTALL)
SOURCE_SUFFIXES = {".cpp", ".h", ".in"}


def sources(folder):
    for path in sorted((ROOT / folder).rglob("*")):
        if path.suffix in SOURCE_SUFFIXES and path.is_file():
            yield path


def owner(path):
    """The layer folder a file belongs to (the deepest that holds it)."""
    relative = path.relative_to(ROOT).as_posix()
    for folder in sorted(LAYERS, key=len, reverse=True):
        if relative.startswith(folder + "/"):
            return folder
    return None


def check_includes(breaches):
    for folder, (module, allowed) in LAYERS.items():
        for path in sources(folder):
            if owner(path) != folder:
                continue
            for used in INCLUDE.findall(path.read_text(encoding="utf-8")):
                if used in MODULES and used not in allowed:
                    breaches.append(f"{path.relative_to(ROOT)}: {module} includes yrkesok/{used}/ "
                                    f"(allowed: {', '.join(sorted(allowed))})")


def check_links(breaches):
    for folder, (module, allowed) in LAYERS.items():
        cmake = (ROOT / folder / "CMakeLists.txt").read_text(encoding="utf-8")
        for block in LINK.findall(cmake):
            for word in block.split():
                if word.startswith("yrkesok_") and word.removeprefix("yrkesok_") in MODULES:
                    if word.removeprefix("yrkesok_") not in allowed:
                        breaches.append(f"{folder}/CMakeLists.txt: {TARGET[module]} links {word}")


def check_engine_folder(breaches):
    for path in (ROOT / "searcher").rglob("*"):
        name = path.name.lower()
        if path.is_file() and any(word in name for word in ("http", "meili", "openapi")):
            breaches.append(f"{path.relative_to(ROOT)}: the engine's folder holds an HTTP, "
                            "Meilisearch or OpenAPI file")
        if path.suffix in SOURCE_SUFFIXES and "httplib" in path.read_text(encoding="utf-8"):
            breaches.append(f"{path.relative_to(ROOT)}: the engine uses cpp-httplib")
    if "yrkesok_indexer" in (ROOT / "searcher/CMakeLists.txt").read_text(encoding="utf-8"):
        breaches.append("searcher/CMakeLists.txt: the engine names the indexer library")


def check_fuzz(breaches):
    cmake = (ROOT / "fuzz/CMakeLists.txt").read_text(encoding="utf-8")
    if re.search(r"PROJECT_SOURCE_DIR\}/[a-z/]+/src", cmake):
        breaches.append("fuzz/CMakeLists.txt: a fuzz target reaches a library's private src/")
    for path in sources("fuzz"):
        for line in path.read_text(encoding="utf-8").splitlines():
            match = re.match(r'\s*#\s*include\s+"([^"]+)"', line)
            if match and not match.group(1).startswith("yrkesok/") and \
                    match.group(1) != "fuzz_target.h":
                breaches.append(f"{path.relative_to(ROOT)}: includes \"{match.group(1)}\", "
                                "not a public header")


def check_lengths(breaches):
    folders = list(LAYERS) + ["cli", "fuzz", "tests", "benchmarks", "web"]
    seen = set()
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*")):
            if path in seen or not path.is_file():
                continue
            seen.add(path)
            if path.suffix not in {".cpp", ".h", ".js", ".mjs", ".py"}:
                continue
            if "node_modules" in path.parts:
                continue
            relative = path.relative_to(ROOT).as_posix()
            lines = path.read_text(encoding="utf-8").count("\n")
            if lines > MAX_LINES and relative not in LONG_FILES_ALLOWED:
                breaches.append(f"{relative}: {lines} lines (at most {MAX_LINES})")


def main():
    breaches = []
    check_includes(breaches)
    check_links(breaches)
    check_engine_folder(breaches)
    check_fuzz(breaches)
    check_lengths(breaches)
    for breach in breaches:
        print(breach)
    if breaches:
        print(f"layering_test: {len(breaches)} breaches of docs/architecture.md's rules")
        return 1
    print("layering_test: every layer uses only the layers below it")
    return 0


if __name__ == "__main__":
    sys.exit(main())
