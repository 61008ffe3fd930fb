/**
 * {@code report}: the self-contained HTML report as of a date (ReportJob, one spec per chart in its CHARTS), the page
 * (ReportPage) and the ECharts options (Echarts). The charts' data are the common module's ReportData aggregations.
 *
 * <p>May use: the job context and model registry of {@code io.clientele.jobs}, and the common module.
 */
package io.clientele.jobs.report;
