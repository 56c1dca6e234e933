package org.bighead.magics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** %time and %%time: the code's value still shows, with its wall time printed as IPython does. */
class TimeMagicTest {

    @ParameterizedTest(name = "{0} ns is {1}")
    @CsvSource({
        "0, 0 ns",
        "850, 850 ns",
        "999, 999 ns",
        "12345, 12.3 µs",
        "999999, 1 ms",
        "1500000, 1.5 ms",
        "12345678, 12.3 ms",
        "100000000, 100 ms",
        "2345000000, 2.35 s",
        "59990000000, 60 s",
        "65000000000, 1min 5s",
        "3723000000000, 1h 2min 3s",
    })
    void durationsHaveThreeSignificantDigitsInASensibleUnit(long nanos, String expected) {
        assertThat(TimeMagic.format(nanos)).isEqualTo(expected);
    }

    @Test
    void timeReturnsTheValueOfTheCodeAndPrintsTheWallTime() {
        FakeContext context = FakeContext.create().answer("1 + 1", 2);

        assertThat(context.run("%time 1 + 1")).isEqualTo(2);
        assertThat(context.evaluated).containsExactly("1 + 1");
        assertThat(context.printed()).matches("Wall time: \\d+(\\.\\d+)? (ns|µs|ms|s)\n");
    }

    @Test
    void theCellMagicTimesTheWholeCellBelowIt() {
        String body = "var a = 20;\na + 22";
        FakeContext context = FakeContext.create().answer(body, 42);

        assertThat(context.run("%%time\n" + body)).isEqualTo(42);
        assertThat(context.evaluated).containsExactly(body);
        assertThat(context.printed()).startsWith("Wall time: ");
    }

    @Test
    void codeThatFailsReportsItsOwnErrorUnchanged() {
        FakeContext context = FakeContext.create();
        assertThatThrownBy(() -> context.run("%time nope()")).hasMessage("cannot find symbol: nope()");
        assertThat(context.printed()).isEmpty();
    }

    @Test
    void missingCodeAndCodeOnTheCellMagicLineAreErrorsWithTheUsage() {
        FakeContext context = FakeContext.create();
        assertThatThrownBy(() -> context.run("%time"))
                .hasMessageStartingWith("%time needs Java code to time, e.g. %time model.fit(train)")
                .hasMessageContaining("Usage: %time JAVA_CODE");
        assertThatThrownBy(() -> context.run("%%time x()\ny()"))
                .hasMessageStartingWith("%%time takes no code on its own line; put 'x()' on the next line");
        assertThatThrownBy(() -> context.run("%%time\n  \n")).hasMessageStartingWith("%%time needs Java code below it");
    }

    @Test
    void helpPrintsTheUsage() {
        FakeContext context = FakeContext.create();
        context.run("%time --help");
        assertThat(context.printed()).startsWith("Usage: %time JAVA_CODE\n");
        assertThat(context.evaluated).isEmpty();
    }
}
