/**
 * Customer value as of a date (docs/domain.md §2-3): RFM and its eight segments, ABC classes, tiers, rule-based value
 * classes, loyalty, lifecycle stages and member KPIs, with their gold schemas (ValueTables). Pure functions.
 *
 * <p>May use: config, ingest, lake.
 */
package io.clientele.value;
