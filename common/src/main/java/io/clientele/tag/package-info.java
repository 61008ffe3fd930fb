/**
 * The tag system (docs/domain.md §7): the catalog, the sources a tag reads, one-pass evaluation into the wide profile
 * and the long tag table, coverage and drift statistics, and audiences by tag expression.
 *
 * <p>May use: clv, config, lake, model, social, value.
 */
package io.clientele.tag;
