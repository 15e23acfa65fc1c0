package io.storywatch.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reading an instance's task assignment from its log, as the cluster test does (no Docker needed). */
class StoryWatchClusterTest {

    @Test
    void shouldKeepEachStagesLatestTaskListWithTheTimeDockerLoggedIt() {
        String log = String.join("\n",
                "2026-12-04T16:00:01.000000000Z 16:00:01.000 INFO  PipelineRunner - stage tag: REBALANCING -> RUNNING",
                "2026-12-04T16:00:01.100000000Z 16:00:01.100 INFO  PipelineRunner - stage tag runs tasks [0_0, 0_2] here",
                "2026-12-04T16:00:02.000000000Z 16:00:02.000 INFO  PipelineRunner - stage score runs tasks [] here",
                "2026-12-04T16:00:09.500000000Z 16:00:09.500 INFO  PipelineRunner - stage tag runs tasks [0_0, 0_1, 0_2] here",
                "2026-12-04T16:00:10.000000000Z something else entirely");

        Map<String, StoryWatchCluster.Assignment> latest = StoryWatchCluster.assignmentsIn(log);

        assertEquals(Map.of(
                "tag", new StoryWatchCluster.Assignment(Instant.parse("2026-12-04T16:00:09.500Z"),
                        Set.of("0_0", "0_1", "0_2")),
                "score", new StoryWatchCluster.Assignment(Instant.parse("2026-12-04T16:00:02Z"), Set.of())),
                latest);
    }
}
