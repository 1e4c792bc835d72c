package org.miplhil.suite.run;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.miplhil.at.RequestType;
import org.miplhil.suite.Attributes;
import org.miplhil.suite.FaultSource;
import org.miplhil.suite.FotaExpectation;
import org.miplhil.suite.PlatformExpectation;
import org.miplhil.suite.PlatformOperation;
import org.miplhil.suite.PowerAction;
import org.miplhil.suite.Recovery;
import org.miplhil.suite.ResultExpectation;
import org.miplhil.suite.Step;
import org.miplhil.suite.Template;
import org.miplhil.suite.TextMatch;
import org.miplhil.yaml.Durations;

/**
 * How a step is named and which parameters it shows in the report: as written, variables filled in where known.
 * Two visitors of {@link Step}, so that a new kind of step cannot be forgotten here.
 */
final class StepText {

    private StepText() {
    }

    static String name(Step step, Map<String, String> vars) {
        return step.accept(new Names(vars));
    }

    static Map<String, Object> params(Step step) {
        return step.accept(new Params());
    }

    /** The report's name of each kind of step. */
    private record Names(Map<String, String> vars) implements Step.Visitor<String> {
        @Override
        public String send(Step.Send s) {
            return "send " + filled(s.command(), vars);
        }

        @Override
        public String expectUrc(Step.ExpectUrc s) {
            return "expect-urc " + s.urc().source();
        }

        @Override
        public String expectUrcs(Step.ExpectUrcs s) {
            return "expect-urcs " + s.order().word() + " " + sources(s.urcs());
        }

        @Override
        public String expectNoUrc(Step.ExpectNoUrc s) {
            return "expect-no-urc " + s.urc().source();
        }

        @Override
        public String answer(Step.Answer s) {
            return "answer " + s.urc().source();
        }

        @Override
        public String mcu(Step.Mcu s) {
            return "mcu " + s.mode().word() + (s.kinds().size() == RequestType.values().length ? ""
                    : " for " + s.kinds().stream().map(k -> "+MIPL" + k.name()).sorted().collect(Collectors.joining(", ")));
        }

        @Override
        public String platform(Step.Platform s) {
            return "platform " + s.operation().word() + " " + s.operation().path();
        }

        @Override
        public String expectPlatform(Step.ExpectPlatform s) {
            return "expect-platform " + s.expectation().word();
        }

        @Override
        public String network(Step.Network s) {
            return "network " + s.conditions().name();
        }

        @Override
        public String await(Step.Wait s) {
            return "wait " + Durations.format(s.duration());
        }

        @Override
        public String simFaults(Step.SimFaults s) {
            FaultSource f = s.source();
            return "sim-faults " + (f instanceof FaultSource.FromFile file ? file.file().getFileName().toString()
                    : f instanceof FaultSource.Inline i ? i.plan().faults().size() + " fault(s)" : "clear");
        }

        @Override
        public String power(Step.Power p) {
            return "power " + p.action().word() + p.cutAt().map(c -> " at " + c.word()).orElse("");
        }

        @Override
        public String fota(Step.Fota f) {
            return f.packageFile().map(p -> "fota " + p.getFileName() + " -> " + filled(f.version(), vars))
                    .orElse("fota (started in the console) -> " + filled(f.version(), vars));
        }

        @Override
        public String expectFota(Step.ExpectFota f) {
            return "expect-fota " + f.expectation().word();
        }

        @Override
        public String sleep(Step.Sleep s) {
            return "sleep " + s.level().word();
        }

        @Override
        public String wake(Step.Wake w) {
            return "wake " + w.by().word();
        }

        @Override
        public String state(Step.State s) {
            return "state " + s.state().word();
        }
    }

    /** The parameters the report shows for each kind of step. */
    private static final class Params implements Step.Visitor<Map<String, Object>> {
        private final Map<String, Object> m = new LinkedHashMap<>();

        @Override
        public Map<String, Object> send(Step.Send s) {
            m.put("expect", expect(s.expect()));
            s.lines().ifPresent(l -> m.put("lines", sources(l)));
            if (!s.urcsBefore().isEmpty()) {
                m.put("urcs-before", sources(s.urcsBefore()));
            }
            m.put("within", d(s.within()));
            return m;
        }

        @Override
        public Map<String, Object> expectUrc(Step.ExpectUrc s) {
            m.put("within", d(s.within()));
            m.put("since", s.since().word());
            return m;
        }

        @Override
        public Map<String, Object> expectUrcs(Step.ExpectUrcs s) {
            m.put("within", d(s.within()));
            m.put("since", s.since().word());
            return m;
        }

        @Override
        public Map<String, Object> expectNoUrc(Step.ExpectNoUrc s) {
            m.put("during", d(s.during()));
            m.put("since", s.since().word());
            return m;
        }

        @Override
        public Map<String, Object> answer(Step.Answer s) {
            m.put("within", d(s.within()));
            if (!s.after().isZero()) {
                m.put("after", d(s.after()));
            }
            m.put("with", String.join(" | ", s.with().stream().map(Template::source).toList()));
            m.put("expect", expect(s.expect()));
            return m;
        }

        @Override
        public Map<String, Object> mcu(Step.Mcu s) {
            s.delay().ifPresent(x -> m.put("delay", d(x)));
            return m;
        }

        @Override
        public Map<String, Object> platform(Step.Platform s) {
            s.as().ifPresent(a -> m.put("as", a));
            PlatformOperation op = s.operation();
            if (op instanceof PlatformOperation.Write w) {
                m.put("mode", w.mode().name().toLowerCase(Locale.ROOT));
                m.put("values", w.values().toString());
            } else if (op instanceof PlatformOperation.Execute x) {
                x.args().ifPresent(a -> m.put("args", a.source()));
            } else if (op instanceof PlatformOperation.Observe o && !o.attributes().isEmpty()) {
                m.put("attributes", attributes(o.attributes()));
            } else if (op instanceof PlatformOperation.WriteAttributes wa) {
                m.put("attributes", attributes(wa.attributes()));
            }
            m.put("timeout", d(platformTimeout(s)));
            return m;
        }

        @Override
        public Map<String, Object> expectPlatform(Step.ExpectPlatform s) {
            PlatformExpectation e = s.expectation();
            if (e instanceof PlatformExpectation.Response r) {
                r.to().ifPresent(t -> m.put("to", t));
                r.code().ifPresent(c -> m.put("code", c.toString()));
                if (!r.values().isEmpty()) {
                    m.put("values", r.values().toString());
                }
            } else if (e instanceof PlatformExpectation.Notification n) {
                m.put("path", n.path().toString());
                if (!n.values().isEmpty()) {
                    m.put("values", n.values().toString());
                }
            } else if (e instanceof PlatformExpectation.Registered r) {
                r.lifetime().ifPresent(l -> m.put("lifetime", l));
                if (!r.objects().isEmpty()) {
                    m.put("objects", r.objects().toString());
                }
            } else if (e instanceof PlatformExpectation.Updated u) {
                u.lifetime().ifPresent(l -> m.put("lifetime", l));
            }
            m.put("within", d(s.within()));
            m.put("since", s.since().word());
            return m;
        }

        @Override
        public Map<String, Object> network(Step.Network s) {
            m.put("network", s.conditions().describe());
            return m;
        }

        @Override
        public Map<String, Object> await(Step.Wait s) {
            return m;
        }

        @Override
        public Map<String, Object> simFaults(Step.SimFaults s) {
            return m;
        }

        @Override
        public Map<String, Object> power(Step.Power p) {
            p.cutAt().ifPresent(c -> m.put("cut-at", c.word()));
            p.within().ifPresent(w -> m.put("within", d(w)));
            if (!p.after().isZero()) {
                m.put("after", d(p.after()));
            }
            if (p.action() == PowerAction.CYCLE) {
                m.put("for", d(p.offFor()));
            }
            if (p.recover() != Recovery.NONE) {
                m.put("recover", p.recover().word());
                m.put("ready-within", d(p.readyWithin()));
            }
            return m;
        }

        @Override
        public Map<String, Object> fota(Step.Fota f) {
            m.put("started-by", f.startedBy().word());
            f.packageFile().ifPresent(p -> m.put("package", p.toString()));
            m.put("version", f.version().source());
            if (f.startedBy() == Step.FotaStarter.PLATFORM) {
                m.put("trigger", f.trigger().word());
            }
            f.within().ifPresent(x -> m.put("within", d(x)));
            f.stepTimeout().ifPresent(x -> m.put("step-timeout", d(x)));
            f.phaseTimeout().ifPresent(x -> m.put("phase-timeout", d(x)));
            return m;
        }

        @Override
        public Map<String, Object> expectFota(Step.ExpectFota f) {
            m.put("within", d(f.within()));
            if (f.expectation() instanceof FotaExpectation.Succeeded s) {
                s.version().ifPresent(v -> m.put("version", v.source()));
            } else if (f.expectation() instanceof FotaExpectation.Failed x) {
                x.result().ifPresent(r -> m.put("result", r));
            } else if (f.expectation() instanceof FotaExpectation.TimedOut t) {
                t.phase().ifPresent(ph -> m.put("phase", ph.source()));
            } else if (f.expectation() instanceof FotaExpectation.AnyOf any) {
                m.put("outcome", any.word());
            }
            if (!f.expectation().steps().isEmpty()) {
                m.put("steps", sources(f.expectation().steps()));
            }
            return m;
        }

        @Override
        public Map<String, Object> sleep(Step.Sleep s) {
            m.put("within", d(s.within()));
            return m;
        }

        @Override
        public Map<String, Object> wake(Step.Wake w) {
            m.put("within", d(w.within()));
            return m;
        }

        @Override
        public Map<String, Object> state(Step.State s) {
            if (!s.allObjects()) {
                m.put("objects", s.objects().toString());
            }
            m.put("config", !s.config() ? "none" : s.bootstrap() ? "bootstrap" : "server");
            s.cmee().ifPresent(c -> m.put("cmee", c));
            if (s.deleteFirst()) {
                m.put("delete-first", true);
            }
            if (s.state() == org.miplhil.dut.state.ModuleState.REGISTERED) {
                m.put("lifetime", s.lifetime().source());
                m.put("within", d(s.within()));
            }
            return m;
        }
    }

    /** How long the platform waits for the device's answer to a {@code platform} step. */
    static Duration platformTimeout(Step.Platform step) {
        return step.timeout().orElse(Step.Platform.DEFAULT_TIMEOUT);
    }

    static String expect(ResultExpectation e) {
        return e instanceof ResultExpectation.OneOf o ? sources(o.results()) : "any";
    }

    private static String attributes(Attributes a) {
        StringBuilder b = new StringBuilder();
        a.pmin().ifPresent(v -> b.append("pmin=").append(v).append(';'));
        a.pmax().ifPresent(v -> b.append("pmax=").append(v).append(';'));
        a.gt().ifPresent(v -> b.append("gt=").append(v.toPlainString()).append(';'));
        a.lt().ifPresent(v -> b.append("lt=").append(v.toPlainString()).append(';'));
        a.st().ifPresent(v -> b.append("st=").append(v.toPlainString()).append(';'));
        return b.length() == 0 ? "" : b.substring(0, b.length() - 1);
    }

    private static String filled(Template t, Map<String, String> vars) {
        return t.render(vars).text().orElse(t.source());
    }

    private static String sources(List<TextMatch> matches) {
        return String.join(" | ", matches.stream().map(TextMatch::source).toList());
    }

    private static String d(Duration x) {
        return Durations.format(x);
    }
}
