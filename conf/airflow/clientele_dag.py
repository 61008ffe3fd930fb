"""Clientele's daily pipeline for Apache Airflow (2.4 or later, apache-airflow-providers-apache-spark).

Generated from the pipeline's step graph (io.clientele.jobs.pipeline.Pipeline) by
    bin/clientele pipeline --airflow-dag > conf/airflow/clientele_dag.py
Do not edit by hand: a test fails when this file and the graph differ.

Each task submits the application jar to the cluster and runs one step:
    clientele pipeline --as-of <end of the run's data interval> --step <task>
The as-of date is the end of the run's data interval ({{ data_interval_end | ds }}): every step computes
from the data strictly before it, so the daily run for day D (which starts once D is over) has D in it.
({{ ds }} is the interval's start: as-of D would leave out the very day the run is for.)
Steps replace their own as_of slice, so retries and reruns converge.

Nothing here reads Airflow's metadata database when the scheduler parses this file: the variables are
Jinja templates, rendered when a task runs; the connection id comes from the environment.
    CLIENTELE_SPARK_CONN_ID   environment variable: the Spark connection (default: spark_default)
    clientele_jar             Airflow variable: path or URL of clientele-jobs-app.jar
    clientele_conf            Airflow variable: a clientele properties file on the cluster (optional;
                              empty or unset: none)
"""
import os
from datetime import datetime, timedelta

from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

CONN_ID = os.environ.get("CLIENTELE_SPARK_CONN_ID", "spark_default")
JAR = "{{ var.value.clientele_jar }}"
CONF = "{{ var.value.get('clientele_conf', '') }}"
AS_OF = "{{ data_interval_end | ds }}"


def step(name):
    return SparkSubmitOperator(
        task_id=name,
        conn_id=CONN_ID,
        application=JAR,
        java_class="io.clientele.jobs.Main",
        name="clientele-" + name,
        application_args=["--conf", CONF, "pipeline", "--as-of", AS_OF, "--step", name],
    )


with DAG(
    dag_id="clientele",
    description="Clientele: ingest, customer value, CLV, models, tags",
    schedule="@daily",
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args={"retries": 1, "retry_delay": timedelta(minutes=10)},
    tags=["clientele"],
) as dag:
    ingest = step("ingest")
    value = step("value")
    clv = step("clv")
    features = step("features")
    segment = step("segment")
    churn = step("churn")
    response = step("response")
    traffic = step("traffic")
    social = step("social")
    tags = step("tags")
    report = step("report")

    ingest >> value
    ingest >> clv
    ingest >> features
    features >> segment
    features >> churn
    features >> response
    ingest >> traffic
    ingest >> social
    value >> tags
    clv >> tags
    segment >> tags
    churn >> tags
    response >> tags
    traffic >> tags
    social >> tags
    tags >> report
