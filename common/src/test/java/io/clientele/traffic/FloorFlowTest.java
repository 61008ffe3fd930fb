package io.clientele.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.testing.SparkExtension;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 上楼率 floor by floor in a three-floor store S1 on 2026-06-01: V1, V2, V3 and V4 enter on floor 1; V1 and V2 go
 * up to floor 2, and V1 on to floor 3; V3 stays on floor 1; V4's log has an event on floor 2 but no stairs
 * (it still counts on floor 2, not as going up); V5 reaches floor 3 by the stairs with no event on floor 2 (it was
 * on floor 2 all the same). V7 only passes the door (outside the store: on no floor). Events without a floor (S2)
 * give no rows.
 */
@ExtendWith(SparkExtension.class)
class FloorFlowTest {
  private final SparkSession spark;

  FloorFlowTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void theUpstairsRateOfAFloorIsWhoWentUpFromItOverWhoWasOnIt() {
    Dataset<Row> events = spark.sql("SELECT visitor_id, store_id, CAST(f AS INT) AS floor, DATE'2026-06-01' AS event_date, "
        + "event_type FROM VALUES "
        + "('V1', 'S1', 1, 'enter'), ('V1', 'S1', 2, 'go_upstairs'), ('V1', 'S1', 2, 'stay'), ('V1', 'S1', 3, 'go_upstairs'), "
        + "('V2', 'S1', 1, 'enter'), ('V2', 'S1', 1, 'pass_aisle'), ('V2', 'S1', 2, 'go_upstairs'), "
        + "('V3', 'S1', 1, 'enter'), ('V3', 'S1', 1, 'stay'), "
        + "('V4', 'S1', 1, 'enter'), ('V4', 'S1', 2, 'touch'), "
        + "('V5', 'S1', 1, 'enter'), ('V5', 'S1', 3, 'go_upstairs'), "
        + "('V7', 'S1', 1, 'pass_by'), ('V6', 'S2', NULL, 'enter') AS t(visitor_id, store_id, f, event_type)");

    Map<String, String> floors = Funnel.floorFlow(events).collectAsList().stream().collect(Collectors.toMap(
        r -> r.getAs("store_id") + "/" + r.getAs("floor") + "/" + r.getAs("day"),
        r -> r.getAs("visitors_on_floor") + "/" + r.getAs("went_up") + "/" + r.getAs("upstairs_rate")));

    // Floor 1: all five were there, V1 and V2 went up. Floor 2: V1, V2, V4 and V5 (who went on up from it), of whom
    // V1 and V5 went up. Floor 3: V1 and V5, nobody went further.
    assertThat(floors).containsExactlyInAnyOrderEntriesOf(Map.of(
        "S1/1/2026-06-01", "5/2/0.4",
        "S1/2/2026-06-01", "4/2/0.5",
        "S1/3/2026-06-01", "2/0/0.0"));
  }
}
