package io.clientele.config;

/** A configuration key or value that cannot be used; its message names the key. Jobs exit 2 on it. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
