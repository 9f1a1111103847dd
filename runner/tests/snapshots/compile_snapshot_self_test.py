#!/usr/bin/env python3
"""The snapshot comparison (compile_snapshot.py) can fail, and says why.

On scratch copies of a project (the checked-in snapshots are not touched):
1. update mode (MRUN_UPDATE_SNAPSHOTS=1) writes a snapshot of the project as
   it is; comparing the same project with it then passes (exit 0);
2. in a copy, one model's template is changed, one model is added and the
   singular test is removed; comparing that copy with the snapshot exits 1
   and prints the changed model's `diff -u` (the old line with '-', the new
   one with '+', and no other file's diff), `added:` for the new model and
   `missing:` for the removed test.

usage: compile_snapshot_self_test.py MRUN_BINARY JAFFLE_PROJECT_DIR SCRATCH_DIR
"""
import os
import shutil
import subprocess
import sys

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "compile_snapshot.py")
CHANGED = "jaffle_shop/models/staging/stg_orders.sql"
ADDED = "jaffle_shop/models/staging/stg_added.sql"
REMOVED = "jaffle_shop/tests/assert_total_payment_amount_is_positive.sql"


def snapshot(mrun, project, snapshot_dir, scratch, update):
    """Runs compile_snapshot.py; returns (exit code, output)."""
    env = {k: v for k, v in os.environ.items() if k != "MRUN_UPDATE_SNAPSHOTS"}
    if update:
        env["MRUN_UPDATE_SNAPSHOTS"] = "1"
    r = subprocess.run([sys.executable, SCRIPT, mrun, project, snapshot_dir, scratch], env=env,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    print(r.stdout, flush=True)
    return r.returncode, r.stdout


def expect(condition, what):
    if not condition:
        sys.exit(f"FAILED: {what}")


def edit_project(project):
    """The three changes of step 2, made to the templates of `project`."""
    path = os.path.join(project, "models", "staging", "stg_orders.sql")
    with open(path) as f:
        text = f.read()
    expect("where order_date >= " in text, "stg_orders.sql has the line this test changes")
    with open(path, "w") as f:
        f.write(text.replace("where order_date >= ", "where order_date > "))
    with open(os.path.join(project, "models", "staging", "stg_added.sql"), "w") as f:
        f.write("select 1 as one\n")
    os.remove(os.path.join(project, "tests", os.path.basename(REMOVED)))


def main(argv):
    if len(argv) != 4:
        sys.exit(__doc__)
    mrun, jaffle, scratch = argv[1:]
    shutil.rmtree(scratch, ignore_errors=True)
    snapshot_dir = os.path.join(scratch, "snapshot")

    code, _ = snapshot(mrun, jaffle, snapshot_dir, os.path.join(scratch, "update"), update=True)
    expect(code == 0 and os.path.isfile(os.path.join(snapshot_dir, CHANGED)), "update mode wrote the snapshot")
    code, out = snapshot(mrun, jaffle, snapshot_dir, os.path.join(scratch, "same"), update=False)
    expect(code == 0 and "matches" in out, "the unchanged project matches its snapshot")

    edited = os.path.join(scratch, "edited")
    shutil.copytree(jaffle, edited)
    edit_project(edited)
    code, out = snapshot(mrun, edited, snapshot_dir, os.path.join(scratch, "compare"), update=False)
    expect(code == 1, f"the edited project fails the comparison (exit {code})")
    lines = out.splitlines()
    expect(f"--- snapshot/{CHANGED}" in lines and f"+++ compiled/{CHANGED}" in lines, "a diff -u of stg_orders")
    expect("-where order_date >= '2018-01-01'" in lines, "the snapshot's line, with '-'")
    expect("+where order_date > '2018-01-01'" in lines, "the compiled line, with '+'")
    expect(sum(line.startswith("--- snapshot/") for line in lines) == 1, "no other file differs")
    expect(f"added: {ADDED}" in lines, "the new model is listed as added")
    expect(f"missing: {REMOVED}" in lines, "the removed test is listed as missing")
    print("the comparison reports a changed, an added and a removed template")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
