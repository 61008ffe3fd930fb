package io.clientele.model;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The area under the ROC curve as MLlib's {@code BinaryClassificationEvaluator} computes it on one partition, for
 * scores held on the driver: rows grouped by distinct score from the highest, consecutive groups merged into
 * chunks of {@code distinct / bins} when that is at least 2 (the evaluator's down-sampling, {@code numBins}), the
 * cumulative true- and false-positive rates of each chunk between (0, 0) and (1, 1), and the trapezoids under
 * them. A label above 0.5 is a positive; every row weighs 1. MLlib cuts its chunks in each partition of its sorted
 * scores, so where it down-samples its figure depends on that layout; here the chunks are cut over all scores in
 * order, as MLlib does on one partition. Without down-sampling (fewer than twice as many distinct scores as bins,
 * or no bins) the two areas are the same.
 */
final class RocCurve {
  /** BinaryClassificationEvaluator's default numBins. */
  static final int EVALUATOR_BINS = 1000;

  private RocCurve() {}

  static double areaUnderRoc(double[] scores, DriverLogistic.Rows rows, int bins) {
    int n = scores.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
    // Distinct scores, highest first, with their positives and negatives.
    double[] positives = new double[n];
    double[] negatives = new double[n];
    int distinct = 0;
    for (int k = 0; k < n; k++) {
      int i = order[k];
      if (k == 0 || Double.compare(scores[i], scores[order[k - 1]]) != 0) {
        distinct++;
      }
      if (rows.positive(i)) {
        positives[distinct - 1] += 1;
      } else {
        negatives[distinct - 1] += 1;
      }
    }
    long grouping = bins > 0 ? distinct / bins : 0;
    double totalPositives = 0;
    double totalNegatives = 0;
    for (int d = 0; d < distinct; d++) {
      totalPositives += positives[d];
      totalNegatives += negatives[d];
    }
    double area = 0;
    double x = 0;
    double y = 0;
    double cumulativePositives = 0;
    double cumulativeNegatives = 0;
    int inChunk = 0;
    for (int d = 0; d < distinct; d++) {
      cumulativePositives += positives[d];
      cumulativeNegatives += negatives[d];
      inChunk++;
      boolean point = grouping < 2 || inChunk == grouping || d == distinct - 1;
      if (point) {
        inChunk = 0;
        double nextX = totalNegatives == 0 ? 0.0 : cumulativeNegatives / totalNegatives;
        double nextY = totalPositives == 0 ? 0.0 : cumulativePositives / totalPositives;
        area += (nextX - x) * (nextY + y) / 2.0;
        x = nextX;
        y = nextY;
      }
    }
    area += (1.0 - x) * (1.0 + y) / 2.0;
    return area;
  }
}
