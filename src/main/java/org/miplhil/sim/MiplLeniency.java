package org.miplhil.sim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.miplhil.at.MiplCommandName;
import org.miplhil.at.Param;
import org.miplhil.at.ParsedCommand;
import org.miplhil.sim.profile.FirmwareProfile.DiscoverListSplit;
import org.miplhil.sim.profile.FirmwareProfile.Parsing;

/**
 * Reads a MIPL command's parameters the way the module's AT layer does, where it is looser than the note, and
 * hands the codec ({@code org.miplhil.at}, which writes and reads the note's form) the same command as the note
 * writes it. The codec stays strict for the harness; the module's leniency lives here, driven by the profile's
 * {@code parsing} section (docs/virtual-module.md "Parsing", docs/evidence.md).
 *
 * <p>Pure: never throws, never does I/O. With {@link Parsing#NOTE} every command passes unchanged.
 */
final class MiplLeniency {

    /** hexstr2int of the XY1100 AT layer: {@code 0x}/{@code 0X} then hex digits (possibly none). */
    private static final Pattern HEX_INTEGER = Pattern.compile("0[xX][0-9A-Fa-f]*");
    private static final Pattern LEADING_NUMBER = Pattern.compile("^\\s*([-+]?[0-9]+)");

    private final Parsing rules;

    MiplLeniency(Parsing rules) {
        this.rules = rules;
    }

    /** The command in the note's form, or {@code cmd} itself when nothing needs rewriting (or it is not a set form). */
    ParsedCommand normalise(MiplCommandName name, ParsedCommand cmd) {
        if (cmd.form() != ParsedCommand.Form.SET || rules.equals(Parsing.NOTE)) {
            return cmd;
        }
        List<Param> in = cmd.params();
        List<Param> out = new ArrayList<>(in.size());
        Set<Integer> text = textPositions(name, in);
        for (int i = 0; i < in.size(); i++) {
            out.add(param(in.get(i), text.contains(i), quotedPosition(name, in, i)));
        }
        if (name == MiplCommandName.MIPLDISCOVERRSP && rules.discoverListSplit() == DiscoverListSplit.SKIP_EMPTY) {
            discoverList(out);
        }
        return out.equals(in) ? cmd : new ParsedCommand(cmd.name(), cmd.form(), out, cmd.text());
    }

    private Param param(Param p, boolean text, boolean mustBeQuoted) {
        Param q = p;
        if (rules.quotesOptional()) {
            // parse_param / parse_param_vp strip the quotes of any parameter that has them; get_ascii_data reads a
            // string value with or without them
            q = mustBeQuoted ? Param.quoted(p.value()) : Param.plain(text ? p.value() : p.value().strip());
        }
        if (rules.hexIntegers() && !text && !q.quoted() && HEX_INTEGER.matcher(q.value()).matches()) {
            q = Param.plain(Integer.toString(hexstr2int(q.value().substring(2))));
        }
        return q;
    }

    /** hexstr2int reads at most 8 digits into a 32-bit int. */
    private static int hexstr2int(String digits) {
        String d = digits.length() > 8 ? digits.substring(0, 8) : digits;
        return d.isEmpty() ? 0 : (int) Long.parseLong(d, 16);
    }

    /** Positions the codec reads as text, not integers: the AT layer's {@code %s} parameters. */
    private static Set<Integer> textPositions(MiplCommandName n, List<Param> p) {
        return switch (n) {
            case MIPLCONFIG -> Set.of(3);
            case MIPLADDOBJ -> Set.of(3);
            case MIPLDISCOVERRSP -> Set.of(4);
            case MIPLNOTIFY -> Set.of(7);
            case MIPLREADRSP -> p.size() > 3 ? Set.of(8) : Set.of();
            default -> Set.of();
        };
    }

    /** Positions the note writes in double quotes (so the codec requires them there). */
    private static boolean quotedPosition(MiplCommandName n, List<Param> p, int i) {
        return switch (n) {
            case MIPLADDOBJ -> i == 3; // 3.3.5 <insBitmap>
            case MIPLDISCOVERRSP -> i == 4; // 3.3.9 <valuestring>
            case MIPLNOTIFY -> i == 7 && isStringType(p, 5); // 3.3.15 a string <value>
            case MIPLREADRSP -> i == 8 && isStringType(p, 6); // 3.3.11 a string <value>
            case MIPLCONFIG -> i == 3 && p.get(3).quoted(); // <ip> quotes optional in the codec: keep as written
            default -> false;
        };
    }

    private static boolean isStringType(List<Param> p, int typeIndex) {
        return typeIndex < p.size() && p.get(typeIndex).value().strip().equals("1");
    }

    /**
     * at_proc_discover_req: the length is checked against the list as written, then strtok splits it on {@code ;}
     * (empty ids vanish) and strtol reads each id (its leading number, or 0). The list handed on is the ids it
     * reads, with the length of that list; a length that did not match the list as written is left for the codec
     * to refuse.
     */
    private static void discoverList(List<Param> p) {
        if (p.size() < 5 || !p.get(4).quoted()) {
            return; // too few parameters, or quotes required and missing: the codec reports it
        }
        String list = p.get(4).value();
        String length = p.get(3).value();
        if (!length.matches("[0-9]{1,9}") || Integer.parseInt(length) != list.getBytes(StandardCharsets.UTF_8).length) {
            return;
        }
        String ids = java.util.Arrays.stream(list.split(";")).filter(s -> !s.isEmpty())
                .map(MiplLeniency::strtol).collect(Collectors.joining(";"));
        if (ids.equals(list)) {
            return;
        }
        p.set(3, Param.plain(ids.length()));
        p.set(4, Param.quoted(ids));
    }

    private static String strtol(String s) {
        var m = LEADING_NUMBER.matcher(s);
        if (!m.find()) {
            return "0";
        }
        try {
            return Long.toString(Long.parseLong(m.group(1).replace("+", "")));
        } catch (NumberFormatException e) {
            return m.group(1).startsWith("-") ? Long.toString(Long.MIN_VALUE) : Long.toString(Long.MAX_VALUE);
        }
    }
}
