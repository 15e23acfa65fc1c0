package io.storywatch.bench;

import io.storywatch.bench.BenchCorpus.BenchArticle;
import io.storywatch.event.StanceScored;
import io.storywatch.runtime.ArticleFeeder;
import io.storywatch.stage.aggregate.AggregateSettings;
import io.storywatch.stage.aggregate.EventWindow;
import io.storywatch.stage.aggregate.Portrayals;
import io.storywatch.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Feeds benchmark articles to news.articles.raw the way {@code feed} does and watches the pipeline's outputs
 * (news.articles.scored and both sentiment topics, read committed) from the same clock, so that every figure is the
 * time between a send and the moment its result became visible to a reader.
 *
 * <p>An article's faction update is recognised by its window: each latency article is published on a day of its
 * own, so the first news.faction-sentiment record whose key is {@code FACTION@THAT_DAY/P1D} is that article's update.
 *
 * <p>The aggregate writes a changed window once per publish interval, however many articles changed it, so the
 * number of updates says nothing about which articles they contain. What does: every window record carries its
 * {@code reach} (original articles plus copies), so the sum of {@code reach} over the latest record of every faction
 * and entity window grows by exactly one per window an article counts in. A counted original (relevant, not a copy)
 * adds one per faction and entity it portrays and per window size; a relevant copy adds as much as its original when
 * that original was counted. The outputs are complete when that sum reaches what the scored articles add up to, and
 * the time of the last contribution is the time the sum last grew.
 */
public final class PipelineProbe implements AutoCloseable {

    private static final Duration IDLE_LIMIT = Duration.ofMinutes(2);
    /** The pipeline under test publishes the default window sizes (bench changes only the grace). */
    private static final int WINDOW_SIZES = AggregateSettings.defaults().windowSizes().size();
    private static final int ENTITY_WINDOW_SIZES = AggregateSettings.defaults().entityWindowSizes().size();

    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread reader;
    private final Deserializer<StanceScored> scoredDeserializer = Topics.SCORED.valueSerde().deserializer();
    private final Map<String, Long> scoredAt = new ConcurrentHashMap<>();
    private final Map<String, Long> factionWindowFirstAt = new ConcurrentHashMap<>();
    private final AtomicLong scored = new AtomicLong();
    private final AtomicLong duplicatesMarked = new AtomicLong();
    private final AtomicLong irrelevant = new AtomicLong();
    private final AtomicLong expectedReach = new AtomicLong();
    private final AtomicLong reach = new AtomicLong();
    private final Map<String, Long> latestReach = new java.util.HashMap<>();
    /** Windows portrayed per counted original, so that a copy adds as much; copies waiting for their original. */
    private final Map<String, Long> windowsOfOriginal = new java.util.HashMap<>();
    private final Map<String, Long> copiesWaiting = new java.util.HashMap<>();
    private final AtomicLong aggregateUpdates = new AtomicLong();
    private final AtomicLong factionUpdates = new AtomicLong();
    private final AtomicLong lastAggregateAt = new AtomicLong();
    private final AtomicLong lastOutputAt = new AtomicLong(System.nanoTime());
    private final AtomicLong sendFailures = new AtomicLong();
    private final AtomicReference<Exception> readerFailure = new AtomicReference<>();
    private volatile boolean running = true;

    /** How long the outputs may stay silent before a wait gives up. */
    private final Duration idleLimit;

    public PipelineProbe(String bootstrapServers) {
        this(bootstrapServers, IDLE_LIMIT);
    }

    /** @param idleLimit how long the outputs may stay silent before a wait gives up (a failover test waits longer) */
    public PipelineProbe(String bootstrapServers, Duration idleLimit) {
        this.idleLimit = idleLimit;
        Properties producerConfig = ArticleFeeder.producerConfig(bootstrapServers);
        producerConfig.put("client.id", "storywatch-bench-feed");
        producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
        Properties consumerConfig = new Properties();
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, "storywatch-bench-reader");
        consumerConfig.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.SCORED.name(), Topics.FACTION_SENTIMENT.name(),
                Topics.ENTITY_SENTIMENT.name())) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        reader = new Thread(this::read, "bench-output-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    lastOutputAt.set(now);
                    if (record.topic().equals(Topics.SCORED.name())) {
                        onScored(record, now);
                    } else {
                        aggregateUpdates.incrementAndGet();
                        onWindow(record, now);
                        if (record.topic().equals(Topics.FACTION_SENTIMENT.name()) && record.key() != null) {
                            factionUpdates.incrementAndGet();
                            int at = record.key().indexOf('@');
                            factionWindowFirstAt.putIfAbsent(record.key().substring(at + 1), now);
                        }
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.WakeupException e) {
            // closing
        } catch (Exception e) {
            readerFailure.set(e);
        }
    }

    private void onWindow(ConsumerRecord<String, byte[]> record, long now) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        long windowReach = reachOf(record.value());
        Long previous = latestReach.put(record.topic() + " " + record.key(), windowReach);
        long grown = windowReach - (previous == null ? 0 : previous);
        if (grown != 0) {
            reach.addAndGet(grown);
            lastAggregateAt.set(now);
        }
    }

    /** The {@code reach} field of a window record, read without parsing the rest. */
    static long reachOf(byte[] json) {
        String text = new String(json, java.nio.charset.StandardCharsets.UTF_8);
        int at = text.indexOf("\"reach\":");
        if (at < 0) {
            throw new IllegalStateException("a window record without reach: " + text);
        }
        int from = at + "\"reach\":".length();
        int to = from;
        while (to < text.length() && Character.isDigit(text.charAt(to))) {
            to++;
        }
        return Long.parseLong(text.substring(from, to));
    }

    private void onScored(ConsumerRecord<String, byte[]> record, long now) {
        if (record.key() == null || scoredAt.putIfAbsent(record.key(), now) != null) {
            return;
        }
        scored.incrementAndGet();
        StanceScored article = scoredDeserializer.deserialize(record.topic(), record.value());
        if (article == null) {
            return;
        }
        if (article.duplicateOf() != null) {
            duplicatesMarked.incrementAndGet();
        } else if (!article.relevant()) {
            irrelevant.incrementAndGet();
        }
        expectedReach.addAndGet(reachAdded(article));
    }

    /**
     * The faction and entity windows an original article counts in: one per faction it portrays and window size, one
     * per entity it portrays and entity window size.
     */
    static long windowsOf(StanceScored article) {
        return (long) WINDOW_SIZES * Portrayals.ofFactions(article).size()
                + (long) ENTITY_WINDOW_SIZES * Portrayals.ofEntities(article).size();
    }

    /** How much the article adds to the sum of reach over all windows, once the aggregate has counted it. */
    private long reachAdded(StanceScored article) {
        if (!article.relevant()) {
            return 0; // the aggregate skips it, copy or not
        }
        if (article.duplicateOf() != null) {
            Long windows = windowsOfOriginal.get(article.duplicateOf());
            if (windows == null) {
                copiesWaiting.merge(article.duplicateOf(), 1L, Long::sum); // counted when its original comes
                return 0;
            }
            return windows;
        }
        long windows = windowsOf(article);
        windowsOfOriginal.put(article.id(), windows);
        return windows * (1 + Optional.ofNullable(copiesWaiting.remove(article.id())).orElse(0L));
    }

    /** What the reader has seen so far, for progress lines. */
    public record Counts(long scored, long aggregateUpdates, long reach, long expectedReach, long duplicatesMarked,
                         long irrelevant) {
    }

    public Counts counts() {
        return new Counts(scored.get(), aggregateUpdates.get(), reach.get(), expectedReach.get(),
                duplicatesMarked.get(), irrelevant.get());
    }

    /** End-to-end throughput of one burst. */
    public record Throughput(int articles, long chars, long sendNanos, long lastScoredNanos, long lastUpdateNanos,
                             long scored, long aggregateUpdates, long reach, long expectedReach,
                             long duplicatesMarked, long irrelevant, boolean complete) {

        public double articlesPerSecond() {
            return articles / (lastUpdateNanos / 1e9);
        }

        public double charsPerSecond() {
            return chars / (lastUpdateNanos / 1e9);
        }
    }

    /**
     * Sends every article as fast as the producer takes them and waits until each is scored and its contribution to
     * every faction and entity window is visible; times from the first send to the last window record that added a
     * contribution.
     */
    public Throughput burst(List<BenchArticle> articles, Duration timeout, Consumer<String> progress,
                            Supplier<String> status) throws InterruptedException {
        Counts before = counts();
        long chars = articles.stream().mapToLong(BenchArticle::chars).sum();
        long start = System.nanoTime();
        lastOutputAt.set(start); // idle from now on, not from when the probe was made (a warm-up may come between)
        for (BenchArticle article : articles) {
            send(article);
        }
        producer.flush();
        long sent = System.nanoTime() - start;
        progress.accept(String.format("sent %d articles in %.1f s", articles.size(), sent / 1e9));
        boolean complete = awaitOutputs(articles, before, timeout, progress, status);
        Counts after = counts();
        long lastScored = articles.stream().map(a -> scoredAt.get(a.raw().id())).filter(t -> t != null)
                .mapToLong(Long::longValue).max().orElse(start) - start;
        return new Throughput(articles.size(), chars, sent, lastScored, lastAggregateAt.get() - start,
                after.scored() - before.scored(), after.aggregateUpdates() - before.aggregateUpdates(),
                after.reach() - before.reach(), after.expectedReach() - before.expectedReach(),
                after.duplicatesMarked() - before.duplicatesMarked(), after.irrelevant() - before.irrelevant(),
                complete);
    }

    /** Sends every article as fast as the producer takes them, without waiting for outputs. */
    public void sendAll(List<BenchArticle> articles) {
        for (BenchArticle article : articles) {
            send(article);
        }
        producer.flush();
    }

    /** Latencies of a steady load, in milliseconds, one entry per article that reached the output. */
    public record Latency(double rate, int sent, long[] toScoredMillis, long[] toFactionMillis, boolean complete) {
    }

    /**
     * Sends {@code articles} at {@code rate} a second on a fixed schedule (a late send does not shift the next) and
     * waits for their outputs; {@link #dayWindow} gives the faction window that only article {@code i} falls in.
     */
    public Latency steady(List<BenchArticle> articles, double rate, Duration timeout, Consumer<String> progress,
                          Supplier<String> status) throws InterruptedException {
        Counts before = counts();
        long[] sentAt = new long[articles.size()];
        long period = (long) (1e9 / rate);
        long start = System.nanoTime() + 100_000_000L;
        long nextProgress = start + 5_000_000_000L;
        for (int i = 0; i < articles.size(); i++) {
            long due = start + i * period;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            sentAt[i] = System.nanoTime();
            send(articles.get(i));
            if (sentAt[i] > nextProgress) {
                progress.accept(String.format("latency: sent %d/%d, scored %d; %s", i + 1, articles.size(),
                        counts().scored() - before.scored(), status.get()));
                nextProgress += 5_000_000_000L;
            }
        }
        producer.flush();
        boolean complete = awaitOutputs(articles, before, timeout, progress, status);
        long[] toScored = new long[articles.size()];
        long[] toFaction = new long[articles.size()];
        int scoredN = 0;
        int factionN = 0;
        for (int i = 0; i < articles.size(); i++) {
            BenchArticle article = articles.get(i);
            Long scoredTime = scoredAt.get(article.raw().id());
            if (scoredTime != null) {
                toScored[scoredN++] = (scoredTime - sentAt[i]) / 1_000_000;
            }
            // the article's day is its own, so its daily window is its update (the hourly one comes in the same
            // transaction)
            Long factionTime = factionWindowFirstAt.get(dayWindow(article));
            if (factionTime != null) {
                toFaction[factionN++] = (factionTime - sentAt[i]) / 1_000_000;
            }
        }
        return new Latency(rate, articles.size(), Arrays.copyOf(toScored, scoredN),
                Arrays.copyOf(toFaction, factionN), complete);
    }

    /**
     * The one-day window the article's publication falls in, as faction window keys name it after the faction:
     * {@code START/P1D} of {@code FACTION@START/P1D}.
     */
    static String dayWindow(BenchArticle article) {
        EventWindow day = EventWindow.containing(Instant.parse(article.raw().publishedAt()).toEpochMilli(),
                Duration.ofDays(1).toMillis());
        String key = day.key("");
        return key.substring(key.indexOf('@') + 1);
    }

    private void send(BenchArticle article) {
        producer.send(new ProducerRecord<>(Topics.RAW.name(), article.raw().id(), article.json()),
                (metadata, error) -> {
                    if (error != null) {
                        sendFailures.incrementAndGet();
                    }
                });
    }

    /**
     * Waits until every article is scored and every window contribution of every article scored so far is visible
     * (see the class comment); gives up when no output arrived for a while or the timeout passed.
     */
    private boolean awaitOutputs(List<BenchArticle> articles, Counts before, Duration timeout,
                                 Consumer<String> progress, Supplier<String> status) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextProgress = System.nanoTime() + 2_000_000_000L;
        while (true) {
            Counts now = counts();
            long scoredNow = now.scored() - before.scored();
            if (scoredNow >= articles.size() && now.reach() >= now.expectedReach()) {
                return true;
            }
            if (readerFailure.get() != null) {
                throw new IllegalStateException("reading the outputs failed", readerFailure.get());
            }
            long t = System.nanoTime();
            if (t > deadline || t - lastOutputAt.get() > idleLimit.toNanos()) {
                progress.accept(String.format("giving up waiting: scored %d/%d, window reach %d/%d",
                        scoredNow, articles.size(), now.reach(), now.expectedReach()));
                return false;
            }
            if (t > nextProgress) {
                progress.accept(String.format("scored %d/%d, window reach %d of %d so far (%d updates); %s",
                        scoredNow, articles.size(), now.reach(), now.expectedReach(),
                        now.aggregateUpdates() - before.aggregateUpdates(), status.get()));
                nextProgress += 2_000_000_000L;
            }
            Thread.sleep(20);
        }
    }

    public long sendFailures() {
        return sendFailures.get();
    }

    public long factionUpdates() {
        return factionUpdates.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        reader.join(5000);
        consumer.close();
        producer.close();
    }
}
