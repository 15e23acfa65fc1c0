package io.storywatch.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.storywatch.event.ArticleFailed;
import io.storywatch.event.ArticleRejected;
import io.storywatch.json.Json;
import io.storywatch.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Exactly-once accounting of a chaos feed: finds every fed record on news.articles.raw (by its sequence header) and
 * every outcome the pipeline wrote for it, and says for each record whether it ended in exactly one of
 * news.articles.scored, news.articles.rejected or news.articles.failed, with a reason.
 *
 * <p>Rejections and ingest's own failures name the raw partition and offset; a later stage's failure and a scored
 * article are found by article id (the record key, else the id in the failed value).
 *
 * @param records    records fed
 * @param scored     records whose one outcome is a scored article
 * @param rejected   records whose one outcome is a rejection
 * @param failed     records whose one outcome is a dead letter
 * @param lost       records with no outcome (or not on the raw topic at all)
 * @param duplicated records with more than one outcome (or on the raw topic more than once)
 * @param validNotScored valid articles whose one outcome is not a scored article
 * @param withoutReason  rejections and dead letters that do not say why
 * @param rejectedByCode rejections by code
 * @param failedByStage  dead letters by stage and error class
 * @param problems   the first few problems, one line each
 */
public record Accounting(int records, int scored, int rejected, int failed, int lost, int duplicated,
                         int validNotScored, int withoutReason, Map<String, Integer> rejectedByCode,
                         Map<String, Integer> failedByStage, List<String> problems) {

    private static final int PROBLEMS_KEPT = 20;

    public boolean exactlyOnce() {
        return lost == 0 && duplicated == 0 && validNotScored == 0 && withoutReason == 0;
    }

    /** Reads the topics of the cluster at {@code bootstrapServers} and accounts for {@code fed}. */
    public static Accounting of(String bootstrapServers, List<ChaosRecord> fed) {
        return of(fed, TopicRecords.read(bootstrapServers, Topics.RAW.name()),
                TopicRecords.read(bootstrapServers, Topics.REJECTED.name()),
                TopicRecords.read(bootstrapServers, Topics.FAILED.name()),
                TopicRecords.read(bootstrapServers, Topics.SCORED.name()));
    }

    static Accounting of(List<ChaosRecord> fed, List<TopicRecords.Rec> raw, List<TopicRecords.Rec> rejectedTopic,
                         List<TopicRecords.Rec> failedTopic, List<TopicRecords.Rec> scoredTopic) {
        List<String> problems = new ArrayList<>();
        Map<Long, Integer> onRaw = new HashMap<>();
        Map<String, Long> seqByPosition = new HashMap<>();
        for (TopicRecords.Rec rec : raw) {
            String seq = rec.headers().get(ResumableFeed.SEQ_HEADER);
            if (seq != null) {
                onRaw.merge(Long.parseLong(seq), 1, Integer::sum);
                seqByPosition.put(rec.partition() + ":" + rec.offset(), Long.parseLong(seq));
            }
        }
        Map<String, Long> seqById = new HashMap<>();
        for (ChaosRecord record : fed) {
            if (record.id() != null && seqById.put(record.id(), record.seq()) != null) {
                throw new IllegalArgumentException("two fed records have the id " + abbreviate(record.id()));
            }
        }
        Map<Long, List<String>> outcomes = new HashMap<>();
        int withoutReason = 0;
        Map<String, Integer> rejectedByCode = new TreeMap<>();
        for (TopicRecords.Rec rec : rejectedTopic) {
            ArticleRejected rejection = Json.fromBytes(rec.value(), ArticleRejected.class);
            Long seq = seqByPosition.get(rejection.rawPartition() + ":" + rejection.rawOffset());
            if (seq == null) {
                note(problems, "a rejection of raw " + rejection.rawPartition() + ":" + rejection.rawOffset()
                        + " that was not fed");
                continue;
            }
            if (blank(rejection.code()) || blank(rejection.message())) {
                withoutReason++;
                note(problems, "record " + seq + " rejected without a reason");
            }
            rejectedByCode.merge(rejection.code(), 1, Integer::sum);
            outcomes.computeIfAbsent(seq, s -> new ArrayList<>()).add("rejected " + rejection.code());
        }
        Map<String, Integer> failedByStage = new TreeMap<>();
        for (TopicRecords.Rec rec : failedTopic) {
            ArticleFailed failure = Json.fromBytes(rec.value(), ArticleFailed.class);
            Long seq = Topics.RAW.name().equals(failure.sourceTopic())
                    ? seqByPosition.get(failure.sourcePartition() + ":" + failure.sourceOffset())
                    : seqById.get(failedId(rec, failure));
            if (seq == null) {
                note(problems, "a dead letter of " + failure.stage() + " for an article that was not fed: key "
                        + abbreviate(rec.key()));
                continue;
            }
            if (blank(failure.errorClass()) && blank(failure.errorMessage())) {
                withoutReason++;
                note(problems, "record " + seq + " failed without a reason");
            }
            failedByStage.merge(failure.stage() + " " + failure.errorClass(), 1, Integer::sum);
            outcomes.computeIfAbsent(seq, s -> new ArrayList<>()).add("failed in " + failure.stage());
        }
        for (TopicRecords.Rec rec : scoredTopic) {
            Long seq = rec.key() == null ? null : seqById.get(rec.key());
            if (seq == null) {
                note(problems, "a scored article that was not fed: " + abbreviate(rec.key()));
                continue;
            }
            outcomes.computeIfAbsent(seq, s -> new ArrayList<>()).add("scored");
        }
        int scored = 0;
        int rejected = 0;
        int failed = 0;
        int lost = 0;
        int duplicated = 0;
        int validNotScored = 0;
        for (ChaosRecord record : fed) {
            int copiesOnRaw = onRaw.getOrDefault(record.seq(), 0);
            List<String> ends = outcomes.getOrDefault(record.seq(), List.of());
            if (copiesOnRaw == 0 || ends.isEmpty()) {
                lost++;
                note(problems, "record " + record.seq() + " (" + record.kind() + ", id "
                        + abbreviate(record.id()) + ") " + (copiesOnRaw == 0 ? "is not on the raw topic"
                        : "has no outcome"));
            } else if (copiesOnRaw > 1 || ends.size() > 1) {
                duplicated++;
                note(problems, "record " + record.seq() + " (" + record.kind() + ", id " + abbreviate(record.id())
                        + ") is on the raw topic " + copiesOnRaw + " times and ended " + ends);
            } else {
                String end = ends.get(0);
                if (end.equals("scored")) {
                    scored++;
                } else if (end.startsWith("rejected")) {
                    rejected++;
                } else {
                    failed++;
                }
                if (record.valid() && !end.equals("scored")) {
                    validNotScored++;
                    note(problems, "valid article " + abbreviate(record.id()) + " (" + record.kind() + ") " + end);
                }
            }
        }
        return new Accounting(fed.size(), scored, rejected, failed, lost, duplicated, validNotScored, withoutReason,
                rejectedByCode, failedByStage, problems);
    }

    /** The article id of a dead letter: its key, or the id in its original value (e.g. on a repartition topic). */
    private static String failedId(TopicRecords.Rec rec, ArticleFailed failure) {
        if (failure.valueBase64() != null) {
            try {
                JsonNode value = Json.tree(new String(Base64.getDecoder().decode(failure.valueBase64()),
                        StandardCharsets.UTF_8));
                if (value.hasNonNull("id") && value.get("id").isTextual()) {
                    return value.get("id").textValue();
                }
            } catch (RuntimeException notJson) {
                // fall back to the key
            }
        }
        return failure.key() != null ? failure.key() : rec.key();
    }

    private static void note(List<String> problems, String problem) {
        if (problems.size() < PROBLEMS_KEPT) {
            problems.add(problem);
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    static String abbreviate(String text) {
        if (text == null) {
            return "null";
        }
        String printable = text.codePoints().limit(60)
                .map(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return text.codePointCount(0, text.length()) > 60 ? printable + "… (" + text.length() + " chars)" : printable;
    }
}
