package org.bighead.pipeline;

import java.util.List;

/** Runs a fitted stage over every row of a frame, through the same row code that scores online. */
final class Frames {
    private Frames() {}

    /** The frame after {@code stage}: its outputs added or replaced, its removed columns gone. */
    static Frame apply(Frame frame, FittedStage stage) {
        Layout layout = new Layout();
        List<String> inputs = stage.inputs();
        int[] inSlots = new int[inputs.size()];
        boolean[] numeric = new boolean[inputs.size()];
        Object[] inValues = new Object[inputs.size()];
        for (int j = 0; j < inputs.size(); j++) {
            String name = inputs.get(j);
            numeric[j] = frame.kind(name) == Kind.NUMERIC;
            inSlots[j] = layout.slot(name, frame.kind(name));
            inValues[j] = numeric[j] ? frame.numeric(name) : frame.strings(name);
        }
        RowTransform transform = stage.compile(layout);
        List<ColumnDef> outputs = stage.outputs();
        int n = frame.rows();
        int[] outSlots = new int[outputs.size()];
        Object[] outValues = new Object[outputs.size()];
        for (int j = 0; j < outputs.size(); j++) {
            ColumnDef o = outputs.get(j);
            outSlots[j] = layout.slot(o.name(), o.kind());
            outValues[j] = o.kind() == Kind.NUMERIC ? new double[n] : new String[n];
        }
        RowBuffer row = layout.newBuffer();
        for (int i = 0; i < n; i++) {
            row.clear();
            for (int j = 0; j < inSlots.length; j++) {
                if (numeric[j]) {
                    row.num[inSlots[j]] = ((double[]) inValues[j])[i];
                } else {
                    row.str[inSlots[j]] = ((String[]) inValues[j])[i];
                }
            }
            try {
                transform.apply(row);
            } catch (BadInputException e) {
                throw new BadInputException(e.column(), e.problem(), "row " + i + ": " + e.getMessage());
            }
            for (int j = 0; j < outSlots.length; j++) {
                if (outValues[j] instanceof double[] d) {
                    d[i] = row.num[outSlots[j]];
                } else {
                    ((String[]) outValues[j])[i] = row.str[outSlots[j]];
                }
            }
        }
        stage.removes().forEach(frame::remove);
        for (int j = 0; j < outputs.size(); j++) {
            String name = outputs.get(j).name();
            // a column transformed in place keeps its position; new columns are appended in order
            if (outValues[j] instanceof double[] d) {
                frame.put(name, d);
            } else {
                frame.put(name, (String[]) outValues[j]);
            }
        }
        return frame;
    }
}
