/**
 * Getting decided replies to users: {@link app.backcoach.delivery.OutboxSender} drains the outbox
 * through a {@link app.backcoach.delivery.Transport} within rate limits, retrying what can succeed
 * and dropping what cannot.
 */
package app.backcoach.delivery;
