"""Airflow's two task failures: one the task's retries retry, one they do not."""


class AirflowException(Exception):
    pass


class AirflowFailException(AirflowException):
    pass
