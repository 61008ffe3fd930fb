package io.clientele.generate;

import io.clientele.generate.CustomerLife.Order;
import io.clientele.ingest.Feed;
import java.util.SplittableRandom;

/** The customer master: one record per customer, with the personal data ingestion must split off. */
final class CustomersFeed extends FeedRenderer {
  private static final long serialVersionUID = 1L;
  private static final Feed FEED = Feed.CUSTOMERS;
  private static final int CUSTOMER_ID = column(FEED, "customer_id");
  private static final int NAME = column(FEED, "name");
  private static final int GENDER = column(FEED, "gender");
  private static final int BIRTH_DATE = column(FEED, "birth_date");
  private static final int PHONE = column(FEED, "phone");
  private static final int EMAIL = column(FEED, "email");
  private static final int ADDRESS = column(FEED, "address");
  private static final int REGION = column(FEED, "region");
  private static final int CITY = column(FEED, "city");
  private static final int SIGNUP_DATE = column(FEED, "signup_date");
  private static final int MEMBER_LEVEL = column(FEED, "member_level");
  private static final int OCCUPATION = column(FEED, "occupation");
  private static final int MARITAL_STATUS = column(FEED, "marital_status");
  private static final int EDUCATION = column(FEED, "education");
  private static final int ACQUISITION_CHANNEL = column(FEED, "acquisition_channel");
  private static final int UPDATED_AT = column(FEED, "updated_at");

  /** English names that carry a nickname in quotes (exercises CSV quote escaping). */
  static final double NICKNAME_SHARE = 0.05;
  static final double TWO_CHARACTER_GIVEN_NAME = 0.6;

  @Override
  Feed feed() {
    return FEED;
  }

  @Override
  long stream() {
    return Simulation.STREAM_CUSTOMERS;
  }

  @Override
  void render(CustomerLife c, SplittableRandom r, Simulation sim, Clock clock, Records out) {
    int days = sim.settings().days();
    String[] f = out.begin();
    f[CUSTOMER_ID] = c.id;
    String mailbox;
    if (c.englishName) {
      String first = Draws.pick(r, c.female ? Catalog.FIRST_FEMALE : Catalog.FIRST_MALE);
      String last = Draws.pick(r, Catalog.LAST_NAMES);
      f[NAME] = r.nextDouble() < NICKNAME_SHARE
          ? first + " \"" + Draws.pick(r, Catalog.NICKNAMES) + "\" " + last
          : first + " " + last;
      mailbox = (first + "." + last).toLowerCase(java.util.Locale.ROOT).replace("'", "");
      f[ADDRESS] = Draws.between(r, 1, 999) + " " + Draws.pick(r, Catalog.ROADS_EN) + ", "
          + Draws.pick(r, Catalog.DISTRICTS_EN) + ", " + Catalog.CITIES[c.region][c.city];
    } else {
      int surname = r.nextInt(Catalog.SURNAMES.length);
      String[] given = c.female ? Catalog.GIVEN_FEMALE : Catalog.GIVEN_MALE;
      f[NAME] = Catalog.SURNAMES[surname] + Draws.pick(r, given)
          + (r.nextDouble() < TWO_CHARACTER_GIVEN_NAME ? Draws.pick(r, given) : "");
      mailbox = Catalog.SURNAMES_PINYIN[surname];
      f[ADDRESS] = Catalog.CITIES_ZH[c.region][c.city] + "市" + Draws.pick(r, Catalog.DISTRICTS_ZH)
          + Draws.pick(r, Catalog.ROADS_ZH) + Draws.between(r, 1, 999) + "号";
    }
    f[GENDER] = c.female ? "F" : "M";
    f[BIRTH_DATE] = Clock.epochDate(c.birthEpochDay);
    f[PHONE] = Draws.pick(r, Catalog.PHONE_PREFIXES) + String.format("%08d", r.nextInt(100_000_000));
    f[EMAIL] = mailbox + c.number % 1000 + Draws.between(r, 10, 99) + "@" + Draws.pick(r, Catalog.MAIL_DOMAINS);
    f[REGION] = Catalog.REGIONS[c.region];
    f[CITY] = Catalog.CITIES[c.region][c.city];
    f[SIGNUP_DATE] = c.member ? clock.date(c.signupDay) : "";
    f[MEMBER_LEVEL] = c.memberLevel;
    f[OCCUPATION] = Catalog.OCCUPATIONS[c.occupation];
    f[MARITAL_STATUS] = c.maritalStatus;
    f[EDUCATION] = Catalog.EDUCATIONS[c.education];
    f[ACQUISITION_CHANNEL] = Catalog.ACQUISITION_CHANNELS[c.acquisition];
    // The record was last touched after the latest of arrival, joining and the last order in the period.
    long latest = (long) Math.floor(c.arrivalDay);
    if (c.member) {
      latest = Math.max(latest, c.signupDay);
    }
    for (Order o : c.orders) {
      if (o.day() < days) {
        latest = Math.max(latest, o.day());
      }
    }
    long updated = Math.max(0, Math.min(days - 1, latest + r.nextInt(6)));
    f[UPDATED_AT] = clock.timestamp(updated * Clock.SECONDS_PER_DAY + Simulation.secondOfDay(r, Catalog.ONLINE_HOURS));
    out.emit();
  }

  @Override
  void corrupt(Dirt.Kind kind, String[] f, SplittableRandom r) {
    switch (kind) {
      case MISSING_ID:
        f[CUSTOMER_ID] = "";
        break;
      case IMPOSSIBLE_DATE:
        f[BIRTH_DATE] = Dirt.impossibleDate(f[BIRTH_DATE], r);
        break;
      case UNKNOWN_ENUM:
        f[MEMBER_LEVEL] = Dirt.UNKNOWN_MEMBER_LEVEL;
        break;
      case FORMAT:
        switch (r.nextInt(3)) {
          case 0:
            f[GENDER] = Dirt.genderSpelling(f[GENDER], r);
            break;
          case 1:
            f[MEMBER_LEVEL] = Dirt.oddCase(f[MEMBER_LEVEL], r);
            break;
          default:
            f[UPDATED_AT] = Dirt.otherTimestampLayout(f[UPDATED_AT], r);
        }
        break;
      default:
        throw new IllegalArgumentException("Cannot corrupt customers with " + kind);
    }
  }
}
