package io.storywatch.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.storywatch.event.ArticleMissedWindow;
import io.storywatch.event.StanceScored;
import io.storywatch.json.Json;
import io.storywatch.stage.aggregate.AggregateSettings;
import io.storywatch.stage.aggregate.EventWindow;
import io.storywatch.stage.aggregate.Portrayal;
import io.storywatch.stage.aggregate.Portrayals;
import io.storywatch.stage.aggregate.PublishedAtTimestampExtractor;
import io.storywatch.topic.Topics;
import io.storywatch.window.ExactScores;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Recounts the faction and entity windows from news.articles.scored and compares them with the latest record of
 * every window key on news.faction-sentiment and news.entity-sentiment (the published format of
 * docs/output-topics.md): no article may be counted twice or missed in any window.
 *
 * <p>The recount follows the documented rules: the first scored version of an article id counts; a relevant original
 * counts in the window of its event time ({@code publishedAt}, no later than its record timestamp) of every size, with
 * the portrayals {@link Portrayals} gives; a relevant copy adds one to {@code copies} of the windows its original
 * counted in; an article on news.articles.late counts nowhere. Hour windows before {@code checkHoursFrom} are left
 * out: whether an article that much older than the stream still made its hour window depends on when it arrived, which
 * the recount cannot know (its day window is compared).
 *
 * @param windows     window keys compared
 * @param differ      window keys whose published record differs from the recount (or is missing)
 * @param articles    original articles the recount counted
 * @param late        articles on news.articles.late
 * @param examples    the first few differences, one line each
 */
public record WindowRecount(int windows, int differ, int articles, int late, List<String> examples) {

    private static final int EXAMPLES_KEPT = 20;
    /** The window sizes `run` publishes with its default settings: factions in both, entities only by day. */
    private static final List<Duration> FACTION_SIZES = AggregateSettings.defaults().windowSizes();
    private static final List<Duration> ENTITY_SIZES = AggregateSettings.defaults().entityWindowSizes();

    public boolean matches() {
        return differ == 0;
    }

    public static WindowRecount of(String bootstrapServers, Instant checkHoursFrom) {
        return of(TopicRecords.read(bootstrapServers, Topics.SCORED.name()),
                TopicRecords.read(bootstrapServers, Topics.LATE.name()),
                TopicRecords.read(bootstrapServers, Topics.FACTION_SENTIMENT.name()),
                TopicRecords.read(bootstrapServers, Topics.ENTITY_SENTIMENT.name()), checkHoursFrom);
    }

    /** The counts of one window as published or recounted. */
    record Tally(long articles, long mentions, long pos, long neg, long neu, long mixed, long copies,
                 long scoreMicros) {

        static final Tally EMPTY = new Tally(0, 0, 0, 0, 0, 0, 0, 0);

        Tally add(Portrayal portrayal) {
            String label = portrayal.label() == null ? "" : portrayal.label();
            return new Tally(articles + 1, mentions + portrayal.mentions(), pos + (label.equals("pos") ? 1 : 0),
                    neg + (label.equals("neg") ? 1 : 0), neu + (label.equals("neu") ? 1 : 0),
                    mixed + (label.equals("mixed") ? 1 : 0), copies, scoreMicros + ExactScores.micros(portrayal.score()));
        }

        Tally addCopy() {
            return new Tally(articles, mentions, pos, neg, neu, mixed, copies + 1, scoreMicros);
        }

        double mean() {
            return ExactScores.mean(scoreMicros, articles);
        }

        boolean sameAs(Tally other) {
            return articles == other.articles && mentions == other.mentions && pos == other.pos && neg == other.neg
                    && neu == other.neu && mixed == other.mixed && copies == other.copies
                    && Math.abs(mean() - other.mean()) <= 1e-9;
        }

        @Override
        public String toString() {
            return String.format("articles=%d mentions=%d pos=%d neg=%d neu=%d mixed=%d copies=%d mean=%.6f",
                    articles, mentions, pos, neg, neu, mixed, copies, mean());
        }
    }

    static WindowRecount of(List<TopicRecords.Rec> scored, List<TopicRecords.Rec> lateTopic,
                            List<TopicRecords.Rec> factionTopic, List<TopicRecords.Rec> entityTopic,
                            Instant checkHoursFrom) {
        Set<String> late = new HashSet<>();
        for (TopicRecords.Rec rec : lateTopic) {
            late.add(Json.fromBytes(rec.value(), ArticleMissedWindow.class).id());
        }
        Map<String, StanceScored> first = new LinkedHashMap<>();
        Map<String, Long> timestamps = new HashMap<>();
        for (TopicRecords.Rec rec : sorted(scored)) {
            StanceScored article = Json.fromBytes(rec.value(), StanceScored.class);
            if (article != null && first.putIfAbsent(article.id(), article) == null) {
                timestamps.put(article.id(), rec.timestamp());
            }
        }
        Map<String, Tally> recount = new TreeMap<>();
        Map<String, List<String>> windowsOf = new HashMap<>();
        int originals = 0;
        for (StanceScored article : first.values()) {
            if (!Portrayals.counts(article) || late.contains(article.id())) {
                continue;
            }
            originals++;
            long eventTime = PublishedAtTimestampExtractor.eventTime(article.publishedAt(),
                    timestamps.get(article.id()));
            List<String> keys = new ArrayList<>();
            count(recount, keys, Portrayals.ofFactions(article), eventTime, "faction", FACTION_SIZES);
            count(recount, keys, Portrayals.ofEntities(article), eventTime, "entity", ENTITY_SIZES);
            windowsOf.put(article.id(), keys);
        }
        for (StanceScored copy : first.values()) {
            if (copy.relevant() && copy.duplicateOf() != null && !late.contains(copy.id())) {
                for (String key : windowsOf.getOrDefault(copy.duplicateOf(), List.of())) {
                    recount.put(key, recount.get(key).addCopy());
                }
            }
        }
        Map<String, Tally> published = new TreeMap<>();
        latest(factionTopic, "faction", published);
        latest(entityTopic, "entity", published);
        List<String> examples = new ArrayList<>();
        int compared = 0;
        int differ = 0;
        for (String key : new TreeSet<>(union(recount.keySet(), published.keySet()))) {
            if (key.endsWith("/PT1H") && startOf(key).isBefore(checkHoursFrom)) {
                continue;
            }
            compared++;
            Tally expected = recount.getOrDefault(key, Tally.EMPTY);
            Tally actual = published.getOrDefault(key, Tally.EMPTY);
            if (!expected.sameAs(actual)) {
                differ++;
                if (examples.size() < EXAMPLES_KEPT) {
                    examples.add(key + ": published " + (published.containsKey(key) ? actual : "nothing")
                            + ", recount " + expected);
                }
            }
        }
        return new WindowRecount(compared, differ, originals, late.size(), examples);
    }

    private static void count(Map<String, Tally> recount, List<String> keys, SortedMap<String, Portrayal> portrayals,
                              long eventTime, String kind, List<Duration> sizes) {
        for (Map.Entry<String, Portrayal> entry : portrayals.entrySet()) {
            for (Duration size : sizes) {
                String key = kind + ":" + EventWindow.containing(eventTime, size.toMillis()).key(entry.getKey());
                recount.put(key, recount.getOrDefault(key, Tally.EMPTY).add(entry.getValue()));
                keys.add(key);
            }
        }
    }

    /** The latest record of every key, as counts (a tombstone removes the key). */
    private static void latest(List<TopicRecords.Rec> topic, String kind, Map<String, Tally> into) {
        for (TopicRecords.Rec rec : sorted(topic)) {
            String key = kind + ":" + rec.key();
            if (rec.value() == null) {
                into.remove(key);
                continue;
            }
            JsonNode window = Json.tree(rec.valueText());
            long articles = window.path("articles").asLong();
            into.put(key, new Tally(articles, window.path("mentions").asLong(), window.path("pos").asLong(),
                    window.path("neg").asLong(), window.path("neu").asLong(), window.path("mixed").asLong(),
                    window.path("copies").asLong(),
                    Math.round(window.path("meanScore").asDouble() * articles * 1e6)));
        }
    }

    private static List<TopicRecords.Rec> sorted(List<TopicRecords.Rec> records) {
        List<TopicRecords.Rec> copy = new ArrayList<>(records);
        copy.sort((a, b) -> a.partition() != b.partition() ? Integer.compare(a.partition(), b.partition())
                : Long.compare(a.offset(), b.offset()));
        return copy;
    }

    /** The start of a window key {@code KIND:TARGET@START/SIZE}. */
    private static Instant startOf(String key) {
        return Instant.parse(key.substring(key.lastIndexOf('@') + 1, key.lastIndexOf('/')));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
