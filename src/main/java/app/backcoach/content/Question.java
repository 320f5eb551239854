package app.backcoach.content;

import java.util.List;
import java.util.Map;

/**
 * One onboarding question with its answer options.
 *
 * @param name a short name for the question, shown when the user changes one answer in /settings
 * @param askIf asked only when an earlier answer gave one of these tags (empty: always)
 * @param skipIf not asked when an earlier answer gave one of these tags
 */
public record Question(
    String id,
    String section,
    Type type,
    String name,
    String text,
    List<String> askIf,
    List<String> skipIf,
    List<Option> options) {
  public Question {
    askIf = Lists.orEmpty(askIf);
    skipIf = Lists.orEmpty(skipIf);
    options = Lists.orEmpty(options);
  }

  /** Whether the question is asked of someone whose earlier answers gave these tags. */
  public boolean appliesTo(java.util.Set<String> tags) {
    return (askIf.isEmpty() || askIf.stream().anyMatch(tags::contains))
        && skipIf.stream().noneMatch(tags::contains);
  }

  /** How an answer is given. */
  public enum Type {
    /** Exactly one option. */
    CHOICE,
    /** Any number of options, finished with a Done button. */
    MULTI,
    /** A number, matched to the option whose range holds it. */
    NUMBER,
    /** A time zone: IANA id, city or UTC offset. */
    ZONE,
    /** The red-flag screen. */
    REDFLAGS
  }

  /**
   * One answer option: a button label, typed words that select it, and what it tells the plan
   * rules: {@code signals} weigh mistakes, {@code tags} describe the user (equipment, "desk",
   * "flared_up"); {@code confirms} names mistakes the user has said in so many words they make,
   * which lead the plan's fixes.
   */
  public record Option(
      String id,
      String label,
      List<String> match,
      List<Integer> range,
      Map<String, Integer> signals,
      List<String> tags,
      Boolean none,
      List<String> askIf,
      List<String> confirms) {
    public Option {
      confirms = Lists.orEmpty(confirms);
      match = Lists.orEmpty(match);
      range = Lists.orEmpty(range);
      signals = signals == null ? Map.of() : Map.copyOf(signals);
      tags = Lists.orEmpty(tags);
      askIf = Lists.orEmpty(askIf);
    }

    /** Whether the option is offered to someone whose earlier answers gave these tags. */
    public boolean offeredTo(java.util.Set<String> tags) {
      return askIf.isEmpty() || askIf.stream().anyMatch(tags::contains);
    }

    /** True for the "none of these" option of a multiple choice, which clears the others. */
    public boolean isNone() {
      return Boolean.TRUE.equals(none);
    }

    /**
     * True when a typed number falls in this option's range. Ranges are whole numbers and cover the
     * fractions up to the next one, so [0, 4] and [5, 8] leave no gap for "4.5 hours".
     */
    public boolean holds(double n) {
      return range.size() == 2 && n >= range.get(0) && n < range.get(1) + 1;
    }
  }

  /** The option with this id, or null. */
  public Option option(String optionId) {
    return options.stream()
        .filter(o -> o != null && optionId.equals(o.id()))
        .findFirst()
        .orElse(null);
  }
}
