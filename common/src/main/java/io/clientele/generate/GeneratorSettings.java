package io.clientele.generate;

import io.clientele.config.ConfigException;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What a synthetic data run produces: how many customers over how many days up to which end date, from which
 * seed, how dirty, in how many partitions, with how many stores and campaigns and what share of members. The
 * same settings always give the same lines. Built by {@link Generator#settings} from the {@code generate.*}
 * keys, or by {@link #builder()}; validated once, on {@link Builder#build()}.
 */
public final class GeneratorSettings implements Serializable {
  private static final long serialVersionUID = 1L;

  private final long customers;
  private final int days;
  private final long seed;
  private final double dirtyRate;
  private final LocalDate endDate;
  private final int partitions;
  private final int stores;
  private final int campaigns;
  private final double memberShare;

  private GeneratorSettings(Builder b) {
    this.customers = b.customers;
    this.days = b.days;
    this.seed = b.seed;
    this.dirtyRate = b.dirtyRate;
    this.endDate = b.endDate;
    this.partitions = b.partitions;
    this.stores = b.stores;
    this.campaigns = b.campaigns;
    this.memberShare = b.memberShare;
  }

  /** Defaults equal to those of the {@code generate.*} configuration keys. */
  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .customers(customers)
        .days(days)
        .seed(seed)
        .dirtyRate(dirtyRate)
        .endDate(endDate)
        .partitions(partitions)
        .stores(stores)
        .campaigns(campaigns)
        .memberShare(memberShare);
  }

  /**
   * A copy with the command-line overrides applied ({@code --customers --days --seed --dirty-rate}); a null
   * argument keeps the current value.
   */
  public GeneratorSettings withOverrides(Long customers, Integer days, Long seed, Double dirtyRate) {
    Builder b = toBuilder();
    if (customers != null) {
      b.customers(customers);
    }
    if (days != null) {
      b.days(days);
    }
    if (seed != null) {
      b.seed(seed);
    }
    if (dirtyRate != null) {
      b.dirtyRate(dirtyRate);
    }
    return b.build();
  }

  public long customers() {
    return customers;
  }

  public int days() {
    return days;
  }

  public long seed() {
    return seed;
  }

  public double dirtyRate() {
    return dirtyRate;
  }

  /** Last simulated day; the first is {@link #startDate()}. */
  public LocalDate endDate() {
    return endDate;
  }

  /** First simulated day: {@code endDate - days + 1}. */
  public LocalDate startDate() {
    return endDate.minusDays(days - 1L);
  }

  public int partitions() {
    return partitions;
  }

  public int stores() {
    return stores;
  }

  public int campaigns() {
    return campaigns;
  }

  public double memberShare() {
    return memberShare;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof GeneratorSettings)) {
      return false;
    }
    GeneratorSettings that = (GeneratorSettings) o;
    return customers == that.customers
        && days == that.days
        && seed == that.seed
        && Double.compare(dirtyRate, that.dirtyRate) == 0
        && partitions == that.partitions
        && stores == that.stores
        && campaigns == that.campaigns
        && Double.compare(memberShare, that.memberShare) == 0
        && endDate.equals(that.endDate);
  }

  @Override
  public int hashCode() {
    return Objects.hash(customers, days, seed, dirtyRate, endDate, partitions, stores, campaigns, memberShare);
  }

  @Override
  public String toString() {
    return "GeneratorSettings{customers=" + customers + ", days=" + days + ", seed=" + seed + ", dirtyRate="
        + dirtyRate + ", endDate=" + endDate + ", partitions=" + partitions + ", stores=" + stores
        + ", campaigns=" + campaigns + ", memberShare=" + memberShare + "}";
  }

  /** Collects the settings; {@link #build()} checks them with the bounds of the configuration keys. */
  public static final class Builder {
    private long customers = 2000;
    private int days = 365;
    private long seed = 42;
    private double dirtyRate = 0.02;
    private LocalDate endDate = LocalDate.of(2026, 6, 30);
    private int partitions = 8;
    private int stores = 6;
    private int campaigns = 12;
    private double memberShare = 0.7;

    private Builder() {}

    public Builder customers(long value) {
      this.customers = value;
      return this;
    }

    public Builder days(int value) {
      this.days = value;
      return this;
    }

    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    public Builder dirtyRate(double value) {
      this.dirtyRate = value;
      return this;
    }

    public Builder endDate(LocalDate value) {
      this.endDate = value;
      return this;
    }

    public Builder partitions(int value) {
      this.partitions = value;
      return this;
    }

    public Builder stores(int value) {
      this.stores = value;
      return this;
    }

    public Builder campaigns(int value) {
      this.campaigns = value;
      return this;
    }

    public Builder memberShare(double value) {
      this.memberShare = value;
      return this;
    }

    public GeneratorSettings build() {
      require(customers >= 1, "customers must be at least 1 (got " + customers + ")");
      require(days >= 7, "days must be at least 7 (got " + days + ")");
      require(seed >= 0, "seed must not be negative (got " + seed + ")");
      require(dirtyRate >= 0 && dirtyRate <= 0.5, "dirty rate must be between 0 and 0.5 (got " + dirtyRate + ")");
      require(endDate != null, "end date is required");
      require(partitions >= 1, "partitions must be at least 1 (got " + partitions + ")");
      require(stores >= 1, "stores must be at least 1 (got " + stores + ")");
      require(campaigns >= 0, "campaigns must not be negative (got " + campaigns + ")");
      require(memberShare >= 0 && memberShare <= 1, "member share must be between 0 and 1 (got " + memberShare + ")");
      return new GeneratorSettings(this);
    }

    private static void require(boolean condition, String reason) {
      if (!condition) {
        throw new ConfigException("Cannot generate data: " + reason);
      }
    }
  }
}
