package io.clientele.value;

import java.util.Locale;

/** The eight RFM segments of docs/domain.md §2: high or low on each of R (recent), F and M. */
public enum Segment {
  IMPORTANT_VALUE(true, true, true, "重要价值客户", "important value"),
  IMPORTANT_DEVELOPMENT(true, false, true, "重要发展客户", "important development"),
  IMPORTANT_KEEP(false, true, true, "重要保持客户", "important keep"),
  IMPORTANT_RETAIN(false, false, true, "重要挽留客户", "important retain"),
  GENERAL_VALUE(true, true, false, "一般价值客户", "general value"),
  GENERAL_DEVELOPMENT(true, false, false, "一般发展客户", "general development"),
  GENERAL_KEEP(false, true, false, "一般保持客户", "general keep"),
  GENERAL_RETAIN(false, false, false, "一般挽留客户", "general retain");

  private final boolean recentHigh;
  private final boolean frequencyHigh;
  private final boolean monetaryHigh;
  private final String chinese;
  private final String english;

  Segment(boolean recentHigh, boolean frequencyHigh, boolean monetaryHigh, String chinese, String english) {
    this.recentHigh = recentHigh;
    this.frequencyHigh = frequencyHigh;
    this.monetaryHigh = monetaryHigh;
    this.chinese = chinese;
    this.english = english;
  }

  /** The id used in tables and tag expressions, e.g. important_retain. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean recentHigh() {
    return recentHigh;
  }

  public boolean frequencyHigh() {
    return frequencyHigh;
  }

  public boolean monetaryHigh() {
    return monetaryHigh;
  }

  public String chinese() {
    return chinese;
  }

  public String english() {
    return english;
  }
}
