package io.storywatch.stage.aggregate;

import java.time.Duration;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The aggregate's stream time: how far event time has certainly progressed across every partition of the scored
 * topic, so that one partition running ahead of the others does not make their articles late.
 *
 * <p>Each partition's articles arrive in their own order, but the partitions reach the aggregator interleaved in
 * whatever order their tasks happened to run. Stream time is therefore the smallest of the largest event times seen
 * from each partition (a watermark), and it never goes back: a partition heard from for the first time does not
 * reopen windows that have closed. When the number of partitions is known, stream time does not start before every
 * one of them has sent an article; otherwise it counts the partitions heard from so far, and a partition first heard
 * from after the others moved on by more than the grace finds its first articles late. An article is otherwise late
 * only when it is older than articles before it in its own partition by more than the grace, whatever the
 * interleaving, so a replay closes every window with the same contents.
 *
 * <p>Idle partitions: a partition that receives no article (a topic with more partitions than articles, or keys that
 * all hash elsewhere) would hold stream time back for ever, and no window would become final. So stream time is also
 * never more than {@link #IDLE_PARTITION_LAG} (a day of event time) behind the fastest partition: a partition silent
 * or behind by more than that is not waited for, and its articles are judged late only once they are older than
 * that day plus the grace. Within a day of each other the partitions are waited for as above.
 *
 * @param latestByPartition the largest event time seen from each scored partition
 * @param streamTime the watermark, -1 before any article
 */
public record StreamTime(SortedMap<Integer, Long> latestByPartition, long streamTime) {

    /** How far stream time may lag behind the partition furthest ahead in event time: one day. */
    public static final long IDLE_PARTITION_LAG = Duration.ofDays(1).toMillis();

    public StreamTime {
        latestByPartition = latestByPartition == null ? new TreeMap<>() : new TreeMap<>(latestByPartition);
    }

    public static StreamTime start() {
        return new StreamTime(new TreeMap<>(), -1L);
    }

    /** Stream time once an article with this event time came from this partition, the partition count unknown. */
    public StreamTime advance(int partition, long eventTime) {
        return advance(partition, eventTime, 0);
    }

    /**
     * Stream time once an article with this event time came from this partition.
     *
     * @param partitions how many partitions the scored topic has, or 0 when unknown
     */
    public StreamTime advance(int partition, long eventTime, int partitions) {
        SortedMap<Integer, Long> latest = new TreeMap<>(latestByPartition);
        latest.merge(partition, eventTime, Math::max);
        long slowest = latest.size() < partitions
                ? -1L
                : latest.values().stream().mapToLong(Long::longValue).min().orElse(-1L);
        long fastest = latest.values().stream().mapToLong(Long::longValue).max().orElse(-1L);
        return new StreamTime(latest, Math.max(streamTime, Math.max(slowest, fastest - IDLE_PARTITION_LAG)));
    }

    /** For tests and logs: the partitions heard from. */
    Map<Integer, Long> partitions() {
        return latestByPartition;
    }
}
