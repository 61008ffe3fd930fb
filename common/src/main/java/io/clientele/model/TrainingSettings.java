package io.clientele.model;

import io.clientele.config.ClienteleConfig;
import io.clientele.config.ConfigKeys;
import io.clientele.config.UsageException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How a binary model is trained and judged: the held-out share and seed of the bring-your-own-table split,
 * the regularisation grid, folds and parallelism of the cross-validation, the iteration limit, the decision
 * threshold, the single-feature AUC at which the leak guard warns, the most categories a text column may have, and
 * the most training rows fitted in one partition ({@link FitPartitions}).
 */
public record TrainingSettings(
    double testFraction, long seed, List<Double> regParams, int folds, int parallelism, int maxIterations,
    double threshold, double leakAuc, int maxCategories, int singlePartitionRows) {

  public TrainingSettings {
    if (regParams.isEmpty()) {
      throw new UsageException("Cannot train: the regularisation grid is empty");
    }
    regParams = List.copyOf(regParams);
  }

  public static TrainingSettings from(ClienteleConfig config) {
    List<Double> grid;
    try {
      grid = config.get(ConfigKeys.MODEL_REG_PARAMS).stream().map(Double::valueOf).collect(Collectors.toList());
    } catch (NumberFormatException e) {
      throw new io.clientele.config.ConfigException("Invalid value for configuration key '"
          + ConfigKeys.MODEL_REG_PARAMS.key() + "': " + config.get(ConfigKeys.MODEL_REG_PARAMS) + " (expected numbers)");
    }
    if (grid.stream().anyMatch(v -> v < 0)) {
      throw new io.clientele.config.ConfigException("Invalid value for configuration key '"
          + ConfigKeys.MODEL_REG_PARAMS.key() + "': " + grid + " (expected numbers >= 0)");
    }
    return new TrainingSettings(config.get(ConfigKeys.MODEL_TEST_FRACTION), config.get(ConfigKeys.MODEL_SEED), grid,
        config.get(ConfigKeys.MODEL_CV_FOLDS), config.get(ConfigKeys.MODEL_CV_PARALLELISM),
        config.get(ConfigKeys.MODEL_MAX_ITERATIONS),
        config.get(ConfigKeys.MODEL_THRESHOLD), config.get(ConfigKeys.MODEL_LEAK_AUC),
        config.get(ConfigKeys.MODEL_MAX_CATEGORIES), config.get(ConfigKeys.MODEL_SINGLE_PARTITION_ROWS));
  }
}
