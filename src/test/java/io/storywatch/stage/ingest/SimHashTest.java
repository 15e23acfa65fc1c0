package io.storywatch.stage.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.storywatch.event.RawArticle;
import io.storywatch.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class SimHashTest {

    private static final NearDuplicateSettings DEFAULTS = NearDuplicateSettings.defaults();

    @Test
    void shouldHashEachShinglesUtf8BytesAsStringGetBytesWritesThem() {
        java.util.Random random = new java.util.Random(7);
        int[] ranges = {0x20, 0x7f, 0x80, 0x7ff, 0x800, 0xffff, 0x10000, 0x10ffff};
        for (int trial = 0; trial < 2000; trial++) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 1 + random.nextInt(6); i++) {
                int range = random.nextInt(4) * 2;
                int codePoint = ranges[range] + random.nextInt(ranges[range + 1] - ranges[range] + 1);
                text.appendCodePoint(codePoint);   // the BMP's range holds the surrogates, lone ones among them
            }
            int[] codePoints = text.codePoints().toArray();
            long expected = 0xcbf29ce484222325L;
            for (byte b : new String(codePoints, 0, codePoints.length).getBytes(StandardCharsets.UTF_8)) {
                expected = (expected ^ (b & 0xff)) * 0x100000001b3L;
            }
            assertEquals(expected, SimHash.fnv1a(codePoints, 0, codePoints.length), text::toString);
        }
    }

    @Test
    void shouldIgnoreWhitespaceAndBeStable() {
        long a = SimHash.of("奥特曼重返OpenAI。\n董事会改组。", 2);
        assertEquals(a, SimHash.of("奥特曼重返 OpenAI。 董事会改组。", 2));
        assertEquals(0, SimHash.distance(a, a));
        assertEquals(a, SimHash.parse(SimHash.hex(a)));
        assertEquals(16, SimHash.hex(a).length());
    }

    @Test
    void shouldSplitTheFingerprintIntoBandsCoveringEveryBit() {
        long fingerprint = 0x8123_4567_89ab_cdefL;
        int bands = DEFAULTS.bands();
        long rebuilt = 0;
        for (int band = 0; band < bands; band++) {
            rebuilt |= SimHash.band(fingerprint, band, bands) << (band * 64 / bands);
        }
        assertEquals(fingerprint, rebuilt);
    }

    /** Our own sample articles: copies with two characters changed stay close, distinct articles stay far. */
    @Test
    void shouldKeepLightlyEditedCopiesWithinTheDistanceAndDistinctArticlesBeyondIt() throws IOException {
        List<String> bodies = sampleBodies();
        List<Long> fingerprints = new ArrayList<>();
        for (String body : bodies) {
            long original = SimHash.of(body, DEFAULTS.shingleLength());
            fingerprints.add(original);
            StringBuilder edited = new StringBuilder(body);
            edited.setCharAt(body.length() / 3, '的');
            edited.setCharAt(2 * body.length() / 3, '了');
            int distance = SimHash.distance(original, SimHash.of(edited.toString(), DEFAULTS.shingleLength()));
            assertTrue(distance <= DEFAULTS.maxDistance(), "an edited copy is " + distance + " bits away");
        }
        for (int i = 0; i < bodies.size(); i++) {
            for (int j = i + 1; j < bodies.size(); j++) {
                if (!bodies.get(i).equals(bodies.get(j))) {
                    int distance = SimHash.distance(fingerprints.get(i), fingerprints.get(j));
                    assertTrue(distance > DEFAULTS.maxDistance(), "two distinct articles are " + distance + " bits apart");
                }
            }
        }
    }

    private static List<String> sampleBodies() throws IOException {
        TextNormalizer normalizer = new TextNormalizer();
        List<String> bodies = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                SimHashTest.class.getResourceAsStream("/samples/articles.jsonl")), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    bodies.add(normalizer.normalize(Json.fromString(line, RawArticle.class).body()));
                }
            }
        }
        assertTrue(bodies.size() >= 30);
        return bodies;
    }
}
