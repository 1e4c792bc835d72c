package org.miplhil.mutate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.miplhil.sim.profile.FirmwareProfile;
import org.miplhil.sim.profile.ProfileLoader;
import org.miplhil.suite.FixtureFiles;
import org.miplhil.yaml.LoadResult;

/**
 * The generated mutant space: every family applied to every command form and URC kind it fits, from the codec's
 * knowledge ({@link Subjects}) and the deadlines the harness keeps ({@link MutantDeadlines}). The order is fixed
 * (subjects in codec order, families in {@link Family} order) and ids are unique, stable and file-name safe
 * ({@code <family>/<subject>[/<detail>]}, letters, digits, {@code -} and {@code /}). The hand-written plans of
 * {@code fixtures/faults/} (family {@link Family#PLAN}) are not generated here.
 */
public final class MutantSpace {

    private MutantSpace() {}

    /** The space for the project's default firmware profile ({@value FixtureFiles#DEFAULT_PROFILE}). */
    public static List<Mutant> generate() {
        Path file = FixtureFiles.projectRootAbove(Path.of("")).resolve(FixtureFiles.DEFAULT_PROFILE);
        LoadResult<FirmwareProfile> loaded = ProfileLoader.load(file);
        if (!(loaded instanceof LoadResult.Ok<FirmwareProfile> ok)) {
            throw new IllegalStateException("the mutant space reads its deadlines from " + file + ", which does not load: "
                    + String.join("; ", loaded.errors()));
        }
        return generate(ok.value());
    }

    /** The space with this profile's deadlines. */
    public static List<Mutant> generate(FirmwareProfile profile) {
        MutantDeadlines deadlines = MutantDeadlines.of(profile);
        LineMutants lines = new LineMutants(deadlines);
        CommandMutants commands = new CommandMutants(lines);
        List<Mutant> out = new ArrayList<>();
        Subjects.miplForms().forEach(s -> out.addAll(commands.forMipl(s)));
        Subjects.general().forEach(s -> out.addAll(commands.forGeneral(s)));
        for (Subject s : Subjects.urcs()) {
            out.addAll(lines.all(s));
            if (s instanceof Subject.Event e) {
                out.addAll(UrcFieldEdits.event(e));
            } else if (s instanceof Subject.Request r) {
                out.addAll(UrcFieldEdits.request(r));
            } else if (s instanceof Subject.Fota f) {
                out.addAll(UrcFieldEdits.fota(f));
            }
        }
        Subjects.moduleUrcs().forEach(s -> out.addAll(lines.beyondNote(s)));
        out.addAll(UnlistedUrcs.all());
        return List.copyOf(out);
    }

    /** How many mutants of each family, in {@link Family} order (families without mutants count 0). */
    public static Map<Family, Integer> counts(List<Mutant> mutants) {
        Map<Family, Integer> out = new EnumMap<>(Family.class);
        for (Family f : Family.values()) {
            out.put(f, 0);
        }
        mutants.forEach(m -> out.merge(m.family(), 1, Integer::sum));
        return out;
    }
}
