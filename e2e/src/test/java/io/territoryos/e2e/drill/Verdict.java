package io.territoryos.e2e.drill;

import java.util.ArrayList;
import java.util.List;

/**
 * The checks of one drill run and what they add up to: PASS only when there was at least one check and every check
 * passed. A drill that could not check something records that as a failed check, never as a pass.
 */
public final class Verdict {

    /** One named check with what was measured against what was expected. */
    public record Check(String name, boolean passed, String detail) {
    }

    private final List<Check> checks = new ArrayList<>();

    public Verdict check(String name, boolean passed, String detail) {
        checks.add(new Check(name, passed, detail));
        return this;
    }

    public boolean passed() {
        return !checks.isEmpty() && checks.stream().allMatch(Check::passed);
    }

    public String verdict() {
        return passed() ? "PASS" : "FAIL";
    }

    public List<Check> checks() {
        return List.copyOf(checks);
    }

    public List<Check> failures() {
        return checks.stream().filter(c -> !c.passed()).toList();
    }

    /** Adds every check of another verdict, their names prefixed (e.g. {@code cycle 3: }). */
    public Verdict addAll(String prefix, Verdict other) {
        other.checks.forEach(c -> checks.add(new Check(prefix + c.name(), c.passed(), c.detail())));
        return this;
    }
}
