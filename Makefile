# `sam build` runs `make build-<LogicalId>` in this folder with ARTIFACTS_DIR set, for every
# function whose Metadata says BuildMethod: makefile (all of them; CodeUri: .). Each target builds
# the function's module with the Maven wrapper and copies its deployment artifact: the module's jar
# and its runtime dependencies under lib/, which the Lambda Java runtime puts on the class path.
# The test SamBuildContractTest runs these same targets and checks what they produce.

MVNW ?= ./mvnw
MAVEN_FLAGS ?= -B -q -DskipTests -Dquick

define lambda_artifact
	$(MVNW) $(MAVEN_FLAGS) -pl functions/$(1) -am package
	mkdir -p "$(ARTIFACTS_DIR)"
	cp -R functions/$(1)/target/lambda/. "$(ARTIFACTS_DIR)/"
endef

.PHONY: build-ValidateFunction build-VerifyInputFunction build-SubmitJobFunction build-TrackJobFunction build-CancelJobFunction \
        build-PublishFunction build-RecordFailureFunction build-ReconcileFunction build-BatcherFunction \
        build-ReplayFunction

build-ValidateFunction:
	$(call lambda_artifact,validate)

build-VerifyInputFunction:
	$(call lambda_artifact,verify-input)

build-SubmitJobFunction:
	$(call lambda_artifact,submit)

build-CancelJobFunction:
	$(call lambda_artifact,cancel)

build-ReconcileFunction:
	$(call lambda_artifact,reconcile)

build-TrackJobFunction:
	$(call lambda_artifact,track)

build-PublishFunction:
	$(call lambda_artifact,publish)

build-RecordFailureFunction:
	$(call lambda_artifact,record-failure)

build-BatcherFunction:
	$(call lambda_artifact,batcher)

build-ReplayFunction:
	$(call lambda_artifact,replay)
