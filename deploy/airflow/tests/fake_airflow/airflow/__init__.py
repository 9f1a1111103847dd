"""A stand-in for Airflow, for the DAG structure test only
(tests/test_mrun_movies_dag.py): it records what the DAG file passes to DAG
and PythonOperator, and the Variables read, and runs nothing. Airflow is not
installable here."""


class DAG:
    """Records its arguments and the tasks created inside its `with` block."""

    current = None

    def __init__(self, dag_id, **kwargs):
        self.dag_id = dag_id
        self.kwargs = kwargs
        self.tasks = []

    def __enter__(self):
        DAG.current = self
        return self

    def __exit__(self, *exc):
        DAG.current = None
        return False
