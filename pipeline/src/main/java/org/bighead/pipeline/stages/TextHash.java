package org.bighead.pipeline.stages;

import java.util.ArrayList;
import java.util.List;
import org.bighead.pipeline.ColumnDef;
import org.bighead.pipeline.FittedStage;
import org.bighead.pipeline.Frame;
import org.bighead.pipeline.Layout;
import org.bighead.pipeline.PipelineException;
import org.bighead.pipeline.RowTransform;
import org.bighead.pipeline.Stage;
import org.bighead.pipeline.StepPlan;

/**
 * Bag of words by the hashing trick: {@code TextHash.of("amenities", 64)} splits the text into lower-case
 * tokens of letters and digits, hashes each into one of 64 buckets and writes the counts to "amenities#0" ..
 * "amenities#63". Needs no vocabulary, so unseen words are fine. Tokenizing and hashing allocate nothing.
 */
public final class TextHash implements Stage {
    private final String column;
    private final int buckets;
    private final boolean binary;

    private TextHash(String column, int buckets, boolean binary) {
        this.column = Columns.of("TextHash", column).get(0);
        if (buckets < 1 || buckets > 1 << 16) {
            throw new PipelineException("TextHash buckets must be between 1 and 65536, got " + buckets);
        }
        this.buckets = buckets;
        this.binary = binary;
    }

    /** Hashes the tokens of {@code column} into {@code buckets} count columns. */
    public static TextHash of(String column, int buckets) {
        return new TextHash(column, buckets, false);
    }

    /** The same stage writing 1 for "token present" instead of counts. */
    public TextHash binary() {
        return new TextHash(column, buckets, true);
    }

    /** The output column of bucket {@code i}. */
    public static String columnFor(String column, int i) {
        return column + "#" + i;
    }

    /** The bucket a token falls into; exposed so people can see where a word goes. */
    public static int bucketOf(String token, int buckets) {
        return bucket(token, 0, token.length(), buckets);
    }

    @Override
    public String name() {
        return "text-hash";
    }

    @Override
    public StepPlan plan() {
        return StepPlan.encodes(List.of(column), "#*", buckets + " buckets" + (binary ? " · binary" : ""));
    }

    @Override
    public Fitted fit(Frame data) {
        data.strings(column);
        return new Fitted(column, buckets, binary);
    }

    private static final int FNV_OFFSET = 0x811C9DC5;
    private static final int FNV_PRIME = 0x01000193;

    // FNV-1a over the lower-cased UTF-16 units: stable across JVMs, unlike String.hashCode's future
    static int bucket(CharSequence text, int from, int to, int buckets) {
        int h = FNV_OFFSET;
        for (int i = from; i < to; i++) {
            h ^= Character.toLowerCase(text.charAt(i));
            h *= FNV_PRIME;
        }
        return Integer.remainderUnsigned(h, buckets);
    }

    // Per ASCII char: its lower case when a letter or digit, else -1. Most text is ASCII, and one load a char
    // beats Character's two table walks; other chars ask Character, so every char gets Character's answer.
    private static final int[] ASCII = new int[128];

    static {
        for (char c = 0; c < 128; c++) {
            ASCII[c] = Character.isLetterOrDigit(c) ? Character.toLowerCase(c) : -1;
        }
    }

    // c lower-cased when it is a letter or digit (a token's char), else -1
    private static int tokenChar(char c) {
        if (c < 128) return ASCII[c];
        return Character.isLetterOrDigit(c) ? Character.toLowerCase(c) : -1;
    }

    /**
     * Adds each token of {@code text} to its bucket's slot of {@code num}: the tokens, hashes and buckets of {@link
     * #bucket} over the runs of {@link Character#isLetterOrDigit(char)}, each char looked at once.
     */
    static void count(String text, int[] slots, double[] num, boolean presence) {
        int n = slots.length;
        int len = text.length();
        int i = 0;
        while (i < len) {
            int c = tokenChar(text.charAt(i++));
            if (c < 0) continue;
            int h = (FNV_OFFSET ^ c) * FNV_PRIME;
            while (i < len && (c = tokenChar(text.charAt(i))) >= 0) {
                h = (h ^ c) * FNV_PRIME;
                i++;
            }
            int slot = slots[Integer.remainderUnsigned(h, n)];
            num[slot] = presence ? 1.0 : num[slot] + 1.0;
        }
    }

    /** Learned nothing; carries the settings. */
    public record Fitted(String column, int buckets, boolean binary) implements FittedStage {
        @Override
        public String type() {
            return "text-hash";
        }

        @Override
        public List<String> inputs() {
            return List.of(column);
        }

        @Override
        public List<ColumnDef> outputs() {
            List<ColumnDef> out = new ArrayList<>(buckets);
            for (int i = 0; i < buckets; i++) out.add(ColumnDef.numeric(columnFor(column, i)));
            return out;
        }

        @Override
        public List<String> removes() {
            return List.of(column);
        }

        @Override
        public boolean fillsMissing(String c) {
            return column.equals(c);
        }

        @Override
        public RowTransform compile(Layout layout) {
            int in = layout.string(column);
            int[] out = new int[buckets];
            for (int i = 0; i < buckets; i++) out[i] = layout.numeric(columnFor(column, i));
            boolean presence = binary;
            return row -> {
                for (int slot : out) row.num[slot] = 0.0;
                String text = row.str[in];
                if (text != null) count(text, out, row.num, presence);
            };
        }

        @Override
        public String summary() {
            return column + " → " + buckets + (binary ? " binary" : "") + " buckets";
        }
    }
}
