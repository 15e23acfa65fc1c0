package io.storywatch.stage.aggregate;

import java.time.Duration;
import java.util.List;

/**
 * The windowing and reporting choices of the aggregate stage, passed in rather than read from globals.
 *
 * @param windowSizes the lengths of the tumbling event-time windows, each aligned to the epoch (1 day: UTC days);
 *                    every size is published, its records told apart by {@code windowSize} and the key
 * @param grace how long after a window shorter than a day ends, in stream time, an out-of-order article still counts
 *              in it; also when the shift alert of a window is decided, whatever its size
 * @param dayGrace the same for windows of a day or longer: how long the story is followed, so that a backfill in any
 *                 order counts every article of it
 * @param futureTolerance how far {@code publishedAt} may lie after the record timestamp before the article is
 *                        refused as future-dated (within it, the article counts at its record timestamp)
 * @param lowSampleArticles windows with fewer original articles than this are flagged {@code lowSample}
 * @param evidenceArticles how many top articles (by |score|) each window keeps as evidence
 * @param topEntities how many entities a story-coverage record lists
 * @param alerts when a faction's shift in mean sentiment raises an alert
 * @param scoredPartitions how many partitions news.articles.scored has, so that stream time waits for all of them
 *                         (see {@link StreamTime}); 0 when unknown
 * @param publishInterval how often (wall-clock) the windows changed since the last time are written as open records:
 *                        each changed window once, however many articles changed it in between
 */
public record AggregateSettings(List<Duration> windowSizes, Duration grace, Duration dayGrace,
                                Duration futureTolerance,
                                int lowSampleArticles, int evidenceArticles, int topEntities,
                                ShiftAlertSettings alerts, int scoredPartitions, Duration publishInterval) {

    /**
     * Open records wait at most this long for the windows changed by later articles to be written together: the
     * exactly-once commit interval, so that an update waits for at most about one more commit.
     */
    public static final Duration DEFAULT_PUBLISH_INTERVAL = Duration.ofMillis(50);

    public static final Duration ONE_HOUR = Duration.ofHours(1);
    public static final Duration ONE_DAY = Duration.ofDays(1);
    /** Day windows take articles for three years after they end: a backfill of a story followed that long counts. */
    public static final Duration DEFAULT_DAY_GRACE = Duration.ofDays(3 * 365);

    public AggregateSettings {
        if (windowSizes == null || windowSizes.isEmpty()) {
            throw new IllegalArgumentException("at least one window size is needed");
        }
        for (Duration size : windowSizes) {
            if (size == null || size.isNegative() || size.isZero()) {
                throw new IllegalArgumentException("window sizes must be positive, got " + size);
            }
        }
        if (windowSizes.stream().distinct().count() != windowSizes.size()) {
            throw new IllegalArgumentException("window sizes must differ, got " + windowSizes);
        }
        windowSizes = windowSizes.stream().sorted().toList();
        if (grace == null || grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative, got " + grace);
        }
        if (dayGrace == null || dayGrace.isNegative()) {
            throw new IllegalArgumentException("dayGrace must not be negative, got " + dayGrace);
        }
        if (futureTolerance == null || futureTolerance.isNegative()) {
            throw new IllegalArgumentException("futureTolerance must not be negative, got " + futureTolerance);
        }
        if (lowSampleArticles < 0 || evidenceArticles < 0 || topEntities < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
        if (alerts == null) {
            throw new IllegalArgumentException("alerts settings are required");
        }
        if (scoredPartitions < 0) {
            throw new IllegalArgumentException("scoredPartitions must not be negative");
        }
        if (publishInterval == null || publishInterval.toMillis() < 1) {
            throw new IllegalArgumentException("publishInterval must be at least 1 ms, got " + publishInterval);
        }
    }

    /** One window size and one grace for it, the other choices at their defaults. */
    public AggregateSettings(Duration windowSize, Duration grace) {
        this(List.of(windowSize), grace, grace, ONE_DAY, 5, 5, 5, ShiftAlertSettings.defaults(), 0,
                DEFAULT_PUBLISH_INTERVAL);
    }

    /**
     * 1-hour and 1-day windows, 7 days of grace for hours (and alerts), three years for days, 1 day of future
     * tolerance, low sample below 5, top 5 evidence, changed windows written every 50 ms.
     */
    public static AggregateSettings defaults() {
        return new AggregateSettings(List.of(ONE_HOUR, ONE_DAY), Duration.ofDays(7), DEFAULT_DAY_GRACE, ONE_DAY,
                5, 5, 5, ShiftAlertSettings.defaults(), 0, DEFAULT_PUBLISH_INTERVAL);
    }

    /** One grace for every window size. */
    public AggregateSettings withGrace(Duration newGrace) {
        return new AggregateSettings(windowSizes, newGrace, newGrace, futureTolerance, lowSampleArticles,
                evidenceArticles,
                topEntities, alerts, scoredPartitions, publishInterval);
    }

    public AggregateSettings withDayGrace(Duration newDayGrace) {
        return new AggregateSettings(windowSizes, grace, newDayGrace, futureTolerance, lowSampleArticles,
                evidenceArticles, topEntities, alerts, scoredPartitions, publishInterval);
    }

    /** The grace of windows of this size. */
    public Duration graceOf(Duration windowSize) {
        return windowSize.compareTo(ONE_DAY) >= 0 ? dayGrace : grace;
    }

    public AggregateSettings withWindowSizes(List<Duration> sizes) {
        return new AggregateSettings(sizes, grace, dayGrace, futureTolerance, lowSampleArticles, evidenceArticles,
                topEntities,
                alerts, scoredPartitions, publishInterval);
    }

    public AggregateSettings withAlerts(ShiftAlertSettings newAlerts) {
        return new AggregateSettings(windowSizes, grace, dayGrace, futureTolerance, lowSampleArticles, evidenceArticles,
                topEntities, newAlerts, scoredPartitions, publishInterval);
    }

    public AggregateSettings withLowSampleArticles(int articles) {
        return new AggregateSettings(windowSizes, grace, dayGrace, futureTolerance, articles, evidenceArticles,
                topEntities,
                alerts, scoredPartitions, publishInterval);
    }

    public AggregateSettings withScoredPartitions(int partitions) {
        return new AggregateSettings(windowSizes, grace, dayGrace, futureTolerance, lowSampleArticles, evidenceArticles,
                topEntities, alerts, partitions, publishInterval);
    }

    public AggregateSettings withPublishInterval(Duration interval) {
        return new AggregateSettings(windowSizes, grace, dayGrace, futureTolerance, lowSampleArticles, evidenceArticles,
                topEntities, alerts, scoredPartitions, interval);
    }
}
