# VirtRigaud.NET — build, test and run. `make help` lists the targets.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

SLN            := VirtRigaud.Apiserver.sln
CONFIGURATION  ?= Debug
RESULTS        := TestResults
DOTNET         ?= dotnet
export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE := 1

.PHONY: help deps restore build test lint format run bench bench-grpc bench-storage bench-apiserver bench-controllers bench-staging e2e clean interop-server interop-client conformance conformance-mock test-libvirt pack

help: ## Show this help.
	@grep -E '^[a-z-]+:.*?## ' $(MAKEFILE_LIST) | awk -F':.*?## ' '{printf "  make %-15s %s\n", $$1, $$2}'

deps: ## Install what the tests need on a Debian 12 machine (idempotent, quiet when all is there).
	@hack/install-test-deps.sh

restore: ## Restore NuGet packages.
	@$(DOTNET) restore $(SLN) --verbosity quiet

build: restore ## Build every project (warnings are errors).
	@$(DOTNET) build $(SLN) --no-restore -c $(CONFIGURATION) --verbosity quiet -nologo -clp:NoSummary

lint: restore ## Check formatting, code style and naming without changing files (`make format` fixes most).
	@$(DOTNET) format $(SLN) --verify-no-changes --no-restore --verbosity quiet || \
	  { echo "make lint: formatting or style problems above; run 'make format' and fix what remains" >&2; exit 1; }

format: restore ## Apply formatting fixes.
	@$(DOTNET) format $(SLN) --no-restore --verbosity quiet

test: deps build lint ## Install test dependencies, build, check formatting, run every test; ends with "N passed, N failed, N skipped".
	@rm -rf $(RESULTS)
	@status=0; \
	$(DOTNET) test $(SLN) --no-build -c $(CONFIGURATION) --verbosity quiet -nologo \
	  --logger "console;verbosity=normal" --logger "trx" --results-directory $(RESULTS) >$(RESULTS).log 2>&1 || status=$$?; \
	awk '/^  Failed /{p=1} /^  (Passed|Skipped) |^Results File/{p=0} p' $(RESULTS).log | head -n 300; \
	grep -E 'Test Run Aborted|test host process crashed|: error [A-Z]+[0-9]+' $(RESULTS).log | head -n 20 || true; \
	hack/test-summary.sh $(RESULTS) || status=1; \
	exit $$status

run: ## The whole system: API server on https://127.0.0.1:8443, manager, a mock Provider; data and kubeconfig in .virtrigaud/ (ARGS="<API server flags>"; hack/run.sh lists the settings).
	@hack/run.sh $(ARGS)

bench: bench-grpc bench-storage bench-apiserver bench-controllers bench-staging ## Every benchmark (~40 min; hold the build lock on a shared machine). Reports land in bench/results/.

bench-grpc: ## gRPC benchmark, C# vs python3-grpcio (bench/grpc/run.sh, ~11 min).
	@BENCH_COMMAND="make bench-grpc" bench/grpc/run.sh

bench-storage: ## Storage benchmark, SQLite and etcd backends vs raw etcd puts (bench/storage/run.sh, ~5 min).
	@bench/storage/run.sh

bench-apiserver: ## API server benchmark, 10,000 VMs and 1,000 watchers on SQLite and etcd vs the raw store (bench/apiserver/run.sh, ~9 min).
	@bench/apiserver/run.sh

bench-controllers: ## Controller benchmark, 1,000 VMs from kubectl apply to Ready, reconciles/s, idle manager CPU vs none (bench/controllers/run.sh, ~13 min).
	@bench/controllers/run.sh

bench-staging: ## S3 staging relay (ssh <-> S3) vs each leg alone, real sshd and Ceph RGW (bench/staging/run.sh, ~1 min).
	@bench/staging/run.sh

e2e: ## End-to-end suite (e2e/tests): the whole system as processes with kubectl, the churn case soaked with CHURN_VMS=100 VMs (~8 min).
	@$(DOTNET) build e2e/tests/VirtRigaud.E2E.Tests -c $(CONFIGURATION) --verbosity quiet -nologo -clp:NoSummary
	@E2E_CHURN_VMS=$(or $(CHURN_VMS),100) $(DOTNET) test e2e/tests/VirtRigaud.E2E.Tests --no-build -c $(CONFIGURATION) \
	  --verbosity quiet -nologo --logger "console;verbosity=normal" --blame-hang --blame-hang-timeout 30m

# The gRPC interop program (providers/transport/interop): the standard grpc.testing server and named client cases.
INTEROP        := providers/transport/interop/VirtRigaud.Grpc.Interop
interop_tls     = $(filter 1 true yes,$(TLS))

interop-server: ## gRPC interop server on 127.0.0.1: PORT=<n> [TLS=1] (TLS: CA written to .virtrigaud/interop-ca.crt).
	@[ -n "$(PORT)" ] || { echo "usage: make interop-server PORT=<n> [TLS=1]" >&2; exit 2; }
	@$(DOTNET) run --project $(INTEROP) -c $(CONFIGURATION) --verbosity quiet -- \
	  server --port $(PORT) $(if $(interop_tls),--tls --ca-out .virtrigaud/interop-ca.crt)

interop-client: ## gRPC interop client: HOST=<h> PORT=<n> [TLS=1 CA=<file> SERVER_HOST_OVERRIDE=<name>] CASES=<list|all>.
	@[ -n "$(HOST)" ] && [ -n "$(PORT)" ] && [ -n "$(CASES)" ] || \
	  { echo "usage: make interop-client HOST=<h> PORT=<n> [TLS=1 CA=<file> SERVER_HOST_OVERRIDE=<name>] CASES=<comma list|all>" >&2; exit 2; }
	@$(DOTNET) run --project $(INTEROP) -c $(CONFIGURATION) --verbosity quiet -- \
	  client --host $(HOST) --port $(PORT) \
	  $(if $(interop_tls),--tls $(if $(CA),--ca $(CA)) $(if $(SERVER_HOST_OVERRIDE),--server-host-override $(SERVER_HOST_OVERRIDE))) \
	  --cases $(CASES)

# The provider conformance suite (providers/conformance): named cases against any provider.
CONFORMANCE    := providers/conformance/src/VirtRigaud.Provider.Conformance.Cli

conformance: ## Provider conformance cases against ADDRESS=<host:port> (CA=<f> [CERT=<f> KEY=<f>] [SERVER_NAME=<n>] | INSECURE=1) [CASES= INPUTS= JUNIT=].
	@[ -n "$(ADDRESS)" ] || { echo "usage: make conformance ADDRESS=<host:port> (CA=<file> [CERT=<file> KEY=<file>] [SERVER_NAME=<name>] | INSECURE=1) [CASES=<list>] [INPUTS=<inputs.json>] [JUNIT=<report.xml>]" >&2; exit 2; }
	@$(DOTNET) run --project $(CONFORMANCE) -c $(CONFIGURATION) --verbosity quiet -- \
	  --address $(ADDRESS) \
	  $(if $(filter 1 true yes,$(INSECURE)),--insecure,--tls $(if $(CA),--ca $(CA)) $(if $(CERT),--cert $(CERT)) $(if $(KEY),--key $(KEY)) $(if $(SERVER_NAME),--server-name $(SERVER_NAME))) \
	  --cases $(or $(CASES),all) $(if $(INPUTS),--inputs $(INPUTS)) $(if $(JUNIT),--junit $(JUNIT))

conformance-mock: ## Provider conformance cases against the mock provider on a free port (JUnit: TestResults/conformance-mock.xml).
	@CONFIGURATION=$(CONFIGURATION) DOTNET=$(DOTNET) CASES=$(or $(CASES),all) providers/conformance/scripts/conformance-mock.sh

test-libvirt: ## The libvirt provider's tests alone: real libvirtd + QEMU (TCG) and sshd on loopback, the conformance suite (~7 min).
	@hack/install-libvirt-deps.sh
	@$(DOTNET) build providers/libvirt/tests/VirtRigaud.Provider.Libvirt.Tests -c $(CONFIGURATION) --verbosity quiet -nologo -clp:NoSummary
	@$(DOTNET) test providers/libvirt/tests/VirtRigaud.Provider.Libvirt.Tests --no-build -c $(CONFIGURATION) --verbosity quiet -nologo \
	  --logger "console;verbosity=normal"

clean: ## Remove build and test output.
	@$(DOTNET) clean $(SLN) --verbosity quiet -nologo >/dev/null
	@rm -rf $(RESULTS) $(RESULTS).log

pack: ## NuGet packages of the client SDK and the API types it depends on, with XML docs, into artifacts/packages/.
	@for p in api/machinery/src/VirtRigaud.Api.Machinery api/v1beta1/src/VirtRigaud.Api.V1Beta1 api/client/src/VirtRigaud.Client; do \
	  $(DOTNET) pack $$p -c Release -o artifacts/packages --verbosity quiet -nologo || exit 1; done
	@ls artifacts/packages/*.nupkg
