package io.storywatch.stage.score.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.storywatch.stage.score.SentenceInput;
import io.storywatch.stage.score.TargetSpan;
import java.util.List;
import org.junit.jupiter.api.Test;

class NameMaskTest {

    private static String at(SentenceInput input, TargetSpan span) {
        return input.text().substring(span.start(), span.end());
    }

    @Test
    void shouldReplaceEachTargetsNamesByOnePlaceholderInOrderOfFirstMention() {
        String text = "董事会解雇了Sam Altman，Altman随后回应，他感谢微软。";
        SentenceInput input = SentenceInput.of(text, List.of(
                TargetSpan.named("openai-board", 0, 3),
                TargetSpan.named("sam-altman", 6, 16),
                TargetSpan.named("sam-altman", 17, 23),
                new TargetSpan("sam-altman", 28, 29, true, 0.7),
                TargetSpan.named("microsoft", 31, 33)));

        SentenceInput masked = NameMask.of(input);

        assertEquals("甲解雇了乙，乙随后回应，他感谢丙。", masked.text());
        List<String> seen = masked.targets().stream().map(s -> at(masked, s)).toList();
        assertEquals(List.of("甲", "乙", "乙", "他", "丙"), seen);
        assertEquals(true, masked.targets().get(3).implicit());
    }

    @Test
    void shouldLeaveNamesThatOverlapAnotherTargetsMention() {
        String text = "OpenAI董事会与OpenAI的员工";
        SentenceInput input = SentenceInput.of(text, List.of(
                TargetSpan.named("openai", 0, 6),
                TargetSpan.named("openai-board", 0, 9),
                TargetSpan.named("openai", 10, 16)));

        SentenceInput masked = NameMask.of(input);

        assertEquals("OpenAI董事会与甲的员工", masked.text());
        assertEquals(List.of("OpenAI", "OpenAI董事会", "甲"),
                masked.targets().stream().map(s -> at(masked, s)).toList());
    }

    @Test
    void shouldKeepASentenceWithOnlyPronounsAsItIs() {
        SentenceInput input = SentenceInput.of("他没有回应。", List.of(new TargetSpan("x", 0, 1, true, 0.7)));

        assertSame(input, NameMask.of(input));
    }
}
