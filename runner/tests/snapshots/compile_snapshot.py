#!/usr/bin/env python3
"""Snapshot test of compiled SQL: `mrun compile` of one project, compared
file by file with the output checked in under runner/tests/snapshots/<name>/.

A change to the Jinja parser, the dbt context or a macro shows its effect as a
diff of compiled SQL, without a database (as minijinja's tests/inputs and
snapshots do for templates).

1. The project is copied to a scratch folder (build/test-projects/snapshots/
   <name>/project; `--include` names what to copy when the project shares its
   folder with other things, as the movies project at the repository root does).
2. `mrun compile` runs there. It must not start the embedded PostgreSQL: the
   test fails if the scratch project has a `.mrun/` folder afterwards (the
   embedded cluster lives there).
3. Every file under target/compiled/ is compared with the snapshot: a changed
   file fails with a unified diff (`diff -u`), a file only in the compiled
   output is listed as added, one only in the snapshot as missing.

Stable output. The environment is pinned: MRUN_DATABASE_URL unset (the target
comes from the project's own profiles.yml, or the embedded default), HOME set
to the scratch folder (no ~/.mrun/profiles.yml of whoever runs the test),
TZ=UTC and LC_ALL=C. Two values of a run are replaced by placeholders, each
exactly, before comparing: the scratch project's absolute path by
`<project-dir>` and this run's invocation id (read from target/run_results.json)
by `<invocation-id>`. Nothing else is rewritten. `run_started_at` is not
replaced: no template of these projects renders it; one that does would differ
on every run, and the fix then is a fixed clock in mrun, not a looser
comparison.

Update mode: with MRUN_UPDATE_SNAPSHOTS=1 in the environment the snapshot is
rewritten from the compiled output (files added, changed and removed) and the
test passes; review the change with `git diff runner/tests/snapshots`.

usage: compile_snapshot.py MRUN_BINARY PROJECT_DIR SNAPSHOT_DIR SCRATCH_DIR [--include NAME...]
"""
import argparse
import filecmp
import json
import os
import shutil
import subprocess
import sys

PROJECT_PLACEHOLDER = b"<project-dir>"
INVOCATION_PLACEHOLDER = b"<invocation-id>"


def copy_project(source, dest, include=None):
    """Copies the project folder `source` (or only the entries `include` of
    it) to a fresh `dest`, without the outputs of an earlier run in it
    (target/, .mrun/)."""
    shutil.rmtree(dest, ignore_errors=True)
    if not include:
        shutil.copytree(source, dest, ignore=lambda folder, names: [
            n for n in names if folder == source and n in ("target", ".mrun")])
        return
    os.makedirs(dest)
    for name in include:  # an entry the project lacks (say seeds/) is skipped
        src = os.path.join(source, name)
        if os.path.isdir(src):
            shutil.copytree(src, os.path.join(dest, name))
        elif os.path.exists(src):
            shutil.copyfile(src, os.path.join(dest, name))


def pinned_environment(home):
    env = {k: v for k, v in os.environ.items() if k != "MRUN_DATABASE_URL"}
    env.update(HOME=home, TZ="UTC", LC_ALL="C")
    return env


def compile_project(mrun, project, home):
    """Runs `mrun compile` in `project`; returns {relative path: normalized
    bytes} of target/compiled/. Raises RuntimeError when mrun fails or starts
    the embedded PostgreSQL."""
    r = subprocess.run([mrun, "compile", "--project-dir", project], env=pinned_environment(home),
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"mrun compile exited {r.returncode}:\n{r.stdout}")
    if os.path.exists(os.path.join(project, ".mrun")):
        raise RuntimeError(f"mrun compile started the embedded PostgreSQL (.mrun/ created):\n{r.stdout}")
    with open(os.path.join(project, "target", "run_results.json")) as f:
        invocation_id = json.load(f)["metadata"]["invocation_id"].encode()
    compiled = os.path.join(project, "target", "compiled")
    contents = {}
    for rel in files_under(compiled):
        with open(os.path.join(compiled, rel), "rb") as f:
            data = f.read()
        contents[rel] = data.replace(os.path.abspath(project).encode(), PROJECT_PLACEHOLDER).replace(
            invocation_id, INVOCATION_PLACEHOLDER)
    return contents


def files_under(root):
    """Relative paths of the files below `root`, sorted ('/' separated)."""
    found = []
    for folder, _, names in os.walk(root):
        for name in names:
            found.append(os.path.relpath(os.path.join(folder, name), root))
    return sorted(found)


def write_tree(contents, root):
    """Makes `root` hold exactly `contents` ({relative path: bytes})."""
    shutil.rmtree(root, ignore_errors=True)
    for rel, data in contents.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)


def compare(actual_root, snapshot_root):
    """Lines describing how `actual_root` differs from `snapshot_root`: a
    `diff -u` per changed file, `added: PATH` and `missing: PATH`. Empty when
    they hold the same files with the same bytes."""
    actual = set(files_under(actual_root))
    expected = set(files_under(snapshot_root)) if os.path.isdir(snapshot_root) else set()
    report = [f"added: {rel}" for rel in sorted(actual - expected)]
    report += [f"missing: {rel}" for rel in sorted(expected - actual)]
    for rel in sorted(actual & expected):
        a, e = os.path.join(actual_root, rel), os.path.join(snapshot_root, rel)
        if not filecmp.cmp(a, e, shallow=False):
            d = subprocess.run(["diff", "-u", "--label", f"snapshot/{rel}", "--label", f"compiled/{rel}", e, a],
                               stdout=subprocess.PIPE, text=True, errors="replace")
            report.append(d.stdout.rstrip("\n"))
    return report


def check(mrun, project_dir, snapshot_dir, scratch, include=None, update=False):
    """Compiles a scratch copy of `project_dir` and compares it with
    `snapshot_dir` (or rewrites `snapshot_dir` when `update`). Returns the
    report of compare(); empty means equal (or updated)."""
    project = os.path.join(scratch, "project")
    copy_project(project_dir, project, include)
    actual_root = os.path.join(scratch, "compiled")
    write_tree(compile_project(mrun, project, scratch), actual_root)
    if update:
        shutil.rmtree(snapshot_dir, ignore_errors=True)
        shutil.copytree(actual_root, snapshot_dir)
        return []
    return compare(actual_root, snapshot_dir)


def main(argv):
    parser = argparse.ArgumentParser(description="Compare `mrun compile` of a project with its snapshot.")
    parser.add_argument("mrun")
    parser.add_argument("project_dir")
    parser.add_argument("snapshot_dir")
    parser.add_argument("scratch")
    parser.add_argument("--include", nargs="+", help="copy only these entries of project_dir")
    args = parser.parse_args(argv[1:])
    update = os.environ.get("MRUN_UPDATE_SNAPSHOTS") == "1"
    try:
        report = check(args.mrun, args.project_dir, args.snapshot_dir, args.scratch, args.include, update)
    except RuntimeError as e:
        print(f"FAILED: {e}")
        return 1
    if update:
        print(f"updated {args.snapshot_dir}")
        return 0
    if report:
        print("\n".join(report))
        print(f"\nFAILED: the compiled SQL differs from {args.snapshot_dir}.\n"
              "If the change is intended: MRUN_UPDATE_SNAPSHOTS=1 ctest --test-dir build -R snapshot, "
              "then review git diff runner/tests/snapshots.")
        return 1
    print(f"compiled SQL matches {args.snapshot_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
