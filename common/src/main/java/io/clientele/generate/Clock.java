package io.clientele.generate;

import java.time.LocalDate;

/**
 * Formats simulated times, given relative to the first simulated day, as the feeds write them: dates
 * "yyyy-MM-dd" and timestamps "yyyy-MM-dd HH:mm:ss". The dates of the period are formatted once.
 */
final class Clock {
  static final long SECONDS_PER_DAY = 86_400L;

  private final long startEpochDay;
  private final String[] periodDates;

  Clock(GeneratorSettings settings) {
    this.startEpochDay = settings.startDate().toEpochDay();
    this.periodDates = new String[settings.days()];
    for (int d = 0; d < periodDates.length; d++) {
      periodDates[d] = LocalDate.ofEpochDay(startEpochDay + d).toString();
    }
  }

  /** The date of a day relative to the start (negative: before the period). */
  String date(long day) {
    return day >= 0 && day < periodDates.length ? periodDates[(int) day] : epochDate(startEpochDay + day);
  }

  static String epochDate(long epochDay) {
    return LocalDate.ofEpochDay(epochDay).toString();
  }

  /** The timestamp of a second relative to the start of the first day. */
  String timestamp(long second) {
    long day = Math.floorDiv(second, SECONDS_PER_DAY);
    int s = (int) Math.floorMod(second, SECONDS_PER_DAY);
    char[] buf = new char[19];
    date(day).getChars(0, 10, buf, 0);
    buf[10] = ' ';
    twoDigits(buf, 11, s / 3600);
    buf[13] = ':';
    twoDigits(buf, 14, s / 60 % 60);
    buf[16] = ':';
    twoDigits(buf, 17, s % 60);
    return new String(buf);
  }

  private static void twoDigits(char[] buf, int at, int value) {
    buf[at] = (char) ('0' + value / 10);
    buf[at + 1] = (char) ('0' + value % 10);
  }

  /** A money amount with two decimals ("12.50", "-3.00"). */
  static String money(double amount) {
    long cents = Math.round(amount * 100);
    long abs = Math.abs(cents);
    long fraction = abs % 100;
    return (cents < 0 ? "-" : "") + abs / 100 + (fraction < 10 ? ".0" : ".") + fraction;
  }

  /** A fraction without trailing zeros ("0", "0.15"). */
  static String fraction(double value) {
    if (value == 0) {
      return "0";
    }
    String s = money(value);
    return s.endsWith("0") ? s.substring(0, s.length() - 1) : s;
  }
}
