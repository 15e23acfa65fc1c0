package io.storywatch.stage.score;

import java.util.List;
import java.util.Locale;

/** What a trained model predicts, with its labels and the label pair its signed score contrasts. */
public enum TrainingTask {
    TARGET_SENTIMENT("target-sentiment", List.of("pos", "neg", "neu"), "pos", "neg"),
    STANCE("stance", List.of("FAVOR", "AGAINST", "NONE"), "FAVOR", "AGAINST"),
    POLARITY("polarity", List.of("pos", "neg"), "pos", "neg");

    private final String id;
    private final List<String> labels;
    private final String positive;
    private final String negative;

    TrainingTask(String id, List<String> labels, String positive, String negative) {
        this.id = id;
        this.labels = labels;
        this.positive = positive;
        this.negative = negative;
    }

    public String id() {
        return id;
    }

    public List<String> labels() {
        return labels;
    }

    public String positive() {
        return positive;
    }

    public String negative() {
        return negative;
    }

    public static TrainingTask parse(String text) {
        for (TrainingTask task : values()) {
            if (task.id.equalsIgnoreCase(text.strip()) || task.name().equalsIgnoreCase(text.strip())) {
                return task;
            }
        }
        throw new IllegalArgumentException("unknown task " + text + "; expected target-sentiment, stance or polarity");
    }

    /** Accepts the label in any case, checked against the task's labels. */
    public String label(String text) {
        for (String label : labels) {
            if (label.equalsIgnoreCase(text.strip())) {
                return label;
            }
        }
        throw new IllegalArgumentException("label " + text + " is not one of " + labels + " for " + id);
    }

    @Override
    public String toString() {
        return id.toLowerCase(Locale.ROOT);
    }
}
