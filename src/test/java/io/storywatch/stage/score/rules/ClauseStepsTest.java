package io.storywatch.stage.score.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.storywatch.stage.score.CueKind;
import io.storywatch.stage.score.LexiconEntry;
import io.storywatch.stage.score.RuleWeights;
import io.storywatch.stage.score.SentenceInput;
import io.storywatch.stage.score.TargetSpan;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClauseStepsTest {

    private static final FunctionWords WORDS = FunctionWords.loadDefault();
    private static final RuleWeights WEIGHTS = RuleWeights.DEFAULT;

    private static Cue cue(String word, double value, CueKind kind, int start) {
        return new Cue(new LexiconEntry(word, value, kind), start, start + word.length(), value, false);
    }

    @Test
    void shouldSplitOnPunctuationAndBeforeAContrastWordInsideAClause() {
        String text = "苏茨克维贡献巨大却被排挤出局。";
        TargetSpan ilya = TargetSpan.named("ilya", 0, 4);
        Cue big = cue("巨大", 0.5, CueKind.WORD, 6);
        Cue but = cue("却", 1.5, CueKind.CONTRAST, 8);
        Clauses clauses = new ClauseSplitting(WORDS).split(
                new BoundCues(new SentenceInput(text, List.of(), List.of(ilya)), List.of(big, but)));
        assertEquals(List.of(
                        new Clause(0, 8, 1, 1, List.of(big), false, List.of(ilya), text, List.of(), List.of()),
                        new Clause(8, 15, 1, 1, List.of(but), true, List.of(), text, List.of(), List.of())),
                clauses.list());
    }

    @Test
    void shouldWeighTheClauseAContrastOpensUpAndTheOnesBeforeItDown() {
        String text = "做法激进，但是成功。";
        Cue but = cue("但是", 1.5, CueKind.CONTRAST, 5);
        Clause first = new Clause(0, 5, 1, 1, List.of(), false, List.of(), text, List.of(), List.of());
        Clause second = new Clause(5, 10, 1, 1, List.of(but), false, List.of(), text, List.of(), List.of());
        SentenceInput sentence = SentenceInput.of(text, List.of());
        assertEquals(List.of(first.weighted(WEIGHTS.beforeContrast(), 1), second.weighted(1.5, 1)),
                new ClauseWeighting(WEIGHTS).weigh(new Clauses(sentence, List.of(first, second))).list());
    }

    @Test
    void shouldDampAClauseEndingInAQuestionMark() {
        String text = "他成功了吗？";
        Clause asked = new Clause(0, 6, 1, 1, List.of(), false, List.of(), text, List.of(), List.of());
        assertEquals(List.of(asked.weighted(1, WEIGHTS.question())), new ClauseWeighting(WEIGHTS)
                .weigh(new Clauses(SentenceInput.of(text, List.of()), List.of(asked))).list());
    }

    @Test
    void shouldKnowWhoSpokeBeforeEachClause() {
        String text = "马斯克称，公司背弃了承诺。";
        TargetSpan musk = TargetSpan.named("elon-musk", 0, 3);
        Clause said = new Clause(0, 5, 1, 1, List.of(cue("称", 0, CueKind.SPEECH, 3)), false, List.of(musk), text,
                List.of(), List.of());
        Clause what = new Clause(5, 13, 1, 1, List.of(), false, List.of(), text, List.of(), List.of());
        WeighedClauses clauses = new WeighedClauses(SentenceInput.of(text, List.of(musk)), List.of(said, what));
        assertEquals(new Speakers(clauses, List.of(Set.of(), Set.of("elon-musk"))),
                new SpeakerFinding().find(clauses));
    }

    @Test
    void shouldCarryTheSubjectIntoAClauseThatNamesNone() {
        String text = "舒尔曼，长年领导对齐团队。";
        TargetSpan schulman = TargetSpan.named("john-schulman", 0, 3);
        Clause named = new Clause(0, 4, 1, 1, List.of(), false, List.of(schulman), text, List.of(), List.of());
        Clause carried = new Clause(4, 13, 1, 1, List.of(), false, List.of(), text, List.of(), List.of());
        WeighedClauses clauses = new WeighedClauses(SentenceInput.of(text, List.of(schulman)), List.of(named, carried));
        Speakers speakers = new Speakers(clauses, List.of(Set.of(), Set.of()));
        assertEquals(List.of(new Topic(Topic.Reading.NAMES_TARGETS, null, List.of()),
                        new Topic(Topic.Reading.CARRIES_SUBJECT, "john-schulman", List.of())),
                new TopicTracking(WEIGHTS, WORDS).track(speakers).byClause());
    }

    @Test
    void shouldReadAClauseThatOnlySaysWhenAsSettingTheTime() {
        String text = "宫斗落幕后，公司正在融资。";
        Clause when = new Clause(0, 6, 1, 1, List.of(), false, List.of(), text, List.of(), List.of());
        assertTrue(new TopicTracking(WEIGHTS, WORDS).isTimeFrame(text, when));
    }
}
