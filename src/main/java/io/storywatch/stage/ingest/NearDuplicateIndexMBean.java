package io.storywatch.stage.ingest;

/** What the near-duplicate index has done in this JVM, over JMX as {@code io.storywatch:type=NearDuplicateIndex}. */
public interface NearDuplicateIndexMBean {

    /** Articles looked up in the index (originals and copies; not exact copies nor short bodies). */
    long getArticlesLookedUp();

    /** Indexed originals looked at for those articles, summed: candidates per article = this ÷ articles. */
    long getCandidates();

    /** Near copies marked. */
    long getNearCopies();

    /** Originals whose store entry carries a SimHash now: what a restart rebuilds the index from. */
    long getOriginalsStored();

    /** Originals removed from the store as older than the retention. */
    long getOriginalsPruned();
}
