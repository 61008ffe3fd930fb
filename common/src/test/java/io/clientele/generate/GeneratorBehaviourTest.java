package io.clientele.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ingest.Feed;
import io.clientele.testing.SparkExtension;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The behaviour later models must learn is visible in a clean run of 2000 customers over a year. */
@ExtendWith(SparkExtension.class)
class GeneratorBehaviourTest {
  private static final GeneratorSettings SETTINGS =
      GeneratorSettings.builder().customers(2000).days(365).partitions(4).dirtyRate(0).build();

  /** The psychology keywords of docs/domain.md §5, as the lexicon in configuration will list them. */
  private static final Map<String, List<String>> KEYWORDS = Map.of(
      "practical", List.of("quality", "durable", "质量", "耐用"),
      "beauty", List.of("beautiful", "fashionable", "好看", "时尚"),
      "brand", List.of("brand", "famous", "品牌", "名牌"),
      "speed", List.of("fast", "quick", "快递", "很快"),
      "bargain", List.of("discount", "coupon", "cheap", "gift", "优惠", "便宜", "赠品"),
      "conformity", List.of("popular", "best-seller", "everyone", "爆款", "大家都"),
      "habit", List.of("as before", "老样子", "一直用"),
      "safety", List.of("safe", "healthy", "comfortable", "安全", "健康", "舒适"));

  private static List<Map<String, String>> transactions;
  private static List<Map<String, String>> traffic;
  private static List<Map<String, String>> social;
  private static List<Map<String, String>> customers;
  private static List<Map<String, String>> contacts;
  private static Map<String, CustomerLife> lives;

  @BeforeAll
  static void generate(SparkSession spark) {
    transactions = GeneratedLines.records(Feed.TRANSACTIONS, Generator.transactions(spark, SETTINGS).collectAsList());
    traffic = GeneratedLines.records(Feed.TRAFFIC, Generator.traffic(spark, SETTINGS).collectAsList());
    social = GeneratedLines.records(Feed.SOCIAL, Generator.social(spark, SETTINGS).collectAsList());
    customers = GeneratedLines.records(Feed.CUSTOMERS, Generator.customers(spark, SETTINGS).collectAsList());
    contacts = GeneratedLines.records(Feed.CAMPAIGNS, Generator.campaigns(spark, SETTINGS).collectAsList());
    Simulation simulation = new Simulation(SETTINGS);
    lives = new HashMap<>();
    for (long i = 0; i < SETTINGS.customers(); i++) {
      CustomerLife life = simulation.simulate(i);
      lives.put(life.id, life);
    }
  }

  @Test
  void someCustomersBuyRepeatedlyAndSomeNever() {
    Map<String, Set<String>> orders = ordersByCustomer();

    long repeat = orders.values().stream().filter(o -> o.size() >= 2).count();
    long never = customers.stream().filter(c -> !orders.containsKey(c.get("customer_id"))).count();

    assertThat(repeat).isGreaterThan(orders.size() / 4);
    assertThat(repeat).isLessThan(orders.size());
    assertThat(never).isGreaterThan(customers.size() / 10);
  }

  @Test
  void consumersWhoNeverBuyStillVisit() {
    Set<String> buyers = ordersByCustomer().keySet();
    Set<String> visitors = traffic.stream().map(e -> "C" + e.get("visitor_id").substring(1))
        .filter(id -> id.matches("C\\d{7}")).collect(Collectors.toSet());

    assertThat(visitors.stream().filter(v -> !buyers.contains(v)).count()).isGreaterThan(50);
  }

  @Test
  void newCustomersArriveThroughoutThePeriod() {
    Map<String, String> firstOrder = new HashMap<>();
    transactions.forEach(
        t -> firstOrder.merge(t.get("customer_id"), t.get("order_ts"), (a, b) -> a.compareTo(b) <= 0 ? a : b));

    Set<String> months = firstOrder.values().stream().map(ts -> ts.substring(0, 7)).collect(Collectors.toSet());
    long secondHalf = firstOrder.values().stream()
        .filter(ts -> LocalDate.parse(ts.substring(0, 10)).isAfter(SETTINGS.endDate().minusDays(SETTINGS.days() / 2)))
        .count();

    assertThat(months).hasSize(12);
    assertThat(secondHalf).isGreaterThan(firstOrder.size() / 5);
  }

  @Test
  void priceSensitiveCustomersBuyMoreDiscountedLinesAndUseCoupons() {
    Predicate<Map<String, String>> sensitive = t -> lives.get(t.get("customer_id")).priceSensitive;

    double discountedSensitive = share(transactions, sensitive, t -> !t.get("discount").equals("0"));
    double discountedOthers = share(transactions, sensitive.negate(), t -> !t.get("discount").equals("0"));
    double couponSensitive = share(transactions, sensitive, t -> !t.get("coupon_code").isEmpty());
    double couponOthers = share(transactions, sensitive.negate(), t -> !t.get("coupon_code").isEmpty());

    assertThat(discountedSensitive).isGreaterThan(2 * discountedOthers);
    assertThat(couponSensitive).isGreaterThan(2 * couponOthers);
    assertThat(discountedOthers).isLessThan(0.5);
  }

  @Test
  void fewOrdersAreCancelledOrReturnedAndSomeCustomersReturnALot() {
    Map<String, String> orderStatus = new HashMap<>();
    transactions.forEach(t -> orderStatus.put(t.get("order_id"), t.get("status")));
    Predicate<Map<String, String>> returnHeavy = t -> lives.get(t.get("customer_id")).returnHeavy;

    double cancelledOrders =
        orderStatus.values().stream().filter("cancelled"::equals).count() / (double) orderStatus.size();
    double returnedLines = share(transactions, t -> true, t -> t.get("status").equals("returned"));
    double returnedByHeavy = share(transactions, returnHeavy, t -> t.get("status").equals("returned"));
    double returnedByOthers = share(transactions, returnHeavy.negate(), t -> t.get("status").equals("returned"));

    assertThat(cancelledOrders).isBetween(0.01, 0.06);
    assertThat(returnedLines).isBetween(0.02, 0.09);
    assertThat(returnedByHeavy).isGreaterThan(4 * returnedByOthers);
  }

  @Test
  void purchasesPeakAtNoonAndInTheEveningAndOnWeekends() {
    Map<Integer, Long> byHour = transactions.stream()
        .collect(Collectors.groupingBy(
            t -> Integer.parseInt(t.get("order_ts").substring(11, 13)), Collectors.counting()));
    Map<Boolean, Long> byWeekend = transactions.stream().collect(Collectors.partitioningBy(
        t -> LocalDate.parse(t.get("order_ts").substring(0, 10)).getDayOfWeek().compareTo(DayOfWeek.SATURDAY) >= 0,
        Collectors.counting()));

    assertThat(byHour.get(12)).isGreaterThan(byHour.get(16)).isGreaterThan(5 * byHour.getOrDefault(4, 0L));
    assertThat(byHour.get(20)).isGreaterThan(byHour.get(16));
    assertThat(byWeekend.get(true) / 2.0).isGreaterThan(1.2 * byWeekend.get(false) / 5.0);
  }

  @Test
  void purchaseGapsStretchBeforeCustomersDropOut() {
    double[] dropped = new double[2];
    double[] alive = new double[2];
    for (Map.Entry<String, List<LocalDate>> e : orderDatesByCustomer().entrySet()) {
      List<LocalDate> dates = e.getValue();
      if (dates.size() < 4) {
        continue;
      }
      CustomerLife life = lives.get(e.getKey());
      double[] sums = life.deathDay < SETTINGS.days() ? dropped : alive;
      sums[0] += ChronoUnit.DAYS.between(dates.get(0), dates.get(1));
      sums[1] += ChronoUnit.DAYS.between(dates.get(dates.size() - 2), dates.get(dates.size() - 1));
    }

    assertThat(dropped[1] / dropped[0]).isGreaterThan(1.5).isGreaterThan(1.3 * alive[1] / alive[0]);
  }

  @Test
  void campaignResponseIsHigherForRecentBuyersThanForLapsedOnes() {
    Map<String, List<LocalDate>> orders = orderDatesByCustomer();
    List<Boolean> recent = new ArrayList<>();
    List<Boolean> lapsed = new ArrayList<>();
    for (Map<String, String> c : contacts) {
      LocalDate contacted = LocalDate.parse(c.get("contact_date"));
      LocalDate last = orders.getOrDefault(c.get("customer_id"), List.of()).stream()
          .filter(d -> d.isBefore(contacted)).max(LocalDate::compareTo).orElse(null);
      if (last == null) {
        continue;
      }
      long recency = ChronoUnit.DAYS.between(last, contacted);
      boolean responded = c.get("responded").equals("true");
      if (recency <= 30) {
        recent.add(responded);
      } else if (recency > 120) {
        lapsed.add(responded);
      }
    }

    assertThat(lapsed).hasSizeGreaterThan(100);
    assertThat(rate(recent)).isGreaterThan(2 * rate(lapsed));
  }

  @Test
  void pushAndCouponContactsAreAnsweredMoreThanEmail() {
    Map<String, Double> byChannel = contacts.stream().collect(Collectors.groupingBy(
        c -> c.get("channel"), Collectors.averagingDouble(c -> c.get("responded").equals("true") ? 1 : 0)));

    assertThat(byChannel.get("app_push")).isGreaterThan(byChannel.get("sms")).isGreaterThan(byChannel.get("email"));
    assertThat(byChannel.get("coupon")).isGreaterThan(byChannel.get("sms"));
  }

  @Test
  void everyCampaignResponseIsAnOrderOnTheResponseDate() {
    Set<String> orderDays = transactions.stream()
        .map(t -> t.get("customer_id") + "@" + t.get("order_ts").substring(0, 10)).collect(Collectors.toSet());

    List<String> responses = contacts.stream().filter(c -> c.get("responded").equals("true"))
        .map(c -> c.get("customer_id") + "@" + c.get("response_date")).collect(Collectors.toList());

    assertThat(responses).isNotEmpty();
    assertThat(orderDays).containsAll(responses);
  }

  @Test
  void storeVisitorsThinOutAlongTheFlowLine() {
    Map<String, Long> store = traffic.stream().filter(e -> e.get("channel").equals("store"))
        .collect(Collectors.groupingBy(e -> e.get("event_type"), Collectors.counting()));

    assertThat(store.get("pass_by")).isGreaterThan(store.get("enter"));
    assertThat(store.get("enter")).isGreaterThan(store.get("pass_aisle"));
    assertThat(store.get("pass_aisle")).isGreaterThan(store.get("stay"));
    assertThat(store.get("stay")).isGreaterThan(store.get("touch"));
    assertThat(store.get("touch")).isGreaterThan(store.get("purchase"));
    assertThat(store.get("stay")).isGreaterThan(store.get("purchase") * 3 / 2);
    assertThat(store).containsKeys("go_upstairs", "try_on", "trial", "leave");
  }

  @Test
  void webSessionsGoFromViewToCartToPurchase() {
    Map<String, Long> sessions = traffic.stream().filter(e -> e.get("channel").equals("web"))
        .collect(Collectors.groupingBy(
            e -> e.get("event_type"),
            Collectors.mapping(
                e -> e.get("session_id"), Collectors.collectingAndThen(Collectors.toSet(), s -> (long) s.size()))));

    assertThat(sessions.get("view")).isGreaterThan(sessions.get("add_to_cart"));
    assertThat(sessions.get("add_to_cart")).isGreaterThan(sessions.get("purchase"));
  }

  @Test
  void dwellTimesAreKeptForStayingTouchingAndTrying() {
    Set<String> withDwell = traffic.stream().filter(e -> e.get("dwell_seconds") != null)
        .map(e -> e.get("event_type")).collect(Collectors.toCollection(TreeSet::new));

    assertThat(withDwell).containsExactly("stay", "touch", "trial", "try_on");
  }

  @Test
  void membersAreKnownInTrafficAndAnonymousVisitorsAreNot() {
    Map<Boolean, Long> known = traffic.stream()
        .collect(Collectors.partitioningBy(e -> e.get("customer_id") != null, Collectors.counting()));
    Set<String> devices = traffic.stream().map(e -> e.get("device")).filter(d -> d != null).collect(Collectors.toSet());

    assertThat(known.get(true)).isGreaterThan(traffic.size() / 4);
    assertThat(known.get(false)).isGreaterThan(traffic.size() / 10);
    assertThat(traffic).filteredOn(e -> e.get("visitor_id").startsWith("A"))
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.get("customer_id")).isNull());
    assertThat(devices).containsExactlyInAnyOrder(Catalog.DEVICES);
  }

  @Test
  void regionsHaveUnequalWeights() {
    Map<String, Long> byRegion = customers.stream()
        .collect(Collectors.groupingBy(c -> c.get("region"), TreeMap::new, Collectors.counting()));

    assertThat(byRegion).hasSize(Catalog.REGIONS.length);
    assertThat(byRegion.get("East China")).isGreaterThan(3 * byRegion.get("Northwest China"));
  }

  @Test
  void aboutTheMemberShareOfCustomersJoin() {
    double members =
        customers.stream().filter(c -> !c.get("signup_date").isEmpty()).count() / (double) customers.size();

    assertThat(members).isBetween(SETTINGS.memberShare() - 0.1, SETTINGS.memberShare() + 0.02);
  }

  @Test
  void reviewsAreWrittenInChineseAndEnglish() {
    List<String> texts = social.stream().filter(e -> e.get("action").startsWith("review"))
        .map(e -> e.get("text")).collect(Collectors.toList());

    long chinese = texts.stream().filter(t -> t.codePoints().anyMatch(ch -> ch >= 0x4E00 && ch <= 0x9FFF)).count();
    long english = texts.stream().filter(t -> t.matches("[A-Za-z0-9 ,.?!'\\-]+")).count();

    assertThat(chinese).isGreaterThan(texts.size() / 5);
    assertThat(english).isGreaterThan(texts.size() / 10);
    assertThat(chinese + english).isEqualTo(texts.size());
  }

  @Test
  void textsCarryTheirAuthorsPsychologyKeywords() {
    int own = 0;
    int foreign = 0;
    int none = 0;
    int two = 0;
    List<Map<String, String>> texts = social.stream().filter(e -> e.get("text") != null).collect(Collectors.toList());
    for (Map<String, String> e : texts) {
      CustomerLife life = lives.get(e.get("customer_id"));
      Set<String> types = typesIn(e.get("text"));
      String main = Texts.TYPES[life.psychology];
      String second = life.secondPsychology >= 0 ? Texts.TYPES[life.secondPsychology] : null;
      own += types.contains(main) ? 1 : 0;
      foreign += types.stream().anyMatch(t -> !t.equals(main) && !t.equals(second)) ? 1 : 0;
      none += types.isEmpty() ? 1 : 0;
      two += types.size() == 2 ? 1 : 0;
    }

    assertThat(own).isGreaterThan(texts.size() * 7 / 10);
    assertThat(foreign).isZero();
    assertThat(none).isGreaterThan(texts.size() / 20);
    assertThat(two).isGreaterThan(texts.size() / 40);
  }

  @Test
  void shareAndInviteEventsCarryTheirReach() {
    assertThat(social).allSatisfy(e -> assertThat(e.get("reach") != null)
        .isEqualTo(e.get("action").equals("share") || e.get("action").equals("invite")));
    assertThat(social).filteredOn(e -> e.get("action").equals("review_with_photo")).isNotEmpty();
    assertThat(social).filteredOn(e -> e.get("rating") != null)
        .allSatisfy(e -> assertThat(Integer.parseInt(e.get("rating"))).isBetween(1, 5));
  }

  private static Set<String> typesIn(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    return KEYWORDS.entrySet().stream().filter(k -> k.getValue().stream().anyMatch(lower::contains))
        .map(Map.Entry::getKey).collect(Collectors.toSet());
  }

  private static Map<String, Set<String>> ordersByCustomer() {
    return transactions.stream().collect(Collectors.groupingBy(
        t -> t.get("customer_id"), Collectors.mapping(t -> t.get("order_id"), Collectors.toSet())));
  }

  /** Each customer's order dates (one per order, not cancelled), in time order. */
  private static Map<String, List<LocalDate>> orderDatesByCustomer() {
    Map<String, TreeMap<String, LocalDate>> byOrder = new HashMap<>();
    transactions.stream().filter(t -> !t.get("status").equals("cancelled")).forEach(t -> byOrder
        .computeIfAbsent(t.get("customer_id"), k -> new TreeMap<>())
        .put(t.get("order_ts") + t.get("order_id"), LocalDate.parse(t.get("order_ts").substring(0, 10))));
    Map<String, List<LocalDate>> dates = new HashMap<>();
    byOrder.forEach((customer, orders) -> dates.put(customer, new ArrayList<>(orders.values())));
    return dates;
  }

  private static double share(
      List<Map<String, String>> rows, Predicate<Map<String, String>> among, Predicate<Map<String, String>> which) {
    List<Map<String, String>> selected = rows.stream().filter(among).collect(Collectors.toList());
    return selected.stream().filter(which).count() / (double) selected.size();
  }

  private static double rate(List<Boolean> outcomes) {
    return outcomes.stream().filter(b -> b).count() / (double) outcomes.size();
  }
}
