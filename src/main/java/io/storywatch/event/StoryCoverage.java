package io.storywatch.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * How much the story was covered in one event-time window, the value of news.story-coverage: relevant original
 * articles, their syndicated copies, the distinct sources that carried either, the most covered entities, and each
 * faction's share of voice (its share of all faction mentions in the window). {@code final} and {@code closesAt} mean
 * what they mean in {@link FactionSentimentWindow}, and so does {@code story}.
 */
public record StoryCoverage(int schemaVersion, String windowStart, String windowEnd, String windowSize,
                            long articles, long copies, long reach, long distinctSources, List<String> sources,
                            List<EntityCoverage> topEntities, Map<String, FactionVoice> factions,
                            @JsonProperty("final") boolean isFinal, String closesAt, String story) {
    public static final int SCHEMA_VERSION = 1;

    /** A window that does not name its story (written before several stories could be followed). */
    public StoryCoverage(int schemaVersion, String windowStart, String windowEnd, String windowSize, long articles,
                         long copies, long reach, long distinctSources, List<String> sources,
                         List<EntityCoverage> topEntities, Map<String, FactionVoice> factions, boolean isFinal,
                         String closesAt) {
        this(schemaVersion, windowStart, windowEnd, windowSize, articles, copies, reach, distinctSources, sources,
                topEntities, factions, isFinal, closesAt, null);
    }

    /** One entity's coverage in a window: original articles that mention it and their mentions. */
    public record EntityCoverage(String entity, long articles, long mentions) {
    }

    /** One faction's voice in a window; {@code shareOfVoice} is its mentions over all faction mentions. */
    public record FactionVoice(long articles, long mentions, double shareOfVoice) {
    }
}
