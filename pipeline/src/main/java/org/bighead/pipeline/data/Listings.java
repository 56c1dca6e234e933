package org.bighead.pipeline.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.dates.PackedLocalDate;
import tech.tablesaw.io.csv.CsvReadOptions;
import tech.tablesaw.io.csv.CsvWriteOptions;
import tech.tablesaw.io.csv.CsvWriter;

/**
 * A deterministic, Airbnb-style listings data set whose targets depend on interactions, text and
 * missing values, so that preprocessing visibly matters.
 *
 * <p>Every row draws from its own generator seeded by (seed, row index): the content depends only on
 * the seed and the row, never on the JVM, the row count or the order of evaluation, so the first n
 * rows of a larger data set equal the data set of n rows. Only integer arithmetic, IEEE-exact
 * operations and {@link StrictMath} are used.
 */
public final class Listings {

    public static final String TABLE_NAME = "listings";

    public static final String LISTING_ID = "listing_id";
    /** When the listing went live; use it for time-based splits (prices drift upwards over time). */
    public static final String LISTED_AT = "listed_at";

    public static final String NEIGHBOURHOOD = "neighbourhood";
    public static final String ROOM_TYPE = "room_type";
    public static final String ACCOMMODATES = "accommodates";
    public static final String BEDROOMS = "bedrooms";
    public static final String BATHROOMS = "bathrooms";
    public static final String AMENITIES = "amenities";
    public static final String REVIEW_SCORE = "review_score";
    public static final String NUMBER_OF_REVIEWS = "number_of_reviews";
    public static final String MINIMUM_NIGHTS = "minimum_nights";
    public static final String HOST_IS_SUPERHOST = "host_is_superhost";
    public static final String INSTANT_BOOKABLE = "instant_bookable";
    /** Regression target: nightly price in dollars. */
    public static final String PRICE = "price";
    /** Binary classification target: whether the listing was booked. */
    public static final String BOOKED = "booked";

    /** The model inputs: every column except the id, the listing date and the two targets. */
    public static final List<String> FEATURES = List.of(
            NEIGHBOURHOOD,
            ROOM_TYPE,
            ACCOMMODATES,
            BEDROOMS,
            BATHROOMS,
            AMENITIES,
            REVIEW_SCORE,
            NUMBER_OF_REVIEWS,
            MINIMUM_NIGHTS,
            HOST_IS_SUPERHOST,
            INSTANT_BOOKABLE);

    /** Every column in table order, with its type; {@link #readCsv} relies on it instead of inference. */
    public static final Map<String, ColumnType> COLUMN_TYPES = columnTypes();

    public static final String ENTIRE_HOME = "Entire home/apt";
    public static final String PRIVATE_ROOM = "Private room";
    public static final String SHARED_ROOM = "Shared room";
    public static final String HOTEL_ROOM = "Hotel room";
    public static final List<String> ROOM_TYPES = List.of(ENTIRE_HOME, PRIVATE_ROOM, SHARED_ROOM, HOTEL_ROOM);

    /** The first day a listing can go live; listings span three years from here. */
    public static final LocalDate FIRST_DAY = LocalDate.of(2021, 1, 1);

    private static final int DAYS = 3 * 365;

    /** San Francisco neighbourhoods, most frequent first; Pacific Heights is the dearest, Bayview the cheapest. */
    public static final List<String> NEIGHBOURHOODS = List.of(
            "Mission",
            "South of Market",
            "Western Addition",
            "Downtown/Civic Center",
            "Nob Hill",
            "Castro/Upper Market",
            "Haight Ashbury",
            "Noe Valley",
            "Bernal Heights",
            "Outer Sunset",
            "Russian Hill",
            "Pacific Heights",
            "Marina",
            "Excelsior",
            "Bayview");

    // Per neighbourhood, in NEIGHBOURHOODS order: relative frequency (skewed), price premium, chance of an ocean view.
    private static final int[] HOOD_WEIGHT = {160, 120, 90, 90, 70, 70, 60, 60, 50, 50, 40, 40, 40, 30, 20};
    private static final double[] HOOD_PREMIUM = {
        1.10, 1.05, 1.00, 0.85, 1.20, 1.15, 1.05, 1.25, 1.00, 0.80, 1.35, 1.45, 1.40, 0.70, 0.65
    };
    private static final double[] HOOD_OCEAN_VIEW = {
        .01, .02, .01, .02, .06, .03, .02, .02, .03, .35, .20, .18, .25, .01, .04
    };

    // Room types, in ROOM_TYPES order. The premium exponent makes the neighbourhood matter much more
    // for entire homes than for shared rooms: an interaction even on the log scale.
    private static final int[] ROOM_WEIGHT = {58, 33, 4, 5};
    private static final double[] ROOM_MULTIPLIER = {1.00, 0.48, 0.28, 0.80};
    private static final double[] ROOM_PREMIUM_EXPONENT = {1.8, 0.9, 0.2, 1.0};

    // Amenities, in the order listed. Hot tub and pool have private/shared variants, as on the
    // real site, so that matching them needs more than an exact token.
    private static final String[] AMENITY = {
        "Wifi",
        "Kitchen",
        "Heating",
        "Smoke alarm",
        "Washer",
        "Dryer",
        "Hair dryer",
        "Iron",
        "TV",
        "Coffee maker",
        "Dishwasher",
        "Dedicated workspace",
        "Air conditioning",
        "Free parking",
        "Street parking",
        "Self check-in",
        "Patio or balcony",
        "Backyard",
        "Fireplace",
        "Gym",
        "EV charger",
        "Pets allowed",
        "Long term stays allowed",
        "City skyline view"
    };
    private static final double[] AMENITY_PROB = {
        .97, .85, .90, .88, .60, .55, .70, .65, .75, .50, .35, .45, .22, .30, .40, .55, .30, .20, .12, .08, .05, .25,
        .40, .10
    };
    private static final String[] HOT_TUB = {"Hot tub", "Private hot tub", "Shared hot tub"};
    private static final String[] POOL = {"Pool", "Private pool", "Shared outdoor pool"};
    private static final String OCEAN_VIEW = "Ocean view";
    private static final int[] VARIANT_WEIGHT = {5, 3, 2};

    // Guests (index + 1) and bathrooms of the room types other than entire homes.
    private static final int[] PRIVATE_GUESTS = {25, 65, 7, 3};
    private static final int[] SHARED_GUESTS = {60, 25, 10, 5};
    private static final int[] HOTEL_GUESTS = {15, 60, 15, 10};
    private static final double[] PRIVATE_BATHS = {1.0, 1.5, 2.0, 0.5};
    private static final int[] PRIVATE_BATH_WEIGHT = {70, 15, 10, 5};
    private static final double[] SHARED_BATHS = {1.0, 0.5, 2.0};
    private static final int[] SHARED_BATH_WEIGHT = {85, 5, 10};
    private static final double[] HOTEL_BATHS = {1.0, 1.5};
    private static final int[] HOTEL_BATH_WEIGHT = {90, 10};

    private static final double BASE_PRICE = 85.0;
    private static final int NO_INT = Integer.MIN_VALUE; // Tablesaw's missing int

    private Listings() {}

    /** Generates {@code rows} listings, identical for the same (rows, seed) on any JVM. */
    public static Table generate(int rows, long seed) {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be >= 0, got " + rows);
        }
        long[] id = new long[rows];
        int[] listedAt = new int[rows];
        String[] hood = new String[rows];
        String[] room = new String[rows];
        int[] accommodates = new int[rows];
        int[] bedrooms = new int[rows];
        double[] bathrooms = new double[rows];
        String[] amenities = new String[rows];
        double[] reviewScore = new double[rows];
        int[] reviews = new int[rows];
        int[] minNights = new int[rows];
        Boolean[] superhost = new Boolean[rows];
        Boolean[] instant = new Boolean[rows];
        double[] price = new double[rows];
        Boolean[] booked = new Boolean[rows];

        Rng rng = new Rng();
        long seedMix = Rng.mix(seed);
        StringBuilder text = new StringBuilder(256);
        for (int i = 0; i < rows; i++) {
            rng.reset(seedMix, i);
            id[i] = i + 1L;

            // More listings went live later in the period: the supply grew.
            int day = (int) (DAYS * StrictMath.sqrt(rng.uniform()));
            listedAt[i] = PackedLocalDate.pack(FIRST_DAY.plusDays(day));
            int ageDays = DAYS - day;
            int h = rng.pick(HOOD_WEIGHT);
            int r = rng.pick(ROOM_WEIGHT);
            hood[i] = NEIGHBOURHOODS.get(h);
            room[i] = ROOM_TYPES.get(r);
            double quality = rng.gaussian(); // latent host quality: drives reviews, superhost, amenities

            int acc = accommodates(rng, r);
            int beds = bedrooms(rng, r, acc);
            accommodates[i] = acc;
            // Studios and hotel rooms leave "bedrooms" blank more often: missing is mildly informative.
            bedrooms[i] = rng.chance(beds == 0 || r == 3 ? 0.12 : 0.02) ? NO_INT : beds;
            double baths = bathrooms(rng, r, beds);
            bathrooms[i] = rng.chance(r == 2 ? 0.10 : 0.025) ? Double.NaN : baths;

            // New listings mostly have no reviews yet; the rest are heavy-tailed.
            int n = 0;
            if (!rng.chance(0.06 + 0.6 * StrictMath.exp(-ageDays / 45.0))) {
                double mu = 0.85 * StrictMath.log1p(ageDays / 10.0) + 0.3 * quality;
                n = (int) StrictMath.min(3000, StrictMath.floor(StrictMath.exp(mu + 1.0 * rng.gaussian())) + 1);
            }
            reviews[i] = n;
            double score = Double.NaN;
            if (n > 0) {
                // Left-skewed like real scores (most near 5); few reviews means more spread.
                double drop = 0.25 * rng.exponential() * StrictMath.exp(-0.35 * quality) * (1 + 2.0 / n);
                if (rng.chance(0.03)) {
                    drop += 1.5 * rng.uniform(); // the odd bad host
                }
                score = round(StrictMath.max(1.0, 5.0 - drop), 100);
            }
            reviewScore[i] = score;

            boolean isSuperhost = n > 0 && rng.chance(sigmoid(-1.6 + 1.2 * quality + 0.25 * StrictMath.log1p(n)));
            // New hosts often have not filled in their profile: missing hints at "no reviews".
            superhost[i] = rng.chance(n == 0 ? 0.12 : 0.025) ? null : isSuperhost;
            boolean isInstant = rng.chance(r == 3 ? 0.60 : 0.35);
            instant[i] = isInstant;
            int nights = minimumNights(rng);
            minNights[i] = nights;

            // Amenities, as free text.
            text.setLength(0);
            double more = 0.06 * quality; // better hosts list a little more
            for (int a = 0; a < AMENITY.length; a++) {
                if (rng.chance(AMENITY_PROB[a] + more)) {
                    append(text, AMENITY[a]);
                }
            }
            boolean hotTub = rng.chance(r == 0 ? 0.09 : 0.03);
            if (hotTub) {
                append(text, HOT_TUB[rng.pick(VARIANT_WEIGHT)]);
            }
            boolean pool = rng.chance(r == 3 ? 0.30 : 0.05);
            if (pool) {
                append(text, POOL[rng.pick(VARIANT_WEIGHT)]);
            }
            boolean oceanView = rng.chance(HOOD_OCEAN_VIEW[h]);
            if (oceanView) {
                append(text, OCEAN_VIEW);
            }
            boolean amenitiesMissing = rng.chance(r == 1 || r == 2 ? 0.08 : 0.03);
            amenities[i] = amenitiesMissing ? "" : text.toString();
            boolean parking = !amenitiesMissing && contains(text, "Free parking");
            boolean aircon = !amenitiesMissing && contains(text, "Air conditioning");
            boolean fireplace = !amenitiesMissing && contains(text, "Fireplace");
            boolean selfCheckIn = !amenitiesMissing && contains(text, "Self check-in");

            // Price: multiplicative, with a neighbourhood x room type interaction.
            // The going rate for this room type here, drifting up ~10%/year: time-based splits see it.
            double logTypical = StrictMath.log(BASE_PRICE * ROOM_MULTIPLIER[r])
                    + ROOM_PREMIUM_EXPONENT[r] * StrictMath.log(HOOD_PREMIUM[h])
                    + 0.10 * day / 365.0;
            double logPrice = logTypical
                    + 0.35 * StrictMath.log(acc)
                    + 0.10 * beds
                    + 0.05 * StrictMath.log1p(n)
                    + (hotTub ? 0.30 : 0)
                    + (pool ? 0.22 : 0)
                    + (oceanView ? 0.35 : 0)
                    + (parking ? 0.06 : 0)
                    + (aircon ? 0.05 : 0)
                    + (fireplace ? 0.08 : 0)
                    // reviews matter more for superhosts: they charge for their reputation
                    + (n == 0 ? -0.08 : (isSuperhost ? 0.30 : 0.06) * (score - 4.6))
                    + 0.22 * rng.gaussian();
            double dollars = StrictMath.min(10_000, StrictMath.max(20, StrictMath.rint(StrictMath.exp(logPrice))));
            price[i] = dollars;

            // Booked: cheap-for-what-it-is, well reviewed, easy-to-book listings get booked.
            double g = 0.15
                    - 1.3 * (StrictMath.log(dollars) - logTypical)
                    + 0.45 * StrictMath.log(acc)
                    + (n == 0 ? -0.5 : 1.6 * (score - 4.6))
                    + 0.12 * StrictMath.log1p(n)
                    + (isInstant ? 0.5 : 0)
                    + (isSuperhost ? 0.35 : 0)
                    - 0.4 * StrictMath.log(nights)
                    - (nights >= 30 ? 0.7 : 0)
                    + (hotTub ? 0.55 : 0)
                    + (pool ? 0.4 : 0)
                    + (oceanView ? 0.65 : 0)
                    + (selfCheckIn ? 0.2 : 0);
            booked[i] = rng.chance(sigmoid(g));
        }

        return Table.create(
                TABLE_NAME,
                LongColumn.create(LISTING_ID, id),
                DateColumn.createInternal(LISTED_AT, listedAt),
                StringColumn.create(NEIGHBOURHOOD, hood),
                StringColumn.create(ROOM_TYPE, room),
                IntColumn.create(ACCOMMODATES, accommodates),
                IntColumn.create(BEDROOMS, bedrooms),
                DoubleColumn.create(BATHROOMS, bathrooms),
                StringColumn.create(AMENITIES, amenities),
                DoubleColumn.create(REVIEW_SCORE, reviewScore),
                IntColumn.create(NUMBER_OF_REVIEWS, reviews),
                IntColumn.create(MINIMUM_NIGHTS, minNights),
                BooleanColumn.create(HOST_IS_SUPERHOST, superhost),
                BooleanColumn.create(INSTANT_BOOKABLE, instant),
                DoubleColumn.create(PRICE, price),
                BooleanColumn.create(BOOKED, booked));
    }

    /** Writes {@code t} as UTF-8 CSV with a header and "\n" line ends; missing values become empty fields. */
    public static void writeCsv(Table t, Path out) {
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            // Fixed line end: the platform default would make the bytes differ between OSes.
            new CsvWriter().write(t, CsvWriteOptions.builder(w).lineEnd("\n").build());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out, e);
        }
    }

    /** Reads a file written by {@link #writeCsv} back, with the column types of {@link #generate}. */
    public static Table readCsv(Path in) {
        CsvReadOptions options = CsvReadOptions.builder(in.toFile())
                .tableName(TABLE_NAME)
                // Explicit types: inference could make an all-missing chunk of bedrooms a string.
                .columnTypes(name -> {
                    ColumnType type = COLUMN_TYPES.get(name);
                    if (type == null) {
                        throw new IllegalArgumentException("unexpected column '" + name + "' in " + in);
                    }
                    return type;
                })
                // Only empty fields are missing, exactly what writeCsv produces.
                .missingValueIndicator("")
                .build();
        return Table.read().csv(options);
    }

    private static Map<String, ColumnType> columnTypes() {
        Map<String, ColumnType> types = new LinkedHashMap<>();
        types.put(LISTING_ID, ColumnType.LONG);
        types.put(LISTED_AT, ColumnType.LOCAL_DATE);
        types.put(NEIGHBOURHOOD, ColumnType.STRING);
        types.put(ROOM_TYPE, ColumnType.STRING);
        types.put(ACCOMMODATES, ColumnType.INTEGER);
        types.put(BEDROOMS, ColumnType.INTEGER);
        types.put(BATHROOMS, ColumnType.DOUBLE);
        types.put(AMENITIES, ColumnType.STRING);
        types.put(REVIEW_SCORE, ColumnType.DOUBLE);
        types.put(NUMBER_OF_REVIEWS, ColumnType.INTEGER);
        types.put(MINIMUM_NIGHTS, ColumnType.INTEGER);
        types.put(HOST_IS_SUPERHOST, ColumnType.BOOLEAN);
        types.put(INSTANT_BOOKABLE, ColumnType.BOOLEAN);
        types.put(PRICE, ColumnType.DOUBLE);
        types.put(BOOKED, ColumnType.BOOLEAN);
        return Collections.unmodifiableMap(types);
    }

    private static int accommodates(Rng rng, int room) {
        return switch (room) {
            case 0 -> clamp((int) StrictMath.rint(StrictMath.exp(1.25 + 0.45 * rng.gaussian())), 1, 16);
            case 1 -> rng.pick(PRIVATE_GUESTS) + 1;
            case 2 -> rng.pick(SHARED_GUESTS) + 1;
            default -> rng.pick(HOTEL_GUESTS) + 1;
        };
    }

    private static int bedrooms(Rng rng, int room, int accommodates) {
        if (room != 0) {
            return 1;
        }
        if (accommodates <= 2) {
            return rng.chance(0.35) ? 0 : 1; // studios
        }
        return clamp((int) StrictMath.rint(accommodates / 2.0 + 0.5 * rng.gaussian()), 1, 8);
    }

    private static double bathrooms(Rng rng, int room, int bedrooms) {
        return switch (room) {
            case 0 -> StrictMath.min(6.0, StrictMath.max(1.0, round(0.6 * bedrooms + 0.7 + 0.3 * rng.gaussian(), 2)));
            case 1 -> PRIVATE_BATHS[rng.pick(PRIVATE_BATH_WEIGHT)];
            case 2 -> SHARED_BATHS[rng.pick(SHARED_BATH_WEIGHT)];
            default -> HOTEL_BATHS[rng.pick(HOTEL_BATH_WEIGHT)];
        };
    }

    private static int minimumNights(Rng rng) {
        double u = rng.uniform();
        if (u < 0.33) {
            return 1;
        } else if (u < 0.58) {
            return 2;
        } else if (u < 0.72) {
            return 3;
        } else if (u < 0.81) {
            return 4 + (int) (4 * rng.uniform()); // 4..7
        } else if (u < 0.91) {
            return 30; // monthly rentals, a legal threshold in many cities
        }
        // The long tail: Pareto-distributed from 8 nights up, capped at a year.
        return clamp((int) (8.0 / StrictMath.pow(1.0 - rng.uniform(), 1.0 / 1.2)), 8, 365);
    }

    private static void append(StringBuilder text, String amenity) {
        if (text.length() > 0) {
            text.append(", ");
        }
        text.append(amenity);
    }

    private static boolean contains(StringBuilder text, String amenity) {
        return text.indexOf(amenity) >= 0;
    }

    private static double round(double x, int perUnit) {
        return StrictMath.rint(x * perUnit) / perUnit;
    }

    private static int clamp(int x, int lo, int hi) {
        return Math.max(lo, Math.min(hi, x));
    }

    private static double sigmoid(double x) {
        return 1.0 / (1.0 + StrictMath.exp(-x));
    }

    /** SplitMix64, written out so that the stream is fixed by this file rather than by the JDK. */
    private static final class Rng {
        private static final long GOLDEN = 0x9E3779B97F4A7C15L;
        private long state;

        static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        void reset(long seedMix, long row) {
            // mix is a bijection, so every row starts from its own well-scattered state.
            state = mix(seedMix ^ mix(row + GOLDEN));
        }

        long next() {
            state += GOLDEN;
            return mix(state);
        }

        /** Uniform in [0, 1). */
        double uniform() {
            return (next() >>> 11) * 0x1.0p-53;
        }

        boolean chance(double p) {
            return uniform() < p;
        }

        double exponential() {
            return -StrictMath.log(1.0 - uniform());
        }

        /** Standard normal by Box-Muller (one of the pair is dropped: simplicity over speed). */
        double gaussian() {
            double u1 = 1.0 - uniform(); // (0, 1]: log stays finite
            double u2 = uniform();
            return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
        }

        /** An index drawn with the given integer weights. */
        int pick(int[] weights) {
            int total = 0;
            for (int w : weights) {
                total += w;
            }
            int x = (int) (uniform() * total);
            for (int k = 0; k < weights.length; k++) {
                x -= weights[k];
                if (x < 0) {
                    return k;
                }
            }
            return weights.length - 1;
        }
    }
}
