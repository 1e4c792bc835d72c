package org.miplhil.sim.fota;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The non-volatile record: written and read back, a damaged file reported, never thrown. */
class NvRecordTest {

    @TempDir
    Path dir;

    @Test
    void recordsReadBackAsWritten() throws Exception {
        NvStore store = NvStore.at(dir.resolve("nv"));
        NvRecord fresh = NvRecord.fresh("R1");
        assertThat(store.read(fresh)).isEqualTo(new NvRecord.Parsed.Ok(fresh)); // no file yet
        NvRecord r = fresh.withStage(FotaStage.UPDATING, 42).withTarget(Optional.of("R2"))
                .withResult(UpdateResult.SUCCESS, true);
        store.write(r);
        assertThat(store.read(fresh)).isEqualTo(new NvRecord.Parsed.Ok(r));
        assertThat(Files.readString(store.file())).contains("stage=UPDATING", "progress=42", "target=R2", "report=true");
        store.write(r.withTarget(Optional.empty()));
        assertThat(Files.readString(store.file())).doesNotContain("target=");
    }

    @Test
    void aDamagedFileIsReported() throws Exception {
        NvStore store = NvStore.at(dir.resolve("nv"));
        Files.writeString(store.file(), "revision=R1\nstage=FLYING\n");
        assertThat(store.read(NvRecord.fresh("R0"))).isInstanceOfSatisfying(NvRecord.Parsed.Invalid.class,
                i -> assertThat(i.reason()).contains("stage 'FLYING'"));
        assertThat(NvRecord.parse("stage=IDLE\n")).isInstanceOf(NvRecord.Parsed.Invalid.class);
        assertThat(NvRecord.parse("revision=R\nprogress=101\n")).isInstanceOf(NvRecord.Parsed.Invalid.class);
        assertThat(NvRecord.parse("revision=R\nresult=6\n")).isInstanceOf(NvRecord.Parsed.Ok.class);
    }

    @Test
    void randomTextIsReportedNeverThrown() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String ok = NvRecord.fresh("BC260YCNAAR01A03").withStage(FotaStage.DOWNLOADED, 0)
                .withTarget(Optional.of("T")).format();
        String alphabet = "=\n#revisonstagepgrUPDATINGIDLE0123456789truefalse-_ ";
        for (int i = 0; i < 5000; i++) {
            StringBuilder sb = new StringBuilder(ok);
            int edits = 1 + random.nextInt(4);
            for (int k = 0; k < edits && sb.length() > 0; k++) {
                int at = random.nextInt(sb.length());
                switch (random.nextInt(3)) {
                    case 0 -> sb.deleteCharAt(at);
                    case 1 -> sb.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> sb.setCharAt(at, (char) random.nextInt(0x80));
                }
            }
            try {
                NvRecord.Parsed p = NvRecord.parse(sb.toString());
                if (p instanceof NvRecord.Parsed.Ok o) {
                    assertThat(NvRecord.parse(o.record().format())).as("seed %d case %d", seed, i).isEqualTo(p);
                }
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + ", case " + i + " '" + sb + "': parse threw " + e, e);
            }
        }
    }
}
