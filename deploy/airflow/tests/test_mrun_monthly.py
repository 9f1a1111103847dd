"""The monthly DAG's logic (mrun_monthly.py) in plain Python, no Airflow:
the drop's URI and date, the command line, the exit codes, and keeping
only this run's run_results.json."""
import datetime
import json
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import mrun_monthly  # noqa: E402
from mrun_monthly import Action  # noqa: E402

UTC = datetime.timezone.utc
MARCH = datetime.datetime(2026, 3, 1, tzinfo=UTC)


class DatasetUriTest(unittest.TestCase):
    def test_placeholders_come_from_the_logical_date(self):
        self.assertEqual(mrun_monthly.dataset_uri("s3://bucket/drops/{year}-{month:02d}.zip", MARCH),
                         "s3://bucket/drops/2026-03.zip")
        self.assertEqual(mrun_monthly.dataset_uri("https://h/{ds}/{ds_nodash}.zip", MARCH),
                         "https://h/2026-03-01/20260301.zip")
        self.assertEqual(mrun_monthly.dataset_uri("file:///d/{as_of}", datetime.date(2025, 12, 17)),
                         "file:///d/2025-12-01")

    def test_a_uri_without_placeholders_is_the_same_every_month(self):
        uri = "s3://com.guild.us-west-2.public-data/project-data/the-movies-dataset.zip"
        self.assertEqual(mrun_monthly.dataset_uri(uri, MARCH), uri)

    def test_an_unknown_placeholder_is_named(self):
        with self.assertRaisesRegex(ValueError, r"unknown placeholder \{yyyy\} \(known: \{year\}"):
            mrun_monthly.dataset_uri("s3://b/{yyyy}.zip", MARCH)
        with self.assertRaisesRegex(ValueError, "s3://b/{year"):
            mrun_monthly.dataset_uri("s3://b/{year", MARCH)

    def test_as_of_is_the_first_day_of_the_month(self):
        self.assertEqual(mrun_monthly.as_of(datetime.datetime(2026, 2, 28, 23, 59, tzinfo=UTC)), "2026-02-01")


class CommandTest(unittest.TestCase):
    def test_the_build_of_a_drop(self):
        command = mrun_monthly.mrun_build_command("/opt/mrun/build/mrun", "/opt/mrun", "s3://b/2026-03.zip",
                                                  "2026-03-01")
        self.assertEqual(command, [
            "/opt/mrun/build/mrun", "build", "--project-dir", "/opt/mrun", "--log-format", "json",
            "--dataset", "s3://b/2026-03.zip", "--as-of", "2026-03-01", "--vars", '{"run_month": "2026-03"}'])

    def test_only_a_forced_backfill_allows_an_older_drop(self):
        forced = mrun_monthly.mrun_build_command("mrun", "/p", "u", "2025-11-01", allow_older_drop=True)
        self.assertIn("--allow-older-drop", forced)
        self.assertNotIn("--allow-older-drop", mrun_monthly.mrun_build_command("mrun", "/p", "u", "2025-11-01"))

    def test_flags_read_from_variables(self):
        for value in (True, "true", "True", " yes ", "1", 1, "on"):
            self.assertTrue(mrun_monthly.is_true(value), value)
        for value in (False, None, "", "false", "0", 0, "no", "off"):
            self.assertFalse(mrun_monthly.is_true(value), value)


class ExitCodeTest(unittest.TestCase):
    def test_only_transient_failures_and_signals_are_retried(self):
        self.assertIs(mrun_monthly.action_for_exit_code(0), Action.SUCCEED)
        self.assertIs(mrun_monthly.action_for_exit_code(3), Action.RETRY)
        self.assertIs(mrun_monthly.action_for_exit_code(-9), Action.RETRY)
        self.assertIs(mrun_monthly.action_for_exit_code(-15), Action.RETRY)
        for code in (1, 2, 4, 126, 127):
            self.assertIs(mrun_monthly.action_for_exit_code(code), Action.FAIL, code)

    def test_the_messages_say_what_to_do(self):
        self.assertIn("retrying", mrun_monthly.describe_exit(3))
        self.assertIn("signal 9", mrun_monthly.describe_exit(-9))
        self.assertIn("not retried", mrun_monthly.describe_exit(1))
        self.assertIn("mrun_force_backfill", mrun_monthly.describe_exit(2))
        self.assertIn("exit 127", mrun_monthly.describe_exit(127))


def write_results(target_dir, invocation_id, generated_at):
    with open(os.path.join(target_dir, "run_results.json"), "w", encoding="utf-8") as f:
        json.dump({"metadata": {"invocation_id": invocation_id, "generated_at": generated_at}, "results": []}, f)


class KeepRunResultsTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.target = self.dir.name

    def tearDown(self):
        self.dir.cleanup()

    def test_results_written_by_this_run_are_kept(self):
        started = datetime.datetime(2026, 4, 1, 2, 0, 0, 700000, tzinfo=UTC)
        write_results(self.target, "new-id", "2026-04-01T02:00:00.100000Z")  # same second as the start
        kept = mrun_monthly.keep_run_results(self.target, "run_results_20260301_try1.json", started, "old-id")
        self.assertEqual(kept, os.path.join(self.target, "run_results_20260301_try1.json"))
        with open(kept, encoding="utf-8") as f:
            self.assertEqual(json.load(f)["metadata"]["invocation_id"], "new-id")

    def test_a_file_left_by_an_earlier_run_is_not_kept(self):
        started = datetime.datetime(2026, 4, 1, 2, 0, 0, tzinfo=UTC)
        # The run stopped before writing: the file is the earlier run's (same id as before it started).
        write_results(self.target, "old-id", "2026-04-01T03:00:00.000000Z")
        self.assertIsNone(mrun_monthly.keep_run_results(self.target, "kept.json", started, "old-id"))
        # Another id, but written before this run started.
        write_results(self.target, "other-id", "2026-03-01T02:00:00.000000Z")
        self.assertIsNone(mrun_monthly.keep_run_results(self.target, "kept.json", started, "old-id"))
        self.assertFalse(os.path.exists(os.path.join(self.target, "kept.json")))

    def test_no_file_or_a_broken_one_is_not_kept(self):
        started = datetime.datetime(2026, 4, 1, tzinfo=UTC)
        self.assertIsNone(mrun_monthly.keep_run_results(self.target, "kept.json", started, None))
        with open(os.path.join(self.target, "run_results.json"), "w", encoding="utf-8") as f:
            f.write("{not json")
        self.assertIsNone(mrun_monthly.keep_run_results(self.target, "kept.json", started, None))
        self.assertEqual(mrun_monthly.read_invocation(os.path.join(self.target, "run_results.json")), (None, None))


if __name__ == "__main__":
    unittest.main()
