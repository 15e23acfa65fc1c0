package io.storywatch.stage.score.rules;

import io.storywatch.stage.score.RuleWeights;
import io.storywatch.stage.score.TargetSpan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sums each clause's sentiment cues onto the targets it is about, each cue weighed by the role the target plays for
 * it; a clause that names nobody passes its cues to the subject or names carried over, or frames the sentence.
 */
public final class ClauseScoring {

    private final RuleWeights weights;
    private final RoleReader roles;

    public ClauseScoring(RuleWeights weights, FunctionWords words) {
        this.weights = weights;
        this.roles = new RoleReader(weights, words);
    }

    public TargetTally score(Topics topics) {
        WeighedClauses clauses = topics.clauses();
        String text = clauses.text();
        double sentenceRaw = 0;
        for (Clause clause : clauses.list()) {
            for (Cue cue : clause.cues()) {
                if (cue.kind().isPolar()) {
                    sentenceRaw += clause.weight() * clause.damping() * cue.value();
                }
            }
        }
        Map<String, Double> targetRaw = new LinkedHashMap<>();
        Map<String, Set<String>> facts = new LinkedHashMap<>();
        for (TargetSpan span : clauses.sentence().targets()) {
            targetRaw.putIfAbsent(span.target(), 0.0);
            facts.putIfAbsent(span.target(), new LinkedHashSet<>());
        }
        double leadIn = 0;
        for (int c = 0; c < clauses.list().size(); c++) {
            Clause clause = clauses.list().get(c);
            Topic topic = topics.byClause().get(c);
            Set<String> speakers = topics.speakers().before().get(c);
            switch (topic.reading()) {
                case NAMES_TARGETS -> {
                    scoreNamed(text, clause, targetRaw, facts);
                    if (topic.subject() != null) {
                        inherit(text, topic.subject(), clause, speakers, targetRaw, facts);
                    }
                }
                case CARRIES_SUBJECT -> inherit(text, topic.subject(), clause, speakers, targetRaw, facts);
                case CARRIES_NAMES -> {
                    for (String target : topic.carried()) {
                        double share = clause.continuesPrevious() ? 1 : weights.inheritedOther();
                        if (speakers.contains(target)) {
                            share *= weights.speaker();
                        }
                        double raw = 0;
                        for (Cue cue : clause.cues()) {
                            if (cue.kind().isPolar()) {
                                raw += (cue.kind().hasRoles() ? 0.5 : 1) * cue.value();
                            }
                        }
                        targetRaw.merge(target, share * clause.weight() * clause.damping() * raw, Double::sum);
                    }
                }
                case LEADS_IN -> {
                    for (Cue cue : clause.cues()) {
                        if (cue.kind().isPolar()) {
                            leadIn += clause.weight() * clause.damping() * cue.value();
                        }
                    }
                }
                case HAS_OWN_SUBJECT, SETS_TIME -> {
                }
            }
        }
        return new TargetTally(clauses, sentenceRaw, leadIn, targetRaw, facts);
    }

    /** Each target named in the clause takes every cue by the role its likeliest mention plays for it. */
    private void scoreNamed(String text, Clause clause, Map<String, Double> targetRaw,
                            Map<String, Set<String>> facts) {
        Map<String, List<TargetSpan>> positions = new LinkedHashMap<>();
        for (TargetSpan t : clause.mentions()) {
            positions.computeIfAbsent(t.target(), k -> new ArrayList<>()).add(t);
        }
        for (var entry : positions.entrySet()) {
            Set<String> own = facts.get(entry.getKey());
            double raw = 0;
            for (Cue cue : clause.cues()) {
                if (!cue.kind().isPolar()) {
                    continue;
                }
                double best = 0;
                for (TargetSpan at : entry.getValue()) {
                    double factor = read(text, at, cue, clause, own);
                    best = Math.abs(factor) > Math.abs(best) ? factor : best;
                }
                raw += best * cue.value();
            }
            targetRaw.merge(entry.getKey(), clause.weight() * clause.damping() * raw, Double::sum);
            if (clause.weight() > 1) {
                own.add("in-contrast-clause");
            }
        }
    }

    /** Scores a clause that does not name its subject for the subject carried over from before. */
    private void inherit(String text, String subject, Clause clause, Set<String> speakers,
                         Map<String, Double> targetRaw, Map<String, Set<String>> facts) {
        double share = clause.continuesPrevious() ? 1 : weights.inheritedSubject();
        if (speakers.contains(subject)) {
            share *= weights.speaker();
        }
        TargetSpan virtual = new TargetSpan(subject, clause.start() - 1, clause.start() - 1, true, 1);
        double raw = 0;
        for (Cue cue : clause.cues()) {
            if (cue.kind().isPolar()) {
                raw += read(text, virtual, cue, clause, facts.get(subject)) * cue.value();
            }
        }
        targetRaw.merge(subject, share * clause.weight() * clause.damping() * raw, Double::sum);
    }

    private double read(String text, TargetSpan span, Cue cue, Clause clause, Set<String> facts) {
        RoleReading role = roles.read(text, span, cue, clause);
        if (role.fact() != null) {
            facts.add(role.fact());
        }
        return role.factor();
    }
}
