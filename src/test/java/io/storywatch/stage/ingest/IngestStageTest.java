package io.storywatch.stage.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.storywatch.event.ArticleCleaned;
import io.storywatch.event.ArticleRejected;
import io.storywatch.json.Json;
import io.storywatch.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.kafka.streams.TopologyDescription;
import java.util.TreeSet;
import java.util.Set;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IngestStageTest {

    /** When the articles were fed: later than every publishedAt below unless a test says otherwise. */
    private static final Instant FED_AT = Instant.parse("2024-06-30T12:00:00Z");

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> raw;
    private TestOutputTopic<String, ArticleCleaned> clean;
    private TestOutputTopic<String, ArticleRejected> rejected;

    private void start(IngestStage stage) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "ingest-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(stage.buildTopology(), props);
        raw = driver.createInputTopic(Topics.RAW.name(), Topics.RAW.keySerde().serializer(),
                Topics.RAW.valueSerde().serializer());
        clean = driver.createOutputTopic(Topics.CLEAN.name(), Topics.CLEAN.keySerde().deserializer(),
                Topics.CLEAN.valueSerde().deserializer());
        rejected = driver.createOutputTopic(Topics.REJECTED.name(), Topics.REJECTED.keySerde().deserializer(),
                Topics.REJECTED.valueSerde().deserializer());
    }

    private void start() {
        start(new IngestStage());
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    @Test
    void shouldCleanAValidArticleAndStampItWithItsPublicationTime() {
        start();
        raw.pipeInput(new TestRecord<>("a-1", article("a-1", "<h1>奧特曼回歸</h1>",
                "<p>董事會　宣佈奧特曼回歸。</p><p>ＯｐｅｎＡＩ&amp;微軟&nbsp;歡迎。</p>",
                "2023-11-22T14:30:00+08:00"), FED_AT));

        String body = "董事会 宣布奥特曼回归。\n\nOpenAI&微软 欢迎。";
        assertEquals(new TestRecord<>("a-1", new ArticleCleaned(2, "a-1", "奥特曼回归", body, "奥特曼回归\n" + body,
                        "2023-11-22T14:30:00+08:00", "示例日报", null, "zh", sha256(body), null, null, simHash(body)),
                        Instant.parse("2023-11-22T06:30:00Z")),
                withoutHeaders(clean.readRecord()));
        assertTrue(clean.isEmpty());
        assertTrue(rejected.isEmpty());
    }

    @Test
    void shouldKeepTheRecordTimestampWhenThereIsNoPublicationTime() {
        start();
        raw.pipeInput(new TestRecord<>("a-2", article("a-2", null, "没有日期的新闻。", null), FED_AT));

        assertEquals(new TestRecord<>("a-2", new ArticleCleaned(2, "a-2", "", "没有日期的新闻。", "\n没有日期的新闻。",
                        null, "示例日报", null, "zh", sha256("没有日期的新闻。"), null, null, simHash("没有日期的新闻。")), FED_AT),
                withoutHeaders(clean.readRecord()));
        assertTrue(clean.isEmpty());
    }

    @Test
    void shouldNeverStampAnArticleLaterThanItWasFed() {
        start();
        raw.pipeInput(new TestRecord<>("a-3", article("a-3", "未来", "日期写错的新闻。", "2031-01-01"), FED_AT));

        assertEquals(new TestRecord<>("a-3", new ArticleCleaned(2, "a-3", "未来", "日期写错的新闻。",
                        "未来\n日期写错的新闻。", "2031-01-01T00:00:00Z", "示例日报", null, "zh",
                        sha256("日期写错的新闻。"), null, null, simHash("日期写错的新闻。")), FED_AT),
                withoutHeaders(clean.readRecord()));
        assertTrue(clean.isEmpty());
    }

    static Stream<Arguments> malformedRecords() {
        return Stream.of(
                Arguments.of("{\"id\": \"m-1\", \"body\": \"断了", RejectionCode.NOT_JSON,
                        "not JSON: Unexpected end-of-input: was expecting closing quote for a string value at line 1,"
                                + " column 26"),
                Arguments.of("[1, 2]", RejectionCode.NOT_AN_OBJECT, "expected a JSON object, got array"),
                Arguments.of("{\"body\": \"没有编号。\"}", RejectionCode.MISSING_ID,
                        "the required field \"id\" is missing"),
                Arguments.of("{\"id\": \"m-4\", \"title\": \"只有标题\"}", RejectionCode.MISSING_BODY,
                        "the required field \"body\" is missing"),
                Arguments.of("{\"id\": \"m-5\", \"body\": \"\"}", RejectionCode.EMPTY_BODY,
                        "the required field \"body\" is empty"),
                Arguments.of("{\"id\": \"m-6\", \"body\": \"<p>&nbsp;</p><script>x()</script>\"}",
                        RejectionCode.EMPTY_BODY, "\"body\" is empty once HTML and whitespace are removed"),
                Arguments.of("{\"id\": \"m-7\", \"body\": 3.14}", RejectionCode.WRONG_TYPE,
                        "\"body\" must be a string, got number"),
                Arguments.of("{\"id\": \"m-8\", \"body\": \"正文。\", \"publishedAt\": true}", RejectionCode.WRONG_TYPE,
                        "\"publishedAt\" must be a string, got boolean"),
                Arguments.of("{\"id\": \"m-9\", \"body\": \"正文。\", \"publishedAt\": \"上周二\"}",
                        RejectionCode.BAD_TIMESTAMP, "\"publishedAt\" is \"上周二\", expected ISO-8601 like"
                                + " 2024-05-28T10:00:00+08:00, 2024-05-28T02:00:00Z or 2024-05-28"));
    }

    @ParameterizedTest
    @MethodSource("malformedRecords")
    void shouldRouteMalformedRecordsToRejectedWithTheirReason(String value, RejectionCode code, String message) {
        start();
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        raw.pipeInput(new TestRecord<>("key-1", bytes, FED_AT));

        TestRecord<String, ArticleRejected> record = rejected.readRecord();
        assertEquals(new TestRecord<>("key-1", new ArticleRejected(1, code.name(), message, "key-1", 0, 0L,
                bytes.length, value, null, false), FED_AT), withoutHeaders(record));
        assertRejectHeaders(code.name(), message, record.headers());
        assertTrue(rejected.isEmpty());
        assertTrue(clean.isEmpty());
    }

    @Test
    void shouldRejectA2MiBBodyAsTooLargeKeepingA64KiBTextPrefix() {
        start();
        String head = "{\"id\":\"big\",\"body\":\"";
        String json = head + "新".repeat(2 * 1024 * 1024 / 3 + 1) + "\"}";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        raw.pipeInput(new TestRecord<>("big", bytes, FED_AT));

        // 64 KiB = the 20-byte head, 21838 three-byte characters (65514 bytes) and 2 bytes of a character, cut off
        String keptPrefix = head + "新".repeat(21838);
        String message = "the value is " + bytes.length + " bytes, over the limit of 1048576 bytes";
        TestRecord<String, ArticleRejected> record = rejected.readRecord();
        assertEquals(new TestRecord<>("big", new ArticleRejected(1, "TOO_LARGE", message, "big", 0, 0L,
                bytes.length, keptPrefix, null, true), FED_AT), withoutHeaders(record));
        assertRejectHeaders("TOO_LARGE", message, record.headers());
        assertTrue(rejected.isEmpty());
        assertTrue(clean.isEmpty());
    }

    @Test
    void shouldRejectInvalidUtf8KeepingTheBytesAsBase64() {
        start();
        byte[] latin1 = "{\"id\": \"gbk\", \"body\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        raw.pipeInput(new TestRecord<>(null, latin1, FED_AT));

        String message = "not valid UTF-8 at byte 26 of 29";
        TestRecord<String, ArticleRejected> record = rejected.readRecord();
        assertEquals(new TestRecord<>(null, new ArticleRejected(1, "NOT_UTF8", message, null, 0, 0L, latin1.length,
                null, Base64.getEncoder().encodeToString(latin1), false), FED_AT), withoutHeaders(record));
        assertRejectHeaders("NOT_UTF8", message, record.headers());
        assertTrue(rejected.isEmpty());
        assertTrue(clean.isEmpty());
    }

    @Test
    void shouldRecordWhereEachRejectedRecordSitsInTheRawTopic() {
        start();
        raw.pipeInput(new TestRecord<>("ok", article("ok", "标题", "正文。", null), FED_AT));
        raw.pipeInput(new TestRecord<>("bad", "不是 JSON".getBytes(StandardCharsets.UTF_8), FED_AT));

        assertEquals(new TestRecord<>("bad", new ArticleRejected(1, "NOT_JSON",
                        "not JSON: Unrecognized token '不是': was expecting (JSON String, Number, Array, Object or"
                                + " token 'null', 'true' or 'false') at line 1, column 1",
                        "bad", 0, 1L, 11, "不是 JSON", null, false), FED_AT),
                withoutHeaders(rejected.readRecord()));
        assertTrue(rejected.isEmpty());
        assertEquals("ok", clean.readRecord().key());
        assertTrue(clean.isEmpty());
    }

    @Test
    void shouldMarkAnExactDuplicateUnderAnotherIdWithTheFirstId() {
        start();
        String body = "苏茨克维与莱克相继离开。";
        raw.pipeInput(new TestRecord<>("wire-1", article("wire-1", "两位安全负责人离职", body, "2024-05-15"), FED_AT));
        raw.pipeInput(new TestRecord<>("copy-1", article("copy-1", "转载：安全团队解散", "<p>" + body + "</p>",
                "2024-05-16"), FED_AT));

        assertEquals(new TestRecord<>("wire-1", new ArticleCleaned(2, "wire-1", "两位安全负责人离职", body,
                        "两位安全负责人离职\n" + body, "2024-05-15T00:00:00Z", "示例日报", null, "zh", sha256(body), null, null, simHash(body)),
                        Instant.parse("2024-05-15T00:00:00Z")),
                withoutHeaders(clean.readRecord()));
        assertEquals(new TestRecord<>("copy-1", new ArticleCleaned(2, "copy-1", "转载：安全团队解散", body,
                        "转载：安全团队解散\n" + body, "2024-05-16T00:00:00Z", "示例日报", null, "zh", sha256(body),
                        "wire-1", "exact", simHash(body)), Instant.parse("2024-05-16T00:00:00Z")),
                withoutHeaders(clean.readRecord()));
        assertTrue(clean.isEmpty());
        assertTrue(rejected.isEmpty());
    }

    private static final String WIRE_STORY = "本报讯 周五傍晚，OpenAI董事会突然发表声明，称奥特曼不再担任公司掌门人，"
            + "理由是董事会对他失去了信任。暂时接替他的是技术负责人穆拉蒂。\n"
            + "几小时后，布罗克曼也宣布不再担任董事长。消息一出，微软股价在盘后下挫，"
            + "好几位投资人都说自己事先毫不知情。分析人士认为，这场突如其来的人事变动可能拖慢公司下一轮融资的进度，"
            + "也让合作伙伴开始重新评估与它的关系。";

    @Test
    void shouldMarkASyndicatedCopyWithAFewCharactersChangedAsANearDuplicate() {
        start();
        String copyBody = WIRE_STORY.replace("周五", "周六").replace("下挫", "走低");
        String otherBody = "在奥特曼被解职五天后，OpenAI宣布他将重返公司担任首席执行官，并组建由布雷特·泰勒领导的新董事会。"
                + "此前七百多名员工联名致信董事会，威胁集体辞职并追随奥特曼加入微软。分析人士认为，这场风波暴露了"
                + "非营利董事会与商业化业务之间的深层矛盾。";
        raw.pipeInput(new TestRecord<>("wire", article("wire", "奥特曼被解职", WIRE_STORY, "2023-11-18"), FED_AT));
        raw.pipeInput(new TestRecord<>("near", article("near", "转载：OpenAI换帅", copyBody, "2023-11-18"), FED_AT));
        raw.pipeInput(new TestRecord<>("other", article("other", "奥特曼回归", otherBody, "2023-11-22"), FED_AT));

        assertEquals(new TestRecord<>("wire", new ArticleCleaned(2, "wire", "奥特曼被解职", WIRE_STORY,
                        "奥特曼被解职\n" + WIRE_STORY, "2023-11-18T00:00:00Z", "示例日报", null, "zh", sha256(WIRE_STORY),
                        null, null, simHash(WIRE_STORY)), Instant.parse("2023-11-18T00:00:00Z")),
                withoutHeaders(clean.readRecord()));
        assertEquals(new TestRecord<>("near", new ArticleCleaned(2, "near", "转载：OpenAI换帅", copyBody,
                        "转载：OpenAI换帅\n" + copyBody, "2023-11-18T00:00:00Z", "示例日报", null, "zh",
                        sha256(copyBody), "wire", "near", simHash(copyBody)), Instant.parse("2023-11-18T00:00:00Z")),
                withoutHeaders(clean.readRecord()));
        assertEquals(new TestRecord<>("other", new ArticleCleaned(2, "other", "奥特曼回归", otherBody,
                        "奥特曼回归\n" + otherBody, "2023-11-22T00:00:00Z", "示例日报", null, "zh", sha256(otherBody),
                        null, null, simHash(otherBody)), Instant.parse("2023-11-22T00:00:00Z")),
                withoutHeaders(clean.readRecord()));
        assertTrue(clean.isEmpty());
    }

    private static final String OTHER_STORY = "在奥特曼被解职五天后，OpenAI宣布他将重返公司担任首席执行官，并组建由布雷特·泰勒领导的"
            + "新董事会。此前七百多名员工联名致信董事会，威胁集体辞职并追随奥特曼加入微软。分析人士认为，这场风波暴露了"
            + "非营利董事会与商业化业务之间的深层矛盾。";

    @Test
    void shouldCostTheBrokerOneChangelogRecordPerOriginalAndPerCopy() {
        startWithTwoOriginalsAndANearCopy();
        raw.pipeInput(new TestRecord<>("exact", article("exact", "转载", OTHER_STORY, "2023-11-22"), FED_AT));
        raw.pipeInput(new TestRecord<>("wire", article("wire", "原稿", WIRE_STORY, "2023-11-18"), FED_AT));

        assertEquals(Arrays.asList(null, null, "wire", "other"),
                clean.readValuesToList().stream().map(ArticleCleaned::duplicateOf).toList());
        // two originals, a near copy and an exact copy: one record each; the re-send none
        assertEquals(Map.of("ingest-test-ingest-articles-by-content-hash-changelog", 4L), changelogRecords());
    }

    @Test
    void shouldRebuildTheNearDuplicateIndexFromTheChangelogAlone() {
        startWithTwoOriginalsAndANearCopy();

        // a crash: the stage starts again on an empty store restored from the changelog
        var restarted = new MockProcessorContext<String, ArticleCleaned>();
        var restored = Stores.timestampedKeyValueStoreBuilder(Stores.inMemoryKeyValueStore(
                IngestStage.CONTENT_HASH_STORE), Serdes.String(), Serdes.String()).withLoggingDisabled().build();
        restored.init(restarted.getStateStoreContext(), restored);
        restarted.addStateStore(restored);
        driver.createOutputTopic("ingest-test-" + IngestStage.CONTENT_HASH_STORE + "-changelog",
                new StringDeserializer(), new StringDeserializer()).readRecordsToList()
                .forEach(change -> restored.put(change.key(), change.value() == null ? null
                        : ValueAndTimestamp.make(change.value(), change.timestamp())));
        DuplicateMarker marker = new DuplicateMarker(IngestStage.CONTENT_HASH_STORE, IngestSettings.defaults());
        marker.init(restarted);

        assertEquals(Set.of("other", "wire"), DuplicateMarkerTest.ids(marker.indexedOriginals()));
        marker.process(DuplicateMarkerTest.article("late", "转载", WIRE_STORY.replace("下挫", "走低"),
                "2023-11-20T00:00:00Z"));
        ArticleCleaned late = restarted.forwarded().get(0).record().value();
        assertEquals(List.of("wire", "near"), List.of(late.duplicateOf(), late.duplicateKind()));
    }

    /** Starts the stage and feeds two originals ("wire", "other") and a near copy of the first ("near"). */
    private void startWithTwoOriginalsAndANearCopy() {
        start();
        raw.pipeInput(new TestRecord<>("wire", article("wire", "原稿", WIRE_STORY, "2023-11-18"), FED_AT));
        raw.pipeInput(new TestRecord<>("other", article("other", "回归", OTHER_STORY, "2023-11-22"), FED_AT));
        raw.pipeInput(new TestRecord<>("near", article("near", "转载", WIRE_STORY.replace("周五", "周六"),
                "2023-11-18"), FED_AT));
    }

    /** Records written to each changelog topic, which is what the stores cost the broker. */
    private Map<String, Long> changelogRecords() {
        Map<String, Long> counts = new TreeMap<>();
        for (String topic : driver.producedTopicNames()) {
            if (topic.endsWith("-changelog")) {
                counts.put(topic, driver.createOutputTopic(topic, new StringDeserializer(),
                        new ByteArrayDeserializer()).getQueueSize());
            }
        }
        return counts;
    }

    @Test
    void shouldOnlyCompareShortBodiesExactly() {
        start(new IngestStage(new IngestSettings(1024 * 1024, 1_000_000, new NearDuplicateSettings(2, 7, 200))));
        raw.pipeInput(new TestRecord<>("w", article("w", "原稿", WIRE_STORY, null), FED_AT));
        raw.pipeInput(new TestRecord<>("c", article("c", "转载", WIRE_STORY.replace("周五", "周六"), null), FED_AT));

        assertEquals(null, clean.readRecord().value().duplicateOf());
        assertEquals(null, clean.readRecord().value().duplicateOf());
        assertTrue(clean.isEmpty());
    }

    @Test
    void shouldNotMarkANewVersionOfTheSameIdAsItsOwnNearDuplicate() {
        start();
        raw.pipeInput(new TestRecord<>("v", article("v", "初稿", WIRE_STORY, null), FED_AT));
        raw.pipeInput(new TestRecord<>("v", article("v", "更正", WIRE_STORY.replace("周五", "周四"), null), FED_AT));

        assertEquals(null, clean.readRecord().value().duplicateOf());
        assertEquals(null, clean.readRecord().value().duplicateOf());
        assertTrue(clean.isEmpty());
    }

    @Test
    void shouldCatchCopiesPublishedWithinTheHorizonEitherSideOfTheirOriginalInAnyArrivalOrder() {
        start();
        raw.pipeInput(new TestRecord<>("wire", article("wire", "原稿", WIRE_STORY, "2023-11-18T08:00:00Z"), FED_AT));
        // six days later, and, arriving after it, a copy dated six days before the original
        raw.pipeInput(new TestRecord<>("later", article("later", "转载", WIRE_STORY.replace("周五", "周六"),
                "2023-11-24T07:00:00Z"), FED_AT));
        raw.pipeInput(new TestRecord<>("earlier", article("earlier", "转载", WIRE_STORY.replace("下挫", "走低"),
                "2023-11-12T09:00:00Z"), FED_AT));

        assertEquals(null, clean.readRecord().value().duplicateOf());
        assertEquals("wire", clean.readRecord().value().duplicateOf());
        assertEquals("wire", clean.readRecord().value().duplicateOf());
        assertTrue(clean.isEmpty());
    }

    @Test
    void shouldTakeACopyPublishedLaterThanTheHorizonAfterItsOriginalForAnOriginal() {
        start();
        raw.pipeInput(new TestRecord<>("wire", article("wire", "原稿", WIRE_STORY, "2023-11-18T08:00:00Z"), FED_AT));
        // a week and a day later: past the default horizon of 7 days
        raw.pipeInput(new TestRecord<>("old-news", article("old-news", "旧闻重发", WIRE_STORY.replace("周五", "周六"),
                "2023-11-26T08:00:00Z"), FED_AT));
        // and a copy of that one within its own horizon points at it, the nearer original
        raw.pipeInput(new TestRecord<>("copy", article("copy", "转载", WIRE_STORY.replace("周五", "周六")
                .replace("下挫", "走低"), "2023-11-27T08:00:00Z"), FED_AT));

        assertEquals(null, clean.readRecord().value().duplicateOf());
        ArticleCleaned oldNews = clean.readRecord().value();
        assertEquals("old-news", oldNews.id());
        assertEquals(null, oldNews.duplicateOf());
        assertEquals("old-news", clean.readRecord().value().duplicateOf());
        assertTrue(clean.isEmpty());
        assertEquals(Set.of("wire", "old-news"), indexedOriginals(), "copies are not indexed");
    }

    @Test
    void shouldHonourAShorterHorizon() {
        start(new IngestStage(IngestSettings.defaults().withNearDuplicates(
                NearDuplicateSettings.defaults().withHorizon(Duration.ofHours(12)))));
        raw.pipeInput(new TestRecord<>("wire", article("wire", "原稿", WIRE_STORY, "2023-11-18T08:00:00Z"), FED_AT));
        raw.pipeInput(new TestRecord<>("same-day", article("same-day", "转载", WIRE_STORY.replace("周五", "周六"),
                "2023-11-18T19:00:00Z"), FED_AT));
        raw.pipeInput(new TestRecord<>("next-day", article("next-day", "转载", WIRE_STORY.replace("下挫", "走低"),
                "2023-11-19T09:00:00Z"), FED_AT));

        assertEquals(null, clean.readRecord().value().duplicateOf());
        assertEquals("wire", clean.readRecord().value().duplicateOf());
        assertEquals(null, clean.readRecord().value().duplicateOf());
    }

    @Test
    void shouldForgetArticlesPublishedLongerThanTheRetentionBeforeTheNewest() {
        start(new IngestStage(IngestSettings.defaults().withRetention(Duration.ofDays(30))));
        String exactBody = "董事会在周末召开紧急会议。";
        raw.pipeInput(new TestRecord<>("wire", article("wire", "原稿", WIRE_STORY, "2023-11-18"), FED_AT));
        raw.pipeInput(new TestRecord<>("exact", article("exact", "原稿", exactBody, "2023-11-18"), FED_AT));
        assertEquals(Set.of("wire"), indexedOriginals(), "the short body is compared exactly only");
        assertEquals(2, storeSize(IngestStage.CONTENT_HASH_STORE), "one entry per original");
        // news two months on moves stream time past the retention of both
        raw.pipeInput(new TestRecord<>("new", article("new", "新闻", "两个月后，公司公布了新的治理结构，外界评价不一，"
                + "有人认为董事会的权力被削弱，也有人认为这只是形式上的调整，真正的变化还要看接下来的人事安排。",
                "2024-01-20"), FED_AT));
        assertEquals(Set.of("new"), indexedOriginals(), "only the new article's fingerprint is left");
        assertEquals(1, storeSize(IngestStage.CONTENT_HASH_STORE));
        // a late copy of the forgotten articles is an original now, and a re-send passes again
        raw.pipeInput(new TestRecord<>("late-copy", article("late-copy", "转载", WIRE_STORY.replace("周五", "周六"),
                "2023-11-18"), FED_AT));
        raw.pipeInput(new TestRecord<>("exact", article("exact", "原稿", exactBody, "2023-11-18"), FED_AT));

        for (int i = 0; i < 3; i++) {
            clean.readRecord();
        }
        ArticleCleaned lateCopy = clean.readRecord().value();
        assertEquals("late-copy", lateCopy.id());
        assertEquals(null, lateCopy.duplicateOf());
        assertEquals("exact", clean.readRecord().value().id());
        assertTrue(clean.isEmpty());
        assertEquals(Set.of("new"), indexedOriginals(), "an article older than the retention is not indexed");
    }

    private long storeSize(String store) {
        var kv = (org.apache.kafka.streams.state.KeyValueStore<?, ?>) driver.getAllStateStores().get(store);
        try (var all = kv.all()) {
            long n = 0;
            while (all.hasNext()) {
                all.next();
                n++;
            }
            return n;
        }
    }

    /** The ids whose store entry carries a SimHash: the near-duplicate index after a restart. */
    private Set<String> indexedOriginals() {
        Set<String> ids = new TreeSet<>();
        try (var all = driver.<String, String>getTimestampedKeyValueStore(IngestStage.CONTENT_HASH_STORE).all()) {
            all.forEachRemaining(entry -> {
                if (entry.key.length() == FirstArticle.HASH_LENGTH) {
                    FirstArticle.decode(entry.value.value(), entry.value.timestamp()).indexed()
                            .ifPresent(original -> ids.add(original.id()));
                }
            });
        }
        return ids;
    }

    @Test
    void shouldDropAnArticleResentWithTheSameIdAndContent() {
        start();
        byte[] value = article("r-1", "马斯克起诉OpenAI", "马斯克提起诉讼。", "2024-03-01T09:00:00+08:00");
        raw.pipeInput(new TestRecord<>("r-1", value, FED_AT));
        raw.pipeInput(new TestRecord<>("r-1", value, FED_AT.plusSeconds(60)));

        assertEquals("r-1", clean.readRecord().key());
        assertTrue(clean.isEmpty());
        assertTrue(rejected.isEmpty());
    }

    @Test
    void shouldDropAResentDuplicateToo() {
        start();
        raw.pipeInput(new TestRecord<>("w", article("w", "原稿", "同一篇通稿。", null), FED_AT));
        raw.pipeInput(new TestRecord<>("c", article("c", "转载", "同一篇通稿。", null), FED_AT));
        raw.pipeInput(new TestRecord<>("c", article("c", "转载", "同一篇通稿。", null), FED_AT));

        assertEquals(null, clean.readRecord().value().duplicateOf());
        assertEquals("w", clean.readRecord().value().duplicateOf());
        assertTrue(clean.isEmpty());
    }

    @Test
    void shouldKeepTheFirstArticleOfABodyAndItsCopiesVersionsApartInOneStore() {
        start();
        raw.pipeInput(new TestRecord<>("w", article("w", "原稿", "同一篇通稿。", null), FED_AT));
        raw.pipeInput(new TestRecord<>("c", article("c", "转载", "同一篇通稿。", null), FED_AT));
        raw.pipeInput(new TestRecord<>("w", article("w", "原稿（更正标题）", "同一篇通稿。", null), FED_AT));
        raw.pipeInput(new TestRecord<>("w", article("w", "原稿（更正标题）", "同一篇通稿。", null), FED_AT));
        raw.pipeInput(new TestRecord<>("c", article("c", "转载", "同一篇通稿。", null), FED_AT));

        ArticleCleaned first = clean.readRecord().value();
        assertEquals("w", first.id());
        assertEquals(null, first.duplicateOf());
        assertEquals("w", clean.readRecord().value().duplicateOf());
        ArticleCleaned corrected = clean.readRecord().value();
        assertEquals("原稿（更正标题）", corrected.title(), "the first article's new title passes as a correction");
        assertEquals(null, corrected.duplicateOf(), "and it still owns its body");
        assertTrue(clean.isEmpty(), "re-sends of either are dropped");
        assertEquals(2, storeSize(IngestStage.CONTENT_HASH_STORE), "the body's first article and the copy");
    }

    @Test
    void shouldPassACorrectionOfTheSameIdAsANewVersion() {
        start();
        raw.pipeInput(new TestRecord<>("v", article("v", "初稿", "阿尔特曼被解雇。", null), FED_AT));
        raw.pipeInput(new TestRecord<>("v", article("v", "更正", "阿尔特曼被解雇。", null), FED_AT));
        raw.pipeInput(new TestRecord<>("v", article("v", "更正", "阿尔特曼被董事会解雇。", null), FED_AT));

        assertEquals(new TestRecord<>("v", new ArticleCleaned(2, "v", "初稿", "阿尔特曼被解雇。", "初稿\n阿尔特曼被解雇。",
                null, "示例日报", null, "zh", sha256("阿尔特曼被解雇。"), null, null, simHash("阿尔特曼被解雇。")), FED_AT), withoutHeaders(clean.readRecord()));
        assertEquals(new TestRecord<>("v", new ArticleCleaned(2, "v", "更正", "阿尔特曼被解雇。", "更正\n阿尔特曼被解雇。",
                null, "示例日报", null, "zh", sha256("阿尔特曼被解雇。"), null, null, simHash("阿尔特曼被解雇。")), FED_AT), withoutHeaders(clean.readRecord()));
        assertEquals(new TestRecord<>("v", new ArticleCleaned(2, "v", "更正", "阿尔特曼被董事会解雇。",
                "更正\n阿尔特曼被董事会解雇。", null, "示例日报", null, "zh", sha256("阿尔特曼被董事会解雇。"), null, null, simHash("阿尔特曼被董事会解雇。")), FED_AT),
                withoutHeaders(clean.readRecord()));
        assertTrue(clean.isEmpty());
    }

    @Test
    void shouldRejectAnArticleWhoseCleanFormExceedsTheCleanTopicLimit() {
        start(new IngestStage(new IngestSettings(1024 * 1024, 200)));
        byte[] value = article("long", "标题", "这是一段稍微长一点的正文，清洗后超过两百字节。", null);
        raw.pipeInput(new TestRecord<>("long", value, FED_AT));

        String body = "这是一段稍微长一点的正文，清洗后超过两百字节。";
        int cleanSize = Json.toBytes(new ArticleCleaned(2, "long", "标题", body, "标题\n" + body, null, "示例日报",
                null, "zh", sha256(body), null, null, simHash(body))).length;
        String message = "the cleaned article is " + cleanSize + " bytes, over the limit of 200 bytes for the clean topic";
        assertEquals(new TestRecord<>("long", new ArticleRejected(1, "TOO_LARGE", message, "long", 0, 0L,
                value.length, new String(value, StandardCharsets.UTF_8), null, false), FED_AT),
                withoutHeaders(rejected.readRecord()));
        assertTrue(rejected.isEmpty());
        assertTrue(clean.isEmpty());
    }

    @Test
    void shouldRejectRatherThanFailWhenNormalisationThrows() {
        TextNormalizer broken = new TextNormalizer(text -> {
            throw new IllegalStateException("dictionary missing");
        });
        start(new IngestStage(IngestSettings.defaults(), broken));
        byte[] value = article("x", "标题", "正文。", null);
        raw.pipeInput(new TestRecord<>("x", value, FED_AT));
        raw.pipeInput(new TestRecord<>("y", value, FED_AT));

        for (long offset = 0; offset < 2; offset++) {
            String key = offset == 0 ? "x" : "y";
            assertEquals(new TestRecord<>(key, new ArticleRejected(1, "UNPROCESSABLE",
                    "ingest failed: IllegalStateException: dictionary missing", key, 0, offset, value.length,
                    new String(value, StandardCharsets.UTF_8), null, false), FED_AT),
                    withoutHeaders(rejected.readRecord()));
        }
        assertTrue(rejected.isEmpty());
        assertTrue(clean.isEmpty());
    }

    private static byte[] article(String id, String title, String body, String publishedAt) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", id);
        fields.put("title", title);
        fields.put("body", body);
        fields.put("publishedAt", publishedAt);
        fields.put("source", "示例日报");
        fields.put("language", "zh");
        return Json.toBytes(fields);
    }

    private static void assertRejectHeaders(String code, String message, Headers headers) {
        assertArrayEquals(code.getBytes(StandardCharsets.UTF_8),
                headers.lastHeader("storywatch.reject.code").value());
        assertArrayEquals(message.getBytes(StandardCharsets.UTF_8),
                headers.lastHeader("storywatch.reject.message").value());
        assertEquals(2, headers.toArray().length);
    }

    /** Headers are asserted separately where they matter. */
    private static <K, V> TestRecord<K, V> withoutHeaders(TestRecord<K, V> record) {
        return new TestRecord<>(record.key(), record.value(), new RecordHeaders(), record.getRecordTime());
    }

    private static String simHash(String body) {
        return SimHash.hex(SimHash.of(body, 2));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }


    @Test
    void shouldNameItsRepartitionTopicAndStores() {
        assertEquals(Set.of("ingest-articles-by-content-hash", "ingest-near-duplicates-repartition"),
                internalNames(new IngestStage().buildTopology()));
    }

    /** Internal topic and store names carry state across upgrades: renaming one silently starts from empty. */
    static Set<String> internalNames(org.apache.kafka.streams.Topology topology) {
        Set<String> names = new TreeSet<>();
        for (TopologyDescription.Subtopology subtopology : topology.describe().subtopologies()) {
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Processor processor) {
                    names.addAll(processor.stores());
                } else if (node instanceof TopologyDescription.Sink sink && sink.topic().endsWith("-repartition")) {
                    names.add(sink.topic());
                }
            }
        }
        return names;
    }
}
