package org.bighead.spark;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.execution.vectorized.OnHeapColumnVector;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.bighead.pipeline.BlockScorer;
import org.bighead.pipeline.PipelineException;

/**
 * {@link PartitionScorer}'s work on the column batches of Spark's vectorized Parquet reader: each row's inputs are
 * read where the reader decoded them, and the output batch is the input's column vectors, untouched, beside new
 * ones for the added columns. Spark's row path would first copy every column of every row into a row of its own
 * (ColumnarToRow), and scoring would copy it again to keep it until its block is scored; here no input value is
 * copied before Spark's sink reads it. Same inputs, same {@link BlockScorer}: the same bits as the row path.
 */
final class ColumnarPartitionScorer implements FlatMapFunction<Iterator<ColumnarBatch>, InternalRow> {
    private final PartitionScorer rows;

    ColumnarPartitionScorer(PartitionScorer rows) {
        this.rows = rows;
    }

    @Override
    public Iterator<InternalRow> call(Iterator<ColumnarBatch> in) {
        BlockScorer scorer = rows.blockScorer();
        List<String> classes = rows.classes();
        byte[][] labels = classes.stream()
                .map(c -> c.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toArray(byte[][]::new);
        int block = scorer.capacity();
        VectorStrings[] strings = rows.vectorStrings();
        return new Iterator<>() {
            private Iterator<InternalRow> current = Collections.emptyIterator();
            private OnHeapColumnVector[] added = new OnHeapColumnVector[0];
            private int capacity; // rows the added vectors hold

            @Override
            public boolean hasNext() {
                // the reader reuses its vectors: the next batch is read only once this one's rows are all out
                while (!current.hasNext() && in.hasNext()) {
                    current = score(in.next());
                }
                return current.hasNext();
            }

            @Override
            public InternalRow next() {
                if (!hasNext()) throw new NoSuchElementException();
                return current.next();
            }

            private Iterator<InternalRow> score(ColumnarBatch batch) {
                int n = batch.numRows();
                vectors(n);
                int failed = 0;
                for (int first = 0; first < n; first += block) {
                    int size = Math.min(block, n - first);
                    for (int r = 0; r < size; r++) scorer.clear(r);
                    rows.load(scorer, batch, first, size, strings);
                    scorer.run(size);
                    for (int r = 0; r < size; r++) {
                        int at = first + r;
                        PipelineException e = scorer.error(r);
                        if (e != null) {
                            failed++;
                            for (int k = 0; k < added.length - 1; k++) added[k].putNull(at);
                            added[added.length - 1].putByteArray(
                                    at, e.getMessage().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                            continue;
                        }
                        added[added.length - 1].putNull(at);
                        if (labels.length == 0) {
                            added[0].putDouble(at, scorer.value(r));
                        } else {
                            added[0].putByteArray(at, labels[(int) scorer.value(r)]);
                            for (int k = 0; k < labels.length; k++) {
                                added[1 + k].putDouble(at, scorer.probability(r, k));
                            }
                        }
                    }
                }
                rows.counted(n, failed);
                ColumnVector[] columns = new ColumnVector[batch.numCols() + added.length];
                for (int j = 0; j < batch.numCols(); j++) columns[j] = batch.column(j);
                System.arraycopy(added, 0, columns, batch.numCols(), added.length);
                return new ColumnarBatch(columns, n).rowIterator();
            }

            // The added columns' vectors for a batch of n rows: made once, reset for each batch.
            private void vectors(int n) {
                if (capacity < n) {
                    capacity = n;
                    for (OnHeapColumnVector v : added) v.close();
                    added = new OnHeapColumnVector[1 + labels.length + 1];
                    added[0] =
                            new OnHeapColumnVector(n, labels.length == 0 ? DataTypes.DoubleType : DataTypes.StringType);
                    for (int k = 0; k < labels.length; k++) {
                        added[1 + k] = new OnHeapColumnVector(n, DataTypes.DoubleType);
                    }
                    added[added.length - 1] = new OnHeapColumnVector(n, DataTypes.StringType);
                }
                for (OnHeapColumnVector v : added) v.reset();
            }
        };
    }
}
