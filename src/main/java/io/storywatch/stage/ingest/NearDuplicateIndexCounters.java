package io.storywatch.stage.ingest;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.JMException;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JVM's near-duplicate index counters, registered once as an MBean so that a benchmark can read them from the
 * pipeline's process (every ingest task of the JVM adds to the same counters).
 */
final class NearDuplicateIndexCounters implements NearDuplicateIndexMBean {

    private static final Logger LOG = LoggerFactory.getLogger(NearDuplicateIndexCounters.class);
    static final String OBJECT_NAME = "io.storywatch:type=NearDuplicateIndex";
    static final NearDuplicateIndexCounters JVM = register(new NearDuplicateIndexCounters());

    final AtomicLong articlesLookedUp = new AtomicLong();
    final AtomicLong candidates = new AtomicLong();
    final AtomicLong nearCopies = new AtomicLong();
    final AtomicLong originalsStored = new AtomicLong();
    final AtomicLong originalsPruned = new AtomicLong();

    private static NearDuplicateIndexCounters register(NearDuplicateIndexCounters counters) {
        try {
            ManagementFactory.getPlatformMBeanServer().registerMBean(
                    new StandardMBean(counters, NearDuplicateIndexMBean.class), new ObjectName(OBJECT_NAME));
        } catch (JMException | RuntimeException e) {
            LOG.warn("cannot publish the near-duplicate index counters over JMX: {}", e.toString());
        }
        return counters;
    }

    @Override
    public long getArticlesLookedUp() {
        return articlesLookedUp.get();
    }

    @Override
    public long getCandidates() {
        return candidates.get();
    }

    @Override
    public long getNearCopies() {
        return nearCopies.get();
    }

    @Override
    public long getOriginalsStored() {
        return originalsStored.get();
    }

    @Override
    public long getOriginalsPruned() {
        return originalsPruned.get();
    }
}
