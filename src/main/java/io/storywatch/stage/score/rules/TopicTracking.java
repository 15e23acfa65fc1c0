package io.storywatch.stage.score.rules;

import io.storywatch.event.Token;
import io.storywatch.stage.score.CueKind;
import io.storywatch.stage.score.RuleWeights;
import io.storywatch.stage.score.TargetSpan;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Tracks the topic from clause to clause: a clause opening with a name makes it the subject, and a clause that names
 * no subject of its own speaks of the subject carried over, or else of the names of the clause before it.
 */
public final class TopicTracking {

    private final RuleWeights weights;
    private final FunctionWords words;

    public TopicTracking(RuleWeights weights, FunctionWords words) {
        this.weights = weights;
        this.words = words;
    }

    public Topics track(Speakers speakers) {
        WeighedClauses clauses = speakers.clauses();
        String text = clauses.text();
        List<Token> tokens = clauses.sentence().tokens();
        List<Topic> topics = new ArrayList<>();
        List<String> chain = List.of();
        String subject = null;
        for (Clause clause : clauses.list()) {
            if (!clause.mentions().isEmpty()) {
                Set<String> named = new LinkedHashSet<>();
                clause.mentions().forEach(span -> named.add(span.target()));
                boolean opensWithName = opensWith(text, clause, clause.mentions().get(0));
                // "John Schulman，长年领导OpenAI团队": the dropped subject is still the topic
                boolean carriesSubject = !opensWithName && subject != null && !named.contains(subject);
                topics.add(new Topic(Topic.Reading.NAMES_TARGETS, carriesSubject ? subject : null, List.of()));
                if (opensWithName) {
                    subject = clause.mentions().get(0).target();
                }
                chain = List.copyOf(named);
            } else if (chain.isEmpty() && subject == null) {
                Topic.Reading reading = opensWithOtherNoun(clause, tokens) ? Topic.Reading.HAS_OWN_SUBJECT
                        : isTimeFrame(text, clause) ? Topic.Reading.SETS_TIME : Topic.Reading.LEADS_IN;
                topics.add(new Topic(reading, null, List.of()));
            } else if (subject != null) {
                topics.add(new Topic(Topic.Reading.CARRIES_SUBJECT, subject, List.of()));
            } else {
                topics.add(new Topic(Topic.Reading.CARRIES_NAMES, null, chain));
            }
        }
        return new Topics(speakers, topics);
    }

    /** Whether a clause begins with this mention (after punctuation and a contrast word): then it is the subject. */
    private boolean opensWith(String text, Clause clause, TargetSpan first) {
        int k = clause.start();
        for (Cue cue : clause.cues()) {
            if (cue.start() == k && cue.kind() == CueKind.CONTRAST) {
                k = cue.end();
            }
        }
        while (k < first.start() && k < text.length() && !Character.isLetterOrDigit(text.charAt(k))) {
            k++;
        }
        return first.start() - k <= weights.subjectWindow();
    }

    /** Whether a clause begins with a noun or pronoun that names no target: it has a subject of its own. */
    private static boolean opensWithOtherNoun(Clause clause, List<Token> tokens) {
        for (Token token : tokens) {
            if (token.start() < clause.start() || token.word().isBlank() || token.pos().startsWith("w")) {
                continue;
            }
            if (token.start() >= clause.end()) {
                return false;
            }
            for (Cue cue : clause.cues()) {
                if (cue.start() == token.start() && cue.kind() == CueKind.CONTRAST) {
                    return false;
                }
            }
            String pos = token.pos();
            return (pos.startsWith("n") && !pos.equals("nnt")) || pos.equals("rr");
        }
        return false;
    }

    /** Whether a clause is an adverbial of time ("…之后，", "在…期间，", "…以来，"), read up to its closing punctuation. */
    boolean isTimeFrame(String text, Clause clause) {
        int end = clause.end();
        while (end > clause.start() && !Character.isLetterOrDigit(text.charAt(end - 1))) {
            end--;
        }
        String body = text.substring(clause.start(), end);
        for (String suffix : words.timeFrameEndings()) {
            if (body.endsWith(suffix) && body.length() > suffix.length()) {
                return true;
            }
        }
        return false;
    }
}
