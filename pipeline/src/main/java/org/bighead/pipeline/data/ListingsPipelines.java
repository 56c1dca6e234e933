package org.bighead.pipeline.data;

import org.bighead.pipeline.Model;
import org.bighead.pipeline.Pipeline;
import org.bighead.pipeline.Step;
import org.bighead.pipeline.model.XGBoost;
import org.bighead.pipeline.stages.Impute;
import org.bighead.pipeline.stages.OneHot;
import org.bighead.pipeline.stages.Scale;
import org.bighead.pipeline.stages.Select;
import org.bighead.pipeline.stages.TextHash;

/** The reference pipelines on the {@link Listings} data: the demo, the benchmarks and the tests share them. */
public final class ListingsPipelines {
    private ListingsPipelines() {}

    /** Listing price by XGBoost: 200 trees of depth 6 on imputed, one-hot, scaled and text-hashed columns. */
    public static Pipeline price() {
        return Pipeline.of(preprocessingThen(
                        XGBoost.regressor().rounds(200).maxDepth(6).threads(2)))
                .target(Listings.PRICE);
    }

    /** Whether a listing gets booked, by XGBoost on the same preprocessing as {@link #price()}. */
    public static Pipeline booked() {
        return Pipeline.of(preprocessingThen(
                        XGBoost.classifier().rounds(200).maxDepth(6).threads(2)))
                .target(Listings.BOOKED);
    }

    /** The reference preprocessing: select, impute, one-hot, scale, hash the amenities text; then the model. */
    public static Step[] preprocessingThen(Model model) {
        return new Step[] {
            Select.of(Listings.FEATURES),
            Impute.median(Listings.BEDROOMS, Listings.BATHROOMS),
            OneHot.of(Listings.ROOM_TYPE, Listings.NEIGHBOURHOOD),
            Scale.standard(Listings.ACCOMMODATES, Listings.NUMBER_OF_REVIEWS),
            TextHash.of(Listings.AMENITIES, 64),
            model
        };
    }

    /** The same model with the text and categories dropped instead of encoded: what preprocessing buys. */
    public static Pipeline priceWithoutPreprocessing() {
        return Pipeline.of(
                        Select.of(
                                Listings.ACCOMMODATES,
                                Listings.BEDROOMS,
                                Listings.BATHROOMS,
                                Listings.REVIEW_SCORE,
                                Listings.NUMBER_OF_REVIEWS,
                                Listings.MINIMUM_NIGHTS,
                                Listings.HOST_IS_SUPERHOST,
                                Listings.INSTANT_BOOKABLE),
                        XGBoost.regressor().rounds(200).maxDepth(6).threads(2))
                .target(Listings.PRICE);
    }
}
