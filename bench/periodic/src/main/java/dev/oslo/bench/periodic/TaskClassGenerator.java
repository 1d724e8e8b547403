package dev.oslo.bench.periodic;

import java.util.ArrayList;
import java.util.List;

import org.springframework.asm.AnnotationVisitor;
import org.springframework.asm.ClassWriter;
import org.springframework.asm.MethodVisitor;
import org.springframework.asm.Opcodes;

/**
 * Generates, at start-up, the classes of the {@code bench.mode=many} tasks with Spring's repackaged
 * ASM, so that no generated source is kept: class {@code Tasks<c>} ({@code c = 000, 001, ...}) has
 * {@code perClass} public no-arg methods {@code t<i>} ({@code i} = the task's number, five digits,
 * unique across classes, as oslo needs unique task names). Each is, in Java,
 * <pre>
 * // scheduler "oslo"
 * &#64;PeriodicTask(spacing = "${bench.spacing:60s}")
 * public void t00042() { TaskCounter.hit(); }
 * // scheduler "spring" (delay = bench.spacing in ms; 60000 by default)
 * &#64;Scheduled(fixedDelay = 60000, initialDelay = 60000)
 * public void t00042() { TaskCounter.hit(); }
 * // scheduler "none": the same method, no annotation (the beans without any scheduler)
 * public void t00042() { TaskCounter.hit(); }
 * </pre>
 * A 10 000-method class would fit the class-file limits (65 535 methods), but 100 classes of 100
 * methods is closer to real applications.
 */
final class TaskClassGenerator {

	static final String PACKAGE = "dev.oslo.bench.periodic.generated";

	private static final String COUNTER = TaskCounter.class.getName().replace('.', '/');

	private TaskClassGenerator() {
	}

	/**
	 * Generate and load the classes.
	 * @param scheduler {@code oslo}, {@code spring} or {@code none}
	 * @param tasks how many task methods in all
	 * @param perClass methods per class
	 * @param springDelayMillis fixedDelay and initialDelay of the Spring variant
	 * @param parent the class loader of the application
	 * @return the classes, in order
	 */
	static List<Class<?>> generate(String scheduler, int tasks, int perClass, long springDelayMillis,
			ClassLoader parent) {
		Loader loader = new Loader(parent);
		List<Class<?>> classes = new ArrayList<>();
		for (int first = 0, c = 0; first < tasks; first += perClass, c++) {
			String name = PACKAGE + ".Tasks" + String.format("%03d", c);
			byte[] bytes = generate(name, scheduler, first, Math.min(tasks, first + perClass), springDelayMillis);
			classes.add(loader.define(name, bytes));
		}
		return classes;
	}

	private static byte[] generate(String className, String scheduler, int from, int to, long springDelayMillis) {
		ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
		cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, className.replace('.', '/'), null,
				"java/lang/Object", null);
		MethodVisitor init = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
		init.visitCode();
		init.visitVarInsn(Opcodes.ALOAD, 0);
		init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
		init.visitInsn(Opcodes.RETURN);
		init.visitMaxs(0, 0);
		init.visitEnd();
		for (int i = from; i < to; i++) {
			MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC, String.format("t%05d", i), "()V", null, null);
			switch (scheduler) {
				case "oslo" -> {
					AnnotationVisitor av = mv.visitAnnotation("Ldev/oslo/service/periodic/PeriodicTask;", true);
					av.visit("spacing", "${bench.spacing:60s}");
					av.visitEnd();
				}
				case "spring" -> {
					AnnotationVisitor av = mv.visitAnnotation("Lorg/springframework/scheduling/annotation/Scheduled;",
							true);
					av.visit("fixedDelay", springDelayMillis);
					av.visit("initialDelay", springDelayMillis);
					av.visitEnd();
				}
				case "none" -> {
				}
				default -> throw new IllegalArgumentException("bench.scheduler must be oslo, spring or none: " + scheduler);
			}
			mv.visitCode();
			mv.visitMethodInsn(Opcodes.INVOKESTATIC, COUNTER, "hit", "()V", false);
			mv.visitInsn(Opcodes.RETURN);
			mv.visitMaxs(0, 0);
			mv.visitEnd();
		}
		cw.visitEnd();
		return cw.toByteArray();
	}

	private static final class Loader extends ClassLoader {

		Loader(ClassLoader parent) {
			super(parent);
		}

		Class<?> define(String name, byte[] bytes) {
			return defineClass(name, bytes, 0, bytes.length);
		}

	}

}
