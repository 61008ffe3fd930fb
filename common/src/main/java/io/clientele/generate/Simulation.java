package io.clientele.generate;

import io.clientele.generate.CustomerLife.Contact;
import io.clientele.generate.CustomerLife.Order;
import java.io.Serializable;
import java.util.Comparator;
import java.util.SplittableRandom;

/**
 * The latent model behind the synthetic feeds: for one customer number it draws the customer's traits and
 * simulates their purchases and campaign answers, always the same way for the same settings. Every feed calls
 * {@link #simulate} for each of its customers and renders its own view of the result, so the five feeds agree
 * without a join. The constants below shape the distributions; what a user tunes is in {@link GeneratorSettings}.
 */
final class Simulation implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Random stream ids: one per feed (for details only that feed shows) besides the customer's life. */
  static final long STREAM_LIFE = 1;
  static final long STREAM_CAMPAIGN_PLAN = 2;
  static final long STREAM_TRANSACTIONS = 11;
  static final long STREAM_TRAFFIC = 12;
  static final long STREAM_SOCIAL = 13;
  static final long STREAM_CUSTOMERS = 14;
  static final long STREAM_CAMPAIGNS = 15;
  /** Added to a feed's stream id for the stream that decides its dirt, so dirt never changes clean records. */
  static final long STREAM_DIRT_OFFSET = 100;

  // ---- arrival ---------------------------------------------------------------------------------------
  /** Customers already known before the period; they arrived up to one period earlier. */
  static final double EXISTING_CUSTOMER_SHARE = 0.3;
  /** New customers arrive uniformly over this leading share of the period. */
  static final double NEW_ARRIVAL_SPAN = 0.95;

  // ---- BG/NBD purchases ------------------------------------------------------------------------------
  /** Consumers who visit, follow and ask but never buy. */
  static final double NEVER_BUYER_SHARE = 0.15;
  /** Purchase rate lambda ~ Gamma(shape r, rate alpha) per day: mean r / alpha = one purchase a month. */
  static final double PURCHASE_RATE_SHAPE = 1.0;
  static final double PURCHASE_RATE_ALPHA = 30.0;
  static final double PURCHASE_RATE_MAX = 0.5;
  /** Dropout chance after each purchase p ~ Beta(a, b): mean 1/6. */
  static final double DROPOUT_A = 1.0;
  static final double DROPOUT_B = 5.0;
  static final double DROPOUT_MIN = 0.02;
  /**
   * Fading before dropout: the gaps before the last FADE_PURCHASES purchases are stretched, the last one most
   * (by 1 + FADE_STRETCH), so a slowing customer is a leaving customer.
   */
  static final int FADE_PURCHASES = 3;
  static final double FADE_STRETCH = 2.0;
  static final int MAX_PURCHASES = 5000;

  // ---- Gamma-Gamma spend -----------------------------------------------------------------------------
  /** Order value z ~ Gamma(p, rate nu), nu ~ Gamma(q, rate gamma): mean p * gamma / (q - 1) = 100. */
  static final double SPEND_P = 6.0;
  static final double SPEND_Q = 4.0;
  static final double SPEND_GAMMA = 50.0;
  static final double MIN_UNIT_PRICE = 1.0;

  // ---- order details ---------------------------------------------------------------------------------
  /** Lines per order, 1..5. */
  static final double[] LINES_PER_ORDER = Draws.cumulative(0.45, 0.25, 0.15, 0.1, 0.05);
  static final double[] QUANTITY = Draws.cumulative(0.72, 0.18, 0.07, 0.03);
  /** A line is from the customer's favourite category with this chance, else from the category mix. */
  static final double FAVOURITE_CATEGORY_SHARE = 0.5;
  static final double PRICE_SENSITIVE_SHARE = 0.22;
  static final double PRICE_SENSITIVE_SHARE_BARGAIN_TYPE = 0.75;
  static final double DISCOUNTED_LINE = 0.07;
  static final double DISCOUNTED_LINE_PRICE_SENSITIVE = 0.55;
  static final double COUPON_USE = 0.04;
  static final double COUPON_USE_PRICE_SENSITIVE = 0.45;
  static final double CANCELLED_ORDER = 0.03;
  static final double RETURN_HEAVY_SHARE = 0.05;
  static final double RETURNED_LINE = 0.03;
  static final double RETURNED_LINE_RETURN_HEAVY = 0.35;
  static final double HOME_STORE_SHARE = 0.85;

  // ---- people ----------------------------------------------------------------------------------------
  static final double FEMALE_SHARE = 0.56;
  static final double ENGLISH_NAME_SHARE = 0.15;
  static final double PHOTO_REVIEWER_SHARE = 0.15;
  static final double INFLUENCER_SHARE = 0.08;
  static final double SECOND_TYPE_SHARE = 0.3;
  /** Members join on their first visit with this chance, else after an exponential wait. */
  static final double SIGNUP_AT_ARRIVAL = 0.4;
  static final double SIGNUP_MEAN_WAIT_DAYS = 20;
  /** Never-buyers stay interested for an exponential time with this mean. */
  static final double VISITOR_INTEREST_DAYS = 90;
  /** Member level by lifetime spend: below these go bronze, silver, gold; above is platinum. */
  static final double[] LEVEL_SPEND = {300, 1000, 3000};

  // ---- campaigns -------------------------------------------------------------------------------------
  static final double CONTACT_MEMBER = 0.45;
  static final double CONTACT_BUYER = 0.2;
  static final double CONTACT_OTHER = 0.05;
  static final double CAMPAIGN_MAIN_CHANNEL_SHARE = 0.6;
  /** Response logit = base + per-day * min(recency, cap) + price-sensitive + channel effect. */
  static final double RESPONSE_BASE = -1.4;
  static final double RESPONSE_PER_RECENCY_DAY = -0.012;
  static final int RESPONSE_RECENCY_CAP = 365;
  static final double RESPONSE_PRICE_SENSITIVE = 0.9;
  /** By channel: sms, email, app_push, coupon. */
  static final double[] RESPONSE_CHANNEL = {0.0, -0.7, 0.5, 0.7};
  static final int RESPONSE_WINDOW_DAYS = 14;
  static final double CAMPAIGN_DISCOUNT = 0.2;

  private final GeneratorSettings settings;
  private final int days;
  private final long startEpochDay;
  final int[] campaignDay;
  final int[] campaignChannel;
  final String[] campaignOffer;

  Simulation(GeneratorSettings settings) {
    this.settings = settings;
    this.days = settings.days();
    this.startEpochDay = settings.startDate().toEpochDay();
    int n = settings.campaigns();
    campaignDay = new int[n];
    campaignChannel = new int[n];
    campaignOffer = new String[n];
    SplittableRandom r = Draws.rng(settings.seed(), 0, STREAM_CAMPAIGN_PLAN);
    // Campaigns leave room for a full response window at the end of the period.
    int first = Math.min(RESPONSE_WINDOW_DAYS, days / 4);
    int last = Math.max(first, days - 1 - RESPONSE_WINDOW_DAYS);
    for (int c = 0; c < n; c++) {
      int day = first + (int) Math.floor((c + 0.5) * (last - first + 1) / n) + Draws.between(r, -2, 2);
      campaignDay[c] = Math.max(first, Math.min(last, day));
      campaignChannel[c] = r.nextInt(Catalog.CONTACT_CHANNELS.length);
      campaignOffer[c] = Draws.pick(r, Catalog.OFFERS);
    }
  }

  GeneratorSettings settings() {
    return settings;
  }

  static String campaignId(int campaign) {
    return String.format("CMP%02d", campaign + 1);
  }

  /** The customer with this 0-based index (id number index + 1), always the same for the same settings. */
  CustomerLife simulate(long index) {
    CustomerLife c = new CustomerLife(index + 1);
    SplittableRandom r = Draws.rng(settings.seed(), c.number, STREAM_LIFE);

    c.arrivalDay = r.nextDouble() < EXISTING_CUSTOMER_SHARE
        ? -r.nextDouble() * days
        : r.nextDouble() * days * NEW_ARRIVAL_SPAN;
    c.region = Draws.pick(r, Catalog.REGION_WEIGHTS);
    c.city = Draws.pick(r, Catalog.CITY_WEIGHTS[c.region]);
    c.homeStore = Catalog.homeStore(settings.stores(), c.region, c.city);

    c.female = r.nextDouble() < FEMALE_SHARE;
    int age = (int) Math.max(16, Math.min(80, Math.round(Draws.logNormal(r, 34, 0.28))));
    c.birthEpochDay = settings.endDate().toEpochDay() - Math.round(age * 365.25) - r.nextInt(365);
    c.englishName = r.nextDouble() < ENGLISH_NAME_SHARE;
    c.language = c.englishName
        ? (r.nextDouble() < 0.85 ? Texts.ENGLISH : Texts.CHINESE)
        : (r.nextDouble() < 0.8 ? Texts.CHINESE : Texts.ENGLISH);
    c.occupation = age >= 60 ? 9 : age < 23 ? 0 : Draws.pick(r, Catalog.OCCUPATION_WEIGHTS);
    double married = age < 25 ? 0.1 : age < 35 ? 0.55 : 0.8;
    double u = r.nextDouble();
    c.maritalStatus = u < married ? "married" : u < married + 0.07 ? "divorced" : u < married + 0.09
        ? (age > 55 ? "widowed" : "unknown") : "single";
    c.education = Draws.pick(r, Catalog.EDUCATION_WEIGHTS);
    c.acquisition = Draws.pick(r, Catalog.ACQUISITION_WEIGHTS);
    c.device = Draws.pick(r, Catalog.DEVICE_WEIGHTS);

    c.psychology = Draws.pick(r, Texts.TYPE_WEIGHTS);
    c.secondPsychology = r.nextDouble() < SECOND_TYPE_SHARE
        ? (c.psychology + 1 + r.nextInt(Texts.TYPES.length - 1)) % Texts.TYPES.length
        : -1;
    c.buyer = r.nextDouble() >= NEVER_BUYER_SHARE;
    c.priceSensitive = r.nextDouble()
        < (c.psychology == Texts.BARGAIN ? PRICE_SENSITIVE_SHARE_BARGAIN_TYPE : PRICE_SENSITIVE_SHARE);
    c.returnHeavy = r.nextDouble() < RETURN_HEAVY_SHARE;
    c.photoReviewer = r.nextDouble() < PHOTO_REVIEWER_SHARE;
    c.influencer = r.nextDouble() < INFLUENCER_SHARE;
    c.sociability = Draws.gamma(r, 2, 0.5);
    double online = Draws.beta(r, 1.3, 1.3);
    c.onlineShare = c.homeStore < 0 ? 0.9 + 0.1 * online : online;
    c.favouriteCategory = Draws.pick(r, Catalog.CATEGORY_WEIGHTS);
    c.favouriteBrand = r.nextInt(Catalog.BRANDS_PER_CATEGORY);
    c.brandLoyalty = c.psychology == Texts.HABIT ? 0.8 : c.psychology == Texts.BRAND ? 0.6 : 0.3;

    c.purchaseRate = Math.min(PURCHASE_RATE_MAX, Draws.gamma(r, PURCHASE_RATE_SHAPE, 1 / PURCHASE_RATE_ALPHA));
    c.dropoutChance = Math.max(DROPOUT_MIN, Draws.beta(r, DROPOUT_A, DROPOUT_B));
    c.spendRate = Draws.gamma(r, SPEND_Q, 1 / SPEND_GAMMA);

    c.member = r.nextDouble() < settings.memberShare();
    double wait = r.nextDouble() < SIGNUP_AT_ARRIVAL ? 0 : Draws.exponential(r, 1 / SIGNUP_MEAN_WAIT_DAYS);
    c.signupDay = (int) Math.floor(c.arrivalDay + wait);
    if (c.signupDay >= days) {
      c.member = false;
    }

    if (c.buyer) {
      simulatePurchases(r, c);
    } else {
      c.deathDay = c.arrivalDay + Draws.exponential(r, 1 / VISITOR_INTEREST_DAYS);
    }
    simulateCampaigns(r, c);
    c.orders.sort(Comparator.comparingLong(o -> o.second));
    c.memberLevel = c.member ? level(c) : "none";
    return c;
  }

  /**
   * BG/NBD: the first purchase at arrival, then exponential gaps at the customer's rate; after each purchase
   * the customer leaves with their dropout chance, and the last gaps before leaving stretch out.
   */
  private void simulatePurchases(SplittableRandom r, CustomerLife c) {
    double p = c.dropoutChance;
    int purchases = (int) Math.min(MAX_PURCHASES, 1 + Math.floor(Math.log(1 - r.nextDouble()) / Math.log(1 - p)));
    double t = c.arrivalDay;
    boolean censored = false;
    for (int j = 1; j <= purchases; j++) {
      if (j > 1) {
        int remaining = purchases - j;
        double stretch = remaining < FADE_PURCHASES
            ? 1 + FADE_STRETCH * (FADE_PURCHASES - remaining) / FADE_PURCHASES
            : 1;
        t += Draws.exponential(r, c.purchaseRate) * stretch;
      }
      if (t >= days) {
        censored = true;
        break;
      }
      c.orders.add(order(r, c, t, null));
    }
    if (!censored) {
      c.deathDay = t;
    }
  }

  /**
   * Each campaign contacts some of the customers known by its date; the chance to answer falls with the days
   * since the last purchase and rises for price-sensitive customers and for push and coupon channels.
   */
  private void simulateCampaigns(SplittableRandom r, CustomerLife c) {
    for (int k = 0; k < campaignDay.length; k++) {
      int day = campaignDay[k];
      if (c.arrivalDay > day) {
        continue;
      }
      long last = lastPurchaseDayBefore(c, day);
      double contact = c.isMemberOn(day) ? CONTACT_MEMBER : last != Long.MIN_VALUE ? CONTACT_BUYER : CONTACT_OTHER;
      if (r.nextDouble() >= contact) {
        continue;
      }
      Contact x = new Contact();
      x.campaign = k;
      x.day = day;
      x.channel = r.nextDouble() < CAMPAIGN_MAIN_CHANNEL_SHARE
          ? campaignChannel[k]
          : r.nextInt(Catalog.CONTACT_CHANNELS.length);
      long recency = last == Long.MIN_VALUE ? RESPONSE_RECENCY_CAP : Math.min(RESPONSE_RECENCY_CAP, day - last);
      double logit = RESPONSE_BASE + RESPONSE_PER_RECENCY_DAY * recency
          + (c.priceSensitive ? RESPONSE_PRICE_SENSITIVE : 0) + RESPONSE_CHANNEL[x.channel];
      // Consumers who never buy do not buy on a campaign either.
      x.responded = r.nextDouble() < 1 / (1 + Math.exp(-logit)) && c.buyer;
      if (x.responded) {
        int wait = Math.min(Math.min(RESPONSE_WINDOW_DAYS, days - 1 - day), (int) Draws.exponential(r, 0.3));
        x.responseDay = day + wait;
        Order o = order(r, c, x.responseDay + 0.5, x);
        x.responseAmount = o.netAmount();
        c.orders.add(o);
      }
      c.contacts.add(x);
    }
  }

  private static long lastPurchaseDayBefore(CustomerLife c, int day) {
    long last = Long.MIN_VALUE;
    for (Order o : c.orders) {
      long d = o.day();
      if (d < day && !o.cancelled && d > last) {
        last = d;
      }
    }
    return last;
  }

  private Order order(SplittableRandom r, CustomerLife c, double t, Contact response) {
    Order o = new Order();
    long day = (long) Math.floor(t);
    if (response == null) {
      day = weekdayShift(r, day);
    }
    o.online = r.nextDouble() < c.onlineShare;
    if (!o.online) {
      o.store = c.homeStore >= 0 && r.nextDouble() < HOME_STORE_SHARE ? c.homeStore : r.nextInt(settings.stores());
    }
    o.second = day * 86_400L + secondOfDay(r, o.online ? Catalog.ONLINE_HOURS : Catalog.STORE_HOURS);
    o.payment = o.online
        ? Catalog.ONLINE_PAYMENTS[Draws.pick(r, Catalog.ONLINE_PAYMENT_WEIGHTS)]
        : Catalog.STORE_PAYMENTS[Draws.pick(r, Catalog.STORE_PAYMENT_WEIGHTS)];
    double couponRate = 0;
    if (response != null && Catalog.CONTACT_CHANNELS[response.channel].equals("coupon")) {
      o.coupon = campaignId(response.campaign);
      couponRate = CAMPAIGN_DISCOUNT;
    } else if (r.nextDouble() < (c.priceSensitive ? COUPON_USE_PRICE_SENSITIVE : COUPON_USE)) {
      int k = r.nextInt(Catalog.COUPONS.length);
      o.coupon = Catalog.COUPONS[k];
      couponRate = Catalog.COUPON_RATES[k];
    }
    o.cancelled = response == null && r.nextDouble() < CANCELLED_ORDER;
    o.response = response;

    int n = Draws.pick(r, LINES_PER_ORDER) + 1;
    o.lines = n;
    o.category = new int[n];
    o.sku = new int[n];
    o.quantity = new int[n];
    o.unitPrice = new double[n];
    o.discount = new double[n];
    o.returned = new boolean[n];
    double value = Draws.gamma(r, SPEND_P, 1 / c.spendRate);
    double[] weight = new double[n];
    double totalWeight = 0;
    for (int i = 0; i < n; i++) {
      weight[i] = 0.5 + r.nextDouble();
      totalWeight += weight[i];
    }
    double discounted = c.priceSensitive ? DISCOUNTED_LINE_PRICE_SENSITIVE : DISCOUNTED_LINE;
    double returned = c.returnHeavy ? RETURNED_LINE_RETURN_HEAVY : RETURNED_LINE;
    for (int i = 0; i < n; i++) {
      int category = r.nextDouble() < FAVOURITE_CATEGORY_SHARE
          ? c.favouriteCategory
          : Draws.pick(r, Catalog.CATEGORY_WEIGHTS);
      int brand = r.nextDouble() < c.brandLoyalty ? c.favouriteBrand : r.nextInt(Catalog.BRANDS_PER_CATEGORY);
      o.category[i] = category;
      o.sku[i] = brand + Catalog.BRANDS_PER_CATEGORY
          * r.nextInt(Catalog.SKUS_PER_CATEGORY / Catalog.BRANDS_PER_CATEGORY);
      o.quantity[i] = Draws.pick(r, QUANTITY) + 1;
      double d = r.nextDouble() < discounted ? Catalog.DISCOUNTS[Draws.pick(r, Catalog.DISCOUNT_WEIGHTS)] : 0;
      o.discount[i] = Math.max(d, couponRate);
      // The Gamma-Gamma value is what is paid; the list price is recovered from it.
      double paid = value * weight[i] / totalWeight;
      o.unitPrice[i] = Math.max(MIN_UNIT_PRICE, paid / (o.quantity[i] * (1 - o.discount[i])));
      o.returned[i] = !o.cancelled && response == null && r.nextDouble() < returned;
    }
    return o;
  }

  /**
   * Weekend-heavy days: an event is kept on its day with that weekday's chance, else moved up to three days
   * either way (staying in the period), so days with a low chance lose events to their neighbours.
   */
  long weekdayShift(SplittableRandom r, long day) {
    if (r.nextDouble() < Catalog.WEEKDAY_ACCEPT[dayOfWeek(day)]) {
      return day;
    }
    int step = Draws.between(r, 1, 3);
    long moved = r.nextBoolean() ? day + step : day - step;
    return moved >= 0 && moved < days ? moved : day;
  }

  /** Monday = 0 .. Sunday = 6 of a day relative to the start. */
  int dayOfWeek(long day) {
    return (int) Math.floorMod(startEpochDay + day + 3, 7L);
  }

  static int secondOfDay(SplittableRandom r, double[] hours) {
    return Draws.pick(r, hours) * 3600 + r.nextInt(3600);
  }

  private static String level(CustomerLife c) {
    double spend = 0;
    for (Order o : c.orders) {
      spend += o.netAmount();
    }
    return spend < LEVEL_SPEND[0] ? "bronze" : spend < LEVEL_SPEND[1] ? "silver" : spend < LEVEL_SPEND[2] ? "gold" : "platinum";
  }
}
