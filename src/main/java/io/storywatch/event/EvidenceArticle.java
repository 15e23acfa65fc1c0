package io.storywatch.event;

/**
 * One article behind a window's number, so an analyst can read why it is what it is: its score toward the window's
 * target, the sentence that drove that score (null when the scorer reported no sentence-level target), and how many
 * syndicated copies of it the window has seen.
 */
public record EvidenceArticle(String id, String title, String source, String publishedAt, double score, String label,
                              long copies, EvidenceSentence sentence) {
}
