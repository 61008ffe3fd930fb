package io.clientele.generate;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The lines of one feed for one partition of customer indexes, produced lazily: a CSV header first, then each
 * customer's records in index order, so a partition's content depends only on the settings and its indexes.
 */
final class FeedLines implements Iterator<String> {
  private final Iterator<Long> indexes;
  private final FeedRenderer renderer;
  private final Simulation simulation;
  private final Clock clock;
  private final ArrayDeque<String> pending = new ArrayDeque<>();
  private final Records records;
  private final long seed;

  FeedLines(GeneratorSettings settings, FeedRenderer renderer, Iterator<Long> indexes) {
    this.indexes = indexes;
    this.renderer = renderer;
    this.simulation = new Simulation(settings);
    this.clock = new Clock(settings);
    this.records = new Records(renderer, settings, pending);
    this.seed = settings.seed();
    if ("csv".equals(renderer.feed().defaultFormat())) {
      pending.add(String.join(",", renderer.feed().rawColumns()));
    }
  }

  @Override
  public boolean hasNext() {
    while (pending.isEmpty() && indexes.hasNext()) {
      CustomerLife c = simulation.simulate(indexes.next());
      records.startCustomer(c.number);
      renderer.render(c, Draws.rng(seed, c.number, renderer.stream()), simulation, clock, records);
    }
    return !pending.isEmpty();
  }

  @Override
  public String next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return pending.poll();
  }
}
