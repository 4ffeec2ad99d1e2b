#!/usr/bin/env python3
"""Cold start of every function (issue: "Performance"); run it through bench/cold-start.sh.

Each measurement is a fresh JVM with exactly the function's deployment artifact on the class path
(functions/<module>/target/lambda/lib, what `sam build` packages) plus bench/coldstart/LambdaHarness,
the flags Lambda's java21 runtime starts a 1,024 MB function with, the template's JAVA_TOOL_OPTIONS,
and every AWS endpoint on a local moto_server. It times init (handler class loaded and built), the
first invocation, and warm invocations; "primed" runs the SnapStart hooks between init and the first
invocation. Two references run on the same class path: a bare handler answering with its event (the
JVM floor) and a naive handler building a default SDK client (Apache HTTP client, default chains)
and making the function's first call.
"""
import json, os, shutil, socket, statistics, subprocess, sys, time, urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench/results/raw/cold-start"
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 5
WARM = 20
# The java21 runtime's own flags for a 1,024 MB function (heap, metaspace and code cache scale with memory).
LAMBDA_JVM = ["-XX:MaxHeapSize=890880k", "-XX:MaxMetaspaceSize=52429k", "-XX:ReservedCodeCacheSize=26214k",
              "-XX:+UseSerialGC", "-Xshare:auto", "-Djava.net.preferIPv4Stack=true"]
TOOL_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"  # template.yaml Globals
FUNCTIONS = [  # logical id, module, handler, event, naive first call
    ("ValidateFunction", "validate", "dev.sparkpipeline.validate.ValidateObjectHandler", "validate.json", "s3-head"),
    ("SubmitJobFunction", "submit", "dev.sparkpipeline.submit.SubmitJobHandler", "submit.json", "emr-serverless-list-job-runs"),
    ("TrackJobFunction", "track", "dev.sparkpipeline.track.TrackJobHandler", "track.json", "emr-serverless-get-job-run"),
    ("PublishFunction", "publish", "dev.sparkpipeline.publish.PublishHandler", "publish.json", "s3-get"),
]


def jars(folder):
    return sorted(str(p) for p in Path(folder).glob("*.jar"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(command, env=None, cwd=ROOT):
    done = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"bench: {' '.join(command[:3])} ... {' '.join(command[-5:])} failed:\n{done.stdout[-2000:]}{done.stderr[-4000:]}")
    return done.stdout


def main():
    shutil.rmtree(WORK, ignore_errors=True)
    (WORK / "classes").mkdir(parents=True)
    lib = {module: jars(ROOT / f"functions/{module}/target/lambda/lib") for _, module, _, _, _ in FUNCTIONS}
    run(["./mvnw", "-B", "-q", "-f", "bench/coldstart/naive-pom.xml", "dependency:copy-dependencies",
         f"-DoutputDirectory={WORK / 'apache'}"])
    apache = jars(WORK / "apache")
    union = sorted(set(lib["validate"] + lib["submit"] + lib["publish"]))
    run(["javac", "--release", "17", "-nowarn", "-d", str(WORK / "classes"), "-cp", os.pathsep.join(union + apache),
         "bench/coldstart/LambdaHarness.java", "bench/coldstart/BareHandler.java", "bench/coldstart/NaiveHandler.java"])

    port = free_port()
    endpoint = f"http://127.0.0.1:{port}"
    moto = subprocess.Popen(["moto_server", "-H", "127.0.0.1", "-p", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(endpoint + "/moto-api/", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        base = dict(os.environ, AWS_REGION="us-east-1", AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing",
                    AWS_ENDPOINT_URL=endpoint, JAVA_TOOL_OPTIONS=TOOL_OPTIONS)
        setup = run(["java", "-cp", os.pathsep.join(union), "bench/coldstart/Setup.java", endpoint, str(WORK / "events"),
                     "events/data/orders.csv"], env=base)
        resources = dict(line.split("=", 1) for line in setup.strip().splitlines())
        local_env = json.loads((ROOT / "events/local-env.json").read_text())
        rows = []
        for logical_id, module, handler, event, naive_call in FUNCTIONS:
            env = dict(base, **local_env[logical_id])
            env.update({k: v for k, v in resources.items() if k in env or k.startswith("NAIVE")})
            env.update(NAIVE_CALL=naive_call, NAIVE_BUCKET="landing-bucket" if naive_call == "s3-head" else "curated-bucket",
                       NAIVE_KEY=resources["LANDED_KEY"] if naive_call == "s3-head" else "orders/_manifests/bench-publish.json",
                       GLUE_DATABASE=env.get("GLUE_DATABASE", "spark_pipeline_curated"))
            classpath = [str(WORK / "classes")] + lib[module]
            measured = {}
            for name, mode, cls, cp in [("bare", "cold", "BareHandler", classpath), ("naive", "cold", "NaiveHandler", classpath + apache),
                                        ("function", "cold", handler, classpath), ("primed", "primed", handler, classpath)]:
                results = []
                for _ in range(RUNS):
                    spawned = int(time.time() * 1000)
                    out = run(["java"] + LAMBDA_JVM + ["-cp", os.pathsep.join(cp), "LambdaHarness", mode, cls,
                                                       str(WORK / "events" / event), str(WARM), str(spawned)], env=env)
                    results.append(json.loads(out.strip().splitlines()[-1]))
                measured[name] = results
            rows.append((logical_id, module, measured))
    finally:
        moto.terminate()
        moto.wait()
    report(rows)


def median(results, field):
    return statistics.median(r[field] for r in results)


def report(rows):
    print(f"{RUNS} fresh JVMs per cell, medians in ms; 'to first answer' counts from the JVM's spawn, 'init + first' from main().")
    print()
    print("| function | artifact MB | bare: to first answer | naive: to first answer | function: to first answer | function / naive "
          "| naive: init + first | function: init + first | first answer |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for logical_id, module, m in rows:
        size = (ROOT / f"functions/{module}/target/lambda.zip").stat().st_size / 1048576
        bare, naive, ours = (median(m[k], "toFirstResponseMs") for k in ("bare", "naive", "function"))
        naive_first = statistics.median(r["initMs"] + r["firstMs"] for r in m["naive"])
        ours_first = statistics.median(r["initMs"] + r["firstMs"] for r in m["function"])
        outcome = ", ".join(sorted({r["outcome"] for r in m["function"]}))
        print(f"| {logical_id} | {size:.1f} | {bare:.0f} | {naive:.0f} | {ours:.0f} | {ours / naive:.2f} | {naive_first:.0f} | {ours_first:.0f} | {outcome} |")
    print()
    print("| function | warm invocation (median) | first after priming | after priming / warm | naive warm |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for logical_id, module, m in rows:
        warm = median(m["function"], "warmMedianMs")
        primed = median(m["primed"], "firstMs")
        print(f"| {logical_id} | {warm:.1f} | {primed:.1f} | {primed / warm:.1f} | {median(m['naive'], 'warmMedianMs'):.1f} |")


if __name__ == "__main__":
    main()
