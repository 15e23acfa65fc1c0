package io.storywatch.report;

import io.storywatch.event.EntitySentimentWindow;
import io.storywatch.event.FactionSentimentWindow;
import io.storywatch.event.FactionShiftDetected;
import io.storywatch.event.StanceScored;
import io.storywatch.event.StoryCoverage;
import io.storywatch.story.StoryDefinition;
import java.time.LocalDate;
import java.util.List;

/**
 * What a report covers, as the output topics hold it: the latest record of every day window from {@code from} to
 * {@code to} (inclusive), the alerts of those days, and the scored articles of those days (for links, corrections and
 * versions).
 *
 * @param story the story the report is about (its title and camp names), null when no definition is known
 */
public record ReportInput(StoryDefinition story, LocalDate from, LocalDate to, List<FactionSentimentWindow> factions,
                          List<EntitySentimentWindow> entities, List<StoryCoverage> coverage,
                          List<FactionShiftDetected> alerts, List<StanceScored> articles) {

    public ReportInput {
        factions = List.copyOf(factions);
        entities = List.copyOf(entities);
        coverage = List.copyOf(coverage);
        alerts = List.copyOf(alerts);
        articles = List.copyOf(articles);
    }

    /** Whether a window or event starting at {@code isoStart} lies on a day of the report. */
    boolean covers(String isoStart) {
        if (isoStart == null || isoStart.length() < 10) {
            return false;
        }
        LocalDate day = LocalDate.parse(isoStart.substring(0, 10));
        return !day.isBefore(from) && !day.isAfter(to);
    }
}
