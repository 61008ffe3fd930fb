/**
 * Prediction (docs/domain.md §6): point-in-time customer features, the prepared table and the class-weighted logistic
 * trainer with row-hash folds, its evaluation and leak guard, churn and response, KMeans segmentation, and the
 * model tables.
 *
 * <p>May use: clv, config, json, lake.
 */
package io.clientele.model;
