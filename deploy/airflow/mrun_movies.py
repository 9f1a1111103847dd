"""Monthly build of the movies data model with mrun.

One task runs `mrun build`: load the monthly drop of The Movies Dataset,
build staging -> core -> marts in DAG order, and run every data test. mrun
exits 0 only when everything passed, 1 when a load, model or test failed, 2
on a configuration or template error, 3 on a transient failure (database
unreachable or connection lost, network still failing after the download's
retries), so Airflow's task state follows the data's state and only exit 3
is retried: a failed test or a broken template fails the task at once.

- No overlapping runs: max_active_runs=1 here, and mrun itself holds a
  PostgreSQL advisory lock per project and database for the whole run, so a
  backfill started by hand cannot race a scheduled run either.
- Backfills: catchup=True; each run passes its month to the models as the
  `run_month` var, and the dataset URI can point at that month's drop.
- Logs: --log-format json prints one JSON object per event (node started,
  finished with status, rows, timing; the run summary), which log shippers
  parse; target/run_results.json is kept per run for auditing.
- Killing the task (timeout, mark failed) sends SIGTERM: mrun cancels the
  running queries and exits; tables being rebuilt keep their previous
  contents because every table is swapped in one transaction.

Configure with Airflow Variables:
  mrun_project_dir   checkout of the project (default /opt/mrun)
  mrun_binary        the mrun binary (default <project>/build/mrun)
  mrun_dataset_uri   s3://... zip of the monthly drop (default: the project's var)
and a connection URI in the environment of the worker: MRUN_DATABASE_URL
(or a profiles.yml target, selected with --target).
"""
from datetime import datetime, timedelta

import shutil
import subprocess

from airflow import DAG
from airflow.exceptions import AirflowException, AirflowFailException
from airflow.models import Variable
from airflow.operators.python import PythonOperator

PROJECT_DIR = Variable.get("mrun_project_dir", default_var="/opt/mrun")
MRUN = Variable.get("mrun_binary", default_var=f"{PROJECT_DIR}/build/mrun")
DATASET_URI = Variable.get(
    "mrun_dataset_uri",
    default_var="s3://com.guild.us-west-2.public-data/project-data/the-movies-dataset.zip",
)

# mrun's exit code for a failure a retry may fix (README.md, "Exit codes").
EXIT_TRANSIENT = 3


def mrun_build(ds, ds_nodash, **_):
    """Runs `mrun build`; keeps its run_results.json; retries only exit 3."""
    proc = subprocess.Popen(
        [MRUN, "build", "--project-dir", PROJECT_DIR, "--log-format", "json",
         "--vars", f'{{dataset_uri: "{DATASET_URI}", run_month: "{ds[:7]}"}}'])
    try:
        rc = proc.wait()
    except BaseException:  # timeout or mark failed (Airflow's SIGTERM): stop mrun the same way
        proc.terminate()
        proc.wait()
        raise
    # Keep each run's results, failed or not.
    try:
        shutil.copy(f"{PROJECT_DIR}/target/run_results.json",
                    f"{PROJECT_DIR}/target/run_results_{ds_nodash}.json")
    except FileNotFoundError:
        pass  # mrun stopped before it ran anything (configuration, connection)
    if rc == 0:
        return
    if rc == EXIT_TRANSIENT:
        raise AirflowException(f"mrun build: transient failure (exit {rc}); retrying")
    # 1 (a load, model or test failed) and 2 (configuration or template error)
    # need a person: a retry would fail the same way.
    raise AirflowFailException(f"mrun build failed (exit {rc}); not retried")


with DAG(
    dag_id="mrun_movies",
    description="Load The Movies Dataset and build the movies marts with mrun",
    schedule="@monthly",
    start_date=datetime(2026, 1, 1),
    catchup=True,
    max_active_runs=1,
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
