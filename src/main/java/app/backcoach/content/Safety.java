package app.backcoach.content;

import java.util.List;

/** The disclaimer, the referral message and the red flags that always win over coaching. */
public record Safety(String disclaimer, String referral, List<RedFlag> redFlags) {}
