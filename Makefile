# odoo-dr: two commands on a fresh Debian 12 machine as root: `make demo` and `make test`.
# (`make` itself: apt-get install make, or run scripts/install-deps first.)
SHELL := /bin/bash
# -ntp: no download progress; the first run fetches Maven (./mvnw) and the dependencies from Maven Central.
MVN := ./mvnw -B -ntp
KEEP ?= 0

.PHONY: all deps build deb test unit-test demo demo-down bench bench-setup-database bench-attachment-sync \
        bench-replay-lag bench-base-backup bench-notice-recover bench-cost-at-rest bench-sync-resume \
        bench-restore clean

all: build

## deps: the Debian packages the build, the demo and the tests need (idempotent; root)
deps:
	scripts/install-deps

## build: the self-contained jar (target/odoo-dr.jar) used by bin/odoo-dr; no tests
build:
	@[ -d "$${MAVEN_USER_HOME:-$$HOME/.m2}/wrapper/dists" ] || echo "build: first run: ./mvnw downloads Maven and the dependencies (about 60 MB)"
	$(MVN) -q -DskipTests package

## deb: the Debian package target/odoo-dr_<version>_all.deb (dpkg-deb; bash completion and man page generated
## from the CLI itself); `apt install ./target/odoo-dr_*_all.deb` installs it
deb: build
	scripts/build-deb

## test: install what the tests need, remove labs left by crashed runs, build, run every test (unit and
## end-to-end); fails if end-to-end tests (classes named *Lab*Test, *LiveTest) were skipped instead of run
test: deps
	scripts/prodlab down --all
	scripts/systemd-container down --all   # containers left by crashed runs (the cached tree is kept)
	rm -rf target/surefire-reports   # no stale report may count below
	$(MVN) -q -DskipTests package    # the jar the .deb of SystemdReplicaLabTest is built from (package comes after test)
	$(MVN) verify
	@$(check-e2e-ran)
	scripts/check-deb

# The end-to-end classes skip themselves, with the reason, where they cannot run (not root, -DskipLab=true):
# right for `make unit-test`, never for `make test`.
define check-e2e-ran
ran=0; bad=""; \
for f in target/surefire-reports/TEST-*Lab*Test*.xml target/surefire-reports/TEST-*LiveTest*.xml; do \
  [ -f "$$f" ] || continue; \
  head=$$(grep -m1 '<testsuite ' "$$f"); \
  tests=$$(sed -n 's/.* tests="\([0-9]*\)".*/\1/p' <<< "$$head"); \
  skipped=$$(sed -n 's/.* skipped="\([0-9]*\)".*/\1/p' <<< "$$head"); \
  ran=$$(( ran + $${tests:-0} - $${skipped:-0} )); \
  [ "$${skipped:-0}" = 0 ] || bad="$$bad $${f##*/TEST-}"; \
done; \
for f in $$(grep -l 'prod lab test skipped' target/surefire-reports/TEST-*.xml 2> /dev/null); do \
  case "$$bad " in *" $${f##*/TEST-} "*) ;; *) bad="$$bad $${f##*/TEST-}" ;; esac; \
done; \
if [ -n "$$bad" ] || [ "$$ran" -eq 0 ]; then \
  echo "make test: end-to-end tests were skipped, not run:$${bad:- none ran} (the reasons are in target/surefire-reports)" >&2; \
  exit 1; \
fi; \
echo "make test: $$ran end-to-end tests ran (prod lab, live PostgreSQL), none skipped"
endef

## unit-test: only the tests that need no lab (no root, no namespaces)
unit-test:
	$(MVN) -DskipLab=true verify

## demo: the whole flow against a prod lab (preflight, setup, writes arriving, status, decommission); everything
## it made is removed at the end unless KEEP=1
demo: deps build
	KEEP=$(KEEP) scripts/demo

## demo-down: remove everything `make demo KEEP=1` (or a killed demo) left: agent, standby cluster, keys, mirror, lab
demo-down:
	scripts/demo down

## bench: the benchmarks in bench/ (on demand, never part of `make test`); results appended to bench/results/
##   make bench-setup-database SIZE_MB=500     make bench-attachment-sync FILES=20000
##   make bench-replay-lag LOAD_S=60           make bench-base-backup BB_SIZE_MB=1024
##   make bench-notice-recover                 make bench-cost-at-rest IDLE_S=60
##   make bench-restore RS_SIZE_MB=1024 RS_WAL_MB=512
SIZE_MB ?= 500
FILES ?= 20000
LOAD_S ?= 60
BB_SIZE_MB ?= 1024
IDLE_S ?= 60
RS_SIZE_MB ?= 1024
RS_WAL_MB ?= 512
bench: bench-setup-database bench-attachment-sync bench-replay-lag bench-base-backup bench-notice-recover \
       bench-cost-at-rest bench-sync-resume bench-restore

bench-setup-database: deps build
	bench/setup-database $(SIZE_MB)

bench-attachment-sync: deps build
	bench/attachment-sync $(FILES)

bench-replay-lag: deps build
	bench/replay-lag $(LOAD_S)

bench-base-backup: deps build
	bench/base-backup $(BB_SIZE_MB)

bench-notice-recover: deps build
	bench/notice-recover

bench-cost-at-rest: deps build
	bench/cost-at-rest $(IDLE_S)

bench-sync-resume: deps build
	bench/sync-resume $(FILES)

bench-restore: deps build
	bench/restore $(RS_SIZE_MB) $(RS_WAL_MB)

clean:
	rm -rf target
