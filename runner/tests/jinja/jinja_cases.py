"""Shared helpers for the Jinja conformance and differential tests: the case
file format, rendering with Python's Jinja2, and batch rendering with
`mrun render --batch`.

Case files (cases/*.txt):
    ## comment                      (ignored)
    @context {"x": 1}               default context for the following cases
    @files {"m.j2": "{% macro.."}   default loader files for the following cases
    > {{ x + 1 }}                   a one-line template case
    === name                        a multi-line case; optional next lines
    --- context {"y": 2}              '--- context JSON' and '--- files JSON',
    ...template lines...              then the template up to a line '==='
    ===
"""
import copy
import json
import os
import subprocess
import tempfile

import jinja2


class Case:
    def __init__(self, name, template, context, files):
        self.name, self.template, self.context, self.files = name, template, context, files

    def request(self):
        return {"template": self.template, "context": self.context, "files": self.files}


def load_cases(directory):
    cases = []
    for fname in sorted(os.listdir(directory)):
        if not fname.endswith(".txt"):
            continue
        path = os.path.join(directory, fname)
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        context, files = {}, {}
        i = 0
        while i < len(lines):
            line = lines[i]
            where = f"{fname}:{i + 1}"
            if line.startswith("@context "):
                context = json.loads(line[len("@context "):])
            elif line.startswith("@files "):
                files = json.loads(line[len("@files "):])
            elif line.startswith("> "):
                cases.append(Case(where, line[2:], context, files))
            elif line.startswith("=== "):
                name = f"{where} {line[4:]}"
                ctx, fls = context, files
                i += 1
                while i < len(lines) and lines[i].startswith("--- "):
                    key, _, value = lines[i][4:].partition(" ")
                    if key == "context":
                        ctx = json.loads(value)
                    elif key == "files":
                        fls = json.loads(value)
                    else:
                        raise SystemExit(f"{fname}:{i + 1}: unknown section {key}")
                    i += 1
                body = []
                while i < len(lines) and lines[i] != "===":
                    body.append(lines[i])
                    i += 1
                if i >= len(lines):
                    raise SystemExit(f"{name}: missing closing ===")
                cases.append(Case(name, "\n".join(body), ctx, fls))
            elif line.strip() and not line.startswith("##"):
                raise SystemExit(f"{where}: cannot parse line: {line!r}")
            i += 1
    return cases


def jinja2_render(template, context, files, strict=False):
    """(ok, output-or-error) from Python's Jinja2 with do + loopcontrols."""
    env = jinja2.Environment(
        extensions=["jinja2.ext.do", "jinja2.ext.loopcontrols"],
        loader=jinja2.DictLoader(files),
        undefined=jinja2.StrictUndefined if strict else jinja2.Undefined,
    )
    try:
        # Deep copy: some Jinja2 filters mutate their input (indent on a list).
        return True, env.from_string(template).render(**copy.deepcopy(context))
    except RecursionError:
        return False, "RecursionError"
    except Exception as e:  # any Jinja2 or Python error counts as "errors"
        return False, f"{type(e).__name__}: {e}"


def mrun_binary():
    return os.environ.get("MRUN_BINARY") or os.path.join(
        os.environ.get("MRUN_TEST_BUILD_DIR", "build"), "mrun")


def mrun_render_file(source, context):
    """`mrun render` of one template with `context` (JSON) from files:
    (exit code, stdout, stderr), the outputs decoded."""
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "ctx.json"), "w", encoding="utf-8") as f:
            json.dump(context, f)
        with open(os.path.join(tmp, "main.txt"), "w", encoding="utf-8") as f:
            f.write(source)
        proc = subprocess.run([mrun_binary(), "render", "--context", os.path.join(tmp, "ctx.json"),
                               os.path.join(tmp, "main.txt")], capture_output=True, timeout=600)
    return proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")


def mrun_render_batch(requests, strict=False):
    """[(ok, output-or-error)] from one `mrun render --batch` process."""
    cmd = [mrun_binary(), "render", "--batch"] + (["--strict"] if strict else [])
    payload = "".join(json.dumps(r) + "\n" for r in requests)
    proc = subprocess.run(cmd, input=payload.encode(), capture_output=True, timeout=600)
    lines = proc.stdout.decode("utf-8", "replace").splitlines()
    if proc.returncode != 0 or len(lines) != len(requests):
        raise SystemExit(f"mrun render --batch failed (rc={proc.returncode}, {len(lines)} of "
                         f"{len(requests)} answers): {proc.stderr.decode()[-2000:]}")
    out = []
    for line in lines:
        r = json.loads(line)
        out.append((r["ok"], r["output"] if r["ok"] else r["error"]))
    return out


def same(expected, actual):
    """Both succeed with equal text, or both fail."""
    return expected[0] == actual[0] and (not expected[0] or expected[1] == actual[1])
