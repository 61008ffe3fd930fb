/**
 * Configuration: every key with its type, default and rule (ConfigKeys, ConfigOption), the layered and validated
 * configuration object (ClienteleConfig), configuration files (ConfFiles), the safe Spark SQL expressions of mappings
 * and tag rules (SafeExpression), and the two exceptions a command exits 2 on (ConfigException, UsageException).
 *
 * <p>May use: nothing of Clientele.
 */
package io.clientele.config;
