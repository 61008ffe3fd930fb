package io.clientele.json;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The project's one JSON writer: the report's chart options, the parameters, metrics and evaluations of
 * model_runs, the data versions a model read, and {@code profile --format json}. It writes maps (in their
 * iteration order: {@link #object} keeps the order given), lists, arrays of doubles, strings, numbers, booleans
 * and null; a double is written with at most six decimals (six significant digits below 0.001), and NaN or an
 * infinity as null. Strings are escaped,
 * whatever they hold (a label or a feature name from a user's file cannot break the document), and the output is
 * safe inside an HTML script element: "&lt;/" never appears in it.
 */
public final class Json {
  private Json() {}

  /** An object with the keys in the order given: {@code object("k", 1, "v", "x")}; keys are strings. */
  public static Map<String, Object> object(Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalStateException("Json.object takes keys and values in pairs: " + keysAndValues.length + " given");
    }
    Map<String, Object> object = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      object.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return object;
  }

  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  private static void write(Object value, StringBuilder out) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String) {
      string((String) value, out);
    } else if (value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      out.append(Double.isFinite(d) ? number(d) : "null");
    } else if (value instanceof java.math.BigDecimal) {
      out.append(((java.math.BigDecimal) value).toPlainString());
    } else if (value instanceof Number) {
      out.append(((Number) value).longValue());
    } else if (value instanceof Map) {
      out.append('{');
      Iterator<? extends Map.Entry<?, ?>> entries = ((Map<?, ?>) value).entrySet().iterator();
      while (entries.hasNext()) {
        Map.Entry<?, ?> entry = entries.next();
        string(String.valueOf(entry.getKey()), out);
        out.append(':');
        write(entry.getValue(), out);
        if (entries.hasNext()) {
          out.append(',');
        }
      }
      out.append('}');
    } else if (value instanceof List) {
      out.append('[');
      List<?> list = (List<?>) value;
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(list.get(i), out);
      }
      out.append(']');
    } else if (value instanceof double[]) {
      double[] array = (double[]) value;
      out.append('[');
      for (int i = 0; i < array.length; i++) {
        if (i > 0) {
          out.append(',');
        }
        write(array[i], out);
      }
      out.append(']');
    } else {
      string(value.toString(), out);
    }
  }

  /**
   * Six decimals, trailing zeros dropped, for any number of at least 0.001 in size (amounts and rates keep every
   * digit a reader needs); six significant digits below that, so that a small regularisation such as 1e-8 is not
   * written as 0 (JSON allows the exponent form, 1E-8).
   */
  private static String number(double d) {
    if (d == 0 || Math.abs(d) >= 1e-3) {
      return trim(String.format(Locale.ROOT, "%.6f", d));
    }
    return new java.math.BigDecimal(d).round(new java.math.MathContext(6)).stripTrailingZeros().toString();
  }

  private static String trim(String number) {
    if (!number.contains(".")) {
      return number;
    }
    String trimmed = number.replaceAll("0+$", "");
    return trimmed.endsWith(".") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
  }

  private static void string(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        case '<':
          // Never "</script>" inside the page's script element.
          out.append("\\u003c");
          break;
        default:
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }
}
