package io.clientele.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.testing.SparkExtension;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkExtension.class)
class WebFunnelTest {
  private static final String DAY = "2026-06-01";
  private final SparkSession spark;

  WebFunnelTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void sessionsReachAStepOnlyThroughTheStepsBeforeIt() {
    // W1 buys, W2 only views, W3 leaves with a full cart, W4 buys without a view (not a converted view), and
    // X's events have no session id: one session for the visitor and day.
    Row day = WebFunnel.perDay(new Events()
            .web("W1", "V1", "C1", DAY + " 10:00:00", "view", "mobile", "search")
            .web("W1", "V1", "C1", DAY + " 10:01:00", "view", "mobile", "search")
            .web("W1", "V1", "C1", DAY + " 10:02:00", "add_to_cart", "mobile", "search")
            .web("W1", "V1", "C1", DAY + " 10:05:00", "purchase", "mobile", "search")
            .web("W2", "V2", null, DAY + " 11:00:00", "view", "desktop", "direct")
            .web("W3", "V3", null, DAY + " 12:00:00", "view", "desktop", "direct")
            .web("W3", "V3", null, DAY + " 12:01:00", "add_to_cart", "desktop", "direct")
            .web("W4", "V4", "C4", DAY + " 13:00:00", "add_to_cart", "tablet", "ad")
            .web("W4", "V4", "C4", DAY + " 13:01:00", "purchase", "tablet", "ad")
            .web(null, "X", null, DAY + " 14:00:00", "view", "mobile", "direct")
            .web(null, "X", null, DAY + " 14:30:00", "view", "mobile", "direct")
            .build(spark))
        .first();

    List<Object> values = Arrays.stream(new String[] {"sessions", "view_sessions", "cart_sessions", "purchase_sessions",
            "view_to_cart_rate", "cart_to_purchase_rate", "conversion_rate", "dropped_after_view", "dropped_after_cart",
            "drop_off_after_view", "drop_off_after_cart"})
        .map(c -> (Object) day.getAs(c)).collect(Collectors.toList());
    assertThat(values).containsExactly(5L, 4L, 2L, 1L, 0.5, 0.5, 0.25, 2L, 1L, 0.5, 0.5);
  }
}
