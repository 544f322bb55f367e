# Atelier: `make run` starts the local stack on http://localhost:3000; `make test` runs the whole suite.
SHELL := /bin/bash
JAVA_HOME := $(shell local/bin/find-jdk.sh)
ifeq ($(JAVA_HOME),)
$(error No JDK >= 21 found: set JAVA_HOME or install one under /usr/lib/jvm)
endif
export JAVA_HOME
export PATH := $(JAVA_HOME)/bin:$(PATH)
MVN ?= mvn -B
PORT ?= 3000
RUNNER_CP = $$(cat local/target/classpath.txt):local/target/classes

.PHONY: build run test invoke bench validate clean

build:
	$(MVN) -q install -DskipTests

run: build
	java -cp "$(RUNNER_CP)" io.atelier.local.Main --port $(PORT) $(ARGS)

test:
	$(MVN) install

# make invoke FUNCTION=StatusFunction EVENT=events/status-health.json
invoke: build
	@test -n "$(FUNCTION)" -a -n "$(EVENT)" || { echo "usage: make invoke FUNCTION=<LogicalId> EVENT=<file>"; exit 2; }
	java -cp "$(RUNNER_CP)" io.atelier.local.Invoke --function $(FUNCTION) --event $(EVENT) $(ARGS)

bench: build
	java -cp "$(RUNNER_CP):local/target/test-classes" io.atelier.local.bench.Bench $(ARGS)

validate:
	../shared/tools/validate-template.sh template.yaml

clean:
	$(MVN) -q clean
