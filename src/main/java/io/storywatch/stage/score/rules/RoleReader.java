package io.storywatch.stage.score.rules;

import io.storywatch.stage.score.CueKind;
import io.storywatch.stage.score.RuleWeights;
import io.storywatch.stage.score.TargetSpan;

/**
 * Reads the role a target mentioned in a clause plays for one of its sentiment cues, by the cue's kind: plain words,
 * agent and patient of event verbs, worry (what is feared is its patient), contests and falling-outs.
 */
final class RoleReader {

    private final RuleWeights weights;
    private final EventRoles events;
    private final WordRoles wordRoles;
    private final ContestRoles contests;

    RoleReader(RuleWeights weights, FunctionWords words) {
        this.weights = weights;
        this.events = new EventRoles(words);
        this.wordRoles = new WordRoles(weights, words, events);
        this.contests = new ContestRoles(words, events);
    }

    /** The role of the mention {@code span}; a name right before a member noun (OpenAI员工) only modifies it. */
    RoleReading read(String text, TargetSpan span, Cue cue, Clause clause) {
        double member = 1;
        for (Cue other : clause.cues()) {
            if (other.kind() == CueKind.MEMBER && other.start() >= span.end()
                    && other.start() <= span.end() + 2 && span.end() > span.start()
                    && text.substring(span.end(), other.start()).replace("的", "").isBlank()) {
                member = weights.acrossVerb();
            }
        }
        RoleReading role = read(text, span.start(), cue, clause);
        return new RoleReading(member * role.factor(), role.fact());
    }

    private RoleReading read(String text, int at, Cue cue, Clause clause) {
        return switch (cue.kind()) {
            case WORD, RESTORATION, SHIFTER -> RoleReading.of(wordFactor(text, at, cue, clause));
            case MUTUAL -> {
                // "布罗克曼与董事会产生分歧": a disagreement between two sides named with 与 blames neither
                double f = wordFactor(text, at, cue, clause);
                yield contests.isSideOfMutual(text, at, cue, clause)
                        ? new RoleReading(f * weights.mutual(), "side-of-falling-out") : RoleReading.of(f);
            }
            case PATIENT, CONCERN -> {
                double f = events.patientFactor(at, cue, clause);
                yield new RoleReading(f, f > 0.5
                        ? (cue.value() < 0 ? "patient-of-negative" : "patient-of-positive")
                        : (cue.value() < 0 ? "agent-of-negative-event" : "agent-of-positive-event"));
            }
            case AGENT -> {
                double f = events.agentFactor(at, cue, clause);
                yield new RoleReading(f, f > 0.5 ? (cue.value() < 0 ? "agent-of-wrongdoing" : "agent-of-good-deed")
                        : null);
            }
            case CONTEST -> contests.contest(text, at, cue, clause);
            default -> RoleReading.of(0);
        };
    }

    double wordFactor(String text, int at, Cue cue, Clause clause) {
        return wordRoles.wordFactor(text, at, cue, clause);
    }

    double patientFactor(int at, Cue cue, Clause clause) {
        return events.patientFactor(at, cue, clause);
    }

    double agentFactor(int at, Cue cue, Clause clause) {
        return events.agentFactor(at, cue, clause);
    }
}
