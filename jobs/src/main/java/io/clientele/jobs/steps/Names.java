package io.clientele.jobs.steps;

import io.clientele.config.UsageException;
import java.util.regex.Pattern;

/**
 * The ids and names a command takes that reach a table's rows, a table's name or a folder, checked before anything
 * runs (an {@link IllegalArgumentException}, exit 2). Values still reach Spark only as literals of Column
 * expressions; the check keeps what is stored, printed and logged plain, and names safe as identifiers and folders.
 */
public final class Names {
  /** Campaign and customer ids: letters, digits, '.', '_', ':', '@' or '-', a letter or digit first, at most 128. */
  static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}");
  static final String ID_RULE = "an id is 1 to 128 letters, digits, '.', '_', ':', '@' or '-', starting with a letter or digit";

  /** Model names, a folder of the model registry: lower-case letters, digits, '_' or '-', at most 64. */
  static final Pattern MODEL = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
  static final String MODEL_RULE = "a model name is 1 to 64 lower-case letters, digits, '_' or '-', starting with a letter or digit";

  /** Table names of the Clientele database: lower-case letters, digits or '_', a letter first, at most 128. */
  static final Pattern TABLE = Pattern.compile("[a-z][a-z0-9_]{0,127}");
  static final String TABLE_RULE = "a table name is 1 to 128 lower-case letters, digits or '_', starting with a letter";

  private Names() {}

  /** The id, or an error naming the option and the rule. */
  public static String id(String option, String value) {
    return checked(ID, ID_RULE, option, value);
  }

  public static String model(String option, String value) {
    return checked(MODEL, MODEL_RULE, option, value);
  }

  public static String table(String option, String value) {
    return checked(TABLE, TABLE_RULE, option, value);
  }

  private static String checked(Pattern pattern, String rule, String option, String value) {
    if (value == null || !pattern.matcher(value).matches()) {
      throw new UsageException("Cannot use " + option + " '" + value + "': " + rule);
    }
    return value;
  }
}
