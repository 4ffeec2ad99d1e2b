// Glue runs Scala scripts; this one hands over to the Java job in curate-job.jar (passed with
// --extra-jars). Glue adds its own arguments (--JOB_ID, --TempDir, ...); the job ignores them.
// A dataset's own JAR comes with the run's --extra-jars too, and --pipeline-job-class names its
// main class (GlueEngine): the script then hands over to that class, without those two arguments.
// Upload beside the jar: s3://<ArtifactsBucket>/jobs/curate/GlueCurateEntry.scala
object GlueCurateEntry {
  def main(sysArgs: Array[String]): Unit = {
    val at = sysArgs.indexOf("--pipeline-job-class")
    if (at < 0 || at + 1 >= sysArgs.length) {
      dev.sparkpipeline.curate.CurateJob.main(sysArgs)
    } else {
      val rest = sysArgs.take(at) ++ sysArgs.drop(at + 2)
      Class.forName(sysArgs(at + 1)).getMethod("main", classOf[Array[String]]).invoke(null, rest.asInstanceOf[AnyRef])
    }
  }
}
