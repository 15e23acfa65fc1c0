package io.storywatch.stage.aggregate;

import io.storywatch.event.ArticleMissedWindow;
import io.storywatch.event.EntitySentimentWindow;
import io.storywatch.event.EvidenceArticle;
import io.storywatch.event.FactionSentimentWindow;
import io.storywatch.event.FactionShiftDetected;
import io.storywatch.event.StoryCoverage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.streams.KeyValue;
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
 * FUTURE_DATED (reported, not counted, stream time untouched); otherwise the record advances {@link StreamTime}
 * (the watermark over the scored topic's partitions, kept in a store so it survives restarts). An original is then added, per window size, to the window
 * of its timestamp if that window is open ({@code end + grace > streamTime}, Kafka Streams' own rule), else reported
 * AFTER_GRACE; a copy adds to the reach of its original's windows (see {@link OriginalSeen}). Every changed window is
 * emitted with {@code final} false. Last, every window with {@code end + grace <= streamTime} is emitted once more
 * with {@code final} true and forgotten; a closing faction window of the alert size is compared with its baseline.
 * Closing happens only as records arrive, so the newest windows stay open until later articles come. An article id
 * counts once: a later version of it (a correction, or the output of a replayed upstream stage) is not counted again.
 */
final class WindowAggregator implements Processor<String, Contribution, String, Object> {

    static final String STREAM_TIME_KEY = "stream-time";
    static final String COVERAGE_TARGET = "story";
    private static final char COVERAGE = 'c';
    private static final char ENTITY = 'e';
    private static final char FACTION = 'f';
    private static final Logger LOG = LoggerFactory.getLogger(WindowAggregator.class);

    private final AggregateSettings settings;
    private final List<Long> sizes;
    private final long graceMs;
    private final long futureToleranceMs;
    private final long alertSizeMs;
    private final ShiftDetector shiftDetector;
    private final AggregateStores storeNames;

    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, StreamTime> streamTimes;
    private KeyValueStore<String, WindowState> windows;
    private KeyValueStore<String, OriginalSeen> originals;
    private KeyValueStore<String, ShiftDetector.Scores> history;

    WindowAggregator(AggregateSettings settings, AggregateStores storeNames) {
        this.settings = settings;
        this.sizes = settings.windowSizes().stream().map(Duration::toMillis).toList();
        this.graceMs = settings.grace().toMillis();
        this.futureToleranceMs = settings.futureTolerance().toMillis();
        this.alertSizeMs = settings.alerts().windowSize().toMillis();
        this.shiftDetector = new ShiftDetector(settings.alerts());
        this.storeNames = storeNames;
    }

    /** The names of the four stores, given by the stage that creates them. */
    record AggregateStores(String streamTime, String windows, String originals, String history) {
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.streamTimes = context.getStateStore(storeNames.streamTime());
        this.windows = context.getStateStore(storeNames.windows());
        this.originals = context.getStateStore(storeNames.originals());
        this.history = context.getStateStore(storeNames.history());
    }

    @Override
    public void process(Record<String, Contribution> record) {
        Contribution article = record.value();
        if (article == null) {
            return;
        }
        long eventTime = record.timestamp();
        OptionalLong published = PublishedAtTimestampExtractor.parse(article.publishedAt());
        if (published.isPresent() && published.getAsLong() - eventTime > futureToleranceMs) {
            long streamTime = currentStreamTime().streamTime();
            emit(record, article.id(), missed(article, ArticleMissedWindow.FUTURE_DATED, "publishedAt "
                    + article.publishedAt() + " is more than " + EventWindow.isoDuration(futureToleranceMs)
                    + " after the record timestamp " + EventWindow.iso(eventTime)
                    + ": a wrong date, so no window can count it", eventTime,
                    streamTime < 0 ? null : EventWindow.iso(streamTime), null));
            return;
        }
        long streamTime = advanceStreamTime(article.sourcePartition(), eventTime);
        if (article.isCopy()) {
            countCopy(record, article, streamTime);
        } else {
            countOriginal(record, article, eventTime, streamTime);
        }
        closeWindows(record, streamTime);
    }

    private StreamTime currentStreamTime() {
        StreamTime known = streamTimes.get(STREAM_TIME_KEY);
        return known == null ? StreamTime.start() : known;
    }

    private long advanceStreamTime(int partition, long eventTime) {
        StreamTime known = currentStreamTime();
        StreamTime advanced = known.advance(partition, eventTime, settings.scoredPartitions());
        if (!advanced.equals(known)) {
            streamTimes.put(STREAM_TIME_KEY, advanced);
        }
        return advanced.streamTime();
    }

    private void countOriginal(Record<String, Contribution> record, Contribution article, long eventTime,
                               long streamTime) {
        OriginalSeen seen = Optional.ofNullable(originals.get(article.id())).orElse(OriginalSeen.unseen());
        if (seen.arrived()) {
            // a new version of a counted article (a correction, or a replay of an upstream stage) would count it
            // twice; the first version stands
            LOG.debug("article {} was already counted; its new version is not counted again", article.id());
            return;
        }
        List<Long> counted = new ArrayList<>();
        for (long size : sizes) {
            EventWindow window = EventWindow.containing(eventTime, size);
            if (!window.isOpenAt(streamTime, graceMs)) {
                emit(record, article.id(), missed(article, ArticleMissedWindow.AFTER_GRACE,
                        "its " + window.size() + " window closed at " + window.closesAt(graceMs)
                                + " (window end + grace) and stream time is " + EventWindow.iso(streamTime),
                        eventTime, EventWindow.iso(streamTime), window));
                continue;
            }
            counted.add(size);
            for (Map.Entry<String, Portrayal> faction : article.factions().entrySet()) {
                String key = storeKey(window, FACTION, faction.getKey());
                SentimentTally tally = sentiment(key).add(faction.getValue(),
                        evidence(article, faction.getValue(), seen.copies()), seen.copies(),
                        settings.evidenceArticles());
                windows.put(key, new WindowState(tally, null));
                emit(record, window.key(faction.getKey()), factionWindow(window, faction.getKey(), tally, false));
            }
            for (Map.Entry<String, Portrayal> entity : article.entities().entrySet()) {
                String key = storeKey(window, ENTITY, entity.getKey());
                SentimentTally tally = sentiment(key).add(entity.getValue(),
                        evidence(article, entity.getValue(), seen.copies()), seen.copies(),
                        settings.evidenceArticles());
                windows.put(key, new WindowState(tally, null));
                emit(record, window.key(entity.getKey()), entityWindow(window, entity.getKey(), tally, false));
            }
            String key = storeKey(window, COVERAGE, COVERAGE_TARGET);
            CoverageTally coverage = coverage(key).add(article, seen.copies(), seen.copySources());
            windows.put(key, new WindowState(null, coverage));
            emit(record, window.key(COVERAGE_TARGET), storyCoverage(window, coverage, false));
        }
        originals.put(article.id(), new OriginalSeen(eventTime, seen.copies(), seen.copySources(), counted,
                List.copyOf(article.factions().keySet()), List.copyOf(article.entities().keySet())));
    }

    private void countCopy(Record<String, Contribution> record, Contribution copy, long streamTime) {
        String originalId = copy.duplicateOf();
        OriginalSeen seen = Optional.ofNullable(originals.get(originalId)).orElse(OriginalSeen.unseen())
                .withCopy(copy.source());
        originals.put(originalId, seen);
        if (!seen.arrived()) {
            return; // the original adds this copy to its windows when it arrives
        }
        for (long size : seen.countedSizes()) {
            EventWindow window = EventWindow.containing(seen.eventTime(), size);
            if (!window.isOpenAt(streamTime, graceMs)) {
                emit(record, copy.id(), missed(copy, ArticleMissedWindow.AFTER_GRACE, "a copy of " + originalId
                                + ", whose " + window.size() + " window closed at " + window.closesAt(graceMs)
                                + " (window end + grace); stream time is " + EventWindow.iso(streamTime),
                        seen.eventTime(), EventWindow.iso(streamTime), window));
                continue;
            }
            for (String faction : seen.factions()) {
                String key = storeKey(window, FACTION, faction);
                SentimentTally tally = sentiment(key).addCopy(originalId);
                windows.put(key, new WindowState(tally, null));
                emit(record, window.key(faction), factionWindow(window, faction, tally, false));
            }
            for (String entity : seen.entities()) {
                String key = storeKey(window, ENTITY, entity);
                SentimentTally tally = sentiment(key).addCopy(originalId);
                windows.put(key, new WindowState(tally, null));
                emit(record, window.key(entity), entityWindow(window, entity, tally, false));
            }
            String key = storeKey(window, COVERAGE, COVERAGE_TARGET);
            CoverageTally coverage = coverage(key).addCopy(copy.source());
            windows.put(key, new WindowState(null, coverage));
            emit(record, window.key(COVERAGE_TARGET), storyCoverage(window, coverage, false));
        }
    }

    private void closeWindows(Record<String, Contribution> record, long streamTime) {
        for (long size : sizes) {
            long lastClosedStart = streamTime - graceMs - size;
            if (lastClosedStart < 0) {
                continue;
            }
            List<KeyValue<String, WindowState>> closing = new ArrayList<>();
            try (KeyValueIterator<String, WindowState> range = windows.range(
                    String.format("%013d|", size), String.format("%013d|%015d|\uffff", size, lastClosedStart))) {
                range.forEachRemaining(closing::add);
            }
            for (KeyValue<String, WindowState> entry : closing) {
                String[] parts = entry.key.split("\\|", 4);
                EventWindow window = new EventWindow(size, Long.parseLong(parts[1]));
                char kind = parts[2].charAt(0);
                String target = parts[3];
                WindowState state = entry.value;
                if (kind == FACTION) {
                    emit(record, window.key(target), factionWindow(window, target, state.sentiment(), true));
                    if (size == alertSizeMs) {
                        checkShift(record, window, target, state.sentiment());
                    }
                } else if (kind == ENTITY) {
                    emit(record, window.key(target), entityWindow(window, target, state.sentiment(), true));
                } else {
                    emit(record, window.key(target), storyCoverage(window, state.coverage(), true));
                }
                windows.delete(entry.key);
            }
        }
    }

    /** Windows close in start order, so the baseline windows of this one have all closed before it. */
    private void checkShift(Record<String, Contribution> record, EventWindow window, String faction,
                            SentimentTally tally) {
        long baselineFrom = window.startMs() - settings.alerts().baselineWindows() * window.sizeMs();
        ShiftDetector.Scores baseline = new ShiftDetector.Scores(0, 0.0, 0.0);
        int baselineWindows = 0;
        List<String> obsolete = new ArrayList<>();
        try (KeyValueIterator<String, ShiftDetector.Scores> range = history.range(historyKey(faction, 0),
                historyKey(faction, window.startMs() - 1))) {
            while (range.hasNext()) {
                KeyValue<String, ShiftDetector.Scores> entry = range.next();
                long start = Long.parseLong(entry.key.substring(entry.key.lastIndexOf('|') + 1));
                if (start < baselineFrom) {
                    obsolete.add(entry.key);
                } else {
                    baseline = baseline.plus(entry.value);
                    baselineWindows++;
                }
            }
        }
        obsolete.forEach(history::delete);
        ShiftDetector.Scores scores = ShiftDetector.Scores.of(tally);
        history.put(historyKey(faction, window.startMs()), scores);
        Optional<ShiftDetector.Shift> shift = shiftDetector.detect(scores, baseline);
        if (shift.isEmpty()) {
            return;
        }
        ShiftDetector.Shift found = shift.get();
        double direction = Math.signum(found.shift());
        List<EvidenceArticle> evidence = tally.evidence().stream()
                .filter(e -> Math.signum(e.score() - found.baselineMean()) == direction)
                .sorted(Comparator.comparingDouble((EvidenceArticle e) ->
                        -Math.abs(e.score() - found.baselineMean())).thenComparing(EvidenceArticle::id))
                .toList();
        emit(record, window.key(faction), new FactionShiftDetected(FactionShiftDetected.SCHEMA_VERSION, faction,
                window.start(), window.end(), window.size(), tally.articles(), found.mean(),
                EventWindow.iso(baselineFrom), baselineWindows, baseline.articles(), found.baselineMean(),
                found.shift(), found.zScore(), settings.alerts().zThreshold(), found.direction(), evidence));
    }

    private SentimentTally sentiment(String key) {
        WindowState state = windows.get(key);
        return state == null || state.sentiment() == null ? SentimentTally.empty() : state.sentiment();
    }

    private CoverageTally coverage(String key) {
        WindowState state = windows.get(key);
        return state == null || state.coverage() == null ? CoverageTally.empty() : state.coverage();
    }

    private void emit(Record<String, Contribution> record, String key, Object value) {
        context.forward(new Record<>(key, value, record.timestamp(), record.headers()));
    }

    /** Fixed-width numbers: the store's byte order is then window size, window start, kind, target. */
    private static String storeKey(EventWindow window, char kind, String target) {
        return String.format("%013d|%015d|%c|%s", window.sizeMs(), window.startMs(), kind, target);
    }

    private static String historyKey(String faction, long start) {
        return String.format("%s|%015d", faction, Math.max(0, start));
    }

    private static EvidenceArticle evidence(Contribution article, Portrayal portrayal, long copies) {
        return new EvidenceArticle(article.id(), article.title(), article.source(), article.publishedAt(),
                portrayal.score(), portrayal.label(), copies, portrayal.sentence());
    }

    private FactionSentimentWindow factionWindow(EventWindow window, String faction, SentimentTally tally,
                                                 boolean isFinal) {
        MeanInterval interval = tally.interval();
        return new FactionSentimentWindow(FactionSentimentWindow.SCHEMA_VERSION, faction, window.start(),
                window.end(), window.size(), tally.articles(), tally.mentions(), tally.meanScore(), tally.pos(),
                tally.neg(), tally.neu(), tally.mixed(), interval.low(), interval.high(),
                tally.articles() < settings.lowSampleArticles(), tally.copies(), tally.articles() + tally.copies(),
                tally.evidence(), isFinal, window.closesAt(graceMs));
    }

    private EntitySentimentWindow entityWindow(EventWindow window, String entity, SentimentTally tally,
                                               boolean isFinal) {
        MeanInterval interval = tally.interval();
        return new EntitySentimentWindow(EntitySentimentWindow.SCHEMA_VERSION, entity, window.start(), window.end(),
                window.size(), tally.articles(), tally.mentions(), tally.meanScore(), tally.pos(), tally.neg(),
                tally.neu(), interval.low(), interval.high(), tally.articles() < settings.lowSampleArticles(),
                tally.copies(), tally.articles() + tally.copies(), tally.evidence(), isFinal,
                window.closesAt(graceMs));
    }

    private StoryCoverage storyCoverage(EventWindow window, CoverageTally coverage, boolean isFinal) {
        return new StoryCoverage(StoryCoverage.SCHEMA_VERSION, window.start(), window.end(), window.size(),
                coverage.articles(), coverage.copies(), coverage.articles() + coverage.copies(),
                coverage.sources().size(), coverage.sources(), coverage.topEntities(settings.topEntities()),
                coverage.voices(), isFinal, window.closesAt(graceMs));
    }

    private ArticleMissedWindow missed(Contribution article, String reason, String message, long eventTime,
                                       String streamTime, EventWindow window) {
        return new ArticleMissedWindow(ArticleMissedWindow.SCHEMA_VERSION, article.id(), article.title(),
                article.source(), article.publishedAt(), article.duplicateOf(), reason, message,
                EventWindow.iso(eventTime), streamTime, window == null ? null : window.size(),
                window == null ? null : window.start(), window == null ? null : window.end(),
                window == null ? null : window.closesAt(graceMs));
    }
}
