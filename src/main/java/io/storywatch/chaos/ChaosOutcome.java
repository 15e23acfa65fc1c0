package io.storywatch.chaos;

import java.util.List;

/**
 * What one chaos scenario showed: the row of the report.
 *
 * @param scenario   its name
 * @param records    records fed
 * @param scored     records that ended on news.articles.scored
 * @param rejected   records that ended on news.articles.rejected
 * @param failed     records that ended on news.articles.failed
 * @param lost       records that ended nowhere (or, for a replay, articles the replay did not write again)
 * @param duplicated records that ended more than once (or were written more than once by the replay)
 * @param stageStops stages that stopped on an error, every start of {@code run} together
 * @param windows    window keys compared with the recount, -1 when not compared
 * @param windowsDiffer window keys that differ from the recount
 * @param checks     the scenario's own checks that failed (e.g. an output that changed), empty when all held
 * @param details    what the report prints below the table: problems, rejections by code, dead letters by stage
 * @param seconds    how long it took
 */
public record ChaosOutcome(String scenario, int records, int scored, int rejected, int failed, int lost,
                           int duplicated, int stageStops, int windows, int windowsDiffer, List<String> checks,
                           List<String> details, long seconds) {

    /** The same outcome with one more failed check. */
    public ChaosOutcome withFailedCheck(String check) {
        List<String> all = new java.util.ArrayList<>(checks);
        all.add(check);
        return new ChaosOutcome(scenario, records, scored, rejected, failed, lost, duplicated, stageStops, windows,
                windowsDiffer, all, details, seconds);
    }

    public boolean passed() {
        return lost == 0 && duplicated == 0 && stageStops == 0 && windowsDiffer == 0 && checks.isEmpty();
    }
}
