package io.storywatch.web.view;

import java.util.List;

/** How one story entity was portrayed over a time range, for the top-entities table. */
public record EntityStanding(String entity, String type, List<String> factions, long articles, long mentions,
                             double meanScore, long pos, long neg, long neu, Interval ci95, boolean lowSample) {
}
