package app.backcoach.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.backcoach.delivery.Transport;
import app.backcoach.reply.Delivery;
import app.backcoach.reply.Reply;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;

/** A message sent with paid broadcast carries {@code allow_paid_broadcast}; others do not. */
class PaidBroadcastRequestTest {
  @Test
  void onlyAPaidSendAsksForPaidBroadcast() {
    try (FakeBotApi api = FakeBotApi.start()) {
      Transport transport =
          new TelegramTransport(
              new OkHttpTelegramClient(
                  FakeBotApi.TOKEN, new TelegramUrl("http", "127.0.0.1", api.port(), false)));
      assertEquals(
          new Transport.Result.Sent(),
          transport.deliver(7, Delivery.send(Reply.text("posture break")), true));
      assertEquals(
          new Transport.Result.Sent(),
          transport.deliver(7, Delivery.send(Reply.text("a reply")), false));
      var calls = api.calls("sendMessage");
      assertEquals(2, calls.size());
      assertTrue(calls.get(0).params().path("allow_paid_broadcast").asBoolean(false));
      assertFalse(
          calls.get(1).params().has("allow_paid_broadcast"), calls.get(1).params().toString());
      assertEquals(1, api.paidMessages());
    }
  }
}
