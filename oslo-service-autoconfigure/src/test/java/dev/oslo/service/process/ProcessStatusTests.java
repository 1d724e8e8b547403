package dev.oslo.service.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ProcessStatusTests {

	private static final String JVM = """
			Name:	java
			State:	S (sleeping)
			SigBlk:	0000000000000004
			SigIgn:	0000000080000000
			SigCgt:	2000000101005ccf
			""";

	@Test
	void aRunningJvmHandlesSigquit() {
		assertThat(ProcessStatus.parse(JVM)).isEqualTo(new ProcessStatus(false, true));
	}

	@Test
	void aStoppedOrTracedProcessIsStopped() {
		assertThat(ProcessStatus.parse(JVM.replace("S (sleeping)", "T (stopped)")).stopped()).isTrue();
		assertThat(ProcessStatus.parse(JVM.replace("S (sleeping)", "t (tracing stop)")).stopped()).isTrue();
	}

	@Test
	void aProcessThatDoesNotCatchSigquitWouldDumpCore() {
		assertThat(ProcessStatus.parse(JVM.replace("2000000101005ccf", "2000000101005cc3")).handlesQuit()).isFalse();
	}

	@Test
	void aStatusWithoutTheLinesIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> ProcessStatus.parse("Name:\tjava\n"))
			.withMessageContaining("No State line");
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void thisJvmIsReadFromProc() {
		assertThat(ProcessStatus.of(ProcessHandle.current().pid())).contains(new ProcessStatus(false, true));
	}

}
