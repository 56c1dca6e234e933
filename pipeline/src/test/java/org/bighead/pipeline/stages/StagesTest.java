package org.bighead.pipeline.stages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bighead.pipeline.BadInputException;
import org.bighead.pipeline.ColumnDef;
import org.bighead.pipeline.FittedPipeline;
import org.bighead.pipeline.FittedStage;
import org.bighead.pipeline.Frame;
import org.bighead.pipeline.Kind;
import org.bighead.pipeline.Layout;
import org.bighead.pipeline.Pipeline;
import org.bighead.pipeline.PipelineException;
import org.bighead.pipeline.RowBuffer;
import org.bighead.pipeline.RowTransform;
import org.bighead.pipeline.Stage;
import org.bighead.pipeline.StageTypes;
import org.bighead.pipeline.bundle.Json;
import org.bighead.pipeline.model.Linear;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Every built-in stage, fitted on a table small enough to check by hand: the learned parameters and the values it
 * writes, row by row, through {@link FittedStage#compile(Layout)} exactly as a compiled pipeline runs it.
 */
class StagesTest {

    private static final double NaN = Double.NaN;

    // ---------------------------------------------------------------- helpers

    private static Table table(tech.tablesaw.columns.Column<?>... columns) {
        return Table.create("tiny", columns);
    }

    /** The output columns of a fitted stage run on every row of a table. */
    record Output(Map<String, double[]> numbers, Map<String, String[]> strings) {
        double[] numeric(String column) {
            assertThat(numbers).as("numeric outputs").containsKey(column);
            return numbers.get(column);
        }

        String[] text(String column) {
            assertThat(strings).as("string outputs").containsKey(column);
            return strings.get(column);
        }
    }

    /**
     * Runs {@code stage} over each row of {@code table} the way a compiled pipeline does: the table's columns get
     * slots in a {@link Layout}, the stage compiles against it, and one reused {@link RowBuffer} carries each row.
     */
    static Output run(FittedStage stage, Table table) {
        Frame frame = Frame.of(table);
        Layout layout = new Layout();
        List<String> names = frame.names();
        int[] inSlots =
                names.stream().mapToInt(n -> layout.slot(n, frame.kind(n))).toArray();
        RowTransform transform = stage.compile(layout);
        RowBuffer row = layout.newBuffer();
        Map<String, double[]> numbers = new LinkedHashMap<>();
        Map<String, String[]> strings = new LinkedHashMap<>();
        for (ColumnDef out : stage.outputs()) {
            if (out.kind() == Kind.NUMERIC) {
                numbers.put(out.name(), new double[frame.rows()]);
            } else {
                strings.put(out.name(), new String[frame.rows()]);
            }
        }
        for (int i = 0; i < frame.rows(); i++) {
            row.clear();
            for (int j = 0; j < names.size(); j++) {
                if (frame.kind(names.get(j)) == Kind.NUMERIC) {
                    row.num[inSlots[j]] = frame.numeric(names.get(j))[i];
                } else {
                    row.str[inSlots[j]] = frame.strings(names.get(j))[i];
                }
            }
            transform.apply(row);
            for (Map.Entry<String, double[]> e : numbers.entrySet()) {
                e.getValue()[i] = row.num[layout.numeric(e.getKey())];
            }
            for (Map.Entry<String, String[]> e : strings.entrySet()) {
                e.getValue()[i] = row.str[layout.string(e.getKey())];
            }
        }
        return new Output(numbers, strings);
    }

    /** Fits on {@code train} and runs on {@code rows}. */
    static Output fitAndRun(Stage stage, Table train, Table rows) {
        return run(stage.fit(Frame.of(train)), rows);
    }

    // ---------------------------------------------------------------- Impute

    static Table houses() {
        return table(
                DoubleColumn.create("bedrooms", 1, 2, NaN, 6, 1),
                StringColumn.create("city", "Oslo", null, "Rome", "Rome", null));
    }

    @Test
    void imputeMeanLearnsTheMeanOfThePresentValuesAndFillsOnlyTheGaps() {
        Impute.Fitted fitted = Impute.mean("bedrooms").fit(Frame.of(houses()));

        assertThat(fitted.strategy()).isEqualTo("mean");
        assertThat(fitted.numbers()).containsExactly(Map.entry("bedrooms", 2.5)); // (1 + 2 + 6 + 1) / 4
        assertThat(fitted.strings()).isEmpty();
        assertThat(fitted.fillsMissing("bedrooms")).isTrue();
        assertThat(fitted.fillsMissing("city")).isFalse();
        assertThat(run(fitted, houses()).numeric("bedrooms")).containsExactly(1, 2, 2.5, 6, 1);
    }

    @Test
    void imputeMedianTakesTheMiddleValueOrTheMeanOfTheTwoMiddleOnes() {
        assertThat(Impute.median("bedrooms").fit(Frame.of(houses())).numbers())
                .containsExactly(Map.entry("bedrooms", 1.5)); // sorted 1, 1, 2, 6
        Table odd = table(DoubleColumn.create("x", 9, NaN, 1, 5));
        Impute.Fitted fitted = Impute.median("x").fit(Frame.of(odd));
        assertThat(fitted.numbers()).containsExactly(Map.entry("x", 5.0));
        assertThat(run(fitted, odd).numeric("x")).containsExactly(9, 5, 1, 5);
    }

    @Test
    void imputeMostFrequentWorksForNumbersAndStrings() {
        Impute.Fitted fitted = Impute.mostFrequent("bedrooms", "city").fit(Frame.of(houses()));

        assertThat(fitted.strategy()).isEqualTo("most_frequent");
        assertThat(fitted.numbers()).containsExactly(Map.entry("bedrooms", 1.0));
        assertThat(fitted.strings()).containsExactly(Map.entry("city", "Rome"));
        assertThat(fitted.inputs()).containsExactly("bedrooms", "city");
        Output out = run(fitted, houses());
        assertThat(out.numeric("bedrooms")).containsExactly(1, 2, 1, 6, 1);
        assertThat(out.text("city")).containsExactly("Oslo", "Rome", "Rome", "Rome", "Rome");
    }

    @Test
    void imputeMostFrequentBreaksTiesByTheSmallestValue() {
        Table tie = table(
                DoubleColumn.create("x", 7, 3, 7, 3, NaN),
                StringColumn.create("s", "pear", "apple", "pear", "apple", null));
        Impute.Fitted fitted = Impute.mostFrequent("x", "s").fit(Frame.of(tie));
        assertThat(fitted.numbers()).containsExactly(Map.entry("x", 3.0));
        assertThat(fitted.strings()).containsExactly(Map.entry("s", "apple"));
    }

    @Test
    void imputeConstantFillsNumbersWithANumberAndTextWithAString() {
        Output numbers = fitAndRun(Impute.constant(-1, "bedrooms"), houses(), houses());
        assertThat(numbers.numeric("bedrooms")).containsExactly(1, 2, -1, 6, 1);

        Impute.Fitted text = Impute.constant("unknown", "city").fit(Frame.of(houses()));
        assertThat(text.strategy()).isEqualTo("constant");
        assertThat(text.strings()).containsExactly(Map.entry("city", "unknown"));
        assertThat(run(text, houses()).text("city")).containsExactly("Oslo", "unknown", "Rome", "Rome", "unknown");
    }

    @Test
    void imputeConstantOfTheWrongKindIsRefused() {
        assertThatThrownBy(() -> Impute.constant("none", "bedrooms").fit(Frame.of(houses())))
                .isInstanceOf(PipelineException.class)
                .hasMessage("Impute.constant(\"none\") cannot fill numeric column 'bedrooms'; pass a number");
        assertThatThrownBy(() -> Impute.constant(0, "city").fit(Frame.of(houses())))
                .isInstanceOf(PipelineException.class)
                .hasMessage("Impute.constant(0.0) cannot fill string column 'city'; pass a string");
    }

    @Test
    void imputeMedianOfATextColumnSaysWhatToUseInstead() {
        assertThatThrownBy(() -> Impute.median("city").fit(Frame.of(houses())))
                .isInstanceOf(PipelineException.class)
                .hasMessage("Impute.median needs numbers, but column 'city' holds text; use Impute.mostFrequent or"
                        + " Impute.constant(\"...\")");
        assertThatThrownBy(() -> Impute.mean("city").fit(Frame.of(houses())))
                .hasMessageStartingWith("Impute.mean needs numbers, but column 'city' holds text");
    }

    @Test
    void imputeOfAColumnWithNoValuesAtAllIsRefused() {
        Table empty = table(DoubleColumn.create("x", NaN, NaN));
        assertThatThrownBy(() -> Impute.mean("x").fit(Frame.of(empty)))
                .isInstanceOf(PipelineException.class)
                .hasMessage("Impute: column 'x' has no values to learn a mean from");
    }

    // ---------------------------------------------------------------- Scale

    @Test
    void scaleStandardLearnsMeanAndPopulationStandardDeviation() {
        Table t = table(DoubleColumn.create("x", 2, 4, 4, 4, 5, 5, 7, 9, NaN));
        Scale.Fitted fitted = Scale.standard("x").fit(Frame.of(t));

        assertThat(fitted.method()).isEqualTo("standard");
        assertThat(fitted.columns()).containsExactly("x");
        assertThat(fitted.offsets()).containsExactly(5.0);
        assertThat(fitted.scales()).containsExactly(2.0); // the textbook example: σ = 2
        assertThat(run(fitted, t).numeric("x")).containsExactly(-1.5, -0.5, -0.5, -0.5, 0, 0, 1, 2, NaN);
    }

    @Test
    void scaleMinMaxMapsTheTrainingRangeOntoZeroToOne() {
        Table t = table(DoubleColumn.create("x", 10, 30, NaN, 20, 50));
        Scale.Fitted fitted = Scale.minMax("x").fit(Frame.of(t));

        assertThat(fitted.method()).isEqualTo("min-max");
        assertThat(fitted.offsets()).containsExactly(10.0);
        assertThat(fitted.scales()).containsExactly(40.0);
        assertThat(run(fitted, t).numeric("x")).containsExactly(0, 0.5, NaN, 0.25, 1);
        // values outside the training range are not clipped
        assertThat(run(fitted, table(DoubleColumn.create("x", 0, 60))).numeric("x"))
                .containsExactly(-0.25, 1.25);
    }

    @Test
    void aConstantColumnScalesToZeroInsteadOfDividingByZero() {
        Table t = table(DoubleColumn.create("x", 3, 3, 3), DoubleColumn.create("y", 7, 7, 7));
        Scale.Fitted standard = Scale.standard("x", "y").fit(Frame.of(t));
        Scale.Fitted minMax = Scale.minMax("x", "y").fit(Frame.of(t));

        assertThat(standard.scales()).containsExactly(1.0, 1.0);
        assertThat(minMax.scales()).containsExactly(1.0, 1.0);
        assertThat(run(standard, t).numeric("x")).containsExactly(0, 0, 0);
        assertThat(run(minMax, t).numeric("y")).containsExactly(0, 0, 0);
    }

    @Test
    void scaleOfATextColumnNamesIt() {
        assertThatThrownBy(() -> Scale.standard("city").fit(Frame.of(houses())))
                .isInstanceOfSatisfying(
                        BadInputException.class, e -> assertThat(e.column()).isEqualTo("city"))
                .hasMessage("column 'city' holds text; a numeric column is needed here");
    }

    // ---------------------------------------------------------------- Log

    @Test
    void logReplacesEachValueByLogOfOnePlusIt() {
        Table t = table(DoubleColumn.create("reviews", 0, Math.E - 1, 99, NaN));
        Log.Fitted fitted = Log.of("reviews").fit(Frame.of(t));

        assertThat(fitted.columns()).containsExactly("reviews");
        assertThat(fitted.outputs()).containsExactly(ColumnDef.numeric("reviews"));
        double[] out = run(fitted, t).numeric("reviews");
        assertThat(out[0]).isEqualTo(0.0);
        assertThat(out[1]).isCloseTo(1.0, within(1e-15));
        assertThat(out[2]).isCloseTo(Math.log(100), within(1e-14));
        assertThat(out[3]).isNaN();
    }

    @Test
    void logRefusesANegativeValueNamingTheColumnInFittingAndInScoring() {
        Table bad = table(DoubleColumn.create("reviews", 3, -2));
        assertThatThrownBy(() -> Log.of("reviews").fit(Frame.of(bad)))
                .isInstanceOfSatisfying(BadInputException.class, e -> {
                    assertThat(e.column()).isEqualTo("reviews");
                    assertThat(e.problem()).isEqualTo(BadInputException.Problem.WRONG_TYPE);
                })
                .hasMessage("column 'reviews': Log needs values ≥ 0, got -2.0");

        Log.Fitted fitted = Log.of("reviews").fit(Frame.of(table(DoubleColumn.create("reviews", 1, 2))));
        assertThatThrownBy(() -> run(fitted, table(DoubleColumn.create("reviews", -0.5))))
                .isInstanceOf(BadInputException.class)
                .hasMessage("column 'reviews': Log needs values ≥ 0, got -0.5");
    }

    // ---------------------------------------------------------------- Bucketize

    @Test
    void bucketizeEdgesCountsTheEdgesAtOrBelowEachValue() {
        Table t = table(DoubleColumn.create("guests", 1, 2, 3, 4, 7.9, 8, 100, NaN, -5));
        Bucketize.Fitted fitted = Bucketize.edges("guests", 2, 4, 8).fit(Frame.of(t));

        assertThat(fitted.column()).isEqualTo("guests");
        assertThat(fitted.edges()).containsExactly(2.0, 4.0, 8.0);
        assertThat(run(fitted, t).numeric("guests")).containsExactly(0, 1, 1, 2, 2, 3, 3, NaN, 0);
    }

    @Test
    void bucketizeEdgesMustBeGivenAndStrictlyIncreasing() {
        assertThatThrownBy(() -> Bucketize.edges("x")).hasMessage("Bucketize.edges needs at least one edge");
        assertThatThrownBy(() -> Bucketize.edges("x", 1, 3, 3))
                .isInstanceOf(PipelineException.class)
                .hasMessage("Bucketize.edges must be strictly increasing, got [1.0, 3.0, 3.0]");
        assertThatThrownBy(() -> Bucketize.quantiles("x", 1))
                .hasMessage("Bucketize.quantiles needs at least 2 buckets, got 1");
    }

    @Test
    void bucketizeQuantilesLearnsEdgesThatSplitTheTrainingRowsEvenly() {
        Table t = table(DoubleColumn.create("nights", 9, 1, 8, 2, NaN, 7, 3, 6, 4, 5));
        Bucketize.Fitted fitted = Bucketize.quantiles("nights", 4).fit(Frame.of(t));

        // sorted present values 1..9; edges at indexes 1·8/4, 2·8/4, 3·8/4 = 2, 4, 6 → values 3, 5, 7
        assertThat(fitted.edges()).containsExactly(3.0, 5.0, 7.0);
        assertThat(run(fitted, t).numeric("nights")).containsExactly(3, 0, 3, 0, NaN, 3, 1, 2, 1, 2);
    }

    @Test
    void bucketizeQuantilesDropsRepeatedEdgesOfSkewedData() {
        Table t = table(DoubleColumn.create("x", 1, 1, 1, 1, 2, 3));
        Bucketize.Fitted fitted = Bucketize.quantiles("x", 3).fit(Frame.of(t));
        assertThat(fitted.edges()).containsExactly(1.0);
        assertThat(run(fitted, t).numeric("x")).containsExactly(1, 1, 1, 1, 1, 1);
    }

    // ---------------------------------------------------------------- OneHot

    static Table rooms() {
        return table(StringColumn.create("room", "private", "entire", "private", null, "shared", "private"));
    }

    @Test
    void oneHotWritesOneZeroOrOneColumnPerCategoryNamedColumnEqualsCategory() {
        OneHot.Fitted fitted = OneHot.of("room").fit(Frame.of(rooms()));

        // most frequent first, ties alphabetically
        assertThat(fitted.categories()).containsExactly(List.of("private", "entire", "shared"));
        assertThat(fitted.unseen()).isEqualTo(Unseen.IGNORE);
        assertThat(fitted.outputs())
                .extracting(ColumnDef::name)
                .containsExactly("room=private", "room=entire", "room=shared");
        assertThat(OneHot.columnFor("room", "entire")).isEqualTo("room=entire");
        assertThat(fitted.removes()).containsExactly("room");

        Output out = run(fitted, rooms());
        assertThat(out.numeric("room=private")).containsExactly(1, 0, 1, 0, 0, 1);
        assertThat(out.numeric("room=entire")).containsExactly(0, 1, 0, 0, 0, 0);
        assertThat(out.numeric("room=shared")).containsExactly(0, 0, 0, 0, 1, 0);
    }

    @Test
    void oneHotEncodesAMissingOrUnseenCategoryAsAllZeros() {
        OneHot.Fitted fitted = OneHot.of("room").fit(Frame.of(rooms()));
        Output out = run(fitted, table(StringColumn.create("room", null, "hotel", "shared")));

        assertThat(out.numeric("room=private")).containsExactly(0, 0, 0);
        assertThat(out.numeric("room=entire")).containsExactly(0, 0, 0);
        assertThat(out.numeric("room=shared")).containsExactly(0, 0, 1);
        assertThat(fitted.fillsMissing("room")).isTrue();
    }

    @Test
    void oneHotWithUnseenErrorRefusesANewCategoryButStillAcceptsMissing() {
        OneHot.Fitted strict = OneHot.of("room").unseen(Unseen.ERROR).fit(Frame.of(rooms()));

        assertThat(strict.unseen()).isEqualTo(Unseen.ERROR);
        assertThat(run(strict, table(StringColumn.create("room", (String) null)))
                        .numeric("room=entire"))
                .containsExactly(0);
        assertThatThrownBy(() -> run(strict, table(StringColumn.create("room", "hotel"))))
                .isInstanceOfSatisfying(BadInputException.class, e -> {
                    assertThat(e.column()).isEqualTo("room");
                    assertThat(e.problem()).isEqualTo(BadInputException.Problem.UNSEEN_CATEGORY);
                })
                .hasMessage("column 'room': unseen category 'hotel'; known: 'private', 'entire', 'shared'");
    }

    @Test
    void inAPipelineTheOneHotColumnsReplaceTheTextColumnAsModelFeatures() {
        Table train = table(
                StringColumn.create("room", "private", "entire", "private", "shared", "entire", "private"),
                DoubleColumn.create("price", 50, 150, 60, 30, 140, 55));
        FittedPipeline fitted = Pipeline.of(OneHot.of("room"), Linear.regressor())
                .target("price")
                .fit(train);

        assertThat(fitted.model().features()).containsExactly("room=private", "room=entire", "room=shared");
        // a category mean is what least squares learns from its indicator
        assertThat(fitted.predictValue(Map.of("room", "entire"))).isCloseTo(145, within(1e-3));
        assertThat(fitted.predictValue(Map.of("room", "shared"))).isCloseTo(30, within(1e-3));
    }

    // ---------------------------------------------------------------- Ordinal

    @Test
    void ordinalNumbersCategoriesByFrequencyWithTheMostFrequentZero() {
        Table t = table(StringColumn.create("area", "b", "a", "b", "c", "c", "c", null));
        Ordinal.Fitted fitted = Ordinal.of("area").fit(Frame.of(t));

        assertThat(fitted.categories()).containsExactly(List.of("c", "b", "a"));
        assertThat(fitted.outputs()).containsExactly(ColumnDef.numeric("area"));
        assertThat(run(fitted, t).numeric("area")).containsExactly(1, 2, 1, 0, 0, 0, NaN);
    }

    @Test
    void ordinalGivesAnUnseenCategoryMinusOneOrRefusesItWhenStrict() {
        Table train = table(StringColumn.create("area", "x", "y", "x"));
        Table rows = table(StringColumn.create("area", "y", "z", "x"));
        assertThat(fitAndRun(Ordinal.of("area"), train, rows).numeric("area")).containsExactly(1, -1, 0);

        assertThatThrownBy(() -> fitAndRun(Ordinal.of("area").unseen(Unseen.ERROR), train, rows))
                .isInstanceOfSatisfying(
                        BadInputException.class,
                        e -> assertThat(e.problem()).isEqualTo(BadInputException.Problem.UNSEEN_CATEGORY))
                .hasMessage("column 'area': unseen category 'z'; known: 'x', 'y'");
    }

    @Test
    void encodersNeedTextColumns() {
        Table numbers = table(DoubleColumn.create("area", 1, 2));
        assertThatThrownBy(() -> OneHot.of("area").fit(Frame.of(numbers)))
                .hasMessage("column 'area' holds numbers; a string column is needed here");
        assertThatThrownBy(() -> Ordinal.of("area").fit(Frame.of(numbers)))
                .hasMessage("column 'area' holds numbers; a string column is needed here");
    }

    // ---------------------------------------------------------------- TextHash

    static Table amenities() {
        return table(StringColumn.create("amenities", "Wifi, wifi; KITCHEN", null, "pool", "wifi wifi wifi"));
    }

    @Test
    void textHashCountsEachLowerCasedTokenInTheBucketBucketOfNames() {
        int buckets = 64;
        int wifi = TextHash.bucketOf("wifi", buckets);
        int kitchen = TextHash.bucketOf("kitchen", buckets);
        int pool = TextHash.bucketOf("pool", buckets);
        assertThat(List.of(wifi, kitchen, pool))
                .as("the three words fall in different buckets")
                .doesNotHaveDuplicates();
        assertThat(TextHash.bucketOf("WiFi", buckets)).isEqualTo(wifi);

        TextHash.Fitted fitted = TextHash.of("amenities", buckets).fit(Frame.of(amenities()));
        assertThat(fitted).isEqualTo(new TextHash.Fitted("amenities", 64, false));
        assertThat(fitted.outputs()).hasSize(64);
        assertThat(fitted.outputs().get(0).name()).isEqualTo("amenities#0");
        assertThat(TextHash.columnFor("amenities", 63)).isEqualTo("amenities#63");
        assertThat(fitted.removes()).containsExactly("amenities");

        Output out = run(fitted, amenities());
        assertThat(out.numeric("amenities#" + wifi)).containsExactly(2, 0, 0, 3);
        assertThat(out.numeric("amenities#" + kitchen)).containsExactly(1, 0, 0, 0);
        assertThat(out.numeric("amenities#" + pool)).containsExactly(0, 0, 1, 0);
        // every token is counted once somewhere: per row the buckets add up to the number of tokens
        double[] totals = new double[4];
        out.numbers().values().forEach(column -> {
            for (int i = 0; i < 4; i++) totals[i] += column[i];
        });
        assertThat(totals).containsExactly(3, 0, 1, 3);
    }

    @Test
    void textHashBinaryMarksPresenceInsteadOfCounting() {
        TextHash.Fitted fitted = TextHash.of("amenities", 64).binary().fit(Frame.of(amenities()));
        assertThat(fitted.binary()).isTrue();

        Output out = run(fitted, amenities());
        assertThat(out.numeric("amenities#" + TextHash.bucketOf("wifi", 64))).containsExactly(1, 0, 0, 1);
        assertThat(out.numeric("amenities#" + TextHash.bucketOf("kitchen", 64))).containsExactly(1, 0, 0, 0);
    }

    @Test
    void textHashTurnsMissingTextIntoAllZeros() {
        Output out = fitAndRun(TextHash.of("amenities", 8), amenities(), amenities());
        assertThat(out.numbers()).hasSize(8);
        assertThat(out.numbers().values())
                .allSatisfy(column -> assertThat(column[1]).isZero());
    }

    @Test
    void textHashBucketsAreLimited() {
        assertThatThrownBy(() -> TextHash.of("amenities", 0))
                .hasMessage("TextHash buckets must be between 1 and 65536, got 0");
        assertThat(TextHash.bucketOf("anything", 1)).isZero();
    }

    // ---------------------------------------------------------------- Select and Drop

    static Table wide() {
        return table(
                DoubleColumn.create("a", new double[] {1}),
                DoubleColumn.create("b", new double[] {2}),
                DoubleColumn.create("hash#0", new double[] {3}),
                DoubleColumn.create("hash#1", new double[] {4}),
                StringColumn.create("note", "x"));
    }

    @Test
    void selectKeepsNamedColumnsAndPatternFamiliesAndHidesTheRest() {
        Select.Fitted fitted = Select.of("hash#*", "a", "hash#1").fit(Frame.of(wide()));

        assertThat(fitted.kept()).containsExactly("hash#0", "hash#1", "a");
        assertThat(fitted.removed()).containsExactly("b", "note");
        assertThat(fitted.inputs()).isEqualTo(fitted.kept());
        assertThat(fitted.removes()).isEqualTo(fitted.removed());
        assertThat(fitted.outputs()).isEmpty();
    }

    @Test
    void selectOfAMissingColumnNamesItAndWhatTheDataHas() {
        assertThatThrownBy(() -> Select.of("a", "zzz").fit(Frame.of(wide())))
                .isInstanceOfSatisfying(BadInputException.class, e -> {
                    assertThat(e.column()).isEqualTo("zzz");
                    assertThat(e.problem()).isEqualTo(BadInputException.Problem.MISSING_COLUMN);
                })
                .hasMessage("missing required column 'zzz'; the data has [a, b, hash#0, hash#1, note]");
    }

    @Test
    void dropHidesColumnsAndIgnoresNamesTheDataDoesNotHave() {
        Drop.Fitted fitted = Drop.of("note", "absent", "hash#*").fit(Frame.of(wide()));

        assertThat(fitted.dropped()).containsExactly("note", "hash#0", "hash#1");
        assertThat(fitted.removes()).isEqualTo(fitted.dropped());
        assertThat(fitted.inputs()).isEmpty();
        assertThat(Drop.of("absent").fit(Frame.of(wide())).dropped()).isEmpty();
    }

    @Test
    void columnsDroppedOrNotSelectedAreNotRequiredToScore() {
        Table train = table(
                DoubleColumn.create("x", 1, 2, 3, 4),
                DoubleColumn.create("noise", 9, 8, 7, 6),
                StringColumn.create("id", "p", "q", "r", "s"),
                DoubleColumn.create("y", 3, 5, 7, 9));
        FittedPipeline dropped = Pipeline.of(Drop.of("id", "noise", "not-there"), Linear.regressor())
                .target("y")
                .fit(train);
        FittedPipeline selected =
                Pipeline.of(Select.of("x"), Linear.regressor()).target("y").fit(train);

        for (FittedPipeline p : List.of(dropped, selected)) {
            assertThat(p.inputSchema().names()).containsExactly("x");
            assertThat(p.model().features()).containsExactly("x");
            // y = 2x + 1, up to the regressor's tiny ridge penalty
            assertThat(p.predictValue(Map.of("x", 10))).isCloseTo(21, within(1e-4));
        }
    }

    @Test
    void stageFactoriesRefuseEmptyBlankOrRepeatedColumnNames() {
        assertThatThrownBy(() -> Impute.median()).hasMessage("Impute needs at least one column name");
        assertThatThrownBy(() -> Scale.standard("x", " ")).hasMessage("Scale: column names must not be blank");
        assertThatThrownBy(() -> OneHot.of("x", "x")).hasMessage("OneHot: column 'x' is listed twice");
    }

    // ---------------------------------------------------------------- JSON

    @Test
    void everyFittedStageSurvivesAJsonRoundTripAsAnEqualRecord() throws Exception {
        Table t = table(
                DoubleColumn.create("n", 1, NaN, 3.25, 0.1),
                StringColumn.create("s", "a", "b", null, "a"),
                StringColumn.create("text", "red fox", "lazy dog", null, "fox"));
        Frame frame = Frame.of(t);
        List<FittedStage> fitted = List.of(
                Impute.median("n").fit(frame),
                Impute.mostFrequent("n", "s").fit(frame),
                Impute.constant("?", "s").fit(frame),
                Scale.standard("n").fit(frame),
                Scale.minMax("n").fit(frame),
                Log.of("n").fit(frame),
                Bucketize.edges("n", 0.5, 2).fit(frame),
                Bucketize.quantiles("n", 3).fit(frame),
                OneHot.of("s").unseen(Unseen.ERROR).fit(frame),
                Ordinal.of("s", "text").fit(frame),
                TextHash.of("text", 16).binary().fit(frame),
                Select.of("n", "t*").fit(frame),
                Drop.of("s", "nope").fit(frame));

        for (FittedStage stage : fitted) {
            String json = Json.MAPPER.writeValueAsString(stage);
            FittedStage back = Json.MAPPER.readValue(json, stage.getClass());
            assertThat(back).as(json).isEqualTo(stage);
            assertThat(back.summary()).isEqualTo(stage.summary());
            // a bundle reads it back by its registered type name, which gives the same record
            assertThat(StageTypes.read(stage.type(), Json.MAPPER.readTree(json), Map.of(), Json.MAPPER))
                    .isEqualTo(stage);
        }
        // the JSON holds the learned numbers themselves: the standard scaler's mean of 1, 3.25 and 0.1
        assertThat(Json.MAPPER
                        .readTree(Json.MAPPER.writeValueAsString(fitted.get(3)))
                        .get("offsets")
                        .get(0)
                        .doubleValue())
                .isCloseTo(1.45, within(1e-12));
    }
}
