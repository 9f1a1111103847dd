"""PythonOperator: records its task_id and callable in the DAG being defined."""
from airflow import DAG


class PythonOperator:
    def __init__(self, task_id, python_callable, **kwargs):
        self.task_id = task_id
        self.python_callable = python_callable
        self.kwargs = kwargs
        if DAG.current is not None:
            DAG.current.tasks.append(self)
