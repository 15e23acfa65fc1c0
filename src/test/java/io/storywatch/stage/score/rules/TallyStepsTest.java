package io.storywatch.stage.score.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.storywatch.stage.score.CueKind;
import io.storywatch.stage.score.LexiconEntry;
import io.storywatch.stage.score.RuleWeights;
import io.storywatch.stage.score.SentenceInput;
import io.storywatch.stage.score.TargetSpan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TallyStepsTest {

    private static final FunctionWords WORDS = FunctionWords.loadDefault();
    private static final RuleWeights WEIGHTS = RuleWeights.DEFAULT;

    private static Cue cue(String word, double value, CueKind kind, int start) {
        return new Cue(new LexiconEntry(word, value, kind), start, start + word.length(), value, false);
    }

    private static TargetTally tally(WeighedClauses clauses, double leadIn, Map<String, Double> raw) {
        Map<String, Set<String>> facts = new LinkedHashMap<>();
        raw.keySet().forEach(target -> facts.put(target, Set.of()));
        return new TargetTally(clauses, 0, leadIn, raw, facts);
    }

    @Test
    void shouldDampWhatASentenceSaysOfATargetNamedOnlyAsWo() {
        String text = "我为团队感到自豪。";
        TargetSpan me = TargetSpan.named("sam-altman", 0, 1);
        WeighedClauses clauses = new WeighedClauses(SentenceInput.of(text, List.of(me)), List.of());
        TargetTally proud = tally(clauses, 0, Map.of("sam-altman", 0.8));
        assertEquals(Map.of("sam-altman", 0.8 * WEIGHTS.speaker()),
                new FirstPersonDamping(WEIGHTS, WORDS).apply(proud).targetRaw());
    }

    @Test
    void shouldPraiseTheOneWithoutWhomTheOutcomeWouldNotBe() {
        String text = "没有他，团队早就不在了。";
        TargetSpan him = new TargetSpan("dario-amodei", 2, 3, true, 0.7);
        Clause without = new Clause(0, 4, 1, 1, List.of(cue("没有", -0.8, CueKind.NEGATOR, 0)), false,
                List.of(him), text, List.of(), List.of());
        Clause outcome = new Clause(4, 12, 1, 1, List.of(cue("不", -0.8, CueKind.NEGATOR, 8)), false, List.of(),
                text, List.of(), List.of());
        WeighedClauses clauses = new WeighedClauses(SentenceInput.of(text, List.of(him)), List.of(without, outcome));
        TargetTally praised = new Indispensables().apply(tally(clauses, 0, Map.of("dario-amodei", 0.0)));
        assertEquals(Map.of("dario-amodei", 0.6), praised.targetRaw());
        assertEquals(Map.of("dario-amodei", Set.of("indispensable")), praised.facts());
    }

    @Test
    void shouldGiveTheLastSpeakerTheValueOfAClaimShownUntrue() {
        String text = "他称没有持股，而实际上他有。";
        TargetSpan he = TargetSpan.named("sam-altman", 0, 1);
        Clause claim = new Clause(0, 7, 1, 1, List.of(cue("称", 0, CueKind.SPEECH, 1)), false, List.of(he), text,
                List.of(), List.of());
        Clause belied = new Clause(7, 14, 1, 1, List.of(cue("实际上", -0.5, CueKind.BELYING, 8)), false, List.of(),
                text, List.of(), List.of());
        WeighedClauses clauses = new WeighedClauses(SentenceInput.of(text, List.of(he)), List.of(claim, belied));
        TargetTally result = new BeliedSpeakers(WORDS).apply(tally(clauses, 0, Map.of("sam-altman", 0.0)));
        assertEquals(Map.of("sam-altman", -0.5), result.targetRaw());
        assertEquals(Map.of("sam-altman", Set.of("belied-speaker")), result.facts());
    }

    @Test
    void shouldLetALeadInColourEveryTarget() {
        WeighedClauses clauses = new WeighedClauses(SentenceInput.of("一场闹剧，甲和乙都受损。", List.of()), List.of());
        TargetTally framed = new LeadIn(WEIGHTS).apply(tally(clauses, -0.4, Map.of("a", 0.1, "b", 0.0)));
        assertEquals(Map.of("a", 0.1 + WEIGHTS.leadIn() * -0.4, "b", WEIGHTS.leadIn() * -0.4), framed.targetRaw());
    }
}
