package io.clientele.traffic;

import static io.clientele.traffic.Rates.ratio;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.clientele.ingest.Money;
import io.clientele.lake.Schemas;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The store flow line (客动线) per store, zone and day: how many visitors reached each step and the rates between
 * steps, each stored with its numerator and denominator columns. A visitor (visitor_id: customer id or not)
 * counts once per step, zone and day however often they did it, and at the steps a later one implies (see
 * {@link #withImpliedSteps}). Rows with zone {@link #ALL_ZONES} are the
 * whole store; they also carry the sales of the day from the transactions (客单价, 客品数).
 *
 * <ul>
 *   <li>entry rate 进店率 = entered / passed_by</li>
 *   <li>pass rate 通过率 = passed_aisle / store_entrants</li>
 *   <li>upstairs rate 上楼率 = went_upstairs / store_entrants (everyone enters on the ground floor)</li>
 *   <li>stay rate 停留率 = stayed / passed_aisle</li>
 *   <li>touch rate 触摸率, try-on rate 试穿率, trial rate 试用率 = touched, tried_on, trialled / store_entrants</li>
 *   <li>purchase rate 购买率 = bought / stayed; in a zone, bought counts the visitors who stayed in it and bought
 *       in the store that day (the purchase event happens at the checkout, not in the department)</li>
 * </ul>
 *
 * <p>Every zone seen in a store during the input appears for every day the store had traffic, so a zone nobody
 * reached has a row of zero counts and null rates.
 */
public final class Funnel {
  private Funnel() {}

  public static final String ALL_ZONES = "all";

  public static final String STORE_ID = "store_id";
  public static final String ZONE = "zone";
  public static final String DAY = "day";
  public static final String PASSED_BY = "passed_by";
  public static final String ENTERED = "entered";
  public static final String STORE_ENTRANTS = "store_entrants";
  public static final String PASSED_AISLE = "passed_aisle";
  public static final String WENT_UPSTAIRS = "went_upstairs";
  public static final String STAYED = "stayed";
  public static final String TOUCHED = "touched";
  public static final String TRIED_ON = "tried_on";
  public static final String TRIALLED = "trialled";
  public static final String BOUGHT = "bought";
  public static final String ENTRY_RATE = "entry_rate";
  public static final String PASS_RATE = "pass_rate";
  public static final String UPSTAIRS_RATE = "upstairs_rate";
  public static final String STAY_RATE = "stay_rate";
  public static final String TOUCH_RATE = "touch_rate";
  public static final String TRY_ON_RATE = "try_on_rate";
  public static final String TRIAL_RATE = "trial_rate";
  public static final String PURCHASE_RATE = "purchase_rate";
  public static final String SALES = "sales";
  public static final String BUYING_CUSTOMERS = "buying_customers";
  public static final String TRANSACTIONS = "transactions";
  public static final String ITEMS = "items";
  public static final String SALES_PER_CUSTOMER = "sales_per_customer";
  public static final String SALES_PER_TRANSACTION = "sales_per_transaction";
  public static final String ITEMS_PER_TICKET = "items_per_ticket";
  public static final String AVG_RECEPTION_SECONDS = "avg_reception_seconds";
  public static final String AVG_DEAL_SECONDS = "avg_deal_seconds";

  /** Step counts and the event type that puts a visitor in them. */
  private static final Map<String, String> STEPS = new LinkedHashMap<>();

  static {
    STEPS.put(PASSED_BY, "pass_by");
    STEPS.put(ENTERED, "enter");
    STEPS.put(PASSED_AISLE, "pass_aisle");
    STEPS.put(WENT_UPSTAIRS, "go_upstairs");
    STEPS.put(STAYED, "stay");
    STEPS.put(TOUCHED, "touch");
    STEPS.put(TRIED_ON, "try_on");
    STEPS.put(TRIALLED, "trial");
  }

  /** Events whose dwell is time spent with the visitor in a department: the reception time. */
  private static final String[] RECEPTION_EVENTS = {"stay", "touch", "try_on", "trial"};

  private static final String PURCHASED = "_purchased";
  private static final String FIRST_ENTER = "_first_enter";
  private static final String FIRST_PURCHASE = "_first_purchase";
  private static final String RECEPTION = "_reception_seconds";
  private static final String DEAL = "_deal_seconds";

  /**
   * The flow line of store visits. {@code events}: traffic events of channel store, with visitor_id, store_id,
   * zone, event_date, event_ts, event_type, dwell_seconds. Returns one row per store, zone (and
   * {@link #ALL_ZONES}) and day with the step counts, the rates, and the average reception and deal seconds
   * (deal: from the first entry to the first purchase of the visitors who bought).
   */
  public static Dataset<Row> storeFlow(Dataset<Row> events) {
    Schemas.requireColumns(events, "compute the store funnel", "visitor_id", STORE_ID, ZONE, "event_date", "event_ts",
        "event_type", "dwell_seconds");
    Dataset<Row> store = events.where(col(STORE_ID).isNotNull()).withColumnRenamed("event_date", DAY);

    Dataset<Row> perVisitor = aggregate(store.groupBy(STORE_ID, DAY, "visitor_id"), visitorAggregates(true))
        .transform(v -> withImpliedSteps(v, true))
        .withColumn(BOUGHT, col(PURCHASED))
        .withColumn(DEAL, when(col(FIRST_PURCHASE).geq(col(FIRST_ENTER)),
            col(FIRST_PURCHASE).cast("long").minus(col(FIRST_ENTER).cast("long"))));
    Dataset<Row> perVisitorZone = store.where(col(ZONE).isNotNull())
        .transform(z -> aggregate(z.groupBy(STORE_ID, DAY, ZONE, "visitor_id"), visitorAggregates(false)))
        .transform(z -> withImpliedSteps(z, false))
        .join(perVisitor.select(col(STORE_ID), col(DAY), col("visitor_id"), col(PURCHASED), col(DEAL)),
            seq(STORE_ID, DAY, "visitor_id"))
        .withColumn(BOUGHT, col(STAYED).and(col(PURCHASED)))
        .withColumn(DEAL, when(col(BOUGHT), col(DEAL)));

    Dataset<Row> wholeStore = counts(perVisitor.withColumn(ZONE, lit(ALL_ZONES)));
    Dataset<Row> entrants = wholeStore.select(col(STORE_ID), col(DAY), col(ENTERED).as(STORE_ENTRANTS));

    // Every zone of a store, every day the store had traffic: zones nobody reached keep a row of zeros.
    Dataset<Row> grid = store.where(col(ZONE).isNotNull()).select(STORE_ID, ZONE).distinct()
        .join(store.select(STORE_ID, DAY).distinct(), STORE_ID);
    Dataset<Row> zones = grid.join(counts(perVisitorZone), seq(STORE_ID, DAY, ZONE), "left");
    for (String step : countColumns()) {
      zones = zones.withColumn(step, coalesce(col(step), lit(0L)));
    }
    return zones.unionByName(wholeStore)
        .join(entrants, seq(STORE_ID, DAY))
        .withColumn(ENTRY_RATE, ratio(col(ENTERED), col(PASSED_BY)))
        .withColumn(PASS_RATE, ratio(col(PASSED_AISLE), col(STORE_ENTRANTS)))
        .withColumn(UPSTAIRS_RATE, ratio(col(WENT_UPSTAIRS), col(STORE_ENTRANTS)))
        .withColumn(STAY_RATE, ratio(col(STAYED), col(PASSED_AISLE)))
        .withColumn(TOUCH_RATE, ratio(col(TOUCHED), col(STORE_ENTRANTS)))
        .withColumn(TRY_ON_RATE, ratio(col(TRIED_ON), col(STORE_ENTRANTS)))
        .withColumn(TRIAL_RATE, ratio(col(TRIALLED), col(STORE_ENTRANTS)))
        .withColumn(PURCHASE_RATE, ratio(col(BOUGHT), col(STAYED)));
  }

  public static final String FLOOR = "floor";
  public static final String ON_FLOOR = "visitors_on_floor";
  public static final String WENT_UP = "went_up";

  /**
   * The upstairs rate 上楼率 floor by floor, as the texts define it: visitors who went up from a floor / visitors
   * who were on that floor, per store, floor and day. A visitor is on a floor when any of their events that day
   * inside the store carries it (not {@code pass_by}: passing the door is outside), and on the floor below one they
   * reached by the stairs; a {@code go_upstairs} event carries the
   * floor it reaches, so it counts its visitor as going up from the floor below. Events without a floor are left
   * out (a layout without floors gives no rows); a floor nobody left upwards (the top floor) has rate 0.
   * {@code events}: store events with visitor_id, store_id, floor, event_date, event_type.
   */
  public static Dataset<Row> floorFlow(Dataset<Row> events) {
    Schemas.requireColumns(events, "compute the upstairs rate per floor", "visitor_id", STORE_ID, FLOOR, "event_date",
        "event_type");
    Dataset<Row> located = events.where(col(STORE_ID).isNotNull().and(col(FLOOR).isNotNull())
            .and(col("event_type").notEqual(STEPS.get(PASSED_BY))))
        .withColumnRenamed("event_date", DAY);
    Dataset<Row> wentUp = located.where(col("event_type").equalTo("go_upstairs").and(col(FLOOR).gt(1)))
        .select(col(STORE_ID), col(DAY), col("visitor_id"), col(FLOOR).minus(1).as(FLOOR)).distinct();
    Dataset<Row> onFloor = located.select(STORE_ID, DAY, "visitor_id", FLOOR).unionByName(wentUp).distinct()
        .groupBy(STORE_ID, DAY, FLOOR).agg(count(lit(1)).as(ON_FLOOR));
    Dataset<Row> up = wentUp.groupBy(STORE_ID, DAY, FLOOR).agg(count(lit(1)).as(WENT_UP));
    return onFloor.join(up, seq(STORE_ID, DAY, FLOOR), "left")
        .withColumn(WENT_UP, coalesce(col(WENT_UP), lit(0L)))
        .withColumn(UPSTAIRS_RATE, ratio(col(WENT_UP), col(ON_FLOOR)));
  }

  /**
   * Sales of the day per store from paid transaction lines (customer_id, order_id, order_date, store_id,
   * quantity, amount, status): sales, buying customers, transactions (orders), items, and average order value
   * 客单价 per customer and per transaction, items per ticket 客品数.
   */
  public static Dataset<Row> storeSales(Dataset<Row> lines) {
    Schemas.requireColumns(lines, "compute store sales", "customer_id", "order_id", "order_date", STORE_ID,
        "quantity", "amount", "status");
    return sales(lines.where(col(STORE_ID).isNotNull()), STORE_ID);
  }

  /** Sales per day (and the given keys) of paid lines, with the ratios 客单价 and 客品数. */
  static Dataset<Row> sales(Dataset<Row> lines, String... keys) {
    List<Column> by = new ArrayList<>();
    for (String key : keys) {
      by.add(col(key));
    }
    by.add(col("order_date").as(DAY));
    return lines.where(col("status").equalTo("paid"))
        .groupBy(by.toArray(new Column[0]))
        .agg(sum("amount").cast(Money.TYPE).as(SALES), countDistinct("customer_id").as(BUYING_CUSTOMERS),
            countDistinct("order_id").as(TRANSACTIONS), sum("quantity").cast("long").as(ITEMS))
        .withColumn(SALES_PER_CUSTOMER, ratio(col(SALES), col(BUYING_CUSTOMERS)))
        .withColumn(SALES_PER_TRANSACTION, ratio(col(SALES), col(TRANSACTIONS)))
        .withColumn(ITEMS_PER_TICKET, ratio(col(ITEMS), col(TRANSACTIONS)));
  }

  /**
   * The flow line with the sales of the day on the whole-store rows; store days with sales but no traffic get
   * a row of zero counts (and null rates). Zone rows have null sales.
   */
  public static Dataset<Row> withSales(Dataset<Row> flow, Dataset<Row> storeSales) {
    Dataset<Row> whole = flow.where(col(ZONE).equalTo(ALL_ZONES))
        .join(storeSales, seq(STORE_ID, DAY), "full_outer")
        .withColumn(ZONE, lit(ALL_ZONES));
    for (String step : countColumns()) {
      whole = whole.withColumn(step, coalesce(col(step), lit(0L)));
    }
    whole = whole.withColumn(STORE_ENTRANTS, coalesce(col(STORE_ENTRANTS), lit(0L)));
    return flow.where(col(ZONE).notEqual(ALL_ZONES)).unionByName(whole, true);
  }

  /** The sales columns, null: when there are no transactions to join. */
  public static Dataset<Row> withoutSales(Dataset<Row> flow) {
    Dataset<Row> result = flow;
    for (String column : new String[] {BUYING_CUSTOMERS, TRANSACTIONS, ITEMS}) {
      result = result.withColumn(column, lit(null).cast("long"));
    }
    for (String column : new String[] {SALES_PER_CUSTOMER, SALES_PER_TRANSACTION, ITEMS_PER_TICKET}) {
      result = result.withColumn(column, lit(null).cast("double"));
    }
    return result.withColumn(SALES, lit(null).cast(Money.TYPE));
  }

  private static List<String> countColumns() {
    List<String> columns = new ArrayList<>(STEPS.keySet());
    columns.add(BOUGHT);
    return columns;
  }

  /** Per visitor: one flag per step, the reception seconds, and (whole store) first entry and purchase. */
  private static List<Column> visitorAggregates(boolean wholeStore) {
    List<Column> aggregates = new ArrayList<>();
    STEPS.forEach((step, type) -> aggregates.add(max(col("event_type").equalTo(type)).as(step)));
    aggregates.add(sum(when(col("event_type").isin((Object[]) RECEPTION_EVENTS), col("dwell_seconds"))).as(RECEPTION));
    if (wholeStore) {
      aggregates.add(max(col("event_type").equalTo("purchase")).as(PURCHASED));
      aggregates.add(min(when(col("event_type").equalTo("enter"), col("event_ts"))).as(FIRST_ENTER));
      aggregates.add(min(when(col("event_type").equalTo("purchase"), col("event_ts"))).as(FIRST_PURCHASE));
    }
    return aggregates;
  }

  private static Dataset<Row> aggregate(org.apache.spark.sql.RelationalGroupedDataset grouped, List<Column> aggregates) {
    return grouped.agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(new Column[0]));
  }

  /**
   * A visitor seen at a step counts at the steps it implies, so that an event missing from the log (rejected at
   * ingestion, or before the data starts) cannot push a rate above 1: touching, trying on or trialling means
   * stopping; stopping at a department means passing its aisle; entering means passing the door; and, for the
   * whole store, buying means stopping somewhere and any step inside means entering.
   */
  private static Dataset<Row> withImpliedSteps(Dataset<Row> perVisitor, boolean wholeStore) {
    Column stayed = col(STAYED).or(col(TOUCHED)).or(col(TRIED_ON)).or(col(TRIALLED));
    Dataset<Row> implied = perVisitor.withColumn(STAYED, wholeStore ? stayed.or(col(PURCHASED)) : stayed)
        .withColumn(PASSED_AISLE, col(PASSED_AISLE).or(col(STAYED)));
    if (wholeStore) {
      implied = implied.withColumn(ENTERED, col(ENTERED).or(col(PASSED_AISLE)).or(col(WENT_UPSTAIRS)));
    }
    return implied.withColumn(PASSED_BY, col(PASSED_BY).or(col(ENTERED)));
  }

  /** Visitors per step, and the average reception and deal seconds, per store, day and zone. */
  private static Dataset<Row> counts(Dataset<Row> perVisitor) {
    List<Column> aggregates = new ArrayList<>();
    for (String step : countColumns()) {
      aggregates.add(sum(when(col(step), 1L).otherwise(0L)).as(step));
    }
    aggregates.add(avg(col(RECEPTION)).as(AVG_RECEPTION_SECONDS));
    aggregates.add(avg(col(DEAL)).as(AVG_DEAL_SECONDS));
    return aggregate(perVisitor.groupBy(STORE_ID, DAY, ZONE), aggregates);
  }

  static scala.collection.Seq<String> seq(String... columns) {
    return seqOf(columns);
  }

  /** Column names as the Scala sequence that Dataset.join takes. */
  public static scala.collection.Seq<String> seqOf(String... columns) {
    return scala.collection.JavaConverters.asScalaBuffer(java.util.Arrays.asList(columns)).toSeq();
  }
}
