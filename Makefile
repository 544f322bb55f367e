# Atelier: `make run` starts the local stack on http://localhost:3000; `make test` runs the whole suite.
SHELL := /bin/bash
JAVA_HOME := $(shell local/bin/find-jdk.sh)
ifeq ($(JAVA_HOME),)
$(error No JDK >= 25 found: set JAVA_HOME or install one under /usr/lib/jvm)
endif
export JAVA_HOME
export PATH := $(JAVA_HOME)/bin:$(PATH)
JAVA_MAJOR := $(shell "$(JAVA_HOME)/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
# Quiet JDK 23+ about libraries' sun.misc.Unsafe use (ElasticMQ's Pekko, Maven's Guava) and sqlite4java's native load.
UNSAFE_FLAG := $(shell [ "$(JAVA_MAJOR)" -ge 23 ] 2>/dev/null && echo --sun-misc-unsafe-memory-access=allow)
# The worker's libvips, unpacked by the functions build (Lambda reads it from its layer instead).
JAVA_FLAGS := --enable-native-access=ALL-UNNAMED $(UNSAFE_FLAG) -Datelier.libvips.dir=$(CURDIR)/functions/target/libvips
export MAVEN_OPTS ?= $(UNSAFE_FLAG)
# The repository's Maven wrapper (Maven 3.9.11, fetched on first use); MVN="mvn -B" uses the machine's instead.
MVN ?= ./mvnw -B
PORT ?= 3000
RUNNER_CP = $$(cat local/target/classpath.txt):local/target/classes

.PHONY: format format-check build run test test-web invoke bench bench-web bench-web-views validate emulator sam-build clean clean-data deploy-web

# Debian's Maven 3.8 prints colour resets even in batch mode: strip them so logs and pipes stay plain text.
build:
	set -o pipefail; $(MVN) -q install -DskipTests 2>&1 | sed -u 's/\x1b\[[0-9;]*m//g'

run: build
	java $(JAVA_FLAGS) -cp "$(RUNNER_CP)" io.atelier.local.Main --port $(PORT) $(ARGS)

# The web app's unit tests (Node's built-in runner, no npm packages), make validate, sam validate and sam build with
# their output checked, then every Java test, the browser e2e and the run against moto (make emulator) included.
test: test-web validate sam-build emulator format-check
	$(MVN) install

test-web:
	node --test web/test/*.test.js

# make invoke FUNCTION=StatusFunction EVENT=events/status-health.json
invoke: build
	@test -n "$(FUNCTION)" -a -n "$(EVENT)" || { echo "usage: make invoke FUNCTION=<LogicalId> EVENT=<file>"; exit 2; }
	java -XX:TieredStopAtLevel=1 $(JAVA_FLAGS) -cp "$(RUNNER_CP)" io.atelier.local.Invoke --function $(FUNCTION) --event $(EVENT) $(ARGS)

bench: build
	java $(JAVA_FLAGS) -cp "$(RUNNER_CP):local/target/test-classes" io.atelier.local.bench.Bench $(ARGS)

# The web app in headless Chromium against the local stack: upload throughput (make bench-web ARGS="--files 200"),
# then the long tasks of the job view at 5,000 tasks and of the 500-row lists (VIEWS_ARGS, or make bench-web-views).
WEB_BENCH = cd local && java $(JAVA_FLAGS) -cp "$$(cat target/test-classpath.txt):target/classes:target/test-classes"
bench-web: build
	$(WEB_BENCH) io.atelier.local.e2e.WebUploadBench $(ARGS)
	$(WEB_BENCH) io.atelier.local.e2e.WebViewsBench $(VIEWS_ARGS)

bench-web-views: build
	$(WEB_BENCH) io.atelier.local.e2e.WebViewsBench $(ARGS)

# make deploy-web STACK=atelier: the web app to a stack deployed with WebHosting=Enabled (aws CLI, stack outputs).
deploy-web:
	@test -n "$(STACK)" || { echo "usage: make deploy-web STACK=<stack name>"; exit 2; }
	local/bin/deploy-web.sh "$(STACK)"

# cfn-lint on template.yaml, openapi-spec-validator on the API document; the first run installs them into .atelier/venv.
validate:
	local/bin/validate.sh

# One code style (palantir-java-format through Spotless): `make format` applies it, `make test` checks it.
SPOTLESS = com.diffplug.spotless:spotless-maven-plugin
format:
	$(MVN) -q $(SPOTLESS):apply

format-check:
	$(MVN) -q $(SPOTLESS):check

# moto's server, the third-party AWS emulator MotoEndpointTest runs the runner's --endpoint mode against; the first
# run installs it into .atelier/moto-venv. `local/bin/moto-server.sh 4566` serves it for make run ARGS="--endpoint …".
emulator:
	local/bin/moto-server.sh --install

# SAM CLI (installed into .atelier/sam-venv on first use): `sam validate --lint` and `sam build` on template.yaml, no
# Docker needed; then local/bin/check-sam-build.py checks .aws-sam/build (handlers, arm64 natives, model, licences) and
# prints each function's and layer's size. `sam local invoke` needs Docker: use `make invoke`.
sam-build:
	MVN="$(MVN)" local/bin/sam-build.sh

clean:
	$(MVN) -q clean

# What `make run` keeps between runs (objects, tables, queues); `make run ARGS=--fresh` empties it at start instead.
clean-data:
	rm -rf .atelier/data
