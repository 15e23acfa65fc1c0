package io.storywatch.report;

import io.storywatch.event.EntitySentimentWindow;
import io.storywatch.event.FactionSentimentWindow;
import io.storywatch.event.FactionShiftDetected;
import io.storywatch.event.StanceScored;
import io.storywatch.event.StoryCoverage;
import io.storywatch.json.Json;
import io.storywatch.story.StoryDefinition;
import io.storywatch.story.StoryTopic;
import io.storywatch.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads what a report needs from the output topics: every committed record, the latest per key. */
public final class ReportReader {

    private static final String DAY = "P1D";
    private static final Duration READ_LIMIT = Duration.ofMinutes(5);

    private final String bootstrapServers;

    public ReportReader(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * The report's input for the days {@code from}..{@code to}; {@code storyId} names the story (its definition on
     * news.stories, and only its articles), null for the only or bundled one.
     */
    public ReportInput read(LocalDate from, LocalDate to, String storyId, StoryDefinition fallback) {
        Map<String, StoryDefinition> stories = new StoryTopic(bootstrapServers).current();
        StoryDefinition story = storyId != null ? stories.get(storyId)
                : stories.size() == 1 ? stories.values().iterator().next() : fallback;
        if (story == null) {
            throw new IllegalArgumentException("no story " + storyId + " on " + Topics.STORIES.name()
                    + " (known: " + String.join(", ", stories.keySet()) + ")");
        }
        ReportInput range = new ReportInput(story, from, to, List.of(), List.of(), List.of(), List.of(), List.of());
        List<FactionSentimentWindow> factions = new ArrayList<>(latest(Topics.FACTION_SENTIMENT.name(),
                FactionSentimentWindow.class).values());
        // with several stories followed, each window names its story; one written without names the only one
        factions.removeIf(w -> !DAY.equals(w.windowSize()) || !range.covers(w.windowStart())
                || !ofStory(w.story(), story));
        List<EntitySentimentWindow> entities = new ArrayList<>(latest(Topics.ENTITY_SENTIMENT.name(),
                EntitySentimentWindow.class).values());
        entities.removeIf(w -> !DAY.equals(w.windowSize()) || !range.covers(w.windowStart())
                || !ofStory(w.story(), story));
        List<StoryCoverage> coverage = new ArrayList<>(latest(Topics.STORY_COVERAGE.name(), StoryCoverage.class)
                .values());
        coverage.removeIf(c -> !DAY.equals(c.windowSize()) || !range.covers(c.windowStart())
                || !ofStory(c.story(), story));
        List<FactionShiftDetected> alerts = new ArrayList<>(latest(Topics.FACTION_ALERTS.name(),
                FactionShiftDetected.class).values());
        alerts.removeIf(a -> !range.covers(a.windowStart()) || !ofStory(a.story(), story));
        String label = story.id() + "@";
        List<StanceScored> articles = new ArrayList<>(latest(Topics.SCORED.name(), StanceScored.class).values());
        articles.removeIf(a -> !range.covers(eventDay(a))
                || a.versions() != null && a.versions().get("story") != null
                && !a.versions().get("story").startsWith(label));
        factions.sort(Comparator.comparing(FactionSentimentWindow::faction)
                .thenComparing(FactionSentimentWindow::windowStart));
        entities.sort(Comparator.comparing(EntitySentimentWindow::entity)
                .thenComparing(EntitySentimentWindow::windowStart));
        coverage.sort(Comparator.comparing(StoryCoverage::windowStart));
        alerts.sort(Comparator.comparing(FactionShiftDetected::windowStart)
                .thenComparing(FactionShiftDetected::faction));
        articles.sort(Comparator.comparing(StanceScored::id));
        return new ReportInput(story, from, to, factions, entities, coverage, alerts, articles);
    }

    private static boolean ofStory(String recordStory, StoryDefinition story) {
        return recordStory == null || recordStory.equals(story.id());
    }

    /** The article's day: its publishedAt's date (UTC) when it has one the stages read, else none. */
    static String eventDay(StanceScored article) {
        String published = article.publishedAt();
        if (published == null || published.isBlank()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(published.strip()).atZoneSameInstant(ZoneOffset.UTC).toString();
        } catch (java.time.format.DateTimeParseException notOffset) {
            try {
                return Instant.parse(published.strip()).toString();
            } catch (java.time.format.DateTimeParseException notInstant) {
                return published.length() >= 10 ? published.substring(0, 10) : null;
            }
        }
    }

    private <V> Map<String, V> latest(String topic, Class<V> type) {
        Map<String, V> latest = new LinkedHashMap<>();
        readAll(topic, record -> {
            if (record.key() != null && record.value() != null) {
                latest.put(record.key(), Json.fromBytes(record.value(), type));
            }
        });
        return latest;
    }

    private void readAll(String topic, Consumer<ConsumerRecord<String, byte[]>> each) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "storywatch-report");
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + READ_LIMIT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within " + READ_LIMIT);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(each);
            }
        }
    }
}
