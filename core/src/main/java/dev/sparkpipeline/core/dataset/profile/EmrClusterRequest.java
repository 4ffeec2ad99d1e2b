package dev.sparkpipeline.core.dataset.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The RunJobFlow fields a dataset's {@link EmrProfile} owns, as the JSON the state machine's
 * {@code CreateCluster} reads from VerifyInput's answer ({@code $.verdict.Payload.cluster}):
 * {@code Instances} (fleets, without network: the template merges in the subnet),
 * {@code ManagedScalingPolicy}, {@code BootstrapActions}, {@code Configurations},
 * {@code AutoTerminationPolicy}, {@code StepConcurrencyLevel} and {@code EbsRootVolumeSize}. Every key is
 * always written, so each {@code .$} path CreateCluster reads is there for every EMR run.
 */
public final class EmrClusterRequest {

    /** The pipeline's own configuration: EMR's Iceberg, which the curate job commits through. */
    public static final Map<String, Object> ICEBERG_DEFAULTS =
            classification("iceberg-defaults", Map.of("iceberg.enabled", "true"));

    /** Spot's allocation: the pools least likely to be interrupted, among the cheaper ones. */
    public static final String SPOT_ALLOCATION = "price-capacity-optimized";
    /** On demand's allocation: the cheapest instance type first. */
    public static final String ON_DEMAND_ALLOCATION = "lowest-price";

    private EmrClusterRequest() {}

    /** The fields, in RunJobFlow's names and shapes (EMR API Reference, "RunJobFlow"). */
    public static Map<String, Object> of(EmrProfile profile) {
        Map<String, Object> request = new LinkedHashMap<>();
        List<Object> fleets = new ArrayList<>();
        profile.fleets().forEach(fleet -> fleets.add(fleet(fleet)));
        Map<String, Object> instances = new LinkedHashMap<>();
        instances.put("InstanceFleets", fleets);
        request.put("Instances", instances);
        request.put("ManagedScalingPolicy", Map.of("ComputeLimits", computeLimits(profile)));
        List<Object> actions = new ArrayList<>();
        profile.bootstrapActions().forEach(action -> {
            Map<String, Object> script = new LinkedHashMap<>();
            script.put("Path", action.path());
            script.put("Args", action.args());
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("Name", action.name());
            entry.put("ScriptBootstrapAction", script);
            actions.add(entry);
        });
        request.put("BootstrapActions", actions);
        List<Object> configurations = new ArrayList<>();
        configurations.add(ICEBERG_DEFAULTS);
        profile.configurations().forEach(classification -> {
            configurations.add(classification(classification.classification(), classification.properties()));
        });
        request.put("Configurations", configurations);
        request.put("AutoTerminationPolicy", Map.of("IdleTimeout", profile.idleTimeoutSeconds()));
        request.put("StepConcurrencyLevel", profile.stepConcurrencyLevel());
        // RunJobFlow takes no null here; EMR's default root volume is 15 GiB from release 6.10 on.
        request.put("EbsRootVolumeSize", profile.ebsRootVolumeSizeGb() == null ? 15 : profile.ebsRootVolumeSizeGb());
        return request;
    }

    /**
     * The limits managed scaling keeps the cluster within. Without a scaling profile, a fixed size:
     * minimum and maximum are the fleets' target capacity (managed scaling then never resizes).
     */
    private static Map<String, Object> computeLimits(EmrProfile profile) {
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("UnitType", "InstanceFleetUnits");
        EmrProfile.ManagedScaling scaling = profile.scaling();
        if (scaling == null) {
            int units = profile.fleets().stream()
                    .mapToInt(fleet -> fleet.onDemandCapacity() + fleet.spotCapacity())
                    .sum();
            limits.put("MinimumCapacityUnits", units);
            limits.put("MaximumCapacityUnits", units);
            return limits;
        }
        limits.put("MinimumCapacityUnits", scaling.minimumUnits());
        limits.put("MaximumCapacityUnits", scaling.maximumUnits());
        if (scaling.maximumOnDemandUnits() != null) {
            limits.put("MaximumOnDemandCapacityUnits", scaling.maximumOnDemandUnits());
        }
        if (scaling.maximumCoreUnits() != null) {
            limits.put("MaximumCoreCapacityUnits", scaling.maximumCoreUnits());
        }
        return limits;
    }

    private static Map<String, Object> classification(String name, Map<String, String> properties) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("Classification", name);
        entry.put("Properties", properties);
        return java.util.Collections.unmodifiableMap(entry);
    }

    private static Map<String, Object> fleet(InstanceFleet fleet) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("Name", fleet.role().configName());
        entry.put("InstanceFleetType", fleet.role().name());
        entry.put("TargetOnDemandCapacity", fleet.onDemandCapacity());
        entry.put("TargetSpotCapacity", fleet.spotCapacity());
        List<Object> types = new ArrayList<>();
        for (InstanceFleet.InstanceType type : fleet.instanceTypes()) {
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("InstanceType", type.type());
            config.put("WeightedCapacity", type.weight());
            if (!type.ebs().isEmpty()) {
                List<Object> devices = new ArrayList<>();
                type.ebs().forEach(volume -> {
                    Map<String, Object> device = new LinkedHashMap<>();
                    Map<String, Object> specification = new LinkedHashMap<>();
                    specification.put("VolumeType", volume.volumeType());
                    specification.put("SizeInGB", volume.sizeGb());
                    device.put("VolumeSpecification", specification);
                    device.put("VolumesPerInstance", volume.count());
                    devices.add(device);
                });
                Map<String, Object> ebs = new LinkedHashMap<>();
                ebs.put("EbsBlockDeviceConfigs", devices);
                ebs.put("EbsOptimized", true);
                config.put("EbsConfiguration", ebs);
            }
            types.add(config);
        }
        entry.put("InstanceTypeConfigs", types);
        Map<String, Object> launch = new LinkedHashMap<>();
        if (fleet.usesSpot()) {
            Map<String, Object> spot = new LinkedHashMap<>();
            spot.put("TimeoutDurationMinutes", fleet.spotTimeoutMinutes());
            spot.put("TimeoutAction", "SWITCH_TO_ON_DEMAND");
            spot.put("AllocationStrategy", SPOT_ALLOCATION);
            launch.put("SpotSpecification", spot);
        }
        launch.put("OnDemandSpecification", Map.of("AllocationStrategy", ON_DEMAND_ALLOCATION));
        entry.put("LaunchSpecifications", launch);
        return entry;
    }
}
