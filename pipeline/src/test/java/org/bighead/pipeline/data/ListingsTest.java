package org.bighead.pipeline.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.selection.Selection;

class ListingsTest {

    private static final int ROWS = 20_000;
    private static Table listings;

    @TempDir
    Path dir;

    @BeforeAll
    static void generateOnce() {
        listings = Listings.generate(ROWS, 42);
    }

    @Test
    void theSameSeedGivesByteIdenticalCsv() throws IOException {
        assertThat(csvBytes(Listings.generate(ROWS, 42), "again.csv")).isEqualTo(csvBytes(listings, "first.csv"));
    }

    @Test
    void aDifferentSeedGivesDifferentData() throws IOException {
        assertThat(csvBytes(Listings.generate(ROWS, 43), "other.csv")).isNotEqualTo(csvBytes(listings, "first.csv"));
    }

    @Test
    void aSmallerDataSetIsAPrefixOfALargerOne() throws IOException {
        // Rows are seeded by their index, so a 1M-row benchmark starts with the rows tests use.
        Table small = Listings.generate(500, 42);
        assertThat(csvBytes(small, "small.csv")).isEqualTo(csvBytes(listings.first(500), "prefix.csv"));
    }

    @Test
    void everyColumnIsPresentWithItsType() {
        assertThat(listings.name()).isEqualTo(Listings.TABLE_NAME);
        assertThat(listings.rowCount()).isEqualTo(ROWS);
        assertThat(listings.columnNames()).containsExactlyElementsOf(Listings.COLUMN_TYPES.keySet());
        Listings.COLUMN_TYPES.forEach((name, type) ->
                assertThat(listings.column(name).type()).as(name).isEqualTo(type));
        assertThat(listings.columnNames())
                .containsAll(Listings.FEATURES)
                .contains(Listings.PRICE, Listings.BOOKED, Listings.LISTED_AT);
        assertThat(Listings.FEATURES).doesNotContain(Listings.PRICE, Listings.BOOKED, Listings.LISTING_ID);
    }

    @Test
    void valuesStayInTheirDocumentedRanges() {
        assertThat(listings.stringColumn(Listings.NEIGHBOURHOOD).unique().asList())
                .containsExactlyInAnyOrderElementsOf(Listings.NEIGHBOURHOODS);
        assertThat(listings.stringColumn(Listings.ROOM_TYPE).unique().asList())
                .containsExactlyInAnyOrderElementsOf(Listings.ROOM_TYPES);
        assertThat(listings.intColumn(Listings.ACCOMMODATES).min()).isGreaterThanOrEqualTo(1);
        assertThat(listings.intColumn(Listings.ACCOMMODATES).max()).isLessThanOrEqualTo(16);
        DoubleColumn score = listings.doubleColumn(Listings.REVIEW_SCORE);
        assertThat(score.removeMissing().min()).isGreaterThanOrEqualTo(1.0);
        assertThat(score.removeMissing().max()).isLessThanOrEqualTo(5.0);
        for (double baths :
                listings.doubleColumn(Listings.BATHROOMS).removeMissing().asDoubleArray()) {
            assertThat(baths * 2).isEqualTo(Math.rint(baths * 2)); // half steps
        }
        assertThat(listings.dateColumn(Listings.LISTED_AT).min()).isAfterOrEqualTo(Listings.FIRST_DAY);
        assertThat(listings.dateColumn(Listings.LISTED_AT).max())
                .isBefore(Listings.FIRST_DAY.plusYears(3).plusDays(1));
        assertThat(listings.doubleColumn(Listings.PRICE).min()).isGreaterThan(0);
        assertThat(listings.booleanColumn(Listings.BOOKED).proportionTrue()).isBetween(0.3, 0.7);
    }

    @Test
    void theNamedColumnsHaveAFewPercentMissing() {
        for (String name : new String[] {
            Listings.BEDROOMS, Listings.BATHROOMS, Listings.AMENITIES, Listings.REVIEW_SCORE, Listings.HOST_IS_SUPERHOST
        }) {
            double share = (double) listings.column(name).countMissing() / ROWS;
            assertThat(share).as(name).isBetween(0.01, 0.15);
        }
        for (String name : new String[] {
            Listings.LISTING_ID,
            Listings.LISTED_AT,
            Listings.NEIGHBOURHOOD,
            Listings.ROOM_TYPE,
            Listings.ACCOMMODATES,
            Listings.NUMBER_OF_REVIEWS,
            Listings.MINIMUM_NIGHTS,
            Listings.INSTANT_BOOKABLE,
            Listings.PRICE,
            Listings.BOOKED
        }) {
            assertThat(listings.column(name).countMissing()).as(name).isZero();
        }
    }

    @Test
    void aReviewScoreIsMissingExactlyWhenThereAreNoReviews() {
        Selection noReviews = listings.intColumn(Listings.NUMBER_OF_REVIEWS).isEqualTo(0);
        Selection noScore = listings.doubleColumn(Listings.REVIEW_SCORE).isMissing();
        assertThat(noScore.toArray()).isEqualTo(noReviews.toArray());
    }

    @Test
    void reviewsAndMinimumNightsAreHeavyTailed() {
        var reviews = listings.intColumn(Listings.NUMBER_OF_REVIEWS);
        assertThat(reviews.max()).isGreaterThan(10 * reviews.median());
        var nights = listings.intColumn(Listings.MINIMUM_NIGHTS);
        assertThat(nights.max()).isGreaterThan(30 * nights.median());
    }

    @Test
    void aHundredThousandRowsGenerate() {
        Table big = Listings.generate(100_000, 7);
        assertThat(big.rowCount()).isEqualTo(100_000);
        assertThat(big.doubleColumn(Listings.PRICE).countMissing()).isZero();
    }

    @Test
    void aCsvRoundTripKeepsValuesMissingValuesAndTypes() {
        Path file = dir.resolve("listings.csv");
        Listings.writeCsv(listings, file);
        Table back = Listings.readCsv(file);

        assertThat(back.name()).isEqualTo(Listings.TABLE_NAME);
        assertThat(back.columnNames()).isEqualTo(listings.columnNames());
        assertThat(back.rowCount()).isEqualTo(ROWS);
        for (Column<?> original : listings.columns()) {
            Column<?> read = back.column(original.name());
            assertThat(read.type()).as(original.name()).isEqualTo(original.type());
            assertThat(read.countMissing()).as(original.name()).isEqualTo(original.countMissing());
            for (int row = 0; row < ROWS; row++) {
                assertThat(read.getString(row))
                        .as("%s row %d", original.name(), row)
                        .isEqualTo(original.getString(row));
            }
        }
    }

    @Test
    void anAllMissingChunkOfBedroomsIsStillReadAsIntegers() {
        Table noBedrooms = listings.where(listings.intColumn(Listings.BEDROOMS).isMissing());
        Path file = dir.resolve("no-bedrooms.csv");
        Listings.writeCsv(noBedrooms, file);
        Table back = Listings.readCsv(file);
        assertThat(back.column(Listings.BEDROOMS).type()).isEqualTo(ColumnType.INTEGER);
        assertThat(back.column(Listings.BEDROOMS).countMissing()).isEqualTo(noBedrooms.rowCount());
    }

    @Test
    void theNeighbourhoodMattersMoreForEntireHomesThanForSharedRooms() {
        double entireGap =
                meanPrice("Pacific Heights", Listings.ENTIRE_HOME) - meanPrice("Bayview", Listings.ENTIRE_HOME);
        double sharedGap =
                meanPrice("Pacific Heights", Listings.SHARED_ROOM) - meanPrice("Bayview", Listings.SHARED_ROOM);
        assertThat(entireGap).isGreaterThan(100);
        // Not just proportionally larger: the premium is steeper on the log scale too.
        assertThat(entireGap / meanPrice("Bayview", Listings.ENTIRE_HOME))
                .isGreaterThan(2 * sharedGap / meanPrice("Bayview", Listings.SHARED_ROOM));
    }

    @Test
    void listingsWhoseAmenitiesMentionAHotTubCostMore() {
        StringColumn amenities = listings.stringColumn(Listings.AMENITIES);
        Selection hotTub = amenities.lowerCase().containsString("hot tub");
        DoubleColumn price = listings.doubleColumn(Listings.PRICE);
        assertThat(hotTub.size()).isGreaterThan(ROWS / 50);
        double with = price.where(hotTub).mean();
        double without =
                price.where(Selection.withRange(0, ROWS).andNot(hotTub)).mean();
        assertThat(with).isGreaterThan(1.3 * without);
    }

    @Test
    void bookingsDependOnMinimumNightsAndInstantBooking() {
        var booked = listings.booleanColumn(Listings.BOOKED);
        var nights = listings.intColumn(Listings.MINIMUM_NIGHTS);
        var instant = listings.booleanColumn(Listings.INSTANT_BOOKABLE);
        assertThat(booked.where(nights.isEqualTo(1)).proportionTrue())
                .isGreaterThan(booked.where(nights.isGreaterThanOrEqualTo(30)).proportionTrue() + 0.2);
        assertThat(booked.where(instant.isTrue()).proportionTrue())
                .isGreaterThan(booked.where(instant.isFalse()).proportionTrue() + 0.05);
    }

    private static double meanPrice(String neighbourhood, String roomType) {
        Selection rows = listings.stringColumn(Listings.NEIGHBOURHOOD)
                .isEqualTo(neighbourhood)
                .and(listings.stringColumn(Listings.ROOM_TYPE).isEqualTo(roomType));
        assertThat(rows.size()).as("%s / %s", neighbourhood, roomType).isGreaterThan(10);
        return listings.doubleColumn(Listings.PRICE).where(rows).mean();
    }

    private byte[] csvBytes(Table t, String name) throws IOException {
        Path file = dir.resolve(name);
        Listings.writeCsv(t, file);
        return Files.readAllBytes(file);
    }
}
