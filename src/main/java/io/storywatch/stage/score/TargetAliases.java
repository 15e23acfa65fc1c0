package io.storywatch.stage.score;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds where a labelled training sentence mentions its target, whether the line names the target by entity id or
 * by the phrase itself, so training sees the same target-relative features as scoring.
 */
public final class TargetAliases {

    private final Map<String, List<String>> formsById;

    public TargetAliases(Map<String, List<String>> formsById) {
        this.formsById = Map.copyOf(formsById);
    }

    /** The forms shipped in {@code score/target-aliases.tsv}. */
    public static TargetAliases loadDefault() {
        try (InputStream in = TargetAliases.class.getClassLoader().getResourceAsStream("score/target-aliases.tsv")) {
            if (in == null) {
                throw new IllegalStateException("missing resource score/target-aliases.tsv");
            }
            Map<String, List<String>> forms = new LinkedHashMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t");
                forms.put(fields[0].strip(), List.of(fields[1].strip().split("\\|")));
            }
            return new TargetAliases(forms);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every non-overlapping mention of the target (its id's forms, else the target text itself), longest first. */
    public List<TargetSpan> locate(String text, String target) {
        List<String> forms = new ArrayList<>(formsById.getOrDefault(target, List.of()));
        forms.add(target);
        forms.sort(Comparator.comparingInt(String::length).reversed());
        String lower = text.toLowerCase(Locale.ROOT);
        boolean[] taken = new boolean[text.length()];
        List<TargetSpan> spans = new ArrayList<>();
        for (String form : forms) {
            String needle = form.toLowerCase(Locale.ROOT);
            if (needle.isEmpty()) {
                continue;
            }
            for (int at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + 1)) {
                int end = at + needle.length();
                if (!taken[at] && !taken[end - 1]) {
                    for (int k = at; k < end; k++) {
                        taken[k] = true;
                    }
                    spans.add(TargetSpan.named(target, at, end));
                }
            }
        }
        spans.sort(Comparator.comparingInt(TargetSpan::start));
        return spans;
    }
}
