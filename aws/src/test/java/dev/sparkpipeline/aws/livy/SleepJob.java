package dev.sparkpipeline.aws.livy;

/** The job the real-Livy test submits: sleeps {@code args[0]} seconds, then fails with {@code args[1]} if given. */
public final class SleepJob {

    private SleepJob() {}

    public static void main(String[] args) throws InterruptedException {
        System.out.println("SleepJob " + String.join(" ", args));
        Thread.sleep(Long.parseLong(args[0]) * 1000);
        if (args.length > 1) {
            throw new IllegalStateException(args[1]);
        }
        System.out.println("SleepJob done");
    }
}
