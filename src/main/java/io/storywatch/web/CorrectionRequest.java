package io.storywatch.web;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.storywatch.event.CorrectionMade;
import io.storywatch.event.Mention;
import io.storywatch.event.ScoredSentence;
import io.storywatch.event.StanceScored;
import io.storywatch.event.TargetSentiment;
import java.time.Instant;
import java.util.Set;

/**
 * What the page sends to {@code POST /api/corrections}: which label of which article is wrong, the right one, who
 * says so and why. The old label and the sentence's text are taken from the article as the dashboard has it, not from
 * the request, so a correction always says what the analyst corrected.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record CorrectionRequest(String analyst, String article, String kind, Integer sentence, String target,
                         String newLabel, String note) {

    static final int MAX_ANALYST_CHARS = 80;
    static final int MAX_NOTE_CHARS = 500;
    private static final Set<String> TARGET_LABELS = Set.of("pos", "neg", "neu");
    private static final Set<String> RELEVANCE_LABELS = Set.of(CorrectionMade.RELEVANT, CorrectionMade.IRRELEVANT);

    /** The correction event, or an {@link IllegalArgumentException} that says what is wrong with the request. */
    CorrectionMade toCorrection(StanceScored current, String id, Instant now) {
        String who = analyst == null ? "" : analyst.strip();
        if (who.isEmpty() || who.length() > MAX_ANALYST_CHARS) {
            throw new IllegalArgumentException("analyst: give your name, 1.." + MAX_ANALYST_CHARS + " characters");
        }
        String why = note == null || note.isBlank() ? null : note.strip();
        if (why != null && why.length() > MAX_NOTE_CHARS) {
            throw new IllegalArgumentException("note: at most " + MAX_NOTE_CHARS + " characters");
        }
        if (CorrectionMade.RELEVANCE.equals(kind)) {
            if (!RELEVANCE_LABELS.contains(newLabel)) {
                throw new IllegalArgumentException("newLabel: relevant or irrelevant for a relevance correction");
            }
            String old = current.relevant() ? CorrectionMade.RELEVANT : CorrectionMade.IRRELEVANT;
            refuseUnchanged(old);
            return new CorrectionMade(CorrectionMade.SCHEMA_VERSION, id, who, now.toString(), current.id(),
                    CorrectionMade.RELEVANCE, null, null, null, old, newLabel, why);
        }
        if (!CorrectionMade.TARGET_LABEL.equals(kind)) {
            throw new IllegalArgumentException("kind: target-label or relevance");
        }
        if (!TARGET_LABELS.contains(newLabel)) {
            throw new IllegalArgumentException("newLabel: pos, neg or neu for a target label");
        }
        if (sentence == null || target == null) {
            throw new IllegalArgumentException("sentence and target: which sentence's label of which entity");
        }
        ScoredSentence scored = current.sentences() == null ? null : current.sentences().stream()
                .filter(s -> s.index() == sentence).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("sentence: article " + current.id()
                        + " has no sentence " + sentence));
        TargetSentiment label = scored.targets() == null ? null : scored.targets().get(target);
        if (label == null) {
            throw new IllegalArgumentException("target: sentence " + sentence + " of article " + current.id()
                    + " has no label for " + target);
        }
        refuseUnchanged(label.label());
        Mention mention = mentionIn(current, sentence, target);
        return new CorrectionMade(CorrectionMade.SCHEMA_VERSION, id, who, now.toString(), current.id(),
                CorrectionMade.TARGET_LABEL, sentence, target, scored.text(), label.label(), newLabel, why,
                mention == null ? null : mention.text(), mention == null ? null : mention.implicit());
    }

    /** The target's mention in the sentence, a name before a pronoun or role phrase; null when none is listed. */
    private static Mention mentionIn(StanceScored article, int sentence, String target) {
        if (article.entities() == null) {
            return null;
        }
        return article.entities().stream().filter(e -> target.equals(e.id()) && e.mentions() != null)
                .flatMap(e -> e.mentions().stream())
                .filter(m -> m.sentence() == sentence && m.text() != null && !m.text().isBlank())
                .min(java.util.Comparator.comparing(Mention::implicit).thenComparingInt(Mention::start))
                .orElse(null);
    }

    private void refuseUnchanged(String old) {
        if (old.equals(newLabel)) {
            throw new IllegalArgumentException("newLabel: the label is " + old + " already");
        }
    }
}
