package io.clientele.config;

/**
 * A request Clientele refuses with a message the user can act on: an argument, a file, a mapping, a catalog or the
 * state of the warehouse that does not allow the command ("run value first"). The command line exits 2 ("usage
 * error") on it and on {@link ConfigException}, and only on these: an {@link IllegalArgumentException} from Spark,
 * the JDK or another library is a failure (exit 1) with its causes, not the user's mistake.
 *
 * <p>It is an {@code IllegalArgumentException}, so code that validates and callers that catch that type keep
 * working.
 */
public class UsageException extends IllegalArgumentException {
  public UsageException(String message) {
    super(message);
  }

  public UsageException(String message, Throwable cause) {
    super(message, cause);
  }
}
