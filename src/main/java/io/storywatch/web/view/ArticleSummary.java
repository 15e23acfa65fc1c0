package io.storywatch.web.view;

import io.storywatch.event.FactionScore;
import java.util.List;
import java.util.Map;

/**
 * An article as lists show it: identity, time, relevance, how it portrays each faction, and how many analysts'
 * corrections are in force in it.
 */
public record ArticleSummary(String id, String title, String source, String url, String publishedAt,
                             String eventTime, boolean relevant, double relevance, String duplicateOf,
                             Map<String, FactionScore> factions, List<String> entities, int corrections) {

    static ArticleSummary of(ObservedArticle a) {
        return new ArticleSummary(a.id(), a.title(), a.source(), a.url(), a.publishedAt(),
                a.eventTime().toString(), a.relevant(), a.relevance(), a.duplicateOf(), a.factions(), a.entities(),
                a.corrections());
    }
}
