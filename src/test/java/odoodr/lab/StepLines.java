package odoodr.lab;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test helper: the step lines a runbook command prints ({@code done        base backup: detail}) as result and
 * text, whatever the column width. Step commands have no JSON output; this is their result object.
 */
public final class StepLines {
    /** One printed step: its result word ("done", "ok", "would do", "BLOCKED", "FAILED", "not reached") and the rest. */
    public record Step(String result, String text) {
        /** Whether this is the step titled {@code title} (the text is the title, then ": detail" if any). */
        boolean is(String title) {
            return text.equals(title) || text.startsWith(title + ": ");
        }
    }

    private static final Pattern LINE = Pattern.compile("^(done|ok|would do|BLOCKED|FAILED|not reached) +(\\S.*)$");
    private final List<Step> steps;
    private final String out;

    private StepLines(List<Step> steps, String out) {
        this.steps = steps;
        this.out = out;
    }

    public static StepLines of(String out) {
        return new StepLines(out.lines().map(LINE::matcher).filter(Matcher::matches)
                .map(m -> new Step(m.group(1), m.group(2))).toList(), out);
    }

    /** The step titled {@code title}; fails listing the output when there is none. */
    public Step step(String title) {
        return steps.stream().filter(s -> s.is(title)).findFirst()
                .orElseThrow(() -> new AssertionError("no step \"" + title + "\" in\n" + out));
    }

    /** The result word of the step titled {@code title}. */
    public String resultOf(String title) {
        return step(title).result();
    }

    /** The texts of the steps with result {@code result}, in order. */
    public List<String> with(String result) {
        return steps.stream().filter(s -> s.result().equals(result)).map(Step::text).toList();
    }

    @Override
    public String toString() {
        return out;
    }
}
