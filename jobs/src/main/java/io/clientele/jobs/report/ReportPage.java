package io.clientele.jobs.report;

import io.clientele.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report's one HTML file: styles, ECharts (read from its webjar on the classpath), every chart's option as
 * JSON and a few lines of script that draw them, all inline, so the file opens offline. After drawing, the page
 * writes into {@code #report-status} how many charts it drew and every script error it saw (window errors,
 * console errors, a chart that drew nothing), which is what the rendering test reads.
 */
final class ReportPage {
  /** ECharts inside the webjar (the version is pinned in the parent pom). */
  static final String ECHARTS = "META-INF/resources/webjars/echarts/";

  /** One chart: an ECharts option, or (option null) the note saying why it is not there. */
  record Chart(String id, String title, String caption, Map<String, Object> option, String note) {}

  private ReportPage() {}

  static String render(LocalDate asOf, String database, List<Chart> charts, List<String[]> cards) {
    Map<String, Object> options = new LinkedHashMap<>();
    StringBuilder body = new StringBuilder();
    StringBuilder contents = new StringBuilder();
    for (Chart chart : charts) {
      contents.append("<li><a href=\"#").append(chart.id()).append("\"").append(chart.option() == null ? " class=\"off\"" : "")
          .append(">").append(escape(chart.title())).append("</a></li>\n");
      body.append("<section class=\"chart").append(chart.option() == null ? " missing" : "").append("\" id=\"")
          .append(chart.id()).append("\">\n<h2>").append(escape(chart.title())).append("</h2>\n");
      if (chart.option() == null) {
        body.append("<p class=\"note\">").append(escape(chart.note())).append("</p>\n");
      } else {
        options.put(chart.id(), chart.option());
        body.append("<div class=\"plot\" data-chart=\"").append(chart.id()).append("\"></div>\n<p class=\"caption\">")
            .append(escape(chart.caption())).append("</p>\n");
      }
      body.append("</section>\n");
    }
    StringBuilder summary = new StringBuilder();
    for (String[] card : cards) {
      summary.append("<div class=\"card\"><div class=\"value\">").append(escape(card[1])).append("</div><div class=\"label\">")
          .append(escape(card[0])).append("</div></div>\n");
    }
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<title>Clientele report as of " + asOf + "</title>\n<style>\n" + STYLE + "</style>\n"
        + "<script>\n" + WATCH + "</script>\n</head>\n<body>\n"
        + "<header><h1>Clientele report <span>as of " + asOf + "</span></h1>\n<p class=\"meta\">Database <code>"
        + escape(database) + "</code>; everything strictly before " + asOf + " counts. Generated " + Instant.now()
        .toString().substring(0, 19).replace('T', ' ') + " UTC by <code>clientele report</code>.</p>\n"
        + "<div class=\"cards\">\n" + summary + "</div>\n<nav><ol>\n" + contents + "</ol></nav>\n</header>\n<main>\n" + body
        + "</main>\n<footer id=\"report-status\" data-charts=\"" + options.size() + "\" data-rendered=\"-1\" data-errors=\"-1\">"
        + "charts not drawn: the page's script did not run</footer>\n"
        + "<script>\n" + echarts() + "\n</script>\n"
        + "<script type=\"application/json\" id=\"chart-options\">" + Json.write(options) + "</script>\n"
        + "<script>\n" + DRAW + "</script>\n</body>\n</html>\n";
  }

  private static String echarts() {
    String path = ECHARTS + version() + "/dist/echarts.min.js";
    try (InputStream in = ReportPage.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("Cannot write the report: " + path + " is not on the classpath (the ECharts webjar)");
      }
      String script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      // Inline in a script element: a literal "</script" would end it early.
      return script.replace("</script", "<\\/script");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The ECharts version on the classpath, from the webjar's Maven metadata. */
  private static String version() {
    String pom = "META-INF/maven/org.webjars.npm/echarts/pom.properties";
    try (InputStream in = ReportPage.class.getClassLoader().getResourceAsStream(pom)) {
      if (in == null) {
        throw new IllegalStateException("Cannot write the report: the ECharts webjar is not on the classpath (" + pom + ")");
      }
      java.util.Properties properties = new java.util.Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String escape(String text) {
    return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  /** Installed first, before ECharts loads: every error the page sees is kept for the status line. */
  private static final String WATCH = String.join("\n",
      "window.reportErrors = [];",
      "window.addEventListener('error', function (e) { window.reportErrors.push('error: ' + e.message); });",
      "window.addEventListener('unhandledrejection', function (e) { window.reportErrors.push('rejection: ' + e.reason); });",
      "(function () {",
      "  var original = console.error;",
      "  console.error = function () {",
      "    window.reportErrors.push('console.error: ' + Array.prototype.join.call(arguments, ' '));",
      "    return original.apply(console, arguments);",
      "  };",
      "})();",
      "");

  /** Draws every chart (SVG renderer, no animation) and writes the outcome into #report-status. */
  private static final String DRAW = String.join("\n",
      "(function () {",
      "  var status = document.getElementById('report-status');",
      "  var rendered = 0;",
      "  try {",
      "    var options = JSON.parse(document.getElementById('chart-options').textContent);",
      "    var plots = document.querySelectorAll('[data-chart]');",
      "    for (var i = 0; i < plots.length; i++) {",
      "      var plot = plots[i];",
      "      var id = plot.getAttribute('data-chart');",
      "      try {",
      "        var chart = echarts.init(plot, null, { renderer: 'svg' });",
      "        chart.setOption(options[id]);",
      "        var shapes = plot.querySelectorAll('svg path, svg rect, svg polyline, svg circle').length;",
      "        if (shapes > 0) { rendered++; plot.setAttribute('data-shapes', shapes); }",
      "        else { window.reportErrors.push('chart ' + id + ' drew nothing'); }",
      "        window.addEventListener('resize', chart.resize);",
      "      } catch (e) {",
      "        window.reportErrors.push('chart ' + id + ': ' + e.message);",
      "      }",
      "    }",
      "  } catch (e) {",
      "    window.reportErrors.push('report: ' + e.message);",
      "  }",
      "  status.setAttribute('data-rendered', rendered);",
      "  status.setAttribute('data-errors', window.reportErrors.length);",
      "  status.textContent = rendered + ' of ' + status.getAttribute('data-charts') + ' charts drawn'",
      "      + (window.reportErrors.length ? '; errors: ' + window.reportErrors.join(' | ') : '; no errors');",
      "})();",
      "");

  private static final String STYLE = String.join("\n",
      "body { font-family: -apple-system, 'Segoe UI', Helvetica, Arial, 'Noto Sans CJK SC', sans-serif; margin: 0;",
      "  color: #1f2933; background: #f5f7fa; }",
      "header { background: #fff; padding: 20px 32px 8px; border-bottom: 1px solid #d9e2ec; }",
      "h1 { margin: 0 0 4px; font-size: 24px; } h1 span { color: #627d98; font-weight: normal; }",
      ".meta { color: #627d98; margin: 0 0 12px; font-size: 13px; }",
      ".cards { display: flex; flex-wrap: wrap; gap: 12px; margin-bottom: 12px; }",
      ".card { background: #f0f4f8; border-radius: 6px; padding: 8px 14px; min-width: 140px; }",
      ".card .value { font-size: 20px; font-weight: 600; } .card .label { font-size: 12px; color: #627d98; }",
      "nav ol { columns: 3; font-size: 13px; margin: 0; padding-left: 20px; } nav a { color: #2f6fb0; }",
      "nav a.off { color: #9aa5b1; }",
      "main { display: grid; grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); gap: 16px; padding: 16px 32px; }",
      "section.chart { background: #fff; border: 1px solid #d9e2ec; border-radius: 6px; padding: 12px 16px; }",
      "section.chart h2 { font-size: 16px; margin: 0 0 8px; }",
      ".plot { width: 100%; height: 340px; }",
      ".caption { font-size: 13px; color: #486581; margin: 6px 0 0; }",
      "section.missing { background: #fafbfc; } .note { font-size: 13px; color: #8d6e00; background: #fff8e1;",
      "  border-left: 3px solid #f0b429; padding: 8px 10px; margin: 0; }",
      "footer { font-size: 12px; color: #9aa5b1; padding: 8px 32px 24px; }",
      "");
}
