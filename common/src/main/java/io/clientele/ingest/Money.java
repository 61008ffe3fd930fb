package io.clientele.ingest;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/** Money is a decimal, never a double: sums over millions of lines must add up to the cent. */
public final class Money {
  private Money() {}

  public static final DecimalType TYPE = DataTypes.createDecimalType(18, 4);
}
