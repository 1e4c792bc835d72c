package org.miplhil.suite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.miplhil.objects.ObjectDef;
import org.miplhil.objects.ObjectFixtures;
import org.miplhil.sim.fault.FaultPlan;
import org.miplhil.sim.fault.FaultPlanLoader;
import org.miplhil.sim.profile.FirmwareProfile;
import org.miplhil.sim.profile.ProfileLoader;
import org.miplhil.yaml.LoadResult;
import org.miplhil.yaml.Problem;
import org.miplhil.yaml.YamlDocument;
import org.miplhil.yaml.YamlDocument.MappingReader;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A suite's {@code fixtures}: object models, the firmware profile (its entries for {@code ${profile.*}}) and the
 * fault plan, each file checked; the problems found inside those files are kept with their own positions.
 */
final class SuiteFixtureReader {

    /** Problems of the files the suite names, at their own positions. */
    final Set<Problem> foreign = new LinkedHashSet<>();
    Optional<Path> profile = Optional.empty();
    boolean profileUnreadable;
    Map<String, String> profileValues = Map.of();
    /** The suite names object models (even one that is missing: no second error on mcu: auto). */
    boolean hasObjects;
    /** The ids of the suite's objects, in the order of its object models, with the file of each. */
    final Map<Integer, String> objectIds = new java.util.LinkedHashMap<>();
    private final YamlDocument doc;
    private final FixtureFiles files;

    SuiteFixtureReader(YamlDocument doc, FixtureFiles files) {
        this.doc = doc;
        this.files = files;
    }


    Fixtures fixtures(Optional<Node> node) {
        List<Path> objects = new ArrayList<>();
        Optional<Fixtures.FaultPlanFile> faults = Optional.empty();
        Optional<Node> profileNode = Optional.empty();
        if (node.isPresent()) {
            Optional<MappingReader> mr = doc.mapping(node.get(), "'fixtures'");
            if (mr.isPresent()) {
                MappingReader m = mr.get();
                m.optional("objects").ifPresent(n -> {
                    List<Node> items = n instanceof SequenceNode s ? s.getValue() : List.of(n);
                    hasObjects = !items.isEmpty(); // named, even if one is missing: no second error on mcu: auto
                    for (Node item : items) {
                        fixtureFile(item, "object model").filter(p -> objectModel(item, p, objectIds))
                                .ifPresent(objects::add);
                    }
                });
                profileNode = m.optional("profile");
                faults = m.optional("faults").flatMap(n -> fixtureFile(n, "fault plan")
                        .flatMap(p -> faultPlanFile(n, p).map(plan -> new Fixtures.FaultPlanFile(p, plan))));
                m.finish(SuiteKeys.FIXTURES);
            }
        }
        if (profileNode.isPresent()) {
            Node n = profileNode.get();
            Optional<Path> p = fixtureFile(n, "firmware profile");
            profileUnreadable = p.isEmpty();
            p.ifPresent(path -> {
                profile = Optional.of(path);
                readProfile(n, path, true);
            });
        } else {
            files.resolve(FixtureFiles.DEFAULT_PROFILE).filter(files::isFile).ifPresent(path -> {
                profile = Optional.of(path);
                readProfile(null, path, false);
            });
        }
        return new Fixtures(objects, profile, profileValues, faults);
    }

    /** Resolves a file name written in the suite; reports it when it is not a file. */
    Optional<Path> fixtureFile(Node node, String what) {
        Optional<String> written = doc.string(node, "the " + what + " file");
        if (written.isEmpty()) {
            return Optional.empty();
        }
        Optional<Path> p = files.resolve(written.get());
        if (p.isEmpty() || !files.isFile(p.get())) {
            doc.error(node, what + " file '" + written.get() + "' not found (looked for "
                    + p.map(files::display).orElse("an invalid path") + "; names starting with ./ or ../ are relative"
                    + " to the suite's directory, others to the project root '" + files.display(files.projectRoot())
                    + "')");
            return Optional.empty();
        }
        return p;
    }

    /** Checks an object model file; an object defined by two files of the suite is reported at the second. */
    private boolean objectModel(Node node, Path path, Map<Integer, String> objectIds) {
        Optional<String> text = files.read(path);
        if (text.isEmpty()) {
            doc.error(node, "object model file " + files.display(path) + " cannot be read");
            return false;
        }
        LoadResult<List<ObjectDef>> defs = ObjectFixtures.parse(files.display(path), text.get());
        if (!(defs instanceof LoadResult.Ok<List<ObjectDef>> ok)) {
            doc.error(node, "object model " + files.display(path) + " is invalid (" + plural(defs.errors().size(), "error")
                    + ", listed with its own positions)");
            foreign.addAll(defs.problems());
            return false;
        }
        boolean clean = true;
        for (ObjectDef o : ok.value()) {
            String first = objectIds.putIfAbsent(o.id(), files.display(path));
            if (first != null) {
                doc.error(node, "object " + o.id() + " of " + files.display(path) + " is already defined by " + first);
                clean = false;
            }
        }
        return clean;
    }

    Optional<FaultPlan> faultPlanFile(Node node, Path path) {
        Optional<String> text = files.read(path);
        if (text.isEmpty()) {
            doc.error(node, "fault plan file " + files.display(path) + " cannot be read");
            return Optional.empty();
        }
        LoadResult<FaultPlan> plan = FaultPlanLoader.parse(files.display(path), text.get());
        if (plan instanceof LoadResult.Ok<FaultPlan> ok) {
            return Optional.of(ok.value());
        }
        doc.error(node, "fault plan " + files.display(path) + " is invalid (" + plural(plan.errors().size(), "error")
                + ", listed with its own positions)");
        foreign.addAll(plan.problems());
        return Optional.empty();
    }

    /** A profile's problems and entries, kept while its text stays the same: many suites name the same profile. */
    private record ProfileRead(List<Problem> problems, Map<String, String> values) {}

    private static final Map<String, ProfileRead> PROFILES = new java.util.concurrent.ConcurrentHashMap<>();

    /** Collects the profile's entries ({@code section.key} → value); checks the profile when the suite names it. */
    private void readProfile(Node node, Path path, boolean check) {
        Optional<String> text = files.read(path);
        if (text.isEmpty()) {
            profileUnreadable = true;
            if (node != null) {
                doc.error(node, "firmware profile " + files.display(path) + " cannot be read");
            }
            return;
        }
        String name = files.display(path);
        if (PROFILES.size() > 64) {
            PROFILES.clear();
        }
        Path dir = path.toAbsolutePath().normalize().getParent();
        ProfileRead read = PROFILES.computeIfAbsent(dir + "\u0000" + name + "\u0000" + text.get(), k -> {
            LoadResult<FirmwareProfile> profile = ProfileLoader.parse(name, text.get(), dir);
            // a profile that extends another has its values there too: take them from the loaded profile
            Map<String, String> values = profile instanceof LoadResult.Ok<FirmwareProfile> ok
                    ? ok.value().entries().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                            FirmwareProfile.ProfileEntry::path, FirmwareProfile.ProfileEntry::value, (a, b) -> a))
                    : profileEntries(name, text.get());
            return new ProfileRead(profile.problems(), values);
        });
        if (check && !read.problems().isEmpty()) {
            doc.error(node, "firmware profile " + name + " is invalid ("
                    + plural(read.problems().size(), "error") + ", listed with its own positions)");
            foreign.addAll(read.problems());
        }
        profileValues = read.values();
    }

    private static Map<String, String> profileEntries(String name, String text) {
        Map<String, String> values = new LinkedHashMap<>();
        YamlDocument profileDoc = YamlDocument.compose(name, text);
        profileDoc.root().filter(MappingNode.class::isInstance).ifPresent(root -> {
            for (NodeTuple section : ((MappingNode) root).getValue()) {
                if (!(section.getKeyNode() instanceof ScalarNode sk) || !(section.getValueNode() instanceof MappingNode sv)) {
                    continue;
                }
                for (NodeTuple entry : sv.getValue()) {
                    if (entry.getKeyNode() instanceof ScalarNode ek && entry.getValueNode() instanceof MappingNode ev) {
                        for (NodeTuple field : ev.getValue()) {
                            if (field.getKeyNode() instanceof ScalarNode fk && fk.getValue().equals("value")
                                    && field.getValueNode() instanceof ScalarNode fv) {
                                values.put(sk.getValue() + "." + ek.getValue(), fv.getValue());
                            }
                        }
                    }
                }
            }
        });
        return Map.copyOf(values);
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
