package io.storywatch.stage.score.rules;

import io.storywatch.stage.score.CueKind;
import io.storywatch.stage.score.TargetSpan;
import java.util.Set;

/**
 * Agent and patient of an event verb: who does it (before the verb, or after 被) and who undergoes it (after the
 * verb, before 被, after 把/对), with names joined by 和 sharing a role and a nearer name taking it.
 */
final class EventRoles {

    private final FunctionWords words;

    EventRoles(FunctionWords words) {
        this.words = words;
    }

    /** 1 when the target at {@code at} undergoes the event {@code cue}, else 0. */
    double patientFactor(int at, Cue cue, Clause clause) {
        int p = cue.start();
        Cue marker = clause.markerBefore(cue);
        if (at > p) {
            return clause.roleVerbBetween(p, at) ? 0 : 1;
        }
        if (marker != null) {
            return switch (marker.kind()) {
                case PASSIVE -> at < marker.start() && !otherMentionBetween(at, marker.start(), clause) ? 1 : 0;
                case DISPOSAL, OBJECT_MARKER -> at > marker.start() ? 1 : 0;
                default -> 0;
            };
        }
        return 0;
    }

    /** 1 when the target at {@code at} does the event {@code cue}, else 0. */
    double agentFactor(int at, Cue cue, Clause clause) {
        return agentFactor(at, cue, clause, Set.of());
    }

    /** As {@link #agentFactor(int, Cue, Clause)}, the mentions starting at {@code notRivals} not competing for it. */
    double agentFactor(int at, Cue cue, Clause clause, Set<Integer> notRivals) {
        int p = cue.start();
        if (at > p) {
            return 0;
        }
        Cue marker = clause.markerBefore(cue);
        if (marker != null && marker.kind() == CueKind.PASSIVE) {
            return at > marker.start() ? 1 : 0;
        }
        if (marker != null) {
            // "奥特曼对董事会撒谎": the name after 对/把 is what the deed is done to, the one before it did it
            return at > marker.start() || otherMentionBetween(at, marker.start(), clause) ? 0 : 1;
        }
        return clause.roleVerbBetween(at, p) || otherMentionBetween(at, p, clause, notRivals) ? 0 : 1;
    }

    /** Whether the target at {@code at} is the subject of a passive verb (奥特曼被董事会罢免). */
    boolean isPassiveSubject(int at, Cue verb, Clause clause) {
        Cue marker = clause.markerBefore(verb);
        return marker != null && marker.kind() == CueKind.PASSIVE && at < marker.start()
                && !otherMentionBetween(at, marker.start(), clause);
    }

    /** Whether another entity is named between two positions: then the nearer one fills the role. */
    private boolean otherMentionBetween(int at, int to, Clause clause) {
        return otherMentionBetween(at, to, clause, Set.of());
    }

    private boolean otherMentionBetween(int at, int to, Clause clause, Set<Integer> ignored) {
        String self = clause.targetAt(at);
        for (TargetSpan span : clause.mentions()) {
            if (span.start() > at && span.start() < to && !span.target().equals(self)
                    && !ignored.contains(span.start()) && !connectedByConjunction(span, at, clause)) {
                return true;
            }
        }
        return false;
    }

    /** "奥特曼和布罗克曼被解雇": names joined by 和/与/及/、, or right next to each other, share a role. */
    private boolean connectedByConjunction(TargetSpan later, int at, Clause clause) {
        for (TargetSpan span : clause.mentions()) {
            if (span.start() == at && later.start() >= span.end()) {
                String between = clause.sentence().substring(span.end(), later.start()).strip();
                return between.isEmpty() || words.conjunctions().contains(between);
            }
        }
        return false;
    }
}
