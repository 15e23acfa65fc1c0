package io.storywatch.bench;

import io.storywatch.analysis.ArticleAnalyzer;
import io.storywatch.bench.BenchCorpus.BenchArticle;
import io.storywatch.event.ArticleCleaned;
import io.storywatch.event.ArticleSegmented;
import io.storywatch.event.EntitiesTagged;
import io.storywatch.event.StanceScored;
import io.storywatch.stage.ingest.ArticleCleaner;
import io.storywatch.stage.ingest.TextNormalizer;
import io.storywatch.stage.score.ArticleScorer;
import io.storywatch.stage.score.SentimentModels;
import io.storywatch.stage.segment.HanLpSegmenter;
import io.storywatch.stage.segment.SegmentStage;
import io.storywatch.stage.tag.EntityTagger;
import io.storywatch.story.Stories;
import io.storywatch.story.StoryDefinition;
import io.storywatch.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Serde;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Each stage's Kafka-free work on one benchmark article (the articles {@code bench} feeds), so that a change to one
 * stage can be measured on its own: one operation is one article, the next one each time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StageBenchmarks {

    @Param("200")
    int articles;

    private StoryDefinition story;
    private TextNormalizer normalizer;
    private HanLpSegmenter segmenter;
    private EntityTagger tagger;
    private ArticleScorer scorer;
    private ArticleAnalyzer analyzer;
    private Serde<ArticleSegmented> segmentedSerde;
    private String[] bodies;
    private byte[][] raw;
    private ArticleCleaned[] cleaned;
    private ArticleSegmented[] segmented;
    private byte[][] segmentedJson;
    private EntitiesTagged[] tagged;
    private Serde<EntitiesTagged> taggedSerde;
    private byte[][] taggedJson;
    private Serde<StanceScored> scoredSerde;
    private byte[][] scoredJson;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        story = Stories.defaultStory();
        List<BenchArticle> corpus = BenchCorpus.fromSamples(story).articles("jmh", articles, 20231117,
                Instant.parse("2024-05-20T00:00:00Z"), Duration.ofDays(6), false, List.of());
        normalizer = new TextNormalizer();
        segmenter = HanLpSegmenter.forStory(story);
        tagger = new EntityTagger();
        scorer = ArticleAnalyzer.scorerFor(story, SentimentModels.loadDefault());
        analyzer = new ArticleAnalyzer(new ArticleCleaner(), segmenter, tagger, story, scorer);
        segmentedSerde = Topics.SEGMENTED.valueSerde();
        ArticleCleaner cleaner = new ArticleCleaner();
        int n = corpus.size();
        bodies = new String[n];
        raw = new byte[n][];
        cleaned = new ArticleCleaned[n];
        segmented = new ArticleSegmented[n];
        segmentedJson = new byte[n][];
        tagged = new EntitiesTagged[n];
        taggedSerde = Topics.TAGGED.valueSerde();
        taggedJson = new byte[n][];
        scoredSerde = Topics.SCORED.valueSerde();
        scoredJson = new byte[n][];
        for (int i = 0; i < n; i++) {
            bodies[i] = corpus.get(i).raw().body();
            raw[i] = corpus.get(i).json();
            cleaned[i] = ((ArticleCleaner.Cleaned) cleaner.clean(raw[i])).article();
            segmented[i] = SegmentStage.segmented(cleaned[i], segmenter);
            segmentedJson[i] = segmentedSerde.serializer().serialize(Topics.SEGMENTED.name(), segmented[i]);
            tagged[i] = tagger.tag(segmented[i], story);
            taggedJson[i] = taggedSerde.serializer().serialize(Topics.TAGGED.name(), tagged[i]);
            scoredJson[i] = scoredSerde.serializer().serialize(Topics.SCORED.name(), scorer.score(tagged[i]));
        }
    }

    private int next() {
        int i = next;
        next = (i + 1) % bodies.length;
        return i;
    }

    /** ingest: HTML, traditional characters, full width and whitespace of one body. */
    @Benchmark
    public String normalise() {
        return normalizer.normalize(bodies[next()]);
    }

    /** ingest: validation and normalisation of one raw record, as the stage does it. */
    @Benchmark
    public ArticleCleaner.Result clean() {
        return new ArticleCleaner().clean(raw[next()]);
    }

    /** segment: sentences and HanLP words of one article's text, with the story's names kept whole. */
    @Benchmark
    public ArticleSegmented segment() {
        return SegmentStage.segmented(cleaned[next()], segmenter);
    }

    /** tag: entity mentions and relevance of one segmented article. */
    @Benchmark
    public EntitiesTagged tag() {
        return tagger.tag(segmented[next()], story);
    }

    /** score: sentence and target sentiment, entity and faction scores of one tagged article. */
    @Benchmark
    public StanceScored score() {
        return scorer.score(tagged[next()]);
    }

    /** The whole chain offline, raw bytes to analysis object: what {@code analyze} does per article. */
    @Benchmark
    public ArticleAnalyzer.Outcome analyze() {
        return analyzer.analyze(raw[next()]);
    }

    /** What Kafka adds per hop besides the broker: one segmented article from JSON and back, as the serde does. */
    @Benchmark
    public byte[] segmentedJsonRoundTrip() {
        int i = next();
        ArticleSegmented article = segmentedSerde.deserializer().deserialize(Topics.SEGMENTED.name(), segmentedJson[i]);
        return segmentedSerde.serializer().serialize(Topics.SEGMENTED.name(), article);
    }

    /** The next hop: one tagged article from JSON and back. */
    @Benchmark
    public byte[] taggedJsonRoundTrip() {
        int i = next();
        EntitiesTagged article = taggedSerde.deserializer().deserialize(Topics.TAGGED.name(), taggedJson[i]);
        return taggedSerde.serializer().serialize(Topics.TAGGED.name(), article);
    }

    /** The hop the aggregate and the dashboard read: one scored article (the analysis object) from JSON and back. */
    @Benchmark
    public byte[] scoredJsonRoundTrip() {
        int i = next();
        StanceScored article = scoredSerde.deserializer().deserialize(Topics.SCORED.name(), scoredJson[i]);
        return scoredSerde.serializer().serialize(Topics.SCORED.name(), article);
    }
}
