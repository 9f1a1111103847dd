"""Monthly build of the movies data model with mrun.

One task runs `mrun build`: load the month's drop of The Movies Dataset,
build staging -> core -> marts in DAG order, and run every data test. mrun
exits 0 only when everything passed, 1 when a load, model or test failed, 2
on a configuration or template error (or a drop older than the published
one), 3 on a transient failure (database unreachable or connection lost,
network still failing after the download's retries), so Airflow's task
state follows the data's state and only exit 3 (or mrun killed by a signal)
is retried: a failed test or a broken template fails the task at once.
mrun_monthly.py holds that logic without Airflow, and its tests.

- The month's drop: the run's logical date is the first day of the month
  the run covers (@monthly: the run of March starts on April 1); the
  dataset URI is the Variable mrun_dataset_uri with that date filled in
  ({year}-{month:02d}, {ds}, {ds_nodash}, {as_of}: mrun_monthly.dataset_uri),
  and `--as-of YYYY-MM-01` tells mrun the drop's date.
- Backfills never go back in time by accident: mrun records each published
  drop's as_of and refuses (exit 2, naming the newer drop) to publish an
  older one. To backfill an older month on purpose, set the Variable
  mrun_force_backfill to true, or trigger the run with the param
  mrun_force_backfill: true; the task then passes --allow-older-drop.
- No overlapping runs: max_active_runs=1 here, and mrun itself holds a
  PostgreSQL advisory lock per project and database for the whole run, so a
  backfill started by hand cannot race a scheduled run either.
- Variables are read when the task runs, not when the scheduler parses
  this file (parsing is frequent, and must not need the metadata database).
- Logs: --log-format json prints one JSON object per event (node started,
  finished with status, rows, timing; the run summary), which log shippers
  parse. target/run_results.json is kept per run and try, as
  target/run_results_<ds_nodash>_try<n>.json, only when this try wrote it:
  a try that stopped before running anything keeps no earlier run's file.
- Killing the task (timeout, mark failed) sends SIGTERM: mrun cancels the
  running queries and exits; tables being rebuilt keep their previous
  contents because every table is swapped in one transaction.

Configure with Airflow Variables:
  mrun_project_dir     checkout of the project (default /opt/mrun)
  mrun_binary          the mrun binary (default <project>/build/mrun)
  mrun_dataset_uri     the drop's URI pattern, e.g. s3://bucket/drops/{year}-{month:02d}.zip
                       (default: the public dataset, the same file every month)
  mrun_force_backfill  true: publish a drop older than the published one (default false)
and a connection URI in the environment of the worker: MRUN_DATABASE_URL
(or a profiles.yml target, selected with --target).
"""
import datetime
import os
import subprocess
from datetime import timedelta

from airflow import DAG
from airflow.exceptions import AirflowException, AirflowFailException
from airflow.models import Variable
from airflow.operators.python import PythonOperator

import mrun_monthly

DEFAULT_PROJECT_DIR = "/opt/mrun"
DEFAULT_DATASET_URI = "s3://com.guild.us-west-2.public-data/project-data/the-movies-dataset.zip"


def mrun_build(**context):
    """Runs `mrun build` of the month's drop; keeps its run_results.json;
    retries only exit 3 and signals (mrun_monthly.action_for_exit_code)."""
    project_dir = Variable.get("mrun_project_dir", default_var=DEFAULT_PROJECT_DIR)
    mrun = Variable.get("mrun_binary", default_var=f"{project_dir}/build/mrun")
    pattern = Variable.get("mrun_dataset_uri", default_var=DEFAULT_DATASET_URI)
    force = mrun_monthly.is_true(context["params"].get("mrun_force_backfill")) or mrun_monthly.is_true(
        Variable.get("mrun_force_backfill", default_var="false"))
    logical_date = context["logical_date"]
    try:
        dataset = mrun_monthly.dataset_uri(pattern, logical_date)
    except ValueError as e:
        raise AirflowFailException(f"Variable mrun_dataset_uri: {e}") from None
    command = mrun_monthly.mrun_build_command(mrun, project_dir, dataset, mrun_monthly.as_of(logical_date), force)

    target_dir = os.path.join(project_dir, "target")
    invocation_before, _ = mrun_monthly.read_invocation(os.path.join(target_dir, "run_results.json"))
    started_at = datetime.datetime.now(datetime.timezone.utc)
    proc = subprocess.Popen(command)
    try:
        code = proc.wait()
    except BaseException:  # timeout or mark failed (Airflow's SIGTERM): stop mrun the same way
        proc.terminate()
        proc.wait()
        raise
    kept_name = f"run_results_{context['ds_nodash']}_try{context['ti'].try_number}.json"
    kept = mrun_monthly.keep_run_results(target_dir, kept_name, started_at, invocation_before)
    print(f"run results kept in {kept}" if kept else "mrun wrote no run_results.json in this try")

    action = mrun_monthly.action_for_exit_code(code)
    if action is mrun_monthly.Action.SUCCEED:
        return
    message = mrun_monthly.describe_exit(code)
    if action is mrun_monthly.Action.RETRY:
        raise AirflowException(message)
    raise AirflowFailException(message)


with DAG(
    dag_id="mrun_movies",
    description="Load the month's drop of The Movies Dataset and build the movies marts with mrun",
    schedule="@monthly",
    start_date=datetime.datetime(2026, 1, 1),
    catchup=True,
    max_active_runs=1,
    params={"mrun_force_backfill": False},
    default_args={
        "owner": "data",
        "retries": 2,
        "retry_delay": timedelta(minutes=10),
        "retry_exponential_backoff": True,
        "execution_timeout": timedelta(hours=2),
    },
    tags=["mrun", "movies"],
) as dag:
    build = PythonOperator(task_id="mrun_build", python_callable=mrun_build)
