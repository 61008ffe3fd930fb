"""Clientele's daily pipeline for Apache Airflow (2.4 or later, apache-airflow-providers-apache-spark).

Generated from the pipeline's step graph (io.clientele.jobs.Pipeline) by
    bin/clientele pipeline --airflow-dag > conf/airflow/clientele_dag.py
Do not edit by hand: a test fails when this file and the graph differ.

Each task submits the application jar to the cluster and runs one step:
    clientele pipeline --as-of <logical date> --step <task>
The as-of date is the run's logical date ({{ ds }}): every step computes from the data before it.
Steps replace their own as_of slice, so retries and reruns converge.

Airflow variables:
    clientele_spark_conn_id   the Spark connection (default: spark_default)
    clientele_jar             path or URL of clientele-jobs-app.jar
    clientele_conf            a clientele properties file on the cluster (optional)
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.models import Variable
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

CONN_ID = Variable.get("clientele_spark_conn_id", default_var="spark_default")
JAR = "{{ var.value.clientele_jar }}"
CONF = Variable.get("clientele_conf", default_var="")
AS_OF = "{{ ds }}"


def step(name):
    return SparkSubmitOperator(
        task_id=name,
        conn_id=CONN_ID,
        application=JAR,
        java_class="io.clientele.jobs.Main",
        name="clientele-" + name,
        application_args=(["--conf", CONF] if CONF else []) + ["pipeline", "--as-of", AS_OF, "--step", name],
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
