/**
 * Customer lifetime value (docs/domain.md §2): the calibration summary, BG/NBD and Gamma-Gamma fitted by maximum
 * likelihood (L-BFGS) on the driver or in Spark, predictions, holdout calibration, the course formula P / R per
 * segment, and the simulation of bench clv.
 *
 * <p>May use: config, generate, ingest, value.
 */
package io.clientele.clv;
