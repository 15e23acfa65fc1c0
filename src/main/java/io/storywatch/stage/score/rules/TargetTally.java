package io.storywatch.stage.score.rules;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The sentence's and each target's unsquashed sentiment so far, with the role facts found for each target; the
 * steps after clause scoring each return an amended copy.
 *
 * @param leadIn the sentiment of the clauses that frame the sentence before anyone is named
 * @param targetRaw every target of the sentence, in the order first mentioned
 */
public record TargetTally(WeighedClauses clauses, double sentenceRaw, double leadIn, Map<String, Double> targetRaw,
                          Map<String, Set<String>> facts) {

    public TargetTally {
        targetRaw = Collections.unmodifiableMap(new LinkedHashMap<>(targetRaw));
        Map<String, Set<String>> frozen = new LinkedHashMap<>();
        facts.forEach((target, set) -> frozen.put(target, Collections.unmodifiableSet(new LinkedHashSet<>(set))));
        facts = Collections.unmodifiableMap(frozen);
    }

    public String text() {
        return clauses.text();
    }

    /** This tally with {@code amount} added to a target's sum and, unless null, {@code fact} noted for it. */
    public TargetTally plus(String target, double amount, String fact) {
        Map<String, Double> raw = new LinkedHashMap<>(targetRaw);
        raw.merge(target, amount, Double::sum);
        return new TargetTally(clauses, sentenceRaw, leadIn, raw, fact == null ? facts : withFact(target, fact));
    }

    /** This tally with a target's sum multiplied by {@code factor}. */
    public TargetTally times(String target, double factor) {
        Map<String, Double> raw = new LinkedHashMap<>(targetRaw);
        raw.put(target, raw.get(target) * factor);
        return new TargetTally(clauses, sentenceRaw, leadIn, raw, facts);
    }

    private Map<String, Set<String>> withFact(String target, String fact) {
        Map<String, Set<String>> amended = new LinkedHashMap<>(facts);
        Set<String> set = new LinkedHashSet<>(amended.getOrDefault(target, Set.of()));
        set.add(fact);
        amended.put(target, set);
        return amended;
    }
}
