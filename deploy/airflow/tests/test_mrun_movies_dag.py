"""The DAG file itself (mrun_movies.py): it compiles; imported with a
stand-in for Airflow (fake_airflow/, which only records arguments) it reads
no Variable at parse time and declares one monthly task with
max_active_runs=1; its task, run with a stand-in mrun script, passes the
month's drop and date, forces an older drop only when asked, keeps the
results this try wrote, and retries only what it should."""
import datetime
import importlib
import json
import os
import py_compile
import stat
import sys
import tempfile
import textwrap
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
DAG_DIR = os.path.join(HERE, "..")
DAG_FILE = os.path.join(DAG_DIR, "mrun_movies.py")

# A stand-in for mrun: records its arguments in argv.json beside it, writes
# <project>/target/run_results.json when FAKE_MRUN_WRITES is 1, exits with
# FAKE_MRUN_EXIT.
FAKE_MRUN = textwrap.dedent("""\
    #!{python}
    import datetime, json, os, sys, uuid
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "argv.json"), "w") as f:
        json.dump(sys.argv[1:], f)
    if os.environ.get("FAKE_MRUN_WRITES") == "1":
        project = sys.argv[sys.argv.index("--project-dir") + 1]
        now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        with open(os.path.join(project, "target", "run_results.json"), "w") as f:
            json.dump({{"metadata": {{"invocation_id": str(uuid.uuid4()), "generated_at": now}}}}, f)
    sys.exit(int(os.environ.get("FAKE_MRUN_EXIT", "0")))
""")


def import_dag_module():
    """mrun_movies imported with fake_airflow first on sys.path."""
    saved = list(sys.path)
    sys.path[:0] = [os.path.join(HERE, "fake_airflow"), DAG_DIR]
    try:
        for name in [m for m in sys.modules if m == "airflow" or m.startswith("airflow.") or m == "mrun_movies"]:
            del sys.modules[name]
        import airflow.models
        airflow.models.Variable.reads.clear()
        module = importlib.import_module("mrun_movies")
        return module, airflow
    finally:
        sys.path[:] = saved


class TryInstance:
    def __init__(self, try_number):
        self.try_number = try_number


class DagFileTest(unittest.TestCase):
    def test_the_files_compile(self):
        with tempfile.TemporaryDirectory() as out:
            for name in ("mrun_movies.py", "mrun_monthly.py"):
                py_compile.compile(os.path.join(DAG_DIR, name), cfile=os.path.join(out, name + "c"), doraise=True)

    def test_the_dag_reads_no_variable_at_parse_time(self):
        module, airflow = import_dag_module()
        self.assertEqual(airflow.models.Variable.reads, [])
        dag = module.dag
        self.assertEqual(dag.dag_id, "mrun_movies")
        self.assertEqual(dag.kwargs["schedule"], "@monthly")
        self.assertEqual(dag.kwargs["max_active_runs"], 1)
        self.assertTrue(dag.kwargs["catchup"])
        self.assertIs(dag.kwargs["params"]["mrun_force_backfill"], False)
        self.assertEqual([t.task_id for t in dag.tasks], ["mrun_build"])


class DagTaskTest(unittest.TestCase):
    def setUp(self):
        self.module, self.airflow = import_dag_module()
        self.dir = tempfile.TemporaryDirectory()
        self.project = os.path.join(self.dir.name, "project")
        os.makedirs(os.path.join(self.project, "target"))
        self.mrun = os.path.join(self.dir.name, "mrun")
        with open(self.mrun, "w", encoding="utf-8") as f:
            f.write(FAKE_MRUN.format(python=sys.executable))
        os.chmod(self.mrun, stat.S_IRWXU)
        self.airflow.models.Variable.values = {
            "mrun_project_dir": self.project,
            "mrun_binary": self.mrun,
            "mrun_dataset_uri": "file:///drops/{year}-{month:02d}.zip",
        }
        self.saved_env = dict(os.environ)

    def tearDown(self):
        os.environ.clear()
        os.environ.update(self.saved_env)
        self.airflow.models.Variable.values = {}
        self.dir.cleanup()

    def run_task(self, exit_code, writes_results, try_number=1, force_param=False):
        os.environ["FAKE_MRUN_EXIT"] = str(exit_code)
        os.environ["FAKE_MRUN_WRITES"] = "1" if writes_results else "0"
        context = {
            "logical_date": datetime.datetime(2025, 11, 1, tzinfo=datetime.timezone.utc),
            "ds_nodash": "20251101",
            "params": {"mrun_force_backfill": force_param},
            "ti": TryInstance(try_number),
        }
        self.module.dag.tasks[0].python_callable(**context)

    def argv(self):
        with open(os.path.join(self.dir.name, "argv.json"), encoding="utf-8") as f:
            return json.load(f)

    def kept(self, try_number):
        return os.path.exists(os.path.join(self.project, "target", f"run_results_20251101_try{try_number}.json"))

    def test_a_successful_run_builds_the_months_drop_and_keeps_its_results(self):
        self.run_task(0, writes_results=True)
        argv = self.argv()
        self.assertEqual(argv[:2], ["build", "--project-dir"])
        self.assertEqual(argv[argv.index("--dataset") + 1], "file:///drops/2025-11.zip")
        self.assertEqual(argv[argv.index("--as-of") + 1], "2025-11-01")
        self.assertNotIn("--allow-older-drop", argv)
        self.assertTrue(self.kept(1))
        self.assertIn("mrun_dataset_uri", self.airflow.models.Variable.reads)  # read when the task runs

    def test_a_transient_failure_is_retried_and_keeps_no_stale_results(self):
        self.run_task(0, writes_results=True)  # an earlier run's file stays in target/
        exceptions = self.airflow.exceptions
        with self.assertRaises(exceptions.AirflowException) as failure:
            self.run_task(3, writes_results=False, try_number=2)
        self.assertNotIsInstance(failure.exception, exceptions.AirflowFailException)
        self.assertFalse(self.kept(2))

    def test_failures_that_need_a_person_are_not_retried(self):
        for code in (1, 2):
            with self.assertRaises(self.airflow.exceptions.AirflowFailException):
                self.run_task(code, writes_results=code == 1)

    def test_an_older_drop_is_forced_only_by_the_param_or_the_variable(self):
        self.run_task(0, writes_results=False, force_param=True)
        self.assertIn("--allow-older-drop", self.argv())
        self.airflow.models.Variable.values["mrun_force_backfill"] = "true"
        self.run_task(0, writes_results=False)
        self.assertIn("--allow-older-drop", self.argv())

    def test_a_bad_uri_pattern_fails_without_retry(self):
        self.airflow.models.Variable.values["mrun_dataset_uri"] = "s3://b/{yyyy}.zip"
        with self.assertRaisesRegex(self.airflow.exceptions.AirflowFailException, r"unknown placeholder \{yyyy\}"):
            self.run_task(0, writes_results=False)


if __name__ == "__main__":
    unittest.main()
