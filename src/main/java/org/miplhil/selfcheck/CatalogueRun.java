package org.miplhil.selfcheck;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.miplhil.suite.run.RunOptions;
import org.miplhil.suite.run.TagSelection;

/**
 * What a self-check of the catalogue runs, for {@link SelfCheck} and the mutation runner alike: the suites and tags,
 * the hand-written fault plans, the clean repeats, where the report goes, and the settings of every run.
 *
 * @param allCases run every selected case for every plan (not only until the defect is found)
 * @param out      where the progress lines go; null: the log
 * @param options  further settings of every run (a profile, ports); the target is always the virtual module
 * @param parallel the clean repeats each sharded over this many virtual modules ({@code --parallel}); 0: one module
 */
public record CatalogueRun(List<Path> suites, TagSelection tags, List<PlanFile> plans, int repeat, Path report,
                           boolean allCases, PrintStream out, Function<RunOptions.Builder, RunOptions.Builder> options,
                           int parallel) {

    public CatalogueRun {
        suites = List.copyOf(suites);
        plans = List.copyOf(plans);
        Objects.requireNonNull(tags, "tags");
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(options, "options");
        if (parallel < 0) {
            throw new IllegalArgumentException("parallel must be 0 or more: " + parallel);
        }
    }

    /**
     * The setters both runners' builders share; {@code B} is the concrete builder, returned by each setter.
     */
    public abstract static class Builder<B extends Builder<B>> {
        private List<Path> suites = List.of(Path.of("suites", "catalogue"));
        private TagSelection tags = TagSelection.all();
        private List<PlanFile> plans = List.of();
        private int repeat;
        private Path report;
        private boolean allCases;
        private PrintStream out;
        private Function<RunOptions.Builder, RunOptions.Builder> options = b -> b;
        private int parallel;

        protected Builder(Path defaultReport) {
            this.report = Objects.requireNonNull(defaultReport);
        }

        protected abstract B self();

        public B suites(List<Path> suites) {
            this.suites = List.copyOf(suites);
            return self();
        }

        public B tags(TagSelection tags) {
            this.tags = Objects.requireNonNull(tags);
            return self();
        }

        public B plans(List<PlanFile> plans) {
            this.plans = List.copyOf(plans);
            return self();
        }

        /** Clean runs after the plans; 0: none. */
        public B repeat(int repeat) {
            if (repeat < 0) {
                throw new IllegalArgumentException("repeat must be 0 or more: " + repeat);
            }
            this.repeat = repeat;
            return self();
        }

        public B report(Path dir) {
            this.report = Objects.requireNonNull(dir);
            return self();
        }

        /** Run every selected case for every plan, not only until the defect is found. */
        public B allCases(boolean all) {
            this.allCases = all;
            return self();
        }

        public B out(PrintStream out) {
            this.out = Objects.requireNonNull(out);
            return self();
        }

        /** Further settings of every run (a profile, ports); the target is always the virtual module. */
        public B options(Function<RunOptions.Builder, RunOptions.Builder> options) {
            this.options = Objects.requireNonNull(options);
            return self();
        }

        /** The clean repeats each sharded over {@code n} virtual modules; 0 (the default): one module. */
        public B parallel(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("parallel must be 0 or more: " + n);
            }
            this.parallel = n;
            return self();
        }

        /** Every shared setting from {@code run}. */
        public B from(CatalogueRun run) {
            suites = run.suites();
            tags = run.tags();
            plans = run.plans();
            repeat = run.repeat();
            report = run.report();
            allCases = run.allCases();
            out = run.out();
            options = run.options();
            parallel = run.parallel();
            return self();
        }

        /** The shared settings as set. */
        public CatalogueRun settings() {
            return new CatalogueRun(suites, tags, plans, repeat, report, allCases, out, options, parallel);
        }
    }
}
