package io.storywatch.stage.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.storywatch.event.ArticleCleaned;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.junit.jupiter.api.Test;

/** The marker on its own store, restarted on that store as a restart restores it from the changelog. */
class DuplicateMarkerTest {

    private static final IngestSettings THIRTY_DAYS = IngestSettings.defaults().withRetention(Duration.ofDays(30));
    static final String WIRE_STORY = "本报讯 周五傍晚，OpenAI董事会突然发表声明，称奥特曼不再担任公司掌门人，"
            + "理由是董事会对他失去了信任。暂时接替他的是技术负责人穆拉蒂。几小时后，布罗克曼也宣布不再担任董事长。"
            + "消息一出，微软股价在盘后下挫，好几位投资人都说自己事先毫不知情。";
    private static final String RETURN_STORY = "在奥特曼被解职五天后，OpenAI宣布他将重返公司担任首席执行官，"
            + "并组建由布雷特·泰勒领导的新董事会。此前七百多名员工联名致信董事会，威胁集体辞职并追随奥特曼加入微软。";
    private static final String GOVERNANCE_STORY = "两个月后，公司公布了新的治理结构，外界评价不一，有人认为董事会的"
            + "权力被削弱，也有人认为这只是形式上的调整，真正的变化还要看接下来的人事安排。";

    private final MockProcessorContext<String, ArticleCleaned> context = contextWithStore();

    @Test
    void shouldRebuildTheSameIndexAfterARestartAndFindANearCopyOfAnOriginalIngestedBeforeIt() {
        DuplicateMarker before = started(THIRTY_DAYS);
        before.process(article("wire", "原稿", WIRE_STORY, "2023-11-18T08:00:00Z"));            // original, indexed
        before.process(article("return", "回归", RETURN_STORY, "2023-11-22T08:00:00Z"));        // original, indexed
        before.process(article("near", "转载", WIRE_STORY.replace("周五", "周六"), "2023-11-18T09:00:00Z")); // near
        before.process(article("exact", "转载", RETURN_STORY, "2023-11-22T09:00:00Z"));         // exact copy
        before.process(article("wire", "原稿（更正）", WIRE_STORY, "2023-11-18T08:00:00Z"));     // title corrected
        before.process(article("gov", "治理", GOVERNANCE_STORY, "2023-12-20T08:00:00Z"));       // cutoff 11-20
        Set<SimHashIndex.Original> indexedBefore = before.indexedOriginals();
        before.close();
        context.resetForwards();

        DuplicateMarker after = started(THIRTY_DAYS);
        assertEquals(Set.of("return", "gov"), ids(indexedBefore), "the wire story is older than the retention");
        assertEquals(indexedBefore, after.indexedOriginals());
        after.process(article("late", "转载", RETURN_STORY.replace("五天", "六天"), "2023-11-26T08:00:00Z"));
        assertEquals(List.of(marked(article("late", "转载", RETURN_STORY.replace("五天", "六天"),
                "2023-11-26T08:00:00Z"), "return", ArticleCleaned.NEAR)), forwarded());
    }

    @Test
    void shouldForgetAnOriginalOlderThanTheRetentionSoThatItsNearCopyPassesAsAnOriginal() {
        long storedBefore = NearDuplicateIndexCounters.JVM.originalsStored.get();
        long prunedBefore = NearDuplicateIndexCounters.JVM.originalsPruned.get();
        DuplicateMarker marker = started(THIRTY_DAYS);
        marker.process(article("wire", "原稿", WIRE_STORY, "2023-11-18T08:00:00Z"));
        // 32 days on: the retention cutoff passes the wire story (prunes run once a day of stream time here)
        marker.process(article("gov", "治理", GOVERNANCE_STORY, "2023-12-20T08:00:00Z"));
        // within the horizon of the forgotten story but after the cutoff: an original, indexed in its turn
        ArticleCleaned copy = article("copy", "转载", WIRE_STORY.replace("周五", "周六"), "2023-11-23T08:00:00Z")
                .value();
        marker.process(new Record<>("copy", copy, Instant.parse("2023-11-23T08:00:00Z").toEpochMilli()));

        assertEquals(List.of("wire", "gov", "copy"), forwarded().stream().map(ArticleCleaned::id).toList());
        assertEquals(copy, forwarded().get(2), "passed unmarked");
        assertEquals(Set.of("gov", "copy"), ids(marker.indexedOriginals()));
        assertEquals(2, NearDuplicateIndexCounters.JVM.originalsStored.get() - storedBefore);
        assertEquals(1, NearDuplicateIndexCounters.JVM.originalsPruned.get() - prunedBefore);
        marker.close();
        assertEquals(0, NearDuplicateIndexCounters.JVM.originalsStored.get() - storedBefore);
    }

    @Test
    void shouldReadAnEntryWrittenBeforeSimHashesMovedIntoTheStoreAsNotIndexed() {
        String textHash = ArticleCleaner.sha256Hex("标题\n正文。");
        assertEquals(new FirstArticle("#7f", textHash, OptionalLong.empty(), 5L),
                FirstArticle.decode(textHash + "#7f", 5L));
        FirstArticle indexed = new FirstArticle("#7f", textHash, OptionalLong.of(-2L), 5L);
        assertEquals(indexed, FirstArticle.decode(indexed.encode(), 5L));
        assertEquals("#fffffffffffffffe" + textHash + "#7f", indexed.encode());
    }

    private DuplicateMarker started(IngestSettings settings) {
        DuplicateMarker marker = new DuplicateMarker(IngestStage.CONTENT_HASH_STORE, settings);
        marker.init(context);
        return marker;
    }

    private List<ArticleCleaned> forwarded() {
        return context.forwarded().stream().<ArticleCleaned>map(f -> f.record().value()).toList();
    }

    private static MockProcessorContext<String, ArticleCleaned> contextWithStore() {
        MockProcessorContext<String, ArticleCleaned> created = new MockProcessorContext<>();
        TimestampedKeyValueStore<String, String> store = Stores.timestampedKeyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(IngestStage.CONTENT_HASH_STORE), Serdes.String(), Serdes.String())
                .withLoggingDisabled().build();
        store.init(created.getStateStoreContext(), store);
        created.addStateStore(store);
        return created;
    }

    static Record<String, ArticleCleaned> article(String id, String title, String body, String publishedAt) {
        return new Record<>(id, new ArticleCleaned(2, id, title, body, title + "\n" + body, publishedAt, "示例日报",
                null, "zh", ArticleCleaner.sha256Hex(body), null, null, SimHash.hex(SimHash.of(body, 2))),
                Instant.parse(publishedAt).toEpochMilli());
    }

    private static ArticleCleaned marked(Record<String, ArticleCleaned> record, String duplicateOf, String kind) {
        ArticleCleaned a = record.value();
        return new ArticleCleaned(a.schemaVersion(), a.id(), a.title(), a.body(), a.text(), a.publishedAt(),
                a.source(), a.url(), a.language(), a.contentHash(), duplicateOf, kind, a.simHash());
    }

    static Set<String> ids(Set<SimHashIndex.Original> originals) {
        Set<String> ids = new TreeSet<>();
        originals.forEach(original -> ids.add(original.id()));
        return ids;
    }
}
