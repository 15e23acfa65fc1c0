package io.storywatch.stage.score.encoder;

import io.storywatch.stage.score.SentenceInput;
import io.storywatch.stage.score.TargetSpan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sentence as the encoder reads it with its targets' names replaced by neutral placeholders (甲, 乙, 丙 … in order
 * of first mention), so the head learns from what a sentence says about a target rather than from what the encoder
 * associates with a name: our training text names invented people and companies, the news names real ones. Pronouns
 * and role phrases stay as written; so does a name that overlaps another target's mention.
 */
final class NameMask {

    static final String PLACEHOLDERS = "甲乙丙丁戊己庚辛壬癸";

    private NameMask() {
    }

    static SentenceInput of(SentenceInput sentence) {
        List<TargetSpan> spans = sentence.targets();
        List<TargetSpan> named = spans.stream().filter(s -> !s.implicit())
                .filter(s -> spans.stream().noneMatch(o -> o != s && !o.target().equals(s.target())
                        && o.start() < s.end() && o.end() > s.start()))
                .sorted(Comparator.comparingInt(TargetSpan::start)).toList();
        Map<String, Character> placeholder = new LinkedHashMap<>();
        List<TargetSpan> masked = new ArrayList<>();
        for (TargetSpan span : named) {
            if (!placeholder.containsKey(span.target()) && placeholder.size() < PLACEHOLDERS.length()) {
                placeholder.put(span.target(), PLACEHOLDERS.charAt(placeholder.size()));
            }
            boolean overlapsKept = !masked.isEmpty() && masked.get(masked.size() - 1).end() > span.start();
            if (placeholder.containsKey(span.target()) && !overlapsKept) {
                masked.add(span);
            }
        }
        if (masked.isEmpty()) {
            return sentence;
        }
        String text = sentence.text();
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        for (TargetSpan span : masked) {
            out.append(text, from, span.start()).append(placeholder.get(span.target()));
            from = span.end();
        }
        out.append(text, from, text.length());
        int[] moved = new int[text.length() + 1]; // each offset of the text, in the masked text
        int delta = 0;
        int next = 0;
        for (int i = 0; i <= text.length(); i++) {
            while (next < masked.size() && masked.get(next).end() <= i) {
                delta += 1 - (masked.get(next).end() - masked.get(next).start());
                next++;
            }
            boolean inside = next < masked.size() && masked.get(next).start() < i;
            moved[i] = inside ? masked.get(next).start() + delta + 1 : i + delta;
        }
        List<TargetSpan> shifted = spans.stream().map(s -> new TargetSpan(s.target(), moved[s.start()],
                moved[s.end()], s.implicit(), s.confidence())).toList();
        return SentenceInput.of(out.toString(), shifted);
    }
}
