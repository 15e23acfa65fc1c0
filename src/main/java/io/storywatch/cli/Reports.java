package io.storywatch.cli;

import io.storywatch.runtime.TopicApplier.TopicStatus;
import java.util.ArrayList;
import java.util.List;

/** The words commands print about what they did, kept in one place so that every command says it the same way. */
final class Reports {

    private Reports() {
    }

    static List<String> topicStatuses(List<TopicStatus> statuses) {
        List<String> lines = new ArrayList<>();
        for (TopicStatus status : statuses) {
            String verb = switch (status.outcome()) {
                case CREATED -> "created  ";
                case UNCHANGED -> "ok       ";
                case DRIFTED -> "DRIFT    ";
            };
            lines.add("topic " + verb + status.topic());
            status.drift().forEach(d -> lines.add("    " + d));
        }
        return lines;
    }
}
