package io.storywatch.eval;

import java.util.List;
import java.util.Map;

/** One gold-labelled sentence of dev-gold.jsonl: named and implicit entities and the tone toward each. */
public record GoldSentence(String tid, String article, String sentence, List<String> entities,
                           List<String> implicit, Map<String, String> targets) {
}
