/**
 * {@code report}: the self-contained HTML report as of a date (ReportJob, one spec per chart in its CHARTS, and the
 * report's run, {@code ReportJob.step}), the page (ReportPage) and the ECharts options (Echarts). The charts' data are
 * the common module's ReportData aggregations.
 *
 * <p>The report reads the job context, results and the model registry. Within jobs, may use: steps.
 */
package io.clientele.jobs.report;
