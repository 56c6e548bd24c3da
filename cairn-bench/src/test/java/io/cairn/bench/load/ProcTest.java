package io.cairn.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcTest {
    @Test
    void readsUserPlusSystemTicksEvenWithSpacesInTheCommandName() {
        String stat = "4242 (java main) S 1 4242 4242 0 -1 4194560 100 0 0 0 1234 567 0 0 20 0 42 0 1000 0 0";
        assertThat(Proc.parseCpuTicks(stat)).isEqualTo(1234 + 567);
        assertThat(Proc.parseSystemTicks(stat)).isEqualTo(567);
    }

    @Test
    void readsTheResidentSetFromStatus() {
        assertThat(Proc.parseStatusKb(List.of("Name:\tjava", "VmRSS:\t  123456 kB", "Threads: 9"), "VmRSS:"))
                .isEqualTo(123456);
    }

    @Test
    void sumsHeapUsedOverG1AndGenerationalFormats() {
        String g1 = " garbage-first heap   total 262144K, used 24567K [0x0000000080000000, 0x0000000100000000)\n"
                + "  region size 1024K, 3 young (3072K), 0 survivors (0K)\n";
        assertThat(Proc.parseHeapUsedKb(g1)).isEqualTo(24567);
        String serial = " def new generation   total 9792K, used 1000K [0x...)\n"
                + " tenured generation   total 21888K, used 2000K [0x...)\n";
        assertThat(Proc.parseHeapUsedKb(serial)).isEqualTo(3000);
        assertThat(Proc.parseHeapUsedKb("no heap here")).isEqualTo(-1);
    }

    @Test
    void thisProcessHasCpuTimeAndMemory() {
        assertThat(Proc.cpuNanos(Proc.self())).isPositive();
        assertThat(Proc.rssBytes(Proc.self())).isPositive();
    }

    @Test
    void groupsJvmThreadsByWhatTheyDo() {
        assertThat(Proc.threadGroup("vert.x-eventloo")).isEqualTo("loop");
        assertThat(Proc.threadGroup("GC Thread#1")).isEqualTo("gc");
        assertThat(Proc.threadGroup("G1 Conc#0")).isEqualTo("gc");
        assertThat(Proc.threadGroup("C2 CompilerThre")).isEqualTo("jit");
        assertThat(Proc.threadGroup("cairn-evict")).isEqualTo("other");
    }

    @Test
    void readsThisProcessThreadsCpu() {
        assertThat(Proc.threadCpuNanos(Proc.self())).containsKeys("other", Proc.KERNEL);
    }
}
