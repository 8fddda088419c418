package io.sdlclens.search;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A parsed {@code tsquery} (its text form, as PostgreSQL prints it) split for documents indexed as several chunks.
 * A long document matches when the query holds for the document as a whole: a word counts if any chunk has it (so
 * {@code -word} excludes the document if any chunk has it, and two words may sit in different chunks), a phrase if
 * one chunk has it (chunks overlap, so a phrase is never cut). Each word or phrase becomes an atom, tested against
 * every chunk; {@code structure} is the query with atom {@code i} replaced by the lexeme {@code a<i>}, evaluated by
 * PostgreSQL against the vector of the atoms found — the query's own semantics, applied to the whole document.
 *
 * @param atoms each word or phrase, as tsquery text; empty when the query has no lexemes
 * @param structure the query over {@code a1…an}; null when there are no atoms
 * @param anyAtom all atoms or-ed, to find candidate documents; null when the query holds with no atom present
 *     (such as {@code -word} alone), so every long document is a candidate
 * @param rankQuery the query without its excluded parts, to rank by: ts_rank of a query with a negation scores every
 *     document alike (it finds no pair of present words to measure), so {@code system -service} would not rank a
 *     title hit above a body hit; null when nothing but exclusions is left, and the whole query ranks
 * @param lexemes every lexeme the query names (excluded ones too), as stored in a vector: what the highlighter
 *     marks; null when a lexeme is printed with an escape or a weight or prefix flag, whose marks a vector's
 *     positions would not count one for one
 */
record QueryShape(List<String> atoms, String structure, String anyAtom, String rankQuery, List<String> lexemes) {

    private interface Node {}

    private record Atom(String text) implements Node {}

    private record Not(Node operand) implements Node {}

    private record Binary(String operator, Node left, Node right) implements Node {}

    static QueryShape parse(String tsquery) {
        if (tsquery == null || tsquery.isBlank()) {
            return new QueryShape(List.of(), null, null, null, List.of());
        }
        Parser parser = new Parser(tsquery);
        Node root = parser.or();
        parser.skipSpace();
        if (parser.pos != tsquery.length()) {
            throw new IllegalArgumentException("unexpected text in tsquery at " + parser.pos);
        }
        List<String> atoms = new ArrayList<>();
        String structure = structure(root, atoms);
        String anyAtom = holdsWithoutAtoms(root) ? null : String.join(" | ", atoms);
        Node positive = withoutNegations(root);
        return new QueryShape(
                List.copyOf(atoms), structure, anyAtom, positive == null ? null : text(positive), lexemes(root));
    }

    /** The distinct plain lexemes of the query, or null when one of them is not plain (see {@code lexemes}). */
    private static List<String> lexemes(Node root) {
        Set<String> lexemes = new LinkedHashSet<>();
        Deque<Node> open = new ArrayDeque<>(List.of(root));
        while (!open.isEmpty()) {
            Node node = open.pop();
            if (node instanceof Atom atom) {
                String text = atom.text();
                String lexeme = text.substring(1, text.length() - 1);
                if (!text.endsWith("'") || lexeme.indexOf('\'') >= 0 || lexeme.indexOf('\\') >= 0) {
                    return null;
                }
                lexemes.add(lexeme);
            } else if (node instanceof Not not) {
                open.push(not.operand());
            } else {
                Binary binary = (Binary) node;
                open.push(binary.right());
                open.push(binary.left());
            }
        }
        return List.copyOf(lexemes);
    }

    /**
     * Whether the query is one plain word (no phrase, no operator): the rank tier's rank is then its exact rank, and
     * a row of the tier holding the word is a hit.
     */
    boolean oneWord() {
        return atoms.size() == 1
                && "'a1'".equals(structure)
                && atoms.get(0).startsWith("'")
                && atoms.get(0).endsWith("'");
    }

    /**
     * The query's one lexeme when it is one plain word: its whole-body hits are exactly the whole-body rows holding
     * that lexeme, whose number is kept per lexeme (migration V14); null for any other query.
     */
    String countedLexeme() {
        return oneWord() && lexemes != null && lexemes.size() == 1 ? lexemes.get(0) : null;
    }

    /** The query with every negated part dropped; null when nothing else is left. */
    private static Node withoutNegations(Node node) {
        if (node instanceof Not) {
            return null;
        }
        if (node instanceof Atom || isPhrase(node)) {
            return node;
        }
        Binary binary = (Binary) node;
        Node left = withoutNegations(binary.left());
        Node right = withoutNegations(binary.right());
        if (left == null || right == null) {
            return left == null ? right : left;
        }
        return new Binary(binary.operator(), left, right);
    }

    private static boolean isPhrase(Node node) {
        return node instanceof Binary binary && binary.operator().startsWith("<");
    }

    private static String structure(Node node, List<String> atoms) {
        if (node instanceof Atom || isPhrase(node)) {
            atoms.add(text(node));
            return "'a" + atoms.size() + "'";
        }
        if (node instanceof Not not) {
            return "!( " + structure(not.operand(), atoms) + " )";
        }
        Binary binary = (Binary) node;
        return "( " + structure(binary.left(), atoms) + " " + binary.operator() + " " + structure(binary.right(), atoms)
                + " )";
    }

    private static String text(Node node) {
        if (node instanceof Atom atom) {
            return atom.text();
        }
        if (node instanceof Not not) {
            return "!( " + text(not.operand()) + " )";
        }
        Binary binary = (Binary) node;
        return "( " + text(binary.left()) + " " + binary.operator() + " " + text(binary.right()) + " )";
    }

    /** Whether the query holds for a document without any of its atoms. */
    private static boolean holdsWithoutAtoms(Node node) {
        if (node instanceof Atom || isPhrase(node)) {
            return false;
        }
        if (node instanceof Not not) {
            return !holdsWithoutAtoms(not.operand());
        }
        Binary binary = (Binary) node;
        return binary.operator().equals("&")
                ? holdsWithoutAtoms(binary.left()) && holdsWithoutAtoms(binary.right())
                : holdsWithoutAtoms(binary.left()) || holdsWithoutAtoms(binary.right());
    }

    /** Recursive descent over tsquery's printed grammar; binding from loosest: {@code |}, {@code &}, {@code <N>}, {@code !}. */
    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        Node or() {
            Node left = and();
            while (peek('|')) {
                pos++;
                left = new Binary("|", left, and());
            }
            return left;
        }

        Node and() {
            Node left = phrase();
            while (peek('&')) {
                pos++;
                left = new Binary("&", left, phrase());
            }
            return left;
        }

        Node phrase() {
            Node left = unary();
            while (peek('<')) {
                int end = text.indexOf('>', pos);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated phrase operator in tsquery");
                }
                String operator = text.substring(pos, end + 1);
                pos = end + 1;
                left = new Binary(operator, left, unary());
            }
            return left;
        }

        Node unary() {
            if (peek('!')) {
                pos++;
                return new Not(unary());
            }
            if (peek('(')) {
                pos++;
                Node inner = or();
                if (!peek(')')) {
                    throw new IllegalArgumentException("unbalanced parenthesis in tsquery");
                }
                pos++;
                return inner;
            }
            if (!peek('\'')) {
                throw new IllegalArgumentException("expected a lexeme in tsquery at " + pos);
            }
            int start = pos++;
            // inside quotes PostgreSQL doubles ' and \ ; the atom keeps them as printed, which reads back the same
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if ((c == '\'' || c == '\\') && pos + 1 < text.length() && text.charAt(pos + 1) == c) {
                    pos += 2;
                } else if (c == '\'') {
                    break;
                } else {
                    pos++;
                }
            }
            if (pos >= text.length()) {
                throw new IllegalArgumentException("unterminated lexeme in tsquery");
            }
            pos++;
            if (pos < text.length() && text.charAt(pos) == ':') {
                pos++;
                while (pos < text.length() && "*ABCDabcd".indexOf(text.charAt(pos)) >= 0) {
                    pos++;
                }
            }
            return new Atom(text.substring(start, pos));
        }

        boolean peek(char c) {
            skipSpace();
            return pos < text.length() && text.charAt(pos) == c;
        }

        void skipSpace() {
            while (pos < text.length() && text.charAt(pos) == ' ') {
                pos++;
            }
        }
    }
}
