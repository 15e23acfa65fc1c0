package io.storywatch.event;

import java.util.List;

/**
 * A faction's mean sentiment in a closed window moved away from its trailing baseline by more than the configured
 * threshold, the value of news.faction-alerts. The baseline pools every article of the faction's closed windows in
 * [{@code baselineFrom}, {@code windowStart}); {@code zScore} is {@code shift} over the standard error of the
 * difference of the two means. {@code evidence} holds the window's articles that pulled in the direction of the shift.
 * {@code story} is the id of the faction's story (absent on alerts written before several stories could be followed).
 */
public record FactionShiftDetected(int schemaVersion, String faction, String windowStart, String windowEnd,
                                   String windowSize, long articles, double meanScore, String baselineFrom,
                                   int baselineWindows, long baselineArticles, double baselineMean, double shift,
                                   double zScore, double zThreshold, String direction,
                                   List<EvidenceArticle> evidence, String story) {
    public static final int SCHEMA_VERSION = 1;

    /** An alert that does not name its story (written before several stories could be followed). */
    public FactionShiftDetected(int schemaVersion, String faction, String windowStart, String windowEnd,
                                String windowSize, long articles, double meanScore, String baselineFrom,
                                int baselineWindows, long baselineArticles, double baselineMean, double shift,
                                double zScore, double zThreshold, String direction, List<EvidenceArticle> evidence) {
        this(schemaVersion, faction, windowStart, windowEnd, windowSize, articles, meanScore, baselineFrom,
                baselineWindows, baselineArticles, baselineMean, shift, zScore, zThreshold, direction, evidence, null);
    }
}
