package org.bighead.spark;

import java.io.PrintStream;
import java.util.Locale;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.StageInfo;

/** One line per finished Spark stage on stderr: which, how many tasks, how long. */
final class StageProgress extends SparkListener {
    private final PrintStream out;

    StageProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onStageCompleted(SparkListenerStageCompleted event) {
        StageInfo stage = event.stageInfo();
        long ms = stage.completionTime().isDefined() && stage.submissionTime().isDefined()
                ? (Long) stage.completionTime().get()
                        - (Long) stage.submissionTime().get()
                : 0;
        String name = stage.name().split(" at ", 2)[0];
        out.printf(
                Locale.ROOT,
                "stage %d (%s): %d tasks in %.1f s%s%n",
                stage.stageId(),
                name,
                stage.numTasks(),
                ms / 1000.0,
                stage.failureReason().isDefined()
                        ? ", failed: " + stage.failureReason().get()
                        : "");
        out.flush();
    }

    /** The first line of a message (Spark's failure reasons carry whole stack traces). */
    static String firstLine(String message) {
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
