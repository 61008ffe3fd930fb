package io.clientele.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/clientele report} on the demo warehouse ({@link DemoWarehouse}), opened in headless Chromium: every
 * chart of a table the demo computed is drawn without a script error, the two it cannot compute in one run are
 * notes; a screenshot of it lands in target/report/demo-report.png.
 */
class DemoReportIT {
  private static final Pattern STATUS = Pattern.compile(
      "<footer id=\"report-status\" data-charts=\"(\\d+)\" data-rendered=\"(-?\\d+)\" data-errors=\"(-?\\d+)\">([^<]*)</footer>");

  @Test
  void theDemoReportOpensInChromiumWithEveryComputedChart() throws Exception {
    Path warehouse = DemoWarehouse.get();
    Path dir = Paths.get("target", "report").toAbsolutePath();
    Files.createDirectories(dir);
    Path html = dir.resolve("demo-report.html");

    DemoWarehouse.Run run = DemoWarehouse.clientele(warehouse, dir, "report", "--as-of", DemoWarehouse.AS_OF,
        "--out", html.toString());

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(run.out).contains("report: as of 2026-07-01:");
    String page = Files.readString(html, StandardCharsets.UTF_8);
    // The demo runs the pipeline as a monthly schedule would (an earlier month, then the final date) and calibrates
    // CLV over the month between: every chart is drawn, the history ones with more than one date.
    assertThat(run.out).contains("19 of 19 charts drawn");
    assertThat(page).contains("data-chart=\"rfm-segments\"").contains("data-chart=\"clv-distribution\"")
        .contains("data-chart=\"churn-roc\"").contains("data-chart=\"response-return\"")
        .contains("data-chart=\"traffic-heatmap\"").contains("data-chart=\"tag-coverage\"")
        .contains("data-chart=\"clv-calibration\"").contains("data-chart=\"tag-drift\"")
        .contains("Repeat purchases in the holdout period (2026-06-01 to 2026-07-01)")
        .contains("Known customers per lifecycle stage in each of the 2 value runs up to 2026-07-01")
        .doesNotContain("Not computed");
    Path work = Files.createTempDirectory(dir, "chromium");
    Matcher status = STATUS.matcher(Chromium.dumpDom(html, work));
    assertThat(status.find()).isTrue();
    assertThat(Integer.parseInt(status.group(1))).isEqualTo(19);
    assertThat(status.group(2)).as(status.group(4)).isEqualTo(status.group(1));
    assertThat(status.group(3)).as(status.group(4)).isEqualTo("0");
    Path png = dir.resolve("demo-report.png");
    Chromium.screenshot(html, png, 1400, 4000, work);
    assertThat(Files.size(png)).isGreaterThan(50_000);
  }
}
