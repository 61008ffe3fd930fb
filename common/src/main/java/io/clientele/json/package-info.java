/**
 * The one JSON writer (Json): model runs, profiles, the report's chart options.
 *
 * <p>May use: nothing of Clientele.
 */
package io.clientele.json;
