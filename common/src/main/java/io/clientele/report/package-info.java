/**
 * The small aggregations each chart of the HTML report draws (ReportData); the jobs module renders them.
 *
 * <p>May use: config.
 */
package io.clientele.report;
