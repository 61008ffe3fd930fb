/**
 * Social behaviour as of a date (docs/domain.md §5): social features, the influence score, and the consumer
 * psychology types from review and inquiry texts by the configured lexicon.
 *
 * <p>May use: config, lake, traffic.
 */
package io.clientele.social;
