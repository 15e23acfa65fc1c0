package io.storywatch.stage.ingest;

/**
 * Why ingest refused a raw record: the {@code code} of {@link io.storywatch.event.ArticleRejected} and of the
 * {@code storywatch.reject.code} header, stable so that dashboards and alerts can count by it.
 */
public enum RejectionCode {
    /** The value is larger than the ingest limit (1 MiB by default), checked before anything is decoded. */
    TOO_LARGE,
    /** The value is not strictly valid UTF-8. */
    NOT_UTF8,
    /** The value is empty, null or not a single JSON document. */
    NOT_JSON,
    /** The value is JSON but not an object (an array, a string, null...). */
    NOT_AN_OBJECT,
    /** {@code id} is absent, null or blank. */
    MISSING_ID,
    /** {@code body} is absent or null. */
    MISSING_BODY,
    /** {@code body} is blank, or nothing is left of it once HTML and whitespace are removed. */
    EMPTY_BODY,
    /** A field has the wrong JSON type, e.g. a numeric body or a numeric {@code publishedAt}. */
    WRONG_TYPE,
    /** {@code publishedAt} is a string but not an ISO-8601 date-time with offset, nor a plain date. */
    BAD_TIMESTAMP,
    /** Ingest itself failed on this record; the message names the error. Routed here so one record cannot stop the stage. */
    UNPROCESSABLE
}
