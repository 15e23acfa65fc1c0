package io.storywatch.stage.score.rules;

/** The punctuation that ends a clause, shared by the steps that must not reach across one. */
final class Punctuation {

    private static final String CLAUSE_BREAKS = "，,；;。！!？?：:…\n—";

    private Punctuation() {
    }

    static boolean isClauseBreak(char c) {
        return CLAUSE_BREAKS.indexOf(c) >= 0;
    }

    /** Whether a clause break lies in [from, to) of the text. */
    static boolean hasBreak(String text, int from, int to) {
        for (int i = Math.max(0, from); i < Math.min(text.length(), to); i++) {
            if (isClauseBreak(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
