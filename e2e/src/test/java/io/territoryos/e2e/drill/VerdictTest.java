package io.territoryos.e2e.drill;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VerdictTest {

    @Test
    void passesOnlyWhenEveryCheckPassed() {
        Verdict v = new Verdict().check("a", true, "1").check("b", true, "2");
        assertThat(v.verdict()).isEqualTo("PASS");
        v.check("c", false, "3 > 2");
        assertThat(v.verdict()).isEqualTo("FAIL");
        assertThat(v.failures()).extracting(Verdict.Check::name).containsExactly("c");
    }

    @Test
    void aDrillWithoutChecksIsNoPass() {
        assertThat(new Verdict().verdict()).isEqualTo("FAIL");
    }

    @Test
    void cyclesArePrefixed() {
        Verdict cycle = new Verdict().check("resumed", false, "41 s");
        Verdict all = new Verdict().addAll("cycle 2: ", cycle);
        assertThat(all.checks()).extracting(Verdict.Check::name).containsExactly("cycle 2: resumed");
        assertThat(all.passed()).isFalse();
    }
}
