package io.clientele.traffic;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.clientele.ingest.Money;
import org.apache.spark.sql.types.StructType;

/** The gold tables of the traffic job, each keyed by as_of (and partitioned by it). */
public final class TrafficTables {
  private TrafficTables() {}

  public static final String TRAFFIC_HOURLY = "traffic_hourly";
  public static final String TRAFFIC_REGION = "traffic_region";
  public static final String TRAFFIC_VISITORS = "traffic_visitors";
  public static final String TRAFFIC_FUNNEL = "traffic_funnel";
  public static final String TRAFFIC_FLOORS = "traffic_floors";
  public static final String TRAFFIC_WEB_FUNNEL = "traffic_web_funnel";
  public static final String TRAFFIC_AARRR = "traffic_aarrr";
  public static final String AS_OF = "as_of";

  public static final StructType HOURLY = new StructType()
      .add(AS_OF, DateType, false)
      .add(VisitorDistributions.CHANNEL, StringType, false)
      .add(VisitorDistributions.SITE, StringType, false)
      .add(VisitorDistributions.WEEKDAY, IntegerType, false)
      .add(VisitorDistributions.HOUR, IntegerType, false)
      .add(VisitorDistributions.VISITORS, LongType, false)
      .add(VisitorDistributions.VISITS, LongType, false)
      .add(VisitorDistributions.EVENTS, LongType, false);

  public static final StructType REGION = new StructType()
      .add(AS_OF, DateType, false)
      .add(VisitorDistributions.REGION, StringType, false)
      .add(VisitorDistributions.VISITORS, LongType, false)
      .add(VisitorDistributions.VISITS, LongType, false)
      .add(VisitorDistributions.MEMBERS, LongType, false)
      .add(VisitorDistributions.BUYERS, LongType, true)
      .add(VisitorDistributions.REVENUE, Money.TYPE, true);

  public static final StructType VISITORS = new StructType()
      .add(AS_OF, DateType, false)
      .add(VisitorDistributions.FEATURE, StringType, false)
      .add(VisitorDistributions.VALUE, StringType, false)
      .add(VisitorDistributions.VISITORS, LongType, false)
      .add(VisitorDistributions.VISITS, LongType, false)
      .add(VisitorDistributions.VISITOR_SHARE, DoubleType, true);

  public static final StructType FUNNEL = new StructType()
      .add(AS_OF, DateType, false)
      .add(Funnel.STORE_ID, StringType, false)
      .add(Funnel.ZONE, StringType, false)
      .add(Funnel.DAY, DateType, false)
      .add(Funnel.PASSED_BY, LongType, false)
      .add(Funnel.ENTERED, LongType, false)
      .add(Funnel.STORE_ENTRANTS, LongType, false)
      .add(Funnel.PASSED_AISLE, LongType, false)
      .add(Funnel.WENT_UPSTAIRS, LongType, false)
      .add(Funnel.STAYED, LongType, false)
      .add(Funnel.TOUCHED, LongType, false)
      .add(Funnel.TRIED_ON, LongType, false)
      .add(Funnel.TRIALLED, LongType, false)
      .add(Funnel.BOUGHT, LongType, false)
      .add(Funnel.ENTRY_RATE, DoubleType, true)
      .add(Funnel.PASS_RATE, DoubleType, true)
      .add(Funnel.UPSTAIRS_RATE, DoubleType, true)
      .add(Funnel.STAY_RATE, DoubleType, true)
      .add(Funnel.TOUCH_RATE, DoubleType, true)
      .add(Funnel.TRY_ON_RATE, DoubleType, true)
      .add(Funnel.TRIAL_RATE, DoubleType, true)
      .add(Funnel.PURCHASE_RATE, DoubleType, true)
      .add(Funnel.SALES, Money.TYPE, true)
      .add(Funnel.BUYING_CUSTOMERS, LongType, true)
      .add(Funnel.TRANSACTIONS, LongType, true)
      .add(Funnel.ITEMS, LongType, true)
      .add(Funnel.SALES_PER_CUSTOMER, DoubleType, true)
      .add(Funnel.SALES_PER_TRANSACTION, DoubleType, true)
      .add(Funnel.ITEMS_PER_TICKET, DoubleType, true)
      .add(Funnel.AVG_RECEPTION_SECONDS, DoubleType, true)
      .add(Funnel.AVG_DEAL_SECONDS, DoubleType, true);

  public static final StructType FLOORS = new StructType()
      .add(AS_OF, DateType, false)
      .add(Funnel.STORE_ID, StringType, false)
      .add(Funnel.FLOOR, IntegerType, false)
      .add(Funnel.DAY, DateType, false)
      .add(Funnel.ON_FLOOR, LongType, false)
      .add(Funnel.WENT_UP, LongType, false)
      .add(Funnel.UPSTAIRS_RATE, DoubleType, true);

  public static final StructType WEB_FUNNEL = new StructType()
      .add(AS_OF, DateType, false)
      .add(Funnel.DAY, DateType, false)
      .add(WebFunnel.SESSIONS, LongType, false)
      .add(WebFunnel.VIEW_SESSIONS, LongType, false)
      .add(WebFunnel.CART_SESSIONS, LongType, false)
      .add(WebFunnel.PURCHASE_SESSIONS, LongType, false)
      .add(WebFunnel.VIEW_TO_CART_RATE, DoubleType, true)
      .add(WebFunnel.CART_TO_PURCHASE_RATE, DoubleType, true)
      .add(WebFunnel.CONVERSION_RATE, DoubleType, true)
      .add(WebFunnel.DROPPED_AFTER_VIEW, LongType, false)
      .add(WebFunnel.DROPPED_AFTER_CART, LongType, false)
      .add(WebFunnel.DROP_OFF_AFTER_VIEW, DoubleType, true)
      .add(WebFunnel.DROP_OFF_AFTER_CART, DoubleType, true)
      .add(Funnel.SALES, Money.TYPE, true)
      .add(Funnel.BUYING_CUSTOMERS, LongType, true)
      .add(Funnel.TRANSACTIONS, LongType, true)
      .add(Funnel.ITEMS, LongType, true)
      .add(Funnel.SALES_PER_CUSTOMER, DoubleType, true)
      .add(Funnel.SALES_PER_TRANSACTION, DoubleType, true)
      .add(Funnel.ITEMS_PER_TICKET, DoubleType, true);

  public static final StructType AARRR = new StructType()
      .add(AS_OF, DateType, false)
      .add(Aarrr.GRAIN, StringType, false)
      .add(Aarrr.PERIOD_START, DateType, false)
      .add(Aarrr.PERIOD_END, DateType, false)
      .add(Aarrr.ACQUIRED, LongType, false)
      .add(Aarrr.ACTIVATED, LongType, false)
      .add(Aarrr.ACTIVATION_RATE, DoubleType, true)
      .add(Aarrr.ACTIVE, LongType, false)
      .add(Aarrr.RETAINED, LongType, false)
      .add(Aarrr.RETENTION_BASE, LongType, false)
      .add(Aarrr.RETENTION_RATE, DoubleType, true)
      .add(Aarrr.REVENUE, Money.TYPE, true)
      .add(Aarrr.PAYING_CUSTOMERS, LongType, true)
      .add(Aarrr.REVENUE_PER_PAYING_CUSTOMER, DoubleType, true)
      .add(Aarrr.REFERRED_SESSIONS, LongType, false)
      .add(Aarrr.INVITATIONS, LongType, true)
      // Added after the first release: nullable, so a table created before it gains it (GoldSlice).
      .add(Aarrr.REGISTERED, LongType, true);
}
