package org.bighead.magics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bighead.magics.CellPart.CellCall;
import org.bighead.magics.CellPart.Code;
import org.bighead.magics.CellPart.Invalid;
import org.bighead.magics.CellPart.LineCall;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How a cell splits into code chunks, line magics and a cell magic. */
class CellPlanTest {

    private static List<CellPart> parts(String cell) {
        return CellPlan.parse(cell).parts();
    }

    @Test
    void aCellWhoseFirstNonBlankLineIsADoublePercentIsOneCellMagicOwningTheRest() {
        assertThat(parts("\n  %%time  \nvar x = 1;\n%maven a:b:1\nx + 1"))
                .containsExactly(new CellCall("time", "", "var x = 1;\n%maven a:b:1\nx + 1"));
    }

    @Test
    void aCellMagicsArgumentsAreTheRestOfItsLineTrimmed() {
        assertThat(parts("%%sql  --db prod   \nselect 1"))
                .containsExactly(new CellCall("sql", "--db prod", "select 1"));
    }

    @Test
    void javaWithoutMagicsIsOneCodeChunkFromLineOne() {
        CellPlan plan = CellPlan.parse("var a = 1;\na + 1");
        assertThat(plan.parts()).containsExactly(new Code("var a = 1;\na + 1", 1));
        assertThat(plan.isPlainJava()).isTrue();
    }

    @Test
    void anEmptyCellHasNoParts() {
        assertThat(parts("")).isEmpty();
        assertThat(parts("\n  \n")).isEmpty();
    }

    @Test
    void lineMagicsSplitTheCodeIntoChunksThatKnowTheirFirstLine() {
        String cell = """
                %maven com.google.code.gson:gson:2.11.0
                import com.google.gson.Gson;

                var gson = new Gson();
                  %time gson.toJson(1)
                gson.toJson(2)
                """;
        CellPlan plan = CellPlan.parse(cell);
        assertThat(plan.parts())
                .containsExactly(
                        new LineCall("maven", "com.google.code.gson:gson:2.11.0", 1),
                        new Code("import com.google.gson.Gson;\n\nvar gson = new Gson();", 2),
                        new LineCall("time", "gson.toJson(1)", 5),
                        new Code("gson.toJson(2)", 6));
        assertThat(plan.isPlainJava()).isFalse();
    }

    @Test
    void blankLinesAroundAChunkAreDroppedAndItsFirstLineMovesWithThem() {
        assertThat(parts("\n\nvar a = 1;\n\n%lsmagic\n\n"))
                .containsExactly(new Code("var a = 1;", 3), new LineCall("lsmagic", "", 5));
    }

    @Test
    void windowsLineEndingsCountLinesTheSameWay() {
        assertThat(parts("%lsmagic\r\nvar a = 1;\r\na\r\n"))
                .containsExactly(new LineCall("lsmagic", "", 1), new Code("var a = 1;\na", 2));
    }

    @Test
    void magicNamesMayHaveDigitsUnderscoresAndDashes() {
        assertThat(parts("%my_magic-2   x  y ")).containsExactly(new LineCall("my_magic-2", "x  y", 1));
    }

    @Test
    void aPercentLineInsideATextBlockIsPartOfTheText() {
        String cell = String.join(
                "\n",
                "var s = \"\"\"",
                "    %not a magic",
                "    escaped \\\"\"\" quotes stay inside",
                "    %still text",
                "    \"\"\";",
                "%lsmagic");
        assertThat(parts(cell))
                .containsExactly(
                        new Code(String.join("\n", cell.lines().limit(5).toList()), 1), new LineCall("lsmagic", "", 6));
    }

    @Test
    void aPercentLineInsideABlockCommentIsPartOfTheComment() {
        String cell = "/* usage:\n%time x\n*/ var a = 1; /* one-line */\n%lsmagic";
        assertThat(parts(cell))
                .containsExactly(
                        new Code("/* usage:\n%time x\n*/ var a = 1; /* one-line */", 1),
                        new LineCall("lsmagic", "", 4));
    }

    @Test
    void quotesAndCommentMarkersInsideStringsAndLineCommentsOpenNothing() {
        String cell = String.join(
                "\n",
                "var q = \"\\\"\\\"\\\" /* not a comment\";",
                "var c = '\"'; // \"\"\" not a text block /*",
                "%lsmagic");
        assertThat(parts(cell))
                .containsExactly(
                        new Code(String.join("\n", cell.lines().limit(2).toList()), 1), new LineCall("lsmagic", "", 3));
    }

    @Test
    void aPercentAloneIsAnInvalidPartNamingItsLine() {
        List<CellPart> parts = parts("var a = 1;\n%\n%   \n");
        assertThat(parts).hasSize(3);
        assertThat(parts.get(1))
                .isEqualTo(new Invalid("%", "'%' alone on line 2 needs a magic name, e.g. %lsmagic (see %lsmagic)", 2));
        assertThat(((Invalid) parts.get(2)).line()).isEqualTo(3);
        assertThat(CellPlan.parse("var a = 1;\n%\n").firstInvalid()).contains((Invalid) parts.get(1));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "%a+b         | bad magic '%a+b' on line 1: the name right after % is letters, digits, '_' or '-', then",
                "%time(1)     | bad magic '%time(1)' on line 1",
                "% time       | bad magic '% time' on line 1",
                "%%           | '%%' alone on line 1 needs a magic name, e.g. %%time",
                "%%time!      | bad magic '%%time!' on line 1: the name right after %% is letters",
            })
    void badMagicLinesAreInvalidPartsThatSayWhy(String line, String message) {
        List<CellPart> parts = parts(line);
        assertThat(parts).singleElement().isInstanceOf(Invalid.class);
        assertThat(((Invalid) parts.get(0)).message()).startsWith(message);
    }

    @Test
    void aCellMagicBelowTheFirstLineIsInvalid() {
        List<CellPart> parts = parts("var a = 1;\n%%time\na");
        assertThat(parts.get(1))
                .isEqualTo(
                        new Invalid("%%time", "cell magic %%time must be on the first line of its cell (line 2)", 2));
    }
}
