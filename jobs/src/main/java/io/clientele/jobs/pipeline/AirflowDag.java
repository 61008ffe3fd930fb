package io.clientele.jobs.pipeline;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The Airflow DAG of the pipeline, rendered from its step graph: one SparkSubmitOperator per step, each running
 * {@code clientele pipeline --as-of <end of the data interval> --step NAME}, with the graph's dependencies. The
 * as-of is {@code data_interval_end}, not {@code ds}: the daily run for day D starts after D ends, and its as-of
 * (everything strictly before it) must be D + 1 for day D to be in it. Nothing queries Airflow's metadata database
 * when the scheduler parses the file: the variables are Jinja templates, rendered when a task runs. The copy in
 * {@code conf/airflow/clientele_dag.py} is this output; a test keeps the two equal.
 */
public final class AirflowDag {
  public static final String FILE = "conf/airflow/clientele_dag.py";

  private AirflowDag() {}

  public static String render(List<Pipeline.Step> steps) {
    StringBuilder py = new StringBuilder();
    py.append("\"\"\"Clientele's daily pipeline for Apache Airflow (2.4 or later, apache-airflow-providers-apache-spark).\n")
        .append("\n")
        .append("Generated from the pipeline's step graph (io.clientele.jobs.pipeline.Pipeline) by\n")
        .append("    bin/clientele pipeline --airflow-dag > " + FILE + "\n")
        .append("Do not edit by hand: a test fails when this file and the graph differ.\n")
        .append("\n")
        .append("Each task submits the application jar to the cluster and runs one step:\n")
        .append("    clientele pipeline --as-of <end of the run's data interval> --step <task>\n")
        .append("The as-of date is the end of the run's data interval ({{ data_interval_end | ds }}): every step computes\n")
        .append("from the data strictly before it, so the daily run for day D (which starts once D is over) has D in it.\n")
        .append("({{ ds }} is the interval's start: as-of D would leave out the very day the run is for.)\n")
        .append("Steps replace their own as_of slice, so retries and reruns converge.\n")
        .append("\n")
        .append("Nothing here reads Airflow's metadata database when the scheduler parses this file: the variables are\n")
        .append("Jinja templates, rendered when a task runs; the connection id comes from the environment.\n")
        .append("    CLIENTELE_SPARK_CONN_ID   environment variable: the Spark connection (default: spark_default)\n")
        .append("    clientele_jar             Airflow variable: path or URL of clientele-jobs-app.jar\n")
        .append("    clientele_conf            Airflow variable: a clientele properties file on the cluster (optional;\n")
        .append("                              empty or unset: none)\n")
        .append("\"\"\"\n")
        .append("import os\n")
        .append("from datetime import datetime, timedelta\n")
        .append("\n")
        .append("from airflow import DAG\n")
        .append("from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator\n")
        .append("\n")
        .append("CONN_ID = os.environ.get(\"CLIENTELE_SPARK_CONN_ID\", \"spark_default\")\n")
        .append("JAR = \"{{ var.value.clientele_jar }}\"\n")
        .append("CONF = \"{{ var.value.get('clientele_conf', '') }}\"\n")
        .append("AS_OF = \"{{ data_interval_end | ds }}\"\n")
        .append("\n")
        .append("\n")
        .append("def step(name):\n")
        .append("    return SparkSubmitOperator(\n")
        .append("        task_id=name,\n")
        .append("        conn_id=CONN_ID,\n")
        .append("        application=JAR,\n")
        .append("        java_class=\"io.clientele.jobs.Main\",\n")
        .append("        name=\"clientele-\" + name,\n")
        .append("        application_args=[\"--conf\", CONF, \"pipeline\", \"--as-of\", AS_OF, \"--step\", name],\n")
        .append("    )\n")
        .append("\n")
        .append("\n")
        .append("with DAG(\n")
        .append("    dag_id=\"clientele\",\n")
        .append("    description=\"Clientele: ingest, customer value, CLV, models, tags\",\n")
        .append("    schedule=\"@daily\",\n")
        .append("    start_date=datetime(2026, 1, 1),\n")
        .append("    catchup=False,\n")
        .append("    max_active_runs=1,\n")
        .append("    default_args={\"retries\": 1, \"retry_delay\": timedelta(minutes=10)},\n")
        .append("    tags=[\"clientele\"],\n")
        .append(") as dag:\n");
    for (Pipeline.Step s : steps) {
      py.append("    ").append(variable(s.name())).append(" = step(\"").append(s.name()).append("\")\n");
    }
    py.append("\n");
    for (Pipeline.Step s : steps) {
      for (String before : s.after()) {
        py.append("    ").append(variable(before)).append(" >> ").append(variable(s.name())).append("\n");
      }
    }
    return py.toString();
  }

  /** The Python name of a step's task. */
  static String variable(String step) {
    return step.replace('-', '_');
  }

  /** The dependency pairs "a >> b" of the graph, for comparing with a DAG file. */
  public static List<String> edges(List<Pipeline.Step> steps) {
    return steps.stream().flatMap(s -> s.after().stream().map(a -> variable(a) + " >> " + variable(s.name())))
        .collect(Collectors.toList());
  }
}
