package io.clientele.lake;

import java.util.List;

/** Names of every table in the Clientele database; README.md lists what each holds. */
public final class Tables {
  private Tables() {}

  // bronze: records as received, with lineage
  public static final String RAW_TRANSACTIONS = "raw_transactions";
  public static final String RAW_TRAFFIC = "raw_traffic";
  public static final String RAW_SOCIAL = "raw_social";
  public static final String RAW_CUSTOMERS = "raw_customers";
  public static final String RAW_CAMPAIGNS = "raw_campaigns";
  public static final String QUARANTINE = "quarantine";
  /** Rejected records of feeds with personal columns, whole; quarantine keeps them without those columns. */
  public static final String QUARANTINE_PII = "quarantine_pii";
  public static final String INGESTED_FILES = "ingested_files";

  // silver: typed, standardised, deduplicated
  public static final String TRANSACTIONS = "transactions";
  public static final String TRAFFIC_EVENTS = "traffic_events";
  public static final String SOCIAL_EVENTS = "social_events";
  public static final String CUSTOMERS = "customers";
  public static final String CUSTOMERS_PII = "customers_pii";
  public static final String CAMPAIGN_CONTACTS = "campaign_contacts";
  /** The silver tables the analytics steps read: what a daily run's work grows with. */
  public static final List<String> SILVER = List.of(TRANSACTIONS, TRAFFIC_EVENTS, SOCIAL_EVENTS, CUSTOMERS,
      CAMPAIGN_CONTACTS);

  // audit
  public static final String JOB_RUNS = "job_runs";
}
