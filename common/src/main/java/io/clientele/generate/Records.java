package io.clientele.generate;

import java.util.Arrays;
import java.util.Queue;
import java.util.SplittableRandom;

/**
 * Where a renderer puts its records: fills in one reused field array, then {@link #emit()} makes it dirty at
 * the dirty rate and appends the finished line (twice for a duplicate) to the partition's queue.
 */
final class Records {
  private final FeedRenderer renderer;
  private final boolean json;
  private final String[] quotedKeys;
  private final boolean[] numeric;
  private final Dirt.Kind[] kinds;
  private final double dirtyRate;
  private final long seed;
  private final Queue<String> out;
  private final String[] fields;
  private final StringBuilder sb = new StringBuilder(512);
  private SplittableRandom dirt;

  Records(FeedRenderer renderer, GeneratorSettings settings, Queue<String> out) {
    this.renderer = renderer;
    this.json = "json".equals(renderer.feed().defaultFormat());
    this.quotedKeys = renderer.feed().rawColumns().stream().map(k -> "\"" + k + "\":").toArray(String[]::new);
    this.numeric = renderer.numericColumns();
    this.kinds = renderer.dirtKinds();
    this.dirtyRate = settings.dirtyRate();
    this.seed = settings.seed();
    this.out = out;
    this.fields = new String[quotedKeys.length];
  }

  void startCustomer(long number) {
    dirt = Draws.rng(seed, number, renderer.stream() + Simulation.STREAM_DIRT_OFFSET);
  }

  /** The cleared field array of the next record. */
  String[] begin() {
    Arrays.fill(fields, null);
    return fields;
  }

  void emit() {
    Dirt.Kind kind = dirt.nextDouble() < dirtyRate ? kinds[dirt.nextInt(kinds.length)] : null;
    if (kind != null && kind != Dirt.Kind.DUPLICATE && kind != Dirt.Kind.MALFORMED) {
      renderer.corrupt(kind, fields, dirt);
    }
    sb.setLength(0);
    if (json) {
      Lines.json(sb, quotedKeys, numeric, fields);
    } else {
      boolean shorter = kind == Dirt.Kind.MALFORMED && dirt.nextBoolean();
      Lines.csv(sb, fields, shorter ? fields.length - 1 : fields.length);
      if (kind == Dirt.Kind.MALFORMED && !shorter) {
        sb.append(",x");
      }
    }
    if (kind == Dirt.Kind.MALFORMED && json) {
      // Any proper prefix of one JSON object is invalid JSON.
      sb.setLength(sb.length() / 3 + dirt.nextInt(sb.length() / 2));
    }
    String line = sb.toString();
    out.add(line);
    if (kind == Dirt.Kind.DUPLICATE) {
      out.add(line);
    }
  }
}
