package dev.sparkpipeline.core.dataset.profile;

import java.io.Serializable;

/**
 * How each engine is sized and configured for one dataset ({@code profiles} in
 * {@code config/datasets.json}, the dataset's own fields over the {@code defaults}' ones).
 *
 * @param emrServerless the job run's Spark sizing, retry policy and session policy on EMR Serverless
 * @param glue          the Glue job run's workers, scaling, execution class and extra parameters
 * @param emr           the transient EMR cluster's fleets, scaling, bootstrap actions and configurations
 */
public record EngineProfiles(ServerlessProfile emrServerless, GlueProfile glue, EmrProfile emr)
        implements Serializable {

    /** The profiles of a dataset that sets none: the engines' defaults, and the cluster of one primary, two cores. */
    public static final EngineProfiles DEFAULT =
            new EngineProfiles(ServerlessProfile.DEFAULT, GlueProfile.DEFAULT, EmrProfile.DEFAULT);
}
