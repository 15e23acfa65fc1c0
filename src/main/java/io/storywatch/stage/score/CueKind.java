package io.storywatch.stage.score;

import java.util.Locale;

/** What a lexicon word does in a clause: carry sentiment for someone, or change how other words count. */
public enum CueKind {
    /** Sentiment for whatever the clause is about. */
    WORD,
    /** Sentiment for the one the event happens to (object, or subject of a passive); the doer stays neutral. */
    PATIENT,
    /** Sentiment for the doer; the one it happens to stays neutral. */
    AGENT,
    /** A contest verb (击败, 超越): its value for the winner, who does it, and the opposite for the one it is done to. */
    CONTEST,
    /**
     * A falling-out (分歧, 摩擦): sentiment for whatever the clause is about, but the two sides named with 与/和 share
     * it and neither is blamed.
     */
    MUTUAL,
    /**
     * A verb of worry or fear (担忧, 害怕): negative for what is feared, and who worries is the source of the judgement
     * that follows, as with a verb of saying.
     */
    CONCERN,
    /**
     * A return to office (复职, 回归): sentiment for whatever the clause is about, like a word; after the same one's
     * removal in the sentence it only ends the episode where it began, and it makes the other side's departure a loss.
     */
    RESTORATION,
    /**
     * Leaving a post (离开, 卸任): a plain fact, but a loss for who leaves (its value) when the sentence returns someone
     * else to office: "奥特曼官复原职之际，托纳卸任了董事".
     */
    DEPARTURE,
    /**
     * A verb of losing or damaging (失去, 破坏): negative for whatever the clause is about, but a good thing right after
     * it is what is lost, so it turns that word instead: "破坏了我们对他的信任", "失去了信心".
     */
    SHIFTER,
    /**
     * 实际上, 事实上 opening a clause after 而/但: what the last speaker before it said or believed is shown untrue, a
     * loss (its value) for that speaker: "X告诉参议院他没有持股，而实际上他有".
     */
    BELYING,
    NEGATOR,
    DEGREE,
    HEDGE,
    QUESTION,
    CONTRAST,
    /** A verb of saying: who stands before it is the source of the judgement that follows, not its target. */
    SPEECH,
    /** 被/遭: the subject is the patient. */
    PASSIVE,
    /** 把: the noun after it is the patient. */
    DISPOSAL,
    /** 让/使: the subject causes, it does not undergo. */
    CAUSATIVE,
    /** 对/向: the noun after it is what the following verb is directed at. */
    OBJECT_MARKER,
    /** A noun for the people of an organisation: a name right before it (OpenAI员工) only modifies it. */
    MEMBER,
    /** Not sentiment; listed so that its characters are not matched as sentiment words. */
    STOP;

    public boolean isPolar() {
        return this == WORD || this == PATIENT || this == AGENT || this == CONTEST || this == MUTUAL
                || this == CONCERN || this == RESTORATION || this == SHIFTER;
    }

    /** Event verbs with participants in roles; after 的 they are event nouns ("X的起诉"), read as plain words. */
    public boolean hasRoles() {
        return this == PATIENT || this == AGENT || this == CONTEST || this == CONCERN;
    }

    /** Verbs that split a clause into the roles before and after them. */
    public boolean isRoleVerb() {
        return this == PATIENT || this == AGENT || this == CONTEST || this == SPEECH || this == CONCERN;
    }

    public static CueKind parse(String text) {
        return valueOf(text.trim().replace('-', '_').toUpperCase(Locale.ROOT));
    }
}
