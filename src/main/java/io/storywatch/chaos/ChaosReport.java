package io.storywatch.chaos;

import io.storywatch.json.Json;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The chaos report: a table with one row per scenario and the details under it, or the same as JSON. */
public final class ChaosReport {

    private static final String[] HEADER = {"scenario", "records", "scored", "rejected", "failed", "lost",
            "duplicated", "stage stops", "windows = recount", "result"};

    private ChaosReport() {
    }

    public static void table(List<ChaosOutcome> outcomes, PrintWriter out) {
        out.println("| " + String.join(" | ", HEADER) + " |");
        out.println("|" + "---|".repeat(HEADER.length));
        for (ChaosOutcome o : outcomes) {
            String windows = o.windows() < 0 ? "-" : o.windowsDiffer() == 0 ? "yes (" + o.windows() + ")"
                    : "NO: " + o.windowsDiffer() + " of " + o.windows() + " differ";
            out.printf("| %s | %d | %d | %d | %d | %d | %d | %d | %s | %s |%n", o.scenario(), o.records(), o.scored(),
                    o.rejected(), o.failed(), o.lost(), o.duplicated(), o.stageStops(), windows,
                    o.passed() ? "pass" : "FAIL");
        }
        for (ChaosOutcome o : outcomes) {
            out.println();
            out.println(o.scenario() + " (" + o.seconds() + " s):");
            o.checks().forEach(c -> out.println("  FAILED CHECK: " + c));
            o.details().forEach(d -> out.println("  " + d));
        }
        out.flush();
    }

    public static void json(List<ChaosOutcome> outcomes, PrintWriter out) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("passed", outcomes.stream().allMatch(ChaosOutcome::passed));
        report.put("scenarios", outcomes.stream().map(ChaosReport::row).toList());
        out.println(Json.toString(report));
        out.flush();
    }

    private static Map<String, Object> row(ChaosOutcome o) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("scenario", o.scenario());
        row.put("records", o.records());
        row.put("scored", o.scored());
        row.put("rejected", o.rejected());
        row.put("failed", o.failed());
        row.put("lost", o.lost());
        row.put("duplicated", o.duplicated());
        row.put("stageStops", o.stageStops());
        row.put("windowsCompared", o.windows());
        row.put("windowsDiffer", o.windowsDiffer());
        row.put("failedChecks", o.checks());
        row.put("details", o.details());
        row.put("seconds", o.seconds());
        row.put("passed", o.passed());
        return row;
    }
}
