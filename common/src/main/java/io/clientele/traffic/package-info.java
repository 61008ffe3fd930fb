/**
 * Visitor traffic as of a date (docs/domain.md §4): visitor distributions, the store flow line and its rates, the web
 * funnel and AARRR, with their gold schemas (TrafficTables). Pure functions.
 *
 * <p>May use: config, ingest, lake.
 */
package io.clientele.traffic;
