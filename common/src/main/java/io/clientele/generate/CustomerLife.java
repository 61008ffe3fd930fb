package io.clientele.generate;

import java.util.ArrayList;
import java.util.List;

/**
 * One customer's latent state and simulated history, the single source every feed is rendered from. Times are
 * relative to the first simulated day: days as doubles or ints ({@code 0 = startDate}), instants as seconds
 * ({@code 0 = startDate 00:00:00}); negative values lie before the period and are never written.
 */
final class CustomerLife {
  final long number;
  final String id;
  /** The zero-padded number shared by every id derived from this customer ("0000123"). */
  final String digits;

  // ---- who and where
  int region;
  int city;
  /** Store the customer shops at when in store, or -1 when none is near. */
  int homeStore;
  boolean female;
  long birthEpochDay;
  boolean englishName;
  int occupation;
  String maritalStatus;
  int education;
  int acquisition;
  /** Language the customer usually writes in ({@link Texts#ENGLISH} or {@link Texts#CHINESE}). */
  int language;
  int device;

  // ---- traits
  int psychology;
  /** A second psychology type, or -1. */
  int secondPsychology;
  boolean buyer;
  boolean priceSensitive;
  boolean returnHeavy;
  boolean photoReviewer;
  boolean influencer;
  double sociability;
  double onlineShare;
  int favouriteCategory;
  int favouriteBrand;
  double brandLoyalty;

  // ---- the purchase process (BG/NBD with Gamma-Gamma spend)
  double arrivalDay;
  /** Purchases per day while alive. */
  double purchaseRate;
  /** Chance to drop out after each purchase. */
  double dropoutChance;
  /** Gamma-Gamma's per-customer rate: mean order value = shape / spendRate. */
  double spendRate;
  /** When the customer dropped out (day of the last purchase), or +infinity if alive at the end. */
  double deathDay = Double.POSITIVE_INFINITY;

  // ---- membership
  boolean member;
  /** Day of joining the membership (members only; may lie before the period). */
  int signupDay;
  String memberLevel = "none";

  /** Every order, before and in the period, sorted by time; campaign responses included. */
  final List<Order> orders = new ArrayList<>();
  final List<Contact> contacts = new ArrayList<>();

  CustomerLife(long number) {
    this.number = number;
    this.digits = pad(number);
    this.id = "C" + digits;
  }

  static String pad(long number) {
    String s = Long.toString(number);
    return s.length() >= 7 ? s : "0000000".substring(s.length()) + s;
  }

  boolean isMemberOn(long day) {
    return member && signupDay <= day;
  }

  /** One order with its lines; prices are list prices, discounts fractions of them. */
  static final class Order {
    long second;
    boolean online;
    int store = -1;
    String payment;
    /** Coupon code used, or null. */
    String coupon;
    boolean cancelled;
    /** Campaign contact this order answers, or null. */
    Contact response;
    int lines;
    int[] category;
    int[] sku;
    int[] quantity;
    double[] unitPrice;
    double[] discount;
    boolean[] returned;

    long day() {
      return Math.floorDiv(second, 86_400L);
    }

    /** What the customer paid for the lines not cancelled or returned. */
    double netAmount() {
      double total = 0;
      for (int i = 0; i < lines; i++) {
        if (!cancelled && !returned[i]) {
          total += quantity[i] * Math.round(unitPrice[i] * 100) / 100.0 * (1 - discount[i]);
        }
      }
      return total;
    }
  }

  /** One campaign contact and the customer's answer. */
  static final class Contact {
    int campaign;
    int day;
    int channel;
    boolean responded;
    int responseDay;
    double responseAmount;
  }
}
