package io.clientele.generate;

import io.clientele.generate.CustomerLife.Order;
import io.clientele.ingest.Feed;
import java.util.SplittableRandom;

/**
 * Social events: members follow when they join; buyers ask before some orders and review, rate and share
 * after them (photo reviewers post photos, return lines get low ratings); likes and comments follow the
 * customer's sociability over their active time; influencers invite others and reach many. Review and inquiry
 * texts carry the customer's psychology type (see {@link Texts}).
 */
final class SocialFeed extends FeedRenderer {
  private static final long serialVersionUID = 1L;
  private static final Feed FEED = Feed.SOCIAL;
  private static final int EVENT_ID = column(FEED, "event_id");
  private static final int CUSTOMER_ID = column(FEED, "customer_id");
  private static final int EVENT_TS = column(FEED, "event_ts");
  private static final int PLATFORM = column(FEED, "platform");
  private static final int ACTION = column(FEED, "action");
  private static final int TEXT = column(FEED, "text");
  private static final int RATING = column(FEED, "rating");
  private static final int TARGET_SKU = column(FEED, "target_sku");
  private static final int REACH = column(FEED, "reach");

  static final double FOLLOW_ON_SIGNUP = 0.6;
  static final double INQUIRY_BEFORE_ORDER = 0.15;
  /** Chance to review an order, times the customer's sociability (mean 1), capped. */
  static final double REVIEW_PER_ORDER = 0.25;
  static final double REVIEW_CAP = 0.9;
  static final double PHOTO_SHARE_OF_PHOTO_REVIEWER = 0.75;
  static final double PHOTO_SHARE_OF_OTHERS = 0.04;
  static final double SHARE_PER_ORDER = 0.08;
  static final double SHARE_PER_ORDER_INFLUENCER = 0.35;
  /** Likes and comments over the active time: Poisson mean per (1 + orders), times sociability. */
  static final double LIKES = 1.5;
  static final double COMMENTS = 0.4;
  static final double INVITES_INFLUENCER = 2.5;
  static final double INVITES_OTHER = 0.15;
  /** Never-buyers still ask questions (Poisson mean over their interest). */
  static final double NEVER_BUYER_INQUIRIES = 0.8;
  /** Activity lasts this long after dropout. */
  static final double AFTERGLOW_DAYS = 30;
  /** Texts in the customer's other language. */
  static final double OTHER_LANGUAGE = 0.15;
  /** Ratings 1..5 of a kept purchase. */
  static final double[] RATINGS = Draws.cumulative(0.03, 0.05, 0.12, 0.3, 0.5);

  private static final String[] REVIEW_PLATFORMS = {"app", "web", "xiaohongshu"};
  private static final String[] INQUIRY_PLATFORMS = {"app", "web", "wechat"};
  private static final String[] SHARE_PLATFORMS = {"wechat", "weibo", "douyin", "xiaohongshu"};

  @Override
  Feed feed() {
    return FEED;
  }

  @Override
  long stream() {
    return Simulation.STREAM_SOCIAL;
  }

  @Override
  boolean[] numericColumns() {
    boolean[] numeric = super.numericColumns();
    numeric[RATING] = true;
    numeric[REACH] = true;
    return numeric;
  }

  @Override
  void render(CustomerLife c, SplittableRandom r, Simulation sim, Clock clock, Records out) {
    long end = sim.settings().days() * Clock.SECONDS_PER_DAY;
    Writer w = new Writer(c, clock, out, end);
    long day = Clock.SECONDS_PER_DAY;
    if (c.member && r.nextDouble() < FOLLOW_ON_SIGNUP) {
      w.event(c.signupDay * day + r.nextInt(3 * (int) day), Draws.pick(r, SHARE_PLATFORMS), "follow", null, 0, null, 0);
    }
    int ordersInPeriod = 0;
    for (Order o : c.orders) {
      if (o.second < 0 || o.second >= end || o.cancelled) {
        continue;
      }
      ordersInPeriod++;
      String sku = Catalog.SKUS[o.category[0]][o.sku[0]];
      if (r.nextDouble() < INQUIRY_BEFORE_ORDER) {
        w.event(o.second - Draws.between(r, 600, 3 * (int) day), Draws.pick(r, INQUIRY_PLATFORMS), "inquiry",
            Texts.inquiry(r, c.psychology, c.secondPsychology, language(r, c)), 0, sku, 0);
      }
      if (r.nextDouble() < Math.min(REVIEW_CAP, REVIEW_PER_ORDER * c.sociability)) {
        int line = r.nextInt(o.lines);
        boolean photo = r.nextDouble() < (c.photoReviewer ? PHOTO_SHARE_OF_PHOTO_REVIEWER : PHOTO_SHARE_OF_OTHERS);
        int rating = o.returned[line] ? Draws.between(r, 1, 2) : Draws.pick(r, RATINGS) + 1;
        w.event(o.second + Draws.between(r, (int) day, 10 * (int) day), Draws.pick(r, REVIEW_PLATFORMS),
            photo ? "review_with_photo" : "review", Texts.review(r, c.psychology, c.secondPsychology, language(r, c)),
            rating, Catalog.SKUS[o.category[line]][o.sku[line]], 0);
      }
      if (r.nextDouble() < (c.influencer ? SHARE_PER_ORDER_INFLUENCER : SHARE_PER_ORDER * c.sociability)) {
        w.event(o.second + Draws.between(r, 60, 3 * (int) day), Draws.pick(r, SHARE_PLATFORMS), "share", null, 0,
            sku, reach(r, c));
      }
    }
    long activeFrom = (long) (Math.max(0, c.arrivalDay) * day);
    long activeTo = (long) Math.min(end, (c.deathDay + AFTERGLOW_DAYS) * day);
    if (activeTo <= activeFrom) {
      return;
    }
    int likes = Draws.poisson(r, LIKES * c.sociability * (1 + ordersInPeriod));
    for (int k = 0; k < likes; k++) {
      w.event(between(r, activeFrom, activeTo), Draws.pick(r, Catalog.SOCIAL_PLATFORMS), "like", null, 0,
          favouriteSku(r, c), 0);
    }
    int comments = Draws.poisson(r, COMMENTS * c.sociability * (1 + ordersInPeriod));
    for (int k = 0; k < comments; k++) {
      w.event(between(r, activeFrom, activeTo), Draws.pick(r, Catalog.SOCIAL_PLATFORMS), "comment", null, 0,
          favouriteSku(r, c), 0);
    }
    int invites = Draws.poisson(r, c.influencer ? INVITES_INFLUENCER : INVITES_OTHER);
    for (int k = 0; k < invites; k++) {
      w.event(between(r, activeFrom, activeTo), Draws.pick(r, SHARE_PLATFORMS), "invite", null, 0, null,
          Draws.between(r, 1, c.influencer ? 30 : 8));
    }
    if (!c.buyer) {
      int inquiries = Draws.poisson(r, NEVER_BUYER_INQUIRIES);
      for (int k = 0; k < inquiries; k++) {
        w.event(between(r, activeFrom, activeTo), Draws.pick(r, INQUIRY_PLATFORMS), "inquiry",
            Texts.inquiry(r, c.psychology, c.secondPsychology, language(r, c)), 0, favouriteSku(r, c), 0);
      }
    }
  }

  private static long between(SplittableRandom r, long from, long to) {
    return from + (long) (r.nextDouble() * (to - from));
  }

  private static int language(SplittableRandom r, CustomerLife c) {
    return r.nextDouble() < OTHER_LANGUAGE ? 1 - c.language : c.language;
  }

  private static int reach(SplittableRandom r, CustomerLife c) {
    return (int) Math.max(1, Math.round(Draws.logNormal(r, c.influencer ? 800 : 25, 0.9)));
  }

  private static String favouriteSku(SplittableRandom r, CustomerLife c) {
    int category = r.nextDouble() < Simulation.FAVOURITE_CATEGORY_SHARE
        ? c.favouriteCategory
        : Draws.pick(r, Catalog.CATEGORY_WEIGHTS);
    return Catalog.SKUS[category][r.nextInt(Catalog.SKUS_PER_CATEGORY)];
  }

  @Override
  void corrupt(Dirt.Kind kind, String[] f, SplittableRandom r) {
    switch (kind) {
      case MISSING_ID:
        f[CUSTOMER_ID] = r.nextBoolean() ? null : "";
        break;
      case IMPOSSIBLE_DATE:
        f[EVENT_TS] = Dirt.impossibleDate(f[EVENT_TS], r);
        break;
      case UNKNOWN_ENUM:
        f[ACTION] = Dirt.UNKNOWN_ACTION;
        break;
      case FORMAT:
        if (r.nextBoolean()) {
          f[ACTION] = Dirt.oddCase(f[ACTION], r);
        } else {
          f[EVENT_TS] = Dirt.otherTimestampLayout(f[EVENT_TS], r);
        }
        break;
      default:
        throw new IllegalArgumentException("Cannot corrupt social events with " + kind);
    }
  }

  /** Writes one customer's events, numbering them. */
  private static final class Writer {
    private final CustomerLife c;
    private final Clock clock;
    private final Records out;
    private final long end;
    private int events;

    Writer(CustomerLife c, Clock clock, Records out, long end) {
      this.c = c;
      this.clock = clock;
      this.out = out;
      this.end = end;
    }

    /** Events outside the period are left out; rating and reach 0 mean none. */
    void event(long second, String platform, String action, String text, int rating, String sku, int reach) {
      if (second < 0 || second >= end) {
        return;
      }
      String[] f = out.begin();
      f[EVENT_ID] = "P" + c.digits + "-" + ++events;
      f[CUSTOMER_ID] = c.id;
      f[EVENT_TS] = clock.timestamp(second);
      f[PLATFORM] = platform;
      f[ACTION] = action;
      f[TEXT] = text;
      f[RATING] = rating == 0 ? null : Integer.toString(rating);
      f[TARGET_SKU] = sku;
      f[REACH] = reach == 0 ? null : Integer.toString(reach);
      out.emit();
    }
  }
}
