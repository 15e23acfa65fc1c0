package io.storywatch.stage.tag;

import java.util.List;
import java.util.Set;

/** What one pass of the story's automaton found: name candidates, role nouns, keywords and cue counts. */
record Scanned(List<NameHit> nameCandidates, List<Span> roleNouns, Set<String> keywords, CueCounts cues) {
}
