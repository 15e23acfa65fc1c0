package io.storywatch.stage.tag;

/** How sure a resolution is, by how many sentences back its antecedent stands. */
final class Recency {

    private Recency() {
    }

    static double confidence(int sentencesBack) {
        return switch (sentencesBack) {
            case 0 -> 0.8;
            case 1 -> 0.7;
            default -> 0.5;
        };
    }
}
