"""The logic of the monthly mrun DAG (mrun_movies.py), without Airflow.

Plain functions, tested without Airflow (tests/test_mrun_monthly.py):

- the month's drop: its dataset URI from a pattern and the run's logical
  date, and its `as_of` date (the month's first day);
- the `mrun build` command line;
- what to do with mrun's exit code (succeed, retry, fail without retry);
- keeping the run's target/run_results.json, only when this run wrote it.
"""
import datetime
import enum
import json
import os
import shutil

# The placeholders a dataset URI pattern may use, for the logical date
# 2026-03-01: {year} 2026, {month} 3 (an int: {month:02d} gives 03), {day} 1,
# {ds} 2026-03-01, {ds_nodash} 20260301, {as_of} 2026-03-01 (the month's
# first day, whatever the day of the logical date).
URI_PLACEHOLDERS = ("year", "month", "day", "ds", "ds_nodash", "as_of")

# mrun's exit codes (README.md, "Exit codes").
EXIT_OK = 0
EXIT_FAILED = 1
EXIT_CONFIG = 2
EXIT_TRANSIENT = 3


class Action(enum.Enum):
    """What the task does after mrun exits."""

    SUCCEED = "succeed"
    RETRY = "retry"  # fail this try; Airflow tries again (the task's retries)
    FAIL = "fail"  # fail the task at once: a person must look


def as_of(logical_date):
    """The drop's date: the first day of the logical date's month, YYYY-MM-DD."""
    return logical_date.strftime("%Y-%m-01")


def dataset_uri(pattern, logical_date):
    """The URI of the month's drop: `pattern` with its placeholders filled in
    from `logical_date` (a date or datetime). A pattern without placeholders
    is returned as is. Raises ValueError naming the placeholder when the
    pattern uses one not in URI_PLACEHOLDERS, or is malformed."""
    fields = {
        "year": logical_date.year,
        "month": logical_date.month,
        "day": logical_date.day,
        "ds": logical_date.strftime("%Y-%m-%d"),
        "ds_nodash": logical_date.strftime("%Y%m%d"),
        "as_of": as_of(logical_date),
    }
    try:
        return pattern.format(**fields)
    except KeyError as e:
        raise ValueError(
            f"dataset URI pattern {pattern!r}: unknown placeholder {{{e.args[0]}}} "
            f"(known: {', '.join('{' + p + '}' for p in URI_PLACEHOLDERS)})") from None
    except (ValueError, IndexError) as e:
        raise ValueError(f"dataset URI pattern {pattern!r}: {e}") from None


def mrun_build_command(mrun, project_dir, dataset, drop_as_of, allow_older_drop=False):
    """`mrun build` of the drop `dataset` dated `drop_as_of` (YYYY-MM-DD),
    as an argument list. `allow_older_drop` lets a backfill publish a drop
    older than the newest one published (mrun refuses it otherwise, exit 2).
    The models get the month as the run_month var."""
    command = [
        mrun, "build",
        "--project-dir", project_dir,
        "--log-format", "json",
        "--dataset", dataset,
        "--as-of", drop_as_of,
    ]
    if allow_older_drop:
        command.append("--allow-older-drop")
    # JSON is a YAML flow mapping: the quoting is JSON's.
    command += ["--vars", json.dumps({"run_month": drop_as_of[:7]})]
    return command


def action_for_exit_code(code):
    """What an exit code of mrun (subprocess returncode) calls for.

    0 succeed. 3 (transient: the database or the network) retry. 1 (a load,
    model or test failed, or the run was interrupted) and 2 (configuration
    or template error, or a drop older than the one published) fail at once:
    a retry would fail the same way. Killed by a signal (a negative code:
    the OOM killer, a worker shutdown) retry: the machine failed, not the
    data, and a rerun is safe (mrun swaps every table in one transaction and
    drops what a dead run left). Anything else (126/127: the binary cannot
    run) fail.
    """
    if code == EXIT_OK:
        return Action.SUCCEED
    if code == EXIT_TRANSIENT or code < 0:
        return Action.RETRY
    return Action.FAIL


def describe_exit(code):
    """One sentence about an exit code, for the task's failure message."""
    if code == EXIT_OK:
        return "mrun build succeeded"
    if code == EXIT_TRANSIENT:
        return "mrun build: transient failure (exit 3: database or network); retrying"
    if code < 0:
        return f"mrun build was killed by signal {-code}; retrying"
    if code == EXIT_FAILED:
        return "mrun build failed (exit 1: a load, model or test failed; see the log and run_results); not retried"
    if code == EXIT_CONFIG:
        return ("mrun build failed (exit 2: a configuration or template error, or a drop older than the one "
                "published; see the log); not retried. To publish an older drop on purpose, set the Variable "
                "or DAG param mrun_force_backfill to true")
    return f"mrun build could not run (exit {code}); not retried"


def is_true(value):
    """An Airflow Variable or DAG param as a bool: True, 1, "true", "yes",
    "on", "1" (any case) are true; anything else, None included, false."""
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value != 0
    return str(value).strip().lower() in ("true", "yes", "on", "1")


def _parse_utc(timestamp):
    """mrun's generated_at ("2026-01-31T12:00:00.123456Z") as an aware datetime."""
    for fmt in ("%Y-%m-%dT%H:%M:%S.%fZ", "%Y-%m-%dT%H:%M:%SZ"):
        try:
            return datetime.datetime.strptime(timestamp, fmt).replace(tzinfo=datetime.timezone.utc)
        except ValueError:
            pass
    return None


def read_invocation(path):
    """(invocation_id, generated_at as an aware datetime) of the
    run_results.json at `path`; (None, None) when it is missing or not one."""
    try:
        with open(path, encoding="utf-8") as f:
            metadata = json.load(f).get("metadata", {})
    except (OSError, ValueError, AttributeError):
        return None, None
    if not isinstance(metadata, dict):
        return None, None
    generated_at = metadata.get("generated_at")
    return metadata.get("invocation_id"), _parse_utc(generated_at) if isinstance(generated_at, str) else None


def written_by_this_run(path, started_at, invocation_before):
    """Whether the run_results.json at `path` was written by the run that
    started at `started_at` (an aware datetime, taken before mrun started),
    when the file's invocation id before that run was `invocation_before`
    (None: there was none). Both must hold: a new invocation id (a file left
    by an earlier run keeps its id) and generated_at not before the start
    (to the second: mrun writes microseconds, the start may be later in the
    same second)."""
    invocation_id, generated_at = read_invocation(path)
    if not invocation_id or invocation_id == invocation_before or generated_at is None:
        return False
    return generated_at >= started_at.replace(microsecond=0)


def keep_run_results(target_dir, kept_name, started_at, invocation_before):
    """Copies target_dir/run_results.json to target_dir/`kept_name` when this
    run wrote it (written_by_this_run); returns the copy's path, or None when
    mrun wrote none (it stopped before running anything: configuration,
    connection), so that no earlier run's results pass for this run's."""
    results = os.path.join(target_dir, "run_results.json")
    if not written_by_this_run(results, started_at, invocation_before):
        return None
    kept = os.path.join(target_dir, kept_name)
    shutil.copyfile(results, kept)
    return kept
