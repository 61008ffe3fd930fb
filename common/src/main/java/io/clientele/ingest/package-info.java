/**
 * Ingestion of the five raw feeds (Feed): bronze, one rules spec per feed (FeedSpec and its five implementations, run
 * by FeedRules), deduplication, quarantine and personal data, mappings of other layouts, CSV dialect detection, the
 * files already ingested. Pure Dataset-to-Dataset functions; the jobs module does the I/O.
 *
 * <p>May use: config, lake.
 */
package io.clientele.ingest;
