/**
 * The seeded synthetic retailer: customers living through a year (Simulation, CustomerLife) and the raw lines of the
 * five feeds in their native layouts, with a share of dirty records (Dirt), written by Spark in parallel.
 *
 * <p>May use: config, ingest.
 */
package io.clientele.generate;
