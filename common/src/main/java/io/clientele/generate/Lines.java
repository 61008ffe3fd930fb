package io.clientele.generate;

/** Writes records as CSV (RFC 4180 quoting) and JSON lines (escaped, UTF-8 text kept as is). */
final class Lines {
  private Lines() {}

  /** Appends the first {@code count} fields as one CSV line; null is an empty field. */
  static void csv(StringBuilder sb, String[] fields, int count) {
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        sb.append(',');
      }
      String v = fields[i];
      if (v != null) {
        csvField(sb, v);
      }
    }
  }

  static void csvField(StringBuilder sb, String v) {
    boolean quote = false;
    for (int i = 0; i < v.length() && !quote; i++) {
      char ch = v.charAt(i);
      quote = ch == ',' || ch == '"' || ch == '\n' || ch == '\r';
    }
    if (!quote) {
      sb.append(v);
      return;
    }
    sb.append('"');
    for (int i = 0; i < v.length(); i++) {
      char ch = v.charAt(i);
      if (ch == '"') {
        sb.append('"');
      }
      sb.append(ch);
    }
    sb.append('"');
  }

  /**
   * Appends one JSON object with the given keys in order; numeric keys are written bare, every other value as
   * a string, null as null.
   */
  static void json(StringBuilder sb, String[] quotedKeys, boolean[] numeric, String[] values) {
    sb.append('{');
    for (int i = 0; i < quotedKeys.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(quotedKeys[i]);
      String v = values[i];
      if (v == null) {
        sb.append("null");
      } else if (numeric[i]) {
        sb.append(v);
      } else {
        jsonString(sb, v);
      }
    }
    sb.append('}');
  }

  static void jsonString(StringBuilder sb, String v) {
    sb.append('"');
    for (int i = 0; i < v.length(); i++) {
      char ch = v.charAt(i);
      switch (ch) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        default:
          if (ch < 0x20) {
            sb.append(String.format("\\u%04x", (int) ch));
          } else {
            sb.append(ch);
          }
      }
    }
    sb.append('"');
  }
}
