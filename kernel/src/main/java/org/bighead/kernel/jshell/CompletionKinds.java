package org.bighead.kernel.jshell;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import javax.lang.model.SourceVersion;
import jdk.jshell.SourceCodeAnalysis.Documentation;
import org.bighead.kernel.jshell.JavaEvaluator.Completion.Match;

/**
 * What a completion is (method, field, variable, class, package, keyword) and its signature, as JupyterLab shows
 * beside each match. JShell's suggestions carry only their text; the kind comes from the signature JShell's
 * analysis gives for the completed text ({@code "int Integer.MAX_VALUE"} reads {@code "Integer.MAX_VALUE:int"}).
 */
final class CompletionKinds {
    private static final List<String> KINDS = List.of("variable", "method", "field", "class", "package", "keyword");
    private static final Set<String> LITERALS = Set.of("true", "false", "null");

    /** What fits the expected type first, then by kind (variables, methods, fields, ...), then alphabetically. */
    static final Comparator<Match> ORDER = Comparator.comparing((Match m) -> !m.fitsType())
            .thenComparingInt(m -> KINDS.indexOf(m.type()))
            .thenComparing(Match::text, String.CASE_INSENSITIVE_ORDER)
            .thenComparing(Match::text);

    /** How many matches get JShell's exact kind and signature; the rest keep the kind their name suggests. */
    static final int DESCRIBED = 20;

    private CompletionKinds() {}

    /**
     * The kind a completion's text suggests, without asking JShell: {@code name(} a method, {@code NAME} a constant,
     * {@code Name} a class, {@code name} a field after a dot, else a variable.
     */
    static Match guess(String text, boolean fitsType, boolean member) {
        String kind;
        if (SourceVersion.isKeyword(text.strip()) || LITERALS.contains(text)) {
            kind = "keyword";
        } else if (text.endsWith("(")) {
            kind = "method";
        } else if (text.length() > 1 && text.chars().noneMatch(Character::isLowerCase)) {
            kind = "field";
        } else if (Character.isUpperCase(text.charAt(0))) {
            kind = "class";
        } else {
            kind = member ? "field" : "variable";
        }
        return new Match(text, kind, "", fitsType);
    }

    /**
     * The kind and signature of completion {@code text}; {@code docs} gives JShell's documentation of the code
     * completed with a text (its signatures, without Javadoc).
     */
    static Match describe(String text, boolean fitsType, Function<String, List<Documentation>> docs) {
        if (SourceVersion.isKeyword(text.strip()) || LITERALS.contains(text)) {
            return new Match(text, "keyword", "", fitsType);
        }
        List<Documentation> found = docs.apply(text);
        String signature = found.isEmpty() ? "" : found.get(0).signature();
        if (text.endsWith("(")) {
            boolean constructor = !found.isEmpty()
                    && !signature.substring(0, signature.indexOf('(') + 1).contains(" ");
            String overloads = found.size() > 1 ? " (+" + (found.size() - 1) + " overloads)" : "";
            return new Match(text, constructor ? "class" : "method", shortSignature(signature) + overloads, fitsType);
        }
        if (found.isEmpty()) { // a package has no members to document until a class of it is named
            return new Match(text, Character.isUpperCase(text.charAt(0)) ? "class" : "package", "", fitsType);
        }
        int colon = signature.lastIndexOf(':');
        if (colon > 0) { // "Integer.MAX_VALUE:int", or "myVariable:int" for a cell's variable
            String type =
                    signature.substring(colon + 1).replaceAll("\\bjava\\.lang\\.(?=[A-Z])", ""); // as methods read
            return new Match(text, signature.substring(0, colon).contains(".") ? "field" : "variable", type, fitsType);
        }
        String name = signature.replaceAll("[<(].*", "");
        String last = name.substring(name.lastIndexOf('.') + 1);
        if (!last.isEmpty() && Character.isLowerCase(last.charAt(0))) {
            return new Match(text, "package", signature, fitsType);
        }
        boolean constant = text.length() > 1 && text.equals(text.toUpperCase(java.util.Locale.ROOT));
        return new Match(text, constant ? "field" : "class", signature, fitsType);
    }

    /**
     * A method's signature without its declaring class: {@code "void println(String x)"} for {@code "void
     * java.io.PrintStream.println(String x)"}.
     */
    static String shortSignature(String signature) {
        int open = signature.indexOf('(');
        if (open < 0) {
            return signature;
        }
        String head = signature.substring(0, open);
        int start = open;
        while (start > 0 && Character.isJavaIdentifierPart(head.charAt(start - 1))) start--;
        String name = head.substring(start);
        int space = -1; // the last space outside <...>: the return type ends there
        int depth = 0;
        for (int i = 0; i < head.length(); i++) {
            char c = head.charAt(i);
            depth += c == '<' ? 1 : c == '>' ? -1 : 0;
            if (c == ' ' && depth == 0) {
                space = i;
            }
        }
        String returnType = space < 0 ? "" : head.substring(0, space + 1);
        return returnType + name + signature.substring(open);
    }
}
