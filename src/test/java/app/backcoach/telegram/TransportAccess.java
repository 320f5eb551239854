package app.backcoach.telegram;

import app.backcoach.delivery.Transport;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/** Lets benchmark programs use the package-private Telegram transport. */
public final class TransportAccess {
  private TransportAccess() {}

  public static Transport transport(TelegramClient client) {
    return new TelegramTransport(client);
  }
}
