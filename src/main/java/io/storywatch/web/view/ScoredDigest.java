package io.storywatch.web.view;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.storywatch.event.CorrectionMade;
import io.storywatch.event.EntityMentions;
import io.storywatch.event.EntityScore;
import io.storywatch.event.FactionScore;
import io.storywatch.event.StanceScored;
import io.storywatch.json.Json;
import java.util.List;
import java.util.Map;

/**
 * The part of a news.articles.scored value the view's lists, filters and series use, read straight from the record's
 * bytes: the text, sentences, mentions and unlinked names are skipped by the parser, never built.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScoredDigest(String id, String title, String publishedAt, String source, String url,
                           String duplicateOf, double relevance, boolean relevant, List<EntityIdentity> entities,
                           Map<String, EntityScore> entityScores, Map<String, FactionScore> factions,
                           List<CorrectionMade> corrections) {

    /** An entity of the article without its mentions: what it is and which factions it belongs to. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record EntityIdentity(String id, String type, List<String> factions) {
    }

    public static ScoredDigest fromJson(byte[] value) {
        return Json.fromBytes(value, ScoredDigest.class);
    }

    public static ScoredDigest of(StanceScored analysis) {
        List<EntityIdentity> entities = analysis.entities() == null ? null : analysis.entities().stream()
                .map((EntityMentions e) -> new EntityIdentity(e.id(), e.type(), e.factions())).toList();
        return new ScoredDigest(analysis.id(), analysis.title(), analysis.publishedAt(), analysis.source(),
                analysis.url(), analysis.duplicateOf(), analysis.relevance(), analysis.relevant(), entities,
                analysis.entityScores(), analysis.factions(), analysis.corrections());
    }
}
