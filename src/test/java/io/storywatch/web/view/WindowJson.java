package io.storywatch.web.view;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storywatch.json.Json;

/**
 * Window values as the aggregate stage's topics carry them, written as JSON so that tests state exactly which
 * schema's fields a record has, whatever the event records' Java constructors default to.
 */
public final class WindowJson {

    private WindowJson() {
    }

    /** A schema-1 value of news.faction-sentiment: counts and mean only. */
    public static ObjectNode faction(String faction, String start, String end, long articles, long mentions,
                                     double mean, long pos, long neg, long neu) {
        return window("faction", faction, start, end, articles, mentions, mean, pos, neg, neu);
    }

    /** A schema-1 value of news.entity-sentiment. */
    public static ObjectNode entity(String entity, String start, String end, long articles, long mentions,
                                    double mean, long pos, long neg, long neu) {
        return window("entity", entity, start, end, articles, mentions, mean, pos, neg, neu);
    }

    private static ObjectNode window(String field, String target, String start, String end, long articles,
                                     long mentions, double mean, long pos, long neg, long neu) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("schemaVersion", 1).put(field, target).put("windowStart", start).put("windowEnd", end)
                .put("articles", articles).put("mentions", mentions).put("meanScore", mean)
                .put("pos", pos).put("neg", neg).put("neu", neu);
        return node;
    }
}
