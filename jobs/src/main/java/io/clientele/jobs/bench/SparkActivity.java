package io.clientele.jobs.bench;

import io.clientele.jobs.steps.ValueJob;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;

/**
 * What Spark did while a step ran, from a listener on the session's context: the jobs, their stages and tasks,
 * and per job its description (Delta names its snapshot loads and commits' jobs), call site and wall time. The
 * benchmarks print it per step, so a fixed cost shows as the jobs that cause it rather than as a guess.
 * The counts come from the listener bus, which delivers events asynchronously: {@link #snapshot} waits until
 * the bus has delivered everything posted so far.
 */
final class SparkActivity extends SparkListener {
  /** One finished Spark job. */
  record Job(int id, String description, String callSite, long startMillis, long millis, int stages, int tasks) {}

  private final Map<Integer, Started> started = new ConcurrentHashMap<>();
  private final Map<Integer, Integer> tasksPerStage = new ConcurrentHashMap<>();
  private final List<Job> finished = new ArrayList<>();

  private record Started(String description, String callSite, long time, List<Integer> stageIds) {}

  /** A listener registered on {@code context}; remove it with {@link #stop}. */
  static SparkActivity on(SparkContext context) {
    SparkActivity activity = new SparkActivity();
    context.addSparkListener(activity);
    return activity;
  }

  void stop(SparkContext context) {
    context.removeSparkListener(this);
  }

  @Override
  public void onJobStart(SparkListenerJobStart start) {
    Properties properties = start.properties();
    String description = properties == null ? null : properties.getProperty("spark.job.description");
    // The call site is the name of the job's last stage ("count at ValueJob.java:123"), the one that returns.
    String callSite = null;
    int lastStage = -1;
    List<Integer> stageIds = new ArrayList<>();
    scala.collection.Iterator<StageInfo> stages = start.stageInfos().iterator();
    while (stages.hasNext()) {
      StageInfo stage = stages.next();
      stageIds.add(stage.stageId());
      if (stage.stageId() > lastStage) {
        lastStage = stage.stageId();
        callSite = stage.name();
      }
    }
    started.put(start.jobId(), new Started(description, callSite, start.time(), stageIds));
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    tasksPerStage.merge(end.stageId(), 1, Integer::sum);
  }

  @Override
  public void onJobEnd(SparkListenerJobEnd end) {
    Started job = started.remove(end.jobId());
    if (job == null) {
      return;
    }
    int stages = 0;
    int tasks = 0;
    for (int stageId : job.stageIds) {
      Integer ran = tasksPerStage.remove(stageId);
      if (ran != null) {
        stages++;
        tasks += ran;
      }
    }
    synchronized (finished) {
      finished.add(new Job(end.jobId(), job.description, job.callSite, job.time, end.time() - job.time, stages, tasks));
    }
  }

  /** The jobs finished since the last call (and forgets them), after the listener bus has caught up. */
  List<Job> drain(SparkContext context) {
    try {
      context.listenerBus().waitUntilEmpty(60_000);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("Spark's listener bus did not deliver its events within 60 s", e);
    }
    synchronized (finished) {
      List<Job> jobs = new ArrayList<>(finished);
      finished.clear();
      return jobs;
    }
  }

  /** Totals of a list of jobs. */
  record Totals(int jobs, int stages, int tasks, long jobMillis) {
    static Totals of(List<Job> jobs) {
      int stages = 0;
      int tasks = 0;
      long millis = 0;
      for (Job job : jobs) {
        stages += job.stages();
        tasks += job.tasks();
        millis += job.millis();
      }
      return new Totals(jobs.size(), stages, tasks, millis);
    }
  }
}
