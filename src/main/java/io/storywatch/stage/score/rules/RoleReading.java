package io.storywatch.stage.score.rules;

/**
 * How much of a cue falls on one mention of a target (negative when it falls reversed, as on the one beaten), and
 * the role fact it establishes for a trained model, or null.
 */
record RoleReading(double factor, String fact) {

    static RoleReading of(double factor) {
        return new RoleReading(factor, null);
    }
}
