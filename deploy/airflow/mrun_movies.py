"""Monthly build of the movies data model with mrun.

One task runs `mrun build`: load the monthly drop of The Movies Dataset,
build staging -> core -> marts in DAG order, and run every data test. mrun
exits 0 only when everything passed, 1 when a model or test failed, 2 on a
configuration error, so Airflow's task state follows the data's state.

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

from airflow import DAG
from airflow.models import Variable
from airflow.operators.bash import BashOperator

PROJECT_DIR = Variable.get("mrun_project_dir", default_var="/opt/mrun")
MRUN = Variable.get("mrun_binary", default_var=f"{PROJECT_DIR}/build/mrun")
DATASET_URI = Variable.get(
    "mrun_dataset_uri",
    default_var="s3://com.guild.us-west-2.public-data/project-data/the-movies-dataset.zip",
)

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
    build = BashOperator(
        task_id="mrun_build",
        bash_command=(
            f"{MRUN} build --project-dir {PROJECT_DIR} --log-format json "
            f"--vars '{{dataset_uri: \"{DATASET_URI}\", run_month: \"{{{{ ds[:7] }}}}\"}}' "
            # Keep each run's results, failed or not, and keep mrun's exit code.
            f"; rc=$?; cp {PROJECT_DIR}/target/run_results.json "
            f"{PROJECT_DIR}/target/run_results_{{{{ ds_nodash }}}}.json; exit $rc"
        ),
        # Exit code 1 (failed models/tests) and 2 (configuration) both fail the task;
        # retries only help for transient failures, which mrun reports as 1 as well.
    )
