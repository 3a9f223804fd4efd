# Raffinerie: the two commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
.DEFAULT_GOAL := help

MVN ?= mvn -B -ntp
KUBE_VERSION := $(shell awk '/^require k8s.io\/kubernetes/ {sub(/^v/, "", $$3); print $$3}' e2e/tools/kubernetes/go.mod)
export KUBE_API_TEST_DIR ?= $(HOME)/.kubeapitest
# Defined before the first rule that names it: make expands a rule's prerequisites as it reads the rule.
OPERATOR_JAR := target/quarkus-app/quarkus-run.jar

.PHONY: help
help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

.PHONY: run
run: tools $(OPERATOR_JAR) ## Start the local cluster (one real node, unless KUBECONFIG is set), install the CRDs and the operator, run the examples for real
	e2e/run.sh

.PHONY: stop
stop: ## Stop the operator that `make run` started
	e2e/run.sh --stop

.PHONY: host-deps
host-deps: ## Install the host's Debian packages when missing (the real node's, PostgreSQL for the run archive)
	@e2e/cluster/host-deps.sh

.PHONY: test
test: host-deps tools kube-api-test-bins images ## Every test suite: unit, integration (real kube-apiserver), the CLI's unit tests, the images' self-test and end-to-end (local cluster)
	$(MVN) verify
	$(MVN) -f cli/pom.xml test
	$(MAKE) e2e
	$(MAKE) e2e-real

.PHONY: unit
unit: ## Unit tests only (no cluster)
	$(MVN) test
	$(MVN) -f cli/pom.xml test

.PHONY: it
it: host-deps tools kube-api-test-bins ## Unit and integration tests
	$(MVN) verify

$(OPERATOR_JAR): pom.xml $(shell find src/main -type f)
	$(MVN) package -DskipTests

CLI_PREFIX ?= $(HOME)/.local

.PHONY: cli
cli: ## Build kubectl-raffinerie and install it as $(CLI_PREFIX)/bin/kubectl-raffinerie, with its AppCDS archive (docs/cli.md)
	$(MVN) -q -f cli/pom.xml package -DskipTests
	cli/install.sh $(CLI_PREFIX)

.PHONY: cli-dist
cli-dist: ## The plugin as a krew-style archive: cli/target/kubectl-raffinerie.tar.gz (docs/cli.md)
	$(MVN) -q -f cli/pom.xml package -DskipTests
	cli/install.sh --dist

# The plugin as CliIT runs it (e2e/src/test/java/io/raffinerie/e2e/cli): installed under cli/target/install.
CLI_TEST_LAUNCHER := cli/target/install/bin/kubectl-raffinerie
$(CLI_TEST_LAUNCHER): cli/pom.xml cli/kubectl-raffinerie cli/kubectl_complete-raffinerie cli/install.sh $(shell find cli/src src/main/java/io/raffinerie/api src/main/java/io/raffinerie/model -type f)
	$(MVN) -q -f cli/pom.xml package -DskipTests
	cli/install.sh $(CURDIR)/cli/target/install

.PHONY: e2e
e2e: tools $(OPERATOR_JAR) $(CLI_TEST_LAUNCHER) ## End-to-end suites on the local cluster (or KUBECONFIG), with the operator as its own process
	$(MVN) -f e2e/pom.xml verify
	@if [ -z "$${KUBECONFIG:-}" ]; then e2e/cluster/selftest-down.sh; fi

.PHONY: e2e-real
e2e-real: tools-node images $(OPERATOR_JAR) ## The real-execution suites (e2e/.../realnode: runs, network, the chart's Deployment) on the e2e cluster with its tainted real node (needs root), then the cluster's teardown
	RAFFINERIE_REAL_NODE=1 RAFFINERIE_IMAGE_DIRS=$$(e2e/images/build.sh all) $(MVN) -f e2e/pom.xml verify -Dit.test='Real*IT'
	@if [ -z "$${KUBECONFIG:-}" ]; then e2e/cluster/down.sh; fi

.PHONY: chaos
chaos: tools kube-api-test-bins $(OPERATOR_JAR) ## The long fault suite: 20 operator kills during 100 runs, API server and etcd down 30 s, 12 rounds of fuzzing for memory
	$(MVN) -f e2e/pom.xml verify -Dit.test=ChaosIT -Dchaos.kills=20 -Dchaos.runs=100 -Dchaos.outage-seconds=30
	$(MVN) verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=FuzzIT -Dfuzz.rounds=12

.PHONY: browser
browser: tools $(OPERATOR_JAR) ## The dashboard's browser test alone (headless Chromium; part of `make e2e`); screenshots to docs/dashboard
	$(MVN) -f e2e/pom.xml verify -Dit.test=DashboardBrowserIT

.PHONY: bench
bench: tools bench-tools $(OPERATOR_JAR) ## Benchmarks (e2e/bench): step latency against a baseline, Argo Workflows and Tekton, throughput, API writes, memory, cold start; BENCH_SCALE=small for a quick run
	$(MVN) -q -f e2e/pom.xml test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
	java -cp e2e/target/test-classes:$$(cat e2e/target/bench.classpath) -Draffinerie.e2e.dir=$(CURDIR)/e2e \
		-Dorg.slf4j.simpleLogger.defaultLogLevel=warn io.raffinerie.bench.Bench

.PHONY: bench-tools
bench-tools: ## Build (once, cached) the other engines the bench compares with: Argo's workflow-controller, Tekton's controller
	e2e/tools/build.sh --bench

.PHONY: build
build: ## Build the operator (target/quarkus-app)
	$(MVN) package -DskipTests

.PHONY: crds
crds: ## Regenerate crds/ from the API classes, and the chart's copy and operator/ with them
	$(MVN) verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=CrdDriftIT -Draffinerie.update-crds=true
	operator/generate.sh

.PHONY: tools
tools: ## Build (once, cached under ~/.cache/raffinerie) Kubernetes, etcd, KWOK and helm from source
	@e2e/tools/build.sh >/dev/null

.PHONY: images
images: ## Build (once, cached under ~/.cache/raffinerie/images) the real node's images from Debian packages, and self-test them
	@dir=$$(e2e/images/build.sh) && e2e/images/selftest.sh "$$dir"

.PHONY: operator-image
operator-image: $(OPERATOR_JAR) ## Build the operator's own image (JRE 17 + target/quarkus-app) from Debian packages, and self-test it
	@dir=$$(e2e/images/build.sh operator) && e2e/images/selftest.sh "$$dir"

.PHONY: kube-api-test-bins
kube-api-test-bins: tools ## Put etcd, kube-apiserver and kubectl where fabric8 kube-api-test finds them
	@dir=$(KUBE_API_TEST_DIR)/k8s/$(KUBE_VERSION)-linux-amd64; bin=$$(e2e/tools/build.sh); mkdir -p $$dir; \
	for b in etcd kube-apiserver kubectl; do ln -sfn "$$(readlink -f $$bin/$$b)" $$dir/$$b; done

.PHONY: cluster
cluster: tools ## Start the local cluster; prints its kubeconfig
	e2e/cluster/up.sh

.PHONY: cluster-down
cluster-down: ## Stop the operator and the local cluster (and its real node), leaving no process, port or host change behind
	-e2e/run.sh --stop
	e2e/cluster/down.sh

.PHONY: tools-node
tools-node: ## Install the real node's Debian packages (when missing) and build its Go tools (kubelet, kube-proxy, containerd, CoreDNS, kube-router)
	@e2e/cluster/host-deps.sh
	@e2e/tools/build.sh --node >/dev/null

.PHONY: cluster-node
cluster-node: tools-node ## Start the local cluster with KWOK nodes and one real, tainted node (RAFFINERIE_NODES=0: the real node alone); prints its kubeconfig
	RAFFINERIE_REAL_NODE=1 e2e/cluster/up.sh

.PHONY: node-selftest
node-selftest: tools-node ## Real node smoke test (restricted pod, exit code, logs, Service, DNS, NetworkPolicy), then its teardown's self-test
	e2e/cluster/selftest-node.sh
	RAFFINERIE_REAL_NODE=1 e2e/cluster/selftest-down.sh

DOCS_VENV := $(HOME)/.cache/raffinerie/docs-venv-$(shell sha256sum docs/requirements.txt | cut -c1-12)

.PHONY: docs
docs: ## The documentation site (mkdocs build --strict, pinned in docs/requirements.txt) into target/site; the API reference is generated from crds/
	@test -f $(DOCS_VENV)/.installed || { rm -rf $(DOCS_VENV) && python3 -m venv $(DOCS_VENV) && $(DOCS_VENV)/bin/pip install -q -r docs/requirements.txt && touch $(DOCS_VENV)/.installed; }
	NO_MKDOCS_2_WARNING=1 $(DOCS_VENV)/bin/mkdocs build --strict
