// Glue runs Scala scripts; this one hands over to the Java job in curate-job.jar (passed with
// --extra-jars). Glue adds its own arguments (--JOB_ID, --TempDir, ...); the job ignores them.
// Upload beside the jar: s3://<ArtifactsBucket>/jobs/curate/GlueCurateEntry.scala
object GlueCurateEntry {
  def main(sysArgs: Array[String]): Unit = dev.sparkpipeline.curate.CurateJob.main(sysArgs)
}
