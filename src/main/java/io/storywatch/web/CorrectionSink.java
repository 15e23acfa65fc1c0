package io.storywatch.web;

import io.storywatch.event.CorrectionMade;

/** Where the dashboard appends an analyst's correction: news.corrections, or anything a test puts in its place. */
interface CorrectionSink extends AutoCloseable {

    /** Appends the correction durably, or throws saying why it could not. */
    void append(CorrectionMade correction) throws Exception;

    @Override
    default void close() {
    }
}
