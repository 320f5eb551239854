/**
 * Operations: the health and metrics endpoint; the core class is {@link
 * app.backcoach.ops.OpsServer}.
 */
package app.backcoach.ops;
