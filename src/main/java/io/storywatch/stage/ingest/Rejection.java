package io.storywatch.stage.ingest;

/** A refusal with its stable code and a message a person can act on. */
public record Rejection(RejectionCode code, String message) {
}
