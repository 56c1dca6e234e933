package org.bighead.pipeline.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import org.bighead.pipeline.FittedModel;
import org.bighead.pipeline.Task;
import org.bighead.pipeline.viz.StageCard;

/**
 * A fitted model whose JSON form is one parameters record (task, features, classes and model-specific fields),
 * with any model file kept beside it in the bundle.
 */
abstract class ParamsModel<P extends ParamsModel.Params> implements FittedModel {

    /** What every model's parameters record carries. */
    interface Params {
        Task task();

        List<String> features();

        List<String> classes();
    }

    protected final P params;

    ParamsModel(P params) {
        this.params = params;
    }

    /** What is saved as JSON. */
    @JsonValue
    public P params() {
        return params;
    }

    @Override
    public Task task() {
        return params.task();
    }

    @Override
    public List<String> features() {
        return params.features();
    }

    @Override
    public List<String> classes() {
        return params.classes();
    }

    /** "XGBoostModel[xgboost-regressor · 200 trees … (24 columns → 2)]" rather than an identity hash. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + StageCard.text(this) + "]";
    }
}
