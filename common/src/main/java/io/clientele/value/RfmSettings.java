package io.clientele.value;

import io.clientele.config.ClienteleConfig;
import io.clientele.config.ConfigException;
import io.clientele.config.ConfigKeys;
import java.io.Serializable;
import java.util.List;
import java.util.stream.Collectors;

/** How RFM is scored and split into high and low, read once from configuration and checked. */
public final class RfmSettings implements Serializable {
  public enum Strategy { QUANTILE, MEAN, FIXED }

  final Strategy strategy;
  final int bins;
  final double quantileError;
  final List<Double> recencyCutoffs;
  final List<Double> frequencyCutoffs;
  final List<Double> monetaryCutoffs;
  final boolean highAboveMean;
  final int highThreshold;

  public RfmSettings(
      Strategy strategy, int bins, double quantileError, List<Double> recencyCutoffs, List<Double> frequencyCutoffs,
      List<Double> monetaryCutoffs, boolean highAboveMean, int highThreshold) {
    this.strategy = strategy;
    this.bins = bins;
    this.quantileError = quantileError;
    this.recencyCutoffs = List.copyOf(recencyCutoffs);
    this.frequencyCutoffs = List.copyOf(frequencyCutoffs);
    this.monetaryCutoffs = List.copyOf(monetaryCutoffs);
    this.highAboveMean = highAboveMean;
    this.highThreshold = highThreshold;
  }

  public static RfmSettings from(ClienteleConfig config) {
    return new RfmSettings(
        Strategy.valueOf(config.get(ConfigKeys.RFM_STRATEGY).toUpperCase(java.util.Locale.ROOT)),
        config.get(ConfigKeys.RFM_BINS),
        config.get(ConfigKeys.RFM_QUANTILE_ERROR),
        ascending(ConfigKeys.RFM_RECENCY_CUTOFFS.key(), config.get(ConfigKeys.RFM_RECENCY_CUTOFFS)),
        ascending(ConfigKeys.RFM_FREQUENCY_CUTOFFS.key(), config.get(ConfigKeys.RFM_FREQUENCY_CUTOFFS)),
        ascending(ConfigKeys.RFM_MONETARY_CUTOFFS.key(), config.get(ConfigKeys.RFM_MONETARY_CUTOFFS)),
        config.get(ConfigKeys.RFM_HIGH_RULE).equals("mean"),
        config.get(ConfigKeys.RFM_HIGH_THRESHOLD));
  }

  private static List<Double> ascending(String key, List<String> values) {
    List<Double> numbers;
    try {
      numbers = values.stream().map(Double::valueOf).collect(Collectors.toList());
    } catch (NumberFormatException e) {
      throw new ConfigException("Invalid value for configuration key '" + key + "': " + values + " (expected numbers)");
    }
    for (int i = 1; i < numbers.size(); i++) {
      if (numbers.get(i) <= numbers.get(i - 1)) {
        throw new ConfigException("Invalid value for configuration key '" + key + "': " + values + " (expected ascending numbers)");
      }
    }
    return numbers;
  }
}
