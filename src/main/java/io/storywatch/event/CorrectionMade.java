package io.storywatch.event;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * An analyst said a machine label was wrong and gave the right one: a target's label in one sentence
 * ({@link #TARGET_LABEL}: pos, neg or neu) or the article's relevance to the story ({@link #RELEVANCE}: relevant or
 * irrelevant). Never rewritten: a later correction of the same sentence and target (or of the same article's
 * relevance) supersedes an earlier one, and both stay in news.corrections.
 *
 * @param id unique id of this correction
 * @param analyst who made it
 * @param madeAt when, an ISO-8601 instant
 * @param article the corrected article's id
 * @param sentence the sentence index, null for a relevance correction
 * @param target the entity id, null for a relevance correction
 * @param sentenceText the sentence as the analyst read it (what {@code corrections export} trains on)
 * @param oldLabel the label the analyst saw
 * @param newLabel the right one
 * @param mention the words of the sentence that refer to the target (a name form, or a pronoun or role phrase when
 *                {@code implicit}), so that the correction makes a training line; null when not known
 */
public record CorrectionMade(int schemaVersion, String id, String analyst, String madeAt, String article,
                             String kind, Integer sentence, String target, String sentenceText, String oldLabel,
                             String newLabel, String note, String mention, Boolean implicit) {

    public CorrectionMade(int schemaVersion, String id, String analyst, String madeAt, String article, String kind,
                          Integer sentence, String target, String sentenceText, String oldLabel, String newLabel,
                          String note) {
        this(schemaVersion, id, analyst, madeAt, article, kind, sentence, target, sentenceText, oldLabel, newLabel,
                note, null, null);
    }

    public static final int SCHEMA_VERSION = 1;
    public static final String TARGET_LABEL = "target-label";
    public static final String RELEVANCE = "relevance";
    public static final String RELEVANT = "relevant";
    public static final String IRRELEVANT = "irrelevant";

    /** What this correction is about: a later correction with the same subject supersedes it. */
    @JsonIgnore
    public String subject() {
        return RELEVANCE.equals(kind) ? RELEVANCE : TARGET_LABEL + "|" + sentence + "|" + target;
    }
}
