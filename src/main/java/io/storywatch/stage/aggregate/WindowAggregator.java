package io.storywatch.stage.aggregate;

import io.storywatch.event.ArticleMissedWindow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the aggregate's event-time windows: stream time, lateness, window contents, closing and alerts are decided in
 * this one place, so the check that sends an article to news.articles.late is the very check that keeps it out of a
 * window.
 *
 * <p>Per record: a {@code publishedAt} more than the future tolerance after the record timestamp makes the article
 * FUTURE_DATED (reported, not counted, stream time untouched); otherwise a dated record advances {@link StreamTime}
 * (the watermark over the scored topic's partitions, kept in a store so it survives restarts), and an undated one
 * (no readable {@code publishedAt}) counts at its record timestamp, its arrival, without moving stream time. An
 * original is then added, per window size, to the window of its timestamp if that window is open
 * ({@code end + grace > streamTime}, Kafka Streams' own rule; the grace is the settings' {@code dayGrace} for windows
 * of a day or longer); it is reported AFTER_GRACE only when no window size counts it. A copy adds to the reach of its
 * original's windows (see {@link OriginalSeen}). Last, every window with {@code end + grace <= streamTime} is emitted
 * once more with {@code final} true and forgotten. A faction window of the alert size is compared with its baseline
 * once, when stream time passes its end + the short grace, whether or not it stays open longer.
 * Closing happens only as records arrive, so the newest windows stay open until later articles come. An article id
 * counts once: a later version of it (an analyst's correction, or the output of a replayed upstream stage with another
 * model) replaces the earlier one in the windows that counted it and are still open, at the earlier version's event
 * time; a closed window keeps what it published. A version withdrawn by a correction to irrelevant takes back what the
 * earlier one added; a version the windows would count the same changes nothing.
 *
 * <p>Changed windows are written with {@code final} false at most once per publish interval (wall-clock): every
 * publish tick (50 ms) a changed window is written if it was not written within the interval, else it waits until the
 * interval has passed, however many articles change it meanwhile; all changed windows are written before any final
 * record. A window that stream time has passed (a backfill's, or one a late article changes) has the longer past
 * publish interval while records keep coming: a backfill in random order changes its windows with nearly every
 * article. Once no record has come for a publish interval, every changed window is written as a live one is. An article's effect is decided and applied to the windows held in memory at once, and kept with the other
 * counts of its tick as {@link PendingCounts}, one store record per tick, in the same transaction as its offset. The
 * window store is written less often: every {@value #CHECKPOINT_INTERVAL_MS} ms of wall-clock time, and before any
 * window closes, the windows changed since are written to it and the counts kept since are forgotten. A restart loads
 * the window store and applies the kept counts again (writing the windows they change once more), so a crash loses
 * nothing and the finals are those of an uninterrupted run. At each checkpoint, {@link OriginalsPruning} forgets a
 * slice of the originals no window can count any more.
 */
final class WindowAggregator implements Processor<String, Contribution, String, Object> {

    static final String STREAM_TIME_KEY = "stream-time";
    /** Window store writes per window: at most one every 30 s; a restart applies at most 30 s of kept counts. */
    static final long CHECKPOINT_INTERVAL_MS = 30_000;
    /** A tick's kept counts are one store record; past this many, the next counts start another. */
    static final int COUNTS_PER_RECORD = 64;
    private static final Logger LOG = LoggerFactory.getLogger(WindowAggregator.class);

    private final AggregateSettings settings;
    private final List<Long> sizes;
    private final long futureToleranceMs;
    private final AggregateStores storeNames;
    private final WindowRecords records;
    private final OriginalCounting counting;
    private final OriginalsPruning pruning;
    private final WindowUpdates updates;

    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, StreamTime> streamTimes;
    private KeyValueStore<String, WindowState> windows;
    private KeyValueStore<String, OriginalSeen> originals;
    private ShiftAlerts alerts;
    private KeyValueStore<String, PendingCounts> unpublished;

    /** Every open window, by store key: the window store's content plus the unpublished counts. */
    private final TreeMap<String, WindowState> open = new TreeMap<>();
    private final PublishSchedule schedule;
    /** The windows changed since the last checkpoint, and the keys of the counts kept since. */
    private final Set<String> unsaved = new HashSet<>();
    private final List<String> unpublishedKeys = new ArrayList<>();
    /** The counts kept in the current tick, all in the store record of the last key of {@link #unpublishedKeys}. */
    private final List<UnpublishedCount> tickCounts = new ArrayList<>();
    private long lastCheckpointAt = -1;
    private Cancellable publishing;
    private long nextSequence;
    private StreamTime streamTime;

    WindowAggregator(AggregateSettings settings, AggregateStores storeNames) {
        this(settings, storeNames, null);
    }

    WindowAggregator(AggregateSettings settings, AggregateStores storeNames, String mainStory) {
        this.settings = settings;
        this.records = new WindowRecords(settings, mainStory);
        this.sizes = settings.windowSizes().stream().map(Duration::toMillis).toList();
        this.counting = new OriginalCounting(sizes, records);
        this.pruning = new OriginalsPruning(records);
        this.futureToleranceMs = settings.futureTolerance().toMillis();
        this.updates = new WindowUpdates(settings);
        this.schedule = new PublishSchedule(settings.publishInterval().toMillis(),
                settings.pastPublishInterval().toMillis());
        this.storeNames = storeNames;
    }

    /** The names of the five stores, given by the stage that creates them. */
    record AggregateStores(String streamTime, String windows, String originals, String history, String unpublished) {
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.streamTimes = context.getStateStore(storeNames.streamTime());
        this.windows = context.getStateStore(storeNames.windows());
        this.originals = context.getStateStore(storeNames.originals());
        this.alerts = new ShiftAlerts(settings, records, context.getStateStore(storeNames.history()));
        this.unpublished = context.getStateStore(storeNames.unpublished());
        open.clear();
        schedule.reset();
        unsaved.clear();
        unpublishedKeys.clear();
        tickCounts.clear();
        lastCheckpointAt = -1;
        StreamTime known = streamTimes.get(STREAM_TIME_KEY);
        streamTime = known == null ? StreamTime.start() : known;
        try (KeyValueIterator<String, WindowState> all = windows.all()) {
            all.forEachRemaining(entry -> open.put(entry.key, entry.value));
        }
        nextSequence = 0;
        try (KeyValueIterator<String, PendingCounts> all = unpublished.all()) {
            while (all.hasNext()) {
                KeyValue<String, PendingCounts> entry = all.next();
                entry.value.all().forEach(this::apply);
                unpublishedKeys.add(entry.key);
                nextSequence = Long.parseLong(entry.key) + 1;
            }
        }
        publishing = context.schedule(settings.publishTick(), PunctuationType.WALL_CLOCK_TIME, this::publishTick);
    }

    @Override
    public void close() {
        if (publishing != null) {
            publishing.cancel();
            publishing = null;
        }
    }

    @Override
    public void process(Record<String, Contribution> record) {
        schedule.recordArrived();
        Contribution article = record.value();
        if (article == null) {
            return;
        }
        long eventTime = record.timestamp();
        OptionalLong published = PublishedAtTimestampExtractor.parse(article.publishedAt());
        if (published.isPresent() && published.getAsLong() - eventTime > futureToleranceMs) {
            long now = streamTime.streamTime();
            emit(record, article.storyKey(), records.missed(article, ArticleMissedWindow.FUTURE_DATED, "publishedAt "
                    + article.publishedAt() + " is more than " + EventWindow.isoDuration(futureToleranceMs)
                    + " after the record timestamp " + EventWindow.iso(eventTime)
                    + ": a wrong date, so no window can count it", eventTime,
                    now < 0 ? null : EventWindow.iso(now), null));
            return;
        }
        long before = streamTime.streamTime();
        // an undated article counts at its arrival (the record timestamp) but does not say how far the dated news has
        // come: a backfill fed with today's undated articles would otherwise make every archived article late
        long now = published.isPresent() ? advanceStreamTime(article.sourcePartition(), eventTime) : before;
        if (article.isCopy() && article.withdrawn()) {
            LOG.debug("copy {} was corrected to irrelevant; the reach it added stays", article.id());
        } else if (article.isCopy()) {
            applyCounted(record, article, counting.copy(article, eventTime, now, record.timestamp(), originals::get));
        } else {
            applyCounted(record, article,
                    counting.original(article, eventTime, now, record.timestamp(), originals::get));
        }
        if (now != before) {
            closeWindows(record, before, now);
        }
    }

    private long advanceStreamTime(int partition, long eventTime) {
        StreamTime advanced = streamTime.advance(partition, eventTime, settings.scoredPartitions());
        if (!advanced.equals(streamTime)) {
            streamTimes.put(STREAM_TIME_KEY, advanced);
            streamTime = advanced;
        }
        return advanced.streamTime();
    }

    /** Keeps what counting decided: the originals store's entries, then the count or the late article's report. */
    private void applyCounted(Record<String, Contribution> record, Contribution article,
                              OriginalCounting.Counted counted) {
        counted.seen().forEach(entry -> originals.put(entry.getKey(), entry.getValue()));
        if (counted.count() != null) {
            keep(counted.count());
        }
        if (counted.missed() != null) {
            emit(record, article.storyKey(), counted.missed());
        }
    }

    /**
     * Applies a count to the windows in memory and keeps it, with the other counts of this tick, until the windows it
     * changed are in the store. The tick's record is rewritten with every count; the store's cache sends it to the
     * changelog once per commit.
     */
    private void keep(UnpublishedCount count) {
        if (tickCounts.isEmpty() || tickCounts.size() >= COUNTS_PER_RECORD) {
            tickCounts.clear();
            unpublishedKeys.add(String.format("%019d", nextSequence++));
        }
        tickCounts.add(count);
        unpublished.put(unpublishedKeys.get(unpublishedKeys.size() - 1), new PendingCounts(tickCounts));
        apply(count);
    }

    private void apply(UnpublishedCount count) {
        for (WindowUpdates.Update change : updates.of(count, open::get)) {
            update(change.key(), change.state(), count.timestamp());
        }
    }

    private void update(String key, WindowState state, long timestamp) {
        open.put(key, state);
        schedule.changed(key, timestamp);
        unsaved.add(key);
    }

    /**
     * One publish tick at wall-clock time {@code now}: writes the changed windows not written within the publish
     * interval, and checkpoints and prunes a slice of the originals store when the checkpoint interval has passed.
     * The next count starts a new tick's record.
     */
    private void publishTick(long now) {
        for (PublishSchedule.Write write : schedule.tick(now, streamTime.streamTime())) {
            emitWindow(write.key(), open.get(write.key()), false, new Record<>(null, null, write.timestamp()));
        }
        tickCounts.clear();
        if (lastCheckpointAt < 0) {
            lastCheckpointAt = now;
        } else if (now - lastCheckpointAt >= CHECKPOINT_INTERVAL_MS) {
            checkpoint();
            pruning.pass(originals, streamTime.streamTime());
            lastCheckpointAt = now;
        }
    }

    /** Writes every changed window as an open record, whenever it was last written: before any final record. */
    private void publishAll() {
        for (PublishSchedule.Write write : schedule.all()) {
            emitWindow(write.key(), open.get(write.key()), false, new Record<>(null, null, write.timestamp()));
        }
    }

    /** Writes every window changed since the last checkpoint to the store, then forgets the counts kept since. */
    private void checkpoint() {
        for (String key : unsaved) {
            windows.put(key, open.get(key));
        }
        unsaved.clear();
        unpublishedKeys.forEach(unpublished::delete);
        unpublishedKeys.clear();
        tickCounts.clear();
    }

    private void closeWindows(Record<String, Contribution> record, long before, long now) {
        boolean published = false;
        for (long size : sizes) {
            long lastClosedStart = now - records.graceMs(size) - size;
            if (lastClosedStart < 0) {
                continue;
            }
            SortedMap<String, WindowState> closing = open.subMap(String.format("%013d|", size),
                    String.format("%013d|%015d|\uffff", size, lastClosedStart));
            if (closing.isEmpty()) {
                continue;
            }
            if (!published) {
                publishAll(); // open records before final ones
                checkpoint(); // so that no kept count refers to a window about to be forgotten
                published = true;
            }
            for (Map.Entry<String, WindowState> entry : List.copyOf(closing.entrySet())) {
                EventWindow window = emitWindow(entry.getKey(), entry.getValue(), true, record);
                alerts.atClose(entry.getKey(), window, entry.getValue(), before)
                        .ifPresent(alert -> emit(record, alert.key, alert.value));
                windows.delete(entry.getKey());
                open.remove(entry.getKey());
                unsaved.remove(entry.getKey());
                schedule.closed(entry.getKey());
            }
        }
        alerts.ofOpenWindows(open, before, now).forEach(alert -> emit(record, alert.key, alert.value));
    }

    /**
     * Emits the record of one window (store key {@code SIZE|START|KIND|TARGET}) with the timestamp and headers of
     * {@code cause}, and returns the window.
     */
    private EventWindow emitWindow(String key, WindowState state, boolean isFinal, Record<?, ?> cause) {
        String[] parts = key.split("\\|", 4);
        EventWindow window = new EventWindow(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
        String target = parts[3];
        Object value = records.window(window, parts[2].charAt(0), target, state, isFinal);
        context.forward(new Record<>(window.key(target), value, cause.timestamp(), cause.headers()));
        return window;
    }

    private void emit(Record<String, Contribution> record, String key, Object value) {
        context.forward(new Record<>(key, value, record.timestamp(), record.headers()));
    }
}
