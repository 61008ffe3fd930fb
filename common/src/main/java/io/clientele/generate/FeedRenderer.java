package io.clientele.generate;

import io.clientele.ingest.Feed;
import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * Renders one feed's records for one simulated customer, and knows how the feed's records get dirty. One
 * renderer per feed; it keeps no state between customers.
 */
abstract class FeedRenderer implements Serializable {
  private static final long serialVersionUID = 1L;

  abstract Feed feed();

  /** The random stream for details only this feed shows (see {@link Simulation}). */
  abstract long stream();

  /**
   * The dirt kinds this feed gets, each equally likely among its dirty records: by default every kind but
   * NON_POSITIVE, which only a feed with prices and quantities can get.
   */
  Dirt.Kind[] dirtKinds() {
    return new Dirt.Kind[] {
      Dirt.Kind.DUPLICATE, Dirt.Kind.MALFORMED, Dirt.Kind.MISSING_ID, Dirt.Kind.IMPOSSIBLE_DATE,
      Dirt.Kind.UNKNOWN_ENUM, Dirt.Kind.FORMAT
    };
  }

  /** Columns written as JSON numbers (JSON feeds only). */
  boolean[] numericColumns() {
    return new boolean[feed().rawColumns().size()];
  }

  /** Emits the customer's records through {@code out}, drawing feed-only details from {@code r}. */
  abstract void render(CustomerLife c, SplittableRandom r, Simulation sim, Clock clock, Records out);

  /** Applies a field-level dirt kind (not DUPLICATE or MALFORMED) to a record's fields. */
  abstract void corrupt(Dirt.Kind kind, String[] fields, SplittableRandom r);

  /** Index of a column in the feed's native layout. */
  static int column(Feed feed, String name) {
    int index = feed.rawColumns().indexOf(name);
    if (index < 0) {
      throw new IllegalStateException("Feed " + feed.cliName() + " has no column " + name);
    }
    return index;
  }
}
