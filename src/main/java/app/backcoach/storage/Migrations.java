package app.backcoach.storage;

import java.util.List;

/** The migration files in order; a jar cannot list its own folders, so they are named here. */
final class Migrations {
  private Migrations() {}

  static final List<String> NAMES =
      List.of(
          "V1__init.sql",
          "V2__reminders.sql",
          "V3__health.sql",
          "V4__outbox_pending_chat.sql",
          "V5__plan_sections.sql",
          "V6__plan_texts.sql",
          "V7__outbox_templates.sql",
          "V8__red_flag_concepts.sql",
          "V9__quarantine.sql",
          "V10__send_order_and_paid_broadcast.sql",
          "V11__catch_ups_first_in_their_chat.sql");
}
