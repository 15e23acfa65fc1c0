package io.storywatch.web.view;

import io.storywatch.event.StanceScored;
import io.storywatch.stage.aggregate.AggregateSettings;
import io.storywatch.stage.aggregate.AggregateStage;
import io.storywatch.topic.Topics;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Scored articles given to a view as the pipeline gives them: each article's record, and the window and coverage
 * records the real aggregate topology (in a topology test driver) publishes for them, so that tests of the dashboard
 * check the numbers the aggregate stage writes.
 */
public final class AggregatedStory implements AutoCloseable {

    /** Later than every publishedAt of the test stories. */
    public static final Instant FED_AT = Instant.parse("2023-11-22T00:00:00Z");

    private final StoryView view;
    private final Path stateDir;
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, StanceScored> scored;
    private final AggregateSettings settings;
    /** Every window and coverage record published so far, to give other views too. */
    private final List<Published> published = new ArrayList<>();

    /** A record the aggregate published: its topic, key and value. */
    public record Published(String topic, String key, byte[] value) {
    }

    /** Every window and coverage record published so far, in order. */
    public List<Published> published() {
        return List.copyOf(published);
    }

    public AggregatedStory(StoryView view) {
        this(view, AggregateSettings.defaults());
    }

    public AggregatedStory(StoryView view, AggregateSettings settings) {
        this.view = view;
        this.settings = settings;
        try {
            this.stateDir = Files.createTempDirectory("storywatch-aggregated-story-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "aggregated-story");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(new AggregateStage(settings).buildTopology(), props);
        scored = driver.createInputTopic(Topics.SCORED.name(), Topics.SCORED.keySerde().serializer(),
                Topics.SCORED.valueSerde().serializer());
    }

    /** The article's record reaches the view and the aggregate, fed at {@link #FED_AT}. */
    public AggregatedStory add(StanceScored article) {
        return add(article, FED_AT);
    }

    public AggregatedStory add(StanceScored article, Instant fedAt) {
        view.applyScored(article, fedAt.toEpochMilli());
        scored.pipeInput(new TestRecord<>(article.id(), article, fedAt));
        return this;
    }

    /** A (past) publish interval passes: every window the aggregate changed is written and reaches the view. */
    public AggregatedStory publish() {
        driver.advanceWallClockTime(settings.pastPublishInterval());
        drain(Topics.FACTION_SENTIMENT.name(), view::applyFactionWindow);
        drain(Topics.ENTITY_SENTIMENT.name(), view::applyEntityWindow);
        drain(Topics.STORY_COVERAGE.name(), view::applyCoverage);
        return this;
    }

    private void drain(String topic, BiConsumer<String, byte[]> apply) {
        driver.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer())
                .readRecordsToList().forEach(record -> {
                    apply.accept(record.key(), record.value());
                    published.add(new Published(topic, record.key(), record.value()));
                });
    }

    /** Gives another view every window and coverage record published so far, in order. */
    public void publishedTo(StoryView other) {
        for (Published record : published) {
            if (record.topic().equals(Topics.FACTION_SENTIMENT.name())) {
                other.applyFactionWindow(record.key(), record.value());
            } else if (record.topic().equals(Topics.ENTITY_SENTIMENT.name())) {
                other.applyEntityWindow(record.key(), record.value());
            } else {
                other.applyCoverage(record.key(), record.value());
            }
        }
    }

    @Override
    public void close() {
        driver.close();
        try (Stream<Path> files = Files.walk(stateDir)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
