package io.clientele.clv;

import io.clientele.config.UsageException;
import java.util.Locale;

/**
 * The unit in which t_x, T and the model's rate are measured (clv.time-unit). A month is 365.25 / 12 days in
 * every unit: 30.44 days or 4.35 weeks, never "30 units".
 */
public enum TimeUnit {
  DAY(1),
  WEEK(7);

  public static final double DAYS_PER_MONTH = 365.25 / 12;

  private final int days;

  TimeUnit(int days) {
    this.days = days;
  }

  public int days() {
    return days;
  }

  public double perMonth() {
    return DAYS_PER_MONTH / days;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static TimeUnit parse(String value) {
    for (TimeUnit unit : values()) {
      if (unit.id().equalsIgnoreCase(value.trim())) {
        return unit;
      }
    }
    throw new UsageException("Unknown time unit '" + value + "': use day or week");
  }
}
