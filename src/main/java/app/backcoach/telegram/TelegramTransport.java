package app.backcoach.telegram;

import app.backcoach.delivery.Transport;
import app.backcoach.reply.Button;
import app.backcoach.reply.Delivery;
import app.backcoach.reply.Reply;
import java.util.List;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.ParseMode;
import org.telegram.telegrambots.meta.api.methods.send.SendDocument;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.send.SendPhoto;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.ReplyKeyboard;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.ReplyKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.ReplyKeyboardRemove;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.KeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.KeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiValidationException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Delivers outbox items with the Bot API, in HTML parse mode, and sorts Telegram's answers into
 * sender results.
 */
final class TelegramTransport implements Transport {
  /** Telegram's limit on an answerCallbackQuery notice. */
  static final int MAX_NOTICE = 200;

  private final TelegramClient client;

  TelegramTransport(TelegramClient client) {
    this.client = client;
  }

  @Override
  public Result deliver(long chatId, Delivery d) {
    return deliver(chatId, d, false);
  }

  @Override
  public Result deliver(long chatId, Delivery d, boolean paidBroadcast) {
    try {
      switch (d.kind()) {
        case SEND -> client.execute(send(chatId, d.reply(), d.silent(), paidBroadcast));
        case EDIT ->
            client.execute(
                EditMessageText.builder()
                    .chatId(chatId)
                    .messageId(d.messageId())
                    .text(Html.render(d.reply()))
                    .parseMode(ParseMode.HTML)
                    .replyMarkup(inline(d.reply().buttons()))
                    .build());
        case MARK ->
            client.execute(
                EditMessageText.builder()
                    .chatId(chatId)
                    .messageId(d.messageId())
                    .text(
                        Html.render(Reply.text(d.text()))
                            + "\n\n<i>"
                            + Html.escape(d.chosen())
                            + "</i>")
                    .parseMode(ParseMode.HTML)
                    .build());
        case PHOTO ->
            client.execute(
                SendPhoto.builder()
                    .chatId(chatId)
                    .photo(
                        new InputFile(new java.io.ByteArrayInputStream(d.image()), "progress.png"))
                    .caption(Html.escape(d.reply().text()))
                    .parseMode(ParseMode.HTML)
                    .build());
        case DOCUMENT ->
            client.execute(
                SendDocument.builder()
                    .chatId(chatId)
                    .document(
                        new InputFile(
                            new java.io.ByteArrayInputStream(d.image()), "backcoach-data.json"))
                    .caption(Html.escape(d.reply().text()))
                    .parseMode(ParseMode.HTML)
                    .build());
        case NOTICE -> {
          if (d.callbackId() == null) {
            return new Result.Sent();
          }
          String notice = d.text() == null ? null : truncate(d.text(), MAX_NOTICE);
          client.execute(
              AnswerCallbackQuery.builder().callbackQueryId(d.callbackId()).text(notice).build());
        }
      }
      return new Result.Sent();
    } catch (TelegramApiValidationException e) {
      return new Result.Rejected(d.kind() + " failed validation: " + e.getMessage());
    } catch (TelegramApiRequestException e) {
      return classify(d, e);
    } catch (TelegramApiException e) {
      return new Result.Transient("network: " + e.getMessage());
    }
  }

  static Result classify(Delivery d, TelegramApiRequestException e) {
    int code = e.getErrorCode() == null ? 0 : e.getErrorCode();
    String what = e.getApiResponse() == null ? String.valueOf(e.getMessage()) : e.getApiResponse();
    if (code == 429) {
      Integer after = e.getParameters() == null ? null : e.getParameters().getRetryAfter();
      return new Result.RetryAfter(after == null || after < 1 ? 5 : after);
    }
    if (code == 403) {
      return new Result.Blocked(what);
    }
    if (code == 400) {
      String lower = what.toLowerCase(java.util.Locale.ROOT);
      if (lower.contains("message is not modified") || lower.contains("query is too old")) {
        return new Result.Sent(); // nothing left to do
      }
      return new Result.Rejected(d.kind() + ": " + what);
    }
    return new Result.Transient(code + " " + what);
  }

  private static SendMessage send(long chatId, Reply r, boolean silent, boolean paidBroadcast) {
    ReplyKeyboard markup =
        r.requestLocation()
            ? locationKeyboard(r.buttons())
            : r.removeKeyboard() ? new ReplyKeyboardRemove(true) : inline(r.buttons());
    return SendMessage.builder()
        .chatId(chatId)
        .text(Html.render(r))
        .parseMode(ParseMode.HTML)
        .replyMarkup(markup)
        .disableNotification(silent ? Boolean.TRUE : null)
        .allowPaidBroadcast(paidBroadcast ? Boolean.TRUE : null)
        .build();
  }

  static InlineKeyboardMarkup inline(List<List<Button>> rows) {
    if (rows.isEmpty()) {
      return null;
    }
    List<InlineKeyboardRow> keyboard =
        rows.stream()
            .map(
                row ->
                    new InlineKeyboardRow(
                        row.stream()
                            .map(
                                b ->
                                    InlineKeyboardButton.builder()
                                        .text(b.label())
                                        .callbackData(b.data())
                                        .build())
                            .toList()))
            .toList();
    return new InlineKeyboardMarkup(keyboard);
  }

  private static ReplyKeyboardMarkup locationKeyboard(List<List<Button>> rows) {
    String label =
        rows.isEmpty() || rows.get(0).isEmpty() ? "\uD83D\uDCCD" : rows.get(0).get(0).label();
    KeyboardRow row =
        new KeyboardRow(KeyboardButton.builder().text(label).requestLocation(true).build());
    ReplyKeyboardMarkup markup = new ReplyKeyboardMarkup(List.of(row));
    markup.setOneTimeKeyboard(true);
    markup.setResizeKeyboard(true);
    return markup;
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
  }
}
