package io.storywatch.topic;

import io.storywatch.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The topic definitions of {@code topics/}, the one source of truth for what the broker must hold; the jar carries
 * them as classpath resources {@code topics/NAME.json}.
 */
public final class TopicCatalog {

    private final Map<String, TopicSpec> specs;

    private TopicCatalog(Collection<TopicSpec> specs) {
        Map<String, TopicSpec> byName = new LinkedHashMap<>();
        for (TopicSpec spec : specs) {
            if (byName.put(spec.name(), spec) != null) {
                throw new IllegalArgumentException("topic " + spec.name() + " is defined twice");
            }
        }
        this.specs = byName;
    }

    /** One spec per descriptor in {@link Topics#all()}, read from the classpath. */
    public static TopicCatalog fromClasspath() {
        List<TopicSpec> specs = new ArrayList<>();
        for (Topic<?, ?> topic : Topics.all()) {
            String resource = "topics/" + topic.name() + ".json";
            try (InputStream in = TopicCatalog.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("no definition " + resource + " on the classpath for topic "
                            + topic.name());
                }
                specs.add(checkedName(Json.mapper().readValue(in, TopicSpec.class), topic.name(), resource));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
        return new TopicCatalog(specs);
    }

    /** Every {@code *.json} file of a directory laid out like {@code topics/}, named after its topic. */
    public static TopicCatalog fromDirectory(Path dir) {
        List<TopicSpec> specs = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                String fileName = file.getFileName().toString();
                TopicSpec spec = Json.mapper().readValue(file.toFile(), TopicSpec.class);
                specs.add(checkedName(spec, fileName.substring(0, fileName.length() - ".json".length()),
                        file.toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read topic definitions in " + dir, e);
        }
        return new TopicCatalog(specs);
    }

    public List<TopicSpec> specs() {
        return List.copyOf(specs.values());
    }

    public Optional<TopicSpec> spec(String name) {
        return Optional.ofNullable(specs.get(name));
    }

    public TopicSpec spec(Topic<?, ?> topic) {
        return spec(topic.name()).orElseThrow(() -> new IllegalArgumentException("no definition for " + topic.name()));
    }

    /** The same topics, all with the given replication factor (1 on a single-node broker). */
    public TopicCatalog withReplicationFactor(short factor) {
        return new TopicCatalog(specs.values().stream().map(s -> s.withReplicationFactor(factor)).toList());
    }

    private static TopicSpec checkedName(TopicSpec spec, String expected, String source) {
        if (!expected.equals(spec.name())) {
            throw new IllegalStateException(source + " defines topic " + spec.name() + ", expected " + expected);
        }
        if (spec.partitions() < 1 || spec.replicationFactor() < 1) {
            throw new IllegalStateException(source + " needs partitions and replicationFactor of at least 1");
        }
        return spec;
    }
}
