package io.clientele.jobs.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ECharts options for the report's chart kinds, as plain maps (written out by {@link io.clientele.json.Json}).
 * Only data go in: no functions, so an option is JSON and the page needs no code per chart.
 */
final class Echarts {
  private Echarts() {}

  static Map<String, Object> series(String name, List<Object> data) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("name", name);
    s.put("type", "bar");
    s.put("data", data);
    return s;
  }

  static Map<String, Object> stacked(String name, List<Object> data) {
    Map<String, Object> s = series(name, data);
    s.put("stack", "all");
    return s;
  }

  static Map<String, Object> line(String name, List<Object> data, int axis) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("name", name);
    s.put("type", "line");
    s.put("yAxisIndex", axis);
    s.put("connectNulls", false);
    s.put("data", data);
    return s;
  }

  /** Bars over categories; {@code rotate} tilts long category names. */
  static Map<String, Object> bars(List<Object> categories, Map<String, Object> xAxisExtra, List<Object> series, String unit,
      boolean rotate) {
    Map<String, Object> option = base(series.size() > 1);
    Map<String, Object> x = new LinkedHashMap<>();
    x.put("type", "category");
    x.put("data", categories);
    x.put("axisLabel", rotate ? Map.of("rotate", 30, "interval", 0) : Map.of());
    x.putAll(xAxisExtra);
    if (xAxisExtra.containsKey("name")) {
      x.put("nameLocation", "middle");
      x.put("nameGap", 28);
    }
    option.put("xAxis", x);
    option.put("yAxis", Map.of("type", "value", "axisLabel", Map.of("formatter", "{value}" + unit)));
    option.put("series", series);
    // Room for a legend that wraps onto a second line, and for tilted category names.
    int top = series.size() > 4 ? 70 : 40;
    if (rotate) {
      option.put("grid", Map.of("left", 60, "right", 20, "top", top, "bottom", 110));
    } else if (series.size() > 4) {
      option.put("grid", Map.of("left", 60, "right", 60, "top", top, "bottom", 50));
    }
    return option;
  }

  /** Bars on the left axis and one line on the right. */
  static Map<String, Object> barsWithLine(List<Object> categories, List<Object> bars, Map<String, Object> line) {
    List<Object> series = new ArrayList<>(bars);
    series.add(line);
    Map<String, Object> option = bars(categories, Map.of(), series, "", true);
    option.put("yAxis", List.of(Map.of("type", "value"), Map.of("type", "value", "splitLine", Map.of("show", false))));
    option.put("grid", Map.of("left", 60, "right", 80, "top", 40, "bottom", 110));
    return option;
  }

  /** Lines over categories, a left and a right value axis. */
  static Map<String, Object> lines(List<Object> categories, List<Object> series, String left, String right) {
    Map<String, Object> option = base(true);
    option.put("xAxis", Map.of("type", "category", "data", categories));
    option.put("yAxis", List.of(Map.of("type", "value", "name", left),
        Map.of("type", "value", "name", right, "splitLine", Map.of("show", false))));
    option.put("series", series);
    // Room for a legend of several lines above the plot.
    option.put("grid", Map.of("left", 60, "right", 60, "top", 70, "bottom", 40));
    return option;
  }

  /** A cell grid: cells are [x index, y index, value]. */
  static Map<String, Object> heatmap(List<Object> xs, List<Object> ys, List<Object> cells, long max, String xName, String yName) {
    Map<String, Object> option = new LinkedHashMap<>();
    option.put("animation", false);
    option.put("tooltip", Map.of("position", "top"));
    option.put("grid", Map.of("left", 60, "right", 30, "top", 20, "bottom", 90));
    option.put("xAxis", Map.of("type", "category", "data", xs, "name", xName, "nameLocation", "middle", "nameGap", 26,
        "splitArea", Map.of("show", true)));
    option.put("yAxis", Map.of("type", "category", "data", ys, "name", yName, "splitArea", Map.of("show", true)));
    option.put("visualMap", Map.of("min", 0, "max", Math.max(max, 1), "calculable", true, "orient", "horizontal",
        "left", "center", "bottom", 0));
    option.put("series", List.of(Map.of("type", "heatmap", "data", cells, "label", Map.of("show", xs.size() <= 10))));
    return option;
  }

  /** A curve through [x %, y] points from the origin, with optional horizontal reference lines. */
  static Map<String, Object> curve(List<Object> points, String xName, String yName, String seriesName, List<Double> references) {
    Map<String, Object> option = base(false);
    option.put("xAxis", Map.of("type", "value", "min", 0, "max", 100, "name", xName, "nameLocation", "middle", "nameGap", 28));
    option.put("yAxis", Map.of("type", "value", "name", yName));
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("name", seriesName);
    s.put("type", "line");
    s.put("showSymbol", false);
    s.put("areaStyle", Map.of("opacity", 0.15));
    s.put("data", points);
    if (!references.isEmpty()) {
      List<Object> lines = new ArrayList<>();
      for (double y : references) {
        lines.add(Map.of("yAxis", y));
      }
      s.put("markLine", Map.of("symbol", "none", "silent", true, "data", lines, "lineStyle", Map.of("type", "dashed")));
    }
    option.put("series", List.of(s));
    return option;
  }

  /** A ROC curve through [fpr, tpr] points and the diagonal of a random choice. */
  static Map<String, Object> roc(List<Object> points) {
    Map<String, Object> option = base(true);
    option.put("xAxis", Map.of("type", "value", "min", 0, "max", 1, "name", "false positive rate", "nameLocation", "middle",
        "nameGap", 28));
    option.put("yAxis", Map.of("type", "value", "min", 0, "max", 1, "name", "true positive rate"));
    option.put("series", List.of(
        Map.of("name", "model", "type", "line", "data", points),
        Map.of("name", "random", "type", "line", "showSymbol", false, "lineStyle", Map.of("type", "dashed"),
            "data", List.of(List.of(0, 0), List.of(1, 1)))));
    return option;
  }

  /** A funnel of {name, value} steps in order. */
  static Map<String, Object> funnel(List<Object> steps) {
    Map<String, Object> option = new LinkedHashMap<>();
    option.put("animation", false);
    option.put("tooltip", Map.of("trigger", "item"));
    option.put("series", List.of(Map.of("type", "funnel", "sort", "none", "left", "5%", "width", "65%", "top", 10,
        "bottom", 10, "label", Map.of("show", true, "position", "right", "formatter", "{b}: {c}"), "data", steps)));
    return option;
  }

  private static Map<String, Object> base(boolean legend) {
    Map<String, Object> option = new LinkedHashMap<>();
    option.put("animation", false);
    option.put("tooltip", Map.of("trigger", "axis"));
    if (legend) {
      option.put("legend", Map.of("top", 0));
    }
    option.put("grid", Map.of("left", 60, "right", 60, "top", 40, "bottom", 50));
    return option;
  }
}
