package app.backcoach.safety;

/** Screens a typed message for red flags. */
@FunctionalInterface
public interface Screener {
  Screening screen(String text);
}
