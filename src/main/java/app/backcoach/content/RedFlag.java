package app.backcoach.content;

import java.util.List;

/** A symptom that needs a clinician, with the everyday phrases people use for it. */
public record RedFlag(String id, String label, List<String> phrases) {}
