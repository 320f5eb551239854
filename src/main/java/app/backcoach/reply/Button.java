package app.backcoach.reply;

/** An inline button: what it says and the data it sends back (at most 64 bytes). */
public record Button(String label, String data) {}
