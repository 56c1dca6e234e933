package org.bighead.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.bighead.pipeline.BadInputException.Problem;
import org.bighead.pipeline.data.Listings;
import org.bighead.pipeline.data.ListingsPipelines;
import org.bighead.pipeline.model.XGBoost;
import org.bighead.pipeline.stages.OneHot;
import org.bighead.pipeline.stages.Select;
import org.bighead.pipeline.stages.Unseen;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Bad input is refused with a typed error that names the column and says what is wrong. */
class BadInputTest {

    private static Map<String, Object> goodRow() {
        return Fixtures.row(Fixtures.listings().test(), 0);
    }

    @Test
    void aRowWithoutARequiredColumnIsRefusedByName() {
        Map<String, Object> row = goodRow();
        row.remove("accommodates");
        assertThatThrownBy(() -> Fixtures.price().predict(row))
                .isInstanceOfSatisfying(BadInputException.class, e -> {
                    assertThat(e.column()).isEqualTo("accommodates");
                    assertThat(e.problem()).isEqualTo(Problem.MISSING_COLUMN);
                })
                .hasMessageContaining("missing required column 'accommodates'");
    }

    @Test
    void aTableWithoutARequiredColumnIsRefusedByName() {
        Table test = Fixtures.listings().test().copy().removeColumns("minimum_nights");
        assertThatThrownBy(() -> Fixtures.price().predict(test))
                .isInstanceOfSatisfying(
                        BadInputException.class, e -> assertThat(e.column()).isEqualTo("minimum_nights"))
                .hasMessageContaining("missing required column 'minimum_nights'");
    }

    @Test
    void aValueOfTheWrongTypeIsRefusedByName() {
        Map<String, Object> row = goodRow();
        row.put("accommodates", java.util.List.of(1, 2));
        assertThatThrownBy(() -> Fixtures.price().predict(row))
                .isInstanceOfSatisfying(BadInputException.class, e -> {
                    assertThat(e.column()).isEqualTo("accommodates");
                    assertThat(e.problem()).isEqualTo(Problem.WRONG_TYPE);
                })
                .hasMessageContaining("column 'accommodates': expected a number");
    }

    @Test
    void anUnparsableNumberIsRefusedAndQuoted() {
        Map<String, Object> row = goodRow();
        row.put("bedrooms", "two");
        assertThatThrownBy(() -> Fixtures.price().predict(row))
                .isInstanceOfSatisfying(
                        BadInputException.class, e -> assertThat(e.problem()).isEqualTo(Problem.UNPARSABLE))
                .hasMessage("column 'bedrooms': expected a number, got 'two'");
    }

    @Test
    void anUnparsableNumberInABatchNamesTheRowAndColumn() {
        Table test = Fixtures.listings().test().first(5).copy();
        StringColumn bedrooms = StringColumn.create("bedrooms", "1", "2", "lots", "1", "");
        test.replaceColumn("bedrooms", bedrooms);
        assertThatThrownBy(() -> Fixtures.price().predict(test))
                .isInstanceOf(BadInputException.class)
                .hasMessage("row 2: column 'bedrooms': expected a number, got 'lots'");
    }

    @Test
    void aMissingValueInAColumnThatNeverHadOneIsRefused() {
        Map<String, Object> row = goodRow();
        row.put("accommodates", null);
        assertThatThrownBy(() -> Fixtures.price().predict(row))
                .isInstanceOfSatisfying(
                        BadInputException.class, e -> assertThat(e.problem()).isEqualTo(Problem.MISSING_VALUE))
                .hasMessageContaining("column 'accommodates' has a missing value");
    }

    @Test
    void missingValuesAreFineWhereTrainingHadThemOrAStageFillsThem() {
        Map<String, Object> row = goodRow();
        row.remove("bedrooms"); // imputed
        row.remove("review_score"); // missing in training: the trees route it
        row.remove("amenities"); // text hashing treats it as no words
        assertThat(Fixtures.price().predict(row).value()).isFinite();
    }

    @Test
    void anInfiniteNumberIsRefused() {
        Map<String, Object> row = goodRow();
        row.put("bathrooms", Double.POSITIVE_INFINITY);
        assertThatThrownBy(() -> Fixtures.price().predict(row))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("column 'bathrooms': number out of range");
    }

    @Test
    void anUnseenCategoryIsRefusedUnderTheStrictPolicyAndIgnoredOtherwise() {
        Table train = Fixtures.listings().train();
        Map<String, Object> row = goodRow();
        row.put("room_type", "Treehouse");
        FittedPipeline strict = Pipeline.of(
                        Select.of("room_type", "accommodates"),
                        OneHot.of("room_type").unseen(Unseen.ERROR),
                        XGBoost.regressor().rounds(5))
                .target("price")
                .fit(train);
        assertThatThrownBy(() -> strict.predict(row))
                .isInstanceOfSatisfying(BadInputException.class, e -> {
                    assertThat(e.column()).isEqualTo("room_type");
                    assertThat(e.problem()).isEqualTo(Problem.UNSEEN_CATEGORY);
                })
                .hasMessageStartingWith("column 'room_type': unseen category 'Treehouse'; known: ");

        FittedPipeline lenient = Pipeline.of(
                        Select.of("room_type", "accommodates"),
                        OneHot.of("room_type"),
                        XGBoost.regressor().rounds(5))
                .target("price")
                .fit(train);
        assertThat(lenient.predict(row).value()).isFinite();
    }

    @Test
    void fittingOrEvaluatingAnEmptyTableIsRefused() {
        Table empty = Fixtures.listings().train().emptyCopy();
        assertThatThrownBy(() -> ListingsPipelines.price().fit(empty))
                .isInstanceOfSatisfying(
                        BadInputException.class, e -> assertThat(e.problem()).isEqualTo(Problem.EMPTY_TABLE))
                .hasMessageContaining("empty table");
        assertThatThrownBy(() -> Fixtures.price().evaluate(empty))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("empty table");
    }

    @Test
    void aMissingTargetColumnIsNamed() {
        Table noTarget = Fixtures.listings().train().copy().removeColumns("price");
        assertThatThrownBy(() -> ListingsPipelines.price().fit(noTarget))
                .isInstanceOfSatisfying(
                        BadInputException.class, e -> assertThat(e.column()).isEqualTo("price"))
                .hasMessageContaining("missing required column 'price' (the target)");
    }

    @Test
    void textReachingTheModelIsExplainedWithTheFix() {
        assertThatThrownBy(() -> Pipeline.of(Select.of("room_type", "accommodates"), XGBoost.regressor())
                        .target("price")
                        .fit(Fixtures.listings().train()))
                .isInstanceOf(PipelineException.class)
                .hasMessageContaining("column 'room_type' still holds text")
                .hasMessageContaining("OneHot.of(\"room_type\")");
    }

    @Test
    void extraColumnsInARowAreIgnored() {
        Map<String, Object> row = new HashMap<>(goodRow());
        row.put("favourite_colour", "teal");
        assertThat(Fixtures.price().predict(row).value())
                .isEqualTo(Fixtures.price().predict(goodRow()).value());
    }

    @Test
    void unusedColumnsAreNotRequired() {
        assertThat(Fixtures.price().inputSchema().names())
                .containsExactlyInAnyOrderElementsOf(Listings.FEATURES)
                .doesNotContain("listing_id", "listed_at", "booked", "price");
    }
}
