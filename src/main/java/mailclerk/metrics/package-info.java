/**
 * The service's counters and gauges (Micrometer, exposed by the console as Prometheus text on /metrics). A
 * bottom-layer package like {@code queue} and {@code config}: {@code mail}, {@code respond} and {@code web} all
 * record into it, and it imports none of them.
 */
package mailclerk.metrics;
