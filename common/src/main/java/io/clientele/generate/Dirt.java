package io.clientele.generate;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The kinds of dirt written into the feeds at {@code generate.dirty-rate}, and the small corruptions they are
 * made of. A dirty record gets exactly one kind, drawn uniformly from the kinds its feed supports, from a
 * random stream of its own, so the clean records of a run do not depend on the dirty rate.
 */
final class Dirt {
  private Dirt() {}

  enum Kind {
    /** The same line written twice in a row. */
    DUPLICATE,
    /** CSV: one field too few or too many; JSON: the object cut off before its end. */
    MALFORMED,
    /** The record's id left empty (CSV) or null or empty (JSON). */
    MISSING_ID,
    /** Transactions: quantity or unit price zero or negative. */
    NON_POSITIVE,
    /** The record's main date in year 2199 or 1899, or on 30 February. */
    IMPOSSIBLE_DATE,
    /** A value outside the field's enum (status "shipped?", event_type "teleport", ...). */
    UNKNOWN_ENUM,
    /** A valid value in another spelling that ingestion standardises: case, blanks, date layout, gender. */
    FORMAT
  }

  static final String UNKNOWN_STATUS = "shipped?";
  static final String UNKNOWN_EVENT_TYPE = "teleport";
  static final String UNKNOWN_ACTION = "dance";
  static final String UNKNOWN_CONTACT_CHANNEL = "fax";
  static final String UNKNOWN_MEMBER_LEVEL = "diamond";

  private static final String[] MALE = {"male", "m", "男", " Male", "MALE"};
  private static final String[] FEMALE = {"female", "f", "女", "Female ", "FEMALE"};

  /** "2026-03-01 ..." as 2199-03-01, 1899-03-01 or 2026-02-30 (the rest of a timestamp kept). */
  static String impossibleDate(String value, SplittableRandom r) {
    switch (r.nextInt(3)) {
      case 0:
        return "2199" + value.substring(4);
      case 1:
        return "1899" + value.substring(4);
      default:
        return value.substring(0, 5) + "02-30" + value.substring(10);
    }
  }

  /** "yyyy-MM-dd HH:mm:ss" as "yyyy/MM/dd HH:mm:ss" or ISO "yyyy-MM-ddTHH:mm:ss". */
  static String otherTimestampLayout(String timestamp, SplittableRandom r) {
    return r.nextBoolean() ? timestamp.replace('-', '/') : timestamp.replace(' ', 'T');
  }

  /** "yyyy-MM-dd" as "yyyy/MM/dd". */
  static String otherDateLayout(String date) {
    return date.replace('-', '/');
  }

  /**
   * An enum value in another case or with blanks: " Paid", "APP_PUSH ", "Add To Cart", "  sms ". Trimming,
   * lower-casing and turning blanks into '_' gives the value back.
   */
  static String oddCase(String value, SplittableRandom r) {
    switch (r.nextInt(4)) {
      case 0:
        return " " + titleCase(value);
      case 1:
        return value.toUpperCase(Locale.ROOT) + " ";
      case 2:
        return titleCase(value).replace('_', ' ') + (value.indexOf('_') < 0 ? " " : "");
      default:
        return "  " + value.replace('_', ' ') + " ";
    }
  }

  /** "M" or "F" as one of the other spellings ingestion accepts (male, m, 男, ...). */
  static String genderSpelling(String gender, SplittableRandom r) {
    return Draws.pick(r, "F".equals(gender) ? FEMALE : MALE);
  }

  private static String titleCase(String value) {
    StringBuilder sb = new StringBuilder(value.length());
    boolean start = true;
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      sb.append(start ? Character.toUpperCase(ch) : ch);
      start = ch == '_' || ch == ' ';
    }
    return sb.toString();
  }
}
